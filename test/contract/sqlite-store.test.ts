// Runs the storage contract against the embedded SQLite store.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { sqliteStatementText } from "../../src/adapters/storage/sqlite/statements.js";
import { describeControlStoresContract } from "./controls-store.contract.js";
import { describeMessageStoreContract } from "./message-store.contract.js";

describeMessageStoreContract("SQLite in memory", () =>
  Promise.resolve(openSqliteStore({ path: ":memory:" })));
describeMessageStoreContract("SQLite on disk", () =>
  Promise.resolve(openSqliteStore({
    path: join(mkdtempSync(join(tmpdir(), "corridor-store-")), "corridor.db"),
  })));

function sqliteControls(path: string) {
  const store = openSqliteStore({ path });
  return Promise.resolve({ store, editAuditDetail: (seq: number, detail: string) => {
    store.database.prepare("UPDATE audit_log SET detail = ? WHERE seq = ?").run(detail, seq);
    return Promise.resolve();
  } });
}
describeControlStoresContract("SQLite in memory", () => sqliteControls(":memory:"));
describeControlStoresContract("SQLite on disk", () =>
  sqliteControls(join(mkdtempSync(join(tmpdir(), "corridor-controls-")), "corridor.db")));

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

  it("never scans the whole messages table per message", () => {
    for (const name of ["ackUpto", "queued", "redeliveries", "deliver", "dedupe", "insertMessage",
      "countDelivery", "nextIsn", "position", "setLastOsn", "setAcked"] as const) {
      expect({ name, plan: plan(name) }).not.toMatchObject({ plan: expect.stringMatching(
        /SCAN messages/) });
    }
  });
});
