// A data-driven checker for SWIFT field format notation (16x, 4!c, 6!n3!a15d, 4*35x, [/34x],
// [/1!a][/34x]$4!a2!a2!c[3!c]). Notation is compiled once into tokens; matching is greedy.
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import { mtFieldLinesMax } from "../../limits.js";

/**
 * Character sets of the notation: n digits, a upper-case letters, c upper-case letters and
 * digits, h hex, e space, d amount (digits and one decimal comma), x/y/z the SWIFT sets.
 */
export type MtCharSet = "n" | "a" | "c" | "h" | "e" | "d" | "x" | "y" | "z";

const setChars: Record<MtCharSet, string> = {
  n: "0123456789",
  a: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  c: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  h: "0123456789ABCDEF",
  e: " ",
  d: "0123456789,",
  // FIN's X character set: a-z A-Z 0-9 / - ? : ( ) . , ' + space (CrLf only between lines).
  x: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ",
  // Y = EDIFACT level A: upper case, digits, . , - ( ) / = ' + : ? ! " % & * < > ; and space.
  y: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-()/='+:?!\"%&*<>; ",
  // Z = X + Y + @ # _ { (the primer's reading of the FIN character set page).
  z: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ =!\"%&*<>;@#_{",
};

/** One 128-entry membership table per character set, built once. */
const setTables = new Map<MtCharSet, Uint8Array>();
for (const [name, chars] of Object.entries(setChars)) {
  const table = new Uint8Array(128);
  for (let index = 0; index < chars.length; index += 1) table[chars.charCodeAt(index)] = 1;
  setTables.set(name as MtCharSet, table);
}

export function charSetTable(set: MtCharSet): Uint8Array {
  const table = setTables.get(set);
  assert(table !== undefined, `character set "${set}" has a table`);
  return table;
}

interface ElementToken {
  readonly kind: "element";
  readonly set: MtCharSet;
  readonly table: Uint8Array;
  readonly min: number;
  readonly max: number;
}

type Token =
  | { readonly kind: "literal"; readonly text: string }
  | ElementToken
  | { readonly kind: "optional"; readonly tokens: readonly Token[] };

/**
 * One step of a flat alternative. Every step has this one shape (the matcher's loop stays
 * monomorphic): a literal has `literal` >= 0; an element has literal -1 and its table.
 */
interface FlatToken {
  readonly literal: number;
  readonly element: ElementToken | undefined;
  readonly table: Uint8Array;
  readonly min: number;
  readonly max: number;
  /** A `d` element: the decimal comma rules apply. */
  readonly decimal: boolean;
}

const noChars = new Uint8Array(128);

function flatToken(token: Exclude<Token, { kind: "optional" }>): FlatToken {
  if (token.kind === "literal") {
    return { literal: token.text.charCodeAt(0), element: undefined, table: noChars, min: 1,
      max: 1, decimal: false };
  }
  return { literal: -1, element: token, table: token.table, min: token.min, max: token.max,
    decimal: token.set === "d" };
}

interface LineSpec {
  readonly tokens: readonly Token[];
  /** Every way to take or skip the optional groups, taking them first: at most 2^groups. */
  readonly alternatives: readonly (readonly FlatToken[])[];
  readonly min: number;
  readonly max: number;
}

/** A compiled field format. */
export interface MtFieldFormat {
  readonly notation: string;
  readonly lines: readonly LineSpec[];
  /** The widest character set used: x fields reject non-X characters with M60, z fields not. */
  readonly charSet: "x" | "z";
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Compiles one line's notation, e.g. "[/1!a][/34x]" or "6!n3!a15d". */
function compileTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 91 /* [ */) {
      const close = text.indexOf("]", index);
      assert(close > index, `notation "${text}" closes its brackets`);
      tokens.push({ kind: "optional", tokens: compileTokens(text.slice(index + 1, close)) });
      index = close + 1;
    } else if (isDigit(code)) {
      let end = index;
      while (isDigit(text.charCodeAt(end))) end += 1;
      const length = Number(text.slice(index, end));
      const fixed = text[end] === "!";
      const set = text[fixed ? end + 1 : end] as MtCharSet;
      assert(setChars[set] !== undefined, `notation "${text}" names a known character set`);
      tokens.push({ kind: "element", set, table: charSetTable(set),
        min: fixed ? length : 1, max: length });
      index = fixed ? end + 2 : end + 1;
    } else {
      tokens.push({ kind: "literal", text: text[index] ?? "" });
      index += 1;
    }
  }
  return tokens;
}

/** All flat token sequences of a line, optional groups taken before skipped. */
function expand(tokens: readonly Token[]): FlatToken[][] {
  let out: FlatToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "optional") {
      const inner = expand(token.tokens);
      out = out.flatMap((prefix) => [...inner.map((rest) => [...prefix, ...rest]), prefix]);
    } else {
      const flat = flatToken(token);
      out = out.map((prefix) => [...prefix, flat]);
    }
  }
  assert(out.length <= 64, "a format line has few optional groups");
  return out;
}

/** Compiles notation whose lines are separated by `$`, e.g. "[/34x]$4*35x". */
export function compileFormat(notation: string): MtFieldFormat {
  const lines: LineSpec[] = [];
  for (const part of notation.split("$")) {
    const star = /^(\d+)\*(.*)$/.exec(part);
    const tokens = compileTokens(star === null ? part : (star[2] ?? ""));
    // A line made only of optional groups, e.g. "[/1!a][/34x]", is itself optional.
    const optional = tokens.every((token) => token.kind === "optional");
    lines.push({ tokens, alternatives: expand(tokens), min: optional ? 0 : 1,
      max: star === null ? 1 : Number(star[1]) });
  }
  assert(lines.length > 0, "a format has at least one line");
  return { notation, lines, charSet: notation.includes("z") ? "z" : "x" };
}

