// Unit tests of account lineage: an account's creators up to the hub, and when two accounts are
// within one person's reach (one created the other, or both descend from one account).
import { describe, expect, it } from "vitest";
import { accountLineages, hubCreator, lineageUnder, relatedAccounts } from "./lineage.js";
import type { AccountLineage } from "./lineage.js";

const root = (name: string): AccountLineage => ({ name, lineage: [hubCreator] });
const under = (name: string, creator: AccountLineage): AccountLineage =>
  ({ name, lineage: lineageUnder(creator) });

const olga = root("olga");
const omar = root("omar");
const carla = under("carla", olga);
const colm = under("colm", olga);
const cleo = under("cleo", omar);
const petra = under("petra", olga);
const paul = under("paul", petra);

describe("lineageUnder()", () => {
  it("puts the creator first, then the creator's own lineage, ending at the hub", () => {
    expect(lineageUnder(hubCreator)).toEqual([hubCreator]);
    expect(carla.lineage).toEqual(["olga", hubCreator]);
    expect(paul.lineage).toEqual(["petra", "olga", hubCreator]);
  });
});

describe("relatedAccounts()", () => {
  it("relates an account to itself, its creator and its creator's creator", () => {
    expect(relatedAccounts(olga, olga)).toBe(true);
    expect(relatedAccounts(olga, carla)).toBe(true);
    expect(relatedAccounts(carla, olga)).toBe(true);
    expect(relatedAccounts(paul, olga)).toBe(true);
  });

  it("relates two creations of one account, however deep", () => {
    expect(relatedAccounts(carla, colm)).toBe(true);
    expect(relatedAccounts(carla, paul)).toBe(true);
  });

  it("does not relate accounts whose only common creator is the hub", () => {
    expect(relatedAccounts(olga, omar)).toBe(false);
    expect(relatedAccounts(carla, cleo)).toBe(false);
    expect(relatedAccounts(paul, cleo)).toBe(false);
    expect(relatedAccounts(olga, cleo)).toBe(false);
  });
});

describe("accountLineages()", () => {
  it("reads an account's lineage from the store; an unknown name has no creators", async () => {
    const lineages = accountLineages({ findAccount: (query) => Promise.resolve("name" in query &&
      query.name === "carla" ? { name: "carla", role: "compliance", tokenHash: undefined,
        passwordHash: undefined, createdAt: 1, status: "active", createdBy: "olga",
        lineage: ["olga", hubCreator], approvedBy: "omar", proposal: undefined, version: 2 }
      : undefined) });
    expect(await lineages.lineageOf("carla")).toEqual(carla);
    expect(await lineages.lineageOf("ghost")).toEqual({ name: "ghost", lineage: [] });
  });
});
