// The PostgreSQL message queue: group commit with per-sender ISNs, per-receiver OSN claiming and
// cumulative acks. Each runs in one transaction holding the participant row lock it numbers.
import { assert } from "../../../lib/index.js";
import type {
  AckResult, DeliveredMessage, InboxQuery, MessageId, MessageStatus, NoticeDraft, StoredMessage,
  Submission, SubmissionOutcome,
} from "../../../network/index.js";
import type { Bic } from "../../../standards/index.js";
import {
  acknowledgedColumns, acknowledgedFromRow, messageFromRow, priorityRank,
} from "../rows.js";
import type { AcknowledgedRow, MessageRow } from "../rows.js";
import type { Queryable } from "./pool.js";

type QueueRow = MessageRow & { seq: string };

interface Insert {
  readonly id: string; readonly sender: string; readonly receiver: string;
  readonly format: string; readonly type: string; readonly reference: string;
  readonly uetr: string | null; readonly priority: string; readonly priorityRank: number;
  readonly deliveryMonitoring: number;
  readonly possibleDuplicate: boolean; readonly dedupeKey: string; readonly isn: number | null;
  readonly status: string; readonly payload: Buffer; readonly createdAt: number;
  readonly obsoleteAt: number;
}

// One INSERT per batch: the columns travel as arrays and unnest() turns them back into rows,
// in order (WITH ORDINALITY), so seq follows the order the batch gave.
export async function insertMessages(client: Queryable, rows: readonly Insert[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <Value>(pick: (row: Insert) => Value): Value[] => rows.map(pick);
  await client.query(`INSERT INTO messages (id, sender, receiver, format, type, reference, uetr,
      priority, priority_rank, delivery_monitoring, possible_duplicate, dedupe_key, isn, status,
      payload, created_at, obsolete_at)
    SELECT id, sender, receiver, format, type, reference, uetr, priority, priority_rank,
      delivery_monitoring, possible_duplicate, dedupe_key, isn, status, payload, created_at,
      obsolete_at
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
      $7::text[], $8::text[], $9::int[], $10::int[], $11::int[], $12::text[], $13::bigint[],
      $14::text[], $15::bytea[], $16::bigint[], $17::bigint[])
      WITH ORDINALITY AS v(id, sender, receiver, format, type, reference, uetr, priority,
        priority_rank, delivery_monitoring, possible_duplicate, dedupe_key, isn, status, payload,
        created_at, obsolete_at, ord)
    ORDER BY ord`, [
    column((r) => r.id), column((r) => r.sender), column((r) => r.receiver),
    column((r) => r.format), column((r) => r.type), column((r) => r.reference),
    column((r) => r.uetr), column((r) => r.priority),
    column((r) => r.priorityRank),
    column((r) => r.deliveryMonitoring), column((r) => (r.possibleDuplicate ? 1 : 0)),
    column((r) => r.dedupeKey), column((r) => r.isn), column((r) => r.status),
    column((r) => r.payload), column((r) => r.createdAt), column((r) => r.obsoleteAt),
  ]);
}

interface Plan {
  readonly outcomes: SubmissionOutcome[];
  readonly inserts: Insert[];
  readonly isnLast: Map<string, number>;
}

/** Pure: numbers the batch from the senders' last ISNs and answers duplicates. */
export function planBatch(batch: readonly Submission[], known: {
  isnLast: ReadonlyMap<string, number>;
  existing: ReadonlyMap<string, { id: MessageId; isn: number; status: MessageStatus }>;
}): Plan {
  const isnLast = new Map(known.isnLast);
  const inBatch = new Map<string, SubmissionOutcome>();
  const plan: Plan = { outcomes: [], inserts: [], isnLast };
  for (const item of batch) {
    const key = `${item.sender}\u0000${item.dedupeKey}`;
    const stored = known.existing.get(key);
    const earlier = inBatch.get(key);
    if (stored !== undefined) {
      plan.outcomes.push({ kind: "duplicate", ...stored });
      continue;
    }
    if (earlier !== undefined) {
      plan.outcomes.push({ kind: "duplicate", id: earlier.id, isn: earlier.isn,
        status: item.initialStatus });
      continue;
    }
    const last = isnLast.get(item.sender);
    assert(last !== undefined, "a submitting sender is a participant");
    const isn = last + 1;
    isnLast.set(item.sender, isn);
    plan.inserts.push({ ...item, uetr: item.uetr ?? null, isn, status: item.initialStatus,
      priorityRank: priorityRank(item.priority) });
    const outcome: SubmissionOutcome = { kind: "stored", id: item.id, isn };
    inBatch.set(key, outcome);
    plan.outcomes.push(outcome);
  }
  assert(plan.outcomes.length === batch.length, "a plan answers every submission");
  return plan;
}

/** Commits a batch: locks the senders' rows (in BIC order, so no deadlock), dedupes, inserts. */
export async function commitBatch(
  client: Queryable,
  batch: readonly Submission[],
): Promise<{ outcomes: SubmissionOutcome[]; queuedFor: Set<string> }> {
  const senders = [...new Set(batch.map((item) => item.sender))].sort();
  const locked = await client.query<{ bic: string; isn_last: string }>(
    `SELECT bic, isn_last FROM participants WHERE bic = ANY($1::text[])
     ORDER BY bic FOR UPDATE`, [senders]);
  const isnLast = new Map(locked.rows.map((row) => [row.bic, Number(row.isn_last)]));
  // Read after the lock: any earlier commit by these senders is visible now (READ COMMITTED).
  const found = await client.query<{ sender: string; dedupe_key: string; id: string;
    isn: string; status: MessageStatus }>(
    `SELECT m.sender, m.dedupe_key, m.id, m.isn, m.status FROM messages m
     JOIN unnest($1::text[], $2::text[]) AS k(sender, dedupe_key)
       ON m.sender = k.sender AND m.dedupe_key = k.dedupe_key`,
    [batch.map((item) => item.sender), batch.map((item) => item.dedupeKey)]);
  const existing = new Map(found.rows.map((row) => [`${row.sender}\u0000${row.dedupe_key}`,
    { id: row.id as MessageId, isn: Number(row.isn), status: row.status }]));
  const plan = planBatch(batch, { isnLast, existing });
  await insertMessages(client, plan.inserts);
  const changed = [...plan.isnLast].filter(([bic, isn]) => isnLast.get(bic) !== isn);
  if (changed.length > 0) {
    await client.query(`UPDATE participants p SET isn_last = v.isn
      FROM unnest($1::text[], $2::bigint[]) AS v(bic, isn) WHERE p.bic = v.bic`,
    [changed.map(([bic]) => bic), changed.map(([, isn]) => isn)]);
  }
  const queuedFor = new Set(plan.inserts.filter((row) => row.status === "queued")
    .map((row) => row.receiver));
  return { outcomes: plan.outcomes, queuedFor };
}

export function noticeInsert(notice: NoticeDraft): Insert {
  return {
    id: notice.id, sender: "CORRIDOR", receiver: notice.receiver, format: "system",
    type: notice.type, reference: notice.about, uetr: null, priority: "system", priorityRank: 0,
    deliveryMonitoring: 0, possibleDuplicate: false, dedupeKey: notice.id, isn: null,
    status: "queued", payload: notice.payload, createdAt: notice.createdAt,
    obsoleteAt: Number.MAX_SAFE_INTEGER,
  };
}

interface Position { osnLast: number; osnAcked: number }

async function lockPosition(client: Queryable, receiver: Bic): Promise<Position | undefined> {
  const result = await client.query<{ osn_last: string; osn_acked: string }>(
    "SELECT osn_last, osn_acked FROM participants WHERE bic = $1 FOR UPDATE", [receiver]);
  const row = result.rows[0];
  return row === undefined ? undefined
    : { osnLast: Number(row.osn_last), osnAcked: Number(row.osn_acked) };
}

/**
 * Claims a receiver's inbox page. The receiver's participant row lock serializes claims across
 * nodes, so OSNs stay gap-free and each queued message gets exactly one OSN.
 */
export async function claimInbox(
  client: Queryable,
  query: InboxQuery,
): Promise<DeliveredMessage[]> {
  const position = await lockPosition(client, query.receiver);
  if (position === undefined) return [];
  const redelivered = await client.query<QueueRow>(`UPDATE messages
    SET delivery_count = delivery_count + 1 WHERE seq IN (SELECT seq FROM messages
      WHERE receiver = $1 AND status = 'delivered' AND osn > $2 ORDER BY osn LIMIT $3)
    RETURNING *`, [query.receiver, query.afterOsn, query.limit]);
  const again = redelivered.rows.map((row) => ({ message: messageFromRow(row),
    osn: Number(row.osn), possibleDuplicate: true })).sort((a, b) => a.osn - b.osn);
  const room = query.limit - again.length;
  if (room <= 0) return again;
  const fresh = await client.query<QueueRow>(`SELECT * FROM messages
    WHERE receiver = $1 AND status = 'queued' ORDER BY priority_rank, seq LIMIT $2
    FOR UPDATE`, [query.receiver, room]);
  if (fresh.rows.length === 0) return again;
  let osn = position.osnLast;
  const delivered = fresh.rows.map((row) => {
    osn += 1;
    const message: StoredMessage = { ...messageFromRow(row), osn, status: "delivered",
      deliveredAt: query.now, deliveryCount: 1 };
    return { message, osn, possibleDuplicate: false, seq: row.seq };
  });
  await client.query(`UPDATE messages m SET osn = v.osn, status = 'delivered',
    delivered_at = $3, delivery_count = 1 FROM unnest($1::bigint[], $2::bigint[]) AS v(seq, osn)
    WHERE m.seq = v.seq`,
  [delivered.map((d) => d.seq), delivered.map((d) => d.osn), query.now]);
  await client.query("UPDATE participants SET osn_last = $1 WHERE bic = $2",
    [osn, query.receiver]);
  return [...again, ...delivered.map(({ message, osn: number, possibleDuplicate }) =>
    ({ message, osn: number, possibleDuplicate }))];
}

export async function ackInbox(
  client: Queryable,
  receiver: Bic,
  options: { uptoOsn: number; now: number },
): Promise<AckResult> {
  // Committed without waiting for its WAL flush: a lost acknowledgement only means redelivery
  // as possible duplicates with the OSNs the receiver already has (decision 0005).
  await client.query("SET LOCAL synchronous_commit TO OFF");
  const position = await lockPosition(client, receiver);
  if (position === undefined) return { acknowledged: [], ackedOsn: 0 };
  const target = Math.min(options.uptoOsn, position.osnLast);
  // Bounded below by the OSN already acknowledged (every message under it is): otherwise the
  // index walk starts at the receiver's first message, and acks slow down as history grows.
  const rows = await client.query<AcknowledgedRow>(`UPDATE messages SET status = 'acknowledged',
    acknowledged_at = $1 WHERE receiver = $2 AND osn > $3 AND osn <= $4
    AND status = 'delivered' RETURNING ${acknowledgedColumns}`,
  [options.now, receiver, position.osnAcked, target]);
  const ackedOsn = Math.max(position.osnAcked, target);
  if (ackedOsn !== position.osnAcked) {
    await client.query("UPDATE participants SET osn_acked = $1 WHERE bic = $2",
      [ackedOsn, receiver]);
  }
  const acknowledged = rows.rows.map(acknowledgedFromRow)
    .sort((a, b) => (a.osn ?? 0) - (b.osn ?? 0));
  return { acknowledged, ackedOsn };
}
