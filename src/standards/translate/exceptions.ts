// MT <-> MX for exceptions and investigations: MT103/202/205 RETN <-> pacs.004, MT199/299
// rejects <-> pacs.002, MT192/292 <-> camt.056, MT196/296 <-> camt.029.
import { fail, ok, type Result } from "../../lib/index.js";
import type { MxBody } from "../iso20022/build.js";
import type { Camt029 } from "../iso20022/camt-029.js";
import type { Camt056 } from "../iso20022/camt-056.js";
import type { Pacs002 } from "../iso20022/pacs-002.js";
import type { Pacs004 } from "../iso20022/pacs-004.js";
import { bicOfAddress } from "../mt/accessors.js";
import { amountOf, currencyOf, fieldByNumber, fieldByTag, firstLine, partiesOf }
  from "../mt/field-access.js";
import type { MtField, MtMessage } from "../mt/model.js";
import { cut, fitLines, isoDate, mxAmountOf, type LossLog } from "./losses.js";
import { amountField, codeWords, customerPartiesOf, type MtFieldOut } from "./mt103.js";
import { mtPartyField } from "./mt-parties.js";

type Converted = Result<MxBody>;

/** "103" -> pacs.008, "202"/"205" -> pacs.009: the MX that replaced the original MT. */
function originalType(mtType: string): string {
  return mtType.startsWith("2") ? "pacs.009.001.08" : "pacs.008.001.08";
}

function agents(message: MtMessage): { sender: string; receiver: string } {
  const { sender, receiver } = partiesOf(message);
  return { sender: bicOfAddress(sender), receiver: bicOfAddress(receiver) };
}

/** Reason code (4 characters) and narrative lines after a marker such as /RETN/ or /REJT/. */
function reasonOf(lines: readonly string[], marker: string): { code?: string; text: string[] } {
  const all = codeWords({ tag: "72", lines, line: 0 });
  // "/RETN/AC01" or "/REJT/AC01": the code may follow the marker on the same line.
  const inline = /^([A-Z]{2}[0-9]{2})\b/.exec(all.find((word) => word.code === marker)?.text ?? "");
  const words = all
    .filter((word) => word.code !== marker && word.code !== "MREF" && word.code !== "RREF");
  const coded = inline === null ? words.find((word) => /^[A-Z]{2}[0-9]{2}$/.test(word.code))
    : { code: inline[1] ?? "", text: "" };
  const rc = words.find((word) => word.code === "RC");
  const code = coded?.code ?? rc?.text.slice(0, 4);
  const text = words.filter((word) => word !== coded && word !== rc)
    .map((word) => (word.code === "" ? word.text : `/${word.code}/${word.text}`).trim())
    .filter((line) => line !== "");
  return { ...(code === undefined ? {} : { code }), text };
}

