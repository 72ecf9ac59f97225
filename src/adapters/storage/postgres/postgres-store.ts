// The PostgreSQL store: one database shared by several hub nodes. Numbering holds participant row
// locks, job claiming skips rows another node holds, LISTEN/NOTIFY wakes the node that serves
// the receiver, and scheduled jobs are leased per period so only one node runs each.
import { randomBytes } from "node:crypto";
import type pg from "pg";

import type {
  AccountRecord, AccountWrite, MessageSearch, MessageStatus, StoreAdapter, Participant,
  StoredMessage,
} from "../../../network/index.js";
import type { Bic } from "../../../standards/index.js";
import { queryRowsMax } from "../../../limits.js";
import { migrations } from "../migrations.js";
import {
  accountChangeColumns, accountChangeValues, accountColumns, accountFromRow, accountOfWrite,
  accountUpsertChanges, accountValues, allStatuses, assertTrafficQuery, messageFromRow,
  participantFromRow, searchOrder, trafficFromRow,
} from "../rows.js";
import type { AccountRow, MessageRow, ParticipantRow, TrafficRow } from "../rows.js";
import { migratePostgres } from "./migrate.js";
import { insertHeldCases, postgresControls } from "./postgres-controls.js";
import { createListener, notifyQueued } from "./notifier.js";
import { postgresReplayWindow } from "./replay-window.js";
import { postgresRma } from "./rma.js";
import { connectionConfig, inTransaction, openPool } from "./pool.js";
import type { PostgresPoolOptions } from "./pool.js";
import { ackInbox, claimInbox, commitBatch, insertMessages, noticeInsert } from "./queue.js";
import { withStorageErrors } from "../storage-errors.js";

export type PostgresStoreOptions = PostgresPoolOptions;

export interface PostgresStore extends StoreAdapter {
  /** This node's id in NOTIFY payloads and job leases. */
  readonly node: string;
  readonly pool: pg.Pool;
  onQueued(listener: (receivers: readonly Bic[]) => void): () => void;
  leaseJob(name: string, options: { now: number; periodMs: number }): Promise<boolean>;
}

/** Opens the pool, applies pending migrations under a lock, and returns the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = await openPool(options);
  try {
    await migratePostgres(pool, migrations, { logger: options.logger });
  } catch (error) {
    // The migration's error is the one to report; ending the pool can fail only because the
    // database went away, which that error already says.
    await pool.end().catch(() => undefined);
    throw error;
  }
  const node = randomBytes(8).toString("hex");
  const listener = createListener({ config: connectionConfig(options), node,
    logger: options.logger,
    queuedReceivers: async () => (await pool.query<{ receiver: string }>(
      `SELECT DISTINCT receiver FROM messages WHERE status = 'queued' LIMIT ${queryRowsMax}`))
      .rows.map((row) => row.receiver as Bic) });
  // One wrapping point: every method rejects with a StorageError when the database cannot be
  // reached, is restarting or out of resources (storage-errors.ts); others propagate unchanged.
  return withStorageErrors({
    node, pool,
    close: async () => { await listener.close(); await pool.end(); },
    ping: async () => { await pool.query("SELECT 1"); },
    onQueued: (callback) => listener.subscribe(callback),
    ...participantsAndAccounts(pool),
    ...queue(pool, node),
    ...reports(pool),
    ...postgresControls(pool, node),
    ...postgresRma(pool),
    ...postgresReplayWindow(pool),
    leaseJob: async (name, { now, periodMs }) => {
      const won = await pool.query(`INSERT INTO job_leases (name, holder, due_at, runs)
        VALUES ($1, $2, $3, 1) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,
        due_at = excluded.due_at, runs = job_leases.runs + 1 WHERE job_leases.due_at <= $4
        RETURNING name`, [name, node, now + periodMs, now]);
      return won.rows.length === 1;
    },
  }, { store: "PostgreSQL", calls: "async" });
}

type Part<Keys extends keyof StoreAdapter> = Pick<StoreAdapter, Keys>;

/** $from, …, $to: numbered parameters of a statement. */
function params(from: number, to: number): string {
  return Array.from({ length: to - from + 1 }, (_, index) => `$${from + index}`).join(", ");
}

const accountParams = params(1, 13);

