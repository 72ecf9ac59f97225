// Query preparation and candidate generation. Each query token is looked up once (and cached)
// for the listed tokens similar to it; their similarities go into a small hash table that the
// scan and scoring read. Only the tokens that can still create a passing candidate scan their
// postings (names inline, read in order); every other bound is computed exactly per candidate.
import { assert } from "../lib/index.js";
import {
  screeningCandidatesPerNameMax, screeningTokenCacheEntriesMax, screeningTokensPerNameMax,
} from "../limits.js";
import { scanCountBits, tokenWeight, type NameIndex } from "./name-index.js";
import { tokeniseName } from "./normalise.js";
import { evidenceWeightFull, tokenSimilarityMin, type QueryToken } from "./scoring.js";
import { deletions, phoneticKey, tokenSimilarityKeyed } from "./similarity.js";
import { visitKeyIds, type TokenKeyKind } from "./token-keys.js";
import {
  addSimilar, clearTable, createSimilarityTable, entryOf, sizeTable, type SimilarityTable,
} from "./similarity-table.js";

interface SimilarTokens {
  readonly similarIds: Int32Array;
  readonly similarSims: Float32Array;
  /** Similarity cubed x weight: the most the token can add to a name's matched weight. */
  readonly similarGains: Float64Array;
  /** [start, end] of each similar token's scan entries (no lookup in the index's offsets). */
  readonly scanStarts: Int32Array;
  readonly postings: number;
  /** The token's weight when it matches nothing, and its lightest weight when it does. */
  readonly weight: number;
  readonly weightLeast: number;
}

export interface MatchState {
  readonly index: NameIndex;
  readonly cache: Map<string, SimilarTokens>;
  readonly table: SimilarityTable;
  /** Per indexed name: the query number (mod 255) that last kept it (dedupes candidates). */
  readonly stamp: Uint8Array;
  stampNext: number;
  /** Scan entries (one per listed name holding a scanned token) read since the state began. */
  entriesRead: number;
}

export function createMatchState(index: NameIndex): MatchState {
  return { index, cache: new Map(), table: createSimilarityTable(index.tokenTexts.length),
    stamp: new Uint8Array(index.names.length), stampNext: 1, entriesRead: 0 };
}

function similarTokenIds(index: NameIndex, text: string, key: string): Set<number> {
  const found = new Set<number>();
  const visit = (id: number): void => { found.add(id); };
  const add = (kind: TokenKeyKind, keyText: string): void => {
    visitKeyIds(index.tokenKeys, { kind, text: keyText }, visit);
  };
  add("t", text);
  add("d", text);
  if (key.length >= 3 || (key.length === 2 && text.length >= 6)) add("p", key);
  if (text.length >= 4) {
    for (const d of deletions(text)) {
      add("t", d);
      add("d", d);
    }
  }
  if (text.length >= 6) add("x", text.slice(0, 5));
  return found;
}

/** The id of the listed token spelt `text`, if any (a shared key hash is checked by text). */
function exactTokenId(index: NameIndex, text: string): number | undefined {
  let exact: number | undefined;
  visitKeyIds(index.tokenKeys, { kind: "t", text }, (id) => {
    if (exact === undefined && index.tokenTexts[id] === text) exact = id;
  });
  return exact;
}

