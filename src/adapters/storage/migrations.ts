// Versioned schema migrations, one list for every store: each version has the same meaning in
// SQLite and PostgreSQL, written in each dialect. Applied in order at start; never edited.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: readonly string[];
  readonly postgres: readonly string[];
}

const participantsColumns = (blob: string, bigint: string): string => `
  bic TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  parent TEXT,
  status TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  isn_last ${bigint} NOT NULL DEFAULT 0,
  osn_last ${bigint} NOT NULL DEFAULT 0,
  osn_acked ${bigint} NOT NULL DEFAULT 0,
  extra ${blob}`;

const messageColumns = (blob: string, bigint: string): string => `
  id TEXT NOT NULL UNIQUE,
  sender TEXT NOT NULL,
  receiver TEXT NOT NULL,
  format TEXT NOT NULL,
  type TEXT NOT NULL,
  reference TEXT NOT NULL,
  uetr TEXT,
  priority TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  delivery_monitoring INTEGER NOT NULL,
  possible_duplicate INTEGER NOT NULL,
  dedupe_key TEXT NOT NULL,
  isn ${bigint},
  osn ${bigint},
  status TEXT NOT NULL,
  payload ${blob} NOT NULL,
  created_at ${bigint} NOT NULL,
  obsolete_at ${bigint} NOT NULL,
  delivered_at ${bigint},
  acknowledged_at ${bigint},
  delivery_count INTEGER NOT NULL DEFAULT 0,
  warned INTEGER NOT NULL DEFAULT 0`;

const messageIndexes = [
  "CREATE UNIQUE INDEX messages_dedupe ON messages (sender, dedupe_key)",
  "CREATE INDEX messages_queue ON messages (receiver, status, priority_rank, seq)",
  "CREATE UNIQUE INDEX messages_osn ON messages (receiver, osn)",
  "CREATE INDEX messages_uetr ON messages (uetr)",
  "CREATE INDEX messages_obsolete ON messages (status, obsolete_at)",
];

function accountsTable(bigint: string): string {
  return `CREATE TABLE accounts (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    password_hash TEXT,
    created_at ${bigint} NOT NULL)`;
}

// One row per scheduled job: the node that ran it last and when the next run is due, so that
// several hub nodes on one database run each job once per period.
function jobLeasesTable(bigint: string): string {
  return `CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    due_at ${bigint} NOT NULL,
    runs ${bigint} NOT NULL)`;
}

// --- Version 5: sanctions controls ----------------------------------------------------
// Cases and policies keep their full record as JSON text beside the columns they are queried by.
// The audit chain is appended by triggers in the same transaction as every message, case and
// policy change, so no code path can change state without leaving an entry (docs/decisions/).
// hash = sha256(prev_hash|at|kind|actor|subject|detail), as src/network/audit/chain.ts computes.

const genesis = `'${"0".repeat(64)}'`;

const controlTables = (bigint: string, serial: string): string[] => [
  `CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    opened_at ${bigint} NOT NULL,
    updated_at ${bigint} NOT NULL,
    updated_by TEXT NOT NULL,
    body TEXT NOT NULL)`,
  "CREATE INDEX cases_status ON cases (status, opened_at)",
  "CREATE INDEX cases_message ON cases (message_id)",
  `CREATE TABLE policies (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    effective_at ${bigint} NOT NULL,
    updated_at ${bigint} NOT NULL,
    updated_by TEXT NOT NULL,
    body TEXT NOT NULL)`,
  `CREATE TABLE audit_log (
    seq ${serial} PRIMARY KEY,
    at ${bigint} NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL)`,
];

/** SQLite: one INSERT that chains an entry given as a row source `e(at, kind, ...)`. */
function sqliteAppend(source: string): string {
  return `INSERT INTO audit_log (at, kind, actor, subject, detail, prev_hash, hash)
    SELECT CAST(e.at AS INTEGER), e.kind, e.actor, e.subject, e.detail, p.h,
      corridor_sha256(p.h || '|' || CAST(CAST(e.at AS INTEGER) AS TEXT) || '|' || e.kind ||
        '|' || e.actor || '|' || e.subject || '|' || e.detail)
    FROM (${source}) e,
      (SELECT COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), ${genesis})
        AS h) p;`;
}

