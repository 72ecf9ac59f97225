// The cases port's contract: cases listed by status, versioned transitions that move their
// held message in the same transaction, holds from a list update, undelivered traffic paged.
import { describe, expect, it } from "vitest";
import { caseOfHeldSubmission } from "../../src/network/index.js";
import type { CaseRecord, MessageId, Submission } from "../../src/network/index.js";
import {
  bankA, bankB, bankC, held, hit, submission, verify, withStoreOf,
} from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeCasesContract(open: OpenStore): void {
  describe("cases port contract", () => {
    transitionTests(withStoreOf(open, [bankA, bankB, bankC]));
    listUpdateTests(withStoreOf(open, [bankA, bankB, bankC]));
  });
}

function transitionTests(withStore: WithStore): void {
  it("listCases() filters by status, newest first, up to the limit", () =>
    withStore(async (store) => {
      await store.commitSubmissions([held("C-1", { createdAt: 10 }),
        held("C-2", { createdAt: 20 }), held("C-3", { createdAt: 30 })]);
      const second = await store.getCase("C-2");
      expect(second).toBeDefined();
      if (second === undefined) return;
      expect(await store.transitionCase({ fromVersion: 1, next: { ...second,
        status: "release-proposed", proposedBy: "alice", version: 2, updatedAt: 40 } }))
        .toBe("ok");
      expect((await store.listCases({ limit: 10 })).map((c) => c.id))
        .toEqual(["C-3", "C-2", "C-1"]);
      expect((await store.listCases({ limit: 2 })).map((c) => c.id)).toEqual(["C-3", "C-2"]);
      expect((await store.listCases({ statuses: ["open"], limit: 10 })).map((c) => c.id))
        .toEqual(["C-3", "C-1"]);
      expect((await store.listCases({ statuses: ["release-proposed", "released"], limit: 10 }))
        .map((c) => c.id)).toEqual(["C-2"]);
    }));

  it("openCaseOf() finds a message's open case, and none once it is decided", () =>
    withStore(async (store) => {
      const items = [held("C-1", { createdAt: 10 }), held("C-2", { createdAt: 20 })];
      await store.commitSubmissions(items);
      const first = await store.openCaseOf(items[0]?.id ?? ("" as MessageId));
      expect(first?.id).toBe("C-1");
      if (first === undefined) return;
      expect(await store.transitionCase({ fromVersion: 1, messageTo: "rejected",
        next: { ...first, status: "rejected", decidedBy: "bob", version: 2, updatedAt: 30 } }))
        .toBe("ok");
      expect(await store.openCaseOf(first.messageId)).toBeUndefined();
      expect((await store.openCaseOf(items[1]?.id ?? ("" as MessageId)))?.id).toBe("C-2");
      expect(await store.openCaseOf("M-none" as MessageId)).toBeUndefined();
    }));

  it("transitionCase() refuses a stale version and moves the message only while held", () =>
    withStore(async (store) => {
      const item = held("C-1");
      await store.commitSubmissions([item]);
      const opened = await store.getCase("C-1");
      if (opened === undefined) throw new Error("Cannot find case C-1");
      const proposed: CaseRecord = { ...opened, status: "release-proposed", proposedBy: "alice",
        proposedAt: 50, version: 2, updatedAt: 50, updatedBy: "alice" };
      expect(await store.transitionCase({ next: proposed, fromVersion: 1 })).toBe("ok");
      const rival: CaseRecord = { ...opened, status: "rejected", version: 2, updatedBy: "eve" };
      expect(await store.transitionCase({ next: rival, fromVersion: 1, messageTo: "rejected" }))
        .toBe("conflict");
      expect(await store.getCase("C-1")).toEqual(proposed);
      expect((await store.getMessage(item.id))?.status).toBe("held");
      const released: CaseRecord = { ...proposed, status: "released", decidedBy: "bob",
        decidedAt: 60, version: 3, updatedAt: 60, updatedBy: "bob" };
      expect(await store.transitionCase({ next: released, fromVersion: 2, messageTo: "queued" }))
        .toBe("ok");
      expect(await store.getCase("C-1")).toEqual(released);
      expect((await store.getMessage(item.id))?.status).toBe("queued");
      const late: CaseRecord = { ...released, status: "rejected", version: 4, updatedBy: "eve" };
      expect(await store.transitionCase({ next: late, fromVersion: 3, messageTo: "rejected" }))
        .toBe("message-not-held");
      expect(await store.getCase("C-1"), "the case change rolled back").toEqual(released);
      expect((await store.getMessage(item.id))?.status).toBe("queued");
      expect(await verify(store), "a rolled-back change leaves the chain whole")
        .toMatchObject({ ok: true });
      await store.append([{ at: 80, kind: "login", actor: "alice", subject: "s", detail: "{}" }]);
      expect(await verify(store)).toMatchObject({ ok: true });
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 70 });
      expect(page.map((d) => d.message.id)).toEqual([item.id]);
    }));

  it("transitionCase() rejects a held message so it is never delivered", () =>
    withStore(async (store) => {
      const item = held("C-1");
      await store.commitSubmissions([item]);
      const opened = await store.getCase("C-1");
      if (opened === undefined) throw new Error("Cannot find case C-1");
      expect(await store.transitionCase({ fromVersion: 1, messageTo: "rejected", next: { ...opened,
        status: "rejected", decidedBy: "alice", decidedAt: 50, version: 2, updatedAt: 50 } }))
        .toBe("ok");
      expect((await store.getMessage(item.id))?.status).toBe("rejected");
      expect(await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 60 }))
        .toEqual([]);
    }));
}

