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
  round3, scoreName, tokenSimilarityMin, type NameScore, type QueryToken, type TokenAlignment,
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

interface State {
  readonly index: NameIndex;
  readonly cache: Map<string, ReadonlyMap<number, number>>;
  readonly acc: Float64Array;
}

function lookupSimilar(index: NameIndex, text: string): Map<number, number> {
  const candidates = new Set<number>();
  const add = (key: string): void => {
    const ids = index.tokenKeys.get(key);
    if (ids !== undefined) for (const id of ids) candidates.add(id);
  };
  add(`t:${text}`);
  add(`d:${text}`);
  const key = phoneticKey(text);
  if (key.length >= 2) add(`p:${key}`);
  if (text.length >= 4) {
    for (const d of deletions(text)) {
      add(`t:${d}`);
      add(`d:${d}`);
    }
  }
  if (text.length >= 6) add(`x:${text.slice(0, 5)}`);
  const similar = new Map<number, number>();
  for (const id of candidates) {
    const sim = tokenSimilarity(text, index.tokenTexts[id] ?? "");
    if (sim >= tokenSimilarityMin) similar.set(id, sim);
  }
  return similar;
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
    else for (const id of similar.keys()) weight = Math.min(weight, index.tokenWeights[id] ?? 1);
    return { text: token.text, weight, similar };
  });
}

function postingsOf(index: NameIndex, token: QueryToken): number {
  let total = 0;
  for (const id of token.similar.keys()) total += index.postings[id]?.length ?? 0;
  return total;
}

/** Candidate names: accumulated weight of similar tokens, rare query tokens first. */
function candidates(state: State, query: readonly QueryToken[]): number[] {
  const { index, acc } = state;
  const order = [...query].sort((a, b) => b.weight - a.weight);
  const touched: number[] = [];
  for (const token of order) {
    if (touched.length > 0 && postingsOf(index, token) > screeningPostingsScanMax) continue;
    for (const [id, sim] of token.similar) {
      const gain = sim * (index.tokenWeights[id] ?? 0);
      for (const nameId of index.postings[id] ?? []) {
        if (acc[nameId] === 0) touched.push(nameId);
        acc[nameId] = (acc[nameId] ?? 0) + gain;
      }
    }
  }
  let best = 0;
  for (const nameId of touched) best = Math.max(best, acc[nameId] ?? 0);
  let kept = touched.filter((nameId) => (acc[nameId] ?? 0) >= best * 0.5);
  if (kept.length > screeningCandidatesPerNameMax) {
    kept.sort((a, b) => (acc[b] ?? 0) - (acc[a] ?? 0) || a - b);
    kept = kept.slice(0, screeningCandidatesPerNameMax);
  }
  for (const nameId of touched) acc[nameId] = 0;
  assert(kept.length <= screeningCandidatesPerNameMax, "candidates are bounded");
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
  for (const nameId of candidates(state, query)) {
    const indexed = state.index.names[nameId];
    assert(indexed !== undefined, "a candidate is an indexed name");
    const scored = scoreName(state.index, query, indexed);
    const base = makeHit(state, indexed);
    const entity = state.index.lists[indexed.list]?.entities[indexed.entity];
    assert(entity !== undefined, "an indexed name has its entity");
    const weak = entity.names[indexed.name]?.weak ?? false;
    const { score, factors } = applyFactors(scored.score, { entity, weak, ...options });
    const key = `${base.list}\u0000${base.entityId}`;
    if (score < threshold || (best.get(key)?.score ?? -1) >= score) continue;
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
  const state: State = { index, cache: new Map(), acc: new Float64Array(index.names.length) };
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
