// Runs the storage contract against the embedded SQLite store.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/adapters/index.js";
import { describeMessageStoreContract } from "./message-store.contract.js";

describeMessageStoreContract("SQLite in memory", () =>
  Promise.resolve(openSqliteStore({ path: ":memory:" })));
describeMessageStoreContract("SQLite on disk", () =>
  Promise.resolve(openSqliteStore({
    path: join(mkdtempSync(join(tmpdir(), "corridor-store-")), "corridor.db"),
  })));
