// Schema-level validation of an XML element tree against a compact ISO 20022 schema table:
// namespace, element order and cardinality, attributes, data types, lengths, patterns, codes.
// Each table is compiled once into linked nodes (types resolved, patterns built, code sets
// hashed) so that checking a message does no name lookups and allocates little.
import { assert, type Problem } from "../../lib/index.js";
import { mxProblemsMax, xmlDepthMax } from "../../limits.js";
import type { MxSchema, MxSimpleType } from "./schemas/schema-types.js";
import { Trail } from "./tree.js";
import { newWork, type MxWork } from "./work.js";
import type { XmlElement } from "./xml.js";

export type SchemaProblemCode =
  | "schema-wrong-namespace"
  | "schema-unexpected-element"
  | "schema-missing-element"
  | "schema-too-many-elements"
  | "schema-text-not-allowed"
  | "schema-missing-attribute"
  | "schema-unexpected-attribute"
  | "schema-invalid-value";

type SchemaProblem = Problem<SchemaProblemCode>;

/** A simple type ready to check values: undefined when a value fits, else why not. */
interface CompiledSimple {
  readonly name: string;
  readonly problem: (raw: string) => string | undefined;
}

interface CompiledItem {
  readonly name: string;
  readonly type: CompiledType;
  readonly min: number;
  readonly max: number;
}

interface CompiledAttribute {
  readonly name: string;
  readonly type: CompiledSimple;
  readonly required: boolean;
}

/** A sequence or a choice; items are filled after creation so that types may recurse. */
interface CompiledGroup {
  readonly kind: "group";
  readonly choice: boolean;
  readonly items: CompiledItem[];
  /** "A, B, C": the option list that choice problems quote. */
  readonly optionList: string;
}

type CompiledType =
  | CompiledGroup
  | { readonly kind: "content"; readonly value: CompiledSimple;
    readonly attributes: readonly CompiledAttribute[] }
  | { readonly kind: "any" }
  | { readonly kind: "leaf"; readonly simple: CompiledSimple };

interface CompiledSchema {
  readonly namespace: string;
  readonly rootName: string;
  readonly rootType: CompiledType;
}

const decimalPattern = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const datePattern = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const timePart = "([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?";
const dateTimePattern = new RegExp(`^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T${timePart}$`);
const timePattern = new RegExp(`^${timePart}$`);
const yearMonthPattern = /^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const y = Number(year);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : monthDays[m - 1] ?? 0;
  return d <= days;
}

function validTime(hour: string, minute: string, second: string): boolean {
  return Number(hour) <= 24 && Number(minute) <= 59 && Number(second) <= 60;
}

function checkLexical(simple: MxSimpleType, value: string): string | undefined {
  switch (simple.base) {
    case "string": return undefined;
    case "boolean":
      return /^(true|false|1|0)$/.test(value) ? undefined : "is not a boolean";
    case "decimal": return decimalPattern.test(value) ? undefined : "is not a decimal number";
    case "date": {
      const m = datePattern.exec(value);
      return m !== null && validDate(m[1] ?? "", m[2] ?? "", m[3] ?? "") ? undefined
        : "is not a date (YYYY-MM-DD)";
    }
    case "dateTime": {
      const m = dateTimePattern.exec(value);
      const good = m !== null && validDate(m[1] ?? "", m[2] ?? "", m[3] ?? "") &&
        validTime(m[4] ?? "", m[5] ?? "", m[6] ?? "");
      return good ? undefined : "is not a date-time (YYYY-MM-DDThh:mm:ss)";
    }
    case "time": {
      const m = timePattern.exec(value);
      return m !== null && validTime(m[1] ?? "", m[2] ?? "", m[3] ?? "") ? undefined
        : "is not a time";
    }
    case "gYearMonth": return yearMonthPattern.test(value) ? undefined : "is not a year-month";
  }
}

