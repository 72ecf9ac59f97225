// ISO 9362 business identifier codes (BIC): format check and the BIC8/BIC11 forms.
// 4 letters institution, 2 letters country (ISO 3166), 2 alphanumerics location, 3 optional branch.
import { assert, fail, ok } from "../../lib/index.js";
import type { Brand, Result } from "../../lib/index.js";

/** A BIC in its 11-character form (head office branch `XXX` when given as BIC8). */
export type Bic = Brand<string, "Bic">;
/** The 8-character institution part of a BIC. */
export type Bic8 = Brand<string, "Bic8">;

export type BicProblemCode = "bic-format-invalid";

const bicPattern = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Parses a BIC8 or BIC11 and returns it as BIC11 (`XXX` appended to a BIC8). */
export function parseBic(text: string, location = "bic"): Result<Bic, BicProblemCode> {
  if (!bicPattern.test(text)) {
    return fail("bic-format-invalid", location,
      `Cannot accept BIC "${text.slice(0, 20)}": ISO 9362 wants 4 letters, 2 letters, ` +
      "2 letters or digits, and an optional 3-character branch");
  }
  const bic11 = text.length === 8 ? `${text}XXX` : text;
  assert(bic11.length === 11, "a parsed BIC has 11 characters");
  return ok(bic11 as Bic);
}

export function isBic(text: string): boolean {
  return bicPattern.test(text);
}

export function bic8Of(bic: Bic | Bic8): Bic8 {
  assert(bic.length === 8 || bic.length === 11, "a BIC has 8 or 11 characters");
  return bic.slice(0, 8) as Bic8;
}

/** The head office form of a BIC: its BIC8 followed by `XXX`. */
export function headOfficeOf(bic: Bic): Bic {
  assert(bic.length === 11, "headOfficeOf takes a BIC11");
  return `${bic.slice(0, 8)}XXX` as Bic;
}

export function countryOfBic(bic: Bic | Bic8): string {
  return bic.slice(4, 6);
}
