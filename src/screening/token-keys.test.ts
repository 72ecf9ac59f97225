// Tests for the string-free token key table: lookups by kind and text, chain order, and keys
// whose hashes collide sharing one chain (callers check candidates by text or similarity).
import { describe, expect, it } from "vitest";
import { buildTokenKeys, keyHash, visitKeyIds, type TokenKeyKind } from "./token-keys.js";

const texts = ["adam", "adamov", "edam", "zorin"];

function keysFor(tokens: readonly string[]) {
  return buildTokenKeys(tokens.length, (id, add) => {
    const text = tokens[id] ?? "";
    add("t", text);
    add("d", text.slice(1));
    add("x", text.slice(0, 3));
  });
}

function idsOf(tokens: readonly string[], kind: TokenKeyKind, text: string): number[] {
  const ids: number[] = [];
  visitKeyIds(keysFor(tokens), { kind, text }, (id) => ids.push(id));
  return ids;
}

describe("token keys", () => {
  it("finds the tokens under a key of a given kind, in token order", () => {
    expect(idsOf(texts, "t", "adamov")).toEqual([1]);
    expect(idsOf(texts, "d", "dam")).toEqual([0, 2]);
    expect(idsOf(texts, "x", "ada")).toEqual([0, 1]);
    // The same text under another kind is another key.
    expect(idsOf(texts, "x", "adamov")).toEqual([]);
    expect(idsOf(texts, "t", "nobody")).toEqual([]);
    expect(keysFor(texts).size).toBe(10);
  });

  it("lets keys whose hashes collide share one chain", () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; pair === undefined && n < 1_000_000; n += 1) {
      const text = n.toString(36);
      const hash = keyHash("t", text);
      const other = seen.get(hash);
      if (other !== undefined) pair = [other, text];
      seen.set(hash, text);
    }
    expect(pair).toBeDefined();
    const [first, second] = pair ?? ["", ""];
    expect(idsOf([first, "adam", second], "t", second)).toEqual([0, 2]);
  });
});
