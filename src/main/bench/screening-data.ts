// Data for the screening bench: every list in ../shared/testdata/sanctions loaded through the
// importers, the labelled benchmark names, generated name variants, and a 10x synthetic list.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseListFile, parseNamesCsv, type NameRow } from "../../adapters/index.js";
import { seededRandom } from "../../lib/index.js";
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

/**
 * Grows the lists `factor` times with synthetic entities: each entity is copied with all its
 * names, and each distinct word of its names is replaced once for the whole entity (its
 * aliases keep sharing words, as real aliases do): the first word by a new word made of the
 * front of one listed word and the back of another ("kuzmenko" + "petrov" -> "kuzmrov") at
 * `newWordRate`, else by a listed word; each later word by a listed word half of the time.
 * Listed words are drawn by frequency, so common words stay common. Ids are marked "syn-".
 */
function blend(front: string, back: string): string {
  return front.slice(0, Math.ceil(front.length / 2)) + back.slice(Math.floor(back.length / 2));
}

/**
 * New first words per synthetic entity. Calibrated on the real lists' own growth: from a 10%
 * entity sample to all of them (10x), the benchmark's query tokens' similar-token sets grow
 * 3.8x (mean 3.1 -> 11.9; 2.25x from 25%, the same exponent); at 0.7 the 10x list gives the
 * same 3.8x (mean 45.7). A new word for every name, as before, gave 4.6x with 7.1x the names.
 */
const newWordRate = 0.7;

export function grownLists(lists: readonly SanctionsList[], factor: number): SanctionsList[] {
  const random = seededRandom(7);
  const words = lists.flatMap((l) => l.entities.flatMap((e) => (e.names[0]?.full ?? "")
    .split(/[\s,]+/).filter((w) => w.length > 2)));
  const pick = (): string => words[Math.floor(random() * words.length)] ?? "x";
  const respell = (entity: ListEntity): ListEntity["names"] => {
    const replaced = new Map<string, string>();
    const replace = (word: string, at: number): string => {
      const key = word.toLowerCase();
      let other = replaced.get(key);
      if (other === undefined) {
        if (at === 0) other = random() < newWordRate ? blend(pick(), pick()) : pick();
        else other = random() < 0.5 ? pick() : word;
        replaced.set(key, other);
      }
      return other;
    };
    return entity.names.map((n) => ({ ...n, full: n.full.split(/[\s,]+/).map(replace).join(" ") }));
  };
  const synthetic: SanctionsList[] = [];
  for (let copy = 1; copy < factor; copy += 1) {
    for (const list of lists) {
      const entities = list.entities.map((e) => ({ ...e, id: `syn-${copy}-${e.id}`,
        names: respell(e) }));
      synthetic.push({ ...list, id: `${list.id}-syn${copy}`, entities });
    }
  }
  return [...lists, ...synthetic];
}
