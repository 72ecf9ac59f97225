// MT 942 Interim Transaction Report: floor limits, then repeated statement lines (61 + 86).
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

const lines = { max: 1, group: "statement-line" };

export const mt942Spec: MtTypeSpec = {
  messageType: "942", variant: "", title: "Interim Transaction Report",
  rules: [rule("20", "", 1), rule("21", "", 0), rule("25a", "-P", 1), rule("28C", "", 1),
    rule("34F", "", { min: 1, max: 2 }), rule("13D", "", 1), rule("61", "", { min: 0, ...lines }),
    rule("86", "", { min: 0, ...lines }), rule("90D", "", 0), rule("90C", "", 0), rule("86", "",
      0)],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
