// The message queries port's contract: counts by status, queue depths, the console's search
// and the traffic buckets, as messages move through their states.
import { describe, expect, it } from "vitest";
import type { MessageId, MessageSearch } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import { bankA, bankB, submission, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeMessageQueriesContract(open: OpenStore): void {
  describe("message queries port contract", () => {
    countTests(withStoreOf(open, [bankA, bankB]));
    consoleQueryTests(withStoreOf(open, [bankA, bankB]));
  });
}

function countTests(withStore: WithStore): void {
  it("counts messages by status and queue depth by receiver", () => withStore(async (store) => {
    await store.commitSubmissions([submission(), submission({ initialStatus: "held" })]);
    const counts = await store.counts();
    expect(counts.queued).toBe(1);
    expect(counts.held).toBe(1);
    expect(await store.queueDepths()).toEqual([{ receiver: bankB, depth: 1 }]);
  }));

  it("keeps the counts by status as messages are delivered, acknowledged and finished", () =>
    withStore(async (store) => {
      const held = submission({ initialStatus: "held" });
      const queued = [submission(), submission(), submission(), submission()];
      await store.commitSubmissions([held, ...queued]);
      const delivered = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 3,
        now: 2_000 });
      await store.ackInbox(bankB, { uptoOsn: delivered[1]?.osn ?? 0, now: 3_000 });
      await store.finish([held.id], "rejected");
      await store.finish([queued[3]?.id as MessageId], "aborted");
      expect(await store.counts()).toEqual({ queued: 0, held: 0, delivered: 1,
        acknowledged: 2, rejected: 1, aborted: 1 });
    }));
}

function consoleQueryTests(withStore: WithStore): void {
  it("searchMessages() finds by BIC, reference, UETR, type, status and time, newest first", () =>
    withStore(async (store) => {
      const uetr = "e3b0c442-98fc-4c14-9afb-00000000abcd";
      const first = submission({ reference: "FINDME", createdAt: 2_000 });
      const second = submission({ sender: bankB, receiver: bankA, uetr, type: "pacs.008.001.08",
        format: "MX", createdAt: 3_000 });
      const third = submission({ initialStatus: "held", createdAt: 4_000 });
      await store.commitSubmissions([first, second, third]);
      const ids = async (query: Omit<MessageSearch, "limit">, limit = 10) =>
        (await store.searchMessages({ ...query, limit })).map((m) => m.id);
      expect(await ids({})).toEqual([third.id, second.id, first.id]);
      expect(await ids({}, 2)).toEqual([third.id, second.id]);
      expect(await ids({ reference: "FINDME" })).toEqual([first.id]);
      expect(await ids({ uetr })).toEqual([second.id]);
      expect(await ids({ type: "pacs.008.001.08" })).toEqual([second.id]);
      expect(await ids({ status: "held" })).toEqual([third.id]);
      expect(await ids({ bic: bankA, status: "queued" })).toEqual([second.id, first.id]);
      expect(await ids({ createdFrom: 3_000 })).toEqual([third.id, second.id]);
      expect(await ids({ createdBefore: 3_000 })).toEqual([first.id]);
      expect(await ids({ bic: "NONEXXXXXXX" as Bic })).toEqual([]);
      const found = (await store.searchMessages({ reference: "FINDME", limit: 1 }))[0];
      expect(found?.payload.equals(first.payload)).toBe(true);
    }));

  it("trafficBuckets() counts per bucket and pair, and the held among them, without notices",
    () => withStore(async (store) => {
      const early = submission({ createdAt: 10_100 });
      const held = submission({ createdAt: 15_500, initialStatus: "held" });
      await store.commitSubmissions([early, submission({ createdAt: 14_900 }), held,
        submission({ createdAt: 19_999 }), submission({ sender: bankB, receiver: bankA,
          createdAt: 15_600 }), submission({ createdAt: 5_000 })]);
      await store.addNotices([{ id: "N2" as MessageId, receiver: bankA,
        type: "delivery-notification", about: early.id, payload: Buffer.from("{}"),
        createdAt: 15_000 }]);
      const seen = async (bucketMs: number, limit = 100) =>
        (await store.trafficBuckets({ since: 10_000, bucketMs, limit }))
          .map((r) => [r.bucketStart, r.sender, r.receiver, r.count, r.held]);
      expect(await seen(5_000)).toEqual([[10_000, bankA, bankB, 2, 0],
        [15_000, bankA, bankB, 2, 1], [15_000, bankB, bankA, 1, 0]]);
      expect(await seen(5_000, 1)).toHaveLength(1);
      expect(await seen(10_000)).toEqual([[10_000, bankA, bankB, 4, 1],
        [10_000, bankB, bankA, 1, 0]]);
      // A message no longer held (here rejected) still counts as traffic, not as held.
      await store.finish([held.id], "rejected");
      expect(await seen(10_000)).toEqual([[10_000, bankA, bankB, 4, 0],
        [10_000, bankB, bankA, 1, 0]]);
      // Buckets more than an hour older than the newest message are dropped.
      await store.commitSubmissions([submission({ createdAt: 3_620_000 })]);
      expect(await seen(5_000)).toEqual([[3_620_000, bankA, bankB, 1, 0]]);
    }));
}
