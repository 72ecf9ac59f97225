// Tests for the screener: ranking, explanations, factors, identifiers and common words.
import { describe, expect, it } from "vitest";
import { screeningCandidatesPerNameMax } from "../limits.js";
import type { ListEntity, SanctionsList } from "./entity.js";
import { createScreener } from "./screener.js";

function entity(id: string, names: string[], extra: Partial<ListEntity> = {}): ListEntity {
  return {
    id, kind: "person", identifiers: [], countries: [], addresses: [], birthDates: [],
    programmes: ["TEST"],
    names: names.map((full, i) => ({ full, kind: i === 0 ? "primary" : "alias", weak: false })),
    ...extra,
  };
}

const fictional: SanctionsList = {
  id: "test-list", title: "Fictional list", format: "ftm", version: "2026-01-01",
  entities: [
    entity("P1", ["Ivan Petrovich SIDOROV", "Иван Петрович Сидоров"],
      { birthDates: ["1970-05-01"], countries: ["ru"] }),
    entity("P2", ["Ivan SIDORENKO"], { birthDates: ["1985"] }),
    entity("P3", ["Mohammed Abdullah AL-RASHIDI"]),
    entity("O1", ["Kunlun Frontier Bank Limited", "KFB"],
      { kind: "organisation", identifiers: [{ scheme: "bic", value: "KFBKCNBJ" }] }),
    entity("O2", ["Golden Anchor Trading LLC"], { kind: "organisation" }),
    entity("O3", ["Eastern Star Shipping Company"], { kind: "organisation" }),
    entity("V1", ["OCEAN DAWN"], { kind: "vessel",
      identifiers: [{ scheme: "imo", value: "9187629" }] }),
    ...Array.from({ length: 40 }, (_, i) => entity(`F${i}`, [`Filler Person${i} Bank Trading`])),
  ],
};

const screener = createScreener([fictional]);

