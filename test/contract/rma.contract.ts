// The RMA port's contract: a receiver's authorisations of senders, granted, found and revoked.
import { describe, expect, it } from "vitest";
import type { Bic } from "../../src/standards/index.js";
import { bankA, bankB, withStoreOf } from "./store-fixtures.js";
import type { OpenStore, WithStore } from "./store-fixtures.js";

export function describeRmaContract(open: OpenStore): void {
  describe("rma port contract", () => {
    rmaTests(withStoreOf(open, [bankA, bankB]));
  });
}

function rmaTests(withStore: WithStore): void {
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
}
