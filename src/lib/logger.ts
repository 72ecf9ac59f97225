// The logger port: structured, one JSON object per line. An adapter (pino) implements it; the
// domain and the interfaces log through it so that tests can capture what was logged.

/** Fields of one log line; `err` carries an Error, serialised with its stack by the adapter. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  /** A logger whose lines all carry `fields` (a component, a request id). */
  child(fields: LogFields): Logger;
}

/** A logger that drops every line: for tools and tests that do not read logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
