// Schema migrations for PostgreSQL: the shared versioned list (../migrations.ts) applied at
// start under an advisory lock, so two nodes starting together never apply one version twice.
import type pg from "pg";

import { silentLogger } from "../../../lib/index.js";
import type { Logger } from "../../../lib/index.js";
import { postgresMigrationTimeoutMs } from "../../../limits.js";
import type { Migration } from "../migrations.js";

/** Advisory lock key for migrations: "CORRMIGR" read as a 64-bit number, fixed forever. */
const migrationLockKey = "4850185837138757458";

/** Applies the pending migrations; returns the versions it applied (empty when up to date). */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
  options: { logger?: Logger | undefined } = {},
): Promise<number[]> {
  const client = await pool.connect();
  // Until the end is reached, the session may hold the advisory lock, the migration timeout or
  // an aborted transaction: on any failure release(true) destroys the connection, and
  // PostgreSQL drops all three with the session. The failure itself propagates unchanged.
  let clean = false;
  try {
    await client.query(`SET statement_timeout = ${postgresMigrationTimeoutMs}`);
    await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    const applied = await applyPending(client, migrations, options.logger ?? silentLogger);
    await client.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]);
    await client.query("RESET statement_timeout");
    clean = true;
    return applied;
  } finally {
    client.release(!clean);
  }
}

async function applyPending(
  client: pg.PoolClient,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
  const rows = await client.query<{ version: number }>(
    "SELECT version FROM schema_migrations ORDER BY version");
  const applied = new Set(rows.rows.map((row) => row.version));
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(`Cannot open store: the database has schema version ${newest}, newer than ` +
      `this build's ${known}; upgrade this node`);
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await client.query("BEGIN");
    try {
      for (const statement of migration.postgres) await client.query(statement);
      await client.query("INSERT INTO schema_migrations VALUES ($1, $2, now())",
        [migration.version, migration.name]);
      await client.query("COMMIT");
    } catch (error) {
      // The migration's error is the one to report. A ROLLBACK that fails too means that the
      // connection is lost; the caller destroys it, which rolls back as well.
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        logger.warn({ err: rollbackError, version: migration.version },
          "Cannot roll back a failed migration: the connection is lost");
      });
      throw error;
    }
    done.push(migration.version);
  }
  return done;
}
