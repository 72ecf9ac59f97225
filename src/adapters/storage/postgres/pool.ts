// The PostgreSQL connection pool: explicit limits and timeouts, transactions retried when
// PostgreSQL aborts them for a deadlock or serialization failure, and a clear start-up error.
import pg from "pg";

import { assert, isStorageError, silentLogger, StorageError } from "../../../lib/index.js";
import type { Logger } from "../../../lib/index.js";
import {
  postgresConnectTimeoutMs, postgresIdleInTransactionMs, postgresPoolConnectionsMax,
  postgresStatementTimeoutMs, postgresTransactionRetriesMax,
} from "../../../limits.js";
import { isAssertionFailure, translateStorageError } from "../storage-errors.js";

export interface PostgresPoolOptions {
  /** postgres://user:password@host:port/database (libpq URL). */
  readonly url: string;
  readonly connectionsMax?: number;
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, e.g. "corridor-hub". */
  readonly applicationName?: string;
  /** Where the store reports what it recovers from alone: dropped connections, reconnects. */
  readonly logger?: Logger | undefined;
}

export type Queryable = Pick<pg.PoolClient, "query">;

/** The URL without its password, for error messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port === "" ? "5432" : parsed.port}${parsed.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

export function connectionConfig(options: PostgresPoolOptions): pg.ClientConfig {
  return {
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? postgresConnectTimeoutMs,
    statement_timeout: options.statementTimeoutMs ?? postgresStatementTimeoutMs,
    // The client-side bound covers a server that stopped answering (network partition).
    query_timeout: (options.statementTimeoutMs ?? postgresStatementTimeoutMs) + 2_000,
    idle_in_transaction_session_timeout: postgresIdleInTransactionMs,
    application_name: options.applicationName ?? "corridor-hub",
    keepAlive: true,
  };
}

/** Opens the pool and proves the database answers; throws "Cannot connect to PostgreSQL" if not. */
export async function openPool(options: PostgresPoolOptions): Promise<pg.Pool> {
  const connectionsMax = options.connectionsMax ?? postgresPoolConnectionsMax;
  assert(connectionsMax >= 2, "the pool holds at least two connections");
  const pool = new pg.Pool({ ...connectionConfig(options), max: connectionsMax,
    idleTimeoutMillis: 30_000, allowExitOnIdle: false });
  // An idle connection dropped by a database restart is reported here and discarded by the
  // pool; the next query opens a fresh one. Without a listener Node would crash the process.
  const logger = options.logger ?? silentLogger;
  pool.on("error", (error) => {
    logger.warn({ err: error }, "PostgreSQL dropped an idle connection; the pool opens another");
  });
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    // The pool never answered: ending it can only fail for the same reason, already reported.
    await pool.end().catch(() => undefined);
    throw startError(error, options.url);
  }
  return pool;
}

/**
 * Why the pool could not start, with the driver's text for the operator: StorageError
 * "unavailable" when the database is not there (yet), a plain Error when the server refused
 * this node (a password, a database name, TLS). The driver's error stays the cause; a failed
 * assertion propagates unchanged.
 */
function startError(error: unknown, url: string): unknown {
  if (isAssertionFailure(error)) return error;
  const translated = translateStorageError(error, "connect to PostgreSQL");
  const message = `Cannot connect to PostgreSQL at ${describeUrl(url)}: ${errorText(error)}`;
  return isStorageError(translated) ? new StorageError("unavailable", message, { cause: error })
    : new Error(message, { cause: error });
}

export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return errorText(error.errors[0]);
  }
  if (error instanceof Error) return error.message === "" ? error.name : error.message;
  return String(error);
}

const retryableCodes = new Set(["40001", "40P01"]);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && retryableCodes.has(code);
}

/** Runs `body` in one READ COMMITTED transaction; retries deadlocks and serialization failures. */
export async function inTransaction<Value>(
  pool: pg.Pool,
  body: (client: pg.PoolClient) => Promise<Value>,
): Promise<Value> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const value = await body(client);
      await client.query("COMMIT");
      return value;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch {
        // A connection that cannot roll back is lost or stuck: release(true) destroys it
        // instead of returning it to the pool. The body's error is the one to report.
        broken = true;
      }
      if (!isRetryable(error) || attempt >= postgresTransactionRetriesMax) throw error;
    } finally {
      client.release(broken);
    }
  }
}
