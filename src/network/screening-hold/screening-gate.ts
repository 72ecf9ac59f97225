// The screening gate intake calls for every message before it is committed: screens its parties
// against the lists in force and, on a hit at or above the hold threshold, returns the hold with
// its case, so the message and its case are committed in one transaction (docs/decisions/).
import { assert } from "../../lib/index.js";
import type { Screener } from "../../screening/index.js";
import type { Envelope } from "../../standards/index.js";
import type { HoldDraft, IdSource, ParsedContent } from "../ports.js";
import { extractFacts } from "./parties.js";
import { screenFacts } from "./screen-message.js";

export interface ScreeningVerdict {
  readonly initialStatus: "queued" | "held";
  readonly hold: HoldDraft | undefined;
}

export interface ScreeningGate {
  /** `parsed`, when given, is `text` already parsed by the content validator. */
  screen(envelope: Envelope, text: string, parsed?: ParsedContent): ScreeningVerdict;
  /** Swaps in a screener over a new list version (list update). */
  setScreener(screener: Screener): void;
  screener(): Screener;
  readonly threshold: number;
}

export function createScreeningGate(deps: {
  readonly screener: Screener;
  readonly threshold: number;
  readonly ids: IdSource;
}): ScreeningGate {
  assert(deps.threshold > 0 && deps.threshold <= 1, "a hold threshold lies in (0,1]");
  let current = deps.screener;
  return {
    threshold: deps.threshold,
    screen: (envelope, text, parsed) => {
      const facts = extractFacts(envelope.format, text, { ...envelope, parsed });
      const hits = screenFacts(current, facts, { threshold: deps.threshold });
      if (hits.length === 0) return { initialStatus: "queued", hold: undefined };
      return { initialStatus: "held", hold: { caseId: `C${deps.ids.messageId()}`, hits } };
    },
    setScreener: (screener) => { current = screener; },
    screener: () => current,
  };
}
