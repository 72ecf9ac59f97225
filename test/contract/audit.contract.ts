// The audit port's contract: an append-only hash chain, gap-free and in order, that records
// every message, case and policy change in its own transaction and shows any edit.
import { describe, expect, it } from "vitest";
import {
  bankA, bankB, bankC, held, policy, submission, verify, withStoreOf,
} from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeAuditContract(open: OpenStore): void {
  describe("audit port contract", () => {
    auditTests(withStoreOf(open, [bankA, bankB, bankC]));
  });
}

function auditTests(withStore: WithStore): void {
  it("append() and entries() keep a gap-free chain in order, each linked to the one before", () =>
    withStore(async (store) => {
      await store.append([
        { at: 10, kind: "login", actor: "alice", subject: "session", detail: "{\"ok\":true}" },
        { at: 11, kind: "list-import", actor: "CORRIDOR", subject: "un", detail: "{}" },
      ]);
      // Non-ASCII text and the separator character must hash the same in every store.
      const detail = "{\"code\":\"role-forbidden\",\"text\":\"caf\u00e9 | \u00fc\"}";
      await store.append([{ at: 12, kind: "refusal", actor: "bob", subject: "C-1", detail }]);
      const entries = await store.entries({ afterSeq: 0, limit: 100 });
      expect(entries.map((e) => [e.at, e.kind, e.actor, e.subject])).toEqual([
        [10, "login", "alice", "session"], [11, "list-import", "CORRIDOR", "un"],
        [12, "refusal", "bob", "C-1"]]);
      expect(entries[2]?.detail).toBe(detail);
      expect(entries[0]?.prevHash).toBe("0".repeat(64));
      entries.forEach((entry, index) => {
        expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
        if (index > 0) expect(entry.prevHash).toBe(entries[index - 1]?.hash);
        if (index > 0) expect(entry.seq).toBe((entries[index - 1]?.seq ?? 0) + 1);
      });
      const tail = await store.entries({ afterSeq: entries[0]?.seq ?? 0, limit: 1 });
      expect(tail.map((e) => e.subject)).toEqual(["un"]);
      expect(await verify(store)).toMatchObject({ ok: true, entries: 3,
        lastHash: entries[2]?.hash });
    }));

  it("chains every message, case and policy change in the same transaction", () =>
    withStore(async (store) => {
      const item = held("C-1");
      await store.commitSubmissions([item]);
      await store.insertPolicy(policy("P-1"));
      const opened = await store.getCase("C-1");
      if (opened === undefined) throw new Error("Cannot find case C-1");
      await store.transitionCase({ fromVersion: 1, messageTo: "queued", next: { ...opened,
        status: "released", version: 2, updatedAt: 50, updatedBy: "bob" } });
      const entries = await store.entries({ afterSeq: 0, limit: 100 });
      const seen = entries.map((e) => [e.kind, e.subject,
        (JSON.parse(e.detail) as { status: string }).status]);
      expect(seen).toEqual([["message", item.id, "held"], ["case", "C-1", "open"],
        ["policy", "P-1", "proposed"], ["case", "C-1", "released"],
        ["message", item.id, "queued"]]);
      expect(await verify(store)).toMatchObject({ ok: true, entries: 5 });
    }));

  it("an entry edited behind the store's back is named by the verifier", () =>
    withStore(async (store, fixture) => {
      await store.commitSubmissions([submission(), submission(), submission()]);
      await store.append([{ at: 20, kind: "login", actor: "alice", subject: "s", detail: "{}" }]);
      const entries = await store.entries({ afterSeq: 0, limit: 100 });
      expect(entries).toHaveLength(4);
      expect(await verify(store)).toMatchObject({ ok: true, entries: 4 });
      const target = entries[1];
      if (target === undefined) throw new Error("Cannot find the second audit entry");
      await fixture.editAuditDetail(target.seq, "{\"status\":\"aborted\"}");
      expect(await verify(store)).toMatchObject({ ok: false, entries: 1,
        firstBad: { seq: target.seq, problem: "hash-mismatch" } });
    }));
}
