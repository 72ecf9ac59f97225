// Tests for list deltas.
import { describe, expect, it } from "vitest";
import type { ListEntity, SanctionsList } from "./entity.js";
import { diffLists } from "./versions.js";

const base: ListEntity = {
  id: "A", kind: "person", names: [{ full: "Anna Example", kind: "primary", weak: false }],
  identifiers: [], countries: [], addresses: [], birthDates: [], programmes: ["X"],
};

function list(version: string, entities: ListEntity[]): SanctionsList {
  return { id: "l", title: "L", format: "ftm", version, entities };
}

describe("diffLists()", () => {
  it("reports added, removed and changed entities", () => {
    const before = list("1", [base, { ...base, id: "B" }, { ...base, id: "C" }]);
    const after = list("2", [
      { ...base, programmes: ["X", "Y"] }, { ...base, id: "C" }, { ...base, id: "D" },
    ]);
    expect(diffLists(before, after)).toEqual({
      list: "l", fromVersion: "1", toVersion: "2", added: ["D"], removed: ["B"], changed: ["A"],
    });
  });

  it("treats a first import as all added and ignores order of aliases", () => {
    expect(diffLists(null, list("1", [base])).added).toEqual(["A"]);
    const alias = { full: "A E", kind: "alias" as const, weak: false };
    const two = { ...base, names: [...base.names, alias] };
    const swapped = { ...two, names: [...two.names].reverse() };
    expect(diffLists(list("1", [two]), list("2", [swapped])).changed).toEqual([]);
  });
});
