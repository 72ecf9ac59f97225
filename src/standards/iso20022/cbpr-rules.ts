// CBPR+ usage rules on top of the ISO 20022 schema: header consistency, one transaction,
// mandatory UETR, character set, no commodity currencies, slashes in ids, postal addresses.
import type { Problem } from "../../lib/index.js";
import { mxProblemsMax } from "../../limits.js";
import type { MxMessageType } from "./catalogue.js";
import { mxRootElements } from "./catalogue.js";
import { isCommodityCurrency } from "./currency.js";
import { at, childOf, childrenOf, textAt, type Trail, walkElements } from "./tree.js";
import { newWork, type MxWork } from "./work.js";
import type { XmlElement } from "./xml.js";

export type CbprProblemCode =
  | "cbpr-header-missing"
  | "cbpr-msgdefidr-mismatch"
  | "cbpr-bizmsgidr-mismatch"
  | "cbpr-business-service"
  | "cbpr-one-transaction"
  | "cbpr-uetr-missing"
  | "cbpr-character-set"
  | "cbpr-commodity-currency"
  | "cbpr-slash-in-id"
  | "cbpr-address-unstructured"
  | "cbpr-address-hybrid";

/** "2026-11": the postal-address rule in force from November 2026; "2025": before it. */
export type CbprRuleSet = "2025" | "2026-11";

interface RulesInput {
  readonly type: MxMessageType;
  readonly appHdr: XmlElement | undefined;
  readonly document: XmlElement;
}

type CbprProblem = Problem<CbprProblemCode>;

