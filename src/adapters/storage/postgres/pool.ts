// The PostgreSQL connection pool: explicit limits and timeouts, transactions retried when
// PostgreSQL aborts them for a deadlock or serialization failure, and a clear start-up error.
import pg from "pg";

import { assert } from "../../../lib/index.js";
import {
  postgresConnectTimeoutMs, postgresIdleInTransactionMs, postgresPoolConnectionsMax,
  postgresStatementTimeoutMs, postgresTransactionRetriesMax,
} from "../../../limits.js";

export interface PostgresPoolOptions {
  /** postgres://user:password@host:port/database (libpq URL). */
  readonly url: string;
  readonly connectionsMax?: number;
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, e.g. "corridor-hub". */
  readonly applicationName?: string;
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
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`Cannot connect to PostgreSQL at ${describeUrl(options.url)}: ` +
      `${errorText(error)}`);
  }
  return pool;
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
        broken = true;
      }
      if (!isRetryable(error) || attempt >= postgresTransactionRetriesMax) throw error;
    } finally {
      client.release(broken);
    }
  }
}
