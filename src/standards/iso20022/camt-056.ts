// camt.056.001.08 FI to FI payment cancellation request (CBPR+: one underlying transaction):
// the typed model, read from a parsed message and built back into a Document.
import { assert } from "../../lib/index.js";
import { buildAgent, buildAmount, defined, readAgent, type MxAgent } from "./common.js";
import { buildOriginal, readOriginal, type MxOriginal } from "./pacs-002.js";
import { at, childrenOf, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

/** Assignment of an investigation (camt.056, camt.029): id, assigner, assignee agents. */
export interface MxAssignment {
  readonly assignmentId: string;
  readonly assigner: MxAgent;
  readonly assignee: MxAgent;
  readonly createdAt: string;
}

export interface Camt056 extends MxAssignment, MxOriginal {
  readonly caseId?: string;
  readonly caseCreator?: MxAgent;
  /** e.g. DUPL, CUST, FRAD, AGNT. */
  readonly reasonCode?: string;
  readonly additionalInformation: readonly string[];
}

export function readAssignment(body: XmlElement): MxAssignment {
  return {
    assignmentId: textAt(body, "Assgnmt/Id") ?? "",
    assigner: readAgent(at(body, "Assgnmt/Assgnr/Agt")) ?? {},
    assignee: readAgent(at(body, "Assgnmt/Assgne/Agt")) ?? {},
    createdAt: textAt(body, "Assgnmt/CreDtTm") ?? "",
  };
}

export function buildAssignment(model: MxAssignment): XmlElement | undefined {
  return el("Assgnmt", [el("Id", model.assignmentId),
    el("Assgnr", [buildAgent("Agt", model.assigner)]),
    el("Assgne", [buildAgent("Agt", model.assignee)]), el("CreDtTm", model.createdAt)]);
}

export function readCamt056(document: XmlElement): Camt056 {
  const body = at(document, "FIToFIPmtCxlReq");
  const tx = at(body, "Undrlyg/TxInf");
  assert(body !== undefined && tx !== undefined, "a valid CBPR+ camt.056 has one transaction");
  const reason = at(tx, "CxlRsnInf");
  const caseElement = at(tx, "Case") ?? at(body, "Case");
  return {
    ...readAssignment(body),
    ...readOriginal(tx),
    ...defined<Partial<Camt056>>({
      caseId: textAt(caseElement, "Id"),
      caseCreator: readAgent(at(caseElement, "Cretr/Agt")),
      reasonCode: textAt(reason, "Rsn/Cd") ?? textAt(reason, "Rsn/Prtry"),
    }),
    additionalInformation: childrenOf(reason, "AddtlInf").map((line) => line.text),
  };
}

export function buildCamt056(model: Camt056): XmlElement {
  const caseElement = model.caseId === undefined ? undefined : el("Case", [
    el("Id", model.caseId), el("Cretr", [buildAgent("Agt", model.caseCreator ?? model.assigner)])]);
  const reason = el("CxlRsnInf", [el("Rsn", [el("Cd", model.reasonCode)]),
    ...model.additionalInformation.map((line) => el("AddtlInf", line))]);
  const tx = el("TxInf", [caseElement, ...buildOriginal(model),
    buildAmount("OrgnlIntrBkSttlmAmt", model.originalAmount),
    el("OrgnlIntrBkSttlmDt", model.originalSettlementDate), reason]);
  return must(el("Document", [el("FIToFIPmtCxlReq", [buildAssignment(model),
    el("Undrlyg", [tx])])]), "camt.056 Document");
}
