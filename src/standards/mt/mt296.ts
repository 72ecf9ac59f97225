// MT 296 Answers: references, answer lines 76, optional 77A narrative, the original's MT and
// date (11R or 11S), 79 and/or a copy of fields of the original message.
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt296Spec: MtTypeSpec = {
  messageType: "296", variant: "", title: "Answers",
  rules: [rule("20", "", 1), rule("21", "", 1), rule("76", "", 1), rule("77A", "", 0),
    rule("11a", "RS", 0), rule("79", "", 0)],
  copyOfOriginal: true, uetrRequired: false, networkRules: () => [],
};