const sqliteTriggers = [
  `CREATE TRIGGER audit_message_insert AFTER INSERT ON messages BEGIN ${sqliteAppend(
    `SELECT NEW.created_at AS at, 'message' AS kind, NEW.sender AS actor, NEW.id AS subject,
      json_object('status', NEW.status, 'receiver', NEW.receiver, 'type', NEW.type,
        'isn', NEW.isn) AS detail`)} END`,
  `CREATE TRIGGER audit_message_status AFTER UPDATE OF status ON messages
    WHEN OLD.status <> NEW.status BEGIN ${sqliteAppend(
    `SELECT CASE NEW.status WHEN 'delivered' THEN NEW.delivered_at
        WHEN 'acknowledged' THEN NEW.acknowledged_at ELSE corridor_now() END AS at,
      'message' AS kind,
      CASE WHEN NEW.status IN ('delivered', 'acknowledged') THEN NEW.receiver
        ELSE 'CORRIDOR' END AS actor,
      NEW.id AS subject,
      json_object('status', NEW.status, 'from', OLD.status, 'osn', NEW.osn) AS detail`)} END`,
  ...["INSERT", "UPDATE"].flatMap((event) => [
    `CREATE TRIGGER audit_case_${event.toLowerCase()} AFTER ${event} ON cases BEGIN
      ${sqliteAppend(`SELECT NEW.updated_at AS at, 'case' AS kind, NEW.updated_by AS actor,
        NEW.id AS subject, json_object('status', NEW.status, 'version', NEW.version,
          'message', NEW.message_id) AS detail`)} END`,
    `CREATE TRIGGER audit_policy_${event.toLowerCase()} AFTER ${event} ON policies BEGIN
      ${sqliteAppend(`SELECT NEW.updated_at AS at, 'policy' AS kind, NEW.updated_by AS actor,
        NEW.id AS subject, json_object('status', NEW.status, 'version', NEW.version,
          'effectiveAt', NEW.effective_at) AS detail`)} END`,
  ]),
];

// PostgreSQL: one function appends under a transaction-scoped advisory lock, so concurrent
// transactions on several hub nodes still form one chain; the triggers call it.
const postgresAppendFunction = `CREATE FUNCTION corridor_audit_append(
    p_at BIGINT, p_kind TEXT, p_actor TEXT, p_subject TEXT, p_detail TEXT) RETURNS VOID AS $$
  DECLARE previous TEXT;
  BEGIN
    PERFORM pg_advisory_xact_lock(7206);
    SELECT hash INTO previous FROM audit_log ORDER BY seq DESC LIMIT 1;
    previous := COALESCE(previous, ${genesis});
    INSERT INTO audit_log (at, kind, actor, subject, detail, prev_hash, hash)
    VALUES (p_at, p_kind, p_actor, p_subject, p_detail, previous,
      encode(sha256(convert_to(previous || '|' || p_at::TEXT || '|' || p_kind || '|' ||
        p_actor || '|' || p_subject || '|' || p_detail, 'UTF8')), 'hex'));
  END $$ LANGUAGE plpgsql`;

const postgresNow = "(extract(epoch from clock_timestamp()) * 1000)::BIGINT";

const postgresTriggerFunctions = [
  `CREATE FUNCTION corridor_audit_message() RETURNS TRIGGER AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM corridor_audit_append(NEW.created_at, 'message', NEW.sender, NEW.id,
        json_build_object('status', NEW.status, 'receiver', NEW.receiver, 'type', NEW.type,
          'isn', NEW.isn)::TEXT);
    ELSIF OLD.status <> NEW.status THEN
      PERFORM corridor_audit_append(CASE NEW.status WHEN 'delivered' THEN NEW.delivered_at
          WHEN 'acknowledged' THEN NEW.acknowledged_at ELSE ${postgresNow} END, 'message',
        CASE WHEN NEW.status IN ('delivered', 'acknowledged') THEN NEW.receiver
          ELSE 'CORRIDOR' END, NEW.id,
        json_build_object('status', NEW.status, 'from', OLD.status, 'osn', NEW.osn)::TEXT);
    END IF;
    RETURN NULL;
  END $$ LANGUAGE plpgsql`,
  `CREATE FUNCTION corridor_audit_case() RETURNS TRIGGER AS $$
  BEGIN
    PERFORM corridor_audit_append(NEW.updated_at, 'case', NEW.updated_by, NEW.id,
      json_build_object('status', NEW.status, 'version', NEW.version,
        'message', NEW.message_id)::TEXT);
    RETURN NULL;
  END $$ LANGUAGE plpgsql`,
  `CREATE FUNCTION corridor_audit_policy() RETURNS TRIGGER AS $$
  BEGIN
    PERFORM corridor_audit_append(NEW.updated_at, 'policy', NEW.updated_by, NEW.id,
      json_build_object('status', NEW.status, 'version', NEW.version,
        'effectiveAt', NEW.effective_at)::TEXT);
    RETURN NULL;
  END $$ LANGUAGE plpgsql`,
  `CREATE TRIGGER audit_message AFTER INSERT OR UPDATE OF status ON messages
    FOR EACH ROW EXECUTE FUNCTION corridor_audit_message()`,
  `CREATE TRIGGER audit_case AFTER INSERT OR UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION corridor_audit_case()`,
  `CREATE TRIGGER audit_policy AFTER INSERT OR UPDATE ON policies
    FOR EACH ROW EXECUTE FUNCTION corridor_audit_policy()`,
];

