// RMA authorisations on PostgreSQL: the same table and meaning as the SQLite store.
import type pg from "pg";
import type { StoreAdapter } from "../../../network/index.js";
import { queryRowsMax } from "../../../limits.js";
import { rmaFromRow } from "../rows.js";
import type { RmaRow } from "../rows.js";

export function postgresRma(pool: pg.Pool): Pick<StoreAdapter,
  "putRma" | "deleteRma" | "findRma" | "listRma"> {
  return {
    putRma: async (rma) => {
      await pool.query(`INSERT INTO rma (receiver, sender, types, granted_by, granted_at)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (receiver, sender) DO UPDATE SET
        types = excluded.types, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      [rma.receiver, rma.sender, rma.types.join(","), rma.grantedBy, rma.grantedAt]);
    },
    deleteRma: async (receiver, sender) =>
      ((await pool.query("DELETE FROM rma WHERE receiver = $1 AND sender = $2",
        [receiver, sender])).rowCount ?? 0) > 0,
    findRma: async (receiver, sender) => {
      const row = (await pool.query<RmaRow>(
        "SELECT * FROM rma WHERE receiver = $1 AND sender = $2", [receiver, sender])).rows[0];
      return row === undefined ? undefined : rmaFromRow(row);
    },
    listRma: async ({ bic, limit }) => (await pool.query<RmaRow>(`SELECT * FROM rma
      WHERE $1::text IS NULL OR receiver = $1 OR sender = $1 ORDER BY receiver, sender
      LIMIT $2`, [bic ?? null, Math.min(limit, queryRowsMax)])).rows.map(rmaFromRow),
  };
}
