// Schema-level validation of an XML element tree against a compact ISO 20022 schema table:
// namespace, element order and cardinality, attributes, data types, lengths, patterns, codes.
import { assert, type Problem } from "../../lib/index.js";
import { mxProblemsMax } from "../../limits.js";
import type { MxComplexType, MxSchema, MxSimpleType } from "./schemas/schema-types.js";
import { pathOf, type TreeCursor } from "./tree.js";
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

interface Pending {
  readonly element: XmlElement;
  readonly type: string;
  /** The path is built from the cursor only when a problem needs it. */
  readonly cursor: TreeCursor;
}

function pending(element: XmlElement, type: string, cursor: TreeCursor): Pending {
  return { element, type, cursor };
}

const compiled = new WeakMap<MxSimpleType, readonly RegExp[]>();

function patternsOf(simple: MxSimpleType): readonly RegExp[] {
  let found = compiled.get(simple);
  if (found === undefined) {
    found = (simple.pattern ?? []).map((source) => new RegExp(`^(?:${source})$`, "u"));
    compiled.set(simple, found);
  }
  return found;
}

const decimalPattern = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const datePattern = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const timePart = "([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?";
const dateTimePattern = new RegExp(`^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T${timePart}$`);
const timePattern = new RegExp(`^${timePart}$`);
const yearMonthPattern = /^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$/;

function validDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const y = Number(year);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
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