function lookupSimilar(index: NameIndex, text: string, role: Parameters<typeof tokenWeight>[2]):
  SimilarTokens {
  const query = { text, key: phoneticKey(text) };
  const found: number[] = [];
  const foundSims: number[] = [];
  for (const id of similarTokenIds(index, text, query.key)) {
    const other = index.tokenTexts[id] ?? "";
    if (Math.abs(other.length - text.length) > Math.max(3, text.length / 3)) continue;
    const sim = tokenSimilarityKeyed(query, other);
    if (sim < tokenSimilarityMin) continue;
    found.push(id);
    foundSims.push(sim);
  }
  // Best gain (similarity cubed x weight) first, then by token id.
  const gains = found.map((id, i) => (foundSims[i] ?? 0) ** 3 * (index.tokenWeights[id] ?? 0));
  const order = found.map((_, i) => i).sort((a, b) =>
    (gains[b] ?? 0) - (gains[a] ?? 0) || (found[a] ?? 0) - (found[b] ?? 0));
  const ordered = order.map((i) => found[i] ?? 0);
  let postings = 0;
  for (const id of ordered) postings += index.postingCounts[id] ?? 0;
  const exact = exactTokenId(index, text);
  let weight = tokenWeight(1, index.names.length, role);
  if (exact !== undefined) weight = index.tokenWeights[exact] ?? weight;
  else for (const id of ordered) weight = Math.min(weight, index.tokenWeights[id] ?? 1);
  let weightLeast = weight;
  for (const id of ordered) weightLeast = Math.min(weightLeast, index.tokenWeights[id] ?? 1);
  const scanStarts = new Int32Array(2 * ordered.length);
  ordered.forEach((id, s) => {
    scanStarts[2 * s] = index.scanStart[id] ?? 0;
    scanStarts[2 * s + 1] = index.scanStart[id + 1] ?? 0;
  });
  return { similarIds: Int32Array.from(ordered), scanStarts,
    similarSims: Float32Array.from(order, (i) => foundSims[i] ?? 0),
    similarGains: Float64Array.from(order, (i) => gains[i] ?? 0), postings, weight, weightLeast };
}

/** Tokenises the query and fills the similarity table; `releaseQuery` must follow. */
export function prepareQuery(state: MatchState, name: string): QueryToken[] {
  const tokens = tokeniseName(name);
  assert(tokens.length <= screeningTokensPerNameMax, "a query fits the similarity table");
  const similar = tokens.map((token) => {
    let found = state.cache.get(token.text);
    if (found === undefined) {
      found = lookupSimilar(state.index, token.text, token.role);
      if (state.cache.size >= screeningTokenCacheEntriesMax) state.cache.clear();
      state.cache.set(token.text, found);
    }
    return found;
  });
  let entriesMax = 0;
  for (const found of similar) entriesMax += found.similarIds.length;
  sizeTable(state.table, { entriesMax, stride: Math.max(1, tokens.length) });
  return tokens.map((token, slot) => {
    const found = similar[slot];
    assert(found !== undefined, "every query token was looked up");
    addSimilar(state.table, slot, found);
    return { text: token.text, slot, table: state.table, ...found };
  });
}

/** Empties the similarity table a query filled. */
export function releaseQuery(state: MatchState): void {
  clearTable(state.table);
}

const scanCountMask = (1 << scanCountBits) - 1;
const bestGains = new Float64Array(screeningTokensPerNameMax);
const leastWeights = new Float64Array(screeningTokensPerNameMax);

/** Folds listed token `id` into the per-query-token bounds of `nameBounds`. */
function boundToken(state: MatchState, query: readonly QueryToken[], id: number): void {
  const { index: { tokenWeights }, table } = state;
  const entry = entryOf(table, id);
  if (entry < 0) return;
  const weight = tokenWeights[id] as number;
  for (let q = 0; q < query.length; q += 1) {
    const sim = table.sims[entry * table.stride + q] as number;
    if (sim === 0) continue;
    const gain = sim * sim * sim * weight;
    if (gain > (bestGains[q] as number)) bestGains[q] = gain;
    if (weight < (leastWeights[q] as number)) leastWeights[q] = weight;
  }
}

/**
 * Bounds of a name's matched weight (per query token, its best listed token) and of the query
 * weight scoring divides by (per query token, its own weight when unaligned or the lightest
 * similar listed token it could align with), into `out` [gain, query weight]. The name is the
 * scan entry at `at` in the postings of token `token` (which the entry leaves out).
 */
