// Runs the storage contract against the embedded SQLite store.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/adapters/index.js";
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
