// MX (ISO 20022) messages: parse an envelope (Business Application Header + Document) into a
// message, read the header, and validate schema-level and CBPR+ rules in one ordered list.
import { assert, fail, ok, type Problem, type Result } from "../../lib/index.js";
import { mxProblemsMax } from "../../limits.js";
import {
  checkCbprElement, checkCbprMessage, type CbprProblemCode, type CbprRuleSet,
} from "./cbpr-rules.js";
import {
  headNamespace, headSchema, isMxMessageType, messageTypeOfNamespace, mxSchemas,
  type MxMessageType,
} from "./catalogue.js";
import { checkCodeListElement, type CodeListProblemCode } from "./code-lists.js";
import { checkSchema } from "./schema-check.js";
import { textAt, walkElements } from "./tree.js";
import { newWork, type MxWork } from "./work.js";
import { readXml, type XmlElement } from "./xml.js";

/** The Business Application Header (head.001.001.02) fields Corridor uses. */
export interface MxHeader {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly businessMessageId: string | undefined;
  readonly messageDefinition: string | undefined;
  readonly businessService: string | undefined;
  readonly createdAt: string | undefined;
  readonly possibleDuplicate: boolean;
  readonly priority: string | undefined;
}

export interface MxMessage {
  readonly type: MxMessageType;
  readonly header: MxHeader | undefined;
  /** The AppHdr element as received, if any. */
  readonly appHdr: XmlElement | undefined;
  /** The Document element. */
  readonly document: XmlElement;
}

export type MxParseCode = "mx-no-document" | "mx-unsupported-message";

function findParts(root: XmlElement): { appHdr?: XmlElement; document?: XmlElement } {
  if (root.name === "Document") return { document: root };
  const found: { appHdr?: XmlElement; document?: XmlElement } = {};
  // Wrappers seen in practice (Envelope, RequestPayload, BizMsg...) nest at most three deep.
  let level: readonly XmlElement[] = [root];
  for (let depth = 0; depth < 3 && found.document === undefined; depth++) {
    const next: XmlElement[] = [];
    for (const element of level) {
      for (const child of element.children) {
        if (child.name === "AppHdr" && found.appHdr === undefined) found.appHdr = child;
        else if (child.name === "Document" && found.document === undefined) found.document = child;
        else next.push(child);
      }
    }
    level = next;
  }
  return found;
}

/** Reads the header fields from an AppHdr element (in any head.001 version). */
export function readHeader(appHdr: XmlElement): MxHeader {
  const duplicate = textAt(appHdr, "PssblDplct");
  return {
    from: textAt(appHdr, "Fr/FIId/FinInstnId/BICFI"),
    to: textAt(appHdr, "To/FIId/FinInstnId/BICFI"),
    businessMessageId: textAt(appHdr, "BizMsgIdr"),
    messageDefinition: textAt(appHdr, "MsgDefIdr"),
    businessService: textAt(appHdr, "BizSvc"),
    createdAt: textAt(appHdr, "CreDt"),
    possibleDuplicate: duplicate === "true" || duplicate === "1",
    priority: textAt(appHdr, "Prty"),
  };
}

/** Parses an MX message (Document alone, or AppHdr and Document in any wrapper). */
export function parseMx(xml: string, options: { readonly work?: MxWork } = {}):
  Result<MxMessage> {
  assert(typeof xml === "string", "parseMx() takes a string");
  const tree = readXml(xml, options.work === undefined ? {} : { work: options.work });
  if (!tree.ok) return tree;
  const { appHdr, document } = findParts(tree.value);
  if (document === undefined) {
    return fail("mx-no-document", `/${tree.value.name}`,
      "Cannot parse MX: no Document element found");
  }
  const type = messageTypeOfNamespace(document.namespace) ?? "";
  if (!isMxMessageType(type)) {
    return fail("mx-unsupported-message", "/Document/@xmlns",
      `Cannot parse MX: "${document.namespace}" is not a supported message definition`);
  }
  const header = appHdr === undefined ? undefined : readHeader(appHdr);
  return ok({ type, header, appHdr, document });
}

/** The envelope facts the hub's intake needs, read from the AppHdr and the Document. */
export interface MxEnvelope {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly messageDefinition: string;
  readonly businessMessageId: string | undefined;
  readonly possibleDuplicate: boolean;
  readonly uetr: string | undefined;
}

