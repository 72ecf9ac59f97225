// camt.053.001.08 bank to customer statement, and the two messages of the same shape:
// camt.052.001.08 account report and camt.054.001.08 debit/credit notification. One typed model
// (account, balances, entries) read from a parsed message and built back into a Document.
import { assert } from "../../lib/index.js";
import {
  buildAccount, buildAgent, buildAmount, buildParty, defined, readAccount, readAgent, readAmount,
  readParty, type MxAccount, type MxAgent, type MxAmount, type MxParty,
} from "./common.js";
import { at, childrenOf, container, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

export type MxStatementType = "camt.052.001.08" | "camt.053.001.08" | "camt.054.001.08";

export interface MxBalance {
  /** OPBD, CLBD, CLAV, FWAV, ITBD, OPAV ... */
  readonly type: string;
  readonly amount: MxAmount;
  /** CRDT or DBIT. */
  readonly creditDebit: string;
  readonly date: string;
}

export interface MxEntry {
  readonly reference?: string;
  readonly amount: MxAmount;
  readonly creditDebit: string;
  readonly reversal?: boolean;
  /** BOOK, PDNG, INFO. */
  readonly status: string;
  readonly bookingDate?: string;
  readonly valueDate?: string;
  readonly servicerReference?: string;
  /** Proprietary bank transaction code, e.g. the MT 61 type "NTRF". */
  readonly bankTransactionCode: string;
  readonly instructionId?: string;
  readonly endToEndId?: string;
  readonly uetr?: string;
  readonly additionalInformation?: string;
}

export interface MxStatement {
  readonly messageId: string;
  readonly createdAt: string;
  readonly statementId: string;
  readonly electronicSequenceNumber?: string;
  readonly legalSequenceNumber?: string;
  readonly account: MxAccount;
  readonly accountCurrency?: string;
  readonly accountOwner?: MxParty;
  readonly accountServicer?: MxAgent;
  readonly balances: readonly MxBalance[];
  readonly entries: readonly MxEntry[];
  readonly additionalInformation?: string;
}

const parts: Readonly<Record<MxStatementType, readonly [string, string, string]>> = {
  "camt.052.001.08": ["BkToCstmrAcctRpt", "Rpt", "AddtlRptInf"],
  "camt.053.001.08": ["BkToCstmrStmt", "Stmt", "AddtlStmtInf"],
  "camt.054.001.08": ["BkToCstmrDbtCdtNtfctn", "Ntfctn", "AddtlNtfctnInf"],
};

function readEntry(entry: XmlElement): MxEntry {
  const refs = at(entry, "NtryDtls/TxDtls/Refs");
  const reversal = textAt(entry, "RvslInd");
  return defined<MxEntry>({
    reference: textAt(entry, "NtryRef"),
    amount: readAmount(at(entry, "Amt")) ?? { currency: "", value: "" },
    creditDebit: textAt(entry, "CdtDbtInd") ?? "",
    reversal: reversal === undefined ? undefined : reversal === "true",
    status: textAt(entry, "Sts/Cd") ?? "",
    bookingDate: textAt(entry, "BookgDt/Dt") ?? textAt(entry, "BookgDt/DtTm"),
    valueDate: textAt(entry, "ValDt/Dt") ?? textAt(entry, "ValDt/DtTm"),
    servicerReference: textAt(entry, "AcctSvcrRef"),
    bankTransactionCode: textAt(entry, "BkTxCd/Prtry/Cd") ?? textAt(entry, "BkTxCd/Domn/Cd") ?? "",
    instructionId: textAt(refs, "InstrId"),
    endToEndId: textAt(refs, "EndToEndId"),
    uetr: textAt(refs, "UETR"),
    additionalInformation: textAt(entry, "AddtlNtryInf"),
  });
}

export function readStatement(type: MxStatementType, document: XmlElement): MxStatement {
  const [bodyName, itemName, infoName] = parts[type];
  const body = at(document, bodyName);
  const item = at(body, itemName);
  assert(body !== undefined && item !== undefined, `a valid ${type} has one ${itemName}`);
  return {
    ...defined<Partial<MxStatement>>({
      electronicSequenceNumber: textAt(item, "ElctrncSeqNb"),
      legalSequenceNumber: textAt(item, "LglSeqNb"),
      accountCurrency: textAt(item, "Acct/Ccy"),
      accountOwner: readParty(at(item, "Acct/Ownr")),
      accountServicer: readAgent(at(item, "Acct/Svcr")),
      additionalInformation: textAt(item, infoName),
    }),
    messageId: textAt(body, "GrpHdr/MsgId") ?? "",
    createdAt: textAt(body, "GrpHdr/CreDtTm") ?? "",
    statementId: textAt(item, "Id") ?? "",
    account: readAccount(at(item, "Acct")) ?? {},
    balances: childrenOf(item, "Bal").map((balance) => ({
      type: textAt(balance, "Tp/CdOrPrtry/Cd") ?? textAt(balance, "Tp/CdOrPrtry/Prtry") ?? "",
      amount: readAmount(at(balance, "Amt")) ?? { currency: "", value: "" },
      creditDebit: textAt(balance, "CdtDbtInd") ?? "",
      date: textAt(balance, "Dt/Dt") ?? textAt(balance, "Dt/DtTm") ?? "",
    })),
    entries: childrenOf(item, "Ntry").map(readEntry),
  };
}

function buildEntry(entry: MxEntry): XmlElement | undefined {
  const refs = el("Refs", [el("InstrId", entry.instructionId), el("EndToEndId", entry.endToEndId),
    el("UETR", entry.uetr)]);
  return el("Ntry", [
    el("NtryRef", entry.reference), buildAmount("Amt", entry.amount),
    el("CdtDbtInd", entry.creditDebit),
    el("RvslInd", entry.reversal === undefined ? undefined : String(entry.reversal)),
    el("Sts", [el("Cd", entry.status)]), el("BookgDt", [el("Dt", entry.bookingDate)]),
    el("ValDt", [el("Dt", entry.valueDate)]), el("AcctSvcrRef", entry.servicerReference),
    container("BkTxCd", [el("Prtry", [el("Cd", entry.bankTransactionCode)])]),
    el("NtryDtls", [el("TxDtls", [refs])]), el("AddtlNtryInf", entry.additionalInformation),
  ]);
}

export function buildStatement(type: MxStatementType, model: MxStatement): XmlElement {
  const [bodyName, itemName, infoName] = parts[type];
  const account = buildAccount("Acct", model.account);
  const accountElement = account === undefined ? undefined : {
    ...account,
    children: [...account.children, el("Ccy", model.accountCurrency),
      buildParty("Ownr", model.accountOwner), buildAgent("Svcr", model.accountServicer)]
      .filter((child): child is XmlElement => child !== undefined),
  };
  const item = el(itemName, [
    el("Id", model.statementId), el("ElctrncSeqNb", model.electronicSequenceNumber),
    el("LglSeqNb", model.legalSequenceNumber), accountElement,
    ...model.balances.map((balance) => el("Bal", [
      el("Tp", [el("CdOrPrtry", [el("Cd", balance.type)])]), buildAmount("Amt", balance.amount),
      el("CdtDbtInd", balance.creditDebit), el("Dt", [el("Dt", balance.date)])])),
    ...model.entries.map(buildEntry), el(infoName, model.additionalInformation),
  ]);
  return must(el("Document", [el(bodyName, [
    el("GrpHdr", [el("MsgId", model.messageId), el("CreDtTm", model.createdAt)]), item])]),
  `${type} Document`);
}
