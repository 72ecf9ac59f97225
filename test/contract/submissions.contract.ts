// The submissions port's contract: one commit numbers ISNs per sender, keeps the bytes, answers
// duplicates with the original, and writes each held message's case in the same transaction.
import { describe, expect, it } from "vitest";
import { caseOfHeldSubmission } from "../../src/network/index.js";
import { bankA, bankB, bankC, held, submission, verify, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeSubmissionsContract(open: OpenStore): void {
  describe("submissions port contract", () => {
    numberingTests(withStoreOf(open, [bankA, bankB]));
    heldCaseTests(withStoreOf(open, [bankA, bankB, bankC]));
  });
}

function numberingTests(withStore: WithStore): void {
  it("numbers ISNs per sender and keeps the exact bytes", () => withStore(async (store) => {
    const first = submission();
    const outcomes = await store.commitSubmissions([first, submission(),
      submission({ sender: bankB, receiver: bankA })]);
    expect(outcomes.map((o) => [o.kind, o.isn])).toEqual([["stored", 1], ["stored", 2],
      ["stored", 1]]);
    const stored = await store.getMessage(first.id);
    expect(stored?.payload.equals(first.payload)).toBe(true);
    expect(stored?.status).toBe("queued");
    expect(stored?.isn).toBe(1);
  }));

  it("answers a duplicate with the original id and ISN, in and across batches", () =>
    withStore(async (store) => {
      const original = submission({ dedupeKey: "same" });
      const [a, b] = await store.commitSubmissions([original, submission({ dedupeKey: "same" })]);
      expect(a).toEqual({ kind: "stored", id: original.id, isn: 1 });
      expect(b).toMatchObject({ kind: "duplicate", id: original.id, isn: 1 });
      const [c] = await store.commitSubmissions([submission({ dedupeKey: "same" })]);
      expect(c).toMatchObject({ kind: "duplicate", id: original.id, isn: 1 });
      expect((await store.counts()).queued).toBe(1);
    }));
}

function heldCaseTests(withStore: WithStore): void {
  it("commitSubmissions() writes the case of a held submission with its message", () =>
    withStore(async (store) => {
      const item = held("C-1");
      const plain = submission();
      await store.commitSubmissions([plain, item]);
      expect((await store.getMessage(item.id))?.status).toBe("held");
      expect(await store.getCase("C-1")).toEqual(caseOfHeldSubmission(item));
      expect(await store.getCase("C-none")).toBeUndefined();
      expect((await store.listCases({ limit: 10 })).map((c) => c.id)).toEqual(["C-1"]);
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 9 });
      expect(page.map((d) => d.message.id)).toEqual([plain.id]);
    }));

  it("commitSubmissions() writes no case for a duplicate of a held message", () =>
    withStore(async (store) => {
      const first = held("C-1", { dedupeKey: "same" });
      await store.commitSubmissions([first]);
      const [again] = await store.commitSubmissions([held("C-2", { dedupeKey: "same" })]);
      expect(again).toMatchObject({ kind: "duplicate", id: first.id });
      expect(await store.getCase("C-2")).toBeUndefined();
      const [third, fourth] = await store.commitSubmissions([held("C-3", { dedupeKey: "next" }),
        held("C-4", { dedupeKey: "next" })]);
      expect(fourth).toMatchObject({ kind: "duplicate", id: third?.id });
      expect((await store.listCases({ limit: 10 })).map((c) => c.id).sort())
        .toEqual(["C-1", "C-3"]);
      expect(await verify(store)).toMatchObject({ ok: true });
    }));
}
