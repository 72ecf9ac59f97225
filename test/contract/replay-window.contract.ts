// The replay window contract, for every store: the first claim of a signature wins while its
// record lasts, each claim removes a bounded number of expired records, and on a store several
// nodes share, nodes racing on one signature see exactly one winner.
import { describe, expect, it } from "vitest";
import { replayWindowPurgeRowsMax } from "../../src/limits.js";
import type { ReplayWindow, StoreLifecycle } from "../../src/network/index.js";

type WindowStore = ReplayWindow & StoreLifecycle;

export interface ReplayWindowSubject<Store extends WindowStore> {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** Records the store holds, read behind the port: the purge is not visible through it. */
  records(store: Store): Promise<number>;
  /** Two nodes on one fresh database, for stores several hub nodes share. */
  openNodes?: (label: string) => Promise<readonly [Store, Store]>;
}

const key = (n: number): string => n.toString(16).padStart(128, "0");

export function describeReplayWindowContract<Store extends WindowStore>(name: string,
  subject: ReplayWindowSubject<Store>): void {
  const withStore = async (body: (store: Store) => Promise<void>): Promise<void> => {
    const store = await subject.open();
    try {
      await body(store);
    } finally {
      await store.close();
    }
  };

  describe(`StoreAdapter contract: ${name}`, () => {
    describe("replay window contract", () => {
      it("claimSignature() wins once, and again only when the record has expired", () =>
        withStore(async (store) => {
          expect(await store.claimSignature(key(1), { expiresAt: 2_000, now: 1_000 })).toBe(true);
          expect(await store.claimSignature(key(1), { expiresAt: 2_500, now: 1_500 })).toBe(false);
          expect(await store.claimSignature(key(1), { expiresAt: 2_999, now: 1_999 }),
            "a record lasts until its expiry").toBe(false);
          expect(await store.claimSignature(key(2), { expiresAt: 2_000, now: 1_999 }),
            "other keys are other signatures").toBe(true);
          expect(await store.claimSignature(key(1), { expiresAt: 4_000, now: 2_000 }),
            "a record that expired may be claimed again").toBe(true);
          expect(await store.claimSignature(key(1), { expiresAt: 4_000, now: 2_001 }),
            "and then lasts until its new expiry").toBe(false);
        }));

      it("claimSignature() answers one winner among concurrent claims of one key", () =>
        withStore(async (store) => {
          const answers = await Promise.all(Array.from({ length: 8 }, () =>
            store.claimSignature(key(3), { expiresAt: 9_000, now: 1_000 })));
          expect(answers.filter(Boolean)).toHaveLength(1);
        }));

      it("claimSignature() removes at most replayWindowPurgeRowsMax expired records a call", () =>
        withStore(async (store) => {
          const purge = replayWindowPurgeRowsMax;
          const expired = 2 * purge + 2;
          for (let n = 0; n < expired; n += 1) {
            expect(await store.claimSignature(key(100 + n), { expiresAt: 1_000, now: 0 }))
              .toBe(true);
          }
          const left = [expired - purge + 1, expired - 2 * purge + 2, 3];
          for (const [index, records] of left.entries()) {
            expect(await store.claimSignature(key(901 + index), { expiresAt: 50_000,
              now: 1_000 })).toBe(true);
            expect(await subject.records(store)).toBe(records);
          }
          for (let n = 0; n < 3; n += 1) {
            expect(await store.claimSignature(key(900 + n + 1), { expiresAt: 50_000,
              now: 2_000 }), "records that have not expired are kept").toBe(false);
          }
          expect(await subject.records(store)).toBe(3);
        }));

      const openNodes = subject.openNodes;
      it.skipIf(openNodes === undefined)(
        "claimSignature() from two nodes at once has one winner per key (shared stores only)",
        async () => {
          if (openNodes === undefined) return;
          const [one, two] = await openNodes("replays");
          try {
            const keys = Array.from({ length: 50 }, (_v, n) => key(5_000 + n));
            await one.claimSignature(key(5_000), { expiresAt: 1_000, now: 0 });
            const answers = await Promise.all(keys.map((k) => Promise.all([
              one.claimSignature(k, { expiresAt: 9_000, now: 1_000 }),
              two.claimSignature(k, { expiresAt: 9_000, now: 1_000 })])));
            for (const pair of answers) expect(pair.filter(Boolean)).toHaveLength(1);
            expect(await two.claimSignature(key(5_001), { expiresAt: 9_500, now: 1_500 }),
              "a node refuses what the other claimed").toBe(false);
          } finally {
            await Promise.all([one.close(), two.close()]);
          }
        });
    });
  });
}
