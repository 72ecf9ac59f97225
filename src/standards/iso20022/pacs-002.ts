// pacs.002.001.10 FI to FI payment status report (CBPR+: one transaction, e.g. a reject RJCT):
// the typed model, read from a parsed message and built back into a Document.
import { assert } from "../../lib/index.js";
import {
  buildAgent, buildAmount, defined, readAgent, readAmount, type MxAgent, type MxAmount,
} from "./common.js";
import { at, childrenOf, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

/** The identification of the transaction a status, return or cancellation refers to. */
export interface MxOriginal {
  readonly originalMessageId: string;
  /** e.g. "pacs.008.001.08" or "MT103". */
  readonly originalMessageType: string;
  readonly originalCreatedAt?: string;
  readonly originalInstructionId?: string;
  readonly originalEndToEndId?: string;
  readonly originalTransactionId?: string;
  readonly originalUetr?: string;
  readonly originalAmount?: MxAmount;
  readonly originalSettlementDate?: string;
}

export interface Pacs002 extends MxOriginal {
  readonly messageId: string;
  readonly createdAt: string;
  /** ACCC, ACSP, RJCT, PDNG ... */
  readonly status: string;
  readonly reasonCode?: string;
  readonly additionalInformation: readonly string[];
  readonly instructingAgent?: MxAgent;
  readonly instructedAgent?: MxAgent;
}

export function readOriginal(tx: XmlElement): MxOriginal {
  return defined<MxOriginal>({
    originalMessageId: textAt(tx, "OrgnlGrpInf/OrgnlMsgId") ?? "",
    originalMessageType: textAt(tx, "OrgnlGrpInf/OrgnlMsgNmId") ?? "",
    originalCreatedAt: textAt(tx, "OrgnlGrpInf/OrgnlCreDtTm"),
    originalInstructionId: textAt(tx, "OrgnlInstrId"),
    originalEndToEndId: textAt(tx, "OrgnlEndToEndId"),
    originalTransactionId: textAt(tx, "OrgnlTxId"),
    originalUetr: textAt(tx, "OrgnlUETR"),
    originalAmount: readAmount(at(tx, "OrgnlIntrBkSttlmAmt")) ??
      readAmount(at(tx, "OrgnlTxRef/IntrBkSttlmAmt")),
    originalSettlementDate: textAt(tx, "OrgnlIntrBkSttlmDt") ??
      textAt(tx, "OrgnlTxRef/IntrBkSttlmDt"),
  });
}

export function buildOriginal(model: MxOriginal): (XmlElement | undefined)[] {
  return [
    el("OrgnlGrpInf", [el("OrgnlMsgId", model.originalMessageId),
      el("OrgnlMsgNmId", model.originalMessageType), el("OrgnlCreDtTm", model.originalCreatedAt)]),
    el("OrgnlInstrId", model.originalInstructionId),
    el("OrgnlEndToEndId", model.originalEndToEndId),
    el("OrgnlTxId", model.originalTransactionId),
    el("OrgnlUETR", model.originalUetr),
  ];
}

export function readPacs002(document: XmlElement): Pacs002 {
  const body = at(document, "FIToFIPmtStsRpt");
  const tx = at(body, "TxInfAndSts");
  assert(body !== undefined && tx !== undefined, "a valid CBPR+ pacs.002 has one transaction");
  const reason = at(tx, "StsRsnInf");
  return {
    ...readOriginal(tx),
    ...defined<Partial<Pacs002>>({
      reasonCode: textAt(reason, "Rsn/Cd") ?? textAt(reason, "Rsn/Prtry"),
      instructingAgent: readAgent(at(tx, "InstgAgt")),
      instructedAgent: readAgent(at(tx, "InstdAgt")),
    }),
    messageId: textAt(body, "GrpHdr/MsgId") ?? "",
    createdAt: textAt(body, "GrpHdr/CreDtTm") ?? "",
    status: textAt(tx, "TxSts") ?? "",
    additionalInformation: childrenOf(reason, "AddtlInf").map((line) => line.text),
  };
}

export function buildPacs002(model: Pacs002): XmlElement {
  const reason = el("StsRsnInf", [el("Rsn", [el("Cd", model.reasonCode)]),
    ...model.additionalInformation.map((line) => el("AddtlInf", line))]);
  const reference = el("OrgnlTxRef", [buildAmount("IntrBkSttlmAmt", model.originalAmount),
    el("IntrBkSttlmDt", model.originalSettlementDate)]);
  const tx = el("TxInfAndSts", [...buildOriginal(model), el("TxSts", model.status), reason,
    buildAgent("InstgAgt", model.instructingAgent), buildAgent("InstdAgt", model.instructedAgent),
    reference]);
  return must(el("Document", [el("FIToFIPmtStsRpt", [
    el("GrpHdr", [el("MsgId", model.messageId), el("CreDtTm", model.createdAt)]), tx])]),
  "pacs.002 Document");
}
