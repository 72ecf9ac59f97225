// The sanctions-control ports on SQLite: compliance cases, exclusion policies and the audit
// chain, in the same database (and, for holds, the same transaction) as the messages.
import { hash } from "node:crypto";
import type Database from "better-sqlite3";
import { assert } from "../../../lib/index.js";
import type {
  AuditLog, CaseStore, PolicyStore,
  AuditEntry, CaseRecord, CaseTransitionOutcome, Clock, MessageId,
  PolicyRecord, Submission,
} from "../../../network/index.js";
import { caseOfHeldSubmission } from "../../../network/index.js";
import { sqliteAuditAppend } from "../migrations.js";
import { messageFromRow } from "../rows.js";
import type { MessageRow } from "../rows.js";

/** The compliance, policy and audit ports this module implements. */
type ControlStores = CaseStore & PolicyStore & AuditLog;

/** SQL functions the audit triggers call; registered on every connection before migrating. */
export function registerAuditFunctions(database: Database.Database, clock: Clock): void {
  database.function("corridor_sha256", { deterministic: true }, (text: unknown) =>
    hash("sha256", String(text), "hex"));
  database.function("corridor_now", { deterministic: false }, () => Math.trunc(clock.now()));
}

interface CaseRow { body: string }
interface AuditRow {
  seq: number; at: number; kind: string; actor: string; subject: string; detail: string;
  prev_hash: string; hash: string;
}

const caseJson = (record: CaseRecord): string => JSON.stringify(record);
const caseFrom = (row: CaseRow): CaseRecord => JSON.parse(row.body) as CaseRecord;
const policyFrom = (row: CaseRow): PolicyRecord => JSON.parse(row.body) as PolicyRecord;

/** Statements and the one write the message store needs inside its commit transaction. */
export function createSqliteControls(database: Database.Database): ControlStores & {
  /** Writes the case of a held submission; call inside the commit transaction. */
  readonly insertHeldCase: (item: Submission) => void;
} {
  const sql = prepareControls(database);

  const { insertCase, transition, holdQueued } = caseTransactions(database, sql);

  return {
    insertHeldCase: (item) => {
      assert(item.hold !== undefined && item.initialStatus === "held", "a held item has a case");
      insertCase(caseOfHeldSubmission(item));
    },
    getCase: (id) => Promise.resolve(mapRow(sql.getCase.get(id) as CaseRow | undefined, caseFrom)),
    openCaseOf: (messageId) => Promise.resolve(mapRow(sql.openCaseOf.get(messageId) as
      CaseRow | undefined, caseFrom)),
    listCases: ({ statuses, limit }) => Promise.resolve((statuses === undefined
      ? sql.casesAll.all(limit) : sql.casesByStatus.all(JSON.stringify(statuses), limit) as
        CaseRow[]).map((row) => caseFrom(row as CaseRow))),
    transitionCase: (change) => {
      try {
        return Promise.resolve(transition(change));
      } catch (error) {
        if (error instanceof NotHeld) return Promise.resolve("message-not-held");
        throw error;
      }
    },
    holdQueued: (cases) => Promise.resolve(holdQueued(cases)),
    undeliveredPage: ({ afterSeq, limit }) => Promise.resolve(
      (sql.undelivered.all(afterSeq, limit) as (MessageRow & { seq: number })[])
        .map((row) => ({ seq: row.seq, message: messageFromRow(row) }))),
    insertPolicy: (policy) => {
      sql.insertPolicy.run(policy.id, policy.status, policy.version, policy.effectiveAt,
        policy.updatedAt, policy.updatedBy, JSON.stringify(policy));
      return Promise.resolve();
    },
    updatePolicy: (policy, fromVersion) => Promise.resolve(sql.updatePolicy.run(policy.status,
      policy.version, policy.effectiveAt, policy.updatedAt, policy.updatedBy,
      JSON.stringify(policy), policy.id, fromVersion).changes === 1),
    getPolicy: (id) => Promise.resolve(
      mapRow(sql.getPolicy.get(id) as CaseRow | undefined, policyFrom)),
    listPolicies: (limit) => Promise.resolve(
      (sql.policies.all(limit) as CaseRow[]).map(policyFrom)),
    messagesInvolving: ({ bic8s, since, statuses, limit }) => Promise.resolve(
      (sql.involving.all({ bic8s: JSON.stringify(bic8s), since: since ?? 0, limit,
        statuses: statuses === undefined ? null : JSON.stringify(statuses) }) as MessageRow[])
        .map(messageFromRow)),
    append: (entries) => {
      database.transaction(() => {
        for (const e of entries) sql.append.run(e.at, e.kind, e.actor, e.subject, e.detail);
      })();
      return Promise.resolve();
    },
    entries: ({ afterSeq, limit }) => Promise.resolve(
      (sql.entries.all(afterSeq, limit) as AuditRow[]).map(auditFromRow)),
  };
}

