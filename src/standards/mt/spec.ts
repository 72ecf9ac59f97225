// Message type specs as data: field order, presence, repetitions and sequences, plus the
// structure check FIN reports as T13 (field missing, out of order or not allowed).
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import { tagKey } from "./fields.js";
import type { MtField, MtMessage } from "./model.js";

/** One field position in a message type, e.g. `50a` with options A, F or K. */
export interface MtFieldRule {
  /** As the standard names it: "20", "50a", "32A". */
  readonly name: string;
  /** Full tags accepted here, e.g. ["50A", "50F", "50K"]; "59" for the option without letter. */
  readonly tags: readonly string[];
  readonly min: 0 | 1;
  readonly max: number;
  /** Rules sharing a group id form a repetitive sequence that may occur again. */
  readonly group?: string;
}

/** Everything a message type needs beyond the generic field formats. */
export interface MtTypeSpec {
  /** "103", "202" ... */
  readonly messageType: string;
  /** Validation flag variant from block 3 tag 119 ("STP", "REMIT", "COV") or "" for core. */
  readonly variant: string;
  readonly title: string;
  readonly rules: readonly MtFieldRule[];
  /** n92/n95/n96: after the listed fields, a copy of fields of the original message. */
  readonly copyOfOriginal: boolean;
  /** Payment types must carry a UETR in block 3 tag 121 (since November 2018). */
  readonly uetrRequired: boolean;
  /** Network validated rules (C, D, E codes), run when the structure and fields are valid. */
  readonly networkRules: (fields: readonly MtField[], message: MtMessage) => Problem[];
}

export interface RuleOptions {
  readonly min: 0 | 1;
  readonly max?: number;
  readonly group?: string;
}

/**
 * Builds a rule: `rule("50a", "AFK", 1)` or `rule("71F", "", { min: 0, max: 10 })`.
 * "-" in options means the tag without a letter; with options "" the name is the tag.
 */
export function rule(name: string, options: string, presence: 0 | 1 | RuleOptions): MtFieldRule {
  const more: RuleOptions = typeof presence === "number" ? { min: presence } : presence;
  const base = name.replace(/[a-z]$/, "");
  const tags = options === "" ? [base]
    : [...options].map((option) => (option === "-" ? base : `${base}${option}`));
  assert(tags.length > 0, "a rule accepts at least one tag");
  return { name, tags, min: more.min, max: more.max ?? 1,
    ...(more.group === undefined ? {} : { group: more.group }) };
}

function missing(rule: MtFieldRule, line: number): Problem {
  return { code: "T13", location: rule.name, line,
    message: `Cannot accept message: mandatory field ${rule.name} is missing` };
}

/** Index of the first rule of a group, or -1. */
function groupStart(rules: readonly MtFieldRule[], group: string): number {
  return rules.findIndex((candidate) => candidate.group === group);
}

interface Position {
  rule: number;
  count: number;
}

/**
 * A spec's rules with each rule's tags as tag keys (tagKey), built once per rules array, so the
 * structure check compares numbers rather than tag strings.
 */
interface KeyedRules {
  readonly rules: readonly MtFieldRule[];
  readonly keys: readonly (readonly number[])[];
}

const keyedRules = new WeakMap<readonly MtFieldRule[], KeyedRules>();

function keyed(rules: readonly MtFieldRule[]): KeyedRules {
  const known = keyedRules.get(rules);
  if (known !== undefined) return known;
  const built = { rules, keys: rules.map((candidate) => candidate.tags.map(tagKey)) };
  keyedRules.set(rules, built);
  return built;
}

/**
 * The field being placed and its tag key (-1 for a tag without one, then compared as a string);
 * one object reused for every field of a message.
 */
interface KeyedField {
  field: MtField;
  key: number;
}

/** Does rule `index` accept the field's tag? Same answer as `rule.tags.includes(tag)`. */
function accepts(keyedSpec: KeyedRules, index: number, target: KeyedField): boolean {
  if (target.key < 0) return keyedSpec.rules[index]?.tags.includes(target.field.tag) === true;
  return keyedSpec.keys[index]?.includes(target.key) === true;
}

/** Finds where `field` goes from the current position; a T13 problem when it cannot go. */
function advance(
  keyedSpec: KeyedRules,
  position: Position,
  target: KeyedField,
): Problem | undefined {
  const rules = keyedSpec.rules;
  const forward = advanceForward(keyedSpec, position, target);
  if (forward === undefined) return undefined;
  // A repetitive sequence may start again: back to its first rule.
  const current = rules[position.rule];
  if (current?.group !== undefined) {
    const start = groupStart(rules, current.group);
    if (start >= 0 && accepts(keyedSpec, start, target)) {
      position.rule = start;
      position.count = 1;
      return undefined;
    }
  }
  return forward;
}

function advanceForward(
  keyedSpec: KeyedRules,
  position: Position,
  target: KeyedField,
): Problem | undefined {
  const rules = keyedSpec.rules;
  const field = target.field;
  for (let index = position.rule; index < rules.length; index += 1) {
    const candidate = rules[index];
    assert(candidate !== undefined, "rule indices are dense");
    const used = index === position.rule ? position.count : 0;
    if (used < candidate.max && accepts(keyedSpec, index, target)) {
      position.rule = index;
      position.count = used + 1;
      return undefined;
    }
    if (candidate.min === 1 && used === 0) {
      const later = rules.slice(index).some((next) => next.tags.includes(field.tag));
      if (later) return missing(candidate, field.line);
      break;
    }
  }
  return { code: "T13", location: field.tag, line: field.line,
    message: `Cannot accept field ${field.tag}: it is not expected here` };
}

/** Field order, presence and repetition (T13); the first problem only, as FIN stops there. */
export function checkStructure(spec: MtTypeSpec, fields: readonly MtField[]): Problem | undefined {
  const keyedSpec = keyed(spec.rules);
  const position: Position = { rule: 0, count: 0 };
  let lastLine = 0;
  let copying = false;
  const target: KeyedField = { field: { tag: "", lines: [], line: 0 }, key: -1 };
  for (const field of fields) {
    lastLine = field.line;
    if (copying) continue;
    target.field = field;
    target.key = tagKey(field.tag);
    const problem = advance(keyedSpec, position, target);
    if (problem === undefined) continue;
    if (!spec.copyOfOriginal || problem.location !== field.tag) return problem;
    copying = true;
  }
  const rules = spec.rules;
  for (let index = position.count === 0 ? position.rule : position.rule + 1;
    index < rules.length; index += 1) {
    const candidate = rules[index];
    if (candidate?.min === 1) return missing(candidate, lastLine);
  }
  return undefined;
}
