// The sanctions-control ports on PostgreSQL: compliance cases, exclusion policies and the audit
// chain (appended by corridor_audit_append under an advisory lock, so all nodes form one chain).
import type pg from "pg";

import type {
  AuditLog, CaseStore, PolicyStore,
  AuditEntry, CaseRecord, MessageId, PolicyRecord, Submission,
} from "../../../network/index.js";
import { caseOfHeldSubmission } from "../../../network/index.js";
import { messageFromRow } from "../rows.js";
import type { MessageRow } from "../rows.js";
import { notifyQueued } from "./notifier.js";
import { inTransaction } from "./pool.js";
import type { Queryable } from "./pool.js";

/** The compliance, policy and audit ports this module implements. */
type ControlStores = CaseStore & PolicyStore & AuditLog;

interface BodyRow { body: string }
interface AuditRow {
  seq: string; at: string; kind: string; actor: string; subject: string; detail: string;
  prev_hash: string; hash: string;
}

async function insertCase(client: Queryable, record: CaseRecord): Promise<void> {
  await client.query(`INSERT INTO cases (id, message_id, status, version, opened_at, updated_at,
    updated_by, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [record.id, record.messageId,
    record.status, record.version, record.openedAt, record.updatedAt, record.updatedBy,
    JSON.stringify(record)]);
}

/** Writes the cases of held submissions; called inside the commit transaction. */
export async function insertHeldCases(
  client: Queryable,
  held: readonly Submission[],
): Promise<void> {
  for (const item of held) {
    if (item.hold !== undefined) await insertCase(client, caseOfHeldSubmission(item));
  }
}

function auditFromRow(row: AuditRow): AuditEntry {
  return { seq: Number(row.seq), at: Number(row.at), kind: row.kind as AuditEntry["kind"],
    actor: row.actor, subject: row.subject, detail: row.detail, prevHash: row.prev_hash,
    hash: row.hash };
}

const parse = <Value>(row: BodyRow | undefined): Value | undefined =>
  row === undefined ? undefined : JSON.parse(row.body) as Value;

export function postgresControls(pool: pg.Pool, node: string): ControlStores {
  return {
    ...compliance(pool, node),
    insertPolicy: async (policy) => {
      await pool.query(`INSERT INTO policies (id, status, version, effective_at, updated_at,
        updated_by, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [policy.id, policy.status,
        policy.version, policy.effectiveAt, policy.updatedAt, policy.updatedBy,
        JSON.stringify(policy)]);
    },
    updatePolicy: async (policy, fromVersion) => (await pool.query(`UPDATE policies
      SET status = $1, version = $2, effective_at = $3, updated_at = $4, updated_by = $5,
      body = $6 WHERE id = $7 AND version = $8`, [policy.status, policy.version,
      policy.effectiveAt, policy.updatedAt, policy.updatedBy, JSON.stringify(policy), policy.id,
      fromVersion])).rowCount === 1,
    getPolicy: async (id) => parse<PolicyRecord>((await pool.query<BodyRow>(
      "SELECT body FROM policies WHERE id = $1", [id])).rows[0]),
    listPolicies: async (limit) => (await pool.query<BodyRow>(
      "SELECT body FROM policies ORDER BY effective_at, id LIMIT $1", [limit])).rows
      .map((row) => JSON.parse(row.body) as PolicyRecord),
    messagesInvolving: async ({ bic8s, since, statuses, limit }) => (await pool.query<MessageRow>(
      `SELECT * FROM messages WHERE sender <> 'CORRIDOR'
        AND (substr(sender, 1, 8) = ANY($1::text[]) OR substr(receiver, 1, 8) = ANY($1::text[]))
        AND created_at >= $2 AND ($3::text[] IS NULL OR status = ANY($3::text[]))
        ORDER BY seq DESC LIMIT $4`, [bic8s, since ?? 0, statuses ?? null, limit])).rows
      .map(messageFromRow),
    append: (entries) => inTransaction(pool, async (client) => {
      for (const e of entries) {
        await client.query("SELECT corridor_audit_append($1, $2, $3, $4, $5)",
          [e.at, e.kind, e.actor, e.subject, e.detail]);
      }
    }),
    entries: async ({ afterSeq, limit }) => (await pool.query<AuditRow>(
      "SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2", [afterSeq, limit])).rows
      .map(auditFromRow),
  };
}

function compliance(pool: pg.Pool, node: string): Pick<ControlStores, "getCase" | "openCaseOf" |
  "listCases" | "transitionCase" | "holdQueued" | "undeliveredPage"> {
  return {
    getCase: async (id) => parse<CaseRecord>((await pool.query<BodyRow>(
      "SELECT body FROM cases WHERE id = $1", [id])).rows[0]),
    openCaseOf: async (messageId) => parse<CaseRecord>((await pool.query<BodyRow>(
      `SELECT body FROM cases WHERE message_id = $1 AND status IN ('open', 'release-proposed')
      ORDER BY opened_at DESC, id LIMIT 1`, [messageId])).rows[0]),
    listCases: async ({ statuses, limit }) => (await pool.query<BodyRow>(`SELECT body FROM cases
      WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) ORDER BY opened_at DESC, id
      LIMIT $2`, [statuses ?? null, limit])).rows.map((row) => JSON.parse(row.body) as CaseRecord),
    transitionCase: (change) => inTransaction(pool, async (client) => {
      const { next } = change;
      const updated = await client.query(`UPDATE cases SET status = $1, version = $2,
        updated_at = $3, updated_by = $4, body = $5 WHERE id = $6 AND version = $7`,
      [next.status, next.version, next.updatedAt, next.updatedBy, JSON.stringify(next), next.id,
        change.fromVersion]);
      if (updated.rowCount !== 1) return "conflict";
      if (change.messageTo === undefined) return "ok";
      const moved = await client.query<{ receiver: string }>(
        "UPDATE messages SET status = $1 WHERE id = $2 AND status = 'held' RETURNING receiver",
        [change.messageTo, next.messageId]);
      const receiver = moved.rows[0]?.receiver;
      // Throwing rolls the case change back with the transaction.
      if (receiver === undefined) throw new NotHeld();
      if (change.messageTo === "queued") {
        await notifyQueued(client, { node, receivers: new Set([receiver]) });
      }
      return "ok";
    }).catch((error: unknown) => {
      if (error instanceof NotHeld) return "message-not-held" as const;
      throw error;
    }),
    holdQueued: (cases) => inTransaction(pool, async (client) => {
      const held: MessageId[] = [];
      for (const record of cases) {
        const moved = await client.query(
          "UPDATE messages SET status = 'held' WHERE id = $1 AND status = 'queued'",
          [record.messageId]);
        if (moved.rowCount !== 1) continue;
        await insertCase(client, record);
        held.push(record.messageId);
      }
      return held;
    }),
    undeliveredPage: async ({ afterSeq, limit }) => (await pool.query<MessageRow & {
      seq: string }>(`SELECT * FROM messages WHERE seq > $1 AND sender <> 'CORRIDOR'
      AND status IN ('queued', 'held') ORDER BY seq LIMIT $2`, [afterSeq, limit])).rows
      .map((row) => ({ seq: Number(row.seq), message: messageFromRow(row) })),
  };
}

class NotHeld extends Error {}