/** The CBPR+ extended character set (SWIFT FIN X set plus the extra punctuation CBPR+ allows). */
const characterSet = /^[0-9a-zA-Z/\-?:().,'+ !#$%&*=^_`{|}~";<>@[\\\]\n\r]*$/;

/** Where each message keeps its transactions and the UETR inside one. */
const transactions: Readonly<Record<MxMessageType, { list: string; uetr?: string } | undefined>> = {
  "pacs.008.001.08": { list: "CdtTrfTxInf", uetr: "PmtId/UETR" },
  "pacs.009.001.08": { list: "CdtTrfTxInf", uetr: "PmtId/UETR" },
  "pacs.002.001.10": { list: "TxInfAndSts", uetr: "OrgnlUETR" },
  "pacs.004.001.09": { list: "TxInf", uetr: "OrgnlUETR" },
  "camt.056.001.08": undefined,
  "camt.029.001.09": undefined,
  "camt.052.001.08": undefined,
  "camt.053.001.08": undefined,
  "camt.054.001.08": undefined,
};

function messageId(type: MxMessageType, body: XmlElement | undefined): string | undefined {
  if (type === "camt.056.001.08" || type === "camt.029.001.09") return textAt(body, "Assgnmt/Id");
  return textAt(body, "GrpHdr/MsgId");
}

function headerRules(input: RulesInput, body: XmlElement | undefined): CbprProblem[] {
  const appHdr = input.appHdr;
  if (appHdr === undefined) {
    return [{ code: "cbpr-header-missing", location: "/AppHdr",
      message: "Cannot accept the message: CBPR+ requires a Business Application Header" }];
  }
  const problems: CbprProblem[] = [];
  const definition = textAt(appHdr, "MsgDefIdr");
  if (definition !== undefined && definition !== input.type) {
    problems.push({ code: "cbpr-msgdefidr-mismatch", location: "/AppHdr/MsgDefIdr",
      message: `Cannot accept MsgDefIdr "${definition}": the Document is ${input.type}` });
  }
  const businessId = textAt(appHdr, "BizMsgIdr");
  const id = messageId(input.type, body);
  if (businessId !== undefined && id !== undefined && businessId !== id) {
    problems.push({ code: "cbpr-bizmsgidr-mismatch", location: "/AppHdr/BizMsgIdr",
      message: `Cannot accept BizMsgIdr "${businessId}": it must equal the message id "${id}"` });
  }
  const service = textAt(appHdr, "BizSvc");
  if (service === undefined || !/^swift\.cbprplus\.([a-z]+\.)?[0-9]{2}$/.test(service)) {
    problems.push({ code: "cbpr-business-service", location: "/AppHdr/BizSvc",
      message: `Cannot accept BizSvc "${service ?? ""}": CBPR+ uses swift.cbprplus.NN` });
  }
  return problems;
}

function transactionRules(input: RulesInput, body: XmlElement | undefined): CbprProblem[] {
  const where = transactions[input.type];
  if (where === undefined || body === undefined) return [];
  const base = `/Document/${body.name}`;
  const list = childrenOf(body, where.list);
  const problems: CbprProblem[] = [];
  const count = textAt(body, "GrpHdr/NbOfTxs");
  if (list.length > 1 || (count !== undefined && count !== "1")) {
    problems.push({ code: "cbpr-one-transaction", location: `${base}/GrpHdr/NbOfTxs`,
      message: `Cannot accept ${list.length} transactions (NbOfTxs "${count ?? ""}"): ` +
        "CBPR+ allows exactly one" });
  }
  const first = list[0];
  if (where.uetr !== undefined && first !== undefined && at(first, where.uetr) === undefined) {
    problems.push({ code: "cbpr-uetr-missing", location: `${base}/${where.list}/${where.uetr}`,
      message: "Cannot accept the transaction: CBPR+ requires a UETR" });
  }
  return problems;
}

function addressProblem(address: XmlElement, trail: Trail,
  context: { readonly rules: CbprRuleSet; readonly work: MxWork }): CbprProblem[] {
  if (context.rules === "2025") return [];
  context.work.steps += 4 * address.children.length;
  const lines = childrenOf(address, "AdrLine").length;
  const structured = address.children.some((child) => child.name !== "AdrLine");
  const town = childOf(address, "TwnNm") !== undefined;
  const country = childOf(address, "Ctry") !== undefined;
  if (lines > 0 && !structured) {
    return [{ code: "cbpr-address-unstructured", location: trail.path(),
      message: "Cannot accept an unstructured-only postal address: since November 2026 " +
        "CBPR+ requires at least town (TwnNm) and country (Ctry)" }];
  }
  if (!town || !country || lines > 2) {
    return [{ code: "cbpr-address-hybrid", location: trail.path(),
      message: "Cannot accept the postal address: it needs TwnNm and Ctry and at most two " +
        `AdrLine (has ${town ? "" : "no "}town, ${country ? "" : "no "}country, ${lines} lines)` }];
  }
  return [];
}

function leafRules(element: XmlElement, trail: Trail,
  context: { readonly problems: CbprProblem[]; readonly work: MxWork }): void {
  const problems = context.problems;
  context.work.steps += element.attributes.length;
  if (element.children.length === 0 && !characterSet.test(element.text)) {
    problems.push({ code: "cbpr-character-set", location: trail.path(),
      message: `Cannot accept "${element.text.slice(0, 40)}": characters outside the CBPR+ set` });
  }
  const attributes = element.attributes;
  const currency = attributes.length === 0 ? undefined
    : attributes.find((attribute) => attribute.name === "Ccy")?.value;
  if (currency !== undefined && isCommodityCurrency(currency)) {
    problems.push({ code: "cbpr-commodity-currency", location: `${trail.path()}/@Ccy`,
      message: `Cannot accept currency "${currency}": commodities are not allowed in CBPR+` });
  }
  if (element.name === "InstrId" && /^\/|\/$|\/\//.test(element.text)) {
    problems.push({ code: "cbpr-slash-in-id", location: trail.path(),
      message: `Cannot accept InstrId "${element.text}": it may not start or end with "/" ` +
        "or contain \"//\"" });
  }
}

/**
 * The rules that look at one element at a time (character set, currencies, ids, postal
 * addresses), for a walk that visits every element of the Document in order.
 */
export function checkCbprElement(element: XmlElement, trail: Trail,
  context: { readonly problems: CbprProblem[]; readonly rules: CbprRuleSet;
    readonly work: MxWork }): void {
  leafRules(element, trail, context);
  if (element.name === "PstlAdr") {
    context.problems.push(...addressProblem(element, trail, context));
  }
}

/** The rules about the message as a whole: header consistency, one transaction, UETR. */
export function checkCbprMessage(input: RulesInput): readonly CbprProblem[] {
  const body = childOf(input.document, mxRootElements[input.type]);
  return [...headerRules(input, body), ...transactionRules(input, body)];
}

/** All CBPR+ usage-rule problems of a parsed message. */
export function checkCbprRules(
  input: RulesInput,
  options: { readonly rules?: CbprRuleSet; readonly work?: MxWork } = {},
): readonly CbprProblem[] {
  const work = options.work ?? newWork();
  const context = { problems: [] as CbprProblem[], rules: options.rules ?? "2026-11", work };
  walkElements(input.document, (element, trail) => {
    checkCbprElement(element, trail, context);
    return context.problems.length < mxProblemsMax;
  }, work);
  return [...checkCbprMessage(input), ...context.problems];
}
