// Importer for the UN Security Council Consolidated List XML (CONSOLIDATED_LIST with
// INDIVIDUALS and ENTITIES; names in up to four parts, aliases with a quality, documents).
import { fail, ok } from "../../lib/index.js";
import {
  countryCode, type EntityName, type Identifier, type ListEntity, type SanctionsList,
} from "../../screening/index.js";
import { distinct, nodes, path, text, type ImportResult, type XmlNode } from "./parse-tools.js";

function namesOf(node: XmlNode, aliasTag: string): EntityName[] {
  const parts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
    .map((k) => text(node, k));
  const names: EntityName[] = [{ full: parts.filter((p) => p.length > 0).join(" "),
    kind: "primary", weak: false }];
  const original = text(node, "NAME_ORIGINAL_SCRIPT");
  if (original.length > 0) names.push({ full: original, kind: "alias", weak: false });
  for (const alias of nodes(node, aliasTag)) {
    const full = text(alias, "ALIAS_NAME");
    if (full.length === 0) continue;
    names.push({ full, kind: "alias", weak: /low/i.test(text(alias, "QUALITY")) });
  }
  return names.filter((n) => n.full.length > 0);
}

function birthDatesOf(node: XmlNode): string[] {
  return nodes(node, "INDIVIDUAL_DATE_OF_BIRTH").flatMap((d) => {
    const date = text(d, "DATE");
    if (date.length > 0) return [date.slice(0, 10)];
    const year = text(d, "YEAR");
    if (year.length > 0) return [year];
    const from = Number(text(d, "FROM_YEAR"));
    const to = Number(text(d, "TO_YEAR"));
    if (from > 0 && to >= from && to - from <= 20) {
      return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
    }
    return [];
  });
}

function entityOf(node: XmlNode, person: boolean): ListEntity {
  const prefix = person ? "INDIVIDUAL" : "ENTITY";
  const countries = [
    ...path(node, "NATIONALITY", "VALUE").map((v) => text(v)),
    ...nodes(node, `${prefix}_ADDRESS`).map((a) => text(a, "COUNTRY")),
  ].map((c) => countryCode(c) ?? "");
  const identifiers: Identifier[] = nodes(node, "INDIVIDUAL_DOCUMENT")
    .filter((d) => text(d, "NUMBER").length > 0)
    .map((d) => {
      const type = text(d, "TYPE_OF_DOCUMENT");
      const country = countryCode(text(d, "ISSUING_COUNTRY"));
      return { scheme: /passport/i.test(type) ? "passport" as const : "national-id" as const,
        value: text(d, "NUMBER"), label: type, ...(country === undefined ? {} : { country }) };
    });
  const addresses = nodes(node, `${prefix}_ADDRESS`).map((a) =>
    ["STREET", "CITY", "STATE_PROVINCE", "COUNTRY"].map((k) => text(a, k))
      .filter((p) => p.length > 0).join(", "));
  const remarks = text(node, "COMMENTS1");
  return {
    id: text(node, "DATAID"), kind: person ? "person" : "organisation",
    names: namesOf(node, `${prefix}_ALIAS`), identifiers, countries: distinct(countries),
    addresses: distinct(addresses), birthDates: distinct(person ? birthDatesOf(node) : []),
    programmes: distinct([text(node, "UN_LIST_TYPE")]),
    ...(remarks.length > 0 ? { remarks } : {}),
  };
}

/** Imports a parsed UN SC consolidated list. */
export function importUnXml(doc: unknown, location: string): ImportResult<SanctionsList> {
  const root = nodes(doc, "CONSOLIDATED_LIST")[0];
  if (root === undefined) {
    return fail("unknown-format", location, "Cannot import UN list: no <CONSOLIDATED_LIST> root");
  }
  const entities = [
    ...path(root, "INDIVIDUALS", "INDIVIDUAL").map((n) => entityOf(n, true)),
    ...path(root, "ENTITIES", "ENTITY").map((n) => entityOf(n, false)),
  ];
  const version = text(root, "@_dateGenerated").slice(0, 10);
  return ok({ id: "un-sc", title: "UN Security Council Consolidated List", format: "un-sc",
    version: version.length > 0 ? version : "unknown", entities });
}
