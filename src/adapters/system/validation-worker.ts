// A validation thread's entry, run by piscina (from dist/, or from src/ through a test loader):
// checks one message with the MT or ISO 20022 checker and answers its problems. The parsed
// message stays in the thread: cloning it back would cost the event loop more than parsing it
// again (docs/decisions/0014-validation-off-the-event-loop.md).
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import { checkMtParsed, checkMxParsed } from "../../standards/index.js";

export interface ValidationTask {
  readonly text: string;
  readonly format: "MT" | "MX";
}

export interface ValidationAnswer {
  readonly problems: readonly Problem[];
}

/** The same checks as the network's inline content validator, which a test holds it to. */
export default function validateInThread(task: ValidationTask): ValidationAnswer {
  assert(typeof task.text === "string", "a validation task carries the message text");
  assert(task.format === "MT" || task.format === "MX", "a validation task names its format");
  const { problems } = task.format === "MT" ? checkMtParsed(task.text)
    : checkMxParsed(task.text);
  return { problems };
}