function nameBounds(state: MatchState, query: readonly QueryToken[],
  name: { at: number; token: number; out: Float64Array }): void {
  const { scanData } = state.index;
  for (let q = 0; q < query.length; q += 1) {
    bestGains[q] = 0;
    leastWeights[q] = (query[q] as QueryToken).weight;
  }
  boundToken(state, query, name.token);
  const from = name.at + 2;
  const end = from + ((scanData[name.at] as number) & scanCountMask);
  for (let i = from; i < end; i += 1) boundToken(state, query, scanData[i] as number);
  let gain = 0;
  let queryWeight = 0;
  for (let q = 0; q < query.length; q += 1) {
    gain += bestGains[q] as number;
    queryWeight += leastWeights[q] as number;
  }
  name.out[0] = gain;
  name.out[1] = queryWeight;
}

/**
 * Candidate names for a query whose names must score at least `nameThreshold`. A name passes
 * only if qc^0.6 * lc^0.4 * sqrt(evidence) can reach it, where query coverage qc <= gain /
 * (least query weight), listed coverage lc <= gain / (W/2 + gain/2) and evidence <= gain / 0.7;
 * so a name needs gain >= gainMin, and tokens taken best first stop scanning once the best
 * they and the rest can give is below that.
 */
export function candidates(
  state: MatchState,
  query: readonly QueryToken[],
  nameThreshold: number,
): number[] {
  const { stamp } = state;
  const stampNow = state.stampNext;
  state.stampNext = stampNow >= 255 ? 1 : stampNow + 1;
  if (stampNow === 1) stamp.fill(0);
  let queryWeight = 0;
  let potential = 0;
  for (const token of query) {
    queryWeight += token.weightLeast;
    potential += token.similarGains[0] ?? 0;
  }
  // Coverage needs gain >= T^(1/0.6) x the least query weight; evidence, gain >= 0.7 T^2.
  const gainMin = Math.max(Math.pow(nameThreshold, 1 / 0.6) * queryWeight,
    evidenceWeightFull * nameThreshold * nameThreshold);
  // Cheapest tokens first: any order is exact, and once the tokens left cannot lift a new name
  // to gainMin, the expensive ones are never scanned.
  const order = query.map((_, q) => q).sort((a, b) =>
    (query[a]?.postings ?? 0) - (query[b]?.postings ?? 0) || a - b);
  const touched: number[] = [];
  const listedMin = Math.pow(nameThreshold, 1 / 0.4);
  const scan: Scan = { touched, gainMin, listedMin, stampNow };
  let before = 0;
  for (const q of order) {
    const token = query[q];
    assert(token !== undefined, "a query token exists");
    potential -= token.similarGains[0] ?? 0;
    // Names first reached by later tokens contain none of the similar tokens scanned here, so
    // they gained at most the first unscanned one's gain (nothing when all were scanned).
    before += scanToken(state, token, { scan, added: potential + before });
  }
  return boundedCandidates(state, query, { touched, gainMin, nameThreshold });
}

interface Scan {
  readonly touched: number[];
  readonly gainMin: number;
  readonly listedMin: number;
  readonly stampNow: number;
}

/**
 * Scans the postings of a query token's similar tokens, best gain first, until a name first
 * reached can no longer pass (`added`: the most the other query tokens can add); returns the
 * gain of the first similar token left unscanned (0 when all were scanned). A name first reached
 * in a range can gain at most that range's `most`, which bounds its weight total through listed
 * coverage (most / (W/2 + most/2)), and at most its per-listed-token bound (the most any query
 * token can add to each of its tokens: a one-to-one alignment never gives more); it is kept, as
 * its entry's offset and the scanned token, when both can pass both coverages. A name rejected
 * here and reached again later is rejected again or kept for the exact bound: either way no
 * passing name is lost.
 */
