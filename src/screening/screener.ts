// The screener: candidate generation from the name index, scoring, per-entity hits ranked by
// score with an explanation, plus certain hits on listed identifiers (BIC, IMO…).
import { assert } from "../lib/index.js";
import { screeningHitsPerNameMax, screeningQueryCharsMax } from "../limits.js";
import {
  candidates, createMatchState, prepareQuery, releaseQuery, type MatchState,
} from "./candidates.js";
import {
  identifierKey, type EntityKind, type IdentifierScheme, type SanctionsList,
} from "./entity.js";
import { countryCode } from "./countries.js";
import { applyFactors, type ScoreFactor } from "./factors.js";
import { buildNameIndex, type IndexedName, type NameIndex } from "./name-index.js";
import {
  alignName, describeAlignment, round3, scoreName, type NameScore, type QueryToken,
  type TokenAlignment,
} from "./scoring.js";

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

/**
 * What screening has cost since the screener was built: names screened, scan entries read by
 * the candidate search (one per listed name holding a token similar to a scanned query token)
 * and names scored. Counters only; they tell how the work grows with the lists.
 */
export interface ScreeningWork {
  readonly namesScreened: number;
  readonly entriesRead: number;
  readonly namesScored: number;
}

export interface Screener {
  screenName(name: string, options?: ScreenOptions): Hit[];
  /** A listed BIC (BIC8 or any branch of it) is a certain hit, score 1. */
  screenBic(bic: string): Hit[];
  screenIdentifier(scheme: IdentifierScheme, value: string): Hit[];
  readonly stats: ScreenerStats;
  work(): ScreeningWork;
}

interface State {
  readonly index: NameIndex;
  readonly match: MatchState;
  namesScreened: number;
  namesScored: number;
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
  // A party field longer than any name is cut (foldName does the same); never an assertion,
  // since the text comes from a message.
  assert(screeningQueryCharsMax > 0, "the query bound is positive");
  const threshold = options.threshold ?? holdThresholdDefault;
  const hitsMax = Math.min(options.hitsMax ?? 10, screeningHitsPerNameMax);
  state.namesScreened += 1;
  const query = prepareQuery(state.match, name);
  if (query.length === 0) return [];
  try {
    return screenPrepared(state, { name, query, options, threshold, hitsMax });
  } finally {
    releaseQuery(state.match);
  }
}

interface Scored {
  readonly nameId: number;
  /** The factored score, rounded as reported. */
  readonly score: number;
  readonly factors: readonly ScoreFactor[];
}

function screenPrepared(state: State, input: { name: string; query: readonly QueryToken[];
  options: ScreenOptions; threshold: number; hitsMax: number }): Hit[] {
  const { name, query, options, threshold, hitsMax } = input;
  const best = new Map<number, Scored>();
  const code = options.country === undefined ? undefined : countryCode(options.country);
  const factorInput = {
    ...(options.birthDate === undefined ? {} : { birthDate: options.birthDate }),
    ...(code === undefined ? {} : { countryCode: code }),
    ...(options.kind === undefined ? {} : { kind: options.kind }),
  };
  // Factors raise a score by at most 40% of what is missing (birth date) then 10% (country).
  const raiseLeft = (options.birthDate === undefined ? 1 : 0.6) *
    (options.country === undefined ? 1 : 0.9);
  const nameThreshold = Math.max(0, 1 - (1 - threshold) / raiseLeft);
  for (const nameId of candidates(state.match, query, nameThreshold)) {
    const indexed = state.index.names[nameId];
    assert(indexed !== undefined, "a candidate is an indexed name");
    state.namesScored += 1;
    const nameScore = scoreName(state.index, query, indexed);
    if (nameScore < nameThreshold) continue;
    const entity = state.index.lists[indexed.list]?.entities[indexed.entity];
    assert(entity !== undefined, "an indexed name has its entity");
    const weak = entity.names[indexed.name]?.weak ?? false;
    const { score, factors } = applyFactors(nameScore, { entity, weak, ...factorInput });
    const key = indexed.list * 0x1000000 + indexed.entity; // listEntitiesMax < 2^24
    if (score < threshold) continue;
    // An entity's best name; on a tie its first name, whatever order the candidates came in.
    const known = best.get(key);
    const rounded = round3(score);
    if (known !== undefined && (known.score > rounded ||
      (known.score === rounded && known.nameId < nameId))) continue;
    best.set(key, { nameId, score: rounded, factors });
  }
  // Only the hits returned are explained: building an explanation costs more than scoring.
  const ranked = [...best.values()].map((scored) => {
    const at = state.index.names[scored.nameId] as IndexedName;
    const list = state.index.lists[at.list];
    const entity = list?.entities[at.entity];
    assert(list !== undefined && entity !== undefined, "a hit refers to a listed entity");
    return { scored, list: list.id, entityId: entity.id };
  });
  ranked.sort((a, b) => b.scored.score - a.scored.score ||
    a.list.localeCompare(b.list) || a.entityId.localeCompare(b.entityId));
  return ranked.slice(0, hitsMax).map(({ scored }) =>
    explainHit(state, { name, query, scored }));
}

function explainHit(state: State, input: { name: string; query: readonly QueryToken[];
  scored: Scored }): Hit {
  const { name, query, scored: { nameId, score, factors } } = input;
  const indexed = state.index.names[nameId];
  assert(indexed !== undefined, "a hit is an indexed name");
  const alignment = alignName(state.index, query, indexed);
  const described = describeAlignment({ index: state.index, query }, indexed, alignment);
  const base = makeHit(state, indexed);
  // One object literal, in the order of Hit's fields (a spread of `base` cost ~1 us per hit).
  return {
    list: base.list, listVersion: base.listVersion, entityId: base.entityId,
    entityKind: base.entityKind, name: base.name, primaryName: base.primaryName,
    programmes: base.programmes, score, explanation: {
      summary: summaryOf(name, base.name, described), nameScore: round3(described.score),
      alignments: described.alignments, unmatchedQuery: described.unmatchedQuery,
      unmatchedListed: described.unmatchedListed, queryCoverage: described.queryCoverage,
      listedCoverage: described.listedCoverage, factors,
    },
  };
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
  const state: State = { index, match: createMatchState(index), namesScreened: 0,
    namesScored: 0 };
  const stats: ScreenerStats = {
    lists: lists.length, entities: lists.reduce((n, l) => n + l.entities.length, 0),
    names: index.names.length, tokens: index.tokenTexts.length, indexKeys: index.tokenKeys.size,
  };
  return {
    screenName: (name, options = {}) => screenName(state, name, options),
    screenBic: (bic) => screenIdentifier(state, "bic", bic),
    screenIdentifier: (scheme, value) => screenIdentifier(state, scheme, value),
    stats,
    work: () => ({ namesScreened: state.namesScreened, entriesRead: state.match.entriesRead,
      namesScored: state.namesScored }),
  };
}
