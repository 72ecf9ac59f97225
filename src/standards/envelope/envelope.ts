// The routing envelope of a submitted message, read from its bytes without full validation:
// format (MT or MX), sender and receiver BICs, type, reference, UETR, priority and flags.
// Full field validation is the job of the MT and ISO 20022 modules; this is what the hub routes by.
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import { mtMessageCharsMax, mxMessageBytesMax } from "../../limits.js";
import { isBic } from "../bic/bic.js";
import type { Bic } from "../bic/bic.js";

export type MessageFormat = "MT" | "MX";
export type Priority = "urgent" | "normal" | "system";

export interface Envelope {
  readonly format: MessageFormat;
  /** `MT103`, `MT202`, or the MX message definition such as `pacs.008.001.08`. */
  readonly type: string;
  readonly sender: Bic;
  readonly receiver: Bic;
  /** MT field 20 or the MX BizMsgIdr. */
  readonly reference: string;
  readonly uetr: string | undefined;
  readonly priority: Priority;
  /** MT block 2 delivery monitoring: 1 non-delivery warning, 2 delivery notification, 3 both. */
  readonly deliveryMonitoring: 0 | 1 | 2 | 3;
  /** MT block 2 obsolescence period in minutes, when given. */
  readonly obsolescenceMinutes: number | undefined;
  /** The sender marked this a possible duplicate emission (MT PDE trailer, MX PssblDplct). */
  readonly possibleDuplicate: boolean;
  /** The bytes with any possible-duplicate marking removed, for duplicate detection. */
  readonly dedupeText: string;
}

export type EnvelopeProblemCode =
  | "H01" | "H02" | "H03" | "H10" | "H21" | "H25" | "H26" | "H50" | "M50" | "M60"
  | "format-unknown" | "xml-unsafe" | "mx-header-invalid" | "mx-too-large" | "encoding-invalid";

/** Reads the envelope of MT or MX bytes; the format is detected from the first characters. */
export function readEnvelope(text: string): Result<Envelope, EnvelopeProblemCode> {
  const start = text.trimStart();
  if (start.startsWith("{1:")) return readMtEnvelope(text);
  if (start.startsWith("<")) return readMxEnvelope(text);
  if (start.startsWith("{")) {
    return fail("H01", "block1",
      "Cannot read basic header: block 1 missing");
  }
  return fail("format-unknown", "message",
    "Cannot detect the format: expected an MT message ({1:...}) or ISO 20022 XML (<...>)");
}

// --- MT ---------------------------------------------------------------------------------------

// X character set plus the block structure characters, for the whole text.
const xSetLine = /^[A-Za-z0-9/\-?:().,'+ ]*$/;
const block1Pattern = /^\{1:([A-Z])(\d\d)([A-Z0-9]{12})(\d{4})(\d{6})\}/;
const block2InputPattern = /^\{2:I(\d{3})([A-Z0-9]{12})([UNS]?)([123]?)(\d{3})?\}/;

function readMtEnvelope(text: string): Result<Envelope, EnvelopeProblemCode> {
  if (text.length > mtMessageCharsMax) {
    return fail("M50", "message",
      `Cannot accept message: ${text.length} characters exceed the FIN limit of ` +
      `${mtMessageCharsMax}`);
  }
  const block1 = block1Pattern.exec(text);
  if (!block1) return fail("H01", "block1", "Cannot read basic header: block 1 is badly formatted");
  const [whole1, application, service, senderLt] = block1;
  assert(whole1 !== undefined && senderLt !== undefined, "block 1 groups are present");
  if (application !== "F") {
    return fail("H02", "block1",
      "Cannot accept message: application id not F");
  }
  if (service !== "01") return fail("H03", "block1", "Cannot accept message: service id not 01");
  const sender = ltToBic(senderLt);
  if (sender === undefined) return fail("H10", "block1", `Cannot read LT address "${senderLt}"`);
  // Files exported by many systems put a line break between blocks; FIN itself does not.
  const rest = text.slice(whole1.length).replace(/^[\r\n]+/, "");
  if (!rest.startsWith("{2:")) {
    return fail("H25", "block2",
      "Cannot read application header: missing");
  }
  if (!rest.startsWith("{2:I")) {
    return fail("H26", "block2",
      "Cannot accept message: block 2 not input");
  }
  const block2 = block2InputPattern.exec(rest);
  if (!block2) return fail("H25", "block2", "Cannot read application header: badly formatted");
  const [, messageType, receiverLt, priorityCode, monitoring, obsolescence] = block2;
  assert(messageType !== undefined && receiverLt !== undefined, "block 2 groups are present");
  const receiver = ltToBic(receiverLt);
  if (receiver === undefined) {
    return fail("H50", "block2",
      `Cannot read LT address "${receiverLt}"`);
  }
  const textBlock = mtTextBlock(text);
  if (textBlock === undefined) {
    return fail("H01", "block4",
      "Cannot read text block: block 4 missing");
  }
  const charset = checkXSet(textBlock.body, textBlock.firstLine);
  if (!charset.ok) return charset;
  return ok({
    format: "MT",
    type: `MT${messageType}`,
    sender,
    receiver,
    reference: /(?:^|\n):20:([^\r\n]*)/.exec(textBlock.body)?.[1] ?? "",
    uetr: /\{121:([0-9a-fA-F-]{36})\}/.exec(text.slice(0, textBlock.start))?.[1],
    priority: priorityCode === "U" ? "urgent" : priorityCode === "S" ? "system" : "normal",
    deliveryMonitoring: monitoring === "" || monitoring === undefined
      ? 0 : (Number(monitoring) as 1 | 2 | 3),
    obsolescenceMinutes: obsolescence === undefined ? undefined : Number(obsolescence) * 5,
    possibleDuplicate: /\{PDE:[^}]*\}/.test(text.slice(textBlock.end)),
    dedupeText: text.slice(0, textBlock.end) +
      text.slice(textBlock.end).replace(/\{PDE:[^}]*\}/g, "").replace(/\{5:\}/, ""),
  });
}

