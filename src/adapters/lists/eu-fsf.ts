// Importer for the EU Financial Sanctions Files consolidated XML (export / sanctionEntity with
// nameAlias, citizenship, birthdate, identification and address elements as attributes).
import { fail, ok } from "../../lib/index.js";
import {
  countryCode, type EntityKind, type Identifier, type IdentifierScheme, type ListEntity,
  type SanctionsList,
} from "../../screening/index.js";
import { distinct, nodes, text, type ImportResult, type XmlNode } from "./parse-tools.js";

function kindOf(code: string): EntityKind {
  if (code === "person") return "person";
  if (code === "enterprise") return "organisation";
  return "unknown";
}

function schemeOf(code: string, description: string): IdentifierScheme {
  const both = `${code} ${description}`.toLowerCase();
  if (both.includes("swift") || both.includes("bic")) return "bic";
  if (both.includes("imo")) return "imo";
  if (both.includes("passport")) return "passport";
  if (both.includes("regnumber") || both.includes("registration")) return "registration";
  if (both.includes("fiscal") || both.includes("tax")) return "tax";
  if (both.includes("id")) return "national-id";
  return "other";
}

function country(node: XmlNode): string {
  const iso = text(node, "@_countryIso2Code").toLowerCase();
  if (/^[a-z]{2}$/.test(iso) && iso !== "00") return iso;
  return countryCode(text(node, "@_countryDescription")) ?? "";
}

function entityOf(node: XmlNode): ListEntity {
  const names = nodes(node, "nameAlias").map((alias, i) => ({
    full: text(alias, "@_wholeName") || [text(alias, "@_firstName"), text(alias, "@_middleName"),
      text(alias, "@_lastName")].filter((p) => p.length > 0).join(" "),
    kind: i === 0 ? "primary" as const : "alias" as const,
    weak: text(alias, "@_strong") === "false",
  })).filter((n) => n.full.length > 0);
  const identifiers: Identifier[] = nodes(node, "identification").map((id) => {
    const code = country(id);
    return { scheme: schemeOf(text(id, "@_identificationTypeCode"),
      text(id, "@_identificationTypeDescription")), value: text(id, "@_number"),
    label: text(id, "@_identificationTypeDescription"), ...(code === "" ? {} : { country: code }) };
  }).filter((i) => i.value.length > 0);
  const births = nodes(node, "birthdate").map((b) => text(b, "@_birthdate") || text(b, "@_year"));
  const addresses = nodes(node, "address").map((a) => ["@_street", "@_city", "@_countryDescription"]
    .map((k) => text(a, k)).filter((p) => p.length > 0).join(", "));
  return {
    id: text(node, "@_euReferenceNumber") || text(node, "@_logicalId"),
    kind: kindOf(text(nodes(node, "subjectType")[0], "@_code")), names, identifiers,
    countries: distinct([...nodes(node, "citizenship"), ...nodes(node, "address")].map(country)),
    addresses: distinct(addresses), birthDates: distinct(births),
    programmes: distinct(nodes(node, "regulation").map((r) => text(r, "@_programme"))),
  };
}

/** Imports a parsed EU FSF consolidated XML file. */
export function importEuFsf(doc: unknown, location: string): ImportResult<SanctionsList> {
  const root = nodes(doc, "export")[0];
  if (root === undefined) {
    return fail("unknown-format", location, "Cannot import EU FSF list: no <export> root");
  }
  const version = text(root, "@_generationDate").slice(0, 10);
  return ok({ id: "eu-fsf", title: "EU Financial Sanctions Files (consolidated)",
    format: "eu-fsf", version: version.length > 0 ? version : "unknown",
    entities: nodes(root, "sanctionEntity").map(entityOf) });
}
