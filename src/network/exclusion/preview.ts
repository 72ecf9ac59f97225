// The preview an approver reads before approving a policy: who would be excluded (and why),
// which undelivered messages it would abort or keep, and the last 30 days' traffic on every
// corridor it cuts, with counts and amounts by currency.
import { assert } from "../../lib/index.js";
import { previewTrafficDays, previewTrafficMessagesMax } from "../../limits.js";
import { formatMtAmount } from "../../standards/index.js";
import type { Directory } from "../participants/directory.js";
import type { Clock } from "../ports.js";
import { extractFacts } from "../screening-hold/parties.js";
import type { Participant, StoredMessage } from "../types.js";
import {
  blocksReceiving, blocksSending, covers, indexByBic8, ownershipChain,
} from "./policy.js";
import type { PolicyRecord } from "./policy.js";
import type { PolicyStore } from "./policy-store.js";

export interface PreviewParticipant {
  readonly bic: string;
  readonly name: string;
  readonly parent: string | null;
  /** institution, subsidiary of <BIC8>, country <CC>; or reinstated (lift). */
  readonly why: string;
}

export interface CorridorTraffic {
  readonly sender: string;
  readonly receiver: string;
  readonly count: number;
  readonly amounts: readonly { readonly currency: string; readonly total: string }[];
}

export interface PolicyPreview {
  readonly policy: PolicyRecord;
  readonly participants: readonly PreviewParticipant[];
  readonly queued: { readonly count: number; readonly action: "abort" | "keep";
    readonly messages: readonly { id: string; sender: string; receiver: string; type: string;
      status: string }[] };
  readonly traffic: { readonly since: string; readonly corridors: readonly CorridorTraffic[];
    readonly messagesScanned: number; readonly truncated: boolean };
}

export async function previewPolicy(
  deps: { policies: PolicyStore; directory: Directory; clock: Clock },
  policy: PolicyRecord,
): Promise<PolicyPreview> {
  const participants = await deps.directory.list();
  const chosen = policy.action === "lift"
    ? await reinstatedBy(deps, policy, participants) : excludedBy(policy, participants);
  const excluded = new Set(chosen.map((p) => p.bic));
  const bic8s = [...new Set(chosen.map((p) => p.bic.slice(0, 8)))];
  const queuedAll = bic8s.length === 0 ? [] : await deps.policies.messagesInvolving({ bic8s,
    statuses: ["queued"], limit: previewTrafficMessagesMax });
  const queued = policy.action === "lift" ? [] : affectedMessages(policy, excluded, queuedAll);
  const since = deps.clock.now() - previewTrafficDays * 86_400_000;
  const traffic = bic8s.length === 0 ? [] : await deps.policies.messagesInvolving({ bic8s, since,
    limit: previewTrafficMessagesMax });
  return {
    policy, participants: chosen,
    queued: { count: queued.length, action: policy.queued, messages: queued.slice(0, 100)
      .map((m) => ({ id: m.id, sender: m.sender, receiver: m.receiver, type: m.type,
        status: m.status })) },
    traffic: { since: new Date(since).toISOString(), corridors: corridorsOf(traffic),
      messagesScanned: traffic.length, truncated: traffic.length >= previewTrafficMessagesMax },
  };
}

/** Messages a policy's exclusion affects: to or from the excluded, as its direction says. */
export function affectedMessages(
  policy: PolicyRecord,
  excluded: ReadonlySet<string>,
  messages: readonly StoredMessage[],
): StoredMessage[] {
  return messages.filter((m) =>
    (blocksSending(policy.direction) && excluded.has(m.sender)) ||
    (blocksReceiving(policy.direction) && excluded.has(m.receiver)));
}

function excludedBy(policy: PolicyRecord, participants: readonly Participant[]) {
  const byBic8 = indexByBic8(participants);
  return participants.filter((p) => covers(policy, p, byBic8)).map((p): PreviewParticipant => {
    const own = p.bic.slice(0, 8);
    const owner = ownershipChain(p, byBic8).slice(1)
      .find((bic8) => policy.institutions.includes(bic8));
    const why = policy.institutions.includes(own) ? "institution"
      : policy.countries.includes(own.slice(4, 6)) ? `country ${own.slice(4, 6)}`
        : `subsidiary of ${owner ?? "?"}`;
    return { bic: p.bic, name: p.name, parent: p.parent ?? null, why };
  });
}

async function reinstatedBy(
  deps: { policies: PolicyStore },
  policy: PolicyRecord,
  participants: readonly Participant[],
): Promise<PreviewParticipant[]> {
  assert(policy.lifts !== undefined, "a lift names its target");
  const target = await deps.policies.getPolicy(policy.lifts);
  if (target === undefined) return [];
  return excludedBy(target, participants).map((p) => ({ ...p, why: `reinstated (${p.why})` }));
}

/** Counts and amounts by currency per (sender, receiver), busiest corridor first. */
export function corridorsOf(messages: readonly StoredMessage[]): CorridorTraffic[] {
  const byCorridor = new Map<string, { sender: string; receiver: string; count: number;
    totals: Map<string, bigint> }>();
  for (const message of messages) {
    if (message.format === "system") continue;
    const key = `${message.sender}>${message.receiver}`;
    let entry = byCorridor.get(key);
    if (entry === undefined) {
      entry = { sender: message.sender, receiver: message.receiver, count: 0, totals: new Map() };
      byCorridor.set(key, entry);
    }
    entry.count += 1;
    const { amount } = extractFacts(message.format, message.payload.toString("utf8"),
      { sender: message.sender, receiver: message.receiver });
    if (amount !== undefined) {
      entry.totals.set(amount.currency, (entry.totals.get(amount.currency) ?? 0n) +
        amount.minorUnits);
    }
  }
  return [...byCorridor.values()].sort((a, b) => b.count - a.count ||
    a.sender.localeCompare(b.sender) || a.receiver.localeCompare(b.receiver))
    .map((entry) => ({ sender: entry.sender, receiver: entry.receiver, count: entry.count,
      amounts: [...entry.totals].sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, minorUnits]) => ({ currency,
          total: decimalOf(currency, minorUnits) })) }));
}

function decimalOf(currency: string, minorUnits: bigint): string {
  return formatMtAmount({ currency, minorUnits }).replace(",", ".").replace(/\.$/, "");
}
