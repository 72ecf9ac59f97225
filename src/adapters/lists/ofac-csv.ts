// Importer for OFAC's legacy CSV set: sdn.csv (or cons_prim.csv) with its companions add.csv,
// alt.csv and sdn_comments.csv (cons_add/cons_alt/cons_comments). "-0-" marks an empty field.
import { ok } from "../../lib/index.js";
import { listEntitiesMax } from "../../limits.js";
import {
  countryCode, type EntityKind, type EntityName, type ListEntity, type SanctionsList,
} from "../../screening/index.js";
import { readOfacRemarks } from "./ofac-remarks.js";
import { distinct, parseCsv, type ImportResult } from "./parse-tools.js";

export interface OfacCsvFiles {
  /** sdn.csv or cons_prim.csv. */
  readonly primary: { readonly name: string; readonly text: string };
  readonly add?: string;
  readonly alt?: string;
  readonly comments?: string;
}

function value(field: string | undefined): string {
  const v = (field ?? "").trim();
  return v === "-0-" ? "" : v;
}

function kindOf(type: string): EntityKind {
  switch (type.toLowerCase()) {
    case "individual": return "person";
    case "vessel": return "vessel";
    case "aircraft": return "aircraft";
    default: return "organisation";
  }
}

function byEntity(
  text: string | undefined,
  location: string,
): ImportResult<Map<string, string[][]>> {
  const out = new Map<string, string[][]>();
  if (text === undefined) return ok(out);
  const rows = parseCsv(text, location);
  if (!rows.ok) return rows;
  for (const row of rows.value) {
    const id = value(row[0]);
    const list = out.get(id) ?? [];
    list.push(row);
    out.set(id, list);
  }
  return ok(out);
}

/** Imports the legacy CSV set into one list ("ofac-sdn" or "ofac-cons"). */
export function importOfacCsv(files: OfacCsvFiles, version: string): ImportResult<SanctionsList> {
  const where = files.primary.name;
  const rows = parseCsv(files.primary.text, where);
  if (!rows.ok) return rows;
  const add = byEntity(files.add, `${where} (add)`);
  const alt = byEntity(files.alt, `${where} (alt)`);
  const comments = byEntity(files.comments, `${where} (comments)`);
  if (!add.ok) return add;
  if (!alt.ok) return alt;
  if (!comments.ok) return comments;
  const entities: ListEntity[] = [];
  for (const row of rows.value.slice(0, listEntitiesMax)) {
    const id = value(row[0]);
    if (!/^\d+$/.test(id)) continue;
    const more = (comments.value.get(id) ?? []).map((r) => value(r[1])).join("");
    const remarks = value(row[11]) + more;
    const facts = readOfacRemarks(remarks);
    const names: EntityName[] = [{ full: value(row[1]), kind: "primary", weak: false }];
    for (const a of alt.value.get(id) ?? []) {
      const type = value(a[2]).toLowerCase();
      names.push({ full: value(a[3]), kind: type === "fka" ? "former" : "alias", weak: false });
    }
    for (const weak of facts.weakAliases) names.push({ full: weak, kind: "alias", weak: true });
    const addresses = (add.value.get(id) ?? []).map((a) => [a[2], a[3], a[4]].map(value)
      .filter((p) => p.length > 0).join(", "));
    const countries = (add.value.get(id) ?? []).map((a) => countryCode(value(a[4])) ?? "");
    const flag = countryCode(value(row[9]));
    entities.push({
      id, kind: kindOf(value(row[2])), names: names.filter((n) => n.full.length > 0),
      identifiers: facts.identifiers,
      countries: distinct([...facts.countries, ...countries, flag ?? ""]),
      addresses: distinct(addresses), birthDates: facts.birthDates,
      programmes: distinct(value(row[3]).replace(/[[\]]/g, " ").split(/\s{2,}|\] \[|\s*;\s*/)
        .map((p) => p.trim())),
      ...(remarks.length > 0 ? { remarks } : {}),
    });
  }
  const cons = /cons/i.test(where);
  return ok({
    id: cons ? "ofac-cons" : "ofac-sdn",
    title: cons ? "OFAC Consolidated (non-SDN) List" : "OFAC Specially Designated Nationals",
    format: "ofac-csv", version, entities,
  });
}
