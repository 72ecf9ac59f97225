// A strict, bounded XML reader for ISO 20022 messages: no DTD, no entity expansion beyond the
// five predefined entities and character references, bounded size, depth and element count.
// Hand-written rather than fast-xml-parser: see docs/dependencies.md (speed, well-formedness).
import { assert, fail, ok, type Result } from "../../lib/index.js";
import { mxMessageBytesMax, xmlDepthMax, xmlElementCountMax } from "../../limits.js";
import { newWork, type MxWork } from "./work.js";

export type XmlProblemCode =
  | "xml-too-large"
  | "xml-not-well-formed"
  | "xml-dtd-forbidden"
  | "xml-entity-forbidden"
  | "xml-too-deep"
  | "xml-too-many-elements"
  | "xml-invalid-character"
  | "xml-mixed-content";

export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

/** An element: local name, resolved namespace, attributes, children in document order, text. */
export interface XmlElement {
  readonly name: string;
  readonly namespace: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The text content (entities decoded); "" for an element with child elements. */
  readonly text: string;
}

/** An element while it is being read: an XmlElement whose children and text still grow. */
interface Building {
  readonly name: string;
  readonly namespace: string;
  readonly attributes: readonly XmlAttribute[];
  /** `noChildren` until the first child opens, then an array of its own. */
  children: XmlElement[];
  text: string;
}

/** What the reader keeps per open element besides the element itself. */
interface Level {
  readonly element: Building;
  readonly qualifiedName: string;
  /** Where the name stands in the text (just after "<"). */
  readonly nameStart: number;
  readonly scope: Scope;
  /** The namespace of unprefixed names here (namespaceOf(scope, "")), kept to spare a lookup. */
  readonly defaultNamespace: string | undefined;
  hasText: boolean;
}

/** Shared by every element without children (leaves) until one opens: never mutated. */
const noChildren = Object.freeze([]) as unknown as XmlElement[];

/** Shared by every element without attributes (most of them): never mutated. */
const noAttributes: readonly XmlAttribute[] = Object.freeze([]);
const proceedWithoutAttributes: Result<readonly XmlAttribute[], XmlProblemCode> =
  ok(noAttributes);

type XmlResult<T> = Result<T, XmlProblemCode>;

/** The reader's "carry on" answer, shared so that the hot path allocates nothing for it. */
const proceed: XmlResult<true> = ok(true);

/** Attributes of one tag compared name by name; past it, a set finds a repeated name. */
const attributesScannedMax = 8;

const notBlank = /[^ \t\r\n]/;
const namePattern = /[A-Za-z_\u00C0-\uFFFD][\w.\-:\u00B7\u00C0-\uFFFD]*/y;

const referencePattern = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const predefined: Readonly<Record<string, string>> = {
  lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'",
};
/**
 * The namespace declarations in force: an element's own, then its ancestors', as a chain. A copy
 * of the inherited declarations per declaring element cost, in a document whose root declares
 * thousands of prefixes and whose thousands of children each declare one, quadratic work.
 * A lookup walks at most xmlDepthMax levels.
 */
interface Scope {
  readonly declared: ReadonlyMap<string, string>;
  readonly outer: Scope | undefined;
}

const emptyScope: Scope = {
  declared: new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]),
  outer: undefined,
};

/** The namespace a prefix ("" for the default) is bound to in a scope, if any. */
function namespaceOf(scope: Scope, prefix: string, work: MxWork): string | undefined {
  // Bounded by the depth of the document: one link per element that declares.
  for (let link: Scope | undefined = scope; link !== undefined; link = link.outer) {
    work.steps++;
    const found = link.declared.get(prefix);
    if (found !== undefined) return found;
  }
  return undefined;
}

