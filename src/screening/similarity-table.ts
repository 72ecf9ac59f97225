// The query's similar listed tokens: by listed token id, an entry that holds its similarity to
// each query token. Tokens are numbered by phonetic key, so a query's similar tokens sit close
// together in the array by id (a hash sized to the query measured ~10% slower on the 10x list).
import { assert } from "../lib/index.js";
import { screeningTokensPerNameMax } from "../limits.js";

/** Similarities per entry at most: one per query slot. */
const strideMax = screeningTokensPerNameMax;

export interface SimilarityTable {
  /** By listed token id: 1 + its entry, 0 when similar to no query token. */
  readonly entryOf: Int32Array;
  /** Per entry: its token id, and the most it adds for any query token (sim^3 x weight). */
  entryIds: Int32Array;
  entryGains: Float64Array;
  /** Per entry and query slot: the similarity (0: not similar), `stride` per entry. */
  sims: Float32Array;
  /** The query's token count. */
  stride: number;
  entryCount: number;
  /** Bits by token id modulo 2^16 set for the entries: 8 KB, a test cheaper than a probe. */
  readonly bits: Uint32Array;
}

/** A table for an index of `tokenCount` listed tokens. */
export function createSimilarityTable(tokenCount: number): SimilarityTable {
  assert(tokenCount >= 0, "an index has a non-negative number of tokens");
  return { entryOf: new Int32Array(tokenCount), entryIds: new Int32Array(32),
    entryGains: new Float64Array(32), sims: new Float32Array(32 * strideMax), stride: 1,
    entryCount: 0, bits: new Uint32Array(2048) };
}

/** Sizes an empty table for a query of `stride` tokens with up to `entriesMax` entries. */
export function sizeTable(table: SimilarityTable, sizes: { entriesMax: number; stride: number }):
  void {
  const { entriesMax, stride } = sizes;
  assert(table.entryCount === 0, "only an empty table is sized");
  assert(entriesMax >= 0, "a table holds a non-negative number of entries");
  assert(stride >= 1 && stride <= strideMax, "a query has 1 to 16 tokens");
  table.stride = stride;
  if (entriesMax > table.entryIds.length) {
    table.entryIds = new Int32Array(entriesMax);
    table.entryGains = new Float64Array(entriesMax);
    table.sims = new Float32Array(entriesMax * strideMax);
  }
  assert(table.entryIds.length >= entriesMax, "the table has room for every entry");
}

/** Empties the table (its entries and bits). */
export function clearTable(table: SimilarityTable): void {
  for (let entry = 0; entry < table.entryCount; entry += 1) {
    const id = table.entryIds[entry] as number;
    table.bits[(id >> 5) & 2047] = 0;
    table.entryOf[id] = 0;
  }
  table.entryCount = 0;
}

/** The entry of a listed token, or -1 when it is similar to no query token. */
export function entryOf(table: SimilarityTable, id: number): number {
  return (table.entryOf[id] ?? 0) - 1;
}

/**
 * Records the listed tokens similar to query slot `slot`, with their similarities and gains
 * (similarity cubed x weight: an entry keeps its largest over the query's tokens). A token new
 * to the table gets the next entry, similar to no other slot yet.
 */
export function addSimilar(table: SimilarityTable, slot: number, similar: {
  readonly similarIds: Int32Array; readonly similarSims: Float32Array;
  readonly similarGains: Float64Array;
}): void {
  const { stride, entryOf: entries, entryIds, entryGains, sims, bits } = table;
  assert(slot >= 0 && slot < stride, "a query slot is in the table");
  const { similarIds, similarSims, similarGains } = similar;
  let count = table.entryCount;
  assert(count + similarIds.length <= entryIds.length, "the table was sized for every entry");
  for (let s = 0; s < similarIds.length; s += 1) {
    const id = similarIds[s] as number;
    // An id outside the index reads as new and then fails the assertion below.
    let entry = (entries[id] ?? 0) - 1;
    if (entry < 0) {
      assert(id >= 0 && id < entries.length, "a similar token is a listed token");
      entry = count;
      count += 1;
      entries[id] = count;
      entryIds[entry] = id;
      entryGains[entry] = 0;
      for (let q = entry * stride; q < entry * stride + stride; q += 1) sims[q] = 0;
      bits[(id >> 5) & 2047] = (bits[(id >> 5) & 2047] as number) | (1 << (id & 31));
    }
    sims[entry * stride + slot] = similarSims[s] as number;
    const gain = similarGains[s] as number;
    if (gain > (entryGains[entry] as number)) entryGains[entry] = gain;
  }
  table.entryCount = count;
}

/** The similarity of listed token `id` to query slot `slot` (0 when not similar). */
export function similarityOf(table: SimilarityTable, id: number, slot: number): number {
  const entry = entryOf(table, id);
  return entry < 0 ? 0 : table.sims[entry * table.stride + slot] as number;
}
