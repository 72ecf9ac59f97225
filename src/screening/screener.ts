// The screener: candidate generation from the name index, scoring, per-entity hits ranked by
// score with an explanation, plus certain hits on listed identifiers (BIC, IMO…).
import { assert } from "../lib/index.js";
import {
  screeningCandidatesPerNameMax, screeningHitsPerNameMax, screeningPostingsScanMax,
  screeningQueryCharsMax, screeningTokenCacheEntriesMax,
} from "../limits.js";
import {
  identifierKey, type EntityKind, type IdentifierScheme, type SanctionsList,
} from "./entity.js";
import { applyFactors, type ScoreFactor } from "./factors.js";
import { buildNameIndex, tokenWeight, type NameIndex } from "./name-index.js";
import { tokeniseName } from "./normalise.js";
import {
  alignName, describeAlignment, round3, scoreName, tokenSimilarityMin, type NameScore,
  type QueryToken,
  type TokenAlignment,
} from "./scoring.js";
import { deletions, phoneticKey, tokenSimilarity } from "./similarity.js";

/** Hits at or above this score hold a message for a compliance decision (tuned on real data). */
export const holdThresholdDefault = 0.8;

export interface ScreenOptions {
  readonly threshold?: number;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  readonly birthDate?: string;
  /** A country name or ISO code: nationality, or country of registration. */
  readonly country?: string;
  readonly kind?: EntityKind;
  readonly hitsMax?: number;
}

