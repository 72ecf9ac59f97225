// Screening quality on real data: recall and false hits on the labelled benchmark at several
// thresholds, and rank-1 rates for generated variants of listed names (typos, reordering,
// dropped tokens, legal-form changes, Cyrillic transliteration) and for listed aliases.
import type { Screener, SanctionsList } from "../../screening/index.js";
import type { NameRow } from "../../adapters/index.js";
import { seededRandom } from "../../lib/index.js";

export interface ThresholdQuality {
  readonly threshold: number;
  readonly recall: number;
  readonly falseHitRate: number;
}

export function thresholdQuality(
  screener: Screener,
  labelled: { positives: readonly NameRow[]; negatives: readonly NameRow[] },
  thresholds: readonly number[],
): ThresholdQuality[] {
  const best = (row: NameRow): number => screener.screenName(row.fullName, { threshold: 0.5,
    ...(row.birthDate === undefined ? {} : { birthDate: row.birthDate }),
    ...(row.nationality === undefined ? {} : { country: row.nationality }) })[0]?.score ?? 0;
  const positive = labelled.positives.map(best);
  const negative = labelled.negatives.map(best);
  return thresholds.map((threshold) => ({
    threshold,
    recall: positive.filter((s) => s >= threshold).length / Math.max(positive.length, 1),
    falseHitRate: negative.filter((s) => s >= threshold).length / Math.max(negative.length, 1),
  }));
}

// Latin to Cyrillic as a Russian clerk would write a name: digraphs first, then letters.
const cyrillicDigraphs: readonly [RegExp, string][] = [
  [/shch/g, "щ"], [/sh/g, "ш"], [/ch/g, "ч"], [/kh/g, "х"], [/zh/g, "ж"], [/ts/g, "ц"],
  [/ya/g, "я"], [/yu/g, "ю"], [/ye/g, "е"], [/yo/g, "ё"],
];
const cyrillic: Record<string, string> = {
  a: "а", b: "б", v: "в", g: "г", d: "д", e: "е", z: "з", i: "и", k: "к", l: "л", m: "м",
  n: "н", o: "о", p: "п", r: "р", s: "с", t: "т", u: "у", f: "ф", h: "х", c: "к", y: "й",
  j: "дж", w: "в", x: "кс", q: "к",
};

function toCyrillic(name: string): string {
  let text = name.toLowerCase();
  for (const [pattern, letter] of cyrillicDigraphs) text = text.replace(pattern, letter);
  return [...text].map((c) => cyrillic[c] ?? c).join("");
}

const legalForm =
  /^(LLC|LTD|LIMITED|INC|CO|SA|S\.A\.|JSC|CJSC|OJSC|PJSC|COMPANY|CORPORATION|GMBH)\.?$/i;

export type VariantKind = "typo" | "reorder" | "drop-token" | "legal-form" | "cyrillic" | "alias";

function variantOf(kind: VariantKind, name: string, random: () => number): string | undefined {
  const words = name.replace(/,/g, " ").split(/\s+/).filter((w) => w.length > 0);
  switch (kind) {
    case "typo": {
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a), "");
      if (longest.length < 5) return undefined;
      const at = 1 + Math.floor(random() * (longest.length - 3));
      const typo = longest.slice(0, at) + (longest[at + 1] ?? "") + (longest[at] ?? "") +
        longest.slice(at + 2);
      return words.map((w) => (w === longest ? typo : w)).join(" ");
    }
    case "reorder": return words.length >= 2 ? [...words].reverse().join(" ") : undefined;
    case "drop-token": return words.length >= 4 ? words.filter((_, i) => i !== 1).join(" ")
      : undefined;
    case "legal-form": return `${words.filter((w) => !legalForm.test(w)).join(" ")} Ltd`;
    case "cyrillic": return /^[A-Za-z\s-]+$/.test(name) ? toCyrillic(name) : undefined;
    case "alias": return undefined;
  }
}

export interface VariantQuality {
  readonly kind: VariantKind;
  readonly cases: number;
  /** The right entity is the first hit (or tied with the first). */
  readonly rank1: number;
  /** The right entity is among the hits at the threshold. */
  readonly recall: number;
}

function rankOf(screener: Screener, query: string, want: { list: string; id: string;
  threshold: number }): { rank1: boolean; found: boolean } {
  const hits = screener.screenName(query, { threshold: want.threshold, hitsMax: 20 });
  const at = hits.findIndex((h) => h.list === want.list && h.entityId === want.id);
  return { found: at >= 0, rank1: at >= 0 && hits[at]?.score === hits[0]?.score };
}

/** Rank-1 and recall rates for generated variants of a deterministic sample of entities. */
export function variantQuality(
  screener: Screener,
  lists: readonly SanctionsList[],
  options: { sample: number; threshold: number },
): VariantQuality[] {
  const random = seededRandom(42);
  const entities = lists.flatMap((list) => list.entities.map((entity) => ({ list, entity })))
    .filter(({ entity }) => (entity.names[0]?.full ?? "").split(/\s+/).length >= 2);
  const sample = Array.from({ length: Math.min(options.sample, entities.length) },
    () => entities[Math.floor(random() * entities.length)]).filter((e) => e !== undefined);
  const kinds: VariantKind[] = ["typo", "reorder", "drop-token", "legal-form", "cyrillic", "alias"];
  return kinds.map((kind) => {
    let cases = 0;
    let rank1 = 0;
    let found = 0;
    for (const { list, entity } of sample) {
      if (kind === "legal-form" && entity.kind !== "organisation") continue;
      const query = kind === "alias"
        ? entity.names.find((n, i) => i > 0 && !n.weak && n.full.split(/\s+/).length >= 2)?.full
        : variantOf(kind, entity.names[0]?.full ?? "", random);
      if (query === undefined) continue;
      const outcome = rankOf(screener, query, { list: list.id, id: entity.id,
        threshold: options.threshold });
      cases += 1;
      if (outcome.rank1) rank1 += 1;
      if (outcome.found) found += 1;
    }
    return { kind, cases, rank1: rank1 / Math.max(cases, 1), recall: found / Math.max(cases, 1) };
  });
}