// eslint-disable-next-line no-control-regex -- XML 1.0 forbids exactly these characters
const forbiddenCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** A forbidden character or "&": content with neither is taken as it stands. */
// eslint-disable-next-line no-control-regex -- as above, with "&"
const specialCharacter = /[&\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Index of the first C0 control (other than tab, CR, LF) or U+FFFE/U+FFFF, or -1. */
function firstForbiddenCharacter(text: string): number {
  const match = forbiddenCharacter.exec(text);
  return match === null ? -1 : match.index;
}

/** Space, tab, CR or LF: the characters XML allows as layout between elements. */
function isLayout(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** UTF-8 length of a string without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) { bytes += 4; index++; }
    else bytes += 3;
  }
  return bytes;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}

function failAt(
  code: XmlProblemCode,
  context: { readonly text: string; readonly position: number },
  message: string,
): XmlResult<never> {
  const line = lineAt(context.text, context.position);
  return { ok: false, problems: [{ code, location: `line ${line}`, message, line }] };
}

function isXmlChar(code: number): boolean {
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  if (code >= 0x20 && code <= 0xd7ff) return true;
  if (code >= 0xe000 && code <= 0xfffd) return true;
  return code >= 0x10000 && code <= 0x10ffff;
}

/** Decodes the five predefined entities and character references; null if another `&` remains. */
function decodeReferences(raw: string): string | null {
  if (!specialCharacter.test(raw)) return raw;
  if (forbiddenCharacter.test(raw)) return null;
  if (!raw.includes("&")) return raw;
  let invalid = false;
  const decoded = raw.replace(referencePattern, (match: string) => {
    const body = match.slice(1, -1);
    if (!body.startsWith("#")) return predefined[body] ?? "";
    const code = body.startsWith("#x") ? Number.parseInt(body.slice(2), 16)
      : Number.parseInt(body.slice(1), 10);
    if (!isXmlChar(code)) { invalid = true; return ""; }
    return String.fromCodePoint(code);
  });
  if (invalid) return null;
  // Any `&` left in the raw text was not a permitted reference.
  const leftover = raw.replace(referencePattern, "");
  return leftover.includes("&") ? null : decoded;
}

export interface XmlReadOptions {
  readonly bytesMax?: number;
  /** Counts the reader's steps (tokens, attribute comparisons, scope copies). */
  readonly work?: MxWork;
}

/** Reads one XML document into an element tree, or says precisely why it cannot. */
export function readXml(text: string, options: XmlReadOptions = {}): XmlResult<XmlElement> {
  const bytesMax = options.bytesMax ?? mxMessageBytesMax;
  assert(bytesMax > 0, "bytesMax is positive");
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short texts need no count.
  const bytes = text.length * 3 <= bytesMax ? 0 : utf8Length(text);
  if (bytes > bytesMax) {
    return fail("xml-too-large", "document",
      `Cannot read XML: ${bytes} bytes exceed the limit of ${bytesMax}`);
  }
  const result = new XmlReader(text, options.work ?? newWork()).readDocument();
  // The reader tests for forbidden characters only where content lies (text, attribute values,
  // comments, instructions): anywhere else one breaks the syntax. A document that fails to read
  // is searched whole, so that a forbidden character is named before the syntax it broke.
  return result.ok ? result : forbiddenCharacterProblem(text) ?? result;
}

function forbiddenCharacterProblem(text: string): XmlResult<never> | undefined {
  const bad = firstForbiddenCharacter(text);
  if (bad < 0) return undefined;
  return failAt("xml-invalid-character", { text, position: bad },
    `Cannot read XML: character U+${text.charCodeAt(bad).toString(16).padStart(4, "0")} ` +
    "is not allowed in XML");
}

class XmlReader {
  private position = 0;
  private readonly stack: Level[] = [];
  private root: XmlElement | undefined;
  private elementCount = 0;
  /** Where the name of the start tag being read begins. */
  private nameStart = 0;

  constructor(private readonly text: string, private readonly work: MxWork) {
    if (text.charCodeAt(0) === 0xfeff) this.position = 1;
  }

