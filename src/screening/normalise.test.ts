// Tests for name normalisation and transliteration.
import { describe, expect, it } from "vitest";
import { countryCode } from "./countries.js";
import { foldName, isLegalForm, tokeniseName } from "./normalise.js";

describe("foldName()", () => {
  it("folds case, diacritics and punctuation", () => {
    expect(foldName("  Société Générale, S.A. ")).toBe("societe generale sa");
    expect(foldName("MÜLLER-Lüdenscheidt GmbH")).toBe("muller ludenscheidt gmbh");
  });

  it("joins apostrophes and dotted abbreviations", () => {
    expect(foldName("Kuz'menko")).toBe("kuzmenko");
    expect(foldName("O.O.O. Romashka")).toBe("ooo romashka");
  });

  it("transliterates Cyrillic and Greek", () => {
    expect(foldName("Виталий Юрьевич КУЗЬМЕНКО")).toBe("vitaliy yurevich kuzmenko");
    expect(foldName("Εταιρία")).toBe("etairia");
  });

  it("transliterates Arabic with its long vowels and initial alif and ain", () => {
    expect(foldName("محمد")).toBe("mhmd");
    expect(foldName("احمد")).toBe("ahmd");
    expect(foldName("علي")).toBe("ali");
    expect(foldName("يوسف")).toBe("yusf");
  });

  it("splits CJK ideographs into one syllable each", () => {
    expect(foldName("金正恩")).toBe("jin zheng en");
  });
});

describe("tokeniseName()", () => {
  it("classes generic words, legal forms, particles and initials", () => {
    const tokens = tokeniseName("Bank of Kunlun Co., Ltd. J");
    expect(tokens.map((t) => t.role)).toEqual([
      "generic", "particle", "word", "legal-form", "legal-form", "initial",
    ]);
    expect(isLegalForm("PJSC")).toBe(true);
    expect(isLegalForm("Bank")).toBe(false);
  });

  it("keeps at most 16 tokens", () => {
    expect(tokeniseName("a ".repeat(100))).toHaveLength(16);
  });

  it("returns no tokens for punctuation only", () => {
    expect(tokeniseName(" ,.;- ")).toEqual([]);
  });
});

describe("countryCode()", () => {
  it("maps names, adjectives and codes to ISO codes", () => {
    expect(countryCode("Iran (Islamic Republic of)")).toBe("ir");
    expect(countryCode("Russian Federation")).toBe("ru");
    expect(countryCode("af")).toBe("af");
    expect(countryCode("Bahamas, The")).toBe("bs");
    expect(countryCode("Atlantis")).toBeUndefined();
  });
});
