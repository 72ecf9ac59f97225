// The candidate index: every listed name tokenised once, token weights from inverse document
// frequency, and lookups by exact token, phonetic key and single deletions (typos), so that the
// cost of screening one name does not grow with the number of names listed.
import { assert } from "../lib/index.js";
import { listNamesPerEntityMax } from "../limits.js";
import { identifierKey, type ListEntity, type SanctionsList } from "./entity.js";
import { tokeniseName, type TokenRole } from "./normalise.js";
import { deletions, phoneticKey } from "./similarity.js";

export interface IndexedName {
  readonly list: number;
  readonly entity: number;
  /** Index into the entity's names. */
  readonly name: number;
  /** Distinct-token ids, in name order. */
  readonly tokens: Int32Array;
  readonly weightTotal: number;
}

export interface NameIndex {
  readonly lists: readonly SanctionsList[];
  readonly names: readonly IndexedName[];
  /** Distinct token texts by token id. */
  readonly tokenTexts: readonly string[];
  readonly tokenRoles: readonly TokenRole[];
  readonly tokenWeights: Float64Array;
  /** Token id -> ids of the names that contain it. */
  readonly postings: readonly Int32Array[];
  /** The same postings flattened (token t: postingNames[postingStart[t] .. [t + 1]]). */
  readonly postingStart: Int32Array;
  readonly postingNames: Int32Array;
  /** "t:" exact, "p:" phonetic key, "d:" deletion, "x:" 5-letter prefix -> token ids. */
  readonly tokenKeys: ReadonlyMap<string, Int32Array>;
  /** Identifier key ("bic:VTBRRUMM", "imo:9187629") -> entity references. */
  readonly identifiers: ReadonlyMap<string, readonly EntityRef[]>;
  readonly weightUnknown: number;
  /** The names' tokens flattened (name i: nameTokenIds[nameTokenStart[i] .. [i + 1]]). */
  readonly nameTokenStart: Int32Array;
  readonly nameTokenIds: Int32Array;
  readonly nameWeightTotals: Float64Array;
}

export interface EntityRef {
  readonly list: number;
  readonly entity: number;
}

const roleFactor: Record<TokenRole, number> = {
  "word": 1, "generic": 0.5, "legal-form": 0.1, "particle": 0.1, "initial": 0.3,
};

/** A token's weight from its document frequency among `nameCount` names and its role. */
export function tokenWeight(df: number, nameCount: number, role: TokenRole): number {
  const idfMax = Math.log(1 + Math.max(nameCount, 1));
  const idf = Math.log(1 + Math.max(nameCount, 1) / Math.max(df, 1));
  const weight = Math.max(0.05, (idf / idfMax) * roleFactor[role]);
  assert(weight > 0 && weight <= 1, "token weight lies in (0,1]");
  return weight;
}

interface Builder {
  ids: Map<string, number>;
  texts: string[];
  roles: TokenRole[];
  postings: number[][];
  names: { list: number; entity: number; name: number; tokens: number[] }[];
}

function tokenId(builder: Builder, text: string, role: TokenRole): number {
  let id = builder.ids.get(text);
  if (id === undefined) {
    id = builder.texts.length;
    builder.ids.set(text, id);
    builder.texts.push(text);
    builder.roles.push(role);
    builder.postings.push([]);
  }
  return id;
}

function addEntityNames(builder: Builder, ref: EntityRef, entity: ListEntity): void {
  const seen = new Set<string>();
  const count = Math.min(entity.names.length, listNamesPerEntityMax);
  for (let n = 0; n < count; n += 1) {
    const tokens = tokeniseName(entity.names[n]?.full ?? "");
    const key = tokens.map((t) => t.text).join(" ");
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const nameId = builder.names.length;
    const ids = tokens.map((t) => tokenId(builder, t.text, t.role));
    builder.names.push({ ...ref, name: n, tokens: ids });
    for (const id of new Set(ids)) builder.postings[id]?.push(nameId);
  }
}

function buildTokenKeys(texts: readonly string[]): Map<string, Int32Array> {
  const keys = new Map<string, number[]>();
  const add = (key: string, id: number): void => {
    const found = keys.get(key);
    if (found === undefined) keys.set(key, [id]);
    else if (found[found.length - 1] !== id) found.push(id);
  };
  texts.forEach((text, id) => {
    add(`t:${text}`, id);
    const key = phoneticKey(text);
    if (key.length >= 2) add(`p:${key}`, id);
    if (text.length >= 4) for (const d of deletions(text)) add(`d:${d}`, id);
    if (text.length >= 6) add(`x:${text.slice(0, 5)}`, id);
  });
  const frozen = new Map<string, Int32Array>();
  for (const [key, ids] of keys) frozen.set(key, Int32Array.from(ids));
  return frozen;
}

function buildIdentifiers(lists: readonly SanctionsList[]): Map<string, EntityRef[]> {
  const out = new Map<string, EntityRef[]>();
  lists.forEach((list, l) => {
    list.entities.forEach((entity, e) => {
      for (const identifier of entity.identifiers) {
        const key = identifierKey(identifier.scheme, identifier.value);
        if (key === "") continue;
        const refs = out.get(key) ?? [];
        if (!refs.some((r) => r.list === l && r.entity === e)) refs.push({ list: l, entity: e });
        out.set(key, refs);
      }
    });
  });
  return out;
}

/** Builds the index over all lists; pure and deterministic. */
export function buildNameIndex(lists: readonly SanctionsList[]): NameIndex {
  const builder: Builder = { ids: new Map(), texts: [], roles: [], postings: [], names: [] };
  lists.forEach((list, l) => {
    list.entities.forEach((entity, e) => addEntityNames(builder, { list: l, entity: e }, entity));
  });
  const nameCount = builder.names.length;
  const tokenWeights = Float64Array.from(builder.texts, (_, id) =>
    tokenWeight(builder.postings[id]?.length ?? 1, nameCount, builder.roles[id] ?? "word"));
  const names = builder.names.map((n) => {
    const tokens = Int32Array.from(n.tokens);
    let weightTotal = 0;
    for (const id of tokens) weightTotal += tokenWeights[id] ?? 0;
    return { list: n.list, entity: n.entity, name: n.name, tokens, weightTotal };
  });
  assert(names.length === nameCount, "every built name is indexed");
  const nameTokenStart = new Int32Array(nameCount + 1);
  names.forEach((n, i) => { nameTokenStart[i + 1] = (nameTokenStart[i] ?? 0) + n.tokens.length; });
  const nameTokenIds = new Int32Array(nameTokenStart[nameCount] ?? 0);
  names.forEach((n, i) => nameTokenIds.set(n.tokens, nameTokenStart[i] ?? 0));
  const postingStart = new Int32Array(builder.texts.length + 1);
  builder.postings.forEach((p, t) => { postingStart[t + 1] = (postingStart[t] ?? 0) + p.length; });
  const postingNames = new Int32Array(postingStart[builder.texts.length] ?? 0);
  builder.postings.forEach((p, t) => postingNames.set(p, postingStart[t] ?? 0));
  return {
    postingStart, postingNames,
    lists, names, tokenTexts: builder.texts, tokenRoles: builder.roles, tokenWeights,
    postings: builder.postings.map((p) => Int32Array.from(p)),
    tokenKeys: buildTokenKeys(builder.texts),
    identifiers: buildIdentifiers(lists),
    weightUnknown: tokenWeight(1, nameCount, "word"),
    nameTokenStart, nameTokenIds,
    nameWeightTotals: Float64Array.from(names, (n) => n.weightTotal),
  };
}