describe("createScreener().screenName()", () => {
  it("finds an exact name with score 1 and explains the alignment", () => {
    const hits = screener.screenName("Ivan Petrovich Sidorov");
    expect(hits[0]?.entityId).toBe("P1");
    expect(hits[0]?.score).toBe(1);
    expect(hits[0]?.explanation.alignments.map((a) => a.listed)).toEqual([
      "ivan", "petrovich", "sidorov",
    ]);
    expect(hits[0]?.explanation.summary).toContain("sidorov~sidorov 1.00");
  });

  it("ranks a dropped patronymic and reordered tokens below the exact name but above 0.8", () => {
    const hits = screener.screenName("SIDOROV Ivan");
    expect(hits[0]?.entityId).toBe("P1");
    expect(hits[0]?.score).toBeGreaterThan(0.8);
    expect(hits[0]?.score).toBeLessThan(1);
    expect(hits[0]?.explanation.unmatchedListed).toEqual(["petrovich"]);
  });

  it("tolerates typos and Cyrillic script", () => {
    expect(screener.screenName("Ivan Petrovich Sidorvo")[0]?.entityId).toBe("P1");
    expect(screener.screenName("Сидоров Иван Петрович")[0]?.entityId).toBe("P1");
  });

  it("finds Latin names respelt in Cyrillic, where h and j come back as kh and dzh", () => {
    const lists: SanctionsList[] = [{ ...fictional, entities: [
      ...fictional.entities, entity("H1", ["Jalaluddin HAQQANI"]),
      entity("W1", ["Wadi Al Afrah"], { kind: "organisation" }),
    ] }];
    const respelt = createScreener(lists);
    expect(respelt.screenName("Джалалуддин Хаккани")[0]?.entityId).toBe("H1");
    expect(respelt.screenName("Вади Ал Афрах")[0]?.entityId).toBe("W1");
  });

  it("spreads scores so that a near name ranks below the right one", () => {
    const hits = screener.screenName("Ivan Sidorov", { threshold: 0.5 });
    expect(hits.map((h) => h.entityId).slice(0, 2)).toEqual(["P1", "P2"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it("weighs birth date and country in and says so", () => {
    const plain = screener.screenName("Ivan Sidorov")[0]!;
    const same = screener.screenName("Ivan Sidorov",
      { birthDate: "1970-05-01", country: "Russia" })[0]!;
    const other = screener.screenName("Ivan Sidorov", { birthDate: "1990", threshold: 0 })
      .find((h) => h.entityId === "P1")!;
    expect(same.score).toBeGreaterThan(plain.score);
    expect(other.score).toBeLessThan(plain.score);
    expect(same.explanation.factors.map((f) => f.factor)).toEqual(["birth-date", "country"]);
  });

  it("matches transliterated Arabic spellings", () => {
    expect(screener.screenName("Muhammad Abdallah Al Rashidi")[0]?.entityId).toBe("P3");
  });

  it("lets legal forms weigh little", () => {
    const hits = screener.screenName("Golden Anchor Trading Ltd");
    expect(hits[0]?.entityId).toBe("O2");
    expect(hits[0]?.score).toBeGreaterThan(0.9);
  });

  it("does not hit on common words alone", () => {
    expect(screener.screenName("Bank")).toEqual([]);
    expect(screener.screenName("Trading Company")).toEqual([]);
    expect(screener.screenName("Western Trading Bank Limited")).toEqual([]);
  });

  it("returns nothing for an empty query", () => {
    expect(screener.screenName(" - ")).toEqual([]);
  });

  it("keeps an exact name with a repeated token among more candidates than are scored", () => {
    // Every "Omar Mohamed" could match both query "mohamed"s by a per-query-token bound; only
    // the exact name can really, and it must not lose its scoring place to them.
    const crowd = Array.from({ length: screeningCandidatesPerNameMax + 10 }, (_, i) =>
      entity(`C${i}`, ["Omar Mohamed"]));
    const lists: SanctionsList[] = [{ ...fictional, entities: [
      ...fictional.entities, ...crowd, entity("X1", ["Mohamed Omar Mohamed"]),
    ] }];
    const hits = createScreener(lists).screenName("MOHAMED OMAR MOHAMED");
    expect(hits.map((h) => h.entityId)).toEqual(["X1"]);
  });

  it("reports an entity's first name when two of its names score the same", () => {
    const lists: SanctionsList[] = [{ ...fictional, entities: [
      entity("T1", ["Zoran KOVAC", "KOVAC Zoran"]),
    ] }];
    const tied = createScreener(lists);
    for (const query of ["Zoran Kovac", "Kovac Zoran"]) {
      expect(tied.screenName(query).map((h) => [h.entityId, h.name, h.score])).toEqual([
        ["T1", "Zoran KOVAC", 1],
      ]);
    }
  });

  it("screens an over-long party text by its first characters instead of failing", () => {
    const long = `Ivan Petrovich Sidorov ${"x".repeat(5_000)}`;
    expect(screener.screenName(long, { threshold: 0.5 })[0]?.entityId).toBe("P1");
  });
});

describe("createScreener().screenBic()", () => {
  it("is certain for a listed BIC8 and its branches", () => {
    for (const bic of ["KFBKCNBJ", "KFBKCNBJXXX", "kfbk cn bj 123"]) {
      const hits = screener.screenBic(bic);
      expect(hits).toHaveLength(1);
      expect(hits[0]?.score).toBe(1);
      expect(hits[0]?.explanation.factors[0]?.effect).toBe("certain");
    }
    expect(screener.screenBic("DEUTDEFF")).toEqual([]);
  });

  it("finds other identifiers such as an IMO number", () => {
    expect(screener.screenIdentifier("imo", "IMO 9187629")[0]?.entityId).toBe("V1");
  });
});

describe("createScreener().stats", () => {
  it("counts lists, entities and names", () => {
    expect(screener.stats.lists).toBe(1);
    expect(screener.stats.entities).toBe(47);
    expect(screener.stats.names).toBe(48);
  });
});

describe("createScreener().work()", () => {
  it("counts names screened, scan entries read and names scored", () => {
    const fresh = createScreener([fictional]);
    expect(fresh.work()).toEqual({ namesScreened: 0, entriesRead: 0, namesScored: 0 });
    expect(fresh.screenName("Ocean Dawn")[0]?.entityId).toBe("V1");
    const afterHit = fresh.work();
    expect(afterHit.namesScreened).toBe(1);
    expect(afterHit.entriesRead).toBeGreaterThanOrEqual(1);
    expect(afterHit.namesScored).toBeGreaterThanOrEqual(1);
    // Tokens similar to nothing listed read no entries and score nothing.
    expect(fresh.screenName("Qzxv Wplk")).toEqual([]);
    expect(fresh.work()).toEqual({ ...afterHit, namesScreened: 2 });
  });

  it("reads the entries of the rarest query token, not of a common one", () => {
    const common = Array.from({ length: 30 }, (_, i) =>
      entity(`C${i}`, [`Ocean Breeze${String.fromCharCode(97 + (i % 26))}${i}`]));
    const lists: SanctionsList[] = [{ ...fictional, entities: [...fictional.entities, ...common] }];
    const grown = createScreener(lists);
    const small = createScreener([fictional]);
    for (const s of [grown, small]) expect(s.screenName("Ocean Dawn")[0]?.entityId).toBe("V1");
    // 30 more names hold "ocean", none "dawn": the search reads what it read before.
    expect(grown.work().entriesRead).toBe(small.work().entriesRead);
  });
});
