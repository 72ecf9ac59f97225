// Token similarity: Jaro-Winkler, a consonant-skeleton phonetic key (so "Mohammed", "Muhammad"
// and the Arabic-script "mhmd" meet) and single-deletion keys for typo-tolerant index lookups.
import { assert } from "../lib/index.js";

const jaroFlagsA = new Uint8Array(64);
const jaroFlagsB = new Uint8Array(64);

/** Jaro-Winkler similarity in [0,1] of two short strings (tokens, up to 64 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = Math.min(a.length, 64);
  const lb = Math.min(b.length, 64);
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  jaroFlagsA.fill(0, 0, la);
  jaroFlagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (jaroFlagsB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        jaroFlagsA[i] = 1;
        jaroFlagsB[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i += 1) {
    if (jaroFlagsA[i] === 0) continue;
    while (jaroFlagsB[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix += 1;
  const result = jaro + prefix * 0.1 * (1 - jaro);
  assert(result >= 0 && result <= 1.000001, "Jaro-Winkler lies in [0,1]");
  return Math.min(1, result);
}

// Letters that sound alike fold to one: c/k/q, z/s, v/w/f, ph is f; vowels, h, w, y vanish.
const soundOf: Record<string, string> = {
  a: "", e: "", i: "", o: "", u: "", y: "", h: "", w: "",
  b: "b", c: "k", d: "d", f: "f", g: "g", j: "j", k: "k", l: "l", m: "m", n: "n", p: "p",
  q: "k", r: "r", s: "s", t: "t", v: "f", x: "ks", z: "s",
};

/**
 * A consonant skeleton: the first letter kept (any vowel as "a", so "Ahmed" never meets
 * "Mohammed"), then consonants by sound with repeats collapsed across vowels.
 */
export function phoneticKey(token: string): string {
  // Russian transliteration writes Latin h and j as "kh" and "dzh" (Хасан, Джалал): "kh" is
  // an h, "dzh" a j, and a first "w" a v, so that names respelt through Cyrillic keep their key.
  const text = token.replace(/ph/g, "f").replace(/ck/g, "k").replace(/kh/g, "h")
    .replace(/dzh/g, "j").replace(/^w/, "v");
  const first = text.charAt(0);
  if (first === "") return "";
  const isVowel = "aeiou".includes(first);
  let key = isVowel ? "a" : (soundOf[first] ?? first) || first;
  let last = isVowel ? "" : key;
  for (let i = 1; i < text.length; i += 1) {
    const char = text.charAt(i);
    const sound = soundOf[char] ?? (char >= "0" && char <= "9" ? char : "");
    if (sound !== "" && sound !== last) key += sound;
    if (sound !== "") last = sound;
  }
  return key;
}

/** The token with each single character removed (SymSpell-style, edit distance 1). */
export function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i += 1) {
    const key = token.slice(0, i) + token.slice(i + 1);
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}

/**
 * Similarity of two tokens: Jaro-Winkler, raised to 0.93 when their phonetic keys are equal and
 * long enough to mean something; short unequal tokens are discounted (many 3-letter names are
 * one letter apart).
 */
export function tokenSimilarity(a: string, b: string): number {
  return tokenSimilarityKeyed({ text: a, key: phoneticKey(a) }, b);
}

/**
 * tokenSimilarity with the first token's phonetic key computed once, for one query token
 * compared with many listed ones; the second key is needed only below 0.93.
 */
export function tokenSimilarityKeyed(a: { readonly text: string; readonly key: string },
  b: string): number {
  if (a.text === b) return 1;
  let score = jaroWinkler(a.text, b);
  if (Math.max(a.text.length, b.length) <= 4) score *= 0.92;
  if (score < 0.93 && a.key.length >= 2 && a.key === phoneticKey(b)) score = 0.93;
  return score;
}
