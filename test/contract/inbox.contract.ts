// The inbox port's contract: gap-free OSNs per receiver, urgent first, redelivery as possible
// duplicates until acknowledged, system notices in the stream, obsolescence and final states.
import { describe, expect, it } from "vitest";
import type { MessageId } from "../../src/network/index.js";
import { bankA, bankB, submission, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeInboxContract(open: OpenStore): void {
  describe("inbox port contract", () => {
    deliveryTests(withStoreOf(open, [bankA, bankB]));
    noticeTests(withStoreOf(open, [bankA, bankB]));
  });
}

function deliveryTests(withStore: WithStore): void {
  it("delivers with gap-free OSNs in order, urgent first, and not held ones", () =>
    withStore(async (store) => {
      const normal = submission();
      const held = submission({ initialStatus: "held" });
      const urgent = submission({ priority: "urgent" });
      await store.commitSubmissions([normal, held, urgent]);
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 5 });
      expect(page.map((d) => [d.message.id, d.osn, d.possibleDuplicate])).toEqual([
        [urgent.id, 1, false], [normal.id, 2, false]]);
      expect((await store.getMessage(held.id))?.status).toBe("held");
    }));

  it("redelivers unacknowledged messages as possible duplicates until acked", () =>
    withStore(async (store) => {
      await store.commitSubmissions([submission(), submission(), submission()]);
      const first = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 2, now: 5 });
      expect(first.map((d) => d.osn)).toEqual([1, 2]);
      const again = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 6 });
      expect(again.map((d) => [d.osn, d.possibleDuplicate])).toEqual([[1, true], [2, true],
        [3, false]]);
      const ack = await store.ackInbox(bankB, { uptoOsn: 2, now: 7 });
      expect(ack.ackedOsn).toBe(2);
      expect(ack.acknowledged.map((m) => m.osn)).toEqual([1, 2]);
      expect((await store.inboxPosition(bankB))).toEqual({ ackedOsn: 2, lastOsn: 3 });
      const rest = await store.claimInbox({ receiver: bankB, afterOsn: 2, limit: 10, now: 8 });
      expect(rest.map((d) => d.osn)).toEqual([3]);
    }));

  it("clamps an ack beyond the last OSN and never moves the ack backwards", () =>
    withStore(async (store) => {
      await store.commitSubmissions([submission()]);
      await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 5 });
      expect((await store.ackInbox(bankB, { uptoOsn: 99, now: 6 })).ackedOsn).toBe(1);
      expect((await store.ackInbox(bankB, { uptoOsn: 0, now: 7 })).ackedOsn).toBe(1);
    }));
}

function noticeTests(withStore: WithStore): void {
  it("queues system notices in the receiver's OSN stream", () => withStore(async (store) => {
    const about = submission();
    await store.commitSubmissions([about]);
    await store.addNotices([{ id: "N1" as MessageId, receiver: bankA,
      type: "delivery-notification", about: about.id, payload: Buffer.from("{}"),
      createdAt: 9 }]);
    const page = await store.claimInbox({ receiver: bankA, afterOsn: 0, limit: 10, now: 10 });
    expect(page.map((d) => [d.osn, d.message.format, d.message.type])).toEqual([
      [1, "system", "delivery-notification"]]);
  }));

  it("hands out obsolete messages once, and finishes only undelivered ones", () =>
    withStore(async (store) => {
      const late = submission({ obsoleteAt: 50 });
      const other = submission();
      await store.commitSubmissions([late, other]);
      expect((await store.takeObsolete({ now: 100, limit: 10 })).map((m) => m.id))
        .toEqual([late.id]);
      expect(await store.takeObsolete({ now: 100, limit: 10 })).toEqual([]);
      await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 1, now: 5 });
      const finished = await store.finish([late.id, other.id], "aborted");
      expect(finished.map((m) => m.id)).toEqual([other.id]);
      expect((await store.getMessage(other.id))?.status).toBe("aborted");
    }));
}
