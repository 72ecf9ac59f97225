// Scoring one listed name against a query: greedy token alignment by similarity, weighted
// coverage of both names (legal forms and particles weigh little, rare words much), then
// birth date, nationality and entity kind as factors. Every step is kept for the explanation.
import { assert } from "../lib/index.js";
import type { NameIndex, IndexedName } from "./name-index.js";
import { entryOf, type SimilarityTable } from "./similarity-table.js";

/** Matched weight from which a match counts as fully evidenced (about one rare word). */
export const evidenceWeightFull = 0.7;

/** Token pairs below this similarity do not align. */
export const tokenSimilarityMin = 0.8;

export interface QueryToken {
  readonly text: string;
  /** The query token's own weight when it aligns with nothing. */
  readonly weight: number;
  /** The lightest weight it can have in scoring (that of its lightest similar token). */
  readonly weightLeast: number;
  /** Listed tokens with similarity >= tokenSimilarityMin, best gain first. */
  readonly similarIds: Int32Array;
  readonly similarSims: Float32Array;
  /** Similarity cubed x weight of each similar token. */
  readonly similarGains: Float64Array;
  /** [start, end] of each similar token's scan entries in the index. */
  readonly scanStarts: Int32Array;
  /** Names containing any similar token (the candidate-generation cost of this token). */
  readonly postings: number;
  /** This token's position in the query (its column in the table). */
  readonly slot: number;
  /** The query's similar listed tokens and their similarities to each query token. */
  readonly table: SimilarityTable;
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

export interface Alignment {
  readonly score: number;
  /** Chosen pairs as [query index, name token index, similarity] triples. */
  readonly pairs: readonly (readonly [number, number, number])[];
  readonly queryCoverage: number;
  readonly listedCoverage: number;
}

// Scratch space for the greedy alignment: scoring runs millions of times and must not allocate.
const scratchSim = new Float64Array(32 * 32);

/**
 * Greedy alignment: repeatedly take the most similar free pair (ties: earlier name token, then
 * earlier query token). Returns the pairs as q * 32 + n codes with their similarities.
 */
function alignPairs(query: readonly QueryToken[], name: NameTokens, out: number[]): number {
  const { tokens, start } = name;
  const nq = query.length;
  const nn = name.count;
  let candidates = 0;
  const table = query[0]?.table;
  assert(table !== undefined, "a query has a similarity table");
  for (let n = 0; n < nn; n += 1) {
    const entry = entryOf(table, tokens[start + n] as number);
    for (let q = 0; q < nq; q += 1) {
      const sim = entry < 0 ? 0 : table.sims[entry * table.stride + q] as number;
      scratchSim[q * 32 + n] = sim;
      if (sim > 0) candidates += 1;
    }
  }
  let usedQ = 0;
  let usedN = 0;
  let count = 0;
  while (candidates > 0) {
    let best = 0;
    let bestCode = -1;
    for (let n = 0; n < nn; n += 1) {
      if ((usedN & (1 << n)) !== 0) continue;
      for (let q = 0; q < nq; q += 1) {
        const sim = scratchSim[q * 32 + n] ?? 0;
        if (sim > best && (usedQ & (1 << q)) === 0) {
          best = sim;
          bestCode = q * 32 + n;
        }
      }
    }
    if (bestCode < 0) break;
    usedQ |= 1 << (bestCode >> 5);
    usedN |= 1 << (bestCode & 31);
    out.push(bestCode, best);
    count += 1;
    candidates -= 1;
  }
  return count;
}

const scratchPairs: number[] = [];

/** Scores one indexed name against the query tokens: a value in [0,1] and its alignment. */
export function scoreName(
  index: NameIndex,
  query: readonly QueryToken[],
  name: IndexedName,
): number {
  return align({ index, query }, name, false).score;
}

/** Scores and keeps the alignment (for hits, which need explaining). */
export function alignName(
  index: NameIndex,
  query: readonly QueryToken[],
  name: IndexedName,
): Alignment {
  return align({ index, query }, name, true);
}

interface ScoringContext {
  readonly index: NameIndex;
  readonly query: readonly QueryToken[];
}

/** A listed name's tokens: tokens[start .. start + count]. */
interface NameTokens {
  readonly tokens: Int32Array;
  readonly start: number;
  readonly count: number;
}

function align({ index, query }: ScoringContext, name: IndexedName, keep: boolean): Alignment {
  assert(query.length > 0 && query.length <= 30, "scoring needs 1 to 30 query tokens");
  assert(name.tokenCount <= 30, "a listed name has at most 30 tokens");
  const { nameTokens: tokens, tokenWeights } = index;
  const start = name.tokenStart;
  scratchPairs.length = 0;
  const count = alignPairs(query, { tokens, start, count: name.tokenCount }, scratchPairs);
  let matched = 0;
  let queryWeight = 0;
  let alignedQ = 0;
  let alignedN = 0;
  for (let i = 0; i < count; i += 1) {
    const code = scratchPairs[2 * i] ?? 0;
    const sim = scratchPairs[2 * i + 1] ?? 0;
    const weight = tokenWeights[tokens[start + (code & 31)] ?? -1] ?? 0;
    // Cubed: an exact token counts fully, a typo (0.95) about 0.86, a different word that merely
    // looks alike (0.85) about 0.6, so exact names outrank near ones.
    matched += sim * sim * sim * weight;
    queryWeight += weight;
    alignedQ |= 1 << (code >> 5);
    alignedN |= 1 << (code & 31);
  }
  for (let q = 0; q < query.length; q += 1) {
    if ((alignedQ & (1 << q)) === 0) queryWeight += query[q]?.weight ?? 0;
  }
  // Listed tokens the query lacks weigh half: lists give middle names and patronymics that
  // payment messages usually drop.
  let listedWeight = 0;
  for (let n = 0; n < name.tokenCount; n += 1) {
    const weight = tokenWeights[tokens[start + n] ?? -1] ?? 0;
    listedWeight += (alignedN & (1 << n)) !== 0 ? weight : weight / 2;
  }
  const queryCoverage = queryWeight > 0 ? matched / queryWeight : 0;
  const listedCoverage = listedWeight > 0 ? Math.min(1, matched / listedWeight) : 0;
  // Geometric mean, leaning on the query: a listed patronymic missing from the query costs
  // less than a query word that matches nothing. Then evidence: a match resting on common words
  // alone ("Bank" against "VTB Bank") is discounted until the matched weight reaches
  // evidenceWeightFull, so such words cannot hit on their own.
  const evidence = Math.min(1, matched / evidenceWeightFull);
  const score = Math.min(1, Math.pow(queryCoverage, 0.6) * Math.pow(listedCoverage, 0.4) *
    Math.sqrt(evidence));
  assert(score >= 0 && score <= 1, "a name score lies in [0,1]");
  const pairs: (readonly [number, number, number])[] = [];
  for (let i = 0; keep && i < count; i += 1) {
    const code = scratchPairs[2 * i] ?? 0;
    pairs.push([code >> 5, code & 31, scratchPairs[2 * i + 1] ?? 0]);
  }
  return { score, pairs, queryCoverage, listedCoverage };
}

/** The readable form of an alignment, built only for hits. */
export function describeAlignment(
  { index, query }: ScoringContext,
  name: IndexedName,
  alignment: Alignment,
): NameScore {
  const alignments: TokenAlignment[] = alignment.pairs.map(([q, n, sim]) => {
    const id = index.nameTokens[name.tokenStart + n] ?? -1;
    return { query: query[q]?.text ?? "", listed: index.tokenTexts[id] ?? "",
      similarity: round3(sim), weight: round3(index.tokenWeights[id] ?? 0) };
  });
  let usedQ = 0;
  let usedN = 0;
  for (const [q, n] of alignment.pairs) {
    usedQ |= 1 << q;
    usedN |= 1 << n;
  }
  const unmatchedQuery: string[] = [];
  for (let q = 0; q < query.length; q += 1) {
    if ((usedQ & (1 << q)) === 0) unmatchedQuery.push(query[q]?.text ?? "");
  }
  const unmatchedListed: string[] = [];
  for (let n = 0; n < name.tokenCount; n += 1) {
    const text = index.tokenTexts[index.nameTokens[name.tokenStart + n] ?? -1] ?? "";
    if ((usedN & (1 << n)) === 0) unmatchedListed.push(text);
  }
  return {
    score: alignment.score, alignments, unmatchedQuery, unmatchedListed,
    queryCoverage: round3(alignment.queryCoverage),
    listedCoverage: round3(alignment.listedCoverage),
  };
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
