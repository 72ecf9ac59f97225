// Scoring one listed name against a query: greedy token alignment by similarity, weighted
// coverage of both names (legal forms and particles weigh little, rare words much), then
// birth date, nationality and entity kind as factors. Every step is kept for the explanation.
import { assert } from "../lib/index.js";
import type { NameIndex, IndexedName } from "./name-index.js";

/** Token pairs below this similarity do not align. */
export const tokenSimilarityMin = 0.8;

export interface QueryToken {
  readonly text: string;
  /** The query token's own weight when it aligns with nothing. */
  readonly weight: number;
  /** Listed token id -> similarity (>= tokenSimilarityMin). */
  readonly similar: ReadonlyMap<number, number>;
}

export interface TokenAlignment {
  readonly query: string;
  readonly listed: string;
  readonly similarity: number;
  readonly weight: number;
}

export interface NameScore {
  readonly score: number;
  readonly alignments: readonly TokenAlignment[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedListed: readonly string[];
  readonly queryCoverage: number;
  readonly listedCoverage: number;
}

interface Pair {
  q: number;
  n: number;
  sim: number;
}

function alignPairs(query: readonly QueryToken[], tokens: Int32Array): Pair[] {
  const pairs: Pair[] = [];
  for (let q = 0; q < query.length; q += 1) {
    const similar = query[q]?.similar;
    for (let n = 0; n < tokens.length; n += 1) {
      const sim = similar?.get(tokens[n] ?? -1);
      if (sim !== undefined) pairs.push({ q, n, sim });
    }
  }
  // Highest similarity first; ties keep name order so that alignment is deterministic.
  pairs.sort((a, b) => b.sim - a.sim || a.n - b.n || a.q - b.q);
  const usedQ = new Set<number>();
  const usedN = new Set<number>();
  const chosen: Pair[] = [];
  for (const pair of pairs) {
    if (usedQ.has(pair.q) || usedN.has(pair.n)) continue;
    usedQ.add(pair.q);
    usedN.add(pair.n);
    chosen.push(pair);
  }
  return chosen;
}

/** Scores one indexed name against the query tokens: a value in [0,1] with its alignment. */
export function scoreName(
  index: NameIndex,
  query: readonly QueryToken[],
  name: IndexedName,
): NameScore {
  assert(query.length > 0, "scoreName() needs query tokens");
  const chosen = alignPairs(query, name.tokens);
  const alignments: TokenAlignment[] = [];
  const alignedQ = new Set<number>();
  const alignedN = new Set<number>();
  let matched = 0;
  let queryWeight = 0;
  for (const pair of chosen) {
    const id = name.tokens[pair.n] ?? -1;
    const weight = index.tokenWeights[id] ?? 0;
    // Cubed: an exact token counts fully, a typo (0.95) about 0.86, a different word that merely
    // looks alike (0.85) about 0.6, so exact names outrank near ones.
    matched += pair.sim * pair.sim * pair.sim * weight;
    queryWeight += weight;
    alignedQ.add(pair.q);
    alignedN.add(pair.n);
    alignments.push({ query: query[pair.q]?.text ?? "", listed: index.tokenTexts[id] ?? "",
      similarity: round3(pair.sim), weight: round3(weight) });
  }
  const unmatchedQuery = query.filter((_, q) => !alignedQ.has(q));
  for (const token of unmatchedQuery) queryWeight += token.weight;
  const unmatchedListed: string[] = [];
  // Listed tokens the query lacks weigh half: lists give middle names and patronymics that
  // payment messages usually drop.
  let listedWeight = 0;
  name.tokens.forEach((id, n) => {
    const weight = index.tokenWeights[id] ?? 0;
    listedWeight += alignedN.has(n) ? weight : weight / 2;
    if (!alignedN.has(n)) unmatchedListed.push(index.tokenTexts[id] ?? "");
  });
  const queryCoverage = queryWeight > 0 ? matched / queryWeight : 0;
  const listedCoverage = listedWeight > 0 ? Math.min(1, matched / listedWeight) : 0;
  // Geometric mean, leaning on the query: a listed patronymic missing from the query costs
  // less than a query word that matches nothing.
  const score = Math.pow(queryCoverage, 0.6) * Math.pow(listedCoverage, 0.4);
  assert(score >= 0 && score <= 1.000001, "a name score lies in [0,1]");
  return {
    score: Math.min(1, score), alignments, unmatchedListed,
    unmatchedQuery: unmatchedQuery.map((t) => t.text),
    queryCoverage: round3(queryCoverage), listedCoverage: round3(listedCoverage),
  };
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
