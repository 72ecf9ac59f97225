// The accounts port's contract: console and operator accounts, found by name or token hash;
// each with its creator and lineage, written once, and a pending state no token reaches.
import { describe, expect, it } from "vitest";
import type { AccountRecord } from "../../src/network/index.js";
import { bankA, bankB, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeAccountsContract(open: OpenStore): void {
  describe("accounts port contract", () => {
    accountTests(withStoreOf(open, [bankA, bankB]));
  });
  describe("accounts port contract: lineage and pending accounts", () => {
    lineageTests(withStoreOf(open, [bankA, bankB]));
  });
}

function accountTests(withStore: WithStore): void {
  it("stores accounts and finds them by name or token hash", () => withStore(async (store) => {
    await store.upsertAccount({ name: "olga", role: "operator", tokenHash: "abc",
      passwordHash: undefined, createdAt: 3 });
    expect((await store.findAccount({ tokenHash: "abc" }))?.name).toBe("olga");
    expect((await store.findAccount({ name: "olga" }))?.role).toBe("operator");
    expect(await store.findAccount({ tokenHash: "nope" })).toBeUndefined();
    await store.upsertAccount({ name: "olga", role: "auditor", tokenHash: undefined,
      passwordHash: "scrypt$x", createdAt: 3 });
    expect((await store.listAccounts()).map((a) => [a.name, a.role, a.tokenHash]))
      .toEqual([["olga", "auditor", undefined]]);
  }));
}

/** carla, proposed by olga (the hub's own operator) as a compliance officer, not yet approved. */
const pendingCarla: AccountRecord = { name: "carla", role: "compliance", tokenHash: undefined,
  passwordHash: undefined, createdAt: 5, status: "pending", createdBy: "olga",
  lineage: ["olga", "CORRIDOR"], approvedBy: undefined,
  proposal: { role: "compliance", by: "olga", at: 5 }, version: 1 };

function lineageTests(withStore: WithStore): void {
  it("upsertAccount() writes the hub's own account: created by CORRIDOR, active", () =>
    withStore(async (store) => {
      await store.upsertAccount({ name: "olga", role: "operator", tokenHash: "abc",
        passwordHash: undefined, createdAt: 3 });
      expect(await store.findAccount({ name: "olga" })).toEqual({ name: "olga",
        role: "operator", tokenHash: "abc", passwordHash: undefined, createdAt: 3,
        status: "active", createdBy: "CORRIDOR", lineage: ["CORRIDOR"], approvedBy: undefined,
        proposal: undefined, version: 1 });
    }));

  it("insertAccount() stores a pending account whole; a taken name answers false", () =>
    withStore(async (store) => {
      expect(await store.insertAccount(pendingCarla)).toBe(true);
      expect(await store.findAccount({ name: "carla" })).toEqual(pendingCarla);
      expect(await store.insertAccount({ ...pendingCarla, createdBy: "omar",
        lineage: ["omar", "CORRIDOR"] })).toBe(false);
      expect((await store.listAccounts()).map((a) => [a.name, a.status, a.createdBy]))
        .toEqual([["carla", "pending", "olga"]]);
    }));

  it("updateAccount() replaces an account at its version only, keeping its lineage", () =>
    withStore(async (store) => {
      await store.insertAccount(pendingCarla);
      const approved: AccountRecord = { ...pendingCarla, status: "active", tokenHash: "tok",
        approvedBy: "omar", proposal: undefined, version: 2 };
      expect(await store.updateAccount(approved, 1)).toBe(true);
      expect(await store.updateAccount({ ...approved, version: 3 }, 1)).toBe(false);
      expect(await store.updateAccount({ ...approved, lineage: ["CORRIDOR"],
        createdBy: "CORRIDOR", version: 3 }, 2)).toBe(true);
      expect(await store.findAccount({ tokenHash: "tok" })).toEqual({ ...approved, version: 3 });
    }));

  it("upsertAccount() over an existing account keeps its lineage and creation time", () =>
    withStore(async (store) => {
      await store.insertAccount(pendingCarla);
      await store.upsertAccount({ name: "carla", role: "compliance", tokenHash: "new",
        passwordHash: undefined, createdAt: 99, status: "active", proposal: undefined });
      expect(await store.findAccount({ name: "carla" })).toMatchObject({ status: "active",
        tokenHash: "new", createdAt: 5, createdBy: "olga", lineage: ["olga", "CORRIDOR"],
        version: 2 });
    }));
}
