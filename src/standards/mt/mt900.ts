// MT 900 Confirmation of Debit.
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt900Spec: MtTypeSpec = {
  messageType: "900", variant: "", title: "Confirmation of Debit",
  rules: [rule("20", "", 1), rule("21", "", 1), rule("25a", "-P", 1), rule("13D", "", 0),
    rule("32A", "", 1), rule("52a", "AD", 0), rule("72", "", 0)],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
