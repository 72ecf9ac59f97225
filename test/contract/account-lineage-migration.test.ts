// Migration 12 on a store that already holds accounts: each takes its creator from the first
// "account" entry of the audit chain naming it (the operator who added it through the API) and
// its lineage from its creators' own, up to the hub; accounts no entry names are the hub's own.
// Run on SQLite, and on PostgreSQL when CORRIDOR_TEST_POSTGRES_URL names a database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStore, openSqliteStore } from "../../src/adapters/index.js";
import type { StoreAdapter } from "../../src/network/index.js";
import {
  dropFreshDatabases, freshPostgresDatabase, postgresTestUrl, shareCluster,
} from "../support/postgres.js";

/** The columns migration 12 adds, dropped again to put a store back at version 11. */
const addedColumns = ["status", "created_by", "lineage", "approved_by", "proposed_role",
  "proposed_by", "proposed_at", "version"];

/** Who added whom before version 12: the hub made "operator"; the API recorded the rest. */
const history: readonly [actor: string, subject: string][] = [
  ["operator", "olga"], ["olga", "carla"], ["olga", "olga"], ["carla", "late"],
];

/** Runs each statement on the store's database, bypassing the store. */
type Run = (statements: readonly string[]) => Promise<void>;

async function fillVersion11(store: StoreAdapter, run: Run) {
  // One column a statement: SQLite drops no more at once.
  await run([...addedColumns.map((c) => `ALTER TABLE accounts DROP COLUMN ${c}`),
    "DELETE FROM schema_migrations WHERE version = 12"]);
  for (const [index, name] of ["operator", "olga", "carla", "late", "omar"].entries()) {
    await run([`INSERT INTO accounts (name, role, token_hash, password_hash, created_at)
      VALUES ('${name}', 'operator', NULL, NULL, ${index})`]);
  }
  await store.append([
    { at: 1, kind: "refusal", actor: "omar", subject: "olga", detail: "{}" },
    ...history.map(([actor, subject], index) => ({ at: 2 + index, kind: "account" as const,
      actor, subject, detail: JSON.stringify({ role: "operator" }) })),
  ]);
}

async function expectLineages(store: StoreAdapter): Promise<void> {
  const accounts = await store.listAccounts();
  expect(accounts.map((a) => [a.name, a.createdBy, a.lineage, a.status, a.version])).toEqual([
    ["carla", "olga", ["olga", "operator", "CORRIDOR"], "active", 1],
    ["late", "carla", ["carla", "olga", "operator", "CORRIDOR"], "active", 1],
    ["olga", "operator", ["operator", "CORRIDOR"], "active", 1],
    ["omar", "CORRIDOR", ["CORRIDOR"], "active", 1],
    ["operator", "CORRIDOR", ["CORRIDOR"], "active", 1],
  ]);
}

describe("SQLite store migration 12 (account lineage)", () => {
  it("gives accounts created before it their creators from the audit chain", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "corridor-lineage-")), "corridor.db");
    const first = openSqliteStore({ path });
    await fillVersion11(first, (statements) => {
      for (const statement of statements) first.database.exec(statement);
      return Promise.resolve();
    });
    await first.close();
    const upgraded = openSqliteStore({ path });
    await expectLineages(upgraded);
    await upgraded.close();
  });
});

const url = postgresTestUrl();

describe.skipIf(url === undefined)("PostgreSQL store migration 12 (account lineage)", () => {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => { if (url !== undefined) release = await shareCluster(url); }, 150_000);
  afterAll(async () => { await dropFreshDatabases(); await release?.(); });

  it("gives accounts created before it their creators from the audit chain", async () => {
    const database = await freshPostgresDatabase(url ?? "", "lineage");
    const first = await openPostgresStore({ url: database });
    await fillVersion11(first, async (statements) => {
      for (const statement of statements) await first.pool.query(statement);
    });
    await first.close();
    const upgraded = await openPostgresStore({ url: database });
    try {
      await expectLineages(upgraded);
    } finally {
      await upgraded.close();
    }
  });
});
