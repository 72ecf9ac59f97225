// Parses FIN text (blocks 1 to 5) into the MtMessage model by scanning indices, no regex per
// character. Keeps the layout (line ending, gaps between blocks) so rendering is byte-identical.
import { assert, failWith, ok } from "../../lib/index.js";
import type { Problem, Result } from "../../lib/index.js";
import {
  mtBatchMessagesMax, mtFieldCountMax, mtParseCharsMax, mtTagCountMax, mtTagValueCharsMax,
} from "../../limits.js";
import type {
  MtApplicationHeader, MtBasicHeader, MtField, MtInputApplicationHeader, MtLineEnding, MtMessage,
  MtTag, MtText,
} from "./model.js";

/** Several messages from one file: RJE batches separate them with `$`; ACKs precede messages. */
export interface MtBatch {
  readonly messages: readonly MtMessage[];
  /** Text between message i and i+1: `$` in RJE files, "" when an ACK precedes its message. */
  readonly separators: readonly string[];
  /** Text after a final `$` (whitespace only); "" when the file ends with a message. */
  readonly trailing: string;
}

/** A model type under construction: the same fields, writable and optional. */
type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

type Scan<T> = { ok: true; value: T; end: number } | { ok: false; problems: Problem[] };

function isBlank(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function skipBlank(text: string, from: number): number {
  let index = from;
  while (index < text.length && isBlank(text.charCodeAt(index))) index += 1;
  return index;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let index = text.indexOf("\n", from);
  while (index !== -1 && index < to) {
    count += 1;
    index = text.indexOf("\n", index + 1);
  }
  return count;
}

function allDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function isAddress(text: string): boolean {
  if (text.length !== 12) return false;
  for (let index = 0; index < 12; index += 1) {
    const code = text.charCodeAt(index);
    const upper = code >= 65 && code <= 90;
    if (!upper && !(code >= 48 && code <= 57)) return false;
  }
  return true;
}

function badBasicHeader(body: string, line: number, failure: [string, string])
  : Result<MtBasicHeader> {
  const [code, what] = failure;
  return failWith([{ code, location: "block1",
    message: `Cannot parse basic header "${body.slice(0, 30)}": ${what}`, line }]);
}

/** The first H02-H20 failure of a 25-character basic header's parts, or undefined. */
function basicHeaderFailure(header: MtBasicHeader): [string, string] | undefined {
  if (!"FAL".includes(header.applicationId)) return ["H02", "application id must be F, A or L"];
  if (!allDigits(header.serviceId)) return ["H03", "service id must be 2 digits"];
  if (!isAddress(header.logicalTerminal)) return ["H10", "bad logical terminal address"];
  if (!allDigits(header.sessionNumber)) return ["H15", "session number must be 4 digits"];
  if (!allDigits(header.sequenceNumber)) return ["H20", "sequence number must be 6 digits"];
  return undefined;
}

function parseBasicHeader(body: string, line: number): Result<MtBasicHeader> {
  if (body.length !== 25) return badBasicHeader(body, line, ["H01", "it must have 25 characters"]);
  const header: MtBasicHeader = {
    applicationId: body.slice(0, 1), serviceId: body.slice(1, 3),
    logicalTerminal: body.slice(3, 15), sessionNumber: body.slice(15, 19),
    sequenceNumber: body.slice(19, 25),
  };
  const failure = basicHeaderFailure(header);
  return failure === undefined ? ok(header) : badBasicHeader(body, line, failure);
}

function parseInputHeader(body: string): MtApplicationHeader | undefined {
  // I + MT(3) + address(12) [+ priority [+ monitoring] [+ obsolescence(3)]]
  const length = body.length;
  if (length < 16 || length > 21 || length === 19) return undefined;
  const messageType = body.slice(1, 4);
  const receiverAddress = body.slice(4, 16);
  if (!allDigits(messageType) || !isAddress(receiverAddress)) return undefined;
  const priority = body.slice(16, 17);
  const rest = body.slice(17);
  const monitoring = rest.length === 1 || rest.length === 4 ? rest.slice(0, 1) : "";
  const obsolescence = rest.length >= 3 ? rest.slice(rest.length - 3) : "";
  if (priority !== "" && !"UNS".includes(priority)) return undefined;
  if (monitoring !== "" && !"123".includes(monitoring)) return undefined;
  if (obsolescence !== "" && !allDigits(obsolescence)) return undefined;
  const header: Mutable<MtInputApplicationHeader> = { direction: "I", messageType,
    receiverAddress };
  if (priority !== "") header.priority = priority;
  if (monitoring !== "") header.deliveryMonitoring = monitoring;
  if (obsolescence !== "") header.obsolescencePeriod = obsolescence;
  return header as MtInputApplicationHeader;
}

function parseOutputHeader(body: string): MtApplicationHeader | undefined {
  // O + MT(3) + input time(4) + MIR(28) + output date(6) + output time(4) [+ priority]
  if (body.length !== 46 && body.length !== 47) return undefined;
  const header = {
    direction: "O" as const, messageType: body.slice(1, 4), inputTime: body.slice(4, 8),
    mirDate: body.slice(8, 14), senderAddress: body.slice(14, 26),
    mirSessionNumber: body.slice(26, 30), mirSequenceNumber: body.slice(30, 36),
    outputDate: body.slice(36, 42), outputTime: body.slice(42, 46),
  };
  const digits = [header.messageType, header.inputTime, header.mirDate, header.mirSessionNumber,
    header.mirSequenceNumber, header.outputDate, header.outputTime];
  if (!digits.every(allDigits) || !isAddress(header.senderAddress)) return undefined;
  const priority = body.slice(46);
  if (priority !== "" && !"UNS".includes(priority)) return undefined;
  return priority === "" ? header : { ...header, priority };
}

function parseApplicationHeader(body: string, line: number): Result<MtApplicationHeader> {
  const direction = body.slice(0, 1);
  if (direction !== "I" && direction !== "O") {
    return failWith([{ code: "H26", location: "block2",
      message: `Cannot parse application header "${body.slice(0, 50)}": it must start with I or O`,
        line }]);
  }
  const header = direction === "I" ? parseInputHeader(body) : parseOutputHeader(body);
  if (header === undefined) {
    return failWith([{ code: "H25", location: "block2",
      message: `Cannot parse application header "${body.slice(0, 50)}": bad layout for direction ` +
      `"${direction}"`, line }]);
  }
  return ok(header);
}

function lenientBasicHeader(body: string): MtBasicHeader {
  const parsed = parseBasicHeader(body, 0);
  if (parsed.ok) return parsed.value;
  return { applicationId: "", serviceId: "", logicalTerminal: "", sessionNumber: "",
    sequenceNumber: "", raw: body };
}

function lenientApplicationHeader(body: string): MtApplicationHeader {
  const parsed = parseApplicationHeader(body, 0);
  if (parsed.ok) return parsed.value;
  // Keep the message type when it can be read, so the message can still be classified.
  return { direction: "I", messageType: body.slice(1, 4), receiverAddress: "", raw: body };
}

/** Problems of a header kept raw by the parser, as FIN reports them (H01-H26). */
export function headerProblems(
  message: Pick<MtMessage, "basicHeader" | "applicationHeader">,
  line: number,
): readonly Problem[] {
  const problems: Problem[] = [];
  const basic = message.basicHeader.raw;
  if (basic !== undefined) {
    const parsed = parseBasicHeader(basic, line);
    if (!parsed.ok) problems.push(...parsed.problems);
  }
  const application = message.applicationHeader?.raw;
  if (application !== undefined) {
    const parsed = parseApplicationHeader(application, line);
    if (!parsed.ok) problems.push(...parsed.problems);
  }
  return problems;
}

interface TagScanOptions {
  readonly location: string;
  readonly code: string;
  readonly line: number;
}

/** Three-digit block 3/4/5 tags (108, 121, 451 ...) seen so far, by their number. */
const headerTags: (string | undefined)[] = new Array<string | undefined>(1000).fill(undefined);

/** text.slice(from, to), shared between messages when it is a three-digit tag. */
function headerTagAt(text: string, from: number, to: number): string {
  if (to - from !== 3 || !isDigitAt(text, from) || !isDigitAt(text, from + 1) ||
    !isDigitAt(text, from + 2)) return text.slice(from, to);
  const number = (text.charCodeAt(from) - 48) * 100 + (text.charCodeAt(from + 1) - 48) * 10 +
    text.charCodeAt(from + 2) - 48;
  const known = headerTags[number];
  if (known !== undefined) return known;
  const tag = text.slice(from, to);
  headerTags[number] = tag;
  return tag;
}

function badTags(options: TagScanOptions, what: string): Scan<MtTag[]> {
  return { ok: false, problems: [{ code: options.code, location: options.location,
    message: `Cannot parse ${options.location}: ${what}`, line: options.line }] };
}

/** Scans `{tag:value}{tag:value}}` starting after `{n:`; ends after the closing `}`. */
function scanTags(text: string, start: number, options: TagScanOptions): Scan<MtTag[]> {
  const tags: MtTag[] = [];
  let index = start;
  while (index < text.length && text.charCodeAt(index) !== 125 /* } */) {
    if (tags.length >= mtTagCountMax) return badTags(options, `more than ${mtTagCountMax} tags`);
    if (text.charCodeAt(index) !== 123 /* { */) {
      return badTags(options, `expected "{" at offset ${index}`);
    }
    const colon = text.indexOf(":", index + 1);
    const tag = colon === -1 ? "" : headerTagAt(text, index + 1, colon);
    if (tag.length < 1 || tag.length > 4 || tag.includes("{") || tag.includes("}")) {
      return badTags(options, `bad tag at offset ${index}`);
    }
    const close = text.indexOf("}", colon + 1);
    const value = close === -1 ? "" : text.slice(colon + 1, close);
    if (close === -1 || value.includes("{")) {
      return badTags(options, `tag "${tag}" is not closed with "}"`);
    }
    if (value.length > mtTagValueCharsMax) {
      return badTags(options, `tag "${tag}" value is too long`);
    }
    tags.push({ tag, value });
    index = close + 1;
  }
  if (index >= text.length) return badTags(options, "block is not closed with \"}\"");
  return { ok: true, value: tags, end: index + 1 };
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}

/**
 * Length of the tag of a `:20:` or `:32A:` line starting at `from` (the line ends at `end`): 2 or
 * 3, or 0 when the line does not start with a tag (two digits, an optional upper-case letter).
 */
function fieldTagLength(text: string, from: number, end: number): number {
  if (text.charCodeAt(from) !== 58 /* : */ || !isDigitAt(text, from + 1) ||
    !isDigitAt(text, from + 2)) return 0;
  if (from + 3 < end && text.charCodeAt(from + 3) === 58) return 2;
  const letter = text.charCodeAt(from + 3);
  return from + 4 < end && letter >= 65 && letter <= 90 && text.charCodeAt(from + 4) === 58
    ? 3 : 0;
}

/** Tags seen so far by tagKey-like index, so each message does not allocate its tag strings. */
const tagStrings: (string | undefined)[] = new Array<string | undefined>(100 * 27)
  .fill(undefined);

function tagAt(text: string, from: number, length: number): string {
  const number = (text.charCodeAt(from) - 48) * 10 + text.charCodeAt(from + 1) - 48;
  const key = number * 27 + (length === 2 ? 0 : text.charCodeAt(from + 2) - 64);
  const known = tagStrings[key];
  if (known !== undefined) return known;
  const tag = text.slice(from, from + length);
  tagStrings[key] = tag;
  return tag;
}

interface FieldsScanOptions {
  readonly lineEnding: MtLineEnding;
  /** Line number of the first line of the range. */
  readonly line: number;
  /** The fields run from `start` to `end` (exclusive, where the line ending before `-}` is). */
  readonly start: number;
  readonly end: number;
}

function fieldsError(message: string, line: number): Result<MtField[]> {
  return failWith([{ code: "T13", location: "block4", message, line }]);
}

/** Splits the text block into fields, line by line, without copying the block first. */
function splitFields(text: string, options: FieldsScanOptions): Result<MtField[]> {
  const fields: MtField[] = [];
  const separator = options.lineEnding;
  let current: { tag: string; lines: string[]; line: number } | undefined;
  let from = options.start;
  for (let lineNumber = options.line; ; lineNumber += 1) {
    const found = text.indexOf(separator, from);
    const end = found === -1 || found > options.end ? options.end : found;
    if (text.charCodeAt(from) === 58 && from < end) {
      const length = fieldTagLength(text, from, end);
      if (length === 0) {
        return fieldsError(`Cannot parse field at line ${lineNumber}: ` +
          `"${text.slice(from, Math.min(end, from + 10))}" is not a tag`, lineNumber);
      }
      if (fields.length >= mtFieldCountMax) {
        return fieldsError(`Cannot parse text block: more than ${mtFieldCountMax} fields`,
          lineNumber);
      }
      current = { tag: tagAt(text, from + 1, length), lines: [text.slice(from + length + 2, end)],
        line: lineNumber };
      fields.push(current);
    } else if (current === undefined) {
      return fieldsError(`Cannot parse text block at line ${lineNumber}: it must start with a ` +
        "field tag", lineNumber);
    } else {
      current.lines.push(text.slice(from, end));
    }
    if (end === options.end) return ok(fields);
    from = end + separator.length;
  }
}

/** Scans block 4 after `{4:`: either CRLF fields CRLF `-}` or `{tag:value}...}`. */
function scanText(text: string, start: number, line: number): Scan<{
  text: MtText; lineEnding: MtLineEnding | undefined;
}> {
  if (text.charCodeAt(start) === 123 /* { */ || text.charCodeAt(start) === 125) {
    const tags = scanTags(text, start, { location: "block4", code: "T13", line });
    if (!tags.ok) return tags;
    return { ok: true, value: { text: { kind: "tags", tags: tags.value }, lineEnding: undefined },
      end: tags.end };
  }
  const lineEnding: MtLineEnding | undefined = text.startsWith("\r\n", start) ? "\r\n"
    : text.charCodeAt(start) === 10 ? "\n" : undefined;
  if (lineEnding === undefined) {
    return { ok: false, problems: [{ code: "T13", location: "block4",
      message: "Cannot parse text block: \"{4:\" must be followed by a line break", line }] };
  }
  const endMark = text.indexOf(lineEnding === "\r\n" ? "\r\n-}" : "\n-}", start);
  if (endMark === -1) {
    return { ok: false, problems: [{ code: "T13", location: "block4",
      message: "Cannot parse text block: no end-of-text \"-}\" found", line }] };
  }
  const fields = endMark === start ? ok([]) : splitFields(text,
    { lineEnding, line: line + 1, start: start + lineEnding.length, end: endMark });
  if (!fields.ok) return { ok: false, problems: [...fields.problems] };
  return { ok: true, value: { text: { kind: "fields", fields: fields.value }, lineEnding },
    end: endMark + lineEnding.length + 2 };
}

interface Cursor {
  index: number;
  line: number;
}

function blockBody(text: string, cursor: Cursor, name: string): Scan<string> {
  const close = text.indexOf("}", cursor.index + 3);
  if (close === -1) {
    return { ok: false, problems: [{ code: name === "block1" ? "H01" : "H25", location: name,
      message: `Cannot parse ${name}: it is not closed with "}"`, line: cursor.line }] };
  }
  return { ok: true, value: text.slice(cursor.index + 3, close), end: close + 1 };
}

interface Parts {
  basicHeader?: MtBasicHeader;
  applicationHeader?: MtApplicationHeader;
  userHeader?: MtTag[];
  text?: MtText;
  trailer?: MtTag[];
  lineEnding?: MtLineEnding;
}

function scanBlock(text: string, cursor: Cursor, parts: Parts): Problem[] | undefined {
  const block = text.charCodeAt(cursor.index + 1) - 48;
  if (block === 1 || block === 2) {
    const body = blockBody(text, cursor, `block${block}`);
    if (!body.ok) return body.problems;
    // A malformed header is kept raw: validation reports it (H01-H26), rendering reproduces it.
    if (block === 1) parts.basicHeader = lenientBasicHeader(body.value);
    else parts.applicationHeader = lenientApplicationHeader(body.value);
    cursor.index = body.end;
    return undefined;
  }
  if (block === 4) {
    const scanned = scanText(text, cursor.index + 3, cursor.line);
    if (!scanned.ok) return scanned.problems;
    parts.text = scanned.value.text;
    if (scanned.value.lineEnding !== undefined) parts.lineEnding = scanned.value.lineEnding;
    cursor.line += countNewlines(text, cursor.index, scanned.end);
    cursor.index = scanned.end;
    return undefined;
  }
  const location = `block${block}`;
  const tags = scanTags(text, cursor.index + 3,
    { location, code: block === 3 ? "U00" : "T13", line: cursor.line });
  if (!tags.ok) return tags.problems;
  if (block === 3) parts.userHeader = tags.value;
  else parts.trailer = tags.value;
  cursor.index = tags.end;
  return undefined;
}

/** Which block starts at the cursor (1-5), or 0 when none does. */
function blockAt(text: string, index: number): number {
  if (text.charCodeAt(index) !== 123 || text.charCodeAt(index + 2) !== 58) return 0;
  const block = text.charCodeAt(index + 1) - 48;
  return block >= 1 && block <= 5 ? block : 0;
}

/** Scans one message starting at the cursor; stops before a following `{1:` or `$`. */
function scanMessage(text: string, cursor: Cursor): Scan<MtMessage> {
  const leadingStart = cursor.index;
  cursor.index = skipBlank(text, cursor.index);
  const leading = text.slice(leadingStart, cursor.index);
  cursor.line += countNewlines(leading, 0, leading.length);
  const firstLine = cursor.line;
  if (blockAt(text, cursor.index) !== 1) {
    return { ok: false, problems: [{ code: "H01", location: "block1",
      message: "Cannot parse message: it must start with \"{1:\"", line: cursor.line }] };
  }
  const parts: Parts = {};
  const afterBlocks: string[] = [];
  let previous = 0;
  for (let count = 0; count < 5; count += 1) {
    const block = blockAt(text, cursor.index);
    if (block === 0 || block <= previous) break;
    const problems = scanBlock(text, cursor, parts);
    if (problems !== undefined) return { ok: false, problems };
    previous = block;
    const gapEnd = skipBlank(text, cursor.index);
    const gap = text.slice(cursor.index, gapEnd);
    afterBlocks.push(gap);
    cursor.line += countNewlines(gap, 0, gap.length);
    cursor.index = gapEnd;
  }
  assert(parts.basicHeader !== undefined, "a scanned message has a basic header");
  // Assigned one by one (same key order as the model) instead of spreading temporary objects.
  const message: Mutable<MtMessage> = { basicHeader: parts.basicHeader };
  if (parts.applicationHeader !== undefined) message.applicationHeader = parts.applicationHeader;
  if (parts.userHeader !== undefined) message.userHeader = parts.userHeader;
  if (parts.text !== undefined) message.text = parts.text;
  if (parts.trailer !== undefined) message.trailer = parts.trailer;
  message.layout = { lineEnding: parts.lineEnding ?? "\r\n", leading, afterBlocks, firstLine };
  return { ok: true, value: message as MtMessage, end: cursor.index };
}

/** Parses exactly one FIN message (surrounding whitespace allowed and kept for rendering). */
export function parseMt(text: string): Result<MtMessage> {
  if (text.length > mtParseCharsMax) {
    return failWith([{ code: "M50", location: "message",
      message: `Cannot parse message: ${text.length} characters exceed ${mtParseCharsMax}`,
        line: 1 }]);
  }
  const cursor: Cursor = { index: 0, line: 1 };
  const scanned = scanMessage(text, cursor);
  if (!scanned.ok) return failWith(scanned.problems);
  if (scanned.end !== text.length) {
    const what = blockAt(text, scanned.end) === 0 ? "unexpected text" : "a block out of order";
    return failWith([{ code: blockAt(text, scanned.end) === 1 ? "H01" : "T13", location: "message",
      message: `Cannot parse message: ${what} at line ${cursor.line}`, line: cursor.line }]);
  }
  assert(cursor.index === text.length, "the whole text was consumed");
  return ok(scanned.value);
}

/**
 * Parses a file of one or more messages: RJE batches (`$` between messages) and service-21
 * ACK/NAKs directly followed by the message they acknowledge.
 */
export function parseMtBatch(text: string): Result<MtBatch> {
  if (text.length > mtParseCharsMax * mtBatchMessagesMax) {
    return failWith([{ code: "M50", location: "batch",
      message: "Cannot parse batch: the file is too large", line: 1 }]);
  }
  const messages: MtMessage[] = [];
  const separators: string[] = [];
  const cursor: Cursor = { index: 0, line: 1 };
  while (messages.length < mtBatchMessagesMax) {
    const scanned = scanMessage(text, cursor);
    if (!scanned.ok) return failWith(scanned.problems);
    messages.push(scanned.value);
    if (cursor.index >= text.length) return ok({ messages, separators, trailing: "" });
    if (text.charCodeAt(cursor.index) === 36 /* $ */) {
      cursor.index += 1;
      if (skipBlank(text, cursor.index) === text.length) {
        return ok({ messages, separators, trailing: text.slice(cursor.index - 1) });
      }
      separators.push("$");
    } else if (blockAt(text, cursor.index) === 1) {
      separators.push("");
    } else {
      return failWith([{ code: "T13", location: "batch",
      message: `Cannot parse batch: unexpected text at line ${cursor.line}`, line: cursor.line }]);
    }
  }
  return failWith([{ code: "M50", location: "batch",
      message: `Cannot parse batch: more than ${mtBatchMessagesMax} messages`,
        line: cursor.line }]);
}
