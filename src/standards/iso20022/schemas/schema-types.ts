// The shape of a compact ISO 20022 schema table: the XSD subset the ISO 20022 message
// definitions use (flat sequence or choice, simple content with attributes, restricted strings).

/** maxOccurs="unbounded". */
export const U = Number.MAX_SAFE_INTEGER;

/** [element name, type name, minOccurs, maxOccurs]. */
export type MxItem = readonly [string, string, number, number];

export type MxComplexType =
  | { readonly items: readonly MxItem[]; readonly choice?: true }
  /** Simple content (an amount) with attributes: [name, simple type, required]. */
  | { readonly value: string; readonly attrs: readonly (readonly [string, string, boolean])[] }
  /** xs:any (supplementary data): content is not checked. */
  | { readonly any: true };

export interface MxSimpleType {
  readonly base: "string" | "decimal" | "date" | "dateTime" | "boolean" | "time" | "gYearMonth";
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly length?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly pattern?: readonly string[];
  readonly values?: readonly string[];
}

export interface MxSchema {
  readonly namespace: string;
  /** The global element and its type. */
  readonly root: readonly [string, string];
  readonly complex: Readonly<Record<string, MxComplexType>>;
  readonly simple: Readonly<Record<string, MxSimpleType>>;
}
