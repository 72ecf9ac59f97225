// Unit tests of the account decisions: a draft checked; an operator's proposal (pending unless
// an auditor, a role change waits too); the approval by a second operator outside the
// proposer's and the account's reach; the hub's own creation from its data directory.
import { describe, expect, it } from "vitest";
import {
  approveAccount, checkAccountDraft, createHubAccount, needsChecker, proposeAccount,
} from "./account.js";
import type { AccountRecord } from "./account-store.js";
import { hubCreator, lineageUnder } from "./lineage.js";

const at = 1_000;

function account(name: string, role: AccountRecord["role"],
  creator: AccountRecord | typeof hubCreator = hubCreator): AccountRecord {
  const lineage = lineageUnder(creator);
  return { name, role, tokenHash: `hash-${name}`, passwordHash: undefined, createdAt: 1,
    status: "active", createdBy: lineage[0] ?? hubCreator, lineage, approvedBy: undefined,
    proposal: undefined, version: 1 };
}

const olga = account("olga", "operator");
const omar = account("omar", "operator");
const anna = account("anna", "compliance");
const petra = account("petra", "operator", olga);

function proposed(name: string, role: AccountRecord["role"], proposer: AccountRecord) {
  const result = proposeAccount({ name, role }, { proposer, existing: undefined, at,
    tokenHash: "new-hash" });
  if (!result.ok) throw new Error(`Cannot propose: ${result.problems[0]?.message ?? ""}`);
  return result.value.record;
}

const lineageOf = (record: AccountRecord) => ({ name: record.name, lineage: record.lineage });

describe("checkAccountDraft()", () => {
  it("accepts a lower-case name and a known role, and refuses anything else", () => {
    expect(checkAccountDraft({ name: "carla.c", role: "compliance" }))
      .toEqual({ ok: true, value: { name: "carla.c", role: "compliance" } });
    for (const input of [{ name: "Carla", role: "compliance" }, { name: "c", role: "auditor" },
      { name: "carla", role: "admin" }, { role: "operator" }]) {
      expect(checkAccountDraft(input)).toMatchObject({ ok: false,
        problems: [{ code: "account-invalid" }] });
    }
  });

  it("needsChecker() is true for the roles that take part in a four-eyes decision", () => {
    expect([needsChecker("operator"), needsChecker("compliance"), needsChecker("auditor")])
      .toEqual([true, true, false]);
  });
});

describe("proposeAccount()", () => {
  it("makes an operator or compliance account pending, without a token", () => {
    const carla = proposed("carla", "compliance", olga);
    expect(carla).toMatchObject({ status: "pending", tokenHash: undefined, role: "compliance",
      createdBy: "olga", lineage: ["olga", hubCreator],
      proposal: { role: "compliance", by: "olga", at } });
  });

  it("makes an auditor active at once, with its token", () => {
    const result = proposeAccount({ name: "aude", role: "auditor" }, { proposer: olga,
      existing: undefined, at, tokenHash: "new-hash" });
    expect(result).toMatchObject({ ok: true, value: { stage: "created", record: {
      status: "active", tokenHash: "new-hash", createdBy: "olga", proposal: undefined } } });
  });

  it("refuses a proposer who is not an active operator", () => {
    for (const proposer of [anna, { ...omar, status: "pending" as const }]) {
      expect(proposeAccount({ name: "x1", role: "auditor" }, { proposer, existing: undefined,
        at, tokenHash: "h" })).toMatchObject({ ok: false, problems: [{ code: "role-forbidden" }] });
    }
  });

  it("refuses a proposer at the deepest lineage the rules compare", () => {
    let deep = olga;
    for (let depth = 0; deep.lineage.length < 8; depth += 1) {
      deep = account(`deep${depth}`, "operator", deep);
    }
    expect(proposeAccount({ name: "x1", role: "auditor" }, { proposer: deep, existing: undefined,
      at, tokenHash: "h" })).toMatchObject({ ok: false,
      problems: [{ code: "account-lineage-too-deep" }] });
  });

  it("proposes a role change of an existing account; the same role is account-exists", () => {
    const aude = account("aude", "auditor", olga);
    const change = proposeAccount({ name: "aude", role: "operator" }, { proposer: omar,
      existing: aude, at, tokenHash: "h" });
    expect(change).toMatchObject({ ok: true, value: { stage: "proposed", record: {
      role: "auditor", status: "active", tokenHash: "hash-aude", createdBy: "olga",
      proposal: { role: "operator", by: "omar" }, version: 2 } } });
    expect(proposeAccount({ name: "aude", role: "auditor" }, { proposer: omar, existing: aude,
      at, tokenHash: "h" })).toMatchObject({ ok: false, problems: [{ code: "account-exists" }] });
    if (!change.ok) return;
    expect(proposeAccount({ name: "aude", role: "compliance" }, { proposer: olga,
      existing: change.value.record, at, tokenHash: "h" }))
      .toMatchObject({ ok: false, problems: [{ code: "account-change-pending" }] });
  });
});

