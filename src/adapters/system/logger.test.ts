// createLogger(): pino behind the Logger port, captured through a stream and through a file
// descriptor (written synchronously: the line is in the file before the call returns).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, parseLogLevel } from "./logger.js";

function captureStream(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) { chunks.push(chunk.toString()); done(); },
  });
  const lines = () => chunks.join("").split("\n").filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

const cleanups: (() => void)[] = [];
afterEach(() => { for (const cleanup of cleanups.splice(0)) cleanup(); });

describe("createLogger()", () => {
  it("createLogger() writes one JSON line per call with level label, time, message, fields", () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream });
    logger.info({ bic: "BANKUS33XXX", count: 3 }, "Session opened");
    const [line, ...rest] = capture.lines();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: "info", msg: "Session opened", bic: "BANKUS33XXX",
      count: 3 });
    expect(typeof line?.time).toBe("string");
  });

  it("createLogger() serialises err with its type, message, stack and cause", () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream });
    const cause = Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" });
    logger.error({ err: new Error("Cannot store message", { cause }) }, "Cannot submit");
    const err = capture.lines()[0]?.err as Record<string, unknown>;
    expect(err.type).toBe("Error");
    expect(err.message).toContain("Cannot store message");
    expect(err.stack).toMatch(/^Error: Cannot store message\n\s+at /);
    expect(err.stack).toContain("caused by: Error: connection refused");
  });

  it("createLogger() drops lines below its level; child() adds its fields to every line", () => {
    const capture = captureStream();
    const logger = createLogger({ level: "warn", destination: capture.stream });
    logger.debug({}, "debug line");
    logger.info({}, "info line");
    const child = logger.child({ component: "session" });
    child.warn({ code: 1011 }, "warn line");
    child.error({}, "error line");
    expect(capture.lines().map((line) => [line.level, line.msg, line.component])).toEqual([
      ["warn", "warn line", "session"], ["error", "error line", "session"]]);
  });

  it("createLogger() blanks fields named like secrets, one level down too", () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream });
    logger.info({ password: "hunter2", request: { authorization: "Bearer abc", path: "/x" } },
      "careless line");
    const text = JSON.stringify(capture.lines());
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("Bearer abc");
    expect(capture.lines()[0]).toMatchObject({ password: "[redacted]",
      request: { authorization: "[redacted]", path: "/x" } });
  });

  it("createLogger() on a file descriptor has written the line when the call returns", () => {
    const dir = mkdtempSync(join(tmpdir(), "corridor-logger-"));
    const path = join(dir, "hub.log");
    const fd = openSync(path, "w");
    cleanups.push(() => { closeSync(fd); rmSync(dir, { recursive: true, force: true }); });
    const logger = createLogger({ destination: fd, level: "debug" });
    logger.error({ reason: "crash next" }, "Last words");
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>))
      .toEqual([expect.objectContaining({ level: "error", msg: "Last words" })]);
  });

  it("createLogger() refuses an unknown level with the levels it knows", () => {
    expect(() => createLogger({ level: "verbose" })).toThrow(
      'Cannot set log level "verbose": expected debug, info, warn, error, silent');
  });
});

describe("parseLogLevel()", () => {
  it("parseLogLevel() reads a level case-blind and defaults to info", () => {
    expect(parseLogLevel(undefined)).toEqual({ ok: true, value: "info" });
    expect(parseLogLevel(" WARN ")).toEqual({ ok: true, value: "warn" });
    expect(parseLogLevel("silent")).toEqual({ ok: true, value: "silent" });
    const bad = parseLogLevel("trace");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]?.code).toBe("log-level-invalid");
  });
});
