// Validates a parsed MT message as FIN does: headers (H), user header (U), length (M50),
// characters (M60), structure and fields (T), then network validated rules (C, D, E).
// Problems come ordered so that the first one is the one FIN would NAK with.
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import { mtMessageCharsMax } from "../../limits.js";
import { checkFieldWith, fieldInfoOf } from "./fields.js";
import type { MtFieldInfo } from "./fields.js";
import { charSetTable } from "./format.js";
import type { MtField, MtMessage, MtTag } from "./model.js";
import { headerProblems, parseMt } from "./parse.js";
import { checkStructure } from "./spec.js";
import { isSupportedType, messageTypeOf, specFor, validationFlagOf } from "./types.js";

/** Block 3 tags FIN knows, by number (userHeaderTagNumber). */
const userHeaderTags = new Uint8Array(1000);
for (const tag of [103, 106, 108, 111, 113, 115, 119, 121, 165, 423, 424, 433, 434]) {
  userHeaderTags[tag] = 1;
}

/** "121" -> 121 when the tag is a known block 3 tag, else -1 (no string hashing per tag). */
function userHeaderTagNumber(tag: string): number {
  if (tag.length !== 3) return -1;
  let number = 0;
  for (let index = 0; index < 3; index += 1) {
    const digit = tag.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    number = number * 10 + digit;
  }
  return userHeaderTags[number] === 1 ? number : -1;
}
const validationFlags = new Set(["STP", "REMIT", "COV", "RFDD"]);

/** UUID v4, lower case hex as gpi prescribes: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx. */
function isUetr(value: string): boolean {
  if (value.length !== 36) return false;
  for (let index = 0; index < 36; index += 1) {
    const code = value.charCodeAt(index);
    if (index === 8 || index === 13 || index === 18 || index === 23) {
      if (code !== 45 /* - */) return false;
    } else if (!(code >= 48 && code <= 57) && !(code >= 97 && code <= 102)) {
      return false;
    }
  }
  const variant = value.charCodeAt(19);
  return value.charCodeAt(14) === 52 /* 4 */ && (variant === 56 || variant === 57 ||
    variant === 97 || variant === 98);
}

/** Rank of a code's class in FIN's order of checks; lower is reported first. */
function rankOf(code: string): number {
  const order = "HUMT";
  const index = order.indexOf(code.charAt(0));
  if (code === "M50") return 2;
  if (code === "M60") return 3;
  if (index !== -1 && /^[A-Z]\d\d$/.test(code)) return index === 3 ? 4 : index;
  return /^[CDE]\d\d$/.test(code) ? 5 : 6;
}

function at(code: string, where: { location: string; line: number }, message: string): Problem {
  return { code, ...where, message };
}

function checkUserHeader(tags: readonly MtTag[], line: number): Problem[] {
  const problems: Problem[] = [];
  for (const tag of tags) {
    const number = userHeaderTagNumber(tag.tag);
    if (number < 0) {
      problems.push(at("U00", { location: "block3", line },
        `Cannot accept block 3 tag "${tag.tag}": unknown`));
    } else if (number === 108 && (tag.value.length < 1 || tag.value.length > 16)) {
      problems.push(at("U02", { location: "block3", line },
        "Cannot accept tag 108: it must be 1-16 characters"));
    } else if (number === 113 && tag.value.length !== 4) {
      problems.push(at("U01", { location: "block3", line },
        "Cannot accept tag 113: it must be 4 characters"));
    } else if (number === 119 && !validationFlags.has(tag.value)) {
      problems.push(at("U08", { location: "block3", line },
        `Cannot accept tag 119 "${tag.value}": unknown flag`));
    } else if (number === 121 && !isUetr(tag.value)) {
      problems.push(at("uetr-invalid", { location: "block3", line },
        `Cannot accept tag 121 "${tag.value.slice(0, 40)}": UETR must be a lower-case UUID v4`));
    }
  }
  return problems;
}

const xTable = charSetTable("x");

/** A character outside the field's set (X, or Z for z-format fields): M60, or undefined. */
function checkCharacters(field: MtField, info: MtFieldInfo | undefined): Problem | undefined {
  const table = info === undefined ? xTable : info.charTable;
  for (let index = 0; index < field.lines.length; index += 1) {
    const line = field.lines[index] ?? "";
    for (let column = 0; column < line.length; column += 1) {
      const code = line.charCodeAt(column);
      if (code < 128 && table[code] === 1) continue;
      return at("M60", { location: field.tag, line: field.line + index },
        `Cannot accept field ${field.tag}: character ${JSON.stringify(line[column])} at ` +
        `column ${column + 1} is outside the SWIFT character set`);
    }
  }
  return undefined;
}

/**
 * Per field, with its info looked up once: pushes M60 problems onto `problems` and returns the
 * format and content problems (T, C03), which the caller reports after the structure check.
 */
function checkFields(fields: readonly MtField[], problems: Problem[]): Problem[] | undefined {
  let fieldProblems: Problem[] | undefined;
  for (const field of fields) {
    const info = fieldInfoOf(field.tag);
    const problem = info === undefined ? undefined : checkFieldWith(field, info);
    if (problem !== undefined) (fieldProblems ??= []).push(problem);
    // A field that matched a format within its character set cannot have an M60 character.
    if (info?.charsImplied === true && problem === undefined) continue;
    const characters = checkCharacters(field, info);
    if (characters !== undefined) problems.push(characters);
  }
  return fieldProblems;
}

