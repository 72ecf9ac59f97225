// The participants port's contract: the directory of banks, by BIC, updated on upsert.
import { describe, expect, it } from "vitest";
import type { Bic } from "../../src/standards/index.js";
import { bankA, bankB, participant, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeParticipantsContract(open: OpenStore): void {
  describe("participants port contract", () => {
    participantTests(withStoreOf(open, [bankA, bankB]));
  });
}

function participantTests(withStore: WithStore): void {
  it("stores and lists participants, updating on upsert", () => withStore(async (store) => {
    await store.upsertParticipant({ ...participant(bankA, "Bank A renamed"), parent: "BANKDEFF" });
    const found = await store.getParticipant(bankA);
    expect(found?.name).toBe("Bank A renamed");
    expect(found?.parent).toBe("BANKDEFF");
    expect((await store.listParticipants()).map((p) => p.bic)).toEqual([bankA, bankB]);
    expect(await store.getParticipant("NONEXXXXXXX" as Bic)).toBeUndefined();
  }));
}
