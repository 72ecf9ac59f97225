// Runs the storage contract against the embedded SQLite store, in memory and on disk, plus the
// SQLite store's own checks: query plans, a migration, the search by BIC, no coordination.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { sqliteStatementText } from "../../src/adapters/storage/sqlite/statements.js";
import { storesOf } from "../../src/network/index.js";
import type { MessageId } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import type { StoreUnderTest } from "./store-fixtures.js";
import { describeReplayWindowContract } from "./replay-window.contract.js";
import { describeStoreContract } from "./store.contract.js";

function sqliteUnderTest(path: string): Promise<StoreUnderTest> {
  const store = openSqliteStore({ path });
  return Promise.resolve({ store, editAuditDetail: (seq: number, detail: string) => {
    store.database.prepare("UPDATE audit_log SET detail = ? WHERE seq = ?").run(detail, seq);
    return Promise.resolve();
  } });
}
describeStoreContract("SQLite in memory", () => sqliteUnderTest(":memory:"));
describeStoreContract("SQLite on disk", () =>
  sqliteUnderTest(join(mkdtempSync(join(tmpdir(), "corridor-store-")), "corridor.db")));
describeReplayWindowContract("SQLite on disk", {
  open: () => Promise.resolve(openSqliteStore({
    path: join(mkdtempSync(join(tmpdir(), "corridor-replays-")), "corridor.db") })),
  records: (store) => Promise.resolve((store.database.prepare(
    "SELECT count(*) AS n FROM replay_window").get() as { n: number }).n) });

describe("SQLite store coordination", () => {
  // One node runs every job and hears only itself: the coordination contract is not for it.
  it("implements none of coordination, so storesOf() gives it a single node's", async () => {
    const store = openSqliteStore({ path: ":memory:" });
    expect(store.onQueued).toBeUndefined();
    expect(store.leaseJob).toBeUndefined();
    const { coordination } = storesOf(store);
    expect(await coordination.leaseJob("obsolescence", { now: 1_000, periodMs: 100 })).toBe(true);
    expect(await coordination.leaseJob("obsolescence", { now: 1_050, periodMs: 100 }),
      "a single node wins every period of every job").toBe(true);
    await store.close();
  });
});

describe("SQLite store query plans", () => {
  // What the hub runs for every message must walk a bounded index range, whatever the history:
  // a walk from a receiver's first message made acknowledgements slow down as traffic grew.
  const store = openSqliteStore({ path: ":memory:" });
  const plan = (name: keyof typeof sqliteStatementText): string => {
    const text = sqliteStatementText[name];
    const params = (text.match(/\?/g) ?? []).map(() => 1);
    return (store.database.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as
      { detail: string }[]).map((row) => row.detail).join("; ");
  };

  it("acknowledges only between the OSN already acknowledged and the one asked for", () => {
    expect(plan("ackUpto")).toContain("USING INDEX messages_osn (receiver=? AND osn>? AND osn<?)");
  });

  it("never scans the whole messages table per message, nor for the console's counts", () => {
    for (const name of ["ackUpto", "queued", "redeliveries", "deliver", "dedupe", "insertMessage",
      "countDelivery", "nextIsn", "position", "setLastOsn", "setAcked", "counts",
      "trafficBuckets", "newestSeq"] as const) {
      expect({ name, plan: plan(name) }).not.toMatchObject({ plan: expect.stringMatching(
        /SCAN messages/) });
    }
  });
});

describe("SQLite store migration 8 (message counts)", () => {
  it("counts the messages an older store already holds", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "corridor-counts-")), "corridor.db");
    const first = openSqliteStore({ path });
    for (const bic of ["BANKDEFFXXX", "BANKGB2LXXX"] as Bic[]) {
      await first.upsertParticipant({ bic, name: bic, publicKeyPem: "key", parent: undefined,
        status: "active", createdAt: 1 });
    }
    await first.commitSubmissions(["a", "b", "c"].map((n, i) => ({
      id: `M${n}` as MessageId, sender: "BANKDEFFXXX" as Bic, receiver: "BANKGB2LXXX" as Bic,
      format: "MT", type: "MT103", reference: n, uetr: undefined, priority: "normal",
      deliveryMonitoring: 0, possibleDuplicate: false, dedupeKey: n, payload: Buffer.from(n),
      createdAt: i, obsoleteAt: 1_000_000, initialStatus: i === 0 ? "held" : "queued" })));
    // Back to the store as version 7 left it: no count table, no triggers.
    first.database.exec(`DROP TRIGGER count_message_insert; DROP TRIGGER count_message_status;
      DROP TRIGGER count_message_delete; DROP TABLE message_counts;
      DELETE FROM schema_migrations WHERE version = 8`);
    await first.close();
    const upgraded = openSqliteStore({ path });
    expect(await upgraded.counts()).toMatchObject({ held: 1, queued: 2 });
    await upgraded.close();
  });
});

describe("SQLite store message search by BIC", () => {
  it("finds a bank's messages newest first whichever way the search walks", async () => {
    const store = openSqliteStore({ path: ":memory:" });
    const banks = ["BANKDEFFXXX", "BANKGB2LXXX", "QUIETBNKXXX"] as Bic[];
    for (const bic of banks) {
      await store.upsertParticipant({ bic, name: bic, publicKeyPem: "key", parent: undefined,
        status: "active", createdAt: 1 });
    }
    const pairs: [number, number][] = [[0, 1], [1, 0], [0, 1], [2, 1], [1, 0], [0, 1]];
    await store.commitSubmissions(pairs.map(([from, to], i) => ({
      id: `M${i}` as MessageId, sender: banks[from] as Bic, receiver: banks[to] as Bic,
      format: "MT", type: "MT103", reference: `R${i}`, uetr: undefined, priority: "normal",
      deliveryMonitoring: 0, possibleDuplicate: false, dedupeKey: `k${i}`,
      payload: Buffer.from("x"), createdAt: i, obsoleteAt: 1_000_000, initialStatus: "queued" })));
    const ids = async (bic: Bic, limit: number) =>
      (await store.searchMessages({ bic, limit })).map((m) => m.id);
    // Bank 0 sent 3 of 6: with limit 1 the search walks the newest first (3² >= 1 x 6), with
    // limit 100 it goes by the sender and receiver indexes, as for the quiet bank.
    expect(await ids(banks[0] as Bic, 1)).toEqual(["M5"]);
    expect(await ids(banks[0] as Bic, 100)).toEqual(["M5", "M4", "M2", "M1", "M0"]);
    expect(await ids(banks[2] as Bic, 100)).toEqual(["M3"]);
    await store.close();
  });
});
