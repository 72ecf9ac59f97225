// The failures CLI commands answer themselves: system errors from files, fetch's TypeError.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRequestFailure, isSystemError, reasonOf } from "./failures.js";

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("Cannot test: nothing was thrown");
}

describe("CLI failures", () => {
  it("isSystemError() names a file that cannot be read, not a bug", () => {
    const missing = thrownBy(() =>
      readFileSync(join(tmpdir(), "corridor-no-such-dir", "no-such-file.txt")));
    expect(isSystemError(missing)).toBe(true);
    expect(reasonOf(missing as Error)).toBe("ENOENT");
    expect(isSystemError(new TypeError("x is not a function"))).toBe(false);
    expect(isSystemError(Object.assign(new Error("no syscall"), { code: "E1" }))).toBe(false);
  });

  it("isRequestFailure() names a request fetch could not make, with its cause", async () => {
    // Port 1 is refused by fetch itself ("bad port"): no socket is opened.
    const failed = await fetch("http://127.0.0.1:1/").then(() => undefined, (e: unknown) => e);
    expect(isRequestFailure(failed)).toBe(true);
    expect(reasonOf(failed as Error)).toBe("bad port");
    expect(isRequestFailure(new SyntaxError("Unexpected token"))).toBe(false);
  });
});
