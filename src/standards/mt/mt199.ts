// MT 199 Free Format Message: a reference, an optional related reference and narrative 79.
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt199Spec: MtTypeSpec = {
  messageType: "199", variant: "", title: "Free Format Message",
  rules: [rule("20", "", 1), rule("21", "", 0), rule("79", "", 1)],
  copyOfOriginal: false, uetrRequired: false, networkRules: () => [],
};
