// List versions and deltas: what a new version of a list added, removed and changed, so that
// held and queued traffic can be re-screened against only what changed.
import { assert } from "../lib/index.js";
import type { ListEntity, SanctionsList } from "./entity.js";

export interface ListDelta {
  readonly list: string;
  readonly fromVersion: string | null;
  readonly toVersion: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** A stable text of an entity's content: equal texts mean an unchanged entity. */
export function entityFingerprint(entity: ListEntity): string {
  const sorted = (values: readonly string[]): string[] => [...values].sort();
  return JSON.stringify([
    entity.kind,
    sorted(entity.names.map((n) => `${n.kind}|${n.weak ? 1 : 0}|${n.full}`)),
    sorted(entity.identifiers.map((i) => `${i.scheme}|${i.value}|${i.country ?? ""}`)),
    sorted(entity.countries), sorted(entity.addresses), sorted(entity.birthDates),
    sorted(entity.programmes),
  ]);
}

/** The delta from `previous` (or nothing) to `next` for the same list. */
export function diffLists(previous: SanctionsList | null, next: SanctionsList): ListDelta {
  assert(previous === null || previous.id === next.id, "a delta compares one list");
  const before = new Map<string, string>();
  for (const entity of previous?.entities ?? []) before.set(entity.id, entityFingerprint(entity));
  const added: string[] = [];
  const changed: string[] = [];
  const seen = new Set<string>();
  for (const entity of next.entities) {
    seen.add(entity.id);
    const old = before.get(entity.id);
    if (old === undefined) added.push(entity.id);
    else if (old !== entityFingerprint(entity)) changed.push(entity.id);
  }
  const removed = [...before.keys()].filter((id) => !seen.has(id));
  assert(added.length + changed.length <= next.entities.length, "a delta counts each entity once");
  return {
    list: next.id, fromVersion: previous?.version ?? null, toVersion: next.version,
    added, removed, changed,
  };
}
