// Field definitions shared by all message types: the format of each tag as SWIFT notation (data,
// compiled once) and the content rules FIN applies wherever the field occurs (T26, T50, T52, C03).
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import { charSetTable, checkFormat, compileFormat, formatWithin } from "./format.js";
import type { MtFieldFormat } from "./format.js";
import type { MtField } from "./model.js";
import { countryCodes, currencyDecimals } from "./reference-data.js";

const bic = "4!a2!a2!c[3!c]";
const optionA = `[/1!a][/34x]$${bic}`;
const optionB = "[/1!a][/34x]$[35x]";
const optionD = "[/1!a][/34x]$4*35x";

/** Field formats by tag (UHB field definitions). */
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

/** Everything validation needs about one tag, looked up once per field. */
export interface MtFieldInfo {
  readonly format: MtFieldFormat;
  /** Where a date, currency or BIC sits, when the field has content rules. */
  readonly layout: Layout | undefined;
  /** Membership table of the field's character set (X, or Z for z-format fields). */
  readonly charTable: Uint8Array;
  /** Every line the format accepts is within charTable: a matched field needs no M60 pass. */
  readonly charsImplied: boolean;
}

const infos = new Map<string, MtFieldInfo>();
/** The same infos indexed by tagKey, so the usual tags are found without hashing a string. */
const infosByKey: (MtFieldInfo | undefined)[] = new Array<MtFieldInfo | undefined>(100 * 27)
  .fill(undefined);

/** "20" -> 540, "32A" -> 865: two digits and an optional upper-case letter; -1 otherwise. */
export function tagKey(tag: string): number {
  if (tag.length !== 2 && tag.length !== 3) return -1;
  const tens = tag.charCodeAt(0) - 48;
  const units = tag.charCodeAt(1) - 48;
  if (!(tens >= 0 && tens <= 9 && units >= 0 && units <= 9)) return -1;
  if (tag.length === 2) return (tens * 10 + units) * 27;
  const letter = tag.charCodeAt(2) - 64;
  if (!(letter >= 1 && letter <= 26)) return -1;
  return (tens * 10 + units) * 27 + letter;
}

export function fieldFormatOf(tag: string): MtFieldFormat | undefined {
  return fieldInfoOf(tag)?.format;
}

/** Format, layout and character table of a tag, or undefined for a tag without a format. */
export function fieldInfoOf(tag: string): MtFieldInfo | undefined {
  const key = tagKey(tag);
  return key < 0 ? infos.get(tag) : infosByKey[key];
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

const layoutByTag = new Map<string, Layout>(Object.entries(layouts));
for (const [tag, notation] of Object.entries(notations)) {
  const format = compileFormat(notation);
  const charTable = charSetTable(format.charSet);
  const info = { format, layout: layoutByTag.get(tag), charTable,
    charsImplied: formatWithin(format, charTable) };
  infos.set(tag, info);
  const key = tagKey(tag);
  assert(key >= 0, `field tag ${tag} has a key`);
  infosByKey[key] = info;
}

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

/** Two digits at `at` as a number, or -1 when either is not a digit (or is past the end). */
function twoDigitsAt(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const units = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** isValidDate(text.slice(at, at + 6)) without the slice when the six characters are digits. */
function isValidDateAt(text: string, at: number): boolean {
  const year = twoDigitsAt(text, at);
  const month = twoDigitsAt(text, at + 2);
  const day = twoDigitsAt(text, at + 4);
  if (year < 0 || month < 0 || day < 0) return isValidDate(text.slice(at, at + 6));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && year % 4 === 0 ? 29 : monthDays[month - 1] ?? 0);
}

/** Index of three upper-case letters for table lookups, or -1 when they are not. */
function letterKey(text: string, at: number, count: 2 | 3): number {
  let key = 0;
  for (let index = at; index < at + count; index += 1) {
    const letter = text.charCodeAt(index) - 65;
    if (!(letter >= 0 && letter < 26)) return -1;
    key = key * 26 + letter;
  }
  return key;
}

/** currencyDecimals by letterKey (-1: not a currency), so no 3-character string is cut. */
const decimalsByKey = new Int8Array(26 * 26 * 26).fill(-1);
for (const [code, decimals] of currencyDecimals) decimalsByKey[letterKey(code, 0, 3)] = decimals;
/** countryCodes by letterKey: 1 when the two letters are a country. */
const countryByKey = new Uint8Array(26 * 26);
for (const code of countryCodes) countryByKey[letterKey(code, 0, 2)] = 1;

function currencyDecimalsAt(text: string, at: number): number | undefined {
  const key = letterKey(text, at, 3);
  if (key < 0) return currencyDecimals.get(text.slice(at, at + 3));
  const decimals = decimalsByKey[key] ?? -1;
  return decimals < 0 ? undefined : decimals;
}

function isCountryAt(text: string, at: number): boolean {
  const key = letterKey(text, at, 2);
  return key < 0 ? countryCodes.has(text.slice(at, at + 2)) : countryByKey[key] === 1;
}

function contentProblem(field: MtField, code: string, detail: string): Problem {
  return { code, location: field.tag, line: field.line,
    message: `Cannot accept field ${field.tag}: ${detail}` };
}

function checkBicLine(field: MtField): Problem | undefined {
  const line = field.lines.length > 1 ? field.lines[field.lines.length - 1] : field.lines[0];
  if (!isCountryAt(line ?? "", 4)) {
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
  if (layout.date !== undefined && !isValidDateAt(first, layout.date)) {
    return contentProblem(field, "T50", `"${first.slice(layout.date, layout.date + 6)}" is ` +
      "not a valid YYMMDD date");
  }
  if (layout.currency === undefined) return undefined;
  const at = currencyIndex(first, layout.currency);
  const decimals = currencyDecimalsAt(first, at);
  if (decimals === undefined) {
    return contentProblem(field, "T52",
      `"${first.slice(at, at + 3)}" is not an ISO 4217 currency code`);
  }
  // The amount after the currency, without a leading letter (34F's D or C mark).
  let amountStart = at + 3;
  const mark = first.charCodeAt(amountStart);
  if (mark >= 65 && mark <= 90) amountStart += 1;
  const comma = first.indexOf(",", amountStart);
  if (comma !== -1 && first.length - comma - 1 > decimals) {
    return contentProblem(field, "C03", `amount "${first.slice(amountStart)}" has more than ` +
      `${decimals} decimals for ${first.slice(at, at + 3)}`);
  }
  return undefined;
}

/** Format, then content: the first problem of one field, or undefined when it is well formed. */
export function checkField(field: MtField): Problem | undefined {
  const info = fieldInfoOf(field.tag);
  assert(info !== undefined, `field ${field.tag} has a known format`);
  return checkFieldWith(field, info);
}

/** checkField with the tag's info already looked up (fieldInfoOf). */
export function checkFieldWith(field: MtField, info: MtFieldInfo): Problem | undefined {
  const formatProblem = checkFormat(info.format, field.lines, field);
  if (formatProblem !== undefined) return formatProblem;
  return info.layout === undefined ? undefined : checkContent(field, info.layout);
}
