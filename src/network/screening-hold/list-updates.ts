// Sanctions list updates: the lists in force come from a list source; when it changes, the new
// versions are swapped into the screening gate, each change is audited, and undelivered traffic
// is re-screened against the names added or changed (the delta), not the whole lists.
import { assert } from "../../lib/index.js";
import { createScreener, diffLists } from "../../screening/index.js";
import type { SanctionsList } from "../../screening/index.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { AuditDraft } from "../audit/chain.js";
import type { RescreenOutcome } from "../compliance/compliance-service.js";
import type { Clock } from "../ports.js";
import type { ScreeningGate } from "./screening-gate.js";
import type { Screener } from "../../screening/index.js";

/** Where the lists in force come from (the list store `corridor lists import` writes). */
export interface ListSource {
  /** The current version of every list. */
  load(): readonly SanctionsList[];
  /** Changes whenever any list's current version changes; cheap to call every few seconds. */
  signature(): string;
}

export interface ListUpdates {
  /** Loads the lists now, swaps them in, audits the change and re-screens against the delta. */
  reload(actor: string): Promise<RescreenOutcome>;
  /** The scheduled job: reloads when the source's signature changed since the last load. */
  reloadIfChanged(actor: string): Promise<RescreenOutcome | undefined>;
}

export function createListUpdates(deps: {
  readonly source: ListSource;
  readonly gate: ScreeningGate;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Holds undelivered messages that hit the names in `delta` (the compliance service). */
  readonly rescreen: (delta: Screener) => Promise<RescreenOutcome>;
  /** The lists the gate was created with. */
  readonly initial: readonly SanctionsList[];
  readonly initialSignature: string;
}): ListUpdates {
  let lists = [...deps.initial];
  let signature = deps.initialSignature;
  // The gate screens by the new lists at once; the baseline (what the delta is measured from)
  // and the signature move only once the change is audited and re-screened, so a store that
  // fails halfway has the next tick do both again rather than skip them.
  const reload = async (actor: string): Promise<RescreenOutcome> => {
    const seen = deps.source.signature();
    const next = deps.source.load();
    const { entries, delta } = changesOf(lists, next, { at: deps.clock.now(), actor });
    deps.gate.setLists(next);
    await deps.audit.append(entries);
    const outcome = delta.length === 0 ? { screened: 0, held: 0, casesUpdated: 0, partial: false }
      : await deps.rescreen(createScreener(delta));
    lists = [...next];
    signature = seen;
    return outcome;
  };
  return {
    reload,
    reloadIfChanged: async (actor) => (deps.source.signature() === signature
      ? undefined : reload(actor)),
  };
}

/** The audit entry of each list in `next` and the entities added or changed since `before`. */
function changesOf(before: readonly SanctionsList[], next: readonly SanctionsList[],
  who: { at: number; actor: string }): { entries: AuditDraft[]; delta: SanctionsList[] } {
  const previous = new Map(before.map((list) => [list.id, list]));
  const delta: SanctionsList[] = [];
  const entries: AuditDraft[] = [];
  for (const list of next) {
    const change = diffLists(previous.get(list.id) ?? null, list);
    const touched = new Set([...change.added, ...change.changed]);
    assert(touched.size <= list.entities.length, "a delta is part of its list");
    if (touched.size > 0) {
      delta.push({ ...list, entities: list.entities.filter((entity) => touched.has(entity.id)) });
    }
    entries.push({ at: who.at, kind: "list-import", actor: who.actor, subject: list.id,
      detail: JSON.stringify({ from: change.fromVersion, to: change.toVersion,
        added: change.added.length, changed: change.changed.length,
        removed: change.removed.length }) });
  }
  return { entries, delta };
}
