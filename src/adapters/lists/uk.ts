// Importer for the UK Sanctions List XML (FCDO "Designations": names in parts Name1..Name6,
// IndividualEntityShip, regime, addresses, individual DOBs and nationalities, ship IMO numbers).
import { fail, ok } from "../../lib/index.js";
import {
  countryCode, type EntityKind, type EntityName, type Identifier, type ListEntity,
  type SanctionsList,
} from "../../screening/index.js";
import {
  distinct, isoDates, nodes, path, text, type ImportResult, type XmlNode,
} from "./parse-tools.js";

function kindOf(type: string): EntityKind {
  const t = type.toLowerCase();
  if (t === "individual") return "person";
  if (t === "entity") return "organisation";
  if (t === "ship") return "vessel";
  return "unknown";
}

function namesOf(node: XmlNode): EntityName[] {
  const names: EntityName[] = path(node, "Names", "Name").map((name) => ({
    full: ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"].map((k) => text(name, k))
      .filter((p) => p.length > 0).join(" "),
    kind: /^primary name$/i.test(text(name, "NameType")) ? "primary" as const : "alias" as const,
    weak: /low/i.test(text(name, "AliasStrength")),
  }));
  for (const other of path(node, "NonLatinNames", "NonLatinName")) {
    names.push({ full: text(other, "NameNonLatinScript"), kind: "alias", weak: false });
  }
  return names.filter((n) => n.full.length > 0)
    .sort((a, b) => Number(b.kind === "primary") - Number(a.kind === "primary"));
}

function entityOf(node: XmlNode): ListEntity {
  const individual = path(node, "IndividualDetails", "Individual");
  const identifiers: Identifier[] = [
    ...path(node, "ShipDetails", "Ship", "IMONumbers", "IMONumber")
      .map((n) => ({ scheme: "imo" as const, value: text(n) })),
    ...individual.flatMap((i) => path(i, "PassportDetails", "PassportDetail"))
      .map((p) => ({ scheme: "passport" as const, value: text(p, "PassportNumber") })),
    ...path(node, "EntityDetails", "Entity", "BusinessRegistrationNumbers",
      "BusinessRegistrationNumber")
      .map((n) => ({ scheme: "registration" as const, value: text(n) })),
  ].filter((i) => i.value.length > 0);
  const addresses = path(node, "Addresses", "Address");
  const countries = [
    ...individual.flatMap((i) => path(i, "Nationalities", "Nationality")).map((n) => text(n)),
    ...addresses.map((a) => text(a, "AddressCountry")),
  ].map((c) => countryCode(c) ?? "");
  const dobs = individual.flatMap((i) => path(i, "DOBs", "DOB")).flatMap((d) =>
    text(d).startsWith("dd/mm/") ? [text(d).slice(6)] : isoDates(text(d)));
  return {
    id: text(node, "UniqueID"), kind: kindOf(text(node, "IndividualEntityShip")),
    names: namesOf(node), identifiers, countries: distinct(countries),
    addresses: distinct(addresses.map((a) => Object.entries(a)
      .filter(([k]) => k.startsWith("Address"))
      .map(([, v]) => text(v)).filter((p) => p.length > 0).join(", "))),
    birthDates: distinct(dobs), programmes: distinct([text(node, "RegimeName")]),
  };
}

/** Imports a parsed UK Sanctions List XML file. */
export function importUk(doc: unknown, location: string): ImportResult<SanctionsList> {
  const root = nodes(doc, "Designations")[0];
  if (root === undefined) {
    return fail("unknown-format", location, "Cannot import UK list: no <Designations> root");
  }
  const generated = isoDates(text(root, "DateGenerated"))[0] ?? "unknown";
  return ok({ id: "uk", title: "UK Sanctions List", format: "uk", version: generated,
    entities: nodes(root, "Designation").map(entityOf) });
}
