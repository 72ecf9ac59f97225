// MT 941 Balance Report.
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt941Spec: MtTypeSpec = {
  messageType: "941", variant: "", title: "Balance Report",
  rules: [rule("20", "", 1), rule("21", "", 0), rule("25a", "-P", 1), rule("28", "", 1),
    rule("13D", "", 0), rule("60F", "", 0), rule("90D", "", 0), rule("90C", "", 0),
    rule("62F", "", 1), rule("64", "", 0), rule("65", "", { min: 0, max: 10 }), rule("86", "", 0)],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
