// Unit tests of the pure four-eyes release and account lineage: the approving officer may not
// be within the proposer's reach (one created the other, or both by the same account); two
// officers whose only common creator is the hub are independent.
import { describe, expect, it } from "vitest";
import type { Bic } from "../../standards/index.js";
import { hubCreator, lineageUnder } from "../accounts/lineage.js";
import type { AccountLineage } from "../accounts/lineage.js";
import type { MessageId } from "../types.js";
import { approveRelease } from "./case.js";
import type { CaseRecord } from "./case.js";

const olga: AccountLineage = { name: "olga", lineage: [hubCreator] };
const omar: AccountLineage = { name: "omar", lineage: [hubCreator] };
const carla: AccountLineage = { name: "carla", lineage: lineageUnder(olga) };
const colm: AccountLineage = { name: "colm", lineage: lineageUnder(olga) };
const cleo: AccountLineage = { name: "cleo", lineage: lineageUnder(omar) };

function proposedBy(proposer: string): CaseRecord {
  return { id: "C1", messageId: "M1" as MessageId, sender: "BANKDEFFXXX" as Bic,
    receiver: "BANKGB2LXXX" as Bic, format: "MT", type: "MT103", reference: "REF1",
    uetr: undefined, status: "release-proposed", openedBy: "intake", openedAt: 1_000,
    hits: [], proposedBy: proposer, proposedAt: 1_500, decidedBy: undefined,
    decidedAt: undefined, notes: [], version: 2, updatedAt: 1_500, updatedBy: proposer };
}

function releaseAs(proposer: AccountLineage, approver: AccountLineage) {
  return approveRelease(proposedBy(proposer.name), { officer: { name: approver.name,
    role: "compliance" }, at: 2_000, lineages: { proposer, approver } });
}

describe("approveRelease() and account lineage", () => {
  it("refuses two creations of one account with approver-related-to-proposer", () => {
    expect(releaseAs(carla, colm)).toMatchObject({ ok: false,
      problems: [{ code: "approver-related-to-proposer" }] });
  });

  it("refuses an officer who created the proposer, or whom the proposer created", () => {
    expect(releaseAs(carla, olga)).toMatchObject({ ok: false,
      problems: [{ code: "approver-related-to-proposer" }] });
    expect(releaseAs(olga, carla)).toMatchObject({ ok: false,
      problems: [{ code: "approver-related-to-proposer" }] });
  });

  it("releases when the officers descend from different hub-created accounts", () => {
    expect(releaseAs(carla, cleo)).toMatchObject({ ok: true, value: { status: "released",
      proposedBy: "carla", decidedBy: "cleo", version: 3 } });
  });
});