/** The first UETR anywhere in the Document, breadth first (CBPR+ carries one transaction). */
export function findUetr(document: XmlElement): string | undefined {
  // A queue read by index: shift() and a spread of every child list cost more than linear.
  const pending: XmlElement[] = [document];
  // Bounded by the element count of the (bounded) tree: each element is queued once.
  for (let next = 0; next < pending.length; next++) {
    const element = pending[next];
    assert(element !== undefined, "the queue is read in range");
    if (element.name === "UETR" && element.children.length === 0) return element.text;
    for (const child of element.children) pending.push(child);
  }
  return undefined;
}

export function readMxEnvelope(xml: string): Result<MxEnvelope> {
  const parsed = parseMx(xml);
  if (!parsed.ok) return parsed;
  const { header, type, document } = parsed.value;
  return ok({
    from: header?.from,
    to: header?.to,
    messageDefinition: header?.messageDefinition ?? type,
    businessMessageId: header?.businessMessageId,
    possibleDuplicate: header?.possibleDuplicate ?? false,
    uetr: findUetr(document),
  });
}

export interface MxCheckOptions {
  /** The CBPR+ rules in force ("2026-11" unless said). */
  readonly rules?: CbprRuleSet;
  /** Counts the steps the reader and the checks take (tests of linear work). */
  readonly work?: MxWork;
}

/**
 * Schema-level (both the AppHdr and the Document), code-list and CBPR+ usage-rule problems,
 * most important first: structure, then values and codes, then usage rules.
 */
export function validateMx(message: MxMessage, options: MxCheckOptions = {}): readonly Problem[] {
  const work = options.work ?? newWork();
  const problems: Problem[] = [];
  if (message.appHdr !== undefined) {
    if (message.appHdr.namespace === headNamespace) {
      problems.push(...checkSchema(message.appHdr, headSchema, work));
    } else {
      problems.push({ code: "schema-wrong-namespace", location: "/AppHdr",
        message: `Cannot accept AppHdr in "${message.appHdr.namespace}": CBPR+ uses ` +
          `"${headNamespace}"` });
    }
  }
  problems.push(...checkSchema(message.document, mxSchemas[message.type], work));
  const codes: Problem<CodeListProblemCode>[] = [];
  const codeContext = { problems: codes, work };
  if (message.appHdr !== undefined) {
    walkElements(message.appHdr, (element, trail) => {
      checkCodeListElement(element, trail, codeContext);
      return codes.length < mxProblemsMax;
    }, work);
  }
  // One walk over the Document for the code lists and the per-element usage rules; each list
  // stops growing at the limit, as it would in a walk of its own.
  const usage = { problems: [] as Problem<CbprProblemCode>[], rules: options.rules ?? "2026-11",
    work };
  const codesBefore = codes.length;
  walkElements(message.document, (element, trail) => {
    if (codes.length - codesBefore < mxProblemsMax) {
      checkCodeListElement(element, trail, codeContext);
    }
    if (usage.problems.length < mxProblemsMax) checkCbprElement(element, trail, usage);
    return codes.length - codesBefore < mxProblemsMax || usage.problems.length < mxProblemsMax;
  }, work);
  problems.push(...codes, ...checkCbprMessage(message), ...usage.problems);
  return rank(problems);
}

const order: readonly string[] = ["schema-wrong-namespace", "schema-missing-element",
  "schema-unexpected-element", "schema-too-many-elements"];

function rank(problems: readonly Problem[]): readonly Problem[] {
  if (problems.length < 2) return problems;
  const weight = (problem: Problem): number => {
    const index = order.indexOf(problem.code);
    if (index >= 0) return index;
    if (problem.code.startsWith("schema-")) return order.length;
    if (problem.code.startsWith("code-")) return order.length + 1;
    return order.length + 2;
  };
  return problems
    .map((problem, index) => ({ problem, index, weight: weight(problem) }))
    .sort((a, b) => a.weight - b.weight || a.index - b.index)
    .map(({ problem }) => problem);
}

/** The hub's intake check: parse, then schema, code lists and CBPR+ rules; [] means valid. */
export function checkMx(xml: string, options: MxCheckOptions = {}): readonly Problem[] {
  return checkMxParsed(xml, options).problems;
}

/** `checkMx`, also handing back the parsed message so that callers need not parse it again. */
export function checkMxParsed(
  xml: string,
  options: MxCheckOptions = {},
): { readonly problems: readonly Problem[]; readonly message: MxMessage | undefined } {
  const work = options.work ?? newWork();
  const parsed = parseMx(xml, { work });
  if (!parsed.ok) return { problems: parsed.problems, message: undefined };
  return { problems: validateMx(parsed.value, { ...options, work }), message: parsed.value };
}
