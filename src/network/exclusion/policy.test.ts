// Unit tests of the pure maker-checker decision on exclusion policies: the checker is another
// operator, and not one within the maker's reach (created by the maker, the maker's creator,
// or a creation of the same account); operators created by the hub alone are independent.
import { describe, expect, it } from "vitest";
import { hubCreator, lineageUnder } from "../accounts/lineage.js";
import type { AccountLineage } from "../accounts/lineage.js";
import { approvePolicy } from "./policy.js";
import type { PolicyRecord } from "./policy.js";

const olga: AccountLineage = { name: "olga", lineage: [hubCreator] };
const omar: AccountLineage = { name: "omar", lineage: [hubCreator] };
const petra: AccountLineage = { name: "petra", lineage: lineageUnder(olga) };
const pavel: AccountLineage = { name: "pavel", lineage: lineageUnder(olga) };

function proposedBy(maker: string): PolicyRecord {
  return { id: "P1", action: "exclude", reference: "Council Regulation (EU) 2022/345",
    institutions: ["BANKDEFF"], includeSubsidiaries: false, subsidiaryCountries: [],
    countries: [], carveOuts: [], direction: "both", effectiveAt: 5_000, queued: "abort",
    lifts: undefined, status: "proposed", proposedBy: maker, proposedAt: 1_000,
    approvedBy: undefined, approvedAt: undefined, appliedAt: undefined, outcome: undefined,
    liftedBy: undefined, version: 1, updatedAt: 1_000, updatedBy: maker };
}

function approveAs(maker: AccountLineage, approver: AccountLineage) {
  return approvePolicy(proposedBy(maker.name), { account: { name: approver.name,
    role: "operator" }, at: 2_000, lineages: { maker, approver } });
}

describe("approvePolicy() and account lineage", () => {
  it("refuses an approver related to the maker with approver-related-to-maker", () => {
    const codes = [approveAs(petra, olga), approveAs(olga, petra), approveAs(petra, pavel)]
      .map((result) => (result.ok ? "ok" : result.problems[0]?.code));
    expect(codes).toEqual(["approver-related-to-maker", "approver-related-to-maker",
      "approver-related-to-maker"]);
  });

  it("lets an independent operator approve, however deep the maker's lineage", () => {
    expect(approveAs(petra, omar)).toMatchObject({ ok: true, value: { status: "approved",
      proposedBy: "petra", approvedBy: "omar", version: 2 } });
    expect(approveAs(olga, omar)).toMatchObject({ ok: true });
  });

  it("still answers approver-must-differ-from-maker for the maker herself", () => {
    expect(approveAs(olga, olga)).toMatchObject({ ok: false,
      problems: [{ code: "approver-must-differ-from-maker" }] });
  });
});