/** Characters of the text block as FIN counts them: fields with CRLF separators. */
function textLength(fields: readonly MtField[]): number {
  let length = 0;
  for (const field of fields) {
    length += field.tag.length + 4; // CRLF + ":" tag ":"
    for (const line of field.lines) length += line.length + 2;
    length -= 2;
  }
  return length + 2; // the CRLF before "-}"
}

function checkHeaders(message: MtMessage, line: number): Problem[] {
  const basic = message.basicHeader;
  const problems: Problem[] = basic.raw === undefined && message.applicationHeader?.raw ===
    undefined ? [] : [...headerProblems(message, line)];
  if (basic.raw === undefined && basic.applicationId === "F" && basic.serviceId !== "01" &&
    basic.serviceId !== "21") {
    problems.push(at("H03", { location: "block1", line },
      `Cannot accept service id "${basic.serviceId}": FIN takes 01 or 21`));
  }
  if (basic.serviceId === "01" && message.applicationHeader === undefined) {
    problems.push(at("H25", { location: "block2", line },
      "Cannot accept message: block 2 is missing"));
  }
  return problems;
}

/** ACK/NAK (service 21): block 4 carries 177 (date-time) and 451 (0 ACK, 1 NAK + 405). */
function checkServiceMessage(message: MtMessage, line: number): Problem[] {
  const text = message.text;
  if (text?.kind !== "tags") {
    return [at("T13", { location: "block4", line },
      "Cannot accept ACK/NAK: block 4 must hold tags 177, 451")];
  }
  const value = (tag: string): string | undefined => text.tags.find((t) => t.tag === tag)?.value;
  const result = value("451");
  if (value("177") === undefined || (result !== "0" && result !== "1")) {
    return [at("T13", { location: "block4", line },
      "Cannot accept ACK/NAK: needs 177 and 451 of 0 or 1")];
  }
  if (result === "1" && value("405") === undefined) {
    return [at("T13", { location: "block4", line },
      "Cannot accept NAK: tag 405 (error code) is missing")];
  }
  return [];
}

function checkText(message: MtMessage, fields: readonly MtField[], line: number): Problem[] {
  const problems: Problem[] = [];
  if (textLength(fields) > mtMessageCharsMax) {
    problems.push(at("M50", { location: "block4", line },
      `Cannot accept message: text block exceeds ${mtMessageCharsMax} characters`));
  }
  const fieldProblems = checkFields(fields, problems);
  const type = messageTypeOf(message);
  const flag = validationFlagOf(message);
  const spec = specFor(type, flag);
  if (spec === undefined && flag !== "" && isSupportedType(type)) {
    problems.push(at("U09", { location: "block3", line },
      `Cannot accept 119 "${flag}": no special validation for MT ${type}`));
  }
  const structure = spec === undefined ? undefined : checkStructure(spec, fields);
  if (structure !== undefined) problems.push(structure);
  if (fieldProblems !== undefined) problems.push(...fieldProblems);
  if (spec?.uetrRequired === true && message.userHeader?.some((t) => t.tag === "121") !== true) {
    problems.push(at("uetr-missing", { location: "block3", line },
      `Cannot accept MT ${type}: block 3 needs a UETR (tag 121) since November 2018`));
  }
  if (spec !== undefined && problems.length === 0) problems.push(...spec.networkRules(fields,
    message));
  return problems;
}

/** Every problem FIN would find, the one it would NAK with first. */
export function validateMt(message: MtMessage): readonly Problem[] {
  const line = message.layout.firstLine;
  const problems: Problem[] = checkHeaders(message, line);
  if (message.userHeader !== undefined) problems.push(...checkUserHeader(message.userHeader, line));
  if (message.basicHeader.serviceId === "21") {
    problems.push(...checkServiceMessage(message, line));
  } else if (message.text?.kind === "fields") {
    problems.push(...checkText(message, message.text.fields, line));
  } else if (message.basicHeader.serviceId === "01" && message.applicationHeader !== undefined) {
    problems.push(at("T13", { location: "block4", line },
      "Cannot accept message: text block is missing"));
  }
  if (problems.length <= 1) return problems;
  const ordered = problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rankOf(a.problem.code) - rankOf(b.problem.code) ||
      (a.problem.line ?? 0) - (b.problem.line ?? 0) || a.index - b.index)
    .map((entry) => entry.problem);
  assert(ordered.length === problems.length, "ordering keeps every problem");
  return ordered;
}

export interface CheckMtOptions {
  /** Accept output messages (block 2 "O"): files from back offices. The hub's intake does not. */
  readonly acceptOutput?: boolean;
}

/** Parse then validate: the problems FIN would report, the NAK code first; [] when valid. */
export function checkMt(text: string, options: CheckMtOptions = {}): readonly Problem[] {
  return checkMtParsed(text, options).problems;
}

/** `checkMt`, also handing back the parsed message so that callers need not parse it again. */
export function checkMtParsed(
  text: string,
  options: CheckMtOptions = {},
): { readonly problems: readonly Problem[]; readonly message: MtMessage | undefined } {
  const parsed = parseMt(text);
  if (!parsed.ok) return { problems: parsed.problems, message: undefined };
  const problems = validateMt(parsed.value);
  const header = parsed.value.applicationHeader;
  if (options.acceptOutput !== true && header?.direction === "O" && header.raw === undefined) {
    return { message: parsed.value, problems: [at("H26", { location: "block2",
      line: parsed.value.layout.firstLine },
    "Cannot accept message: the network takes input messages (block 2 \"I\") only"),
    ...problems] };
  }
  return { problems, message: parsed.value };
}
