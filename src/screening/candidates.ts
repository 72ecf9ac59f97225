// Query preparation and candidate generation. Each query token is looked up once (and cached)
// for the listed tokens similar to it; its similarities are spread into a dense row per query
// slot so that scoring reads them by token id. Only the tokens that can still create a passing
// candidate scan their postings; every other bound is computed exactly per candidate.
import { assert } from "../lib/index.js";
import {
  screeningCandidatesPerNameMax, screeningTokenCacheEntriesMax, screeningTokensPerNameMax,
} from "../limits.js";
import { tokenWeight, type NameIndex } from "./name-index.js";
import { tokeniseName } from "./normalise.js";
import { tokenSimilarityMin, type QueryToken } from "./scoring.js";
import { deletions, phoneticKey, tokenSimilarity } from "./similarity.js";

interface SimilarTokens {
  readonly similarIds: Int32Array;
  readonly similarSims: Float32Array;
  /** Similarity cubed x weight: the most the token can add to a name's matched weight. */
  readonly similarGains: Float64Array;
  readonly postings: number;
  /** The token's weight when it matches nothing, and its lightest weight when it does. */
  readonly weight: number;
  readonly weightLeast: number;
}

export interface MatchState {
  readonly index: NameIndex;
  readonly cache: Map<string, SimilarTokens>;
  /** One dense row of similarities per query slot, indexed by listed token id. */
  readonly rows: readonly Float32Array[];
  /** Per listed token id: the most it can add for any query token (similarity cubed x weight). */
  readonly gainAny: Float64Array;
  /**
   * Bits by token id modulo 2^16 set for the query's similar tokens: 8 KB that stay in cache,
   * so a listed token similar to nothing (most of them) costs no read of `gainAny`.
   */
  readonly similarBits: Uint32Array;
  /** Per indexed name: the query number (mod 255) that last touched it (dedupes candidates). */
  readonly stamp: Uint8Array;
  stampNext: number;
}

export function createMatchState(index: NameIndex): MatchState {
  return {
    index, cache: new Map(), stamp: new Uint8Array(index.names.length), stampNext: 1,
    gainAny: new Float64Array(index.tokenTexts.length), similarBits: new Uint32Array(2048),
    rows: Array.from({ length: screeningTokensPerNameMax },
      () => new Float32Array(index.tokenTexts.length)),
  };
}

function similarTokenIds(index: NameIndex, text: string): Set<number> {
  const found = new Set<number>();
  const add = (key: string): void => {
    const ids = index.tokenKeys.get(key);
    if (ids !== undefined) for (const id of ids) found.add(id);
  };
  add(`t:${text}`);
  add(`d:${text}`);
  const key = phoneticKey(text);
  if (key.length >= 3 || (key.length === 2 && text.length >= 6)) add(`p:${key}`);
  if (text.length >= 4) {
    for (const d of deletions(text)) {
      add(`t:${d}`);
      add(`d:${d}`);
    }
  }
  if (text.length >= 6) add(`x:${text.slice(0, 5)}`);
  return found;
}

function lookupSimilar(index: NameIndex, text: string, role: Parameters<typeof tokenWeight>[2]):
  SimilarTokens {
  const sims = new Map<number, number>();
  for (const id of similarTokenIds(index, text)) {
    const other = index.tokenTexts[id] ?? "";
    if (Math.abs(other.length - text.length) > Math.max(3, text.length / 3)) continue;
    const sim = tokenSimilarity(text, other);
    if (sim >= tokenSimilarityMin) sims.set(id, sim);
  }
  const gain = (id: number): number => (sims.get(id) ?? 0) ** 3 * (index.tokenWeights[id] ?? 0);
  const ordered = [...sims.keys()].sort((a, b) => gain(b) - gain(a) || a - b);
  let postings = 0;
  for (const id of ordered) postings += index.postings[id]?.length ?? 0;
  const exact = index.tokenKeys.get(`t:${text}`)?.[0];
  let weight = tokenWeight(1, index.names.length, role);
  if (exact !== undefined) weight = index.tokenWeights[exact] ?? weight;
  else for (const id of ordered) weight = Math.min(weight, index.tokenWeights[id] ?? 1);
  let weightLeast = weight;
  for (const id of ordered) weightLeast = Math.min(weightLeast, index.tokenWeights[id] ?? 1);
  return { similarIds: Int32Array.from(ordered),
    similarSims: Float32Array.from(ordered, (id) => sims.get(id) ?? 0),
    similarGains: Float64Array.from(ordered, gain), postings, weight, weightLeast };
}

