// The Logger port backed by pino: JSON lines on stderr (fd 2), written synchronously so that the
// line logged just before a crash reaches the terminal or the file instead of a lost buffer.
import pino from "pino";
import type { DestinationStream, Logger as PinoLogger } from "pino";
import { fail, ok } from "../../lib/index.js";
import type { Logger, Result } from "../../lib/index.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const logLevels: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

export interface LoggerOptions {
  /** debug, info (the default), warn, error or silent: the CLI may pass CORRIDOR_LOG_LEVEL. */
  readonly level?: string;
  /** A file descriptor (default 2, stderr) or a stream, for tests that read the lines. */
  readonly destination?: NodeJS.WritableStream | number;
}

/**
 * Defence in depth: the edges never log secrets, but a field with one of these names is blanked
 * anyway, at the top level and one object down.
 */
const secretKeys = ["password", "token", "authorization", "cookie", "signature", "privateKeyPem"];

/** A level from configuration text; empty or absent means info. */
export function parseLogLevel(text: string | undefined): Result<LogLevel, "log-level-invalid"> {
  const value = (text ?? "").trim().toLowerCase();
  if (value === "") return ok("info");
  const level = logLevels.find((candidate) => candidate === value);
  return level !== undefined ? ok(level) : fail("log-level-invalid", "level",
    `Cannot set log level "${text}": expected ${logLevels.join(", ")}`);
}

/** A pino-backed Logger; throws on an unknown level (check it first with parseLogLevel). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = parseLogLevel(options.level);
  if (!level.ok) throw new Error(level.problems[0]?.message ?? "Cannot set log level");
  const destination = options.destination ?? 2;
  // sync: each line is written with writeSync before the call returns; logging is not on the
  // hot path (one line per request), so losing the last lines on a crash would cost more.
  const stream: DestinationStream = typeof destination === "number"
    ? pino.destination({ fd: destination, sync: true }) : destination;
  const base = pino({
    level: level.value,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Labels ("warn") rather than pino's numbers, so that a line reads without a lookup table.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
    redact: { paths: [...secretKeys, ...secretKeys.map((key) => `*.${key}`)],
      censor: "[redacted]" },
  }, stream);
  return wrap(base);
}

function wrap(base: PinoLogger): Logger {
  return {
    debug: (fields, message) => { base.debug(fields, message); },
    info: (fields, message) => { base.info(fields, message); },
    warn: (fields, message) => { base.warn(fields, message); },
    error: (fields, message) => { base.error(fields, message); },
    child: (fields) => wrap(base.child(fields)),
  };
}
