// The embedded SQLite store (better-sqlite3): WAL journal, synchronous=FULL so that a commit is
// on disk before the hub ACKs, one transaction per group-commit batch.
import { chmodSync, closeSync, existsSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

import { assert } from "../../../lib/index.js";
import type {
  AckResult, Clock, DeliveredMessage, InboxQuery, MessageId, MessageSearch,
  MessageStatus, StoreAdapter,
  NoticeDraft, Participant, StoredMessage, Submission, SubmissionOutcome, TrafficBucket,
  TrafficQuery,
} from "../../../network/index.js";
import type { Bic } from "../../../standards/index.js";
import {
  queryRowsMax, replayWindowClaimsPerTransactionMax, replayWindowPurgeRowsMax,
} from "../../../limits.js";
import { migrations } from "../migrations.js";
import {
  accountChangeValues, accountFromRow, accountOfWrite, accountValues, acknowledgedFromRow,
  allStatuses, assertTrafficQuery, messageFromRow, participantFromRow, priorityRank, rmaFromRow,
  searchOrder, trafficFromRow,
} from "../rows.js";
import type {
  AccountRow, AcknowledgedRow, MessageRow, ParticipantRow, RmaRow, TrafficRow,
} from "../rows.js";
import { createSqliteControls, registerAuditFunctions } from "./sqlite-controls.js";
import { createSqliteStatements } from "./statements.js";
import { translateStorageError, withStorageErrors } from "../storage-errors.js";

export interface SqliteStoreOptions {
  /** File path, or ":memory:" for tests. */
  readonly path: string;
  /** The clock audit entries without a time of their own are stamped with (default: system). */
  readonly clock?: Clock;
}

export function openSqliteStore(options: SqliteStoreOptions): StoreAdapter & {
  readonly database: Database.Database;
} {
  ownerOnlyFiles(options.path);
  const database = new Database(options.path, { timeout: 5_000 });
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  // Statements that fire triggers (the audit chain) keep a statement journal so that they can
  // be undone alone; in memory rather than in a temporary file it costs ~20 us less a message.
  database.pragma("temp_store = MEMORY");
  registerAuditFunctions(database, options.clock ?? { now: () => Date.now() });
  migrate(database);
  const sql = createSqliteStatements(database);
  // The held case is written inside the commit transaction only: it is not a store method.
  const { insertHeldCase, ...controls } = createSqliteControls(database);

  const commitSubmissions = database.transaction((batch: readonly Submission[]) =>
    commitBatch(sql, batch, insertHeldCase));
  const claim = database.transaction((query: InboxQuery) => claimInbox(sql, query));
  const ackAndFlushLater = database.transaction((receiver: Bic, upto: number, now: number):
    AckResult => {
    const position = sql.position.get(receiver) as PositionRow | undefined;
    if (position === undefined) return { acknowledged: [], ackedOsn: 0 };
    const target = Math.min(upto, position.osn_last);
    const rows = sql.ackUpto.all(now, receiver, position.osn_acked, target) as AcknowledgedRow[];
    const ackedOsn = Math.max(position.osn_acked, target);
    sql.setAcked.run(ackedOsn, receiver);
    return { acknowledged: rows.map(acknowledgedFromRow), ackedOsn };
  });
  const ack = withoutOwnFsync(database, ackAndFlushLater);

  // One wrapping point: every method rejects with a StorageError for a busy, full or missing
  // database file (storage-errors.ts); any other error propagates unchanged.
  return withStorageErrors({
    ...controls,
    database,
    close: () => { database.close(); return Promise.resolve(); },
    ping: () => { database.prepare("SELECT 1").get(); return Promise.resolve(); },
    upsertParticipant: (p) => { upsertParticipant(sql, p); return Promise.resolve(); },
    getParticipant: (bic) => Promise.resolve(
      mapOptional(sql.participant.get(bic) as ParticipantRow | undefined, participantFromRow)),
    listParticipants: () => Promise.resolve(
      (sql.participants.all() as ParticipantRow[]).map(participantFromRow)),
    commitSubmissions: (batch) => Promise.resolve(commitSubmissions(batch)),
    getMessage: (id) => Promise.resolve(
      mapOptional(sql.message.get(id) as MessageRow | undefined, messageFromRow)),
    claimInbox: (query) => Promise.resolve(claim(query)),
    ackInbox: (receiver, { uptoOsn, now }) => Promise.resolve(ack(receiver, uptoOsn, now)),
    inboxPosition: (receiver) => {
      const row = sql.position.get(receiver) as PositionRow | undefined;
      return Promise.resolve({ ackedOsn: row?.osn_acked ?? 0, lastOsn: row?.osn_last ?? 0 });
    },
    addNotices: (notices) => {
      database.transaction(() => { for (const n of notices) insertNotice(sql, n); })();
      return Promise.resolve();
    },
    takeObsolete: ({ now, limit }) => Promise.resolve(database.transaction(() =>
      (sql.takeObsolete.all(now, limit) as MessageRow[]).map(messageFromRow))()),
    finish: (ids, status) => Promise.resolve(database.transaction(() => ids.flatMap((id) =>
      (sql.finish.all(status, id) as MessageRow[]).map(messageFromRow)))()),
    ...accountsAndRma(sql),
    ...replayWindow(database, sql),
    counts: () => Promise.resolve(counts(sql)),
    queueDepths: () => Promise.resolve(
      (sql.queueDepths.all() as { receiver: string; depth: number }[])
        .map((row) => ({ receiver: row.receiver as Bic, depth: row.depth }))),
    // --- Console queries ---
    searchMessages: (query) => Promise.resolve(searchMessages(database, sql, query)),
    trafficBuckets: (query) => Promise.resolve(trafficBuckets(sql, query)),
  }, { store: "SQLite", calls: "sync" });
}

function accountsAndRma(sql: Statements): Pick<StoreAdapter, "upsertAccount" | "insertAccount" |
  "updateAccount" | "findAccount" | "listAccounts" | "putRma" | "deleteRma" | "findRma" |
  "listRma"> {
  return {
    upsertAccount: (a) => {
      sql.upsertAccount.run(...accountValues(accountOfWrite(a)));
      return Promise.resolve();
    },
    insertAccount: (a) => Promise.resolve(sql.insertAccount.run(...accountValues(a)).changes === 1),
    updateAccount: (a, fromVersion) => Promise.resolve(
      sql.updateAccount.run(...accountChangeValues(a), a.name, fromVersion).changes === 1),
    findAccount: (query) => {
      const row = ("name" in query ? sql.accountByName.get(query.name)
        : sql.accountByToken.get(query.tokenHash)) as AccountRow | undefined;
      return Promise.resolve(mapOptional(row, accountFromRow));
    },
    listAccounts: () => Promise.resolve((sql.accounts.all() as AccountRow[]).map(accountFromRow)),
    putRma: (rma) => {
      sql.putRma.run(rma.receiver, rma.sender, rma.types.join(","), rma.grantedBy, rma.grantedAt);
      return Promise.resolve();
    },
    deleteRma: (receiver, sender) =>
      Promise.resolve(sql.deleteRma.run(receiver, sender).changes > 0),
    findRma: (receiver, sender) => Promise.resolve(
      mapOptional(sql.findRma.get(receiver, sender) as RmaRow | undefined, rmaFromRow)),
    listRma: ({ bic, limit }) => Promise.resolve((sql.listRma.all(bic ?? null, bic ?? null,
      bic ?? null, Math.min(limit, queryRowsMax)) as RmaRow[]).map(rmaFromRow)),
  };
}

/**
 * Claims are not flushed by themselves (as acknowledgements, decision 0005): a process crash
 * keeps them, and every request that changes state flushes them with its own commit. Only a
 * power cut can lose the claims of the last requests that changed nothing. The claims that
 * arrive while the event loop is busy share one transaction, as submissions do (group commit).
 */
function replayWindow(database: Database.Database, sql: Statements):
  Pick<StoreAdapter, "claimSignature"> {
  const pending: PendingClaim[] = [];
  const claimAll = withoutOwnFsync(database, database.transaction(
    (claims: readonly PendingClaim[]): boolean[] => {
      const now = claims.reduce((earliest, claim) => Math.min(earliest, claim.now), Infinity);
      sql.purgeSignatures.run(now, replayWindowPurgeRowsMax * claims.length);
      return claims.map((claim) =>
        sql.claimSignature.run(claim.key, claim.expiresAt, claim.now).changes === 1);
    }));
  const flush = (): void => {
    const claims = pending.splice(0, replayWindowClaimsPerTransactionMax);
    if (pending.length > 0) setImmediate(flush);
    let won: boolean[];
    try {
      won = claimAll(claims);
    } catch (error) {
      const failure = translateStorageError(error, "run \"claimSignature\" on the SQLite store");
      for (const claim of claims) claim.reject(failure);
      return;
    }
    claims.forEach((claim, index) => { claim.resolve(won[index] === true); });
  };
  return {
    claimSignature: (key, { expiresAt, now }) => new Promise((resolve, reject) => {
      pending.push({ key, expiresAt, now, resolve, reject });
      if (pending.length === 1) setImmediate(flush);
    }),
  };
}

interface PendingClaim {
  readonly key: string;
  readonly expiresAt: number;
  readonly now: number;
  resolve(won: boolean): void;
  reject(error: unknown): void;
}

/**
 * The database holds every message's bytes: it is created 0600 before SQLite opens it, and
 * SQLite gives the -wal and -shm files it creates the database file's mode. Files an older hub
 * left open to others (0644 under the usual umask) are made 0600 first.
 */
function ownerOnlyFiles(path: string): void {
  if (path === "" || path === ":memory:" || path.startsWith("file:")) return;
  // A missing directory is SQLite's to report, as it always has (SQLITE_CANTOPEN).
  if (!existsSync(dirname(path))) return;
  closeSync(openSync(path, "a", 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

function trafficBuckets(sql: Statements, query: TrafficQuery): TrafficBucket[] {
  assertTrafficQuery(query);
  const rows = sql.trafficBuckets.all(query.bucketMs, query.since, query.bucketMs, query.since,
    Math.max(0, Math.min(query.limit, queryRowsMax))) as TrafficRow[];
  return rows.map(trafficFromRow);
}

/**
 * How a search finds a bank's messages. Through the sender and receiver indexes, every message
 * of the bank is read and sorted: a cost that grows with its count c. Walking the newest
 * messages first until `limit` match costs about limit x total / c (a busy bank took ~0.5 s
 * the first way at a million messages). The walk is the cheaper one when c^2 >= limit x total;
 * c is what the bank sent and received (its ISN and OSN counters), total the newest seq.
 */
function bicClause(sql: Statements, bic: string, limit: number): string {
  const bank = sql.bankTraffic.get(bic) as { c: number } | undefined;
  const newest = sql.newestSeq.get() as { n: number | null };
  const count = bank?.c ?? 0;
  const walk = count * count >= Math.max(1, limit) * (newest.n ?? 0);
  return walk ? "(+sender = ? OR +receiver = ?)" : "(sender = ? OR receiver = ?)";
}

/** Statuses few messages hold at once (an index on them finds few rows). */
const activeStatuses: ReadonlySet<MessageStatus> = new Set(["queued", "held", "delivered"]);

/** The console's message search: every given criterion must hold; newest first. */
function searchMessages(database: Database.Database, sql: Statements,
  query: MessageSearch): StoredMessage[] {
  const where: string[] = [];
  const values: (string | number)[] = [];
  const add = (clause: string, ...params: (string | number)[]): void => {
    where.push(clause);
    values.push(...params);
  };
  if (query.bic !== undefined) {
    add(bicClause(sql, query.bic, query.limit), query.bic, query.bic);
  }
  if (query.reference !== undefined) add("reference = ?", query.reference);
  if (query.uetr !== undefined) add("uetr = ?", query.uetr);
  if (query.type !== undefined) add("type = ?", query.type);
  // Few messages are queued, held or delivered at once: their index finds them. The others pile
  // up; walking the newest first (the unary + keeps the index out) stops at the limit, where
  // sorting every acknowledged message took ~2 s at a million.
  if (query.status !== undefined) {
    add(activeStatuses.has(query.status) ? "status = ?" : "+status = ?", query.status);
  }
  if (query.createdFrom !== undefined) add("created_at >= ?", query.createdFrom);
  if (query.createdBefore !== undefined) add("created_at < ?", query.createdBefore);
  const limit = Math.max(0, Math.min(query.limit, queryRowsMax));
  const text = `SELECT * FROM messages ${where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`}
    ORDER BY ${searchOrder(query)} LIMIT ?`;
  return (database.prepare(text).all(...values, limit) as MessageRow[]).map(messageFromRow);
}

/**
 * Runs a write without an fsync of its own (WAL, synchronous = NORMAL): it becomes durable with
 * the next fsynced commit. Only for acknowledgements: losing one to a power cut means that the
 * messages are delivered again as possible duplicates with the OSNs the receiver already has
 * (decision 0005). Every other write stays synchronous = FULL.
 */
function withoutOwnFsync<Args extends unknown[], Value>(database: Database.Database,
  write: (...args: Args) => Value): (...args: Args) => Value {
  const relaxed = database.prepare("PRAGMA synchronous = NORMAL");
  const strict = database.prepare("PRAGMA synchronous = FULL");
  return (...args) => {
    relaxed.run();
    try {
      return write(...args);
    } finally {
      strict.run();
    }
  };
}

type Statements = ReturnType<typeof createSqliteStatements>;
interface PositionRow { osn_last: number; osn_acked: number }

function migrate(database: Database.Database): void {
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set((database.prepare("SELECT version FROM schema_migrations").all() as
    { version: number }[]).map((row) => row.version));
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    database.transaction(() => {
      for (const statement of migration.sqlite) database.exec(statement);
      database.prepare("INSERT INTO schema_migrations VALUES (?, ?, datetime('now'))")
        .run(migration.version, migration.name);
    })();
  }
}

function mapOptional<Row, Value>(
  row: Row | undefined,
  map: (row: Row) => Value,
): Value | undefined {
  return row === undefined ? undefined : map(row);
}

function upsertParticipant(sql: Statements, p: Participant): void {
  sql.upsertParticipant.run(p.bic, p.name, p.publicKeyPem, p.parent ?? null, p.status, p.createdAt);
}

function commitBatch(
  sql: Statements,
  batch: readonly Submission[],
  insertHeldCase: (item: Submission) => void,
): SubmissionOutcome[] {
  const inBatch = new Map<string, SubmissionOutcome>();
  const outcomes: SubmissionOutcome[] = [];
  for (const item of batch) {
    const key = `${item.sender}\u0000${item.dedupeKey}`;
    const earlier = inBatch.get(key) ?? duplicateOf(sql, item);
    if (earlier !== undefined) {
      outcomes.push({ kind: "duplicate", id: earlier.id, isn: earlier.isn,
        status: earlier.kind === "duplicate" ? earlier.status : item.initialStatus });
      continue;
    }
    const isn = (sql.nextIsn.get(item.sender) as { isn_last: number } | undefined)?.isn_last;
    assert(isn !== undefined, "a submitting sender is a participant");
    sql.insertMessage.run(
      item.id, item.sender, item.receiver, item.format, item.type, item.reference,
      item.uetr ?? null, item.priority, priorityRank(item.priority), item.deliveryMonitoring,
      item.possibleDuplicate ? 1 : 0, item.dedupeKey, isn, item.initialStatus, item.payload,
      item.createdAt, item.obsoleteAt);
    if (item.hold !== undefined) insertHeldCase(item);
    const outcome: SubmissionOutcome = { kind: "stored", id: item.id, isn };
    inBatch.set(key, outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

function duplicateOf(sql: Statements, item: Submission): SubmissionOutcome | undefined {
  const row = sql.dedupe.get(item.sender, item.dedupeKey) as
    { id: string; isn: number; status: MessageStatus } | undefined;
  if (row === undefined) return undefined;
  return { kind: "duplicate", id: row.id as MessageId, isn: row.isn, status: row.status };
}

function claimInbox(sql: Statements, query: InboxQuery): DeliveredMessage[] {
  const again = (sql.redeliveries.all(query.receiver, query.afterOsn, query.limit) as MessageRow[])
    .map((row) => {
      sql.countDelivery.run(row.id);
      return { message: messageFromRow(row), osn: Number(row.osn), possibleDuplicate: true };
    });
  const room = query.limit - again.length;
  if (room <= 0) return again;
  const fresh = sql.queued.all(query.receiver, room) as (MessageRow & { seq: number })[];
  if (fresh.length === 0) return again;
  const position = sql.position.get(query.receiver) as PositionRow | undefined;
  assert(position !== undefined, "a receiver with queued messages is a participant");
  let osn = position.osn_last;
  const delivered = fresh.map((row) => {
    osn += 1;
    sql.deliver.run(osn, query.now, row.seq);
    const message: StoredMessage = { ...messageFromRow(row), osn, status: "delivered",
      deliveredAt: query.now, deliveryCount: 1 };
    return { message, osn, possibleDuplicate: false };
  });
  sql.setLastOsn.run(osn, query.receiver);
  return [...again, ...delivered];
}

function insertNotice(sql: Statements, notice: NoticeDraft): void {
  sql.insertMessage.run(notice.id, "CORRIDOR", notice.receiver, "system", notice.type, notice.about,
    null, "system", 0, 0, 0, notice.id, null, "queued", notice.payload, notice.createdAt,
    Number.MAX_SAFE_INTEGER);
}

function counts(sql: Statements): Record<MessageStatus, number> {
  const result = Object.fromEntries(allStatuses.map((s) => [s, 0])) as
    Record<MessageStatus, number>;
  for (const row of sql.counts.all() as { status: MessageStatus; n: number }[]) {
    result[row.status] = row.n;
  }
  return result;
}