/** Digits before and after the point, leading and trailing zeros not counted. */
function digitCounts(value: string): { readonly total: number; readonly fraction: number } {
  let start = 0;
  const sign = value.charCodeAt(0);
  if (sign === 43 /* + */ || sign === 45 /* - */) start = 1;
  const point = value.indexOf(".", start);
  const wholeEnd = point < 0 ? value.length : point;
  let firstDigit = start;
  while (firstDigit < wholeEnd && value.charCodeAt(firstDigit) === 48 /* 0 */) firstDigit++;
  let fractionEnd = value.length;
  if (point >= 0) {
    while (fractionEnd > point + 1 && value.charCodeAt(fractionEnd - 1) === 48) fractionEnd--;
  }
  const fraction = point < 0 ? 0 : fractionEnd - point - 1;
  return { total: wholeEnd - firstDigit + fraction, fraction };
}

function checkDigits(simple: MxSimpleType, value: string): string | undefined {
  const { total, fraction } = digitCounts(value);
  if (simple.fractionDigits !== undefined && fraction > simple.fractionDigits) {
    return `has more than ${simple.fractionDigits} decimals`;
  }
  if (simple.totalDigits !== undefined && total > simple.totalDigits) {
    return `has more than ${simple.totalDigits} digits`;
  }
  const number = Number(value);
  if (simple.minInclusive !== undefined && number < simple.minInclusive) {
    return `is below ${simple.minInclusive}`;
  }
  if (simple.maxInclusive !== undefined && number > simple.maxInclusive) {
    return `is above ${simple.maxInclusive}`;
  }
  return undefined;
}

function characterCount(value: string): number {
  // Surrogate pairs count as one character, as XML Schema counts them.
  let count = value.length;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) count--;
  }
  return count;
}

function lengthProblem(simple: MxSimpleType, value: string): string | undefined {
  const { length: exact, minLength, maxLength } = simple;
  if (exact === undefined && minLength === undefined && maxLength === undefined) return undefined;
  // Characters <= UTF-16 units <= 2 x characters: most values pass without counting.
  const units = value.length;
  if (exact === undefined && (minLength === undefined || units >= 2 * minLength) &&
    (maxLength === undefined || units <= maxLength)) return undefined;
  const length = characterCount(value);
  if (exact !== undefined && length !== exact) return `must be exactly ${exact} characters long`;
  if (minLength !== undefined && length < minLength) {
    return `must be at least ${minLength} characters long`;
  }
  if (maxLength !== undefined && length > maxLength) {
    return `is longer than ${maxLength} characters`;
  }
  return undefined;
}

/** Builds the value check of a simple type: facets read once, patterns and code sets built. */
function compileSimpleCheck(simple: MxSimpleType): (raw: string) => string | undefined {
  const patterns = (simple.pattern ?? []).map((source) => new RegExp(`^(?:${source})$`, "u"));
  const patternText = simple.pattern?.join(" | ") ?? "";
  const values = simple.values === undefined ? undefined : new Set(simple.values);
  const shown = simple.values !== undefined && simple.values.length <= 8
    ? ` (one of ${simple.values.join(", ")})` : "";
  return (raw) => {
    const value = simple.base === "string" ? raw : raw.trim();
    const lexical = checkLexical(simple, value);
    if (lexical !== undefined) return lexical;
    if (simple.base === "decimal") {
      const digits = checkDigits(simple, value);
      if (digits !== undefined) return digits;
    }
    const length = lengthProblem(simple, value);
    if (length !== undefined) return length;
    if (values !== undefined && !values.has(value)) return `is not an allowed code${shown}`;
    if (patterns.length === 0) return undefined;
    for (const pattern of patterns) if (pattern.test(value)) return undefined;
    return `does not match the pattern ${patternText}`;
  };
}

const simpleChecks = new WeakMap<MxSimpleType, (raw: string) => string | undefined>();

/** Why a value does not fit a simple type, or undefined when it fits. */
export function simpleValueProblem(simple: MxSimpleType, raw: string): string | undefined {
  let check = simpleChecks.get(simple);
  if (check === undefined) {
    check = compileSimpleCheck(simple);
    simpleChecks.set(simple, check);
  }
  return check(raw);
}