function participantsAndAccounts(pool: pg.Pool): Part<"upsertParticipant" | "getParticipant" |
  "listParticipants" | "upsertAccount" | "insertAccount" | "updateAccount" | "findAccount" |
  "listAccounts"> {
  return {
    upsertParticipant: async (p: Participant) => {
      await pool.query(`INSERT INTO participants (bic, name, public_key_pem, parent, status,
        created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (bic) DO UPDATE SET
        name = excluded.name, public_key_pem = excluded.public_key_pem,
        parent = excluded.parent, status = excluded.status`,
      [p.bic, p.name, p.publicKeyPem, p.parent ?? null, p.status, p.createdAt]);
    },
    getParticipant: async (bic) => {
      const row = (await pool.query<ParticipantRow>(
        "SELECT * FROM participants WHERE bic = $1", [bic])).rows[0];
      return row === undefined ? undefined : participantFromRow(row);
    },
    listParticipants: async () => (await pool.query<ParticipantRow>(
      `SELECT * FROM participants ORDER BY bic LIMIT ${queryRowsMax}`)).rows
      .map(participantFromRow),
    // The lineage and creation of an account are written once, at insert (migration 12).
    upsertAccount: async (a: AccountWrite) => {
      await pool.query(`INSERT INTO accounts (${accountColumns}) VALUES (${accountParams})
        ON CONFLICT (name) DO UPDATE SET ${accountUpsertChanges},
        version = accounts.version + 1`,
      accountValues(accountOfWrite(a)));
    },
    insertAccount: async (a: AccountRecord) => (await pool.query(`INSERT INTO accounts
      (${accountColumns}) VALUES (${accountParams}) ON CONFLICT (name) DO NOTHING`,
    accountValues(a))).rowCount === 1,
    updateAccount: async (a: AccountRecord, fromVersion: number) => (await pool.query(
      `UPDATE accounts SET (${accountChangeColumns}) = (${params(1, 9)})
        WHERE name = $10 AND version = $11`,
      [...accountChangeValues(a), a.name, fromVersion])).rowCount === 1,
    findAccount: async (query) => {
      const row = ("name" in query
        ? await pool.query<AccountRow>("SELECT * FROM accounts WHERE name = $1", [query.name])
        : await pool.query<AccountRow>("SELECT * FROM accounts WHERE token_hash = $1",
          [query.tokenHash])).rows[0];
      return row === undefined ? undefined : accountFromRow(row);
    },
    listAccounts: async () => (await pool.query<AccountRow>(
      `SELECT * FROM accounts ORDER BY name LIMIT ${queryRowsMax}`)).rows.map(accountFromRow),
  };
}

function queue(pool: pg.Pool, node: string): Part<"commitSubmissions" | "getMessage" |
  "claimInbox" | "ackInbox" | "inboxPosition" | "addNotices" | "takeObsolete" | "finish"> {
  return {
    commitSubmissions: (batch) => inTransaction(pool, async (client) => {
      const { outcomes, queuedFor } = await commitBatch(client, batch);
      await insertHeldCases(client, batch.filter((item, index) =>
        item.initialStatus === "held" && outcomes[index]?.kind === "stored"));
      await notifyQueued(client, { node, receivers: queuedFor });
      return outcomes;
    }),
    getMessage: async (id) => {
      const row = (await pool.query<MessageRow>("SELECT * FROM messages WHERE id = $1", [id]))
        .rows[0];
      return row === undefined ? undefined : messageFromRow(row);
    },
    claimInbox: (query) => inTransaction(pool, (client) => claimInbox(client, query)),
    ackInbox: (receiver, options) =>
      inTransaction(pool, (client) => ackInbox(client, receiver, options)),
    inboxPosition: async (receiver) => {
      const row = (await pool.query<{ osn_last: string; osn_acked: string }>(
        "SELECT osn_last, osn_acked FROM participants WHERE bic = $1", [receiver])).rows[0];
      return { ackedOsn: Number(row?.osn_acked ?? 0), lastOsn: Number(row?.osn_last ?? 0) };
    },
    addNotices: (notices) => inTransaction(pool, async (client) => {
      await insertMessages(client, notices.map(noticeInsert));
      await notifyQueued(client, { node, receivers: new Set(notices.map((n) => n.receiver)) });
    }),
    // SKIP LOCKED: two nodes running the job at once take disjoint messages, each once.
    takeObsolete: async ({ now, limit }) => (await pool.query<MessageRow>(`UPDATE messages
      SET warned = 1 WHERE seq IN (SELECT seq FROM messages WHERE status IN ('queued',
      'delivered') AND obsolete_at <= $1 AND warned = 0 ORDER BY seq LIMIT $2
      FOR UPDATE SKIP LOCKED) RETURNING *`, [now, limit])).rows.map(messageFromRow),
    finish: async (ids, status) => {
      const rows = (await pool.query<MessageRow>(`UPDATE messages SET status = $1
        WHERE id = ANY($2::text[]) AND status IN ('queued', 'held') RETURNING *`,
      [status, ids])).rows;
      const order = new Map(ids.map((id, index) => [id as string, index]));
      return rows.map(messageFromRow)
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    },
  };
}

