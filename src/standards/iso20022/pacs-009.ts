// pacs.009.001.08 financial institution credit transfer (CBPR+ CORE, COV and ADV): the typed
// model of one transaction, read from a parsed message and built back into a Document.
import { assert } from "../../lib/index.js";
import {
  buildAccount, buildAgent, buildAmount, buildParty, defined, readAccount, readAgent, readAmount,
  readParty, type MxAccount, type MxAgent, type MxAmount, type MxParty,
} from "./common.js";
import {
  buildGroupHeader, buildSettlementParts, readSettlement, type MxSettlement,
} from "./pacs-008.js";
import { at, childrenOf, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

/** The underlying customer credit transfer of a cover payment (pacs.009 COV). */
export interface MxUnderlyingTransfer {
  readonly debtor: MxParty;
  readonly debtorAccount?: MxAccount;
  readonly debtorAgent?: MxAgent;
  readonly intermediaryAgent1?: MxAgent;
  readonly creditorAgent?: MxAgent;
  readonly creditor: MxParty;
  readonly creditorAccount?: MxAccount;
  readonly remittance: readonly string[];
  readonly instructionsForNextAgent: readonly string[];
  readonly instructedAmount?: MxAmount;
}

export interface Pacs009 extends MxSettlement {
  readonly debtor: MxAgent;
  readonly debtorAccount?: MxAccount;
  readonly creditor: MxAgent;
  readonly creditorAccount?: MxAccount;
  readonly underlying?: MxUnderlyingTransfer;
}

function readUnderlying(element: XmlElement | undefined): MxUnderlyingTransfer | undefined {
  if (element === undefined) return undefined;
  return defined<MxUnderlyingTransfer>({
    debtor: readParty(at(element, "Dbtr")) ?? {},
    debtorAccount: readAccount(at(element, "DbtrAcct")),
    debtorAgent: readAgent(at(element, "DbtrAgt")),
    intermediaryAgent1: readAgent(at(element, "IntrmyAgt1")),
    creditorAgent: readAgent(at(element, "CdtrAgt")),
    creditor: readParty(at(element, "Cdtr")) ?? {},
    creditorAccount: readAccount(at(element, "CdtrAcct")),
    remittance: childrenOf(at(element, "RmtInf"), "Ustrd").map((line) => line.text),
    instructionsForNextAgent: childrenOf(element, "InstrForNxtAgt")
      .map((instruction) => textAt(instruction, "InstrInf") ?? ""),
    instructedAmount: readAmount(at(element, "InstdAmt")),
  });
}

export function readPacs009(document: XmlElement): Pacs009 {
  const body = at(document, "FICdtTrf");
  const tx = at(body, "CdtTrfTxInf");
  assert(body !== undefined && tx !== undefined, "a valid pacs.009 has one transaction");
  return {
    ...readSettlement(body, tx),
    ...defined<Partial<Pacs009>>({
      debtorAccount: readAccount(at(tx, "DbtrAcct")),
      creditorAccount: readAccount(at(tx, "CdtrAcct")),
      underlying: readUnderlying(at(tx, "UndrlygCstmrCdtTrf")),
    }),
    debtor: readAgent(at(tx, "Dbtr")) ?? {},
    creditor: readAgent(at(tx, "Cdtr")) ?? {},
  };
}

function buildUnderlying(model: MxUnderlyingTransfer | undefined): XmlElement | undefined {
  if (model === undefined) return undefined;
  return el("UndrlygCstmrCdtTrf", [
    buildParty("Dbtr", model.debtor), buildAccount("DbtrAcct", model.debtorAccount),
    buildAgent("DbtrAgt", model.debtorAgent), buildAgent("IntrmyAgt1", model.intermediaryAgent1),
    buildAgent("CdtrAgt", model.creditorAgent), buildParty("Cdtr", model.creditor),
    buildAccount("CdtrAcct", model.creditorAccount),
    ...model.instructionsForNextAgent.map((line) => el("InstrForNxtAgt", [el("InstrInf", line)])),
    el("RmtInf", model.remittance.map((line) => el("Ustrd", line))),
    buildAmount("InstdAmt", model.instructedAmount),
  ]);
}

/** The Document element (namespace and order are applied by buildMx). */
export function buildPacs009(model: Pacs009): XmlElement {
  const tx = el("CdtTrfTxInf", [
    ...buildSettlementParts(model),
    buildAgent("Dbtr", model.debtor), buildAccount("DbtrAcct", model.debtorAccount),
    buildAgent("Cdtr", model.creditor), buildAccount("CdtrAcct", model.creditorAccount),
    buildUnderlying(model.underlying),
  ]);
  return must(el("Document", [el("FICdtTrf", [buildGroupHeader(model), tx])]),
    "pacs.009 Document");
}
