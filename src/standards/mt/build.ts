// Builders: MT messages from typed values with FIN's canonical layout (CRLF, no gaps), and the
// service 21 ACK/NAK the hub answers with: {1:F21...}{4:{177:YYMMDDHHMM}{451:0|1}[{405:code}]}.
import { assert } from "../../lib/index.js";
import type { MtField, MtMessage, MtTag } from "./model.js";

export interface MtFieldInput {
  readonly tag: string;
  /** One string per line, or one string with "\n" between lines. */
  readonly value: string | readonly string[];
}

export interface MtBuildInput {
  /** Sender BIC (8 or 11 characters) or 12-character logical terminal. */
  readonly sender: string;
  readonly receiver: string;
  /** "103", "202" ... */
  readonly messageType: string;
  readonly priority?: "N" | "U" | "S";
  readonly sessionNumber?: string;
  readonly sequenceNumber?: string;
  /** Block 3 tags in order, e.g. [{ tag: "121", value: uetr }]. */
  readonly userHeader?: readonly MtTag[];
  readonly fields: readonly MtFieldInput[];
  readonly trailer?: readonly MtTag[];
}

/** A 12-character LT address: BIC8 + LT code + branch (`XXX` when the BIC has none). */
export function logicalTerminalOf(bicOrAddress: string, terminalCode: string): string {
  if (bicOrAddress.length === 12) return bicOrAddress;
  assert(bicOrAddress.length === 8 || bicOrAddress.length === 11, "a BIC has 8 or 11 characters");
  assert(terminalCode.length === 1, "an LT code is one character");
  const branch = bicOrAddress.length === 11 ? bicOrAddress.slice(8) : "XXX";
  return `${bicOrAddress.slice(0, 8)}${terminalCode}${branch}`;
}

function toField(input: MtFieldInput): MtField {
  const lines = typeof input.value === "string" ? input.value.split("\n") : [...input.value];
  assert(lines.length > 0, "a field has at least one line");
  return { tag: input.tag, lines, line: 0 };
}

/** An input (block 2 "I") user message, service 01, ready for renderMt and validateMt. */
export function buildMt(input: MtBuildInput): MtMessage {
  assert(/^\d{3}$/.test(input.messageType), "a message type has 3 digits");
  const blocks = 3 + (input.userHeader === undefined ? 0 : 1) +
    (input.trailer === undefined ? 0 : 1);
  return {
    basicHeader: { applicationId: "F", serviceId: "01",
      logicalTerminal: logicalTerminalOf(input.sender, "A"),
      sessionNumber: input.sessionNumber ?? "0000",
      sequenceNumber: input.sequenceNumber ?? "000000" },
    applicationHeader: { direction: "I", messageType: input.messageType,
      receiverAddress: logicalTerminalOf(input.receiver, "X"), priority: input.priority ?? "N" },
    ...(input.userHeader === undefined ? {} : { userHeader: input.userHeader }),
    text: { kind: "fields", fields: input.fields.map(toField) },
    ...(input.trailer === undefined ? {} : { trailer: input.trailer }),
    layout: { lineEnding: "\r\n", leading: "", afterBlocks: new Array<string>(blocks).fill(""),
      firstLine: 1 },
  };
}

export interface MtAckInput {
  /** YYMMDDHHMM of the network's decision (from the Clock port; standards read no clock). */
  readonly dateTime: string;
  /** Absent for an ACK; the NAK's error code (e.g. "T13") otherwise. */
  readonly errorCode?: string;
}

/** The ACK or NAK (service 21) answering `message`, echoing its LT, session and sequence. */
export function buildAck(message: MtMessage, input: MtAckInput): MtMessage {
  assert(/^\d{10}$/.test(input.dateTime), "an ACK date-time is YYMMDDHHMM");
  const basic = message.basicHeader;
  const tags: MtTag[] = [{ tag: "177", value: input.dateTime },
    { tag: "451", value: input.errorCode === undefined ? "0" : "1" }];
  if (input.errorCode !== undefined) tags.push({ tag: "405", value: input.errorCode });
  return {
    basicHeader: { applicationId: "F", serviceId: "21", logicalTerminal: basic.logicalTerminal,
      sessionNumber: basic.sessionNumber, sequenceNumber: basic.sequenceNumber },
    text: { kind: "tags", tags },
    layout: { lineEnding: "\r\n", leading: "", afterBlocks: ["", ""], firstLine: 1 },
  };
}

export interface MtAck {
  readonly accepted: boolean;
  readonly dateTime: string;
  readonly errorCode?: string;
}

/** Reads a service 21 message as ACK/NAK; undefined when it is not one. */
export function ackOf(message: MtMessage): MtAck | undefined {
  if (message.basicHeader.serviceId !== "21" || message.text?.kind !== "tags") return undefined;
  const value = (tag: string): string | undefined =>
    message.text?.kind === "tags" ? message.text.tags.find((t) => t.tag === tag)?.value : undefined;
  const result = value("451");
  const dateTime = value("177");
  if ((result !== "0" && result !== "1") || dateTime === undefined) return undefined;
  const errorCode = value("405");
  return { accepted: result === "0", dateTime, ...(errorCode === undefined ? {} : { errorCode }) };
}