export interface Explanation {
  readonly summary: string;
  readonly nameScore: number;
  readonly alignments: readonly TokenAlignment[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedListed: readonly string[];
  readonly queryCoverage: number;
  readonly listedCoverage: number;
  readonly factors: readonly ScoreFactor[];
}

export interface Hit {
  readonly list: string;
  readonly listVersion: string;
  readonly entityId: string;
  readonly entityKind: EntityKind;
  /** The listed name (primary or alias) that matched. */
  readonly name: string;
  readonly primaryName: string;
  /** In [0,1]; 1 only for an exact name or a listed identifier. */
  readonly score: number;
  readonly programmes: readonly string[];
  readonly explanation: Explanation;
}

export interface ScreenerStats {
  readonly lists: number;
  readonly entities: number;
  readonly names: number;
  readonly tokens: number;
  readonly indexKeys: number;
}

export interface Screener {
  screenName(name: string, options?: ScreenOptions): Hit[];
  /** A listed BIC (BIC8 or any branch of it) is a certain hit, score 1. */
  screenBic(bic: string): Hit[];
  screenIdentifier(scheme: IdentifierScheme, value: string): Hit[];
  readonly stats: ScreenerStats;
}

type SimilarTokens = Omit<QueryToken, "text" | "weight">;

interface State {
  readonly index: NameIndex;
  readonly cache: Map<string, SimilarTokens>;
  /** Per indexed name: accumulated gain, and the last query token that added to it. */
  readonly acc: Float64Array;
  readonly lastToken: Int32Array;
  /** Names touched by the current query (the first `count` entries). */
  readonly touched: Int32Array;
}

function lookupSimilar(index: NameIndex, text: string): SimilarTokens {
  const candidates = new Set<number>();
  const add = (key: string): void => {
    const ids = index.tokenKeys.get(key);
    if (ids !== undefined) for (const id of ids) candidates.add(id);
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
  const similar = new Map<number, number>();
  for (const id of candidates) {
    const other = index.tokenTexts[id] ?? "";
    if (Math.abs(other.length - text.length) > Math.max(3, text.length / 3)) continue;
    const sim = tokenSimilarity(text, other);
    if (sim >= tokenSimilarityMin) similar.set(id, sim);
  }
  const gain = (id: number): number => (similar.get(id) ?? 0) * (index.tokenWeights[id] ?? 0);
  const ordered = [...similar.keys()].sort((a, b) => gain(b) - gain(a) || a - b);
  let postings = 0;
  for (const id of ordered) postings += index.postings[id]?.length ?? 0;
  return { similar, similarIds: Int32Array.from(ordered),
    similarGains: Float64Array.from(ordered, gain), postings };
}

function queryTokens(state: State, name: string): QueryToken[] {
  const { index, cache } = state;
  return tokeniseName(name).map((token) => {
    let similar = cache.get(token.text);
    if (similar === undefined) {
      similar = lookupSimilar(index, token.text);
      if (cache.size >= screeningTokenCacheEntriesMax) cache.clear();
      cache.set(token.text, similar);
    }
    const exact = index.tokenKeys.get(`t:${token.text}`)?.[0];
    let weight = tokenWeight(1, index.names.length, token.role);
    if (exact !== undefined) weight = index.tokenWeights[exact] ?? weight;
    else {
      for (const id of similar.similarIds) weight = Math.min(weight, index.tokenWeights[id] ?? 1);
    }
    return { text: token.text, weight, ...similar };
  });
}

/**
 * Candidate names: for each query token (rare ones first) the best gain it gives each name, so
 * that a name repeating one word ("Husain Husaini Husein") is not counted several times. A
 * common token adds no new candidates once rarer ones found some; names that cannot reach the
 * threshold even with every query token matched are dropped before scoring.
 */
function candidates(state: State, query: readonly QueryToken[], nameThreshold: number): number[] {
  const { index, acc, lastToken, touched } = state;
  const order = query.map((_, q) => q).sort((a, b) =>
    (query[b]?.weight ?? 0) - (query[a]?.weight ?? 0) || a - b);
  // A name must gain at least this much to pass the query-coverage bound (see below), so once
  // the tokens left cannot give it, they only add to names already found.
  const gainMin = Math.pow(nameThreshold, 1 / 0.6) * queryWeightLeast(index, query);
  let potential = 0;
  for (const token of query) potential += token.similarGains[0] ?? 0;
  let count = 0;
  for (const q of order) {
    const token = query[q];
    assert(token !== undefined, "a query token exists");
    const growing = potential >= gainMin &&
      (count === 0 || token.postings <= screeningPostingsScanMax);
    potential -= token.similarGains[0] ?? 0;
    for (let s = 0; s < token.similarIds.length; s += 1) {
      const gain = token.similarGains[s] ?? 0;
      for (const nameId of index.postings[token.similarIds[s] ?? -1] ?? []) {
        if (lastToken[nameId] === q + 1) continue;
        if (acc[nameId] === 0) {
          if (!growing) continue;
          touched[count] = nameId;
          count += 1;
        }
        lastToken[nameId] = q + 1;
        acc[nameId] = (acc[nameId] ?? 0) + gain;
      }
    }
  }
  const kept = boundedCandidates(state, query, { count, nameThreshold });
  for (let i = 0; i < count; i += 1) {
    const nameId = touched[i] ?? 0;
    acc[nameId] = 0;
    lastToken[nameId] = 0;
  }
  assert(kept.length <= screeningCandidatesPerNameMax, "candidates are bounded");
  return kept;
}

/** The least total weight the query can have in scoring (each token at its lightest). */
function queryWeightLeast(index: NameIndex, query: readonly QueryToken[]): number {
  let total = 0;
  for (const token of query) {
    let least = token.weight;
    for (const id of token.similarIds) least = Math.min(least, index.tokenWeights[id] ?? 1);
    total += least;
  }
  return total;
}

/**
 * Drops names that cannot reach the threshold even if every gain counted fully: listed
 * coverage <= gain / (W/2 + gain/2), query coverage <= gain / (least query weight), and the
 * score <= qc^0.6 * lc^0.4. Keeps the best `screeningCandidatesPerNameMax` of the rest.
 */
function boundedCandidates(
  state: State,
  query: readonly QueryToken[],
  { count, nameThreshold }: { count: number; nameThreshold: number },
): number[] {
  const { index, acc, touched } = state;
  const queryWeightMin = Math.max(queryWeightLeast(index, query), 1e-9);
  // Each factor is at most 1, so each alone must reach the threshold: cheap tests first.
  const listedMin = Math.pow(nameThreshold, 1 / 0.4);
  const gainMin = Math.pow(nameThreshold, 1 / 0.6) * queryWeightMin;
  let kept: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const nameId = touched[i] ?? 0;
    const gain = acc[nameId] ?? 0;
    if (gain < gainMin) continue;
    const total = index.names[nameId]?.weightTotal ?? 1;
    const listed = Math.min(1, gain / (total / 2 + gain / 2));
    if (listed < listedMin) continue;
    const queried = Math.min(1, gain / queryWeightMin);
    if (Math.pow(queried, 0.6) * Math.pow(listed, 0.4) >= nameThreshold) kept.push(nameId);
  }
  if (kept.length > screeningCandidatesPerNameMax) {
    kept.sort((a, b) => (acc[b] ?? 0) - (acc[a] ?? 0) || a - b);
    kept = kept.slice(0, screeningCandidatesPerNameMax);
  }
  return kept;
}

function summaryOf(query: string, hitName: string, scored: NameScore): string {
  const pairs = scored.alignments.map((a) => `${a.query}~${a.listed} ${a.similarity.toFixed(2)}`);
  const extra = scored.unmatchedListed.length > 0
    ? `; listed only: ${scored.unmatchedListed.join(" ")}` : "";
  const missing = scored.unmatchedQuery.length > 0
    ? `; query only: ${scored.unmatchedQuery.join(" ")}` : "";
  return `"${query}" matches "${hitName}": ${pairs.join(", ")}${extra}${missing}`;
}

function makeHit(state: State, at: { list: number; entity: number; name: number }): Omit<
  Hit, "score" | "explanation"> {
  const list = state.index.lists[at.list];
  const entity = list?.entities[at.entity];
  assert(list !== undefined && entity !== undefined, "a hit refers to a listed entity");
  return {
    list: list.id, listVersion: list.version, entityId: entity.id, entityKind: entity.kind,
    name: entity.names[at.name]?.full ?? "", primaryName: entity.names[0]?.full ?? "",
    programmes: entity.programmes,
  };
}

function screenName(state: State, name: string, options: ScreenOptions): Hit[] {
  assert(name.length <= screeningQueryCharsMax, "screenName() input is bounded");
  const threshold = options.threshold ?? holdThresholdDefault;
  const hitsMax = Math.min(options.hitsMax ?? 10, screeningHitsPerNameMax);
  const query = queryTokens(state, name);
  if (query.length === 0) return [];
  const best = new Map<string, Hit>();
  // Factors raise a score by at most 40% of what is missing (birth date) then 10% (country).
  const raiseLeft = (options.birthDate === undefined ? 1 : 0.6) *
    (options.country === undefined ? 1 : 0.9);
  const nameThreshold = Math.max(0, 1 - (1 - threshold) / raiseLeft);
  for (const nameId of candidates(state, query, nameThreshold)) {
    const indexed = state.index.names[nameId];
    assert(indexed !== undefined, "a candidate is an indexed name");
    const nameScore = scoreName(state.index, query, indexed);
    if (nameScore < nameThreshold) continue;
    const alignment = alignName(state.index, query, indexed);
    const entity = state.index.lists[indexed.list]?.entities[indexed.entity];
    assert(entity !== undefined, "an indexed name has its entity");
    const weak = entity.names[indexed.name]?.weak ?? false;
    const { score, factors } = applyFactors(alignment.score, { entity, weak, ...options });
    const key = `${indexed.list}:${indexed.entity}`;
    if (score < threshold || (best.get(key)?.score ?? -1) >= score) continue;
    const base = makeHit(state, indexed);
    const scored = describeAlignment({ index: state.index, query }, indexed, alignment);
    best.set(key, { ...base, score: round3(score), explanation: {
      summary: summaryOf(name, base.name, scored), nameScore: round3(scored.score),
      alignments: scored.alignments, unmatchedQuery: scored.unmatchedQuery,
      unmatchedListed: scored.unmatchedListed, queryCoverage: scored.queryCoverage,
      listedCoverage: scored.listedCoverage, factors,
    } });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.list.localeCompare(b.list) ||
      a.entityId.localeCompare(b.entityId))
    .slice(0, hitsMax);
}

function screenIdentifier(state: State, scheme: IdentifierScheme, value: string): Hit[] {
  const key = identifierKey(scheme, value);
  if (key === "") return [];
  const clean = key.slice(scheme.length + 1);
  const refs = state.index.identifiers.get(key) ?? [];
  return refs.map((ref) => {
    const base = makeHit(state, { ...ref, name: 0 });
    const detail = `${scheme.toUpperCase()} ${clean} is listed for this entity`;
    return { ...base, score: 1, explanation: {
      summary: `${detail} (${base.list} ${base.entityId}, ${base.primaryName})`,
      nameScore: 0, alignments: [], unmatchedQuery: [], unmatchedListed: [],
      queryCoverage: 0, listedCoverage: 0,
      factors: [{ factor: "identifier", effect: "certain", detail }],
    } };
  });
}

/** Builds a screener over the given lists (pure; the index is built once, here). */
export function createScreener(lists: readonly SanctionsList[]): Screener {
  const index = buildNameIndex(lists);
  const state: State = { index, cache: new Map(), acc: new Float64Array(index.names.length),
    lastToken: new Int32Array(index.names.length), touched: new Int32Array(index.names.length) };
  const stats: ScreenerStats = {
    lists: lists.length, entities: lists.reduce((n, l) => n + l.entities.length, 0),
    names: index.names.length, tokens: index.tokenTexts.length, indexKeys: index.tokenKeys.size,
  };
  return {
    screenName: (name, options = {}) => screenName(state, name, options),
    screenBic: (bic) => screenIdentifier(state, "bic", bic),
    screenIdentifier: (scheme, value) => screenIdentifier(state, scheme, value),
    stats,
  };
}
