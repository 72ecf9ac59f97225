// Tests for the per-query similarity table: lookups, gains, sizing and clearing.
import { describe, expect, it } from "vitest";
import {
  addSimilar, clearTable, createSimilarityTable, entryOf, similarityOf, sizeTable,
} from "./similarity-table.js";

function similar(ids: number[], sims: number[], gains: number[]) {
  return { similarIds: Int32Array.from(ids), similarSims: Float32Array.from(sims),
    similarGains: Float64Array.from(gains) };
}

describe("addSimilar()", () => {
  it("records each token's similarity per query slot and its largest gain", () => {
    const table = createSimilarityTable(16);
    sizeTable(table, { entriesMax: 4, stride: 2 });
    addSimilar(table, 0, similar([7, 9], [1, 0.9], [0.8, 0.5]));
    addSimilar(table, 1, similar([9, 3], [0.95, 0.85], [0.6, 0.2]));
    expect(table.entryCount).toBe(3);
    expect(similarityOf(table, 7, 0)).toBe(1);
    expect(similarityOf(table, 7, 1)).toBe(0);
    expect(similarityOf(table, 9, 0)).toBeCloseTo(0.9, 6);
    expect(similarityOf(table, 9, 1)).toBeCloseTo(0.95, 6);
    expect(table.entryGains[entryOf(table, 9)]).toBe(0.6);
    expect(entryOf(table, 4)).toBe(-1);
  });

  it("finds every one of many tokens and forgets them all when cleared", () => {
    const table = createSimilarityTable(5_000 * 24);
    const ids = Array.from({ length: 5_000 }, (_, i) => i * 24);
    sizeTable(table, { entriesMax: ids.length, stride: 1 });
    addSimilar(table, 0, similar(ids, ids.map(() => 0.9), ids.map(() => 0.1)));
    expect(ids.every((id, i) => entryOf(table, id) === i)).toBe(true);
    clearTable(table);
    expect(table.entryCount).toBe(0);
    expect(ids.some((id) => entryOf(table, id) >= 0)).toBe(false);
    expect([...table.bits].every((word) => word === 0)).toBe(true);
  });

  it("refuses to size a table that still holds a query", () => {
    const table = createSimilarityTable(16);
    sizeTable(table, { entriesMax: 1, stride: 1 });
    addSimilar(table, 0, similar([1], [1], [1]));
    expect(() => sizeTable(table, { entriesMax: 1, stride: 1 })).toThrow();
  });
});
