// The storage contract: one suite that every StoreAdapter adapter must pass (SQLite, PostgreSQL).
import { describe, expect, it } from "vitest";
import type {
  MessageId, MessageSearch, StoreAdapter, Participant, Submission,
} from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";

const pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtest\n-----END PUBLIC KEY-----\n";
const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;

function participant(bic: Bic, name: string): Participant {
  return { bic, name, publicKeyPem: pem, parent: undefined, status: "active", createdAt: 1 };
}

let counter = 0;
function submission(overrides: Partial<Submission> = {}): Submission {
  counter += 1;
  return {
    id: `M${String(counter).padStart(8, "0")}` as MessageId,
    sender: bankA, receiver: bankB, format: "MT", type: "MT103", reference: `REF${counter}`,
    uetr: undefined, priority: "normal", deliveryMonitoring: 0, possibleDuplicate: false,
    dedupeKey: `key-${counter}`, payload: Buffer.from(`payload ${counter} \u00e9`),
    createdAt: 1_000, obsoleteAt: 1_000 + 6_000_000, initialStatus: "queued",
    ...overrides,
  };
}

export function describeMessageStoreContract(
  name: string,
  open: () => Promise<StoreAdapter>,
): void {
  const withStore = async (body: (store: StoreAdapter) => Promise<void>): Promise<void> => {
    const store = await open();
    try {
      await store.upsertParticipant(participant(bankA, "Bank A"));
      await store.upsertParticipant(participant(bankB, "Bank B"));
      await body(store);
    } finally {
      await store.close();
    }
  };

  describe(`StoreAdapter contract: ${name}`, () => {
    it("stores and lists participants, updating on upsert", () => withStore(async (store) => {
      await store.upsertParticipant({ ...participant(bankA, "Bank A renamed"), parent: "BANKDEFF" });
      const found = await store.getParticipant(bankA);
      expect(found?.name).toBe("Bank A renamed");
      expect(found?.parent).toBe("BANKDEFF");
      expect((await store.listParticipants()).map((p) => p.bic)).toEqual([bankA, bankB]);
      expect(await store.getParticipant("NONEXXXXXXX" as Bic)).toBeUndefined();
    }));

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

    it("grants, finds, lists and revokes RMA authorisations", () => withStore(async (store) => {
      await store.putRma({ receiver: bankB, sender: bankA, types: ["MT103", "pacs.008"],
        grantedBy: "olga", grantedAt: 5 });
      expect(await store.findRma(bankB, bankA)).toEqual({ receiver: bankB, sender: bankA,
        types: ["MT103", "pacs.008"], grantedBy: "olga", grantedAt: 5 });
      expect(await store.findRma(bankA, bankB)).toBeUndefined();
      await store.putRma({ receiver: bankB, sender: bankA, types: [], grantedBy: "ivan",
        grantedAt: 6 });
      expect((await store.findRma(bankB, bankA))?.types).toEqual([]);
      expect((await store.listRma({ bic: bankA, limit: 10 })).length).toBe(1);
      expect((await store.listRma({ bic: "OTHRGB2LXXX" as Bic, limit: 10 })).length).toBe(0);
      expect(await store.deleteRma(bankB, bankA)).toBe(true);
      expect(await store.deleteRma(bankB, bankA)).toBe(false);
    }));

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

    // --- Console queries (issue 7) ---
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
  });
}
