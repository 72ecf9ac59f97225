// The last line of the HTTP edge: an exception no route turned into an answer. A StorageError
// (the adapters' translation of a store that is down, busy or full) answers 503 so that clients
// retry; a failed assertion crashes the process; anything else is a 500 without its details.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AssertionError, isStorageError } from "../../lib/index.js";
import type { StorageErrorKind } from "../../lib/index.js";
import type { HttpEnv } from "./context.js";

interface StorageAnswer {
  readonly status: 503;
  readonly code: string;
  /** Follows the method and path in the message: Cannot answer GET /path: detail. */
  readonly detail: string;
  readonly retryAfterSeconds: number;
}

/** The answer to each kind of storage failure. */
const storageAnswers: Record<StorageErrorKind, StorageAnswer> = {
  unavailable: { status: 503, code: "storage-unavailable", retryAfterSeconds: 1,
    detail: "the message store is unavailable, retry later" },
};

/** Assertion failures already handed to the process (onError sees one once per middleware). */
const crashing = new WeakSet<Error>();

/**
 * A failed assertion is a bug: never an answer. Rethrowing alone is not enough:
 * Hono hands the error back to app.fetch() (app.request() rejects with it), but the Node server
 * adapter turns a rejected fetch into a bare 500 and logs nothing. So it is also rethrown from a
 * microtask, where no one catches it: the process gets an uncaught exception and stops before
 * any answer is written. (node:assert's AssertionError has the same name.)
 */
function crashOnAssertion(error: Error): void {
  if (!(error instanceof AssertionError) && error.name !== "AssertionError") return;
  if (!crashing.has(error)) {
    crashing.add(error);
    queueMicrotask(() => { throw error; });
  }
  throw error;
}

/** Hono's onError handler: 503 storage-unavailable or 500 internal-error, never the details. */
export function answerUncaught(error: Error, c: Context<HttpEnv>): Response {
  // Middleware that throws its own answer (body limits and the like) keeps it.
  if (error instanceof HTTPException) return error.getResponse();
  crashOnAssertion(error);
  const where = `${c.req.method} ${c.req.path}`;
  if (isStorageError(error)) {
    const answer = storageAnswers[error.kind];
    return c.json({ error: { code: answer.code, location: "store",
      message: `Cannot answer ${where}: ${answer.detail}` } }, answer.status,
    { "retry-after": String(answer.retryAfterSeconds) });
  }
  // Only the operator's log sees what went wrong (the request log's line carries the error);
  // the client gets a stable code.
  return c.json({ error: { code: "internal-error", location: "hub",
    message: `Cannot answer ${where}: internal error` } }, 500);
}
