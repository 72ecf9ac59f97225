// The replay window on PostgreSQL: one statement per signed request claims the signature and
// removes a few expired records, so every node of a hub sees every other node's claims.
import type pg from "pg";
import type { StoreAdapter } from "../../../network/index.js";
import { replayWindowPurgeRowsMax } from "../../../limits.js";

/**
 * The claim wins when it inserts the key, or takes over a record that expired: of two nodes
 * racing on one key, the second waits for the first's row and then finds it unexpired. The
 * purge skips rows another node is deleting and leaves the claimed key alone, so the two parts
 * of the statement never touch one row. Its commit does not wait for its own WAL flush (as an
 * acknowledgement's, decision 0005): every node sees the claim at once, a PostgreSQL crash in
 * the next few hundred milliseconds can lose it, and any later synchronous commit (the
 * request's own, when it changes state) flushes it first.
 */
const claimText = `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
  purged AS (
    DELETE FROM replay_window WHERE key IN (SELECT key FROM replay_window
      WHERE expires_at <= $3 AND key <> $1 ORDER BY expires_at LIMIT $4
      FOR UPDATE SKIP LOCKED))
  INSERT INTO replay_window (key, expires_at) SELECT $1, $2 FROM relaxed
  ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
  WHERE replay_window.expires_at <= $3
  RETURNING key`;

export function postgresReplayWindow(pool: pg.Pool): Pick<StoreAdapter, "claimSignature"> {
  return {
    claimSignature: async (key, { expiresAt, now }) => (await pool.query(claimText,
      [key, expiresAt, now, replayWindowPurgeRowsMax])).rows.length === 1,
  };
}
