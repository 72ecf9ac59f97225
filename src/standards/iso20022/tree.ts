// Small helpers over the XML element tree: find by path, read text, build elements, order
// children as a schema's sequences require, and serialise to XML text.
import { assert } from "../../lib/index.js";
import { xmlDepthMax } from "../../limits.js";
import type { MxSchema } from "./schemas/schema-types.js";
import { escapeXml, type XmlAttribute, type XmlElement } from "./xml.js";

/** The first child with this local name. */
export function childOf(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const child of element.children) if (child.name === name) return child;
  return undefined;
}

/** All children with this local name. */
export function childrenOf(element: XmlElement | undefined, name: string): readonly XmlElement[] {
  if (element === undefined) return [];
  return element.children.filter((child) => child.name === name);
}

/** The element at a slash-separated path of local names below `element`. */
export function at(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const name of path.split("/")) {
    current = childOf(current, name);
    if (current === undefined) return undefined;
  }
  return current;
}

/** The text at a path, or undefined when the element is absent. */
export function textAt(element: XmlElement | undefined, path: string): string | undefined {
  return at(element, path)?.text;
}

export function attributeOf(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attributes.find((attribute) => attribute.name === name)?.value;
}

type Content = string | readonly (XmlElement | undefined)[] | undefined;

/**
 * Builds an element in the namespace given; undefined children and undefined or empty content
 * give undefined, so optional parts can be written inline.
 */
export function el(
  name: string,
  content: Content,
  options: { readonly attributes?: readonly XmlAttribute[]; readonly namespace?: string } = {},
): XmlElement | undefined {
  if (content === undefined) return undefined;
  const namespace = options.namespace ?? "";
  if (typeof content === "string") {
    if (content === "") return undefined;
    return { name, namespace, attributes: options.attributes ?? [], children: [], text: content };
  }
  const children = content.filter((child): child is XmlElement => child !== undefined);
  if (children.length === 0) return undefined;
  return { name, namespace, attributes: options.attributes ?? [], children, text: "" };
}

/** An element that is written even when it has no content (an empty container is valid). */
export function container(name: string, children: readonly (XmlElement | undefined)[]): XmlElement {
  return { name, namespace: "", attributes: [], text: "",
    children: children.filter((child): child is XmlElement => child !== undefined) };
}

/** Like el() but never undefined: for elements the caller knows are present. */
export function must(element: XmlElement | undefined, what: string): XmlElement {
  assert(element !== undefined, `Cannot build ${what}: no content`);
  return element;
}

/**
 * Returns a copy of the tree with every element in `schema.namespace` and the children of each
 * sequence in the schema's order (stable for repeated elements).
 */
export function orderBySchema(root: XmlElement, schema: MxSchema): XmlElement {
  const work = (element: XmlElement, type: string, depth: number): XmlElement => {
    assert(depth <= xmlDepthMax, "built tree stays within xmlDepthMax");
    const complex = schema.complex[type];
    if (complex === undefined || "any" in complex || "value" in complex) {
      return { ...element, namespace: schema.namespace };
    }
    const rank = (name: string): number => {
      const index = complex.items.findIndex(([item]) => item === name);
      return index < 0 ? complex.items.length : index;
    };
    const children = element.children
      .map((child, index) => ({ child, index, rank: rank(child.name) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ child, rank: r }) => work(child, complex.items[r]?.[1] ?? "", depth + 1));
    return { ...element, namespace: schema.namespace, children };
  };
  return work(root, schema.root[1], 0);
}

function openTag(element: XmlElement, namespaceDeclaration: string): string {
  let tag = `<${element.name}${namespaceDeclaration}`;
  for (const attribute of element.attributes) {
    tag += ` ${attribute.name}="${escapeXml(attribute.value)}"`;
  }
  return tag;
}

/** Serialises an element tree, declaring each namespace as the default where it changes. */
export function serializeXml(root: XmlElement, indent = "  "): string {
  const lines: string[] = [];
  const write = (element: XmlElement, parentNamespace: string, depth: number): void => {
    assert(depth <= xmlDepthMax, "serialised tree stays within xmlDepthMax");
    const declaration = element.namespace !== parentNamespace
      ? ` xmlns="${escapeXml(element.namespace)}"` : "";
    const pad = indent.repeat(depth);
    const open = openTag(element, declaration);
    if (element.children.length === 0) {
      lines.push(element.text === "" ? `${pad}${open}/>`
        : `${pad}${open}>${escapeXml(element.text)}</${element.name}>`);
      return;
    }
    lines.push(`${pad}${open}>`);
    for (const child of element.children) write(child, element.namespace, depth + 1);
    lines.push(`${pad}</${element.name}>`);
  };
  write(root, "", 0);
  return lines.join("\n");
}

/** A position in a tree while walking it; the XML path is only built when a problem needs it. */
export interface TreeCursor {
  readonly element: XmlElement;
  readonly parent: TreeCursor | undefined;
  /** Index of the element among its parent's children. */
  readonly index: number;
}

/** The XML path of a cursor, e.g. /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId. */
export function pathOf(cursor: TreeCursor): string {
  const segments: string[] = [];
  // Bounded by the depth of the (bounded) tree.
  for (let at: TreeCursor | undefined = cursor; at !== undefined; at = at.parent) {
    const name = at.element.name;
    const siblings = at.parent?.element.children ?? [];
    let position = 0;
    let total = 0;
    for (let index = 0; index < siblings.length; index++) {
      if (siblings[index]?.name !== name) continue;
      total++;
      if (index <= at.index) position++;
    }
    segments.push(total > 1 ? `${name}[${position}]` : name);
  }
  return `/${segments.reverse().join("/")}`;
}
