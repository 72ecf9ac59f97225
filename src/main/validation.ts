// Full content validation for the hub's intake: the MT checker (FIN rules: the first problem is
// the NAK code) and the ISO 20022 checker (schema level and CBPR+ usage rules), by format.
import type { ContentValidator } from "../network/index.js";
import { checkMt, checkMx } from "../standards/index.js";

export const contentValidator: ContentValidator = (text, envelope) =>
  envelope.format === "MT" ? checkMt(text) : checkMx(text);
