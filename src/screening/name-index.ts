// The candidate index: every listed name tokenised once, token weights from inverse document
// frequency, and lookups by exact token, phonetic key and single deletions (typos), so that the
// cost of screening one name does not grow with the number of names listed.
import { assert } from "../lib/index.js";
import { listNamesPerEntityMax, screeningIndexNamesMax } from "../limits.js";
import { identifierKey, type ListEntity, type SanctionsList } from "./entity.js";
import { tokeniseName, type TokenRole } from "./normalise.js";
import { deletions, phoneticKey } from "./similarity.js";
import { buildTokenKeys, type TokenKeys } from "./token-keys.js";

export interface IndexedName {
  readonly list: number;
  readonly entity: number;
  /** Index into the entity's names. */
  readonly name: number;
  /**
   * Its token ids, in name order (a repeated word repeats its id), are the index's
   * nameTokens[tokenStart .. tokenStart + tokenCount]: one array for all names, where an
   * Int32Array per name took 77 MB on the 10x list.
   */
  readonly tokenStart: number;
  readonly tokenCount: number;
  readonly weightTotal: number;
}

export interface NameIndex {
  readonly lists: readonly SanctionsList[];
  readonly names: readonly IndexedName[];
  /** Every name's token ids, one name after another (see IndexedName). */
  readonly nameTokens: Int32Array;
  /** Distinct token texts by token id. */
  readonly tokenTexts: readonly string[];
  readonly tokenRoles: readonly TokenRole[];
  readonly tokenWeights: Float64Array;
  /** Token id -> how many names contain it (the cost of scanning its postings). */
  readonly postingCounts: Int32Array;
  /**
   * Postings with the names inline, for a scan that reads memory in order: token t's entries
   * are scanData[scanStart[t] .. scanStart[t + 1]], each [name id << 5 | n, weight total as
   * float32 bits rounded down, n token ids: the name's tokens but one occurrence of t]. One
   * entry costs one sequential read, where an entry holding only the name id costs three
   * scattered ones (~3x on the 10x list); leaving out t and packing n keeps entries ~30% shorter.
   */
  readonly scanStart: Int32Array;
  readonly scanData: Int32Array;
  /** The same memory read as float32 (the weight totals). */
  readonly scanWeights: Float32Array;
  /** Exact text, phonetic key, single deletions and 5-letter prefix -> token ids. */
  readonly tokenKeys: TokenKeys;
  /** Identifier key ("bic:VTBRRUMM", "imo:9187629") -> entity references. */
  readonly identifiers: ReadonlyMap<string, readonly EntityRef[]>;
  readonly weightUnknown: number;
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

/** The lookup keys of every token; `phonetic` holds each token's phonetic key. */
function tokenKeysOf(texts: readonly string[], phonetic: readonly string[]): TokenKeys {
  return buildTokenKeys(texts.length, (id, add) => {
    const text = texts[id] ?? "";
    add("t", text);
    const key = phonetic[id] ?? "";
    if (key.length >= 2) add("p", key);
    if (text.length >= 4) for (const d of deletions(text)) add("d", d);
    if (text.length >= 6) add("x", text.slice(0, 5));
  });
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

const floatBits = new Float32Array(1);
const floatBitsInt = new Int32Array(floatBits.buffer);

/** A positive number as float32 bits, rounded down so that bounds built on it stay safe. */
export function float32BitsDown(value: number): number {
  assert(value >= 0, "only non-negative weights are stored as float32");
  floatBits[0] = value;
  // For a positive float, the bits one lower are the next float32 down.
  if (Math.fround(value) > value) floatBitsInt[0] = (floatBitsInt[0] ?? 0) - 1;
  assert((floatBits[0] ?? Infinity) <= value, "a float32 weight is rounded down");
  return floatBitsInt[0] ?? 0;
}

/** Bits of a scan entry's first int that hold its token count (the name id is above them). */
export const scanCountBits = 5;
assert(screeningIndexNamesMax * 2 ** scanCountBits <= 2 ** 31, "name ids fit beside the count");

function buildScanData(postings: readonly number[][], index: Pick<NameIndex,
  "names" | "nameTokens">): Pick<NameIndex, "scanStart" | "scanData" | "scanWeights"> {
  const { names, nameTokens } = index;
  assert(names.length <= screeningIndexNamesMax, "an index holds at most its limit of names");
  const scanStart = new Int32Array(postings.length + 1);
  postings.forEach((p, t) => {
    let size = 0;
    for (const nameId of p) size += 1 + (names[nameId]?.tokenCount ?? 0);
    scanStart[t + 1] = (scanStart[t] ?? 0) + size;
  });
  const scanData = new Int32Array(scanStart[postings.length] ?? 0);
  postings.forEach((p, t) => {
    let at = scanStart[t] ?? 0;
    for (const nameId of p) {
      const name = names[nameId];
      assert(name !== undefined, "a posting names an indexed name");
      const count = name.tokenCount - 1;
      assert(count < 2 ** scanCountBits, "a listed name's token count fits its bits");
      scanData[at] = (nameId << scanCountBits) | count;
      scanData[at + 1] = float32BitsDown(name.weightTotal);
      let skipped = false;
      let next = at + 2;
      for (let i = name.tokenStart; i < name.tokenStart + name.tokenCount; i += 1) {
        const id = nameTokens[i] as number;
        if (id === t && !skipped) skipped = true;
        else scanData[next++] = id;
      }
      assert(skipped && next === at + 2 + count, "a posting's name holds its token");
      at = next;
    }
    assert(at === scanStart[t + 1], "a token's scan entries fill its range");
  });
  return { scanStart, scanData, scanWeights: new Float32Array(scanData.buffer) };
}

/**
 * Renumbers tokens in order of phonetic key, then text: similar tokens mostly share a key or a
 * prefix, so a query's similar tokens and their postings then lie close together in memory
 * (fewer cache misses: ~20% off the 10x list's candidate generation against text order).
 */
function sortTokens(built: Builder): Omit<Builder, "ids"> & { phonetic: string[] } {
  const phoneticOf = built.texts.map(phoneticKey);
  const keys = built.texts.map((text, id) => `${phoneticOf[id] ?? ""} ${text}`);
  const order = built.texts.map((_, id) => id)
    .sort((a, b) => ((keys[a] ?? "") < (keys[b] ?? "") ? -1 : 1));
  const renamed = new Int32Array(order.length);
  order.forEach((old, id) => { renamed[old] = id; });
  const texts = order.map((old) => built.texts[old] ?? "");
  assert(new Set(texts).size === texts.length, "token texts are distinct");
  return {
    texts, phonetic: order.map((old) => phoneticOf[old] ?? ""),
    roles: order.map((old) => built.roles[old] ?? "word"),
    postings: order.map((old) => built.postings[old] ?? []),
    names: built.names.map((n) => ({ ...n, tokens: n.tokens.map((id) => renamed[id] ?? 0) })),
  };
}

/** Builds the index over all lists; pure and deterministic. */
export function buildNameIndex(lists: readonly SanctionsList[]): NameIndex {
  const built: Builder = { ids: new Map(), texts: [], roles: [], postings: [], names: [] };
  lists.forEach((list, l) => {
    list.entities.forEach((entity, e) => addEntityNames(built, { list: l, entity: e }, entity));
  });
  const builder = sortTokens(built);
  const nameCount = builder.names.length;
  const tokenWeights = Float64Array.from(builder.texts, (_, id) =>
    tokenWeight(builder.postings[id]?.length ?? 1, nameCount, builder.roles[id] ?? "word"));
  const nameTokens = Int32Array.from(builder.names.flatMap((n) => n.tokens));
  let tokenStart = 0;
  const names = builder.names.map((n): IndexedName => {
    let weightTotal = 0;
    for (const id of n.tokens) weightTotal += tokenWeights[id] ?? 0;
    const name = { list: n.list, entity: n.entity, name: n.name, tokenStart,
      tokenCount: n.tokens.length, weightTotal };
    tokenStart += n.tokens.length;
    return name;
  });
  assert(names.length === nameCount && tokenStart === nameTokens.length,
    "every built name is indexed with its tokens");
  const scan = buildScanData(builder.postings, { names, nameTokens });
  return {
    ...scan, lists, names, nameTokens, tokenTexts: builder.texts, tokenRoles: builder.roles,
    tokenWeights,
    postingCounts: Int32Array.from(builder.postings, (p) => p.length),
    tokenKeys: tokenKeysOf(builder.texts, builder.phonetic),
    identifiers: buildIdentifiers(lists),
    weightUnknown: tokenWeight(1, nameCount, "word"),
  };
}
