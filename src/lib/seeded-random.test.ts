// Unit tests of the seeded generator: reproducible per seed, different across seeds, in [0, 1).
import { describe, expect, it } from "vitest";
import { seededRandom } from "./seeded-random.js";

describe("seededRandom()", () => {
  it("seededRandom() repeats its sequence for a seed and stays within [0, 1)", () => {
    const first = seededRandom(42);
    const again = seededRandom(42);
    const values = Array.from({ length: 1_000 }, () => first());
    expect(Array.from({ length: 1_000 }, () => again())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    expect(seededRandom(43)()).not.toBe(values[0]);
  });
});