describe("approveAccount()", () => {
  it("activates a proposed account with its token when an independent operator approves", () => {
    const carla = proposed("carla", "compliance", olga);
    expect(approveAccount(carla, { approver: omar, maker: lineageOf(olga), at,
      tokenHash: "carla-hash" })).toMatchObject({ ok: true, value: { stage: "activated",
      record: { status: "active", tokenHash: "carla-hash", role: "compliance",
        approvedBy: "omar", proposal: undefined, lineage: ["olga", hubCreator], version: 2 } } });
  });

  it("refuses the maker, accounts the maker created, and the maker's own creator", () => {
    const carla = proposed("carla", "compliance", olga);
    const byPetra = proposed("pia", "compliance", petra);
    const refusals = [
      approveAccount(carla, { approver: olga, maker: lineageOf(olga), at, tokenHash: "h" }),
      approveAccount(carla, { approver: petra, maker: lineageOf(olga), at, tokenHash: "h" }),
      approveAccount(byPetra, { approver: olga, maker: lineageOf(petra), at, tokenHash: "h" }),
    ];
    expect(refusals.map((r) => (r.ok ? "ok" : r.problems[0]?.code))).toEqual([
      "approver-must-differ-from-maker", "approver-related-to-maker",
      "approver-related-to-maker"]);
  });

  it("refuses an approver related to the account whose role changes, and non-operators", () => {
    const aude = { ...account("aude", "auditor", omar),
      proposal: { role: "operator" as const, by: "olga", at } };
    expect(approveAccount(aude, { approver: omar, maker: lineageOf(olga), at, tokenHash: "h" }))
      .toMatchObject({ ok: false, problems: [{ code: "approver-related-to-subject" }] });
    expect(approveAccount(aude, { approver: anna, maker: lineageOf(olga), at, tokenHash: "h" }))
      .toMatchObject({ ok: false, problems: [{ code: "role-forbidden" }] });
  });

  it("promotes an account, keeping its token; nothing proposed is account-not-proposed", () => {
    const aude = { ...account("aude", "auditor", omar),
      proposal: { role: "compliance" as const, by: "olga", at } };
    const uma = account("uma", "operator");
    expect(approveAccount(aude, { approver: uma, maker: lineageOf(olga), at, tokenHash: "h" }))
      .toMatchObject({ ok: true, value: { stage: "promoted", record: { role: "compliance",
        tokenHash: "hash-aude", approvedBy: "uma", proposal: undefined, createdBy: "omar" } } });
    expect(approveAccount(omar, { approver: olga, maker: undefined, at, tokenHash: "h" }))
      .toMatchObject({ ok: false, problems: [{ code: "account-not-proposed" }] });
  });
});

describe("createHubAccount()", () => {
  it("creates an active account of any role, created by the hub; a taken name is refused", () => {
    expect(createHubAccount({ name: "omar", role: "operator" }, { existing: undefined, at,
      tokenHash: "h" })).toMatchObject({ ok: true, value: { stage: "created", record: {
      status: "active", tokenHash: "h", createdBy: hubCreator, lineage: [hubCreator] } } });
    expect(createHubAccount({ name: "omar", role: "operator" }, { existing: omar, at,
      tokenHash: "h" })).toMatchObject({ ok: false, problems: [{ code: "account-exists" }] });
  });
});