function compileSchema(schema: MxSchema): CompiledSchema {
  const types = new Map<string, CompiledType>();
  const simples = new Map<string, CompiledSimple>();
  const simpleOf = (name: string): CompiledSimple => {
    let found = simples.get(name);
    if (found === undefined) {
      const simple = schema.simple[name];
      assert(simple !== undefined, `schema defines simple type ${name}`);
      found = { name, problem: compileSimpleCheck(simple) };
      simples.set(name, found);
    }
    return found;
  };
  const typeOf = (name: string): CompiledType => {
    const known = types.get(name);
    if (known !== undefined) return known;
    const complex = schema.complex[name];
    if (complex === undefined) {
      const leaf: CompiledType = { kind: "leaf", simple: simpleOf(name) };
      types.set(name, leaf);
      return leaf;
    }
    if ("any" in complex) {
      types.set(name, { kind: "any" });
    } else if ("value" in complex) {
      types.set(name, { kind: "content", value: simpleOf(complex.value),
        attributes: complex.attrs.map(([attribute, type, required]) =>
          ({ name: attribute, type: simpleOf(type), required })) });
    } else {
      // Registered before its items are compiled: a type may contain itself.
      const group: CompiledGroup = { kind: "group", choice: complex.choice === true, items: [],
        optionList: complex.items.map(([item]) => item).join(", ") };
      types.set(name, group);
      for (const [item, type, min, max] of complex.items) {
        group.items.push({ name: item, type: typeOf(type), min, max });
      }
    }
    const compiled = types.get(name);
    assert(compiled !== undefined, "the type was just compiled");
    return compiled;
  };
  const [rootName, rootType] = schema.root;
  return { namespace: schema.namespace, rootName, rootType: typeOf(rootType) };
}

const compiledSchemas = new WeakMap<MxSchema, CompiledSchema>();

function compiledOf(schema: MxSchema): CompiledSchema {
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    compiled = compileSchema(schema);
    compiledSchemas.set(schema, compiled);
  }
  return compiled;
}

/** The state of one walk: the schema, the problems so far and where the walk is. */
interface Walk {
  readonly schema: CompiledSchema;
  readonly problems: SchemaProblem[];
  readonly trail: Trail;
  readonly work: MxWork;
  /**
   * The namespace string last found equal to the schema's. The reader gives every element in
   * a scope the same string, so the next test is by identity rather than by content.
   */
  knownNamespace: string | undefined;
}

/**
 * True once the walk holds mxProblemsMax problems: nothing more can be reported, so the walk
 * stops instead of matching what is left (a message may carry thousands of bad siblings). Asked
 * after a problem is reported, so that a valid message pays nothing for it.
 */
function full(walk: Walk): boolean {
  return walk.problems.length >= mxProblemsMax;
}

/**
 * Where a problem lies, relative to the element being visited: the element itself, its child
 * at an index, its attribute, or a missing child. The path is built only for a problem that is
 * reported, never for one past the limit.
 */
type Place =
  | { readonly at: "element" }
  | { readonly at: "child"; readonly index: number }
  | { readonly at: "attribute" | "missing"; readonly name: string };

const here: Place = { at: "element" };

function locate(trail: Trail, place: Place): string {
  switch (place.at) {
    case "element": return trail.path();
    case "child": return trail.childPath(place.index);
    case "attribute": return `${trail.path()}/@${place.name}`;
    case "missing": return `${trail.path()}/${place.name}`;
  }
}

function report(walk: Walk, code: SchemaProblemCode,
  problem: { readonly place: Place; readonly message: string }): void {
  if (full(walk)) return;
  walk.problems.push({ code, location: locate(walk.trail, problem.place),
    message: problem.message });
}

function checkValue(walk: Walk, element: XmlElement, simple: CompiledSimple): void {
  const reason = simple.problem(element.text);
  if (reason !== undefined) {
    report(walk, "schema-invalid-value", { place: here,
      message: `Cannot accept "${element.text.slice(0, 80)}": ${reason} (${simple.name})` });
  }
}

