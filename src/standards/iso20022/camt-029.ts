// camt.029.001.09 resolution of investigation (CBPR+: the answer to one camt.056): the typed
// model, read from a parsed message and built back into a Document.
import { assert } from "../../lib/index.js";
import { buildAgent, defined, readAgent, type MxAgent } from "./common.js";
import { buildAssignment, readAssignment, type MxAssignment } from "./camt-056.js";
import { buildOriginal, readOriginal, type MxOriginal } from "./pacs-002.js";
import { at, childrenOf, el, must, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

export interface Camt029 extends MxAssignment, MxOriginal {
  readonly resolvedCaseId?: string;
  readonly resolvedCaseCreator?: MxAgent;
  /** Investigation status confirmation, e.g. CNCL, RJCR, PDCR. */
  readonly confirmation: string;
  readonly cancellationStatusId?: string;
  readonly transactionStatus?: string;
  readonly reasonCode?: string;
  readonly additionalInformation: readonly string[];
}

export function readCamt029(document: XmlElement): Camt029 {
  const body = at(document, "RsltnOfInvstgtn");
  assert(body !== undefined, "a valid camt.029 has RsltnOfInvstgtn");
  const tx = at(body, "CxlDtls/TxInfAndSts");
  const reason = at(tx, "CxlStsRsnInf");
  return {
    ...readAssignment(body),
    ...(tx === undefined ? { originalMessageId: "", originalMessageType: "" } : readOriginal(tx)),
    ...defined<Partial<Camt029>>({
      resolvedCaseId: textAt(body, "RslvdCase/Id"),
      resolvedCaseCreator: readAgent(at(body, "RslvdCase/Cretr/Agt")),
      cancellationStatusId: textAt(tx, "CxlStsId"),
      transactionStatus: textAt(tx, "TxCxlSts"),
      reasonCode: textAt(reason, "Rsn/Cd") ?? textAt(reason, "Rsn/Prtry"),
    }),
    confirmation: textAt(body, "Sts/Conf") ?? "",
    additionalInformation: childrenOf(reason, "AddtlInf").map((line) => line.text),
  };
}

export function buildCamt029(model: Camt029): XmlElement {
  const resolved = model.resolvedCaseId === undefined ? undefined : el("RslvdCase", [
    el("Id", model.resolvedCaseId),
    el("Cretr", [buildAgent("Agt", model.resolvedCaseCreator ?? model.assignee)])]);
  const reason = el("CxlStsRsnInf", [el("Rsn", [el("Cd", model.reasonCode)]),
    ...model.additionalInformation.map((line) => el("AddtlInf", line))]);
  const hasDetails = model.originalMessageId !== "" || model.originalUetr !== undefined ||
    model.transactionStatus !== undefined;
  const details = !hasDetails ? undefined : el("CxlDtls", [el("TxInfAndSts", [
    el("CxlStsId", model.cancellationStatusId), ...buildOriginal(model),
    el("TxCxlSts", model.transactionStatus), reason])]);
  return must(el("Document", [el("RsltnOfInvstgtn", [buildAssignment(model), resolved,
    el("Sts", [el("Conf", model.confirmation)]), details])]), "camt.029 Document");
}
