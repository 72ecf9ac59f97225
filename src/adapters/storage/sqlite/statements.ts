// Prepared statements of the SQLite store, compiled once per connection.
import type Database from "better-sqlite3";

export function createSqliteStatements(database: Database.Database) {
  const p = (sql: string) => database.prepare(sql);
  return {
    upsertParticipant: p(`INSERT INTO participants (bic, name, public_key_pem, parent, status,
      created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bic) DO UPDATE SET name = excluded.name,
      public_key_pem = excluded.public_key_pem, parent = excluded.parent,
      status = excluded.status`),
    participant: p("SELECT * FROM participants WHERE bic = ?"),
    participants: p("SELECT * FROM participants ORDER BY bic LIMIT 10000"),
    nextIsn: p("UPDATE participants SET isn_last = isn_last + 1 WHERE bic = ? RETURNING isn_last"),
    dedupe: p("SELECT id, isn, status FROM messages WHERE sender = ? AND dedupe_key = ?"),
    insertMessage: p(`INSERT INTO messages (id, sender, receiver, format, type, reference, uetr,
      priority, priority_rank, delivery_monitoring, possible_duplicate, dedupe_key, isn, status,
      payload, created_at, obsolete_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    message: p("SELECT * FROM messages WHERE id = ?"),
    redeliveries: p(`SELECT * FROM messages WHERE receiver = ? AND status = 'delivered'
      AND osn > ? ORDER BY osn LIMIT ?`),
    countDelivery: p("UPDATE messages SET delivery_count = delivery_count + 1 WHERE id = ?"),
    queued: p(`SELECT * FROM messages WHERE receiver = ? AND status = 'queued'
      ORDER BY priority_rank, seq LIMIT ?`),
    deliver: p(`UPDATE messages SET osn = ?, status = 'delivered', delivered_at = ?,
      delivery_count = 1 WHERE seq = ?`),
    position: p("SELECT osn_last, osn_acked FROM participants WHERE bic = ?"),
    setLastOsn: p("UPDATE participants SET osn_last = ? WHERE bic = ?"),
    ackUpto: p(`UPDATE messages SET status = 'acknowledged', acknowledged_at = ?
      WHERE receiver = ? AND status = 'delivered' AND osn <= ? RETURNING *`),
    setAcked: p("UPDATE participants SET osn_acked = ? WHERE bic = ?"),
    takeObsolete: p(`UPDATE messages SET warned = 1 WHERE seq IN (SELECT seq FROM messages
      WHERE status IN ('queued', 'delivered') AND obsolete_at <= ? AND warned = 0 LIMIT ?)
      RETURNING *`),
    finish: p(`UPDATE messages SET status = ? WHERE id = ? AND status IN ('queued', 'held')
      RETURNING *`),
    counts: p("SELECT status, count(*) AS n FROM messages GROUP BY status"),
    queueDepths: p(`SELECT receiver, count(*) AS depth FROM messages
      WHERE status IN ('queued', 'delivered') GROUP BY receiver LIMIT 10000`),
  };
}