function checkAttributes(walk: Walk, element: XmlElement,
  allowed: readonly CompiledAttribute[]): void {
  // Bounded by the attributes of one tag; a type allows a handful.
  for (const attribute of element.attributes) {
    if (full(walk)) return;
    walk.work.steps += 1 + allowed.length;
    const name = attribute.name;
    if (name === "xmlns" || name.startsWith("xmlns:") || name.startsWith("xsi:")) continue;
    if (allowed.some((candidate) => candidate.name === name)) continue;
    report(walk, "schema-unexpected-attribute", { place: { at: "attribute", name },
      message: `Cannot accept attribute ${name} on ${element.name}` });
  }
}

function checkSimpleContent(walk: Walk, element: XmlElement,
  type: { readonly value: CompiledSimple; readonly attributes: readonly CompiledAttribute[] },
): void {
  if (element.children.length > 0) {
    report(walk, "schema-unexpected-element", { place: { at: "child", index: 0 },
      message: `Cannot accept child elements in ${element.name}: it holds a value` });
  }
  checkValue(walk, element, type.value);
  for (const { name, type: simple, required } of type.attributes) {
    walk.work.steps += element.attributes.length;
    const attribute = element.attributes.find((candidate) => candidate.name === name);
    if (attribute === undefined) {
      if (required) {
        report(walk, "schema-missing-attribute", { place: { at: "attribute", name },
          message: `Cannot accept ${element.name}: attribute ${name} is required` });
      }
      continue;
    }
    const reason = simple.problem(attribute.value);
    if (reason !== undefined) {
      report(walk, "schema-invalid-value", { place: { at: "attribute", name },
        message: `Cannot accept "${attribute.value.slice(0, 40)}": ${reason} (${simple.name})` });
    }
  }
  if (element.attributes.length > 0) checkAttributes(walk, element, type.attributes);
}

/** Matches children against a choice; returns each child's type (undefined: not allowed). */
function checkChoice(walk: Walk, element: XmlElement,
  group: CompiledGroup): (CompiledType | undefined)[] {
  const children = element.children;
  const types = new Array<CompiledType | undefined>(children.length);
  const first = children[0];
  if (first === undefined) {
    report(walk, "schema-missing-element", { place: here,
      message: `Cannot accept ${element.name}: one of ${group.optionList} is required` });
    return types;
  }
  const chosen = group.items.find((item) => item.name === first.name);
  walk.work.steps += group.items.length;
  // One pass over the children; it stops at the problem limit.
  for (let index = 0; index < children.length; index++) {
    walk.work.steps++;
    const child = children[index] as XmlElement;
    if (chosen === undefined || child.name !== chosen.name) {
      report(walk, "schema-unexpected-element", { place: { at: "child", index },
        message: `Cannot accept ${child.name} in ${element.name}: expected one of ` +
          group.optionList });
      if (full(walk)) break;
      continue;
    }
    if (index >= chosen.max) {
      report(walk, "schema-too-many-elements", { place: { at: "child", index },
        message: `Cannot accept ${child.name}: at most ${chosen.max} allowed` });
      if (full(walk)) break;
    }
    types[index] = chosen.type;
  }
  return types;
}

function missing(walk: Walk, name: string, before: string): void {
  report(walk, "schema-missing-element", { place: { at: "missing", name },
    message: `Cannot accept the message: ${name} is required${before}` });
}

function unexpected(walk: Walk, element: XmlElement,
  where: { readonly group: CompiledGroup; readonly index: number; readonly at: number }): void {
  const { group, index, at } = where;
  const child = element.children[index];
  assert(child !== undefined, "child index is in range");
  walk.work.steps += group.items.length;
  const earlier = group.items.findIndex((item) => item.name === child.name);
  const next = group.items[at]?.name ?? "the end";
  report(walk, "schema-unexpected-element", { place: { at: "child", index },
    message: earlier >= 0 && earlier < at
      ? `Cannot accept ${child.name} here: it must come before ${next}`
      : `Cannot accept ${child.name} in ${element.name}: not allowed there` });
}

/**
 * Matches children against a sequence in one pass. The position in the sequence only moves
 * forward, so matching valid children costs the children plus the items in all; a child that
 * matches no item costs a scan of the items left, and is a problem: the problem limit stops
 * that. Returns each child's type (undefined: not allowed).
 */
