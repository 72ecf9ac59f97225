// Unit tests of the participant directory's cache: lookups stay off the store within the TTL,
// changes through it apply at once, and made-up BICs cannot grow it past its bound.
import { describe, expect, it } from "vitest";
import { directoryCacheEntriesMax } from "../../limits.js";
import type { Bic } from "../../standards/index.js";
import type { Participant } from "../types.js";
import { createDirectory } from "./directory.js";
import type { ParticipantStore } from "./participant-store.js";

function countingStore(known: readonly Participant[]) {
  const reads = { count: 0 };
  const rows = new Map(known.map((p) => [p.bic, p]));
  const store: ParticipantStore = {
    getParticipant: (bic) => { reads.count += 1; return Promise.resolve(rows.get(bic)); },
    upsertParticipant: (p) => { rows.set(p.bic, p); return Promise.resolve(); },
    listParticipants: () => Promise.resolve([...rows.values()]),
  };
  return { store, reads };
}

const bank: Participant = { bic: "BANKDEFFXXX" as Bic, name: "Bank", publicKeyPem: "",
  parent: undefined, status: "active", createdAt: 0 };

describe("createDirectory()", () => {
  it("reads the store once per BIC within the cache lifetime, again after it", async () => {
    let now = 0;
    const { store, reads } = countingStore([bank]);
    const directory = createDirectory({ participants: store, clock: { now: () => now } });
    expect(await directory.find(bank.bic)).toEqual(bank);
    expect(await directory.find(bank.bic)).toEqual(bank);
    expect(reads.count).toBe(1);
    now += 60_000;
    await directory.find(bank.bic);
    expect(reads.count).toBe(2);
  });

  it("keeps at most directoryCacheEntriesMax entries however many unknown BICs are asked",
    async () => {
      const { store, reads } = countingStore([bank]);
      const directory = createDirectory({ participants: store, clock: { now: () => 0 } });
      await directory.find(bank.bic);
      const asked = directoryCacheEntriesMax + 10;
      for (let n = 0; n < asked; n += 1) {
        await directory.find(`X${n.toString(36).toUpperCase().padStart(10, "0")}` as Bic);
      }
      expect(reads.count).toBe(asked + 1);
      // The oldest entry (the real bank) went first; the newest unknown one is still cached.
      await directory.find(bank.bic);
      expect(reads.count).toBe(asked + 2);
      await directory.find(`X${(asked - 1).toString(36).toUpperCase().padStart(10, "0")}` as Bic);
      expect(reads.count).toBe(asked + 2);
    });
});