/**
 * Does every line the format accepts consist of characters of `table`? Then a field whose
 * format matched needs no separate character set pass (M60 cannot fire).
 */
export function formatWithin(format: MtFieldFormat, table: Uint8Array): boolean {
  for (const line of format.lines) {
    for (const alternative of line.alternatives) {
      for (const token of alternative) {
        if (token.literal >= 0 ? table[token.literal] !== 1
          : token.table.some((member, code) => member === 1 && table[code] !== 1)) return false;
      }
    }
  }
  return true;
}

interface Failure {
  readonly code: string;
  readonly detail: string;
}

/** Where and why the last failed match stopped; set instead of allocating on every miss. */
const miss = { code: "", column: 0, element: undefined as ElementToken | undefined };

function setMiss(code: string, column: number, element?: ElementToken): number {
  miss.code = code;
  miss.column = column;
  miss.element = element;
  return -1;
}

/** Decimal comma rules of a `d` element: exactly one comma (T43), not first (T40). */
function checkDecimal(text: string, start: number, end: number): number {
  let commas = 0;
  for (let index = start; index < end; index += 1) if (text.charCodeAt(index) === 44) commas += 1;
  if (commas !== 1) return setMiss("T43", start);
  if (text.charCodeAt(start) === 44) return setMiss("T40", start);
  return end;
}

/** Matches one flat alternative against the whole line: the end index, or -1 (see `miss`). */
function matchFlat(tokens: readonly FlatToken[], text: string): number {
  const length = text.length;
  let index = 0;
  for (let position = 0; position < tokens.length; position += 1) {
    const token = tokens[position] as FlatToken;
    if (token.literal >= 0) {
      if (text.charCodeAt(index) !== token.literal) return setMiss("T34", index);
      index += 1;
      continue;
    }
    const start = index;
    const table = token.table;
    const limit = start + token.max < length ? start + token.max : length;
    // Codes of 128 and above read undefined from the 128-entry table: not a member.
    while (index < limit && table[text.charCodeAt(index)] === 1) index += 1;
    if (index - start < token.min) return setMiss("T34", start, token.element);
    if (token.decimal && checkDecimal(text, start, index) < 0) return -1;
  }
  return index === length ? index : setMiss("T12", index);
}

/** The furthest miss of the last failed matchLine, described only when it is reported. */
const lineMiss = { code: "", column: 0, element: undefined as ElementToken | undefined };

function describeMiss(text: string): Failure {
  const column = lineMiss.column + 1;
  const element = lineMiss.element;
  switch (lineMiss.code) {
    case "T43":
      return { code: "T43", detail: `amount at column ${column} needs one decimal comma` };
    case "T40": return { code: "T40", detail: `amount at column ${column} has no integer digit` };
    case "T12":
      return { code: "T12", detail: `unexpected "${text.slice(column - 1, column + 9)}" at ` +
        `column ${column}` };
    default:
      return { code: "T34", detail: element === undefined ? `unexpected character at column ` +
        `${column}` : `column ${column} needs ${element.min === element.max ? "" : "at least "}` +
        `${element.min} character(s) of set "${element.set}"` };
  }
}

/**
 * Tries each alternative (optional groups taken first): true on a match; otherwise false with the
 * furthest failure (the first one at that column) in `lineMiss`.
 */
function matchLine(spec: LineSpec, line: string): boolean {
  let bestColumn = -1;
  for (const alternative of spec.alternatives) {
    if (matchFlat(alternative, line) >= 0) return true;
    if (miss.column > bestColumn) {
      bestColumn = miss.column;
      lineMiss.code = miss.code;
      lineMiss.column = miss.column;
      lineMiss.element = miss.element;
    }
  }
  assert(bestColumn >= 0, "a line has at least one alternative");
  return false;
}

export interface FormatCheck {
  readonly tag: string;
  readonly line: number;
}

function formatProblem(
  format: MtFieldFormat,
  at: FormatCheck,
  failure: Failure & { readonly index: number },
): Problem {
  return { code: failure.code, location: at.tag, line: at.line + failure.index,
    message: `Cannot accept field ${at.tag} "${format.notation}": line ${failure.index + 1}: ` +
      failure.detail };
}

/** Checks a field's lines against a compiled format; returns the first problem or undefined. */
export function checkFormat(
  format: MtFieldFormat,
  lines: readonly string[],
  at: FormatCheck,
): Problem | undefined {
  if (lines.length > mtFieldLinesMax) {
    return formatProblem(format, at, { code: "T12", detail: "too many lines", index: 0 });
  }
  let index = 0;
  for (const spec of format.lines) {
    let count = 0;
    while (count < spec.max && index < lines.length) {
      const line = lines[index] ?? "";
      const matched = line.length !== 0 && matchLine(spec, line);
      if (!matched) {
        if (count >= spec.min) break;
        const failure = line.length === 0 ? { code: "T34", detail: "empty line" }
          : describeMiss(line);
        return formatProblem(format, at, { ...failure, index });
      }
      count += 1;
      index += 1;
    }
    if (count < spec.min) {
      return formatProblem(format, at,
        { code: "T34", detail: "a mandatory line is missing", index });
    }
  }
  if (index < lines.length) {
    return formatProblem(format, at,
      { code: "T12", detail: `at most ${index} line(s) allowed here`, index });
  }
  return undefined;
}
