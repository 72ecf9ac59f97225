// Smoke test of `corridor mt validate|parse` as a spawned process: JSON shape and exit codes.
import { execFileSync, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const fixtures = resolve(root, "test/fixtures/mt/mt103");

function corridor(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync("node", ["bin/corridor.js", ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout };
}

describe("corridor mt", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root });
  }, 120_000);

  it("mt validate --json prints one line per file and exits 1 when one is invalid", () => {
    const result = corridor("mt", "validate", "--json", `${fixtures}/valid-core.txt`,
      `${fixtures}/invalid-71a-code.txt`);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { file: `${fixtures}/valid-core.txt`, valid: true, errors: [] },
      { file: `${fixtures}/invalid-71a-code.txt`, valid: false, errors: [{ code: "T08",
        field: "71A", line: 11, message: "Cannot accept 71A \"XYZ\": must be BEN, OUR or SHA" }] },
    ]);
  });

  it("mt validate exits 0 when every file is valid and 2 for a missing file", () => {
    expect(corridor("mt", "validate", `${fixtures}/valid-core.txt`).status).toBe(0);
    expect(corridor("mt", "validate", `${fixtures}/absent.txt`).status).toBe(2);
  });

  it("mt parse --json gives the fields of each message", () => {
    const result = corridor("mt", "parse", "--json", `${fixtures}/valid-core.txt`);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { messages: { type: string }[] };
    expect(parsed.messages[0]?.type).toBe("103");
  });
});
