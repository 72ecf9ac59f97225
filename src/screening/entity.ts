// The one entity model every sanctions list is imported into: names, kind, identifiers,
// countries, addresses, birth dates and programmes, inside a versioned list.

export type EntityKind = "person" | "organisation" | "vessel" | "aircraft" | "unknown";

export type NameKind = "primary" | "alias" | "former";

export interface EntityName {
  readonly full: string;
  readonly kind: NameKind;
  /** A weak (low-quality) alias: short, generic or a nickname; it weighs less in the score. */
  readonly weak: boolean;
}

export type IdentifierScheme =
  | "bic" | "imo" | "passport" | "national-id" | "lei" | "registration" | "tax" | "other";

export interface Identifier {
  readonly scheme: IdentifierScheme;
  readonly value: string;
  /** ISO 3166 alpha-2, lower case, when the list gives the issuing country. */
  readonly country?: string;
  /** The list's own label for the identifier, e.g. "Tax ID No.". */
  readonly label?: string;
}

export interface ListEntity {
  /** Unique within its list and stable across versions (the publisher's own id). */
  readonly id: string;
  readonly kind: EntityKind;
  readonly names: readonly EntityName[];
  readonly identifiers: readonly Identifier[];
  /** ISO 3166 alpha-2 codes, lower case: nationality, citizenship, registration, address. */
  readonly countries: readonly string[];
  readonly addresses: readonly string[];
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  readonly birthDates: readonly string[];
  readonly programmes: readonly string[];
  readonly remarks?: string;
}

export type ListFormat = "ofac-sdn-xml" | "ofac-csv" | "eu-fsf" | "un-sc" | "uk" | "ftm" | "us-csl";

export const listFormats: readonly ListFormat[] = [
  "ofac-sdn-xml", "ofac-csv", "eu-fsf", "un-sc", "uk", "ftm", "us-csl",
];

export interface SanctionsList {
  /** e.g. "ofac-sdn", "ofac-cons", "un-sc", "eu-fsf", "uk", "us-csl", "ftm-eu_fsf". */
  readonly id: string;
  readonly title: string;
  readonly format: ListFormat;
  /** The publisher's date when the file has one, else a content hash. */
  readonly version: string;
  readonly entities: readonly ListEntity[];
}

/**
 * The key under which an identifier is indexed: upper-case letters and digits only, a BIC cut to
 * its BIC8 (a listed institution covers all its branches), an IMO number without "IMO".
 */
export function identifierKey(scheme: IdentifierScheme, value: string): string {
  let clean = value.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (scheme === "bic") clean = clean.slice(0, 8);
  if (scheme === "imo") clean = clean.replace(/^IMO/, "");
  return clean.length === 0 ? "" : `${scheme}:${clean}`;
}
