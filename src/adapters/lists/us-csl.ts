// Importer for the US Consolidated Screening List CSV (trade.gov): one row per entry with
// source list, programmes, alt_names, dates of birth, nationalities and ids in columns.
import { fail, ok } from "../../lib/index.js";
import { listEntitiesMax } from "../../limits.js";
import {
  countryCode, type EntityKind, type Identifier, type ListEntity, type SanctionsList,
} from "../../screening/index.js";
import { distinct, isoDates, parseCsv, type ImportResult } from "./parse-tools.js";

function kindOf(type: string): EntityKind {
  const t = type.toLowerCase();
  if (t === "individual") return "person";
  if (t === "entity") return "organisation";
  if (t === "vessel") return "vessel";
  if (t === "aircraft") return "aircraft";
  return "unknown";
}

function identifiersOf(ids: string): Identifier[] {
  // "US, 80-0890696, Tax ID No.; RU, 1027700132195, Registration Number"
  return ids.split(";").map((part) => part.split(",").map((p) => p.trim()))
    .filter((p) => (p[1] ?? "").length > 0).map(([country, value, label]) => {
      const l = label ?? "";
      const scheme = /swift|bic/i.test(l) ? "bic" as const : /imo/i.test(l) ? "imo" as const
        : /passport/i.test(l) ? "passport" as const : /tax/i.test(l) ? "tax" as const
          : /registration/i.test(l) ? "registration" as const : "other" as const;
      const code = countryCode(country ?? "");
      return { scheme, value: value ?? "", label: l,
        ...(code === undefined ? {} : { country: code }) };
    });
}

/** Imports the CSL CSV; entity ids are the source's number, else the row's position. */
export function importUsCsl(textContent: string, location: string, version: string):
  ImportResult<SanctionsList> {
  const rows = parseCsv(textContent, location);
  if (!rows.ok) return rows;
  const header = rows.value[0] ?? [];
  const col = (name: string): number => header.indexOf(name);
  if (col("name") < 0 || col("source") < 0) {
    return fail("unknown-format", `${location}:1`, "Cannot import CSL: no name or source column");
  }
  const get = (row: string[], name: string): string => (row[col(name)] ?? "").trim();
  const entities: ListEntity[] = rows.value.slice(1, listEntitiesMax + 1).map((row) => ({
    id: get(row, "entity_number") || `${/\(([A-Z]+)\)/.exec(get(row, "source"))?.[1] ?? "CSL"}:${
      get(row, "name").toLowerCase()}`,
    kind: kindOf(get(row, "type")),
    names: [{ full: get(row, "name"), kind: "primary" as const, weak: false },
      ...get(row, "alt_names").split(";").map((n) => ({ full: n.trim(), kind: "alias" as const,
        weak: false }))].filter((n) => n.full.length > 0),
    identifiers: identifiersOf(get(row, "ids")),
    countries: distinct([...get(row, "nationalities").split(/[;,]/),
      ...get(row, "citizenships").split(/[;,]/)].map((c) => countryCode(c) ?? "")),
    addresses: distinct(get(row, "addresses").split(";")),
    birthDates: isoDates(get(row, "dates_of_birth")),
    programmes: distinct([get(row, "source").split(" - ")[0] ?? "", ...get(row, "programs")
      .split(";")]),
  }));
  const seen = new Map<string, number>();
  const unique = entities.map((e) => {
    const n = (seen.get(e.id) ?? 0) + 1;
    seen.set(e.id, n);
    return n === 1 ? e : { ...e, id: `${e.id}#${n}` };
  });
  return ok({ id: "us-csl", title: "US Consolidated Screening List", format: "us-csl", version,
    entities: unique });
}