function checkSequence(walk: Walk, element: XmlElement,
  group: CompiledGroup): (CompiledType | undefined)[] {
  const items = group.items;
  const children = element.children;
  const types = new Array<CompiledType | undefined>(children.length);
  let at = 0;
  let count = 0;
  for (let index = 0; index < children.length; index++) {
    const name = (children[index] as XmlElement).name;
    let found = at;
    // Bounded by the items of the sequence.
    while (found < items.length && (items[found] as CompiledItem).name !== name) found++;
    walk.work.steps += 1 + found - at;
    const item = items[found];
    if (item === undefined) {
      unexpected(walk, element, { group, index, at });
      if (full(walk)) break;
      continue;
    }
    for (let skipped = at; skipped < found; skipped++) {
      const { name: required, min } = items[skipped] as CompiledItem;
      if ((skipped === at ? count : 0) < min) missing(walk, required, ` before ${name}`);
    }
    count = found === at ? count + 1 : 1;
    at = found;
    if (count > item.max) {
      report(walk, "schema-too-many-elements", { place: { at: "child", index },
        message: `Cannot accept ${name}: at most ${item.max} allowed` });
      if (full(walk)) break;
    }
    types[index] = item.type;
  }
  walk.work.steps += items.length - at;
  for (let rest = at; rest < items.length; rest++) {
    const { name, min } = items[rest] as CompiledItem;
    if ((rest === at ? count : 0) < min) missing(walk, name, "");
  }
  return types;
}

function checkLeaf(walk: Walk, element: XmlElement, simple: CompiledSimple): void {
  if (element.attributes.length > 0) checkAttributes(walk, element, []);
  if (element.children.length > 0) {
    report(walk, "schema-unexpected-element", { place: { at: "child", index: 0 },
      message: `Cannot accept child elements in ${element.name}: it holds a value` });
    return;
  }
  checkValue(walk, element, simple);
}

/** Checks one element and, depth first in document order, the elements below it. */
function checkElement(walk: Walk, element: XmlElement, type: CompiledType): void {
  walk.work.steps++;
  if (element.namespace !== walk.knownNamespace) {
    if (element.namespace !== walk.schema.namespace) {
      report(walk, "schema-wrong-namespace", { place: here,
        message: `Cannot accept ${element.name} in namespace "${element.namespace}": ` +
          `expected "${walk.schema.namespace}"` });
      return;
    }
    walk.knownNamespace = element.namespace;
  }
  switch (type.kind) {
    case "leaf": return checkLeaf(walk, element, type.simple);
    case "any": return;
    case "content": return checkSimpleContent(walk, element, type);
    case "group": break;
  }
  if (element.attributes.length > 0) checkAttributes(walk, element, []);
  if (element.text !== "" && element.text.trim() !== "") {
    report(walk, "schema-text-not-allowed", { place: here,
      message: `Cannot accept text in ${element.name}: it holds elements` });
  }
  const types = type.choice ? checkChoice(walk, element, type)
    : checkSequence(walk, element, type);
  // The reader bounds the depth; the walk recurses once per level.
  assert(walk.trail.depth <= xmlDepthMax, "the tree is no deeper than the reader allows");
  for (let index = 0; index < types.length; index++) {
    const childType = types[index];
    if (childType === undefined) continue;
    if (full(walk)) break;
    const child = walk.trail.enter(element, index);
    checkElement(walk, child, childType);
    walk.trail.leave();
  }
}

/** Checks an element (Document or AppHdr) against a schema; problems in document order. */
export function checkSchema(root: XmlElement, schema: MxSchema,
  work: MxWork = newWork()): readonly SchemaProblem[] {
  const compiled = compiledOf(schema);
  if (root.name !== compiled.rootName) {
    return [{ code: "schema-unexpected-element", location: `/${root.name}`,
      message: `Cannot accept root ${root.name}: expected ${compiled.rootName}` }];
  }
  const walk: Walk = { schema: compiled, problems: [], trail: new Trail(root, work), work,
    knownNamespace: undefined };
  checkElement(walk, root, compiled.rootType);
  assert(walk.problems.length <= mxProblemsMax, "the walk reports at most mxProblemsMax");
  return walk.problems;
}