export const controlsMigration: Migration = {
  version: 5,
  name: "sanctions controls: cases, policies, audit chain",
  sqlite: [...controlTables("INTEGER", "INTEGER"), ...sqliteTriggers],
  postgres: [...controlTables("BIGINT", "BIGSERIAL"), postgresAppendFunction,
    ...postgresTriggerFunctions],
};

/** The SQLite statement that chains one entry given as parameters (at, kind, actor, ...). */
export const sqliteAuditAppend = sqliteAppend(
  "SELECT ? AS at, ? AS kind, ? AS actor, ? AS subject, ? AS detail");

function rmaTable(bigint: string): string {
  return `CREATE TABLE rma (
    receiver TEXT NOT NULL,
    sender TEXT NOT NULL,
    types TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at ${bigint} NOT NULL,
    PRIMARY KEY (receiver, sender))`;
}

// --- Version 8: message counts by status, kept as messages change ------------------------------
// The console's overview (every 2 s) and /metrics read counts by status. Counting the messages
// table walked an index entry per message ever stored: ~60 ms a call at a million messages,
// blocking the event loop on SQLite. Triggers keep one row per status instead, in the same
// transaction as the change. On PostgreSQL every such transaction already holds the audit
// chain's advisory lock (its trigger fires first, by name), so the count rows add no new wait.

const countsTable = (bigint: string): string =>
  `CREATE TABLE message_counts (status TEXT PRIMARY KEY, n ${bigint} NOT NULL)`;
// Counted after the triggers exist: creating a trigger locks the messages table against writes
// until the migration commits, so no message from another node falls between count and trigger.
const countsFill =
  "INSERT INTO message_counts (status, n) SELECT status, count(*) FROM messages GROUP BY status";

const countUp = `INSERT INTO message_counts (status, n) VALUES (NEW.status, 1)
  ON CONFLICT (status) DO UPDATE SET n = message_counts.n + 1`;

const messageCountsMigration: Migration = {
  version: 8,
  name: "message counts by status",
  sqlite: [
    countsTable("INTEGER"),
    `CREATE TRIGGER count_message_insert AFTER INSERT ON messages BEGIN ${countUp}; END`,
    `CREATE TRIGGER count_message_status AFTER UPDATE OF status ON messages
      WHEN OLD.status <> NEW.status BEGIN
      UPDATE message_counts SET n = n - 1 WHERE status = OLD.status; ${countUp}; END`,
    `CREATE TRIGGER count_message_delete AFTER DELETE ON messages BEGIN
      UPDATE message_counts SET n = n - 1 WHERE status = OLD.status; END`,
    countsFill,
  ],
  postgres: [
    countsTable("BIGINT"),
    `CREATE FUNCTION corridor_count_message() RETURNS TRIGGER AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE message_counts SET n = n - 1 WHERE status = OLD.status;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN ${countUp}; END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER count_message_rows AFTER INSERT OR DELETE ON messages
      FOR EACH ROW EXECUTE FUNCTION corridor_count_message()`,
    `CREATE TRIGGER count_message_status AFTER UPDATE OF status ON messages
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION corridor_count_message()`,
    countsFill,
  ],
};

// --- Version 9: traffic counts per 5 s bucket and pair, for the console's chart -----------------
// The overview's chart (every 2 s) counted the messages of its last five minutes row by row: two
// million at 7,000 msg/s. An insert trigger now counts each message into its bucket and pair,
// and drops buckets older than an hour as it goes, so the chart reads at most 60 buckets a pair.
// Held messages are few and are counted from the messages table beside it.

/** Stored traffic bucket and how long buckets are kept: fixed by migration 9. */
export const trafficCountBucketMs = 5_000;
export const trafficCountRetentionMs = 3_600_000;

