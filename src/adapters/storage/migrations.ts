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
];
