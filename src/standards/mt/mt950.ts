// MT 950 Statement Message: balances around repeated statement lines (61).
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt950Spec: MtTypeSpec = {
  messageType: "950", variant: "", title: "Statement Message",
  rules: [rule("20", "", 1), rule("25", "", 1), rule("28C", "", 1), rule("60a", "FM", 1),
    rule("61", "", { min: 0, max: 1000 }), rule("62a", "FM", 1), rule("64", "", 0),
    rule("65", "", { min: 0, max: 10 })],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
