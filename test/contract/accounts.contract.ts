// The accounts port's contract: console and operator accounts, found by name or token hash.
import { describe, expect, it } from "vitest";
import { bankA, bankB, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeAccountsContract(open: OpenStore): void {
  describe("accounts port contract", () => {
    accountTests(withStoreOf(open, [bankA, bankB]));
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
