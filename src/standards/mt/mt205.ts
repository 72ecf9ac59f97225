// MT 205 Financial Institution Transfer Execution (and 205 COV): like MT 202 without 54a.
import { intermediaryRule } from "./mt202.js";
import { rule } from "./spec.js";
import type { MtFieldRule, MtTypeSpec } from "./spec.js";

const sequenceA: readonly MtFieldRule[] = [
  rule("20", "", 1), rule("21", "", 1), rule("13C", "", { min: 0, max: 10 }), rule("32A", "", 1),
  rule("52a", "AD", 1), rule("53a", "ABD", 0), rule("56a", "AD", 0), rule("57a", "ABD", 0),
  rule("58a", "AD", 1), rule("72", "", 0),
];

export const mt205Spec: MtTypeSpec = {
  messageType: "205", variant: "", title: "Financial Institution Transfer Execution",
  rules: sequenceA, copyOfOriginal: false, uetrRequired: true, networkRules: intermediaryRule,
};