export function returnToPacs004(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Converted {
  const { sender, receiver } = agents(message);
  const amount = fieldByTag(fields, "32A");
  const date = isoDate(firstLine(amount).slice(0, 6));
  const reason = reasonOf(fieldByTag(fields, "72")?.lines ?? [], "RETN");
  const mtType = message.applicationHeader?.messageType ?? "103";
  const parties = mtType === "103" ? customerPartiesOf(fields) : undefined;
  const uetr = message.userHeader?.find((tag) => tag.tag === "121")?.value;
  const model: Pacs004 = {
    messageId: firstLine(fieldByTag(fields, "20")), createdAt: `${date}T00:00:00+00:00`,
    settlementMethod: "INDA", originalMessageId: firstLine(fieldByTag(fields, "21")),
    originalMessageType: originalType(mtType),
    originalInstructionId: firstLine(fieldByTag(fields, "21")),
    ...(uetr === undefined ? {} : { originalUetr: uetr }),
    returnedAmount: { currency: amount === undefined ? "" : currencyOf(amount),
      value: amount === undefined ? "" : mxAmountOf(amountOf(amount)) },
    settlementDate: date, chargeBearer: "SHAR",
    instructingAgent: { bic: sender }, instructedAgent: { bic: receiver },
    reasonCode: reason.code ?? "NARR",
    additionalInformation: reason.text.map((line) => cut(line, { max: 105, where: ":72:" }, log)),
    ...(parties === undefined ? {} : { returnDebtor: parties.debtor,
      returnCreditor: parties.creditor }),
  };
  for (const tag of ["50", "52", "53", "56", "57", "58", "59", "70"]) {
    const field = fieldByNumber(fields, tag);
    if (field !== undefined && !(parties !== undefined && (tag === "50" || tag === "59"))) {
      log.add(`:${field.tag}:`, `dropped "${field.lines.join(" ")}": not carried by pacs.004`);
    }
  }
  return ok({ type: "pacs.004.001.09", model });
}

export function rejectToPacs002(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Converted {
  const narrative = fieldByTag(fields, "79")?.lines ?? [];
  if (!narrative.join("").includes("/REJT/")) {
    return fail("translate-not-supported", ":79:", "Cannot translate a free-format MT199/299 " +
      "to MX: only rejects (/REJT/ in field 79) map to pacs.002");
  }
  const { sender, receiver } = agents(message);
  const reason = reasonOf(narrative, "REJT");
  const uetr = message.userHeader?.find((tag) => tag.tag === "121")?.value;
  const model: Pacs002 = {
    messageId: firstLine(fieldByTag(fields, "20")), createdAt: "",
    originalMessageId: firstLine(fieldByTag(fields, "21")),
    originalMessageType: originalType(message.applicationHeader?.messageType === "299" ? "202"
      : "103"),
    originalInstructionId: firstLine(fieldByTag(fields, "21")),
    ...(uetr === undefined ? {} : { originalUetr: uetr }),
    status: "RJCT", reasonCode: reason.code ?? "NARR",
    additionalInformation: reason.text.map((line) => cut(line, { max: 105, where: ":79:" }, log)),
    instructingAgent: { bic: sender }, instructedAgent: { bic: receiver },
  };
  return ok({ type: "pacs.002.001.10", model });
}

function codeAndText(lines: readonly string[]): { code?: string; text: string[] } {
  const first = lines[0] ?? "";
  const match = /^\/?([A-Z][A-Z0-9]{3})\/?\s*(.*)$/.exec(first);
  if (match === null) return { text: [...lines] };
  const rest = [match[2] ?? "", ...lines.slice(1)].map((line) => line.trim())
    .filter((line) => line !== "");
  return { code: match[1] ?? "", text: rest };
}

export function cancellationToCamt056(message: MtMessage, fields: readonly MtField[],
  log: LossLog): Converted {
  const { sender, receiver } = agents(message);
  const original = fieldByTag(fields, "11S");
  const reason = codeAndText(fieldByTag(fields, "79")?.lines ?? []);
  const amount = fieldByTag(fields, "32A");
  if (original !== undefined && original.lines.length > 1) {
    log.add(":11S:", `dropped session and ISN "${original.lines.slice(1).join("")}"`);
  }
  const originalDate = original?.lines[1]?.slice(0, 6) ?? firstLine(original).slice(3, 9);
  const uetr = message.userHeader?.find((tag) => tag.tag === "121")?.value;
  const model: Camt056 = {
    ...(uetr === undefined ? {} : { originalUetr: uetr }),
    assignmentId: firstLine(fieldByTag(fields, "20")), assigner: { bic: sender },
    assignee: { bic: receiver }, createdAt: "", caseId: firstLine(fieldByTag(fields, "20")),
    caseCreator: { bic: sender }, originalMessageId: firstLine(fieldByTag(fields, "21")),
    originalMessageType: originalType(firstLine(original).slice(0, 3) || "103"),
    originalInstructionId: firstLine(fieldByTag(fields, "21")),
    ...(amount === undefined ? {} : { originalAmount: { currency: currencyOf(amount),
      value: mxAmountOf(amountOf(amount)) }, originalSettlementDate: isoDate(firstLine(amount)) }),
    ...(originalDate.length === 6 && amount === undefined
      ? { originalSettlementDate: isoDate(originalDate) } : {}),
    reasonCode: reason.code ?? "NARR",
    additionalInformation: fitLines(reason.text, { width: 105, linesMax: 2, where: ":79:" }, log),
  };
  return ok({ type: "camt.056.001.08", model });
}

export function answerToCamt029(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Converted {
  const { sender, receiver } = agents(message);
  const answer = codeAndText(fieldByTag(fields, "76")?.lines ?? []);
  const confirmations: Readonly<Record<string, string>> = { CNCL: "CNCL", CANC: "CNCL",
    PDCR: "PDCR", RJCR: "RJCR" };
  const confirmation = confirmations[answer.code ?? ""];
  if (confirmation === undefined) {
    return fail("translate-not-supported", ":76:",
      `Cannot translate answer "${answer.code ?? ""}"` +
      " to camt.029: only CNCL, PDCR and RJCR (or CANC) answers have a CBPR+ equivalent");
  }
  for (const tag of ["77A", "79", "11R", "11S"]) {
    const field = fieldByTag(fields, tag);
    if (field !== undefined) log.add(`:${tag}:`, `dropped "${field.lines.join(" ")}"`);
  }
  if (answer.text.length > 0) log.add(":76:", `dropped narrative "${answer.text.join(" ")}"`);
  const uetr = message.userHeader?.find((tag) => tag.tag === "121")?.value;
  const model: Camt029 = {
    ...(uetr === undefined ? {} : { originalUetr: uetr }),
    assignmentId: firstLine(fieldByTag(fields, "20")), assigner: { bic: sender },
    assignee: { bic: receiver }, createdAt: "",
    resolvedCaseId: firstLine(fieldByTag(fields, "21")), resolvedCaseCreator: { bic: receiver },
    confirmation, originalMessageId: "", originalMessageType: "", additionalInformation: [],
  };
  return ok({ type: "camt.029.001.09", model });
}

export interface MtOut {
  readonly type: string;
  readonly fields: MtFieldOut[];
}

export function pacs004ToReturn(model: Pacs004, log: LossLog): MtOut {
  const customer = model.originalMessageType.startsWith("pacs.008");
  const originalReference = (model.originalInstructionId ?? model.originalMessageId) || "NONREF";
  // MT103 has no field 21: the original reference travels as /MREF/ in field 72.
  const reason = [`/RETN/${model.reasonCode ?? ""}`, ...(customer ? [`/MREF/${originalReference}`]
    : []), ...model.additionalInformation];
  const amount = amountField("32A", { prefix: `${(model.settlementDate ?? model.createdAt)
    .slice(2, 4)}${(model.settlementDate ?? model.createdAt).slice(5, 7)}${
    (model.settlementDate ?? model.createdAt).slice(8, 10)}`, amount: model.returnedAmount }, log);
  const head = [{ tag: "20", value: [cut(model.messageId, { max: 16, where: ":20:" }, log)] },
    ...(customer ? [] : [{ tag: "21", value: [cut(originalReference,
      { max: 16, where: ":21:" }, log)] }])];
  const lines72 = fitLines(reason, { width: 35, linesMax: 6, where: ":72:" }, log);
  if (!customer) {
    const beneficiary = model.instructedAgent?.bic;
    return { type: "202", fields: [...head, ...amount,
      ...(beneficiary === undefined ? [] : [{ tag: "58A", value: [beneficiary] }]),
      { tag: "72", value: lines72 }] };
  }
  if (model.returnDebtor === undefined || model.returnCreditor === undefined) {
    log.add("/Document/PmtRtr/TxInf/RtrChain", "no debtor or creditor: MT103 fields 50a and 59a " +
      "are written as NOTPROVIDED");
  }
  return { type: "103", fields: [...head, { tag: "23B", value: ["CRED"] }, ...amount,
    ...amountField("33B", { prefix: "", amount: model.returnedInstructedAmount ??
      model.returnedAmount }, log),
    mtPartyField("50", { party: model.returnDebtor ?? { name: "NOTPROVIDED" } }, log),
    mtPartyField("59", { party: model.returnCreditor ?? { name: "NOTPROVIDED" } }, log),
    { tag: "71A", value: ["SHA"] }, { tag: "72", value: lines72 }] };
}

export function pacs002ToReject(model: Pacs002, log: LossLog): MtOut {
  const customer = !model.originalMessageType.startsWith("pacs.009");
  const narrative = fitLines([`/REJT/${model.reasonCode ?? ""}`, ...model.additionalInformation],
    { width: 50, linesMax: 35, where: ":79:" }, log);
  if (model.status !== "RJCT") {
    log.add("/Document/FIToFIPmtStsRpt/TxInfAndSts/TxSts",
      `status "${model.status}" is carried as text: MT199/299 only knows rejects`);
  }
  return { type: customer ? "199" : "299", fields: [
    { tag: "20", value: [cut(model.messageId, { max: 16, where: ":20:" }, log)] },
    { tag: "21", value: [cut(model.originalInstructionId ?? model.originalEndToEndId ??
      model.originalMessageId, { max: 16, where: ":21:" }, log)] },
    { tag: "79", value: model.status === "RJCT" ? narrative : [`/${model.status}/`, ...narrative] },
  ] };
}

function mtTypeOf(originalMessageType: string): string {
  return originalMessageType.startsWith("pacs.009") ? "202" : "103";
}

export function camt056ToCancellation(model: Camt056, log: LossLog): MtOut {
  const mtType = mtTypeOf(model.originalMessageType);
  const date = model.originalSettlementDate ?? model.createdAt;
  const original = `${mtType}\n${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
  return { type: mtType === "202" ? "292" : "192", fields: [
    { tag: "20", value: [cut(model.assignmentId, { max: 16, where: ":20:" }, log)] },
    { tag: "21", value: [cut(model.originalInstructionId ?? model.originalEndToEndId ??
      model.originalMessageId, { max: 16, where: ":21:" }, log)] },
    { tag: "11S", value: original.split("\n") },
    { tag: "79", value: fitLines([`/${model.reasonCode ?? "NARR"}/`,
      ...model.additionalInformation], { width: 50, linesMax: 35, where: ":79:" }, log) },
    ...(model.originalAmount === undefined ? [] : amountField("32A", { prefix:
      `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`, amount: model.originalAmount },
    log)),
  ] };
}

export function camt029ToAnswer(model: Camt029, log: LossLog): MtOut {
  const mtType = mtTypeOf(model.originalMessageType);
  return { type: mtType === "202" ? "296" : "196", fields: [
    { tag: "20", value: [cut(model.assignmentId, { max: 16, where: ":20:" }, log)] },
    { tag: "21", value: [cut(model.resolvedCaseId ?? model.originalMessageId,
      { max: 16, where: ":21:" }, log)] },
    { tag: "76", value: fitLines([`/${model.confirmation}/${model.reasonCode ?? ""}`,
      ...model.additionalInformation], { width: 35, linesMax: 6, where: ":76:" }, log) },
  ] };
}
