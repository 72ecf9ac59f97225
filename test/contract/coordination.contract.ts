// The coordination contract, for stores that several hub nodes share: a node hears the queues
// other nodes fill (never its own), and one node alone wins each period of a scheduled job.
// A single-node store (SQLite) implements none of it; storesOf() gives it a single node's.
import { describe, expect, it } from "vitest";
import type { Coordination, StoreAdapter } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import { bankB, submission } from "./store-fixtures.js";

/** A store with both halves of coordination. */
export type SharedStore = StoreAdapter & Coordination;

/** Opens two nodes on one fresh database, with the test banks as participants. */
export type OpenNodes = (label: string) => Promise<readonly [SharedStore, SharedStore]>;

export function describeCoordinationContract(name: string, openNodes: OpenNodes): void {
  describe(`StoreAdapter contract: ${name}`, () => {
    describe("coordination contract", () => {
      it("onQueued() wakes the other node when one queues for a receiver", async () => {
        const [one, two] = await openNodes("notify");
        const woken: Bic[][] = [];
        const unsubscribe = two.onQueued((receivers) => { woken.push([...receivers]); });
        const ownWake: Bic[][] = [];
        one.onQueued((receivers) => { ownWake.push([...receivers]); });
        await new Promise((done) => setTimeout(done, 300));
        await one.commitSubmissions([submission()]);
        for (let i = 0; i < 50 && woken.length === 0; i += 1) {
          await new Promise((done) => setTimeout(done, 20));
        }
        expect(woken).toEqual([[bankB]]);
        expect(ownWake).toEqual([]);
        unsubscribe();
        await Promise.all([one.close(), two.close()]);
      });

      it("leaseJob() lets one node run a job per period", async () => {
        const [one, two] = await openNodes("lease");
        const first = await Promise.all([
          one.leaseJob("obsolescence", { now: 1_000, periodMs: 100 }),
          two.leaseJob("obsolescence", { now: 1_000, periodMs: 100 })]);
        expect(first.filter(Boolean)).toHaveLength(1);
        expect(await two.leaseJob("obsolescence", { now: 1_050, periodMs: 100 })).toBe(false);
        expect(await two.leaseJob("obsolescence", { now: 1_100, periodMs: 100 })).toBe(true);
        expect(await one.leaseJob("other", { now: 1_050, periodMs: 100 })).toBe(true);
        await Promise.all([one.close(), two.close()]);
      });
    });
  });
}
