// Loss bookkeeping for MT<->MX translation and the text conversions that can lose data: SWIFT
// X character set, 35-column lines, line counts, amounts and dates. Nothing is dropped silently.
import { assert } from "../../lib/index.js";

/** One truncation or dropped element: where (MT tag or XML path) and what was lost. */
export interface TranslationLoss {
  readonly where: string;
  readonly what: string;
}

export class LossLog {
  readonly losses: TranslationLoss[] = [];

  add(where: string, what: string): void {
    assert(where !== "" && what !== "", "a loss says where and what");
    this.losses.push({ where, what });
  }

  /** Records a dropped value when it is present. */
  dropped(where: string, value: string | undefined, why: string): void {
    if (value !== undefined && value !== "") this.add(where, `dropped "${value}": ${why}`);
  }
}

/** SWIFT X character set (FIN): letters, digits and / - ? : ( ) . , ' + space. */
const xCharacter = /[A-Za-z0-9/\-?:().,'+ ]/;

/** Replaces characters outside the X set with "."; the replacement is logged as a loss. */
export function toXCharacters(text: string, where: string, log: LossLog): string {
  let out = "";
  let replaced = "";
  for (const char of text) {
    if (xCharacter.test(char)) out += char;
    else { out += "."; replaced += char; }
  }
  if (replaced !== "") log.add(where, `characters "${replaced}" are not in the SWIFT X set`);
  return out;
}

/**
 * Lays text out in lines of `width` columns, at most `linesMax` lines. What does not fit is
 * logged as truncated. Each input string starts a new line.
 */
export function fitLines(
  texts: readonly string[],
  format: { readonly width: number; readonly linesMax: number; readonly where: string },
  log: LossLog,
): string[] {
  assert(format.width > 0 && format.linesMax > 0, "a line layout has room");
  const lines: string[] = [];
  let lost = "";
  for (const text of texts) {
    const clean = toXCharacters(text, format.where, log);
    for (let start = 0; start < clean.length || start === 0; start += format.width) {
      const piece = clean.slice(start, start + format.width);
      if (lines.length < format.linesMax) lines.push(piece);
      else lost += piece;
      if (clean.length === 0) break;
    }
  }
  if (lost !== "") {
    log.add(format.where, `truncated "${lost.slice(0, 140)}" (beyond ${format.linesMax} lines ` +
      `of ${format.width} characters)`);
  }
  return lines.filter((line) => line !== "");
}

/** Cuts one value to `max` characters, logging what was cut. */
export function cut(
  value: string,
  limit: { readonly max: number; readonly where: string },
  log: LossLog,
): string {
  const { max, where } = limit;
  if (value.length <= max) return value;
  log.add(where, `truncated "${value.slice(max)}" (more than ${max} characters)`);
  return value.slice(0, max);
}

/** MT amount "1234,5" -> ISO 20022 "1234.5". */
export function mxAmountOf(mtAmount: string): string {
  const [whole = "0", fraction = ""] = mtAmount.split(",");
  const trimmed = whole.replace(/^0+(?=\d)/, "");
  return fraction === "" ? trimmed : `${trimmed}.${fraction}`;
}

/** ISO 20022 amount "1234.50" -> MT "1234,5"; undefined beyond 15 characters. */
export function mtAmountOf(mxAmount: string): string | undefined {
  const [whole = "0", fraction = ""] = mxAmount.trim().split(".");
  const text = `${whole},${fraction.replace(/0+$/, "")}`;
  return text.length <= 15 ? text : undefined;
}

/** YYMMDD -> YYYY-MM-DD (payments are dated in this century). */
export function isoDate(yymmdd: string): string {
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** YYYY-MM-DD (or a date-time) -> YYMMDD. */
export function mtDate(iso: string): string {
  return `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}
