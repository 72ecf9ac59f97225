// Small helpers over a message's fields used by the network validated rules and the typed
// accessors: find a field by tag or by number (any option letter), read amounts and currencies.
import type { Problem } from "../../lib/index.js";
import type { MtField, MtMessage } from "./model.js";

/** The field with this exact tag, e.g. "32A", or undefined. */
export function fieldByTag(fields: readonly MtField[], tag: string): MtField | undefined {
  return fields.find((field) => field.tag === tag);
}

/** The first field with this number and any option letter: "53" finds 53A, 53B or 53D. */
export function fieldByNumber(fields: readonly MtField[], number: string): MtField | undefined {
  return fields.find((field) => field.tag.startsWith(number) && field.tag.length <= 3);
}

export function fieldsByTag(fields: readonly MtField[], tag: string): MtField[] {
  return fields.filter((field) => field.tag === tag);
}

/** The option letter of a field ("" for no letter). */
export function optionOf(field: MtField): string {
  return field.tag.slice(2);
}

export function firstLine(field: MtField | undefined): string {
  return field?.lines[0] ?? "";
}

/** Has the party field a party identifier / account line (first line starting with "/")? */
export function hasAccountLine(field: MtField): boolean {
  return firstLine(field).startsWith("/") && field.lines.length > 1;
}

/** Currency of 32A (after the date) or of 33B/71F/71G/32B (first three characters). */
export function currencyOf(field: MtField): string {
  const line = firstLine(field);
  return field.tag === "32A" ? line.slice(6, 9) : line.slice(0, 3);
}

export function amountOf(field: MtField): string {
  const line = firstLine(field);
  return field.tag === "32A" ? line.slice(9) : line.slice(3);
}

/** Four-character code words of 23E lines (before any "/"), in order. */
export function instructionCodes(fields: readonly MtField[]): string[] {
  return fieldsByTag(fields, "23E").map((field) => firstLine(field).slice(0, 4));
}

export function ruleProblem(code: string, field: { tag: string; line: number }, message: string)
  : Problem {
  return { code, location: field.tag, line: field.line, message };
}

/** Block 3 tag value, e.g. 119 or 121. */
export function userHeaderValue(message: MtMessage, tag: string): string | undefined {
  return message.userHeader?.find((entry) => entry.tag === tag)?.value;
}

/** Sender and receiver BICs from the headers, for input or output messages. */
export function partiesOf(message: MtMessage): { sender: string; receiver: string } {
  const application = message.applicationHeader;
  const own = message.basicHeader.logicalTerminal;
  if (application === undefined) return { sender: own, receiver: "" };
  if (application.direction === "I") {
    return { sender: own, receiver: application.receiverAddress };
  }
  return { sender: application.senderAddress, receiver: own };
}
