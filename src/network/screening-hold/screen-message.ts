// Screening in flight: every party of a message against the lists in force. A listed BIC is a
// certain hit; names are scored; free text is screened as 2- and 3-word windows (names hide there).
import { assert } from "../../lib/index.js";
import { caseHitsMax, freeTextWindowsMax } from "../../limits.js";
import type { Explanation, Hit, Screener } from "../../screening/index.js";
import type { MessageFacts, MessageParty } from "./parties.js";

/** One hit on a case: which party of the message matched which listed entity, and why. */
export interface CaseHit {
  readonly party: Pick<MessageParty, "kind" | "role" | "location" | "value">;
  readonly list: string;
  readonly listVersion: string;
  readonly entityId: string;
  readonly listedName: string;
  readonly primaryName: string;
  readonly score: number;
  readonly programmes: readonly string[];
  readonly explanation: Explanation;
}

export interface ScreenFactsOptions {
  /** Hits at or above it hold the message. */
  readonly threshold: number;
}

/** Hits at or above the threshold, best first, one per listed entity (its best match). */
export function screenFacts(
  screener: Screener,
  facts: MessageFacts,
  options: ScreenFactsOptions,
): CaseHit[] {
  assert(options.threshold > 0 && options.threshold <= 1, "a hold threshold lies in (0,1]");
  const best = new Map<string, CaseHit>();
  const keep = (party: MessageParty, hits: readonly Hit[]): void => {
    for (const hit of hits) {
      if (hit.score < options.threshold) continue;
      const key = `${hit.list}\u0000${hit.entityId}`;
      if ((best.get(key)?.score ?? -1) >= hit.score) continue;
      best.set(key, caseHitOf(party, hit));
    }
  };
  let windows = 0;
  for (const party of facts.parties) {
    switch (party.kind) {
      case "bic": keep(party, screener.screenBic(party.value)); break;
      case "name":
        keep(party, screener.screenName(party.value, { threshold: options.threshold, hitsMax: 5,
          ...(party.country === undefined ? {} : { country: party.country }),
          ...(party.birthDate === undefined ? {} : { birthDate: party.birthDate }) }));
        break;
      case "free-text":
        for (const window of wordWindows(party.value, freeTextWindowsMax - windows)) {
          windows += 1;
          keep(party, screener.screenName(window, { threshold: options.threshold, hitsMax: 3 }));
        }
        break;
      case "account": case "address": break;
    }
  }
  const hits = [...best.values()].sort((a, b) => b.score - a.score ||
    a.list.localeCompare(b.list) || a.entityId.localeCompare(b.entityId));
  return hits.slice(0, caseHitsMax);
}

function caseHitOf(party: MessageParty, hit: Hit): CaseHit {
  return {
    party: { kind: party.kind, role: party.role, location: party.location, value: party.value },
    list: hit.list, listVersion: hit.listVersion, entityId: hit.entityId, listedName: hit.name,
    primaryName: hit.primaryName, score: hit.score, programmes: hit.programmes,
    explanation: hit.explanation,
  };
}

/** Consecutive 2- and 3-word windows of letters-only words of at least two letters. */
export function wordWindows(text: string, windowsMax: number): string[] {
  const words = text.split(/[^\p{L}'-]+/u).filter((word) => word.length >= 2);
  const windows: string[] = [];
  for (let start = 0; start < words.length && windows.length < windowsMax; start += 1) {
    for (let size = 2; size <= 3 && start + size <= words.length; size += 1) {
      if (windows.length >= windowsMax) break;
      windows.push(words.slice(start, start + size).join(" "));
    }
  }
  assert(windows.length <= Math.max(0, windowsMax), "windows are bounded");
  return windows;
}
