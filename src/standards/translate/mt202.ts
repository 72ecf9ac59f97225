// MT202 / MT205 <-> pacs.009.001.08 CORE, and MT202 COV <-> pacs.009 COV: 20 -> MsgId/InstrId,
// 21 -> EndToEndId, 52a -> Dbtr, 58a -> Cdtr, 57a -> CdtrAgt; sequence B -> UndrlygCstmrCdtTrf.
import type { MxAgent } from "../iso20022/common.js";
import type { MxUnderlyingTransfer, Pacs009 } from "../iso20022/pacs-009.js";
import { fieldByNumber, fieldByTag, partiesOf } from "../mt/field-access.js";
import { bicOfAddress } from "../mt/accessors.js";
import type { MtField, MtMessage } from "../mt/model.js";
import { fitLines, mtDate, type LossLog } from "./losses.js";
import {
  agentAccountOf, agentField, agentOf, amountField, codeWords, customerPartiesOf,
  identificationOf, logAgentAccount, pacs008Parties, previousAgentWord,
  routingOf, type MtFieldOut,
} from "./mt103.js";
import { mtAgentField, mxAccountOf, readMtParty } from "./mt-parties.js";

/** Sequence A (the bank transfer) and B (the underlying customer transfer) of an MT202 COV. */
export function splitCover(fields: readonly MtField[]): { a: MtField[]; b: MtField[] } {
  const start = fields.findIndex((field) => field.tag.startsWith("50"));
  if (start < 0) return { a: [...fields], b: [] };
  return { a: fields.slice(0, start), b: fields.slice(start) };
}

function underlyingOf(b: readonly MtField[]): MxUnderlyingTransfer | undefined {
  if (b.length === 0) return undefined;
  const remittance = fieldByTag(b, "70");
  const debtorAgent = agentOf(fieldByNumber(b, "52"));
  const intermediary = agentOf(fieldByNumber(b, "56"));
  const creditorAgent = agentOf(fieldByNumber(b, "57"));
  const instructed = fieldByTag(b, "33B");
  return {
    ...customerPartiesOf(b),
    ...(debtorAgent === undefined ? {} : { debtorAgent }),
    ...(intermediary === undefined ? {} : { intermediaryAgent1: intermediary }),
    ...(creditorAgent === undefined ? {} : { creditorAgent }),
    remittance: remittance === undefined ? [] : [remittance.lines.join("")],
    instructionsForNextAgent: codeWords(fieldByTag(b, "72"))
      .map((word) => `/${word.code}/${word.text}`.slice(0, 140)),
    ...(instructed === undefined ? {} : { instructedAmount: {
      currency: instructed.lines[0]?.slice(0, 3) ?? "",
      value: (instructed.lines[0]?.slice(3) ?? "").replace(",", ".").replace(/\.$/, "") } }),
  };
}

