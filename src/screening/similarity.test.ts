// Tests for token similarity and phonetic keys.
import { describe, expect, it } from "vitest";
import { deletions, jaroWinkler, phoneticKey, tokenSimilarity } from "./similarity.js";

describe("jaroWinkler()", () => {
  it("gives the textbook values", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 2);
    expect(jaroWinkler("abc", "abc")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("", "abc")).toBe(0);
  });
});

describe("phoneticKey()", () => {
  it("lets spellings of one name meet", () => {
    expect(phoneticKey("mohammed")).toBe(phoneticKey("muhammad"));
    expect(phoneticKey("mhmd")).toBe(phoneticKey("mohamed"));
    expect(phoneticKey("yusuf")).toBe(phoneticKey("yusf"));
  });

  it("lets names respelt in Cyrillic keep their key (kh is h, dzh is j, a first w is v)", () => {
    expect(phoneticKey("khakkani")).toBe(phoneticKey("haqqani"));
    expect(phoneticKey("ibrakhim")).toBe(phoneticKey("ibrahim"));
    expect(phoneticKey("dzhalaluddin")).toBe(phoneticKey("jalaluddin"));
    expect(phoneticKey("vadi")).toBe(phoneticKey("wadi"));
    expect(phoneticKey("khalid")).not.toBe(phoneticKey("kalid"));
  });

  it("keeps distinct names apart", () => {
    expect(phoneticKey("ahmed")).not.toBe(phoneticKey("mohammed"));
  });
});

describe("tokenSimilarity()", () => {
  it("rates typos high and different words low", () => {
    expect(tokenSimilarity("kuzmenko", "kuzmneko")).toBeGreaterThan(0.9);
    expect(tokenSimilarity("bank", "bang")).toBeLessThan(0.85);
    expect(tokenSimilarity("trading", "holding")).toBeLessThan(0.8);
  });
});

describe("deletions()", () => {
  it("lists each single deletion once", () => {
    expect(deletions("abba")).toEqual(["bba", "aba", "abb"]);
  });
});
