// Field definitions shared by all message types: the format of each tag as SWIFT notation (data,
// compiled once) and the content rules FIN applies wherever the field occurs (T26, T50, T52, C03).
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import { checkFormat, compileFormat } from "./format.js";
import type { MtFieldFormat } from "./format.js";
import type { MtField } from "./model.js";
import { countryCodes, currencyDecimals } from "./reference-data.js";

const bic = "4!a2!a2!c[3!c]";
const optionA = `[/1!a][/34x]$${bic}`;
const optionB = "[/1!a][/34x]$[35x]";
const optionD = "[/1!a][/34x]$4*35x";

/** Field formats by tag (UHB field definitions; swift-primer §4.1 for the MT 103 ones). */
const notations: Readonly<Record<string, string>> = {
  "11R": "3!n$6!n[4!n6!n]", "11S": "3!n$6!n[4!n6!n]", "13C": "/8c/4!n1!x4!n",
  "13D": "6!n4!n1!x4!n", "20": "16x", "21": "16x", "23B": "4!c", "23E": "4!c[/30x]",
  "25": "35x", "25P": `35x$${bic}`, "26T": "3!c", "28": "5n[/2n]", "28C": "5n[/5n]",
  "32A": "6!n3!a15d", "32B": "3!a15d", "33B": "3!a15d", "34F": "3!a[1!a]15d", "36": "12d",
  "50A": `[/34x]$${bic}`, "50F": "35x$4*35x", "50K": "[/34x]$4*35x", "51A": optionA,
  "52A": optionA, "52D": optionD, "53A": optionA, "53B": optionB, "53D": optionD,
  "54A": optionA, "54B": optionB, "54D": optionD, "55A": optionA, "55B": optionB,
  "55D": optionD, "56A": optionA, "56C": "/34x", "56D": optionD, "57A": optionA,
  "57B": optionB, "57C": "/34x", "57D": optionD, "58A": optionA, "58D": optionD,
  "59": "[/34x]$4*35x", "59A": `[/34x]$${bic}`, "59F": "[/34x]$4*35x",
  "60F": "1!a6!n3!a15d", "60M": "1!a6!n3!a15d", "62F": "1!a6!n3!a15d", "62M": "1!a6!n3!a15d",
  "61": "6!n[4!n]2a[1!a]15d1!a3!c34x$[34x]",
  "64": "1!a6!n3!a15d", "65": "1!a6!n3!a15d", "70": "4*35x", "71A": "3!a", "71F": "3!a15d",
  "71G": "3!a15d", "72": "6*35x", "76": "6*35x", "77A": "20*35x", "77B": "3*35x",
  "77T": "200*9000z", "79": "35*50x", "86": "6*65x", "90C": "5n3!a15d", "90D": "5n3!a15d",
};

const compiled = new Map<string, MtFieldFormat>();
for (const [tag, notation] of Object.entries(notations)) compiled.set(tag, compileFormat(notation));

export function fieldFormatOf(tag: string): MtFieldFormat | undefined {
  return compiled.get(tag);
}

/** Where a date, currency, amount or BIC sits inside a field's first line. */
interface Layout {
  readonly date?: number;
  readonly currency?: number;
  readonly bicLine?: boolean;
  readonly reference?: boolean;
}

const layouts: Readonly<Record<string, Layout>> = {
  "20": { reference: true }, "21": { reference: true },
  "32A": { date: 0, currency: 6 }, "32B": { currency: 0 }, "33B": { currency: 0 },
  "34F": { currency: 0 }, "71F": { currency: 0 }, "71G": { currency: 0 },
  "60F": { date: 1, currency: 7 }, "60M": { date: 1, currency: 7 },
  "62F": { date: 1, currency: 7 }, "62M": { date: 1, currency: 7 },
  "64": { date: 1, currency: 7 }, "65": { date: 1, currency: 7 },
  "90C": { currency: -1 }, "90D": { currency: -1 },
  "50A": { bicLine: true }, "51A": { bicLine: true }, "52A": { bicLine: true },
  "53A": { bicLine: true }, "54A": { bicLine: true }, "55A": { bicLine: true },
  "56A": { bicLine: true }, "57A": { bicLine: true }, "58A": { bicLine: true },
  "59A": { bicLine: true },
};

/** YYMMDD with a real month and day (T50); 29 February is accepted in years divisible by 4. */
export function isValidDate(text: string): boolean {
  if (text.length !== 6) return false;
  const year = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  const days = [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= (days[month - 1] ?? 0);
}

/** Decimal places of a SWIFT amount such as "123,45" (0 for "123,"). */
export function decimalsOf(amount: string): number {
  const comma = amount.indexOf(",");
  return comma === -1 ? 0 : amount.length - comma - 1;
}

/** Index of the currency in a 90C/90D line: after the variable-length number of entries. */
function currencyIndex(first: string, at: number): number {
  if (at >= 0) return at;
  let index = 0;
  while (index < first.length && first.charCodeAt(index) >= 48 && first.charCodeAt(index) <= 57) {
    index += 1;
  }
  return index;
}

function contentProblem(field: MtField, code: string, detail: string): Problem {
  return { code, location: field.tag, line: field.line,
    message: `Cannot accept field ${field.tag}: ${detail}` };
}

function checkBicLine(field: MtField): Problem | undefined {
  const line = field.lines.length > 1 ? field.lines[field.lines.length - 1] : field.lines[0];
  const country = (line ?? "").slice(4, 6);
  if (!countryCodes.has(country)) {
    return contentProblem(field, "T27", `BIC "${line ?? ""}" has no valid country code`);
  }
  return undefined;
}

function checkReference(field: MtField): Problem | undefined {
  const value = field.lines[0] ?? "";
  if (value.startsWith("/") || value.endsWith("/") || value.includes("//")) {
    return contentProblem(field, "T26",
      `reference "${value}" must not start or end with "/" nor contain "//"`);
  }
  return undefined;
}

/** Content rules after the format matched: dates (T50), currencies (T52), decimals (C03). */
function checkContent(field: MtField, layout: Layout): Problem | undefined {
  if (layout.reference === true) return checkReference(field);
  if (layout.bicLine === true) return checkBicLine(field);
  const first = field.lines[0] ?? "";
  if (layout.date !== undefined && !isValidDate(first.slice(layout.date, layout.date + 6))) {
    return contentProblem(field, "T50", `"${first.slice(layout.date, layout.date + 6)}" is ` +
      "not a valid YYMMDD date");
  }
  if (layout.currency === undefined) return undefined;
  const at = currencyIndex(first, layout.currency);
  const currency = first.slice(at, at + 3);
  const decimals = currencyDecimals.get(currency);
  if (decimals === undefined) {
    return contentProblem(field, "T52", `"${currency}" is not an ISO 4217 currency code`);
  }
  const amount = first.slice(at + 3).replace(/^[A-Z]/, "");
  if (decimalsOf(amount) > decimals) {
    return contentProblem(field, "C03",
      `amount "${amount}" has more than ${decimals} decimals for ${currency}`);
  }
  return undefined;
}

/** Format, then content: the first problem of one field, or undefined when it is well formed. */
export function checkField(field: MtField): Problem | undefined {
  const format = compiled.get(field.tag);
  assert(format !== undefined, `field ${field.tag} has a known format`);
  const formatProblem = checkFormat(format, field.lines, { tag: field.tag, line: field.line });
  if (formatProblem !== undefined) return formatProblem;
  const layout = layouts[field.tag];
  return layout === undefined ? undefined : checkContent(field, layout);
}
