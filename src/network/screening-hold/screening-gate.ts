// The screening gate intake calls for every message before it is committed: screens its parties
// against the lists in force and, on a hit at or above the hold threshold, returns the hold with
// its case, so the message and its case are committed in one transaction (docs/decisions/).
// It fails closed: with no list in force a payment is refused, unless the operator turned
// screening off, which the gate reports to /health, /metrics, the console and the audit log.
import { assert, assertNever } from "../../lib/index.js";
import { createScreener } from "../../screening/index.js";
import type { SanctionsList, Screener } from "../../screening/index.js";
import type { Envelope } from "../../standards/index.js";
import { nak } from "../intake/answer.js";
import type { Nak } from "../intake/answer.js";
import type { HoldDraft } from "../intake/submission-store.js";
import type { IdSource, ParsedContent } from "../ports.js";
import { extractFacts } from "./parties.js";
import { screenFacts } from "./screen-message.js";

/** enforced: every message is screened and payments need a list; off: the operator said so. */
export type ScreeningMode = "enforced" | "off";

export type ScreeningVerdict =
  | { readonly initialStatus: "queued"; readonly hold: undefined }
  | { readonly initialStatus: "held"; readonly hold: HoldDraft };

export interface ScreeningStatus {
  readonly mode: ScreeningMode;
  /** The lists in force; none (or only empty ones) with mode "enforced" refuses payments. */
  readonly lists: readonly { readonly id: string; readonly version: string;
    readonly entities: number }[];
  /** True when payments can be accepted: screening is enforced with a list, or is off. */
  readonly acceptsPayments: boolean;
}

export interface ScreeningGate {
  /** `parsed`, when given, is `text` already parsed by the content validator. */
  screen(envelope: Envelope, text: string, parsed: ParsedContent | undefined):
    ScreeningVerdict | Nak;
  /** Swaps in new list versions (list update); the next message is screened against them. */
  setLists(lists: readonly SanctionsList[]): void;
  status(): ScreeningStatus;
  readonly threshold: number;
}

const queued: ScreeningVerdict = { initialStatus: "queued", hold: undefined };

/**
 * Payments: MT categories 1 and 2 below n90 (customer and institution transfers, cover) and the
 * pacs transfers and returns. Status reports, queries and free-format messages are not payments.
 */
export function isPaymentType(envelope: Pick<Envelope, "format" | "type">): boolean {
  if (envelope.format === "MT") return /^MT[12][0-8]\d/.test(envelope.type);
  return /^pacs\.(003|004|008|009|010)/.test(envelope.type);
}

export function createScreeningGate(deps: {
  readonly mode: ScreeningMode;
  readonly lists: readonly SanctionsList[];
  readonly threshold: number;
  readonly ids: IdSource;
}): ScreeningGate {
  assert(deps.threshold > 0 && deps.threshold <= 1, "a hold threshold lies in (0,1]");
  let lists = [...deps.lists];
  let screener: Screener = createScreener(lists);
  const screen = (envelope: Envelope, text: string, parsed: ParsedContent | undefined) => {
    const facts = extractFacts(envelope.format, text, { ...envelope, parsed });
    const hits = screenFacts(screener, facts, { threshold: deps.threshold });
    if (hits.length === 0) return queued;
    const hold: HoldDraft = { caseId: `C${deps.ids.messageId()}`, hits };
    return { initialStatus: "held" as const, hold };
  };
  return {
    threshold: deps.threshold,
    screen: (envelope, text, parsed) => {
      switch (deps.mode) {
        case "off": return queued;
        case "enforced":
          if (!hasEntities(lists) && isPaymentType(envelope)) return refuseUnscreened(envelope);
          return screen(envelope, text, parsed);
        default: return assertNever(deps.mode, "screening mode");
      }
    },
    setLists: (next) => {
      assert(new Set(next.map((list) => list.id)).size === next.length, "a list is in force once");
      lists = [...next];
      screener = createScreener(lists);
    },
    status: () => ({
      mode: deps.mode,
      lists: lists.map((list) => ({ id: list.id, version: list.version,
        entities: list.entities.length })),
      acceptsPayments: deps.mode === "off" || hasEntities(lists),
    }),
  };
}

/** A list with no entity screens nothing: it does not count as a list in force. */
function hasEntities(lists: readonly SanctionsList[]): boolean {
  return lists.some((list) => list.entities.length > 0);
}

function refuseUnscreened(envelope: Envelope): Nak {
  return nak("screening-unavailable", "hub", `Cannot accept ${envelope.type}: no sanctions ` +
    "list is in force to screen it by, so the hub refuses payments until one is imported");
}
