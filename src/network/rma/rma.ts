// RMA (relationship management): a receiver authorises a sender, one direction, for all or
// some message types. When the operator enforces RMA, a message without one is NAKed.
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import { parseBic } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import { nak } from "../intake/answer.js";
import type { Nak } from "../intake/answer.js";
import { rmaCacheEntriesMax, rmaCacheTtlMs } from "../../limits.js";
import type { Clock } from "../ports.js";
import type { RmaRecord, RmaStore } from "./rma-store.js";

export type RmaProblemCode = "bic-format-invalid" | "rma-types-invalid";

const typePattern = /^(MT\d{3}|[a-z]{4}\.\d{3}(\.\d{3}\.\d{2})?)$/;

/** Does the authorisation cover this message type? Types are prefixes: "pacs.008" covers
 * "pacs.008.001.08"; no types means every type. */
export function rmaCovers(record: RmaRecord, type: string): boolean {
  if (record.types.length === 0) return true;
  return record.types.some((allowed) => type === allowed || type.startsWith(`${allowed}.`));
}

export function checkRmaDraft(
  draft: { receiver: string; sender: string; types: readonly string[] },
  options: { grantedBy: string; now: number },
): Result<RmaRecord, RmaProblemCode> {
  const receiver = parseBic(draft.receiver, "receiver");
  if (!receiver.ok) return receiver;
  const sender = parseBic(draft.sender, "sender");
  if (!sender.ok) return sender;
  const bad = draft.types.find((type) => !typePattern.test(type));
  if (bad !== undefined) {
    return fail("rma-types-invalid", "types",
      `Cannot grant RMA: "${bad}" is not a type such as MT103 or pacs.008`);
  }
  return ok({ receiver: receiver.value, sender: sender.value, types: [...new Set(draft.types)],
    grantedBy: options.grantedBy, grantedAt: options.now });
}

export type RmaGate = (sender: Bic, receiver: Bic, type: string) => Promise<Nak | undefined>;

/** The operator does not enforce RMA (`corridor serve` without `--enforce-rma`): all pass. */
export const rmaNotEnforced: RmaGate = () => Promise.resolve(undefined);

/** The intake's RMA gate: refuses when enforcement is on and no authorisation covers the type. */
export function createRmaGate(deps: { rma: RmaStore; clock: Clock }): RmaGate {
  const cache = new Map<string, { record: RmaRecord | undefined; at: number }>();
  return async (sender, receiver, type) => {
    assert(type.length > 0, "a message has a type");
    const key = `${receiver}>${sender}`;
    const now = deps.clock.now();
    let hit = cache.get(key);
    if (hit === undefined || now - hit.at >= rmaCacheTtlMs) {
      hit = { record: await deps.rma.findRma(receiver, sender), at: now };
      if (cache.size > rmaCacheEntriesMax) cache.clear();
      if (hit.record === undefined) cache.delete(key);
      else cache.set(key, hit);
    }
    if (hit.record !== undefined && rmaCovers(hit.record, type)) return undefined;
    return nak("rma-missing", "receiver",
      `Cannot route ${type}: "${receiver}" has not authorised "${sender}" (RMA) for it`);
  };
}
