// MT 940 Customer Statement Message: balances around repeated statement lines (61 + 86).
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

const lines = { max: 1, group: "statement-line" };

export const mt940Spec: MtTypeSpec = {
  messageType: "940", variant: "", title: "Customer Statement Message",
  rules: [rule("20", "", 1), rule("21", "", 0), rule("25a", "-P", 1), rule("28C", "", 1),
    rule("60a", "FM", 1), rule("61", "", { min: 0, ...lines }), rule("86", "", { min: 0,
      ...lines }),
    rule("62a", "FM", 1), rule("64", "", 0), rule("65", "", { min: 0, max: 10 }),
    rule("86", "", 0)],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