function checkDigits(simple: MxSimpleType, value: string): string | undefined {
  const unsigned = value.replace(/^[+-]/, "");
  const [whole = "", fraction = ""] = unsigned.split(".");
  const fractionDigits = fraction.replace(/0+$/, "").length;
  const totalDigits = whole.replace(/^0+/, "").length + fractionDigits;
  if (simple.fractionDigits !== undefined && fractionDigits > simple.fractionDigits) {
    return `has more than ${simple.fractionDigits} decimals`;
  }
  if (simple.totalDigits !== undefined && totalDigits > simple.totalDigits) {
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

/** Why a value does not fit a simple type, or undefined when it fits. */
export function simpleValueProblem(simple: MxSimpleType, raw: string): string | undefined {
  const value = simple.base === "string" ? raw : raw.trim();
  const lexical = checkLexical(simple, value);
  if (lexical !== undefined) return lexical;
  if (simple.base === "decimal") {
    const digits = checkDigits(simple, value);
    if (digits !== undefined) return digits;
  }
  const length = characterCount(value);
  if (simple.length !== undefined && length !== simple.length) {
    return `must be exactly ${simple.length} characters long`;
  }
  if (simple.minLength !== undefined && length < simple.minLength) {
    return `must be at least ${simple.minLength} characters long`;
  }
  if (simple.maxLength !== undefined && length > simple.maxLength) {
    return `is longer than ${simple.maxLength} characters`;
  }
  if (simple.values !== undefined && !simple.values.includes(value)) {
    const shown = simple.values.length <= 8 ? ` (one of ${simple.values.join(", ")})` : "";
    return `is not an allowed code${shown}`;
  }
  const patterns = patternsOf(simple);
  if (patterns.length > 0 && !patterns.some((pattern) => pattern.test(value))) {
    return `does not match the pattern ${simple.pattern?.join(" | ") ?? ""}`;
  }
  return undefined;
}

interface Checker {
  readonly schema: MxSchema;
  readonly problems: SchemaProblem[];
  readonly pending: Pending[];
}

function report(checker: Checker, problem: SchemaProblem): void {
  if (checker.problems.length < mxProblemsMax) checker.problems.push(problem);
}

function checkValue(checker: Checker, item: Pending, typeName: string): void {
  const simple = checker.schema.simple[typeName];
  assert(simple !== undefined, `schema defines simple type ${typeName}`);
  const reason = simpleValueProblem(simple, item.element.text);
  if (reason !== undefined) {
    report(checker, { code: "schema-invalid-value", location: pathOf(item.cursor),
      message: `Cannot accept "${item.element.text.slice(0, 80)}": ${reason} (${typeName})` });
  }
}

function checkSimpleContent(
  checker: Checker,
  item: Pending,
  type: { readonly value: string; readonly attrs: readonly (readonly [string, string, boolean])[] },
): void {
  const { element } = item;
  const path = pathOf(item.cursor);
  if (element.children.length > 0) {
    report(checker, { code: "schema-unexpected-element",
      location: `${path}/${element.children[0]?.name ?? ""}`,
      message: `Cannot accept child elements in ${element.name}: it holds a value` });
  }
  checkValue(checker, item, type.value);
  for (const [name, typeName, required] of type.attrs) {
    const attribute = element.attributes.find((candidate) => candidate.name === name);
    if (attribute === undefined) {
      if (required) {
        report(checker, { code: "schema-missing-attribute", location: `${path}/@${name}`,
          message: `Cannot accept ${element.name}: attribute ${name} is required` });
      }
      continue;
    }
    const simple = checker.schema.simple[typeName];
    assert(simple !== undefined, `schema defines simple type ${typeName}`);
    const reason = simpleValueProblem(simple, attribute.value);
    if (reason !== undefined) {
      report(checker, { code: "schema-invalid-value", location: `${path}/@${name}`,
        message: `Cannot accept "${attribute.value.slice(0, 40)}": ${reason} (${typeName})` });
    }
  }
  checkAttributes(checker, item, type.attrs.map(([name]) => name));
}

function checkAttributes(checker: Checker, item: Pending, allowed: readonly string[]): void {
  for (const attribute of item.element.attributes) {
    const name = attribute.name;
    if (name === "xmlns" || name.startsWith("xmlns:") || name.startsWith("xsi:")) continue;
    if (allowed.includes(name)) continue;
    report(checker, { code: "schema-unexpected-attribute",
      location: `${pathOf(item.cursor)}/@${name}`,
      message: `Cannot accept attribute ${name} on ${item.element.name}` });
  }
}

function childPath(parent: string, children: readonly XmlElement[], index: number): string {
  const child = children[index];
  assert(child !== undefined, "child index is in range");
  let position = 0;
  let total = 0;
  for (let other = 0; other < children.length; other++) {
    if (children[other]?.name !== child.name) continue;
    total++;
    if (other <= index) position++;
  }
  return total > 1 ? `${parent}/${child.name}[${position}]` : `${parent}/${child.name}`;
}

interface GroupContext {
  readonly cursor: TreeCursor;
  readonly report: (problem: SchemaProblem) => void;
}

function missing(context: GroupContext, name: string, before: string): SchemaProblem {
  return { code: "schema-missing-element", location: `${pathOf(context.cursor)}/${name}`,
    message: `Cannot accept the message: ${name} is required${before}` };
}

function checkChoice(
  element: XmlElement,
  items: readonly (readonly [string, string, number, number])[],
  context: GroupContext,
): (string | undefined)[] {
  const first = element.children[0];
  if (first === undefined) {
    context.report({ code: "schema-missing-element", location: pathOf(context.cursor),
      message: `Cannot accept ${element.name}: one of ` +
        `${items.map(([n]) => n).join(", ")} is required` });
    return [];
  }
  const chosen = items.find(([name]) => name === first.name);
  return element.children.map((child, index) => {
    const path = (): string => childPath(pathOf(context.cursor), element.children, index);
    if (chosen === undefined || child.name !== chosen[0]) {
      context.report({ code: "schema-unexpected-element", location: path(),
        message: `Cannot accept ${child.name} in ${element.name}: expected one of ` +
          items.map(([n]) => n).join(", ") });
      return undefined;
    }
    if (index >= chosen[3]) {
      context.report({ code: "schema-too-many-elements", location: path(),
        message: `Cannot accept ${child.name}: at most ${chosen[3]} allowed` });
    }
    return chosen[1];
  });
}

/** Matches children against a sequence or choice; returns each child's type (or undefined). */
function checkGroup(
  element: XmlElement,
  group: { readonly items: readonly (readonly [string, string, number, number])[];
    readonly choice?: true },
  context: GroupContext,
): (string | undefined)[] {
  const items = group.items;
  if (group.choice === true) return checkChoice(element, items, context);
  const types: (string | undefined)[] = [];
  let at = 0;
  let count = 0;
  element.children.forEach((child, index) => {
    let found = at;
    while (found < items.length && items[found]?.[0] !== child.name) found++;
    const item = items[found];
    const path = (): string => childPath(pathOf(context.cursor), element.children, index);
    if (item === undefined) {
      const earlier = items.findIndex(([name]) => name === child.name);
      context.report({ code: "schema-unexpected-element", location: path(),
        message: earlier >= 0 && earlier < at
          ? `Cannot accept ${child.name} here: it must come before ${items[at]?.[0] ?? "the end"}`
          : `Cannot accept ${child.name} in ${element.name}: not allowed there` });
      types.push(undefined);
      return;
    }
    for (let skipped = at; skipped < found; skipped++) {
      const [name, , min] = items[skipped] ?? ["", "", 0];
      const have = skipped === at ? count : 0;
      if (have < min) context.report(missing(context, name, ` before ${child.name}`));
    }
    count = found === at ? count + 1 : 1;
    at = found;
    if (count > item[3]) {
      context.report({ code: "schema-too-many-elements", location: path(),
        message: `Cannot accept ${child.name}: at most ${item[3]} allowed` });
    }
    types.push(item[1]);
  });
  for (let rest = at; rest < items.length; rest++) {
    const [name, , min] = items[rest] ?? ["", "", 0];
    const have = rest === at ? count : 0;
    if (have < min) context.report(missing(context, name, ""));
  }
  return types;
}

function checkElement(checker: Checker, item: Pending): void {
  const element = item.element;
  if (element.namespace !== checker.schema.namespace) {
    report(checker, { code: "schema-wrong-namespace", location: pathOf(item.cursor),
      message: `Cannot accept ${element.name} in namespace "${element.namespace}": ` +
        `expected "${checker.schema.namespace}"` });
    return;
  }
  const complex: MxComplexType | undefined = checker.schema.complex[item.type];
  if (complex === undefined) {
    checkAttributes(checker, item, []);
    if (element.children.length > 0) {
      report(checker, { code: "schema-unexpected-element",
        location: childPath(pathOf(item.cursor), element.children, 0),
        message: `Cannot accept child elements in ${element.name}: it holds a value` });
      return;
    }
    checkValue(checker, item, item.type);
    return;
  }
  if ("any" in complex) return;
  if ("value" in complex) {
    checkSimpleContent(checker, item, complex);
    return;
  }
  checkAttributes(checker, item, []);
  if (element.text.trim() !== "") {
    report(checker, { code: "schema-text-not-allowed", location: pathOf(item.cursor),
      message: `Cannot accept text in ${element.name}: it holds elements` });
  }
  const types = checkGroup(element, complex,
    { cursor: item.cursor, report: (problem) => report(checker, problem) });
  // Pushed in reverse so that the stack visits children, and reports problems, in order.
  for (let index = element.children.length - 1; index >= 0; index--) {
    const type = types[index];
    const child = element.children[index];
    if (type === undefined || child === undefined) continue;
    checker.pending.push(pending(child, type, { element: child, parent: item.cursor, index }));
  }
}

/** Checks an element (Document or AppHdr) against a schema; problems in document order. */
export function checkSchema(root: XmlElement, schema: MxSchema): readonly SchemaProblem[] {
  const checker: Checker = { schema, problems: [], pending: [] };
  const [rootName, rootType] = schema.root;
  if (root.name !== rootName) {
    return [{ code: "schema-unexpected-element", location: `/${root.name}`,
      message: `Cannot accept root ${root.name}: expected ${rootName}` }];
  }
  checker.pending.push(pending(root, rootType, { element: root, parent: undefined, index: 0 }));
  // Bounded: each element of the (bounded) tree is pushed at most once.
  while (checker.pending.length > 0 && checker.problems.length < mxProblemsMax) {
    const item = checker.pending.pop();
    assert(item !== undefined, "pending is not empty");
    checkElement(checker, item);
  }
  return checker.problems;
}
