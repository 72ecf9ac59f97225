// Full content validation for the hub's intake: the MT checker (FIN rules: the first problem is
// the NAK code) and the ISO 20022 checker (schema level and CBPR+ usage rules), by format.
import type { ContentValidator } from "../ports.js";
import { checkMtParsed, checkMxParsed } from "../../standards/index.js";

/**
 * The checks on the calling thread (the event loop); the parsed message goes back with the
 * problems, so that screening does not parse it again. The hub runs it for small messages and
 * hands large ones to worker threads (adapters/system/validation-pool.ts).
 */
export const contentValidator: ContentValidator = (text, envelope) => {
  if (envelope.format === "MT") {
    const { problems, message } = checkMtParsed(text);
    return Promise.resolve({ problems,
      parsed: message === undefined ? undefined : { format: "MT", message } });
  }
  const { problems, message } = checkMxParsed(text);
  return Promise.resolve({ problems,
    parsed: message === undefined ? undefined : { format: "MX", message } });
};
