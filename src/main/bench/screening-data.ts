// Data for the screening bench: every list in ../shared/testdata/sanctions loaded through the
// importers, the labelled benchmark names, generated name variants, and a 10x synthetic list.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseListFile, parseNamesCsv, type NameRow } from "../../adapters/index.js";
import type { ListEntity, SanctionsList } from "../../screening/index.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The shared test data, beside the repository (src/main/bench or dist/main/bench). */
export const sanctionsTestdata = resolve(here, "..", "..", "..", "..", "shared", "testdata",
  "sanctions");

const listFiles = [
  "ofac-sdn-csv-2018/sdn.csv", "ofac-cons-csv/cons_prim.csv",
  "ofac-cons-enhanced-xml/CONS_ENHANCED.ZIP", "un/UN_consolidated.xml",
  "opensanctions-ftm/eu_fsf_entities.ftm.json", "us-csl/csl.csv",
];

/** Loads every list file in the test data; the same list from two files keeps both. */
export function loadTestLists(root: string): SanctionsList[] {
  return listFiles.flatMap((file) => {
    const path = join(root, file);
    const parsed = parseListFile(path, readFileSync(path), { format: "auto",
      readSibling: (name) => {
        const sibling = join(dirname(path), name);
        return existsSync(sibling) ? readFileSync(sibling) : undefined;
      } });
    if (!parsed.ok) throw new Error(`Cannot load ${file}: ${parsed.problems[0]?.message ?? ""}`);
    // The CSV and XML consolidated lists share an id: keep them apart in the bench.
    return parsed.value.map((list) => ({ ...list, id: `${list.id}:${list.format}` }));
  });
}

export function loadBenchmarkNames(root: string, file: string): NameRow[] {
  const path = join(root, "screening-benchmark", file);
  const parsed = parseNamesCsv(readFileSync(path, "utf8"), path);
  if (!parsed.ok) throw new Error(`Cannot load ${file}: ${parsed.problems[0]?.message ?? ""}`);
  return parsed.value;
}

export function benchmarkFiles(root: string): string[] {
  return existsSync(join(root, "screening-benchmark"))
    ? readdirSync(join(root, "screening-benchmark")) : [];
}

/** A deterministic generator (mulberry32) so every run builds the same variants. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Grows the lists `factor` times with synthetic entities: each name keeps some real tokens,
 * takes others from other listed names, and has one new word made of the front of one listed
 * word and the back of another ("kuzmenko" + "petrov" -> "kuzmrov"), as new people and
 * companies bring both familiar and new words. Ids are marked "syn-".
 */
function blend(front: string, back: string): string {
  return front.slice(0, Math.ceil(front.length / 2)) + back.slice(Math.floor(back.length / 2));
}

export function grownLists(lists: readonly SanctionsList[], factor: number): SanctionsList[] {
  const random = seeded(7);
  const words = lists.flatMap((l) => l.entities.flatMap((e) => (e.names[0]?.full ?? "")
    .split(/[\s,]+/).filter((w) => w.length > 2)));
  const pick = (): string => words[Math.floor(random() * words.length)] ?? "x";
  const synthetic: SanctionsList[] = [];
  for (let copy = 1; copy < factor; copy += 1) {
    for (const list of lists) {
      const entities: ListEntity[] = list.entities.map((e) => ({
        ...e, id: `syn-${copy}-${e.id}`,
        names: e.names.slice(0, 3).map((n) => ({ ...n, full: n.full.split(/[\s,]+/)
          .map((w, i) => (i === 0 ? blend(pick(), pick()) : random() < 0.5 ? pick() : w))
          .join(" ") })),
      }));
      synthetic.push({ ...list, id: `${list.id}-syn${copy}`, entities });
    }
  }
  return [...lists, ...synthetic];
}
