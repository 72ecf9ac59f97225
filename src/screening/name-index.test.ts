// Tests for the name index: token order, inline scan entries and float32 weight totals.
import { describe, expect, it } from "vitest";
import type { SanctionsList } from "./entity.js";
import { buildNameIndex, float32BitsDown, scanCountBits } from "./name-index.js";

const list: SanctionsList = {
  id: "test-list", title: "Fictional list", format: "ftm", version: "2026-01-01",
  entities: ["Zoran Adamov", "Adam Zorin", "Adam Zorin Adamov", "Cyril Dmitry"].map((full, i) => ({
    id: `E${i}`, kind: "person", identifiers: [], countries: [], addresses: [], birthDates: [],
    programmes: [], names: [{ full, kind: "primary", weak: false }],
  })),
};

describe("float32BitsDown()", () => {
  it("never rounds a weight up", () => {
    const read = new Float32Array(1);
    const bits = new Int32Array(read.buffer);
    for (const value of [0, 0.1, 1 / 3, 0.7, 1, 2.123456789]) {
      bits[0] = float32BitsDown(value);
      expect(read[0]).toBeLessThanOrEqual(value);
      expect(value - (read[0] ?? 0)).toBeLessThan(1e-6);
    }
  });
});

describe("buildNameIndex()", () => {
  it("numbers tokens by phonetic key and writes each name inline in its tokens' postings", () => {
    const index = buildNameIndex([list]);
    // Keys "adm", "admf", "dmtr", "krl", "srn": "cyril" sorts after "dmitry".
    expect(index.tokenTexts).toEqual(["adam", "adamov", "dmitry", "cyril", "zoran", "zorin"]);
    const adamov = index.tokenTexts.indexOf("adamov");
    const entries: number[][] = [];
    for (let at = index.scanStart[adamov] ?? 0; at < (index.scanStart[adamov + 1] ?? 0);) {
      const head = index.scanData[at] ?? 0;
      const count = head & ((1 << scanCountBits) - 1);
      entries.push([head >>> scanCountBits, ...index.scanData.subarray(at + 2, at + 2 + count)]);
      expect(index.scanWeights[at + 1]).toBeLessThanOrEqual(
        index.names[head >>> scanCountBits]?.weightTotal ?? 0);
      at += 2 + count;
    }
    // Each entry leaves out the token whose postings hold it.
    expect(entries.map((e) => e[0])).toEqual([0, 2]);
    expect(entries.map((e) => e.slice(1).map((id) => index.tokenTexts[id]))).toEqual([
      ["zoran"], ["adam", "zorin"],
    ]);
    expect([...index.postingCounts]).toEqual([2, 2, 1, 1, 1, 2]);
  });
});
