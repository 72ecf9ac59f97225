// MT 910 Confirmation of Credit.
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt910Spec: MtTypeSpec = {
  messageType: "910", variant: "", title: "Confirmation of Credit",
  rules: [rule("20", "", 1), rule("21", "", 1), rule("25a", "-P", 1), rule("13D", "", 0),
    rule("32A", "", 1), rule("50a", "AFK", 0), rule("52a", "AD", 0), rule("56a", "AD", 0),
    rule("72", "", 0)],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