  readDocument(): XmlResult<XmlElement> {
    const text = this.text;
    let steps = 0;
    // Bounded: every iteration consumes at least one character.
    while (this.position < text.length) {
      const before = this.position;
      steps++;
      const step = this.step();
      if (!step.ok) {
        this.work.steps += steps;
        return step;
      }
      assert(this.position > before, "the reader makes progress");
    }
    this.work.steps += steps;
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1];
      return this.fail("xml-not-well-formed",
        `Cannot read XML: element "${open?.qualifiedName ?? ""}" is not closed`);
    }
    if (this.root === undefined) {
      return this.malformed("Cannot read XML: no root element");
    }
    return ok(this.root);
  }

  private malformed(message: string): XmlResult<never> {
    return this.fail("xml-not-well-formed", message);
  }

  private fail(code: XmlProblemCode, message: string): XmlResult<never> {
    return failAt(code, { text: this.text, position: this.position }, message);
  }

  private step(): XmlResult<true> {
    const text = this.text;
    if (text.charCodeAt(this.position) !== 60 /* < */) {
      const lt = text.indexOf("<", this.position);
      const end = lt < 0 ? text.length : lt;
      if (!this.discardable(end)) {
        const result = this.addText(text.slice(this.position, end), false);
        if (!result.ok) return result;
      }
      this.position = end;
      return proceed;
    }
    const next = text.charCodeAt(this.position + 1);
    if (next === 47 /* / */) return this.closeTag();
    if (next === 63 /* ? */) return this.skipUntil("?>", "processing instruction");
    if (next === 33 /* ! */) return this.markup();
    return this.openTag();
  }

  /**
   * True when the text from here to `end` is blank and would be dropped anyway: outside the root,
   * or between child elements (an element with children keeps no text).
   */
  private discardable(end: number): boolean {
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined && open.element.children.length === 0) return false;
    const text = this.text;
    for (let index = this.position; index < end; index++) {
      if (!isLayout(text.charCodeAt(index))) return false;
    }
    return true;
  }

  private markup(): XmlResult<true> {
    const text = this.text;
    if (text.startsWith("<!--", this.position)) {
      const end = text.indexOf("-->", this.position + 4);
      if (end < 0) return this.malformed("Cannot read XML: comment not closed");
      const body = text.slice(this.position + 4, end);
      if (forbiddenCharacter.test(body)) return this.malformed("Cannot read XML: bad comment");
      if (body.includes("--")) {
        return this.malformed("Cannot read XML: \"--\" inside a comment");
      }
      this.position = end + 3;
      return proceed;
    }
    if (text.startsWith("<![CDATA[", this.position)) {
      const end = text.indexOf("]]>", this.position + 9);
      if (end < 0) return this.malformed("Cannot read XML: CDATA not closed");
      const result = this.addText(text.slice(this.position + 9, end), true);
      if (!result.ok) return result;
      this.position = end + 3;
      return proceed;
    }
    const keyword = /<!([A-Za-z]*)/y;
    keyword.lastIndex = this.position;
    const word = keyword.exec(text)?.[1] ?? "";
    return this.fail("xml-dtd-forbidden",
      `Cannot read XML: "<!${word}" declarations (DTD, entities) are not allowed`);
  }

  private skipUntil(terminator: string, what: string): XmlResult<true> {
    const end = this.text.indexOf(terminator, this.position + 2);
    if (end < 0) return this.malformed(`Cannot read XML: ${what} not closed`);
    if (forbiddenCharacter.test(this.text.slice(this.position, end))) {
      return this.malformed(`Cannot read XML: bad ${what}`);
    }
    this.position = end + terminator.length;
    return proceed;
  }

  private addText(raw: string, literal: boolean): XmlResult<true> {
    const open = this.stack[this.stack.length - 1];
    if (open === undefined) {
      if (raw.trim() === "") return proceed;
      return this.malformed("Cannot read XML: text outside the root element");
    }
    const decoded = literal ? (forbiddenCharacter.test(raw) ? null : raw) : decodeReferences(raw);
    if (decoded === null) {
      return this.fail("xml-entity-forbidden",
        "Cannot read XML: only &lt; &gt; &amp; &quot; &apos; and character references are allowed");
    }
    open.element.text += decoded;
    if (literal || !isLayout(decoded.charCodeAt(0)) || notBlank.test(decoded)) {
      open.hasText = true;
    }
    if (open.hasText && open.element.children.length > 0) {
      return this.fail("xml-mixed-content",
        `Cannot read XML: element "${open.qualifiedName}" mixes text and elements`);
    }
    return proceed;
  }

  private readName(): string | undefined {
    // test() and lastIndex rather than exec(): no match array for every name.
    namePattern.lastIndex = this.position;
    if (!namePattern.test(this.text)) return undefined;
    const start = this.position;
    this.position = namePattern.lastIndex;
    return this.text.slice(start, this.position);
  }

  private skipSpace(): boolean {
    const start = this.position;
    const text = this.text;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
      this.position++;
    }
    return this.position > start;
  }

  private readAttributes(): XmlResult<readonly XmlAttribute[]> {
    let attributes: XmlAttribute[] | undefined;
    /** The names so far, once a tag has more than a few: a repeat is found in one lookup. */
    let names: Set<string> | undefined;
    const text = this.text;
    // Bounded by the document length: each attribute consumes characters.
    for (;;) {
      const spaced = this.skipSpace();
      const code = text.charCodeAt(this.position);
      if (code === 62 /* > */ || code === 47 /* / */) return ok(attributes ?? noAttributes);
      if (!spaced) return this.malformed("Cannot read XML: malformed tag");
      const name = this.readName();
      if (name === undefined) return this.malformed("Cannot read XML: bad attribute");
      this.skipSpace();
      if (text.charCodeAt(this.position) !== 61 /* = */) {
        return this.malformed(`Cannot read XML: attribute "${name}" has no value`);
      }
      this.position++;
      this.skipSpace();
      const quote = text[this.position];
      if (quote !== "\"" && quote !== "'") {
        return this.malformed(`Cannot read XML: attribute "${name}" is not quoted`);
      }
      const end = text.indexOf(quote, this.position + 1);
      if (end < 0) return this.malformed("Cannot read XML: attribute not closed");
      const raw = text.slice(this.position + 1, end);
      if (raw.includes("<")) return this.malformed("Cannot read XML: \"<\" in value");
      const value = decodeReferences(raw);
      if (value === null) {
        return this.fail("xml-entity-forbidden", `Cannot read XML: entity in attribute "${name}"`);
      }
      attributes ??= [];
      this.work.steps += names === undefined ? attributes.length : 1;
      if (names === undefined ? attributes.some((attribute) => attribute.name === name)
        : names.has(name)) {
        return this.malformed(`Cannot read XML: attribute "${name}" repeated`);
      }
      attributes.push({ name, value });
      if (names !== undefined) names.add(name);
      else if (attributes.length >= attributesScannedMax) {
        names = new Set(attributes.map((attribute) => attribute.name));
      }
      this.position = end + 1;
    }
  }

  private openTag(): XmlResult<true> {
    if (this.root !== undefined && this.stack.length === 0) {
      return this.malformed("Cannot read XML: more than one root element");
    }
    this.position++;
    this.nameStart = this.position;
    const qualifiedName = this.readName();
    if (qualifiedName === undefined) {
      return this.malformed("Cannot read XML: \"<\" not followed by a name");
    }
    // Most elements have no attributes: "<Name>" needs no attribute scan.
    const attributes = this.text.charCodeAt(this.position) === 62 /* > */
      ? proceedWithoutAttributes : this.readAttributes();
    if (!attributes.ok) return attributes;
    this.elementCount++;
    if (this.elementCount > xmlElementCountMax) {
      return this.fail("xml-too-many-elements",
        `Cannot read XML: more than ${xmlElementCountMax} elements`);
    }
    if (this.stack.length >= xmlDepthMax) {
      return this.fail("xml-too-deep", `Cannot read XML: nesting deeper than ${xmlDepthMax}`);
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent?.hasText === true) {
      return this.fail("xml-mixed-content",
        `Cannot read XML: element "${parent.qualifiedName}" mixes text and elements`);
    }
    const level = parent !== undefined && attributes === proceedWithoutAttributes &&
      !qualifiedName.includes(":") ? this.inherit(qualifiedName, parent)
      : this.openElement(qualifiedName, attributes.value, parent);
    if (!level.ok) return level;
    const element = level.value.element;
    // Children are added as they open: document order, and no copy when they close.
    if (parent === undefined) this.root = element;
    else if (parent.element.children === noChildren) parent.element.children = [element];
    else parent.element.children.push(element);
    const selfClosing = this.text.startsWith("/>", this.position);
    this.position += selfClosing ? 2 : 1;
    this.stack.push(level.value);
    return selfClosing ? this.finishElement() : proceed;
  }

  /** An unprefixed element without attributes: everything about names comes from its parent. */
  private inherit(qualifiedName: string, parent: Level): XmlResult<Level> {
    const element: Building = { name: qualifiedName, namespace: parent.defaultNamespace ?? "",
      attributes: noAttributes, children: noChildren, text: "" };
    return ok({ element, qualifiedName, nameStart: this.nameStart, scope: parent.scope,
      defaultNamespace: parent.defaultNamespace, hasText: false });
  }

  private openElement(
    qualifiedName: string,
    attributes: readonly XmlAttribute[],
    parent: Level | undefined,
  ): XmlResult<Level> {
    const inherited = parent?.scope ?? emptyScope;
    let declared: Map<string, string> | undefined;
    // Bounded by the attributes of one tag.
    for (const attribute of attributes) {
      if (attribute.name === "xmlns" || attribute.name.startsWith("xmlns:")) {
        declared ??= new Map();
        declared.set(attribute.name.slice(6), attribute.value);
      }
    }
    this.work.steps += attributes.length;
    const scope = declared === undefined ? inherited : { declared, outer: inherited };
    const defaultNamespace = scope === inherited && parent !== undefined
      ? parent.defaultNamespace : namespaceOf(scope, "", this.work);
    const colon = qualifiedName.indexOf(":");
    const prefix = colon < 0 ? "" : qualifiedName.slice(0, colon);
    const namespace = colon < 0 ? defaultNamespace : namespaceOf(scope, prefix, this.work);
    if (namespace === undefined && prefix !== "") {
      return this.malformed(`Cannot read XML: prefix "${prefix}" is not declared`);
    }
    const element: Building = { name: colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1),
      namespace: namespace ?? "", attributes, children: noChildren, text: "" };
    return ok({ element, qualifiedName, nameStart: this.nameStart, scope, defaultNamespace,
      hasText: false });
  }

  private closeTag(): XmlResult<true> {
    const text = this.text;
    const open = this.stack[this.stack.length - 1];
    // The usual case, "</" + the open element's name + ">", is checked without reading a name:
    // character by character against where the name stands in the start tag.
    if (open !== undefined) {
      const from = this.position + 2;
      const length = open.qualifiedName.length;
      let same = text.charCodeAt(from + length) === 62 /* > */;
      for (let index = 0; same && index < length; index++) {
        same = text.charCodeAt(from + index) === text.charCodeAt(open.nameStart + index);
      }
      if (same) {
        this.position = from + length + 1;
        return this.finishElement();
      }
    }
    return this.closeTagSlowly();
  }

  private closeTagSlowly(): XmlResult<true> {
    this.position += 2;
    const name = this.readName();
    this.skipSpace();
    if (name === undefined || this.text.charCodeAt(this.position) !== 62 /* > */) {
      return this.malformed("Cannot read XML: malformed end tag");
    }
    const open = this.stack[this.stack.length - 1];
    if (open?.qualifiedName !== name) {
      return this.fail("xml-not-well-formed",
        `Cannot read XML: end tag "${name}" does not match "${open?.qualifiedName ?? "nothing"}"`);
    }
    this.position++;
    return this.finishElement();
  }

  private finishElement(): XmlResult<true> {
    const open = this.stack.pop();
    assert(open !== undefined, "an element is open");
    // An element with children keeps no text (the blanks between them are layout).
    if (open.element.children.length > 0) open.element.text = "";
    return proceed;
  }
}

const escapes: Readonly<Record<string, string>> = {
  "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;",
};

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}
