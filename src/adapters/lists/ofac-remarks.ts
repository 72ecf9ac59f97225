// OFAC remarks ("DOB 1962; POB Shati; nationality Iran; SWIFT/BIC BKIDIRTH; a.k.a. 'X'.") read
// into identifiers, birth dates, countries and weak aliases; shared by the CSV importers.
import { countryCode, type Identifier, type IdentifierScheme } from "../../screening/index.js";
import { distinct, isoDates } from "./parse-tools.js";

export interface RemarkFacts {
  identifiers: Identifier[];
  birthDates: string[];
  countries: string[];
  weakAliases: string[];
}

const idPatterns: readonly [RegExp, IdentifierScheme][] = [
  [/^SWIFT\/BIC\s+([A-Z0-9]{8,11})/i, "bic"],
  [/^(?:Vessel Registration Identification\s+)?IMO\s+(\d{7})/i, "imo"],
  [/^Passport\s+([A-Z0-9-]+)/i, "passport"],
  [/^Legal Entity Number\s+([A-Z0-9]{20})/i, "lei"],
  [/^(?:Registration (?:ID|Number)|Business Registration Number)\s+([A-Z0-9-]+)/i,
    "registration"],
  [/^(?:Tax ID No\.|Tax Identification Number|RFC)\s+([A-Z0-9-]+)/i, "tax"],
  [/^(?:National ID No\.|Cedula No\.|Identification Number|NIT #|D\.N\.I\.)\s+([A-Z0-9-]+)/i,
    "national-id"],
];

/** Reads the facts OFAC packs into remarks; unknown remarks are left as text. */
export function readOfacRemarks(remarks: string): RemarkFacts {
  const facts: RemarkFacts = { identifiers: [], birthDates: [], countries: [], weakAliases: [] };
  for (const m of remarks.matchAll(/a\.k\.a\.\s+'([^']+)'/g)) facts.weakAliases.push(m[1] ?? "");
  for (const raw of remarks.split(";")) {
    const item = raw.trim().replace(/\.$/, "");
    const issuer = /\(([^()]+)\)\s*$/.exec(item)?.[1];
    const country = issuer === undefined ? undefined : countryCode(issuer);
    if (/^DOB\b/i.test(item)) facts.birthDates.push(...isoDates(item));
    const nationality = /^(?:nationality|citizen)\s+(.+)$/i.exec(item)?.[1];
    const code = nationality === undefined ? undefined : countryCode(nationality);
    if (code !== undefined) facts.countries.push(code);
    for (const [pattern, scheme] of idPatterns) {
      const value = pattern.exec(item)?.[1];
      if (value === undefined) continue;
      const label = item.slice(0, item.indexOf(value)).trim();
      facts.identifiers.push({ scheme, value, label,
        ...(country === undefined ? {} : { country }) });
      break;
    }
  }
  facts.weakAliases = distinct(facts.weakAliases);
  facts.birthDates = distinct(facts.birthDates);
  facts.countries = distinct(facts.countries);
  return facts;
}
