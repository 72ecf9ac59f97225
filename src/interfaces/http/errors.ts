// The last line of the HTTP edge: an exception no route turned into an answer. A store that
// cannot be reached (PostgreSQL restarting, SQLite locked or out of disk) answers 503 so that
// clients retry; anything else is a 500 with a generic code. Neither leaks the error's text.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { HttpEnv } from "./context.js";

/** SQLSTATE classes and codes that mean "the database is not there right now". */
const postgresUnavailable = [/^08/, /^57P0[1-3]$/, /^53/, /^58/];
/** Socket errors on the way to the database. */
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND",
  "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
/** SQLite result codes (better-sqlite3 `code`) of a busy, full or broken database file. */
const sqliteUnavailable = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|NOTADB)/;
/** node-postgres raises these without a code when a connection dies or never comes. */
const driverMessages = new RegExp("connection terminated|timeout exceeded when trying to " +
  "connect|query read timeout|client was closed|not queryable|pool after calling end|" +
  "connection is not open|database connection is not open", "i");
/** How far down `cause` and AggregateError chains to look. */
const errorDepthMax = 4;

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function matches(error: object): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    if (socketCodes.has(code) || sqliteUnavailable.test(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && postgresUnavailable.some((p) => p.test(code))) return true;
  }
  return error instanceof Error && driverMessages.test(error.message);
}

/** True when the error says the store cannot be reached, as opposed to a bug. */
export function isStoreUnavailable(error: unknown): boolean {
  let layer: unknown[] = [error];
  for (let depth = 0; depth < errorDepthMax && layer.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const candidate of layer) {
      if (typeof candidate !== "object" || candidate === null) continue;
      if (matches(candidate)) return true;
      if (candidate instanceof AggregateError) {
        next.push(...(candidate.errors as unknown[]).slice(0, 8));
      }
      if (candidate instanceof Error && candidate.cause !== undefined) next.push(candidate.cause);
    }
    layer = next;
  }
  return false;
}

/** Hono's onError handler: 503 storage-unavailable or 500 internal-error, never the details. */
export function answerUncaught(error: Error, c: Context<HttpEnv>): Response {
  // Middleware that throws its own answer (body limits and the like) keeps it.
  if (error instanceof HTTPException) return error.getResponse();
  const where = `${c.req.method} ${c.req.path}`;
  if (isStoreUnavailable(error)) {
    return c.json({ error: { code: "storage-unavailable", location: "store",
      message: `Cannot answer ${where}: the message store is unavailable, retry later` } }, 503,
    { "retry-after": "1" });
  }
  // Only the operator's log sees what went wrong; the client gets a stable code.
  console.error(`Cannot answer ${where}:`, error);
  return c.json({ error: { code: "internal-error", location: "hub",
    message: `Cannot answer ${where}: internal error` } }, 500);
}
