// Driver errors into typed storage errors: a better-sqlite3 or node-postgres failure that means
// "the store is not there, busy or full" becomes StorageError "unavailable"; the rest propagate
// unchanged (bugs, constraint violations, SQL errors, assertion failures).
import { assert, AssertionError, StorageError, isStorageError } from "../../lib/index.js";

/** Socket errors on the way to the database server (Node's `code`). */
const socketCodes: ReadonlySet<string> = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT",
  "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * SQLite primary result codes (better-sqlite3 `code`, extended codes such as SQLITE_BUSY_SNAPSHOT
 * or SQLITE_IOERR_WRITE included) that a retry can outlive. SQLITE_LOCKED is left out: with one
 * connection it means a statement conflicts with another of the same connection, a bug;
 * SQLITE_CORRUPT and SQLITE_NOTADB are left out: a damaged file needs an operator, not a retry.
 */
const sqliteReasons: ReadonlyMap<string, string> = new Map([
  ["BUSY", "the database file is locked by another connection"],
  ["PROTOCOL", "the database file's locks are contended"],
  ["FULL", "the disk is full"],
  ["IOERR", "the disk reported an I/O error"],
  ["CANTOPEN", "the database file cannot be opened"],
]);

/**
 * PostgreSQL SQLSTATEs of a server that is not there right now: connection exceptions (class
 * 08), a shutdown, crash or start-up in progress (57P01-57P03), insufficient resources such as
 * a full disk or too many connections (class 53), system errors (class 58).
 */
function postgresReason(sqlstate: string): string | undefined {
  if (sqlstate.startsWith("08")) return "the connection to the database failed";
  if (/^57P0[1-3]$/.test(sqlstate)) return "the database is restarting";
  if (sqlstate.startsWith("53")) return "the database is out of disk, memory or connections";
  if (sqlstate.startsWith("58")) return "the database server reported a system error";
  return undefined;
}

/**
 * Errors node-postgres raises without a code when a connection dies or never comes. Not here,
 * because they mean the hub used what it had closed itself (a bug, not an outage): "Connection
 * terminated" (without "unexpectedly"), "Client was closed and is not queryable", "Cannot use a
 * pool after calling end on the pool".
 */
const lost = "the connection to the database was lost";
const late = "the database did not answer in time";
const postgresDriverMessages: ReadonlyMap<string, string> = new Map([
  ["Connection terminated unexpectedly", lost],
  ["Client has encountered a connection error and is not queryable", lost],
  ["Connection terminated due to connection timeout", late],
  ["timeout expired", late],
  ["Query read timeout", late],
  // The pool had no free connection and could open none in time: busy.
  ["timeout exceeded when trying to connect", "no database connection was free in time"],
]);

/** How far down `cause` chains and AggregateErrors (a refused IPv4 and IPv6) to look. */
const errorDepthMax = 4;
const aggregateErrorsMax = 8;

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** A failed assertion: a bug, never translated. */
export function isAssertionFailure(error: unknown): boolean {
  // node:assert's AssertionError is a different class with the same name.
  return error instanceof AssertionError ||
    (error instanceof Error && error.name === "AssertionError");
}

/** Why one error (not its causes) says that the store is unavailable, or undefined. */
function reasonOf(error: object): string | undefined {
  const code = codeOf(error);
  if (code === undefined) {
    return error instanceof Error ? postgresDriverMessages.get(error.message) : undefined;
  }
  if (socketCodes.has(code)) return "the database server cannot be reached";
  const sqlite = /^SQLITE_([A-Z]+)/.exec(code);
  if (sqlite !== null) return sqliteReasons.get(sqlite[1] ?? "");
  return /^[0-9A-Z]{5}$/.test(code) ? postgresReason(code) : undefined;
}

/** Looks through causes and aggregated errors, breadth first and bounded; never past a bug. */
function unavailableReason(error: unknown): string | undefined {
  let layer: unknown[] = [error];
  for (let depth = 0; depth < errorDepthMax && layer.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const candidate of layer) {
      if (typeof candidate !== "object" || candidate === null) continue;
      if (isAssertionFailure(candidate)) return undefined;
      const reason = reasonOf(candidate);
      if (reason !== undefined) return reason;
      if (candidate instanceof AggregateError) {
        next.push(...(candidate.errors as unknown[]).slice(0, aggregateErrorsMax));
      }
      if (candidate instanceof Error && candidate.cause !== undefined) next.push(candidate.cause);
    }
    layer = next;
  }
  return undefined;
}

/**
 * The typed error for a driver error: StorageError "unavailable" when the store cannot be
 * reached, is busy or full, with the driver's error as its cause. Any other error, and any
 * assertion failure, is returned unchanged. The message is Cannot `operation`: the reason.
 * The message names the condition, never the driver's text: answers to clients may quote it.
 */
export function translateStorageError<Thrown>(
  error: Thrown,
  operation: string,
): Thrown | StorageError {
  if (isStorageError(error) || isAssertionFailure(error)) return error;
  const reason = unavailableReason(error);
  if (reason === undefined) return error;
  return new StorageError("unavailable", `Cannot ${operation}: ${reason}`, { cause: error });
}

type Method = (...args: unknown[]) => unknown;

export interface StorageErrorsOptions {
  /** Named in messages: "SQLite", "PostgreSQL". */
  readonly store: string;
  /**
   * "sync": every method does its driver work during the call (better-sqlite3) and returns a
   * settled promise, so a try/catch sees each driver error; it becomes a rejection, as from an
   * async function. "async": driver errors come as rejections (node-postgres); a method that
   * returns something other than a promise (a subscription) passes its result through.
   */
  readonly calls: "sync" | "async";
}

/**
 * The store with every method translating driver errors (translateStorageError), wrapped once
 * here: a call costs one try/catch, and for "async" the handler on the returned promise.
 */
export function withStorageErrors<Store extends object>(
  store: Store,
  options: StorageErrorsOptions,
): Store {
  // Only own properties are copied: a class instance would lose its prototype's methods.
  assert(Object.getPrototypeOf(store) === Object.prototype, "a store is a plain object");
  const wrap = options.calls === "sync" ? rejecting : translating;
  const guarded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    guarded[key] = typeof value === "function"
      ? wrap(store, value as Method, `run "${key}" on the ${options.store} store`) : value;
  }
  return guarded as Store;
}

function rejecting(store: object, method: Method, operation: string): Method {
  return (...args) => {
    try {
      return method.apply(store, args);
    } catch (error) {
      // Whatever the driver threw propagates unchanged when it is not a known condition.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(translateStorageError(error, operation));
    }
  };
}

function translating(store: object, method: Method, operation: string): Method {
  const rethrow = (error: unknown): never => {
    throw translateStorageError(error, operation);
  };
  return (...args) => {
    let result: unknown;
    try {
      result = method.apply(store, args);
    } catch (error) {
      return rethrow(error);
    }
    return result instanceof Promise ? result.then(undefined, rethrow) : result;
  };
}
