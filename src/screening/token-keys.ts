// The index's lookup keys for listed tokens (exact text, phonetic key, single deletions, prefix)
// held without strings: each key is hashed to 32 bits and the token ids under it are chained in
// flat arrays. Two keys that share a hash share a chain; that only adds candidates, which the
// caller checks by similarity (and an exact lookup by text). On the 10x list a map of 873,566
// key strings to small typed arrays took 226 MB; these arrays take about 30 MB.
import { assert } from "../lib/index.js";

/** What a key is made of: the token itself, its phonetic key, a deletion, its 5-letter prefix. */
export type TokenKeyKind = "t" | "p" | "d" | "x";

const kindSeed: Record<TokenKeyKind, number> = {
  t: 0x811c9dc5, p: 0x050c5d1f, d: 0x2b5b3c4d, x: 0x6e8f1a37,
};

export interface TokenKeys {
  /** Per slot (a power of two of them): the key hash held there, and the head of its chain. */
  readonly slotHashes: Int32Array;
  /** 1 + the first link of the slot's chain; 0 for a free slot. */
  readonly slotHeads: Int32Array;
  /** Per link: a token id, and 1 + the next link (0 ends the chain). */
  readonly linkIds: Int32Array;
  readonly linkNext: Int32Array;
  /** Distinct key hashes. */
  readonly size: number;
}

/** FNV-1a of a key's text, seeded by its kind. */
export function keyHash(kind: TokenKeyKind, text: string): number {
  let hash = kindSeed[kind];
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash | 0;
}

/** The slot for `hash`: the one holding it, or the free one where it would go. */
function slotOf(keys: Pick<TokenKeys, "slotHashes" | "slotHeads">, hash: number): number {
  const mask = keys.slotHeads.length - 1;
  // The top bits of a multiplicative hash: a power of two of slots has 31 - clz32 bits.
  let slot = Math.imul(hash, 0x9e3779b1) >>> (Math.clz32(mask + 1) + 1);
  // At most half the slots are taken, so a free one ends every probe.
  while (keys.slotHeads[slot] !== 0 && keys.slotHashes[slot] !== hash) slot = (slot + 1) & mask;
  return slot;
}

/**
 * Builds the keys of `count` tokens: `keysOf(id, add)` calls `add` once per key of token `id`.
 * Links are added in token order and each chain is kept in that order.
 */
export function buildTokenKeys(count: number,
  keysOf: (id: number, add: (kind: TokenKeyKind, text: string) => void) => void): TokenKeys {
  const hashes: number[] = [];
  const ids: number[] = [];
  for (let id = 0; id < count; id += 1) {
    keysOf(id, (kind, text) => {
      hashes.push(keyHash(kind, text));
      ids.push(id);
    });
  }
  let slotCount = 64;
  while (slotCount < 2 * hashes.length) slotCount *= 2;
  const keys = { slotHashes: new Int32Array(slotCount), slotHeads: new Int32Array(slotCount),
    linkIds: Int32Array.from(ids), linkNext: new Int32Array(ids.length) };
  const tails = new Int32Array(slotCount);
  let size = 0;
  hashes.forEach((hash, link) => {
    const slot = slotOf(keys, hash);
    if (keys.slotHeads[slot] === 0) {
      keys.slotHashes[slot] = hash;
      keys.slotHeads[slot] = link + 1;
      size += 1;
    } else {
      keys.linkNext[(tails[slot] as number) - 1] = link + 1;
    }
    tails[slot] = link + 1;
  });
  return { ...keys, size };
}

/** Calls `visit` with each token id under a key (and any key sharing its hash), in order. */
export function visitKeyIds(keys: TokenKeys, key: { kind: TokenKeyKind; text: string },
  visit: (id: number) => void): void {
  const hash = keyHash(key.kind, key.text);
  const slot = slotOf(keys, hash);
  let link = keys.slotHeads[slot] as number;
  let steps = 0;
  while (link !== 0) {
    visit(keys.linkIds[link - 1] as number);
    link = keys.linkNext[link - 1] as number;
    steps += 1;
    assert(steps <= keys.linkIds.length, "a key's chain ends");
  }
}
