// MT 202 General Financial Institution Transfer and MT 202 COV (119:COV, with the mandatory
// sequence B "underlying customer credit transfer").
import type { Problem } from "../../lib/index.js";
import { fieldByNumber, ruleProblem } from "./field-access.js";
import type { MtField } from "./model.js";
import { rule } from "./spec.js";
import type { MtFieldRule, MtTypeSpec } from "./spec.js";

/** Sequence A of MT 202 (and MT 202 COV). */
const sequenceA: readonly MtFieldRule[] = [
  rule("20", "", 1), rule("21", "", 1), rule("13C", "", { min: 0, max: 10 }), rule("32A", "", 1),
  rule("52a", "AD", 0), rule("53a", "ABD", 0), rule("54a", "ABD", 0), rule("56a", "AD", 0),
  rule("57a", "ABD", 0), rule("58a", "AD", 1), rule("72", "", 0),
];

/** Sequence B of MT 202 COV: the underlying MT 103's parties and remittance information. */
const sequenceB: readonly MtFieldRule[] = [
  rule("50a", "AFK", 1), rule("52a", "AD", 0), rule("56a", "ACD", 0), rule("57a", "ABCD", 0),
  rule("59a", "-AF", 1), rule("70", "", 0), rule("72", "", 0), rule("33B", "", 0),
];

/** C1 of MT 202/205: 56a present => 57a mandatory (C81), in sequence A. */
export function intermediaryRule(fields: readonly MtField[]): Problem[] {
  const end = fields.findIndex((field) => field.tag.startsWith("50"));
  const sequence = end === -1 ? fields : fields.slice(0, end);
  const f56 = fieldByNumber(sequence, "56");
  if (f56 === undefined || fieldByNumber(sequence, "57") !== undefined) return [];
  return [ruleProblem("C81", f56, "Cannot accept message: 56a needs 57a")];
}

export const mt202Spec: MtTypeSpec = {
  messageType: "202", variant: "", title: "General Financial Institution Transfer",
  rules: sequenceA, copyOfOriginal: false, uetrRequired: true,
  networkRules: intermediaryRule,
};

export const mt202CovSpec: MtTypeSpec = {
  messageType: "202", variant: "COV", title: "General Financial Institution Transfer (COV)",
  rules: [...sequenceA, ...sequenceB], copyOfOriginal: false, uetrRequired: true,
  networkRules: intermediaryRule,
};