const countTraffic = `INSERT INTO traffic_counts (bucket_start, sender, receiver, n)
    VALUES (NEW.created_at - NEW.created_at % ${trafficCountBucketMs}, NEW.sender, NEW.receiver, 1)
    ON CONFLICT (bucket_start, sender, receiver) DO UPDATE SET n = traffic_counts.n + 1;
  DELETE FROM traffic_counts WHERE bucket_start < NEW.created_at - ${trafficCountRetentionMs}`;

const trafficTable = (bigint: string, suffix: string): string => `CREATE TABLE traffic_counts (
  bucket_start ${bigint} NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL,
  n ${bigint} NOT NULL, PRIMARY KEY (bucket_start, sender, receiver))${suffix}`;

// The last hour before the newest message, counted once the trigger exists (see migration 8).
const trafficFill = `INSERT INTO traffic_counts (bucket_start, sender, receiver, n)
  SELECT created_at - created_at % ${trafficCountBucketMs}, sender, receiver, count(*)
  FROM messages WHERE format <> 'system'
    AND created_at >= (SELECT max(created_at) FROM messages) - ${trafficCountRetentionMs}
  GROUP BY created_at - created_at % ${trafficCountBucketMs}, sender, receiver`;

const trafficCountsMigration: Migration = {
  version: 9,
  name: "traffic counts per bucket and pair",
  sqlite: [
    trafficTable("INTEGER", " WITHOUT ROWID"),
    `CREATE TRIGGER count_traffic AFTER INSERT ON messages WHEN NEW.format <> 'system'
      BEGIN ${countTraffic}; END`,
    trafficFill,
  ],
  postgres: [
    trafficTable("BIGINT", ""),
    `CREATE FUNCTION corridor_count_traffic() RETURNS TRIGGER AS $$
    BEGIN
      ${countTraffic};
      RETURN NULL;
    END $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER count_traffic AFTER INSERT ON messages
      FOR EACH ROW WHEN (NEW.format <> 'system') EXECUTE FUNCTION corridor_count_traffic()`,
    trafficFill,
  ],
};

// --- Version 11: the replay window of request signatures ------------------------------------
// Every accepted signature until its creation window closes, in the store so that a restarted
// node and every node of a hub see it. The primary key makes the first claim of a signature the
// only one, whichever node makes it; the expiry index lets each claim remove a few expired
// records without a scan. Keys compare byte by byte (the C collation on PostgreSQL).

const replayWindowTable = (key: string, bigint: string, suffix: string): string =>
  `CREATE TABLE replay_window (key ${key} PRIMARY KEY, expires_at ${bigint} NOT NULL)${suffix}`;
const replayWindowIndex = "CREATE INDEX replay_window_expiry ON replay_window (expires_at)";

const replayWindowMigration: Migration = {
  version: 11,
  name: "replay window of request signatures",
  sqlite: [replayWindowTable("TEXT", "INTEGER", " WITHOUT ROWID"), replayWindowIndex],
  postgres: [replayWindowTable("TEXT COLLATE \"C\"", "BIGINT", ""), replayWindowIndex],
};

// --- Version 12: account lineage, and maker-checker on accounts ------------------------------
// Who created each account (created_by: an account, or CORRIDOR for the hub), the chain of its
// creators up to the hub (lineage: JSON text, nearest first) and a role change waiting for a
// second operator (proposed_*). An account older than this version takes its creator from the
// first "account" entry of the audit chain naming it, whose actor was the operator who added it
// through the API; accounts no entry names were the hub's own (first start, demo). Chains are
// followed for 8 creators, accountLineageDepthMax when this version was written.

const accountColumns = (bigint: string): string[] => [
  "status TEXT NOT NULL DEFAULT 'active'",
  "created_by TEXT NOT NULL DEFAULT 'CORRIDOR'",
  "lineage TEXT NOT NULL DEFAULT '[\"CORRIDOR\"]'",
  "approved_by TEXT",
  "proposed_role TEXT",
  "proposed_by TEXT",
  `proposed_at ${bigint}`,
  "version INTEGER NOT NULL DEFAULT 1",
];

const accountCreators = `UPDATE accounts SET created_by = COALESCE((SELECT e.actor
  FROM audit_log e WHERE e.kind = 'account' AND e.subject = accounts.name
    AND e.actor <> accounts.name AND e.actor IN (SELECT name FROM accounts)
  ORDER BY e.seq LIMIT 1), created_by)`;

