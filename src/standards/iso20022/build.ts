// Builds CBPR+ MX messages from typed models: Business Application Header (head.001.001.02)
// plus Document, children in schema order, checked against the schema before it is returned.
import { assertNever, fail, failWith, ok, type Problem, type Result } from "../../lib/index.js";
import { headSchema, mxRootElements, mxSchemas, type MxMessageType } from "./catalogue.js";
import { buildCamt029, type Camt029 } from "./camt-029.js";
import { buildCamt056, type Camt056 } from "./camt-056.js";
import { buildStatement, type MxStatement } from "./camt-053.js";
import { readHeader, validateMx, type MxMessage } from "./mx.js";
import { buildPacs002, type Pacs002 } from "./pacs-002.js";
import { buildPacs004, type Pacs004 } from "./pacs-004.js";
import { buildPacs008, type Pacs008 } from "./pacs-008.js";
import { buildPacs009, type Pacs009 } from "./pacs-009.js";
import { el, must, orderBySchema, serializeXml, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

export type MxBody =
  | { readonly type: "pacs.008.001.08"; readonly model: Pacs008 }
  | { readonly type: "pacs.009.001.08"; readonly model: Pacs009 }
  | { readonly type: "pacs.002.001.10"; readonly model: Pacs002 }
  | { readonly type: "pacs.004.001.09"; readonly model: Pacs004 }
  | { readonly type: "camt.056.001.08"; readonly model: Camt056 }
  | { readonly type: "camt.029.001.09"; readonly model: Camt029 }
  | { readonly type: "camt.052.001.08"; readonly model: MxStatement }
  | { readonly type: "camt.053.001.08"; readonly model: MxStatement }
  | { readonly type: "camt.054.001.08"; readonly model: MxStatement };

export interface MxHeaderInput {
  readonly from: string;
  readonly to: string;
  /** ISO date-time; standards code never reads the clock, so the caller gives it. */
  readonly createdAt: string;
  /** Defaults to "swift.cbprplus.02". */
  readonly businessService?: string;
  readonly possibleDuplicate?: boolean;
  readonly priority?: string;
}

function documentOf(body: MxBody): XmlElement {
  switch (body.type) {
    case "pacs.008.001.08": return buildPacs008(body.model);
    case "pacs.009.001.08": return buildPacs009(body.model);
    case "pacs.002.001.10": return buildPacs002(body.model);
    case "pacs.004.001.09": return buildPacs004(body.model);
    case "camt.056.001.08": return buildCamt056(body.model);
    case "camt.029.001.09": return buildCamt029(body.model);
    case "camt.052.001.08":
    case "camt.053.001.08":
    case "camt.054.001.08":
      return buildStatement(body.type, body.model);
    default: return assertNever(body, "MX body");
  }
}

function identifierOf(type: MxMessageType, document: XmlElement): string {
  const body = document.children[0];
  if (type === "camt.056.001.08" || type === "camt.029.001.09") {
    return textAt(body, "Assgnmt/Id") ?? "";
  }
  return textAt(body, "GrpHdr/MsgId") ?? "";
}

function agentBic(name: string, bic: string): XmlElement {
  return must(el(name, [el("FIId", [el("FinInstnId", [el("BICFI", bic)])])]), name);
}

export function buildHeader(type: MxMessageType, id: string, header: MxHeaderInput): XmlElement {
  const appHdr = must(el("AppHdr", [
    agentBic("Fr", header.from), agentBic("To", header.to), el("BizMsgIdr", id),
    el("MsgDefIdr", type), el("BizSvc", header.businessService ?? "swift.cbprplus.02"),
    el("CreDt", header.createdAt),
    el("PssblDplct", header.possibleDuplicate === true ? "true" : ""),
    el("Prty", header.priority),
  ]), "AppHdr");
  return orderBySchema(appHdr, headSchema);
}

/** Serialises AppHdr and Document inside an Envelope element, as CBPR+ samples do. */
export function serializeMx(
  message: { readonly appHdr?: XmlElement | undefined; readonly document: XmlElement },
): string {
  const envelope: XmlElement = { name: "Envelope", namespace: "", attributes: [], text: "",
    children: message.appHdr === undefined ? [message.document]
      : [message.appHdr, message.document] };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(envelope)}\n`;
}

export interface MxBuilt {
  readonly xml: string;
  readonly message: MxMessage;
  /** CBPR+ usage-rule problems of the built message (it is schema-valid). */
  readonly warnings: readonly Problem[];
}

/**
 * Builds an MX message from a typed model. Fails with the problems when the result would not be
 * schema-valid; CBPR+ usage-rule problems are returned beside a message that was built.
 */
export function buildMx(
  body: MxBody,
  header: MxHeaderInput,
): Result<MxBuilt> {
  const document = orderBySchema(documentOf(body), mxSchemas[body.type]);
  if (document.children[0]?.name !== mxRootElements[body.type]) {
    return fail("mx-build-empty", "/Document", `Cannot build ${body.type}: the model is empty`);
  }
  const appHdr = buildHeader(body.type, identifierOf(body.type, document), header);
  const message: MxMessage = { type: body.type, header: readHeader(appHdr), appHdr, document };
  const problems = validateMx(message);
  const blocking = problems.filter((problem) => !problem.code.startsWith("cbpr-"));
  if (blocking.length > 0) return failWith(blocking);
  return ok({ xml: serializeMx(message), message, warnings: problems });
}
