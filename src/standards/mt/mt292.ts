// MT 292 Request for Cancellation: references, the original's MT and date (11S), narrative 79
// and/or a copy of at least the mandatory fields of the original message.
import { rule } from "./spec.js";
import type { MtTypeSpec } from "./spec.js";

export const mt292Spec: MtTypeSpec = {
  messageType: "292", variant: "", title: "Request for Cancellation",
  rules: [rule("20", "", 1), rule("21", "", 1), rule("11S", "", 1), rule("79", "", 0)],
  copyOfOriginal: true, uetrRequired: false, networkRules: () => [],
};
