// Prepared statements of the SQLite store, compiled once per connection.
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import {
  accountChangeColumns, accountColumns, accountUpsertChanges, acknowledgedColumns,
} from "../rows.js";

/** The text of each statement (exported for the query-plan tests). */
export const sqliteStatementText = {
    upsertParticipant: (`INSERT INTO participants (bic, name, public_key_pem, parent, status,
      created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bic) DO UPDATE SET name = excluded.name,
      public_key_pem = excluded.public_key_pem, parent = excluded.parent,
      status = excluded.status`),
    participant: ("SELECT * FROM participants WHERE bic = ?"),
    participants: ("SELECT * FROM participants ORDER BY bic LIMIT 10000"),
    nextIsn: ("UPDATE participants SET isn_last = isn_last + 1 WHERE bic = ? RETURNING isn_last"),
    dedupe: ("SELECT id, isn, status FROM messages WHERE sender = ? AND dedupe_key = ?"),
    insertMessage: (`INSERT INTO messages (id, sender, receiver, format, type, reference, uetr,
      priority, priority_rank, delivery_monitoring, possible_duplicate, dedupe_key, isn, status,
      payload, created_at, obsolete_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    message: ("SELECT * FROM messages WHERE id = ?"),
    redeliveries: (`SELECT * FROM messages WHERE receiver = ? AND status = 'delivered'
      AND osn > ? ORDER BY osn LIMIT ?`),
    countDelivery: ("UPDATE messages SET delivery_count = delivery_count + 1 WHERE id = ?"),
    queued: (`SELECT * FROM messages WHERE receiver = ? AND status = 'queued'
      ORDER BY priority_rank, seq LIMIT ?`),
    deliver: (`UPDATE messages SET osn = ?, status = 'delivered', delivered_at = ?,
      delivery_count = 1 WHERE seq = ?`),
    position: ("SELECT osn_last, osn_acked FROM participants WHERE bic = ?"),
    setLastOsn: ("UPDATE participants SET osn_last = ? WHERE bic = ?"),
    // Bounded below by the OSN already acknowledged, under which every message is acknowledged:
    // without it the index walk starts at the receiver's first message, ever.
    ackUpto: (`UPDATE messages SET status = 'acknowledged', acknowledged_at = ?
      WHERE receiver = ? AND osn > ? AND osn <= ? AND status = 'delivered'
      RETURNING ${acknowledgedColumns}`),
    setAcked: ("UPDATE participants SET osn_acked = ? WHERE bic = ?"),
    // What a bank sent and received, and the newest seq: how a search by BIC walks.
    bankTraffic: ("SELECT isn_last + osn_last AS c FROM participants WHERE bic = ?"),
    newestSeq: ("SELECT max(seq) AS n FROM messages"),
    takeObsolete: (`UPDATE messages SET warned = 1 WHERE seq IN (SELECT seq FROM messages
      WHERE status IN ('queued', 'delivered') AND obsolete_at <= ? AND warned = 0 LIMIT ?)
      RETURNING *`),
    finish: (`UPDATE messages SET status = ? WHERE id = ? AND status IN ('queued', 'held')
      RETURNING *`),
    // Kept by triggers (migration 8): one row per status, not a walk over every message.
    counts: ("SELECT status, n FROM message_counts"),
    queueDepths: (`SELECT receiver, count(*) AS depth FROM messages
      WHERE status IN ('queued', 'delivered') GROUP BY receiver LIMIT 10000`),
    // Accounts (lineage: migration 12). The lineage and creation are written once, at insert.
    upsertAccount: (`INSERT INTO accounts (${accountColumns})
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET
      ${accountUpsertChanges}, version = accounts.version + 1`),
    insertAccount: (`INSERT INTO accounts (${accountColumns})
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`),
    updateAccount: (`UPDATE accounts SET (${accountChangeColumns}) = (?, ?, ?, ?, ?, ?, ?, ?, ?)
      WHERE name = ? AND version = ?`),
    accountByName: ("SELECT * FROM accounts WHERE name = ?"),
    accountByToken: ("SELECT * FROM accounts WHERE token_hash = ?"),
    accounts: ("SELECT * FROM accounts ORDER BY name LIMIT 10000"),
    // Console queries; system notices are not traffic.
    // Counted by a trigger per 5 s bucket (migration 9); the held, few, from the messages.
    trafficBuckets: (`SELECT b AS bucket_start, sender, receiver, sum(n) AS n, sum(h) AS held
      FROM (SELECT bucket_start - bucket_start % ? AS b, sender, receiver, n, 0 AS h
          FROM traffic_counts WHERE bucket_start >= ?
        UNION ALL SELECT created_at - created_at % ? AS b, sender, receiver, 0 AS n, 1 AS h
          FROM messages WHERE status = 'held' AND created_at >= ? AND format <> 'system')
      GROUP BY b, sender, receiver ORDER BY b, sender, receiver LIMIT ?`),
    // RMA
    putRma: (`INSERT INTO rma (receiver, sender, types, granted_by, granted_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (receiver, sender) DO UPDATE SET types = excluded.types,
      granted_by = excluded.granted_by, granted_at = excluded.granted_at`),
    deleteRma: ("DELETE FROM rma WHERE receiver = ? AND sender = ?"),
    findRma: ("SELECT * FROM rma WHERE receiver = ? AND sender = ?"),
    listRma: (`SELECT * FROM rma WHERE ? IS NULL OR receiver = ? OR sender = ?
      ORDER BY receiver, sender LIMIT ?`),
    // Replay window (migration 11): a record that expired may be claimed again; the purge
    // walks the expiry index from its oldest end.
    claimSignature: (`INSERT INTO replay_window (key, expires_at) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
      WHERE replay_window.expires_at <= ?`),
    purgeSignatures: (`DELETE FROM replay_window WHERE key IN (SELECT key FROM replay_window
      WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)`),
} as const;

export type SqliteStatements = {
  readonly [Name in keyof typeof sqliteStatementText]: Statement;
};

export function createSqliteStatements(database: Database.Database): SqliteStatements {
  const entries = Object.entries(sqliteStatementText)
    .map(([name, sql]) => [name, database.prepare(sql)]);
  return Object.fromEntries(entries) as SqliteStatements;
}
