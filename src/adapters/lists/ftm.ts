// Importer for FollowTheMoney JSON lines (OpenSanctions exports): target entities of schema
// Person, Organization, Company, LegalEntity, Vessel or Airplane; other schemata are skipped.
import { fail, ok, type Problem } from "../../lib/index.js";
import { listEntitiesMax } from "../../limits.js";
import {
  countryCode, type EntityKind, type EntityName, type Identifier, type IdentifierScheme,
  type ListEntity, type SanctionsList,
} from "../../screening/index.js";
import { distinct, type ImportProblemCode, type ImportResult } from "./parse-tools.js";

const kinds: Record<string, EntityKind> = {
  Person: "person", Organization: "organisation", Company: "organisation",
  LegalEntity: "unknown", PublicBody: "organisation", Vessel: "vessel", Airplane: "aircraft",
};

const idProperties: Record<string, IdentifierScheme> = {
  swiftBic: "bic", imoNumber: "imo", passportNumber: "passport", leiCode: "lei",
  registrationNumber: "registration", ogrnCode: "registration", taxNumber: "tax",
  innCode: "tax", idNumber: "national-id",
};

interface FtmLine {
  id?: unknown;
  schema?: unknown;
  target?: unknown;
  datasets?: unknown;
  last_change?: unknown;
  properties?: Record<string, unknown>;
}

function strings(props: Record<string, unknown>, key: string): string[] {
  const v = props[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function entityOf(line: FtmLine, kind: EntityKind): ListEntity {
  const props = line.properties ?? {};
  const names: EntityName[] = [
    ...strings(props, "name").map((full, i) => ({ full, kind: i === 0 ? "primary" as const
      : "alias" as const, weak: false })),
    ...strings(props, "alias").map((full) => ({ full, kind: "alias" as const, weak: false })),
    ...strings(props, "previousName")
      .map((full) => ({ full, kind: "former" as const, weak: false })),
    ...strings(props, "weakAlias").map((full) => ({ full, kind: "alias" as const, weak: true })),
  ];
  const identifiers: Identifier[] = Object.entries(idProperties).flatMap(([key, scheme]) =>
    strings(props, key).map((value) => ({ scheme, value, label: key })));
  const countries = ["nationality", "citizenship", "country", "jurisdiction", "flag"]
    .flatMap((k) => strings(props, k)).map((c) => countryCode(c) ?? "");
  return {
    id: String(line.id), kind, names, identifiers, countries: distinct(countries),
    addresses: distinct(strings(props, "address")),
    birthDates: distinct(strings(props, "birthDate")),
    programmes: distinct([...strings(props, "programId"), ...strings(props, "program")]),
  };
}

/** Imports FtM JSON lines; lines of other schemata (Address, Sanction…) are skipped. */
export function importFtm(textContent: string, location: string): ImportResult<SanctionsList> {
  const entities: ListEntity[] = [];
  const datasets = new Set<string>();
  let latest = "";
  const problems: Problem<ImportProblemCode>[] = [];
  const lines = textContent.split("\n");
  for (let i = 0; i < lines.length && entities.length < listEntitiesMax; i += 1) {
    const raw = lines[i]?.trim() ?? "";
    if (raw.length === 0) continue;
    let line: FtmLine;
    try {
      line = JSON.parse(raw) as FtmLine;
    } catch {
      problems.push({ code: "malformed-json", location: `${location}:${i + 1}`,
        message: "Cannot read FtM line: not JSON" });
      if (problems.length >= 10) break;
      continue;
    }
    const kind = kinds[String(line.schema)];
    if (kind === undefined || typeof line.id !== "string" || line.target === false) continue;
    entities.push(entityOf(line, kind));
    for (const d of Array.isArray(line.datasets) ? line.datasets : []) datasets.add(String(d));
    const changed = line.last_change;
    if (typeof changed === "string" && changed > latest) latest = changed;
  }
  if (problems.length > 0) return { ok: false, problems };
  if (entities.length === 0) return fail("empty-list", location, "Cannot import FtM: no entities");
  const dataset = [...datasets].sort().join("+") || "ftm";
  return ok({ id: `ftm-${dataset}`, title: `FollowTheMoney export (${dataset})`, format: "ftm",
    version: latest.slice(0, 10) || "unknown", entities });
}
