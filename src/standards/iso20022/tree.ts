// Small helpers over the XML element tree: find by path, read text, build elements, order
// children as a schema's sequences require, and serialise to XML text.
import { assert } from "../../lib/index.js";
import { xmlDepthMax } from "../../limits.js";
import type { MxItem, MxSchema } from "./schemas/schema-types.js";
import type { MxWork } from "./work.js";
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
  let start = 0;
  // One step per segment; segments are compared in place, without splitting the path.
  while (current !== undefined && start <= path.length) {
    const slash = path.indexOf("/", start);
    const end = slash < 0 ? path.length : slash;
    current = childNamed(current, path, { start, end });
    start = end + 1;
  }
  return current;
}

function childNamed(element: XmlElement, path: string,
  segment: { readonly start: number; readonly end: number }): XmlElement | undefined {
  const length = segment.end - segment.start;
  for (const child of element.children) {
    if (child.name.length === length && path.startsWith(child.name, segment.start)) return child;
  }
  return undefined;
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

const itemRanks = new WeakMap<readonly MxItem[], ReadonlyMap<string, number>>();

/** Each element name of a sequence with its position, built once per sequence. */
function ranksOf(items: readonly MxItem[]): ReadonlyMap<string, number> {
  let ranks = itemRanks.get(items);
  if (ranks === undefined) {
    const built = new Map<string, number>();
    items.forEach(([name], index) => { if (!built.has(name)) built.set(name, index); });
    ranks = built;
    itemRanks.set(items, ranks);
  }
  return ranks;
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
    const ranks = ranksOf(complex.items);
    const rank = (name: string): number => ranks.get(name) ?? complex.items.length;
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
    // A parsed element keeps the source's default namespace declaration among its attributes;
    // the serialiser declares namespaces itself, and a second xmlns is not well-formed XML.
    if (attribute.name === "xmlns") continue;
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

/**
 * The elements from a walk's root down to the element being visited, with each one's index
 * among its parent's children: a walk pushes and pops as it goes and builds an XML path only
 * when a problem needs one, so that a clean walk allocates nothing per element.
 */
export class Trail {
  private readonly elements: XmlElement[] = [];
  private readonly indices: number[] = [];
  /**
   * Each child's position among its same-named siblings (0: its name is unique there), per
   * parent, counted once, when a problem's path first goes through that parent. Counting per
   * path instead cost a scan of the siblings at every level of every path: quadratic in
   * siblings for a message with a problem in each of thousands of them.
   */
  private positions: Map<readonly XmlElement[], Uint32Array> | undefined;

  constructor(root: XmlElement, private readonly work: MxWork) {
    this.elements.push(root);
    this.indices.push(0);
  }

  get depth(): number {
    return this.elements.length;
  }

  enter(parent: XmlElement, index: number): XmlElement {
    const child = parent.children[index];
    assert(child !== undefined, "child index is in range");
    this.elements.push(child);
    this.indices.push(index);
    return child;
  }

  leave(): void {
    assert(this.elements.length > 1, "the root is never left");
    this.elements.pop();
    this.indices.pop();
  }

  /** The XML path of the element being visited, e.g. /Document/FIToFICstmrCdtTrf/GrpHdr. */
  path(): string {
    const root = this.elements[0];
    assert(root !== undefined, "the trail has a root");
    let path = `/${root.name}`;
    for (let level = 1; level < this.elements.length; level++) {
      const parent = this.elements[level - 1];
      assert(parent !== undefined, "trail levels are filled");
      path += `/${this.stepName(parent.children, this.indices[level] ?? 0)}`;
    }
    this.work.steps += this.elements.length;
    return path;
  }

  /** The XML path of the `index`th child of the element being visited. */
  childPath(index: number): string {
    const element = this.elements[this.elements.length - 1];
    assert(element !== undefined, "the trail has a root");
    return `${this.path()}/${this.stepName(element.children, index)}`;
  }

  /** A child's name with its position among same-named siblings when it has any: "B[3]". */
  private stepName(children: readonly XmlElement[], index: number): string {
    const child = children[index];
    assert(child !== undefined, "child index is in range");
    this.positions ??= new Map();
    let positions = this.positions.get(children);
    if (positions === undefined) {
      positions = siblingPositions(children);
      this.positions.set(children, positions);
      this.work.steps += 2 * children.length;
    }
    const position = positions[index] ?? 0;
    return position === 0 ? child.name : `${child.name}[${position}]`;
  }
}

/** Each child's 1-based position among the siblings of its name, or 0 when it has none. */
function siblingPositions(children: readonly XmlElement[]): Uint32Array {
  const positions = new Uint32Array(children.length);
  const counts = new Map<string, number>();
  for (let index = 0; index < children.length; index++) {
    const name = (children[index] as XmlElement).name;
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    positions[index] = count;
  }
  for (let index = 0; index < children.length; index++) {
    if (counts.get((children[index] as XmlElement).name) === 1) positions[index] = 0;
  }
  assert(positions.length === children.length, "every child has a position");
  return positions;
}

/**
 * Visits every element below and including `root` depth first in document order, with the trail
 * that leads to it; stops early once `visit` returns false.
 */
export function walkElements(root: XmlElement,
  visit: (element: XmlElement, trail: Trail) => boolean, work: MxWork): void {
  const trail = new Trail(root, work);
  const down = (element: XmlElement): boolean => {
    work.steps++;
    if (!visit(element, trail)) return false;
    // Recursion is bounded by the reader's depth limit.
    assert(trail.depth <= xmlDepthMax, "the tree is no deeper than the reader allows");
    for (let index = 0; index < element.children.length; index++) {
      const going = down(trail.enter(element, index));
      trail.leave();
      if (!going) return false;
    }
    return true;
  };
  down(root);
}