/** An LT address is BIC8 + LT code + branch; the BIC11 is BIC8 + branch. */
function ltToBic(lt: string): Bic | undefined {
  const bic = `${lt.slice(0, 8)}${lt.slice(9, 12)}`;
  return isBic(bic) ? (bic as Bic) : undefined;
}

interface TextBlock { readonly body: string; readonly start: number; readonly end: number;
  readonly firstLine: number }

function mtTextBlock(text: string): TextBlock | undefined {
  const start = text.indexOf("{4:");
  if (start < 0) return undefined;
  const endMarker = /\r?\n-\}/g;
  endMarker.lastIndex = start;
  const end = endMarker.exec(text);
  if (!end) return undefined;
  const firstLine = text.slice(0, start).split("\n").length;
  return { body: text.slice(start + 3, end.index), start, end: end.index + end[0].length,
    firstLine };
}

function checkXSet(body: string, firstLine: number): Result<true, EnvelopeProblemCode> {
  const lines = body.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? "";
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!xSetLine.test(line)) {
      return { ok: false, problems: [{ code: "M60", location: "block4", line: firstLine + index,
        message: "Cannot accept text block: character outside the SWIFT X set" }] };
    }
  }
  return ok(true);
}

// --- MX ---------------------------------------------------------------------------------------

function readMxEnvelope(text: string): Result<Envelope, EnvelopeProblemCode> {
  if (text.length > mxMessageBytesMax) {
    return fail("mx-too-large", "message",
      `Cannot accept message: ${text.length} characters exceed the MX limit of ` +
      `${mxMessageBytesMax}`);
  }
  // No DTDs and no entity declarations, ever: they are how XML bombs and external reads start.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return fail("xml-unsafe", "/",
      "Cannot accept XML: DOCTYPE and entity declarations are refused");
  }
  const header = appHdrOf(text);
  if (header === undefined) {
    return fail("mx-header-invalid", "/AppHdr", "Cannot read business application header: missing");
  }
  const from = bicfiAfter(header, /<(?:\w+:)?Fr>/g);
  const to = bicfiAfter(header, /<(?:\w+:)?To>/g);
  const definition = elementText(header, "MsgDefIdr");
  const reference = elementText(header, "BizMsgIdr");
  if (from === undefined || !isBic(from)) {
    return fail("mx-header-invalid", "/AppHdr/Fr/FIId/FinInstnId/BICFI",
      "Cannot read sender: AppHdr Fr needs a valid BICFI");
  }
  if (to === undefined || !isBic(to)) {
    return fail("mx-header-invalid", "/AppHdr/To/FIId/FinInstnId/BICFI",
      "Cannot read receiver: AppHdr To needs a valid BICFI");
  }
  if (definition === undefined || reference === undefined) {
    return fail("mx-header-invalid", "/AppHdr/MsgDefIdr",
      "Cannot read message definition: AppHdr needs MsgDefIdr and BizMsgIdr");
  }
  const duplicateMarker = /<(?:\w+:)?PssblDplct>\s*true\s*<\/(?:\w+:)?PssblDplct>/;
  return ok({
    format: "MX",
    type: definition,
    sender: (from.length === 8 ? `${from}XXX` : from) as Bic,
    receiver: (to.length === 8 ? `${to}XXX` : to) as Bic,
    reference,
    uetr: elementText(text, "UETR"),
    priority: elementText(header, "Prty") === "HIGH" ? "urgent" : "normal",
    deliveryMonitoring: 0,
    obsolescenceMinutes: undefined,
    possibleDuplicate: duplicateMarker.test(header),
    dedupeText: text.replace(duplicateMarker, ""),
  });
}

// The header is found with one forward search for its first opening tag and one for the first
// closing tag after it: a lazy `[\s\S]*?` between them would rescan the rest of the text from
// every opening tag, quadratic in a message that repeats the tag (100 KB of them took seconds).

/** The text of the first AppHdr element, from its opening tag to the first closing tag. */
function appHdrOf(text: string): string | undefined {
  const open = /<(?:\w+:)?AppHdr[\s>]/g.exec(text);
  if (open === null) return undefined;
  const close = /<\/(?:\w+:)?AppHdr>/g;
  close.lastIndex = open.index + open[0].length;
  const end = close.exec(text);
  return end === null ? undefined : text.slice(open.index, end.index + end[0].length);
}

/** The first BICFI after the first match of `opening` (Fr or To), searched forward once. */
function bicfiAfter(header: string, opening: RegExp): string | undefined {
  assert(opening.global, "a forward search starts where the opening tag ends");
  const open = opening.exec(header);
  if (open === null) return undefined;
  const bicfi = /<(?:\w+:)?BICFI>([^<]*)</g;
  bicfi.lastIndex = open.index + open[0].length;
  return bicfi.exec(header)?.[1]?.trim();
}

function elementText(xml: string, name: string): string | undefined {
  const pattern = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`);
  return pattern.exec(xml)?.[1]?.trim();
}