/** Fills every lineage; `asJsonText` aggregates the chain's members, nearest first. */
const accountLineages = (asJsonText: string): string => `WITH RECURSIVE
  chain(name, member, depth) AS (SELECT name, created_by, 1 FROM accounts
    UNION ALL SELECT chain.name, a.created_by, chain.depth + 1
      FROM chain JOIN accounts a ON a.name = chain.member
      WHERE chain.depth < 8 AND a.created_by <> chain.name)
  UPDATE accounts SET lineage = (SELECT ${asJsonText} FROM chain
    WHERE chain.name = accounts.name)`;

const accountLineageMigration: Migration = {
  version: 12,
  name: "account lineage and pending accounts",
  sqlite: [
    ...accountColumns("INTEGER").map((column) => `ALTER TABLE accounts ADD COLUMN ${column}`),
    accountCreators, accountLineages("json_group_array(member ORDER BY depth)"),
  ],
  postgres: [`ALTER TABLE accounts ${accountColumns("BIGINT")
    .map((column) => `ADD COLUMN ${column}`).join(", ")}`,
  accountCreators, accountLineages("json_agg(member ORDER BY depth)::TEXT")],
};

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "participants and messages",
    sqlite: [
      `CREATE TABLE participants (${participantsColumns("BLOB", "INTEGER")})`,
      `CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ${messageColumns("BLOB", "INTEGER")})`,
      ...messageIndexes,
    ],
    postgres: [
      `CREATE TABLE participants (${participantsColumns("BYTEA", "BIGINT")})`,
      `CREATE TABLE messages (seq BIGSERIAL PRIMARY KEY, ${messageColumns("BYTEA", "BIGINT")})`,
      ...messageIndexes,
    ],
  },
  {
    version: 2,
    name: "accounts",
    sqlite: [accountsTable("INTEGER")],
    postgres: [accountsTable("BIGINT")],
  },
  {
    version: 3,
    name: "scheduled job leases",
    sqlite: [jobLeasesTable("INTEGER")],
    postgres: [jobLeasesTable("BIGINT")],
  },
  {
    // The console's traffic charts and message search read recent messages by creation time.
    version: 4,
    name: "console: messages by creation time",
    sqlite: ["CREATE INDEX messages_created ON messages (created_at)"],
    postgres: ["CREATE INDEX messages_created ON messages (created_at)"],
  },
  controlsMigration,
  {
    // RMA: a receiver's authorisation of a sender, optionally for some message types only.
    version: 6,
    name: "relationship management (RMA)",
    sqlite: [rmaTable("INTEGER")],
    postgres: [rmaTable("BIGINT")],
  },
  {
    // A BIGSERIAL draws its number outside the transaction, so a rolled-back append (a case
    // release whose message was no longer held) left a sequence gap that verify reports as a
    // deleted entry. Number entries under the chain's advisory lock instead. SQLite already
    // numbers rows inside the transaction (max(seq) + 1), so it needs no change.
    version: 7,
    name: "audit chain: gap-free sequence numbers on PostgreSQL",
    sqlite: [],
    postgres: [`CREATE OR REPLACE FUNCTION corridor_audit_append(
    p_at BIGINT, p_kind TEXT, p_actor TEXT, p_subject TEXT, p_detail TEXT) RETURNS VOID AS $$
  DECLARE previous TEXT; last_seq BIGINT;
  BEGIN
    PERFORM pg_advisory_xact_lock(7206);
    SELECT seq, hash INTO last_seq, previous FROM audit_log ORDER BY seq DESC LIMIT 1;
    previous := COALESCE(previous, ${genesis});
    INSERT INTO audit_log (seq, at, kind, actor, subject, detail, prev_hash, hash)
    VALUES (COALESCE(last_seq, 0) + 1, p_at, p_kind, p_actor, p_subject, p_detail, previous,
      encode(sha256(convert_to(previous || '|' || p_at::TEXT || '|' || p_kind || '|' ||
        p_actor || '|' || p_subject || '|' || p_detail, 'UTF8')), 'hex'));
  END $$ LANGUAGE plpgsql`],
  },
  messageCountsMigration,
  trafficCountsMigration,
  {
    // The console finds a message's notices by reference (the message id) and searches by
    // reference: without an index, each walked every message (~350 ms at a million).
    version: 10,
    name: "messages by reference",
    sqlite: ["CREATE INDEX messages_reference ON messages (reference)"],
    postgres: ["CREATE INDEX messages_reference ON messages (reference)"],
  },
  replayWindowMigration,
  accountLineageMigration,
];
