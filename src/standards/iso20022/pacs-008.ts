// pacs.008.001.08 FI to FI customer credit transfer (CBPR+ core and STP): the typed model of
// one transaction, read from a parsed message and built back into a Document.
import { assert } from "../../lib/index.js";
import {
  buildAccount, buildAgent, buildAmount, buildParty, defined, readAccount, readAgent, readAmount,
  readParty, type MxAccount, type MxAgent, type MxAmount, type MxParty,
} from "./common.js";
import { at, childrenOf, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

export interface MxCharge {
  readonly amount: MxAmount;
  readonly agent?: MxAgent;
}

export interface MxInstruction {
  readonly code?: string;
  readonly information?: string;
}

/** The settlement and routing part shared by pacs.008 and pacs.009. */
export interface MxSettlement {
  readonly messageId: string;
  readonly createdAt: string;
  /** INDA, INGA, COVE or CLRG. */
  readonly settlementMethod: string;
  readonly settlementAccount?: MxAccount;
  readonly instructingReimbursementAgent?: MxAgent;
  readonly instructedReimbursementAgent?: MxAgent;
  readonly thirdReimbursementAgent?: MxAgent;
  readonly instructionId?: string;
  readonly endToEndId: string;
  readonly transactionId?: string;
  readonly uetr?: string;
  readonly serviceLevel?: string;
  readonly localInstrument?: string;
  readonly categoryPurpose?: string;
  readonly settlementAmount: MxAmount;
  readonly settlementDate?: string;
  readonly instructingAgent?: MxAgent;
  readonly instructedAgent?: MxAgent;
  readonly previousInstructingAgent?: MxAgent;
  readonly intermediaryAgent1?: MxAgent;
  readonly intermediaryAgent1Account?: MxAccount;
  readonly intermediaryAgent2?: MxAgent;
  readonly debtorAgent?: MxAgent;
  readonly debtorAgentAccount?: MxAccount;
  readonly creditorAgent?: MxAgent;
  readonly creditorAgentAccount?: MxAccount;
  readonly instructionsForCreditorAgent: readonly MxInstruction[];
  readonly instructionsForNextAgent: readonly string[];
  readonly remittance: readonly string[];
}

export interface Pacs008 extends MxSettlement {
  readonly instructedAmount?: MxAmount;
  readonly exchangeRate?: string;
  /** DEBT, CRED, SHAR or SLEV. */
  readonly chargeBearer: string;
  readonly charges: readonly MxCharge[];
  readonly debtor: MxParty;
  readonly debtorAccount?: MxAccount;
  readonly creditor: MxParty;
  readonly creditorAccount?: MxAccount;
  readonly purpose?: string;
  readonly regulatoryReporting: readonly string[];
}

/** Reads the header and payment identification parts common to pacs.008 and pacs.009. */
export function readSettlement(body: XmlElement, tx: XmlElement): MxSettlement {
  const info = at(body, "GrpHdr/SttlmInf");
  return defined<MxSettlement>({
    messageId: textAt(body, "GrpHdr/MsgId") ?? "",
    createdAt: textAt(body, "GrpHdr/CreDtTm") ?? "",
    settlementMethod: textAt(info, "SttlmMtd") ?? "",
    settlementAccount: readAccount(at(info, "SttlmAcct")),
    instructingReimbursementAgent: readAgent(at(info, "InstgRmbrsmntAgt")),
    instructedReimbursementAgent: readAgent(at(info, "InstdRmbrsmntAgt")),
    thirdReimbursementAgent: readAgent(at(info, "ThrdRmbrsmntAgt")),
    instructionId: textAt(tx, "PmtId/InstrId"),
    endToEndId: textAt(tx, "PmtId/EndToEndId") ?? "",
    transactionId: textAt(tx, "PmtId/TxId"),
    uetr: textAt(tx, "PmtId/UETR"),
    serviceLevel: textAt(tx, "PmtTpInf/SvcLvl/Cd"),
    localInstrument: textAt(tx, "PmtTpInf/LclInstrm/Prtry") ?? textAt(tx, "PmtTpInf/LclInstrm/Cd"),
    categoryPurpose: textAt(tx, "PmtTpInf/CtgyPurp/Cd"),
    settlementAmount: readAmount(at(tx, "IntrBkSttlmAmt")) ?? { currency: "", value: "" },
    settlementDate: textAt(tx, "IntrBkSttlmDt"),
    instructingAgent: readAgent(at(tx, "InstgAgt")),
    instructedAgent: readAgent(at(tx, "InstdAgt")),
    previousInstructingAgent: readAgent(at(tx, "PrvsInstgAgt1")),
    intermediaryAgent1: readAgent(at(tx, "IntrmyAgt1")),
    intermediaryAgent1Account: readAccount(at(tx, "IntrmyAgt1Acct")),
    intermediaryAgent2: readAgent(at(tx, "IntrmyAgt2")),
    debtorAgent: readAgent(at(tx, "DbtrAgt")),
    debtorAgentAccount: readAccount(at(tx, "DbtrAgtAcct")),
    creditorAgent: readAgent(at(tx, "CdtrAgt")),
    creditorAgentAccount: readAccount(at(tx, "CdtrAgtAcct")),
    instructionsForCreditorAgent: childrenOf(tx, "InstrForCdtrAgt").map((instruction) =>
      defined<MxInstruction>({ code: textAt(instruction, "Cd"),
        information: textAt(instruction, "InstrInf") })),
    instructionsForNextAgent: childrenOf(tx, "InstrForNxtAgt")
      .map((instruction) => textAt(instruction, "InstrInf") ?? textAt(instruction, "Cd") ?? ""),
    remittance: childrenOf(at(tx, "RmtInf"), "Ustrd").map((line) => line.text),
  });
}

export function readPacs008(document: XmlElement): Pacs008 {
  const body = at(document, "FIToFICstmrCdtTrf");
  const tx = at(body, "CdtTrfTxInf");
  assert(body !== undefined && tx !== undefined, "a valid pacs.008 has one transaction");
  return {
    ...readSettlement(body, tx),
    ...defined<Partial<Pacs008>>({
      instructedAmount: readAmount(at(tx, "InstdAmt")),
      exchangeRate: textAt(tx, "XchgRate"),
      debtorAccount: readAccount(at(tx, "DbtrAcct")),
      creditorAccount: readAccount(at(tx, "CdtrAcct")),
      purpose: textAt(tx, "Purp/Cd"),
    }),
    chargeBearer: textAt(tx, "ChrgBr") ?? "",
    charges: childrenOf(tx, "ChrgsInf").map((charge) => defined<MxCharge>({
      amount: readAmount(at(charge, "Amt")) ?? { currency: "", value: "" },
      agent: readAgent(at(charge, "Agt")),
    })),
    debtor: readParty(at(tx, "Dbtr")) ?? {},
    creditor: readParty(at(tx, "Cdtr")) ?? {},
    regulatoryReporting: childrenOf(tx, "RgltryRptg")
      .flatMap((report) => childrenOf(report, "Dtls"))
      .flatMap((details) => childrenOf(details, "Inf").map((line) => line.text)),
  };
}

/** GrpHdr for a single-transaction message; the caller orders children by schema. */
export function buildGroupHeader(model: MxSettlement): XmlElement {
  return must(el("GrpHdr", [
    el("MsgId", model.messageId), el("CreDtTm", model.createdAt), el("NbOfTxs", "1"),
    el("SttlmInf", [el("SttlmMtd", model.settlementMethod),
      buildAccount("SttlmAcct", model.settlementAccount),
      buildAgent("InstgRmbrsmntAgt", model.instructingReimbursementAgent),
      buildAgent("InstdRmbrsmntAgt", model.instructedReimbursementAgent),
      buildAgent("ThrdRmbrsmntAgt", model.thirdReimbursementAgent)]),
  ]), "GrpHdr");
}

/** Transaction parts common to pacs.008 and pacs.009, in any order. */
export function buildSettlementParts(model: MxSettlement): (XmlElement | undefined)[] {
  return [
    el("PmtId", [el("InstrId", model.instructionId), el("EndToEndId", model.endToEndId),
      el("TxId", model.transactionId), el("UETR", model.uetr)]),
    el("PmtTpInf", [el("SvcLvl", [el("Cd", model.serviceLevel)]),
      el("LclInstrm", [el("Prtry", model.localInstrument)]),
      el("CtgyPurp", [el("Cd", model.categoryPurpose)])]),
    buildAmount("IntrBkSttlmAmt", model.settlementAmount),
    el("IntrBkSttlmDt", model.settlementDate),
    buildAgent("PrvsInstgAgt1", model.previousInstructingAgent),
    buildAgent("InstgAgt", model.instructingAgent), buildAgent("InstdAgt", model.instructedAgent),
    buildAgent("IntrmyAgt1", model.intermediaryAgent1),
    buildAccount("IntrmyAgt1Acct", model.intermediaryAgent1Account),
    buildAgent("IntrmyAgt2", model.intermediaryAgent2),
    buildAgent("DbtrAgt", model.debtorAgent),
    buildAccount("DbtrAgtAcct", model.debtorAgentAccount),
    buildAgent("CdtrAgt", model.creditorAgent),
    buildAccount("CdtrAgtAcct", model.creditorAgentAccount),
    ...model.instructionsForCreditorAgent.map((instruction) => el("InstrForCdtrAgt", [
      el("Cd", instruction.code), el("InstrInf", instruction.information)])),
    ...model.instructionsForNextAgent.map((line) => el("InstrForNxtAgt", [el("InstrInf", line)])),
    el("RmtInf", model.remittance.map((line) => el("Ustrd", line))),
  ];
}

/** The Document element (namespace and order are applied by buildMx). */
export function buildPacs008(model: Pacs008): XmlElement {
  const tx = el("CdtTrfTxInf", [
    ...buildSettlementParts(model),
    buildAmount("InstdAmt", model.instructedAmount), el("XchgRate", model.exchangeRate),
    el("ChrgBr", model.chargeBearer),
    ...model.charges.map((charge) => el("ChrgsInf", [buildAmount("Amt", charge.amount),
      buildAgent("Agt", charge.agent)])),
    buildParty("Dbtr", model.debtor), buildAccount("DbtrAcct", model.debtorAccount),
    buildParty("Cdtr", model.creditor), buildAccount("CdtrAcct", model.creditorAccount),
    el("Purp", [el("Cd", model.purpose)]),
    el("RgltryRptg", [el("Dtls", model.regulatoryReporting.map((line) => el("Inf", line)))]),
  ]);
  return must(el("Document", [el("FIToFICstmrCdtTrf", [buildGroupHeader(model), tx])]),
    "pacs.008 Document");
}
