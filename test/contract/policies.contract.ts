// The policies port's contract: whole records kept, versioned updates, and the participant
// traffic a policy touches, by BIC8, time and status.
import { describe, expect, it } from "vitest";
import type { PolicyRecord, StoreAdapter } from "../../src/network/index.js";
import { bankA, bankB, bankC, policy, submission, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describePoliciesContract(open: OpenStore): void {
  describe("policies port contract", () => {
    policyTests(withStoreOf(open, [bankA, bankB, bankC]));
  });
}

function policyTests(withStore: WithStore): void {
  it("insertPolicy() and getPolicy() keep the whole record; listPolicies() orders by time", () =>
    withStore(async (store) => {
      const later = policy("P-2", { effectiveAt: 9_000, countries: ["RU"] });
      const sooner = policy("P-1", { outcome: { excluded: ["BANKDEFFXXX"], aborted: 2,
        kept: 0 } });
      await store.insertPolicy(later);
      await store.insertPolicy(sooner);
      expect(await store.getPolicy("P-2")).toEqual(later);
      expect(await store.getPolicy("P-1")).toEqual(sooner);
      expect(await store.getPolicy("P-none")).toBeUndefined();
      expect((await store.listPolicies(10)).map((p) => p.id)).toEqual(["P-1", "P-2"]);
      expect((await store.listPolicies(1)).map((p) => p.id)).toEqual(["P-1"]);
    }));

  it("updatePolicy() moves a policy through its states and refuses a stale version", () =>
    withStore(async (store) => {
      const proposed = policy("P-1");
      await store.insertPolicy(proposed);
      const approved: PolicyRecord = { ...proposed, status: "approved", approvedBy: "checker",
        approvedAt: 3_000, version: 2, updatedAt: 3_000, updatedBy: "checker" };
      expect(await store.updatePolicy(approved, 1)).toBe(true);
      expect(await store.updatePolicy({ ...approved, updatedBy: "rival" }, 1)).toBe(false);
      expect(await store.getPolicy("P-1")).toEqual(approved);
      const applied: PolicyRecord = { ...approved, status: "applied", appliedAt: 5_000,
        outcome: { excluded: ["BANKDEFFXXX"], aborted: 1, kept: 0 }, version: 3,
        updatedAt: 5_000, updatedBy: "CORRIDOR" };
      expect(await store.updatePolicy(applied, 2)).toBe(true);
      expect(await store.getPolicy("P-1")).toEqual(applied);
      expect(await store.updatePolicy(policy("P-none", { version: 2 }), 1)).toBe(false);
    }));

  it("messagesInvolving() finds participant traffic by BIC8, time and status", () =>
    withStore(async (store) => {
      const toA = submission({ sender: bankC, receiver: bankA, createdAt: 100 });
      const fromA = submission({ createdAt: 200 });
      const other = submission({ sender: bankC, receiver: bankB, createdAt: 300 });
      await store.commitSubmissions([toA, fromA, other]);
      await store.claimInbox({ receiver: bankA, afterOsn: 0, limit: 10, now: 400 });
      const ids = async (query: Parameters<StoreAdapter["messagesInvolving"]>[0]) =>
        (await store.messagesInvolving(query)).map((m) => m.id);
      expect(await ids({ bic8s: ["BANKDEFF"], limit: 10 })).toEqual([fromA.id, toA.id]);
      expect(await ids({ bic8s: ["BANKDEFF"], limit: 1 })).toEqual([fromA.id]);
      expect(await ids({ bic8s: ["BANKDEFF"], since: 150, limit: 10 })).toEqual([fromA.id]);
      expect(await ids({ bic8s: ["BANKDEFF"], statuses: ["queued"], limit: 10 }))
        .toEqual([fromA.id]);
      expect(await ids({ bic8s: ["NONEXXXX"], limit: 10 })).toEqual([]);
    }));
}