function reports(pool: pg.Pool): Part<"counts" | "queueDepths" | "searchMessages" |
  "trafficBuckets"> {
  return {
    searchMessages: (query) => searchMessages(pool, query),
    trafficBuckets: async (query) => {
      assertTrafficQuery(query);
      // Counted by a trigger per 5 s bucket (migration 9); the held, few, from the messages.
      const rows = await pool.query<TrafficRow>(`SELECT b AS bucket_start, sender, receiver,
        sum(n) AS n, sum(h) AS held
        FROM (SELECT bucket_start - bucket_start % $1 AS b, sender, receiver, n, 0 AS h
            FROM traffic_counts WHERE bucket_start >= $2
          UNION ALL SELECT created_at - created_at % $1 AS b, sender, receiver, 0 AS n, 1 AS h
            FROM messages WHERE status = 'held' AND created_at >= $2 AND format <> 'system') t
        GROUP BY b, sender, receiver ORDER BY b, sender, receiver LIMIT $3`,
      [query.bucketMs, query.since, Math.max(0, Math.min(query.limit, queryRowsMax))]);
      return rows.rows.map(trafficFromRow);
    },
    counts: async () => {
      const result = Object.fromEntries(allStatuses.map((s) => [s, 0])) as
        Record<MessageStatus, number>;
      const rows = await pool.query<{ status: MessageStatus; n: string }>(
        "SELECT status, n FROM message_counts");
      for (const row of rows.rows) result[row.status] = Number(row.n);
      return result;
    },
    queueDepths: async () => (await pool.query<{ receiver: string; depth: string }>(
      `SELECT receiver, count(*) AS depth FROM messages WHERE status IN ('queued', 'delivered')
       GROUP BY receiver ORDER BY receiver LIMIT ${queryRowsMax}`)).rows
      .map((row) => ({ receiver: row.receiver as Bic, depth: Number(row.depth) })),
  };
}

/** The console's message search: every given criterion must hold; newest first. */
async function searchMessages(pool: pg.Pool, query: MessageSearch): Promise<StoredMessage[]> {
  const where: string[] = [];
  const values: (string | number)[] = [];
  const add = (clause: (first: string) => string, value: string | number): void => {
    values.push(value);
    where.push(clause(`$${values.length}`));
  };
  if (query.bic !== undefined) add((p) => `(sender = ${p} OR receiver = ${p})`, query.bic);
  if (query.reference !== undefined) add((p) => `reference = ${p}`, query.reference);
  if (query.uetr !== undefined) add((p) => `uetr = ${p}`, query.uetr);
  if (query.type !== undefined) add((p) => `type = ${p}`, query.type);
  if (query.status !== undefined) add((p) => `status = ${p}`, query.status);
  if (query.createdFrom !== undefined) add((p) => `created_at >= ${p}`, query.createdFrom);
  if (query.createdBefore !== undefined) add((p) => `created_at < ${p}`, query.createdBefore);
  values.push(Math.max(0, Math.min(query.limit, queryRowsMax)));
  const text = `SELECT * FROM messages ${where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`}
    ORDER BY ${searchOrder(query)} LIMIT $${values.length}`;
  return (await pool.query<MessageRow>(text, values)).rows.map(messageFromRow);
}