export function mt202ToPacs009(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Pacs009 {
  const { a, b } = splitCover(fields);
  const { sender, receiver } = partiesOf(message);
  const ordering = readMtParty(fieldByNumber(a, "52") ??
    { tag: "52A", lines: [bicOfAddress(sender)], line: 0 });
  const beneficiary = fieldByNumber(a, "58");
  const creditor = beneficiary === undefined ? { bic: bicOfAddress(receiver) }
    : agentOf(beneficiary) ?? {};
  const creditorAccount = beneficiary === undefined ? undefined
    : mxAccountOf(readMtParty(beneficiary).account);
  const creditorAgent = agentOf(fieldByNumber(a, "57"));
  logAgentAccount(fieldByNumber(a, "53"), log);
  logAgentAccount(fieldByNumber(a, "54"), log);
  const debtorAccount = agentAccountOf(fieldByNumber(a, "52"));
  const intermediaryAgent1Account = agentAccountOf(fieldByNumber(a, "56"));
  const creditorAgentAccount = agentAccountOf(fieldByNumber(a, "57"));
  const time = fieldByTag(a, "13C");
  if (time !== undefined) log.add(":13C:", `dropped "${time.lines.join("")}": time indication`);
  const debtor: MxAgent = agentOf(fieldByNumber(a, "52")) ?? { bic: ordering.bic ?? "" };
  const found = underlyingOf(b);
  // CBPR+ requires both agents of the underlying transfer: default to the ordering and the
  // beneficiary institutions of sequence A, as the MT202 COV usage rules imply.
  const underlying = found === undefined ? undefined : { ...found,
    debtorAgent: found.debtorAgent ?? debtor, creditorAgent: found.creditorAgent ?? creditor };
  return {
    ...identificationOf(message, a),
    ...routingOf(message, a),
    ...(creditorAgent === undefined ? {} : { creditorAgent }),
    instructionsForCreditorAgent: [],
    instructionsForNextAgent: codeWords(fieldByTag(a, "72"))
      .filter((word) => word !== previousAgentWord(a))
      .map((word) => `/${word.code}/${word.text}`.slice(0, 140)),
    remittance: [],
    debtor, creditor,
    ...(debtorAccount === undefined ? {} : { debtorAccount }),
    ...(intermediaryAgent1Account === undefined ? {} : { intermediaryAgent1Account }),
    ...(creditorAgentAccount === undefined ? {} : { creditorAgentAccount }),
    ...(creditorAccount === undefined ? {} : { creditorAccount }),
    ...(underlying === undefined ? {} : { underlying }),
  };
}


function sequenceB(model: MxUnderlyingTransfer, log: LossLog): MtFieldOut[] {
  const lines72 = fitLines(model.instructionsForNextAgent, { width: 35, linesMax: 6,
    where: ":72: (sequence B)" }, log);
  return [
    ...pacs008Parties({ debtor: model.debtor, debtorAccount: model.debtorAccount,
      creditor: model.creditor, creditorAccount: model.creditorAccount,
      debtorAgent: model.debtorAgent, creditorAgent: model.creditorAgent,
      intermediaryAgent1: model.intermediaryAgent1 }, log),
    ...(model.remittance.length === 0 ? [] : [{ tag: "70", value: fitLines(model.remittance,
      { width: 35, linesMax: 4, where: ":70: (sequence B)" }, log) }]),
    ...(lines72.length === 0 ? [] : [{ tag: "72", value: lines72 }]),
    ...(model.instructedAmount === undefined ? [] : amountField("33B",
      { prefix: "", amount: model.instructedAmount }, log)),
  ];
}

/** The fields of an MT202 (or MT202 COV when the model has an underlying transfer). */
export function pacs009ToMt202(model: Pacs009, log: LossLog): MtFieldOut[] {
  const reference = model.instructionId ?? model.messageId;
  if (reference.length > 16) log.add(":20:", `truncated "${reference.slice(16)}" of the reference`);
  const related = model.endToEndId === "NOTPROVIDED" ? "NONREF" : model.endToEndId;
  if (related.length > 16) log.add(":21:", `truncated "${related.slice(16)}" of EndToEndId`);
  const lines72 = fitLines(model.instructionsForNextAgent,
    { width: 35, linesMax: 6, where: ":72:" }, log);
  return [
    { tag: "20", value: [reference.slice(0, 16)] }, { tag: "21", value: [related.slice(0, 16)] },
    ...amountField("32A", { prefix: mtDate(model.settlementDate ?? model.createdAt),
      amount: model.settlementAmount }, log),
    ...agentField("52", { agent: model.debtor, account: model.debtorAccount }, log),
    ...agentField("53", { agent: model.instructingReimbursementAgent }, log),
    ...agentField("54", { agent: model.instructedReimbursementAgent }, log),
    ...agentField("56", { agent: model.intermediaryAgent1,
      account: model.intermediaryAgent1Account }, log),
    ...agentField("57", { agent: model.creditorAgent, account: model.creditorAgentAccount }, log),
    ...(model.creditor.bic === undefined && model.creditor.name === undefined ? [] :
      [mtAgentField("58", { agent: model.creditor, account: model.creditorAccount }, log)]),
    ...(lines72.length === 0 ? [] : [{ tag: "72", value: lines72 }]),
    ...(model.underlying === undefined ? [] : sequenceB(model.underlying, log)),
  ];
}