/** Tokenises the query and fills the dense rows; `releaseQuery` must follow. */
export function prepareQuery(state: MatchState, name: string): QueryToken[] {
  const tokens = tokeniseName(name);
  assert(tokens.length <= state.rows.length, "a query fits the dense rows");
  return tokens.map((token, q) => {
    let similar = state.cache.get(token.text);
    if (similar === undefined) {
      similar = lookupSimilar(state.index, token.text, token.role);
      if (state.cache.size >= screeningTokenCacheEntriesMax) state.cache.clear();
      state.cache.set(token.text, similar);
    }
    const row = state.rows[q];
    assert(row !== undefined, "every query slot has a row");
    for (let s = 0; s < similar.similarIds.length; s += 1) {
      const id = similar.similarIds[s] ?? 0;
      row[id] = similar.similarSims[s] ?? 0;
      state.gainAny[id] = Math.max(state.gainAny[id] ?? 0, similar.similarGains[s] ?? 0);
      state.similarBits[(id >> 5) & 2047] = (state.similarBits[(id >> 5) & 2047] ?? 0) |
        (1 << (id & 31));
    }
    return { text: token.text, row, ...similar };
  });
}

/** Clears the dense rows a query filled. */
export function releaseQuery(state: MatchState, query: readonly QueryToken[]): void {
  for (const token of query) {
    for (const id of token.similarIds) {
      token.row[id] = 0;
      state.gainAny[id] = 0;
      state.similarBits[(id >> 5) & 2047] = 0;
    }
  }
}

/**
 * A cheap upper bound of a name's matched weight: per listed token, the most any query token
 * can add (one-to-one alignment never gives more). One read per listed token, where the exact
 * `gainBound` reads one per listed token and query token.
 */
function gainAnyBound(state: MatchState, nameId: number): number {
  const { index, gainAny, similarBits } = state;
  const to = index.nameTokenStart[nameId + 1] as number;
  let total = 0;
  for (let i = index.nameTokenStart[nameId] as number; i < to; i += 1) {
    const id = index.nameTokenIds[i] as number;
    if (((similarBits[(id >> 5) & 2047] as number) & (1 << (id & 31))) !== 0) {
      total += gainAny[id] as number;
    }
  }
  return total;
}

/** The most matched weight each name can get: per query token, its best listed token. */
function gainBound(index: NameIndex, query: readonly QueryToken[], nameId: number): number {
  const from = index.nameTokenStart[nameId] ?? 0;
  const to = index.nameTokenStart[nameId + 1] ?? 0;
  const ids = index.nameTokenIds;
  let total = 0;
  for (let q = 0; q < query.length; q += 1) {
    const row = (query[q] as QueryToken).row;
    let best = 0;
    for (let i = from; i < to; i += 1) {
      const id = ids[i] as number;
      const sim = row[id] as number;
      if (sim > 0) {
        const gain = sim * sim * sim * (index.tokenWeights[id] as number);
        if (gain > best) best = gain;
      }
    }
    total += best;
  }
  return total;
}

/**
 * Candidate names for a query whose names must score at least `nameThreshold`. A name passes
 * only if qc^0.6 * lc^0.4 can reach it, where query coverage qc <= gain / (least query weight)
 * and listed coverage lc <= gain / (W/2 + gain/2); so a name needs gain >= gainMin, and tokens
 * taken best first stop scanning once the best they and the rest can give is below that.
 */
