// Every signed request claims its signature in the replay window: on SQLite the claim and the
// purge of expired records must walk an index, never the table, however full the window is.
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { sqliteStatementText } from "../../src/adapters/storage/sqlite/statements.js";

describe("SQLite replay window query plans", () => {
  const plan = (name: "claimSignature" | "purgeSignatures"): string => {
    const store = openSqliteStore({ path: ":memory:" });
    const text = sqliteStatementText[name];
    const params = (text.match(/\?/g) ?? []).map(() => 1);
    const detail = (store.database.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as
      { detail: string }[]).map((row) => row.detail).join("; ");
    store.database.close();
    return detail;
  };

  it("purges from the oldest end of the expiry index and deletes by key", () => {
    const purge = plan("purgeSignatures");
    expect(purge).toContain("USING COVERING INDEX replay_window_expiry (expires_at<?)");
    expect(purge).toContain("USING PRIMARY KEY (key=?)");
    expect(purge).not.toMatch(/SCAN replay_window/);
  });

  it("claims with an insert that scans nothing", () => {
    expect(plan("claimSignature")).not.toMatch(/SCAN/);
  });
});
