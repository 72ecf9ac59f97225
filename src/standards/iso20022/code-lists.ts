// Code-list and check-digit rules beyond the XSD: ISO 4217 currency and its decimals, BIC
// (ISO 9362), IBAN (ISO 13616 mod 97), LEI (ISO 17442 mod 97), ISO 3166 countries.
import type { Problem } from "../../lib/index.js";
import { mxProblemsMax } from "../../limits.js";
import { isBic } from "../bic/bic.js";
import { countryCodes } from "../mt/reference-data.js";
import { currencyMinorUnits } from "./currency.js";
import { type Trail, walkElements } from "./tree.js";
import { newWork, type MxWork } from "./work.js";
import type { XmlElement } from "./xml.js";

export type CodeListProblemCode =
  | "code-unknown-currency"
  | "code-currency-decimals"
  | "code-invalid-bic"
  | "code-invalid-iban"
  | "code-invalid-lei"
  | "code-unknown-country";

/**
 * ISO 7064 MOD 97-10 over letters and digits, read from `from` to the end and then from 0 to
 * `from` (the IBAN's rotation), each letter counting as two digits (A = 10 ... Z = 35).
 */
function mod97(text: string, from: number): number {
  let remainder = 0;
  for (let step = 0; step < text.length; step++) {
    const code = text.charCodeAt((from + step) % text.length);
    if (code >= 48 && code <= 57) remainder = (remainder * 10 + code - 48) % 97;
    else if (code >= 65 && code <= 90) remainder = (remainder * 100 + code - 55) % 97;
    else if (code >= 97 && code <= 122) remainder = (remainder * 100 + code - 87) % 97;
    else return -1;
  }
  return remainder;
}

export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/.test(iban)) return false;
  return mod97(iban, 4) === 1;
}

export function isValidLei(lei: string): boolean {
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(lei)) return false;
  return mod97(lei, 0) === 1;
}

/** Digits after the decimal point, trailing zeros not counted: "10.50" has 1. */
function significantDecimals(amount: string): number {
  const point = amount.indexOf(".");
  if (point < 0) return 0;
  // "1.2.3" is not a decimal (the schema says so); only the part after the first point counts.
  const second = amount.indexOf(".", point + 1);
  let end = second < 0 ? amount.length : second;
  while (end > point + 1 && amount.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return end - point - 1;
}

function amountProblem(element: XmlElement, currency: string, trail: Trail): Problem | undefined {
  const minor = currencyMinorUnits(currency);
  if (minor === undefined) {
    return { code: "code-unknown-currency", location: `${trail.path()}/@Ccy`,
      message: `Cannot accept currency "${currency}": not an active ISO 4217 code` };
  }
  const decimals = significantDecimals(element.text.trim());
  if (minor !== null && decimals > minor) {
    return { code: "code-currency-decimals", location: trail.path(),
      message: `Cannot accept amount "${element.text}": ${currency} has ${minor} decimals` };
  }
  return undefined;
}

function leafProblem(element: XmlElement, trail: Trail): Problem | undefined {
  const value = element.text;
  switch (element.name) {
    case "BICFI":
    case "AnyBIC":
      // The pattern is the schema's; here the country (ISO 3166, plus XK used by SWIFT).
      return !isBic(value) || countryCodes.has(value.slice(4, 6)) || value.slice(4, 6) === "XK"
        ? undefined : { code: "code-invalid-bic", location: trail.path(),
          message: `Cannot accept BIC "${value}": "${value.slice(4, 6)}" is not a country code` };
    case "IBAN":
      return isValidIban(value) ? undefined : { code: "code-invalid-iban", location: trail.path(),
        message: `Cannot accept IBAN "${value}": check digits do not match` };
    case "LEI":
      return isValidLei(value) ? undefined : { code: "code-invalid-lei", location: trail.path(),
        message: `Cannot accept LEI "${value}": check digits do not match` };
    case "Ctry":
    case "CtryOfRes":
    case "CtryOfBirth":
      // The schema's pattern is [A-Z]{2}; here the ISO 3166 list (plus XK, as SWIFT uses it).
      return countryCodes.has(value) || value === "XK" ? undefined
        : { code: "code-unknown-country", location: trail.path(),
          message: `Cannot accept country "${value}": not an ISO 3166 alpha-2 code` };
    default:
      return undefined;
  }
}

/** An element whose value a code list or check digits govern; by length first (cheapest). */
function isCheckedName(name: string): boolean {
  switch (name.length) {
    case 3: return name === "LEI";
    case 4: return name === "IBAN" || name === "Ctry";
    case 5: return name === "BICFI";
    case 6: return name === "AnyBIC";
    case 9: return name === "CtryOfRes";
    case 11: return name === "CtryOfBirth";
    default: return false;
  }
}

/** Checks one element's currency, BIC, IBAN or LEI value, for a walk over every element. */
export function checkCodeListElement(element: XmlElement, trail: Trail,
  context: { readonly problems: Problem<CodeListProblemCode>[]; readonly work: MxWork }): void {
  if (element.children.length > 0) return;
  context.work.steps += element.attributes.length;
  const currency = element.attributes.length === 0 ? undefined
    : element.attributes.find((attribute) => attribute.name === "Ccy");
  const problem = currency !== undefined ? amountProblem(element, currency.value, trail)
    : isCheckedName(element.name) ? leafProblem(element, trail) : undefined;
  if (problem !== undefined) context.problems.push(problem as Problem<CodeListProblemCode>);
}

/** Problems of currency, BIC, IBAN and LEI values anywhere in the tree, in document order. */
export function checkCodeLists(root: XmlElement,
  work: MxWork = newWork()): readonly Problem<CodeListProblemCode>[] {
  const problems: Problem<CodeListProblemCode>[] = [];
  walkElements(root, (element, trail) => {
    checkCodeListElement(element, trail, { problems, work });
    return problems.length < mxProblemsMax;
  }, work);
  return problems;
}
