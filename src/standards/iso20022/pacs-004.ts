// pacs.004.001.09 payment return (CBPR+: one transaction): the typed model, read from a parsed
// message and built back into a Document.
import { assert } from "../../lib/index.js";
import {
  buildAgent, buildAmount, buildParty, defined, readAgent, readAmount, readParty, type MxAgent,
  type MxAmount, type MxParty,
} from "./common.js";
import { buildOriginal, readOriginal, type MxOriginal } from "./pacs-002.js";
import { at, childrenOf, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

export interface Pacs004 extends MxOriginal {
  readonly messageId: string;
  readonly createdAt: string;
  readonly settlementMethod: string;
  readonly returnId?: string;
  readonly returnedAmount: MxAmount;
  readonly settlementDate?: string;
  readonly returnedInstructedAmount?: MxAmount;
  readonly chargeBearer?: string;
  readonly instructingAgent?: MxAgent;
  readonly instructedAgent?: MxAgent;
  readonly reasonCode?: string;
  readonly additionalInformation: readonly string[];
  /** RtrChain/Dbtr/Pty and RtrChain/Cdtr/Pty: the customers of the returned payment. */
  readonly returnDebtor?: MxParty;
  readonly returnCreditor?: MxParty;
  /** RtrChain/Dbtr/Agt and RtrChain/Cdtr/Agt when the party is a financial institution. */
  readonly returnDebtorAgent?: MxAgent;
  readonly returnCreditorAgent?: MxAgent;
}

export function readPacs004(document: XmlElement): Pacs004 {
  const body = at(document, "PmtRtr");
  const tx = at(body, "TxInf");
  assert(body !== undefined && tx !== undefined, "a valid CBPR+ pacs.004 has one transaction");
  const reason = at(tx, "RtrRsnInf");
  return {
    ...readOriginal(tx),
    ...defined<Partial<Pacs004>>({
      returnId: textAt(tx, "RtrId"),
      settlementDate: textAt(tx, "IntrBkSttlmDt"),
      returnedInstructedAmount: readAmount(at(tx, "RtrdInstdAmt")),
      chargeBearer: textAt(tx, "ChrgBr"),
      instructingAgent: readAgent(at(tx, "InstgAgt")),
      instructedAgent: readAgent(at(tx, "InstdAgt")),
      reasonCode: textAt(reason, "Rsn/Cd") ?? textAt(reason, "Rsn/Prtry"),
      returnDebtor: readParty(at(tx, "RtrChain/Dbtr/Pty")),
      returnCreditor: readParty(at(tx, "RtrChain/Cdtr/Pty")),
      returnDebtorAgent: readAgent(at(tx, "RtrChain/Dbtr/Agt")),
      returnCreditorAgent: readAgent(at(tx, "RtrChain/Cdtr/Agt")),
    }),
    messageId: textAt(body, "GrpHdr/MsgId") ?? "",
    createdAt: textAt(body, "GrpHdr/CreDtTm") ?? "",
    settlementMethod: textAt(body, "GrpHdr/SttlmInf/SttlmMtd") ?? "",
    returnedAmount: readAmount(at(tx, "RtrdIntrBkSttlmAmt")) ?? { currency: "", value: "" },
    additionalInformation: childrenOf(reason, "AddtlInf").map((line) => line.text),
  };
}

function buildReturnChain(model: Pacs004): XmlElement | undefined {
  const debtor = el("Dbtr", [buildParty("Pty", model.returnDebtor),
    buildAgent("Agt", model.returnDebtorAgent)]);
  const creditor = el("Cdtr", [buildParty("Pty", model.returnCreditor),
    buildAgent("Agt", model.returnCreditorAgent)]);
  // Both sides are mandatory in TransactionParties7: no chain unless both are known.
  if (debtor === undefined || creditor === undefined) return undefined;
  return el("RtrChain", [debtor, creditor]);
}

export function buildPacs004(model: Pacs004): XmlElement {
  const reason = el("RtrRsnInf", [el("Rsn", [el("Cd", model.reasonCode)]),
    ...model.additionalInformation.map((line) => el("AddtlInf", line))]);
  const tx = el("TxInf", [
    el("RtrId", model.returnId), ...buildOriginal(model),
    buildAmount("OrgnlIntrBkSttlmAmt", model.originalAmount),
    el("OrgnlIntrBkSttlmDt", model.originalSettlementDate),
    buildAmount("RtrdIntrBkSttlmAmt", model.returnedAmount),
    el("IntrBkSttlmDt", model.settlementDate),
    buildAmount("RtrdInstdAmt", model.returnedInstructedAmount), el("ChrgBr", model.chargeBearer),
    buildAgent("InstgAgt", model.instructingAgent), buildAgent("InstdAgt", model.instructedAgent),
    buildReturnChain(model),
    reason,
  ]);
  const header = el("GrpHdr", [el("MsgId", model.messageId), el("CreDtTm", model.createdAt),
    el("NbOfTxs", "1"), el("SttlmInf", [el("SttlmMtd", model.settlementMethod)])]);
  return must(el("Document", [el("PmtRtr", [header, tx])]), "pacs.004 Document");
}