function scanToken(state: MatchState, token: QueryToken, bounds: { scan: Scan; added: number }):
  number {
  const { index: { scanData, scanWeights }, stamp, table } = state;
  const { gainMin, listedMin, stampNow, touched } = bounds.scan;
  const { bits, entryGains } = table;
  const { similarIds, similarGains, scanStarts } = token;
  const totalPerMost = (2 / listedMin - 1) * (1 + 1e-9);
  let read = 0;
  for (let s = 0; s < similarIds.length; s += 1) {
    // Gains are sorted: once this one and the rest cannot reach gainMin, none can.
    const most = (similarGains[s] as number) + bounds.added;
    if (most < gainMin) {
      state.entriesRead += read;
      return similarGains[s] as number;
    }
    const totalMax = most * totalPerMost;
    const scanned = similarIds[s] as number;
    const own = entryGains[entryOf(table, scanned)] as number;
    const end = scanStarts[2 * s + 1] as number;
    let at = scanStarts[2 * s] as number;
    while (at < end) {
      read += 1;
      const entryAt = at;
      const head = scanData[at] as number;
      at += 2 + (head & scanCountMask);
      const total = scanWeights[entryAt + 1] as number;
      if (total > totalMax) continue;
      let any = own;
      for (let i = entryAt + 2; i < at; i += 1) {
        const id = scanData[i] as number;
        if (((bits[(id >> 5) & 2047] as number) & (1 << (id & 31))) !== 0) {
          const entry = entryOf(table, id);
          if (entry >= 0) any += entryGains[entry] as number;
        }
      }
      if (any < gainMin || any < listedMin * (total / 2 + any / 2)) continue;
      const nameId = head >>> scanCountBits;
      if (stamp[nameId] === stampNow) continue;
      stamp[nameId] = stampNow;
      touched.push(entryAt, scanned);
    }
    assert(at === end, "a token's scan entries end at its range");
  }
  state.entriesRead += read;
  return 0;
}

const bounded = new Float64Array(2);

/**
 * The touched names whose score can reach the threshold, bounded per name: query coverage
 * <= gain / (query weight bound), listed coverage <= gain / (W/2 + gain/2), evidence <=
 * gain / evidenceWeightFull. Each bound only ever overestimates, so no passing name is lost.
 */
function boundedCandidates(state: MatchState, query: readonly QueryToken[], bounds: {
  touched: readonly number[]; gainMin: number; nameThreshold: number;
}): number[] {
  const { index: { scanData, scanWeights } } = state;
  const kept: { nameId: number; gain: number }[] = [];
  const { touched } = bounds;
  // most = qc^0.6 lc^0.4 ev^0.5 >= T exactly when qc^6 lc^4 ev^5 >= T^10: products, no powers
  // (the margin keeps rounding from dropping a name on the boundary).
  const t2 = bounds.nameThreshold * bounds.nameThreshold;
  const least = t2 * t2 * t2 * t2 * t2 * (1 - 1e-9);
  for (let t = 0; t < touched.length; t += 2) {
    const at = touched[t] as number;
    nameBounds(state, query, { at, token: touched[t + 1] as number, out: bounded });
    const gain = bounded[0] as number;
    if (gain < bounds.gainMin) continue;
    // The float32 total is rounded down: the listed coverage bound stays an upper bound.
    const total = scanWeights[at + 1] as number;
    const listed = Math.min(1, gain / (total / 2 + gain / 2));
    const queried = Math.min(1, gain / Math.max(bounded[1] as number, 1e-9));
    const evidence = Math.min(1, gain / evidenceWeightFull);
    const q2 = queried * queried;
    const l2 = listed * listed;
    const e2 = evidence * evidence;
    if (q2 * q2 * q2 * l2 * l2 * e2 * e2 * evidence >= least) {
      kept.push({ nameId: (scanData[at] as number) >>> scanCountBits, gain });
    }
  }
  if (kept.length > screeningCandidatesPerNameMax) {
    kept.sort((a, b) => b.gain - a.gain || a.nameId - b.nameId);
    kept.length = screeningCandidatesPerNameMax;
  }
  return kept.map((k) => k.nameId);
}