function listUpdateTests(withStore: WithStore): void {
  it("holdQueued() holds only still-queued messages and opens their cases", () =>
    withStore(async (store) => {
      const delivered = submission();
      await store.commitSubmissions([delivered]);
      await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 5 });
      const queued = [submission(), submission()];
      await store.commitSubmissions(queued);
      const caseOf = (item: Submission, id: string): CaseRecord => ({
        ...caseOfHeldSubmission({ ...item, initialStatus: "held", hold: { caseId: id,
          hits: [hit] } }), openedBy: "list-update" });
      const heldIds = await store.holdQueued([caseOf(delivered, "L-0"),
        ...queued.map((item, n) => caseOf(item, `L-${n + 1}`))]);
      expect([...heldIds].sort()).toEqual(queued.map((item) => item.id).sort());
      expect(await store.getCase("L-0")).toBeUndefined();
      expect((await store.getCase("L-1"))?.openedBy).toBe("list-update");
      for (const item of queued) expect((await store.getMessage(item.id))?.status).toBe("held");
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 1, limit: 10, now: 6 });
      expect(page.map((d) => d.message.id)).toEqual([]);
    }));

  it("undeliveredPage() pages queued and held participant messages in store order", () =>
    withStore(async (store) => {
      const gone = submission();
      await store.commitSubmissions([gone]);
      await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 5 });
      const rest = [submission(), held("C-1"), submission({ receiver: bankC })];
      await store.commitSubmissions(rest);
      await store.addNotices([{ id: "N-1" as MessageId, receiver: bankA,
        type: "delivery-notification", about: gone.id, payload: Buffer.from("{}"),
        createdAt: 9 }]);
      const first = await store.undeliveredPage({ afterSeq: 0, limit: 2 });
      expect(first.map((row) => row.message.id)).toEqual([rest[0]?.id, rest[1]?.id]);
      const afterSeq = first[first.length - 1]?.seq ?? 0;
      const second = await store.undeliveredPage({ afterSeq, limit: 10 });
      expect(second.map((row) => row.message.id)).toEqual([rest[2]?.id]);
      expect(second[0]?.seq).toBeGreaterThan(afterSeq);
    }));
}