export function candidates(
  state: MatchState,
  query: readonly QueryToken[],
  nameThreshold: number,
): number[] {
  const { index, stamp } = state;
  const stampNow = state.stampNext;
  state.stampNext = stampNow >= 255 ? 1 : stampNow + 1;
  if (stampNow === 1) stamp.fill(0);
  let queryWeight = 0;
  let potential = 0;
  for (const token of query) {
    queryWeight += token.weightLeast;
    potential += token.similarGains[0] ?? 0;
  }
  const gainMin = Math.pow(nameThreshold, 1 / 0.6) * queryWeight;
  // Cheapest tokens first: any order is exact, and once the tokens left cannot lift a new name
  // to gainMin, the expensive ones are never scanned.
  const order = query.map((_, q) => q).sort((a, b) =>
    (query[a]?.postings ?? 0) - (query[b]?.postings ?? 0) || a - b);
  const touched: number[] = [];
  const listedMin = Math.pow(nameThreshold, 1 / 0.4);
  const totals = index.nameWeightTotals;
  let before = 0;
  for (const q of order) {
    const token = query[q];
    assert(token !== undefined, "a query token exists");
    potential -= token.similarGains[0] ?? 0;
    let cutoff = 0;
    for (let s = 0; s < token.similarIds.length; s += 1) {
      // Gains are sorted: once this one and the rest cannot reach gainMin, none can.
      const most = (token.similarGains[s] ?? 0) + potential + before;
      if (most < gainMin) {
        cutoff = token.similarGains[s] ?? 0;
        break;
      }
      const id = token.similarIds[s] as number;
      const end = index.postingStart[id + 1] as number;
      assert(end > 0, "a similar token has postings");
      for (let p = index.postingStart[id] as number; p < end; p += 1) {
        const nameId = index.postingNames[p] as number;
        if (stamp[nameId] === stampNow) continue;
        stamp[nameId] = stampNow;
        // Listed coverage can reach at most most / (W/2 + most/2): long names drop here.
        const total = totals[nameId] as number;
        if (most < listedMin * (total / 2 + most / 2)) continue;
        const any = gainAnyBound(state, nameId);
        if (any < gainMin || any < listedMin * (total / 2 + any / 2)) continue;
        touched.push(nameId);
      }
    }
    // Names first reached by later tokens contain none of the similar tokens scanned here, so
    // they gained at most the first unscanned one's gain (nothing when all were scanned).
    before += cutoff;
  }
  return boundedCandidates(state, query, { touched, gainMin, nameThreshold, queryWeight });
}

function boundedCandidates(state: MatchState, query: readonly QueryToken[], bounds: {
  touched: readonly number[]; gainMin: number; nameThreshold: number; queryWeight: number;
}): number[] {
  const { index } = state;
  const listedMin = Math.pow(bounds.nameThreshold, 1 / 0.4);
  const kept: { nameId: number; gain: number }[] = [];
  for (const nameId of bounds.touched) {
    const gain = gainBound(index, query, nameId);
    if (gain < bounds.gainMin) continue;
    const total = index.names[nameId]?.weightTotal ?? 1;
    const listed = Math.min(1, gain / (total / 2 + gain / 2));
    if (listed < listedMin) continue;
    const queried = Math.min(1, gain / Math.max(bounds.queryWeight, 1e-9));
    if (Math.pow(queried, 0.6) * Math.pow(listed, 0.4) >= bounds.nameThreshold) {
      kept.push({ nameId, gain });
    }
  }
  if (kept.length > screeningCandidatesPerNameMax) {
    kept.sort((a, b) => b.gain - a.gain || a.nameId - b.nameId);
    kept.length = screeningCandidatesPerNameMax;
  }
  return kept.map((k) => k.nameId);
}
