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
  // swift-primer §2.11: X = a-z A-Z 0-9 / - ? : ( ) . , ' + space (CrLf only between lines).
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

interface LineSpec {
  readonly tokens: readonly Token[];
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

/** Compiles notation whose lines are separated by `$`, e.g. "[/34x]$4*35x". */
export function compileFormat(notation: string): MtFieldFormat {
  const lines: LineSpec[] = [];
  for (const part of notation.split("$")) {
    const star = /^(\d+)\*(.*)$/.exec(part);
    const tokens = compileTokens(star === null ? part : (star[2] ?? ""));
    // A line made only of optional groups, e.g. "[/1!a][/34x]", is itself optional.
    const optional = tokens.every((token) => token.kind === "optional");
    lines.push({ tokens, min: optional ? 0 : 1, max: star === null ? 1 : Number(star[1]) });
  }
  assert(lines.length > 0, "a format has at least one line");
  return { notation, lines, charSet: notation.includes("z") ? "z" : "x" };
}

interface Failure {
  readonly code: string;
  readonly detail: string;
}

/** Matches one element greedily at `start`; returns its end or a failure. */
function matchElement(token: ElementToken, text: string, start: number): number | Failure {
  let end = start;
  const limit = Math.min(text.length, start + token.max);
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (code >= 128 || token.table[code] !== 1) break;
    end += 1;
  }
  if (end - start < token.min) {
    return { code: "T34", detail: `column ${start + 1} needs ${token.min === token.max ? "" :
      "at least "}${token.min} character(s) of set "${token.set}"` };
  }
  if (token.set === "d") {
    const failure = checkDecimal(text.slice(start, end));
    if (failure !== undefined) return failure;
  }
  return end;
}

/**
 * Matches tokens against text from `start` up to the end of the line.
 * Optional groups are tried with, then without; elements are greedy. Formats nest at most a
 * few optional groups, so the search is small and bounded.
 */
function matchTokens(tokens: readonly Token[], text: string, start: number): number | Failure {
  let index = start;
  for (let position = 0; position < tokens.length; position += 1) {
    const token = tokens[position];
    assert(token !== undefined, "token indices are dense");
    if (token.kind === "optional") {
      const after = tokens.slice(position + 1);
      const taken = matchTokens([...token.tokens, ...after], text, index);
      if (typeof taken === "number") return taken;
      const skipped = matchTokens(after, text, index);
      return typeof skipped === "number" || index === text.length ? skipped : taken;
    }
    if (token.kind === "literal") {
      if (text[index] !== token.text) {
        return { code: "T34", detail: `expected "${token.text}" at column ${index + 1}` };
      }
      index += 1;
      continue;
    }
    const end = matchElement(token, text, index);
    if (typeof end !== "number") return end;
    index = end;
  }
  if (index !== text.length) {
    return { code: "T12", detail: `unexpected "${text.slice(index, index + 10)}" at column ` +
      `${index + 1}` };
  }
  return index;
}

/** SWIFT amounts: at least one integer digit (T40) and exactly one decimal comma (T43). */
function checkDecimal(amount: string): Failure | undefined {
  const comma = amount.indexOf(",");
  if (comma === -1 || amount.indexOf(",", comma + 1) !== -1) {
    return { code: "T43", detail: `amount "${amount}" needs exactly one decimal comma` };
  }
  if (comma === 0) return { code: "T40", detail: `amount "${amount}" has no integer digit` };
  return undefined;
}

function matchLine(spec: LineSpec, line: string): Failure | undefined {
  const end = matchTokens(spec.tokens, line, 0);
  return typeof end === "number" ? undefined : end;
}

export interface FormatCheck {
  readonly tag: string;
  readonly line: number;
}

/** Checks a field's lines against a compiled format; returns the first problem or undefined. */
export function checkFormat(
  format: MtFieldFormat,
  lines: readonly string[],
  at: FormatCheck,
): Problem | undefined {
  const fail = (failure: Failure, index: number): Problem => ({ code: failure.code,
    location: at.tag, line: at.line + index,
    message: `Cannot accept field ${at.tag} "${format.notation}": line ${index + 1}: ` +
      failure.detail });
  if (lines.length > mtFieldLinesMax) return fail({ code: "T12", detail: "too many lines" }, 0);
  let index = 0;
  for (const spec of format.lines) {
    let count = 0;
    while (count < spec.max && index < lines.length) {
      const line = lines[index] ?? "";
      const failure = line.length === 0 ? { code: "T34", detail: "empty line" }
        : matchLine(spec, line);
      if (failure !== undefined) {
        if (count >= spec.min) break;
        return fail(failure, index);
      }
      count += 1;
      index += 1;
    }
    if (count < spec.min) return fail({ code: "T34", detail: "a mandatory line is missing" },
      index);
  }
  if (index < lines.length) {
    return fail({ code: "T12", detail: `at most ${index} line(s) allowed here` }, index);
  }
  return undefined;
}