class NotHeld extends Error {}

function mapRow<Row, Value>(row: Row | undefined, map: (row: Row) => Value): Value | undefined {
  return row === undefined ? undefined : map(row);
}

export function auditFromRow(row: AuditRow): AuditEntry {
  return { seq: Number(row.seq), at: Number(row.at), kind: row.kind as AuditEntry["kind"],
    actor: row.actor, subject: row.subject, detail: row.detail, prevHash: row.prev_hash,
    hash: row.hash };
}

function prepareControls(database: Database.Database) {
  return {
    insertCase: database.prepare(`INSERT INTO cases (id, message_id, status, version, opened_at,
      updated_at, updated_by, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    updateCase: database.prepare(`UPDATE cases SET status = ?, version = ?, updated_at = ?,
      updated_by = ?, body = ? WHERE id = ? AND version = ?`),
    getCase: database.prepare("SELECT body FROM cases WHERE id = ?"),
    openCaseOf: database.prepare(`SELECT body FROM cases WHERE message_id = ?
      AND status IN ('open', 'release-proposed') ORDER BY opened_at DESC, id LIMIT 1`),
    casesAll: database.prepare("SELECT body FROM cases ORDER BY opened_at DESC, id LIMIT ?"),
    casesByStatus: database.prepare(`SELECT body FROM cases WHERE status IN
      (SELECT value FROM json_each(?)) ORDER BY opened_at DESC, id LIMIT ?`),
    moveHeld: database.prepare("UPDATE messages SET status = ? WHERE id = ? AND status = 'held'"),
    holdQueued: database.prepare(
      "UPDATE messages SET status = 'held' WHERE id = ? AND status = 'queued'"),
    undelivered: database.prepare(`SELECT * FROM messages WHERE seq > ? AND sender <> 'CORRIDOR'
      AND status IN ('queued', 'held') ORDER BY seq LIMIT ?`),
    insertPolicy: database.prepare(`INSERT INTO policies (id, status, version, effective_at,
      updated_at, updated_by, body) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    updatePolicy: database.prepare(`UPDATE policies SET status = ?, version = ?, effective_at = ?,
      updated_at = ?, updated_by = ?, body = ? WHERE id = ? AND version = ?`),
    getPolicy: database.prepare("SELECT body FROM policies WHERE id = ?"),
    policies: database.prepare("SELECT body FROM policies ORDER BY effective_at, id LIMIT ?"),
    involving: database.prepare(`SELECT * FROM messages WHERE sender <> 'CORRIDOR'
      AND (substr(sender, 1, 8) IN (SELECT value FROM json_each(@bic8s))
        OR substr(receiver, 1, 8) IN (SELECT value FROM json_each(@bic8s)))
      AND created_at >= @since
      AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
      ORDER BY seq DESC LIMIT @limit`),
    append: database.prepare(sqliteAuditAppend),
    entries: database.prepare("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?"),
  };
}

function caseTransactions(
  database: Database.Database,
  sql: ReturnType<typeof prepareControls>,
) {
  const insertCase = (record: CaseRecord): void => {
    sql.insertCase.run(record.id, record.messageId, record.status, record.version,
      record.openedAt, record.updatedAt, record.updatedBy, caseJson(record));
  };

  const transition = database.transaction((change: { next: CaseRecord; fromVersion: number;
    messageTo?: "queued" | "rejected" | "aborted" }): CaseTransitionOutcome => {
    const { next } = change;
    const updated = sql.updateCase.run(next.status, next.version, next.updatedAt, next.updatedBy,
      caseJson(next), next.id, change.fromVersion);
    if (updated.changes !== 1) return "conflict";
    if (change.messageTo !== undefined &&
      sql.moveHeld.run(change.messageTo, next.messageId).changes !== 1) {
      throw new NotHeld();
    }
    return "ok";
  });

  const holdQueued = database.transaction((cases: readonly CaseRecord[]): MessageId[] => {
    const held: MessageId[] = [];
    for (const record of cases) {
      if (sql.holdQueued.run(record.messageId).changes !== 1) continue;
      insertCase(record);
      held.push(record.messageId);
    }
    return held;
  });
  return { insertCase, transition, holdQueued };
}
