// Importer for OFAC's ENHANCED XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML): entities with names
// and translations, features (birth date, nationality, SWIFT/BIC, IMO…) and identity documents.
import { fail, ok } from "../../lib/index.js";
import { listEntitiesMax } from "../../limits.js";
import {
  countryCode, type EntityKind, type EntityName, type Identifier, type IdentifierScheme,
  type ListEntity, type SanctionsList,
} from "../../screening/index.js";
import { distinct, nodes, path, text, type ImportResult, type XmlNode } from "./parse-tools.js";

function kindOf(type: string): EntityKind {
  const t = type.toLowerCase();
  if (t === "individual") return "person";
  if (t === "vessel") return "vessel";
  if (t === "aircraft") return "aircraft";
  return "organisation";
}

function namesOf(entity: XmlNode): EntityName[] {
  const out: EntityName[] = [];
  for (const name of path(entity, "names", "name")) {
    const primary = text(name, "isPrimary") === "true";
    const alias = text(name, "aliasType").toUpperCase();
    const weak = text(name, "isLowQuality") === "true";
    for (const translation of path(name, "translations", "translation")) {
      const full = text(translation, "formattedFullName");
      if (full.length === 0) continue;
      out.push({ full, weak, kind: primary ? "primary" : alias === "F.K.A." ? "former" : "alias" });
    }
  }
  // The primary Latin name first.
  return out.sort((a, b) => Number(b.kind === "primary") - Number(a.kind === "primary"));
}

const featureSchemes: readonly [RegExp, IdentifierScheme][] = [
  [/SWIFT\/BIC/i, "bic"], [/IMO/i, "imo"], [/LEI|Legal Entity/i, "lei"],
];

function featuresOf(entity: XmlNode, facts: { ids: Identifier[]; births: string[];
  countries: string[] }): void {
  for (const feature of path(entity, "features", "feature")) {
    const type = text(feature, "type");
    const value = text(feature, "value");
    if (/^Birthdate$/i.test(type)) {
      const begin = text(path(feature, "valueDate")[0], "fromDateBegin");
      const end = text(path(feature, "valueDate")[0], "toDateEnd");
      facts.births.push(begin.slice(0, 4) === end.slice(0, 4) && begin.slice(5) === "01-01" &&
        end.slice(5) === "12-31" ? begin.slice(0, 4) : begin.slice(0, 10));
    } else if (/Nationality|Citizenship|Registration Country/i.test(type)) {
      facts.countries.push(countryCode(value) ?? "");
    }
    for (const [pattern, scheme] of featureSchemes) {
      if (pattern.test(type) && value.length > 0) {
        facts.ids.push({ scheme, value, label: type });
        break;
      }
    }
  }
}

function documentScheme(type: string): IdentifierScheme {
  if (/passport/i.test(type)) return "passport";
  if (/tax/i.test(type)) return "tax";
  if (/registration|gazette|license/i.test(type)) return "registration";
  if (/national|cedula|identification/i.test(type)) return "national-id";
  return "other";
}

function entityOf(entity: XmlNode): ListEntity {
  const facts = { ids: [] as Identifier[], births: [] as string[], countries: [] as string[] };
  featuresOf(entity, facts);
  for (const doc of path(entity, "identityDocuments", "identityDocument")) {
    const type = text(doc, "type");
    const country = countryCode(text(doc, "issuingCountry"));
    facts.ids.push({ scheme: documentScheme(type), value: text(doc, "documentNumber"), label: type,
      ...(country === undefined ? {} : { country }) });
  }
  const addresses = path(entity, "addresses", "address");
  for (const address of addresses) {
    facts.countries.push(countryCode(text(address, "country")) ?? "");
  }
  const addressTexts = addresses.map((a) => path(a, "translations", "translation")
    .flatMap((t) => path(t, "addressParts", "addressPart").map((p) => text(p, "value")))
    .concat(text(a, "country")).filter((p) => p.length > 0).join(", "));
  const remarks = text(entity, "remarks");
  return {
    id: text(entity, "@_id"), kind: kindOf(text(path(entity, "generalInfo")[0], "entityType")),
    names: namesOf(entity), identifiers: facts.ids.filter((i) => i.value.length > 0),
    countries: distinct(facts.countries), addresses: distinct(addressTexts),
    birthDates: distinct(facts.births),
    programmes: distinct(path(entity, "sanctionsPrograms", "sanctionsProgram").map((p) => text(p))),
    ...(remarks.length > 0 ? { remarks } : {}),
  };
}

/** Imports a parsed ENHANCED XML document (SDN or consolidated list). */
export function importOfacXml(doc: unknown, location: string): ImportResult<SanctionsList> {
  const root = nodes(doc, "sanctionsData")[0];
  if (root === undefined) {
    return fail("unknown-format", location, "Cannot import OFAC XML: no <sanctionsData> root");
  }
  const info = nodes(root, "publicationInfo")[0];
  const version = text(info, "dataAsOf").slice(0, 10);
  const listNames = path(info, "filters", "sanctionsLists", "sanctionsList").map((n) => text(n));
  const cons = listNames.some((n) => /consolidated/i.test(n)) &&
    !listNames.some((n) => /^SDN List$/i.test(n));
  const entities = path(root, "entities", "entity").slice(0, listEntitiesMax).map(entityOf);
  return ok({
    id: cons ? "ofac-cons" : "ofac-sdn",
    title: cons ? "OFAC Consolidated (non-SDN) List" : "OFAC Specially Designated Nationals",
    format: "ofac-sdn-xml", version: version.length > 0 ? version : "unknown", entities,
  });
}
