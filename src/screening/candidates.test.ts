// Tests for candidate generation: its bounds only ever overestimate, so below the candidate cap
// every listed name that scores at the threshold is a candidate (against scoring every name).
import { describe, expect, it } from "vitest";
import { screeningCandidatesPerNameMax } from "../limits.js";
import type { SanctionsList } from "./entity.js";
import { candidates, createMatchState, prepareQuery, releaseQuery } from "./candidates.js";
import { buildNameIndex } from "./name-index.js";
import { scoreName } from "./scoring.js";

const words = ["mohamed", "muhammad", "omar", "umar", "ahmed", "ahmad", "hassan", "hasan",
  "ibrahim", "abdullah", "abdallah", "al", "bin", "aqsa", "asa", "mahmood", "mahmud", "khan",
  "trading", "llc", "sa", "ivan", "petrov", "petrova", "sidorov", "global", "bank", "ali"];

function names(count: number): string[] {
  let seed = 7;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 4) },
    () => words[next() % words.length]).join(" "));
}

const list: SanctionsList = {
  id: "test-list", title: "Generated list", format: "ftm", version: "2026-01-01",
  entities: names(400).map((full, i) => ({
    id: `G${i}`, kind: "person", identifiers: [], countries: [], addresses: [], birthDates: [],
    programmes: [], names: [{ full, kind: "primary", weak: false }],
  })),
};

describe("candidates()", () => {
  it("keeps every name that scores at the threshold", () => {
    const index = buildNameIndex([list]);
    const state = createMatchState(index);
    for (const query of [...names(60), "Aqsa Mahmood", "Mohamed Omar Mohamed", "Ali"]) {
      for (const threshold of [0.5, 0.7, 0.8, 0.9]) {
        const prepared = prepareQuery(state, query);
        const kept = new Set(candidates(state, prepared, threshold));
        const passing = index.names.flatMap((name, id) =>
          scoreName(index, prepared, name) >= threshold ? [id] : []);
        releaseQuery(state);
        // Past the cap the names with the largest gain bounds are kept (a cost bound).
        expect(kept.size).toBeLessThanOrEqual(screeningCandidatesPerNameMax);
        if (kept.size < screeningCandidatesPerNameMax) {
          expect({ query, threshold, lost: passing.filter((id) => !kept.has(id)) })
            .toEqual({ query, threshold, lost: [] });
        }
      }
    }
  });
});
