// Exclusion policies at work: maker-checker proposal and approval, a preview of what a policy
// would affect, the scheduled job that applies approved policies at their effective time, and
// the admission check intake runs on every message (NAK with the policy's code and reference).
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import {
  controlsListMax, policyCacheTtlMs, previewTrafficMessagesMax, rescreenPageSizeMax,
} from "../../limits.js";
import type { AccountLineages } from "../accounts/lineage.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { InboxStore } from "../delivery/inbox-store.js";
import type { DeliveryService } from "../delivery/delivery-service.js";
import { nak } from "../intake/answer.js";
import type { Nak } from "../intake/answer.js";
import type { Directory } from "../participants/directory.js";
import type { Clock, IdSource } from "../ports.js";
import type { MessageStatus, Participant } from "../types.js";
import {
  approvePolicy, blocksReceiving, blocksSending, checkPolicyDraft, covers, exclusionsInForce,
  indexByBic8,
} from "./policy.js";
import type { PolicyProblemCode, PolicyRecord } from "./policy.js";
import type { PolicyStore } from "./policy-store.js";
import { affectedMessages, previewPolicy } from "./preview.js";
import type { PolicyPreview } from "./preview.js";

export interface PolicyDeps {
  readonly policies: PolicyStore;
  /** Where messages caught by an exclusion are aborted. */
  readonly inbox: Pick<InboxStore, "finish">;
  readonly audit: AuditLog;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly delivery: DeliveryService;
  /** Closes the streaming sessions of participants that an exclusion disconnects. */
  readonly onDisconnected: (bics: readonly string[]) => void;
  /** Who created whom: a maker's own creations and kin cannot be its checker. */
  readonly lineages: AccountLineages;
}

type Account = { readonly name: string; readonly role: string };

export interface PolicyService {
  propose(input: Record<string, unknown>, account: Account):
    Promise<Result<PolicyRecord, PolicyProblemCode>>;
  approve(id: string, account: Account): Promise<Result<PolicyRecord, PolicyProblemCode>>;
  preview(id: string): Promise<Result<PolicyPreview, PolicyProblemCode>>;
  list(): Promise<readonly PolicyRecord[]>;
  /** The scheduled job: applies every approved policy whose effective time has come. */
  applyDue(): Promise<readonly PolicyRecord[]>;
  /** Intake's admission check: a NAK when a policy in force forbids this exchange. */
  admit(sender: Participant, receiver: Participant): Promise<Nak | undefined>;
  /** Why an excluded participant is refused: the policy's reference. */
  inactiveReason(participant: Participant): Promise<string | undefined>;
}

export function createPolicyService(deps: PolicyDeps): PolicyService {
  let cache: { at: number; inForce: PolicyRecord[];
    byBic8: Map<string, Participant> } | undefined;
  const state = async (): Promise<NonNullable<typeof cache>> => {
    const now = deps.clock.now();
    if (cache !== undefined && now - cache.at < policyCacheTtlMs) return cache;
    const policies = await deps.policies.listPolicies(controlsListMax);
    const inForce = exclusionsInForce(policies);
    cache = { at: now, inForce,
      byBic8: inForce.length === 0 ? new Map<string, Participant>()
        : indexByBic8(await deps.directory.list()) };
    return cache;
  };
  const forget = (): void => { cache = undefined; };
  const refuse = (account: Account, subject: string, problem: { code: PolicyProblemCode;
    message: string }) => refusePolicy(deps, account, { subject, ...problem });

  const blockedBy = async (participant: Participant, test: (p: PolicyRecord) => boolean) => {
    const { inForce, byBic8 } = await state();
    if (inForce.length === 0) return undefined;
    return inForce.find((policy) => test(policy) && covers(policy, participant, byBic8));
  };

  return {
    propose: (input, account) => proposePolicy(deps, input, account),
    approve: async (id, account) => {
      const record = await deps.policies.getPolicy(id);
      if (record === undefined) {
        return refuse(account, id, { code: "policy-not-found",
          message: `Cannot find policy "${id}"` });
      }
      const lineages = { maker: await deps.lineages.lineageOf(record.proposedBy),
        approver: await deps.lineages.lineageOf(account.name) };
      const approved = approvePolicy(record, { account, at: deps.clock.now(), lineages });
      if (!approved.ok) {
        const problem = approved.problems[0];
        assert(problem !== undefined, "a refusal has a problem");
        return refuse(account, id, problem);
      }
      if (!await deps.policies.updatePolicy(approved.value, record.version)) {
        return refuse(account, id, { code: "policy-conflict",
          message: `Cannot approve policy "${id}": it changed` });
      }
      return approved;
    },
    preview: async (id) => {
      const record = await deps.policies.getPolicy(id);
      if (record === undefined) return fail("policy-not-found", "policy", `Cannot find "${id}"`);
      return ok(await previewPolicy(deps, record));
    },
    list: () => deps.policies.listPolicies(controlsListMax),
    applyDue: async () => {
      const due = (await deps.policies.listPolicies(controlsListMax))
        .filter((p) => p.status === "approved" && p.effectiveAt <= deps.clock.now());
      const applied: PolicyRecord[] = [];
      for (const policy of due) {
        applied.push(await apply(deps, policy));
        forget();
      }
      return applied;
    },
    admit: (sender, receiver) => admitMessage({ sender, receiver, blockedBy }),
    inactiveReason: async (participant) => {
      const policy = await blockedBy(participant, (p) => p.direction === "both");
      return policy === undefined ? undefined
        : `excluded under ${policy.reference} (policy ${policy.id})`;
    },
  };
}

async function apply(deps: PolicyDeps, policy: PolicyRecord): Promise<PolicyRecord> {
  assert(policy.status === "approved", "only an approved policy applies");
  const now = deps.clock.now();
  const participants = await deps.directory.list();
  let outcome: NonNullable<PolicyRecord["outcome"]>;
  if (policy.action === "lift") {
    outcome = await lift(deps, policy, participants);
  } else {
    const byBic8 = indexByBic8(participants);
    const excluded = participants.filter((p) => covers(policy, p, byBic8));
    if (policy.direction === "both") {
      for (const participant of excluded) {
        if (participant.status === "active") {
          await deps.directory.upsert({ ...participant, status: "excluded" });
        }
      }
      deps.onDisconnected(excluded.map((p) => p.bic));
    }
    const handled = await handleQueued(deps, policy, new Set(excluded.map((p) => p.bic)));
    outcome = { excluded: excluded.map((p) => p.bic), ...handled };
  }
  const applied: PolicyRecord = { ...policy, status: "applied", appliedAt: now, outcome,
    version: policy.version + 1, updatedAt: now, updatedBy: "CORRIDOR" };
  const stored = await deps.policies.updatePolicy(applied, policy.version);
  assert(stored, "the scheduled job is the only writer of an approved policy");
  await deps.audit.append([{ at: now, kind: "policy", actor: "CORRIDOR", subject: policy.id,
    detail: JSON.stringify({ applied: policy.action, reference: policy.reference, ...outcome }) }]);
  return applied;
}

async function handleQueued(deps: PolicyDeps, policy: PolicyRecord, excluded: Set<string>) {
  const statuses: MessageStatus[] = ["queued"];
  const bic8s = [...new Set([...excluded].map((bic) => bic.slice(0, 8)))];
  if (bic8s.length === 0) return { aborted: 0, kept: 0 };
  if (policy.queued === "keep") {
    const kept = await deps.policies.messagesInvolving({ bic8s, statuses,
      limit: previewTrafficMessagesMax });
    return { aborted: 0, kept: affectedMessages(policy, excluded, kept).length };
  }
  let aborted = 0;
  // Each round aborts what it found, so the next round finds only newer messages (bounded).
  for (let round = 0; round < previewTrafficMessagesMax / rescreenPageSizeMax; round += 1) {
    const page = await deps.policies.messagesInvolving({ bic8s, statuses,
      limit: rescreenPageSizeMax });
    const affected = affectedMessages(policy, excluded, page);
    if (affected.length === 0) break;
    const finished = await deps.inbox.finish(affected.map((m) => m.id), "aborted");
    await deps.delivery.noticeAborted(finished, `Aborted: ${policy.reference} ` +
      `(policy ${policy.id}) excludes the ${excluded.has(affected[0]?.receiver ?? "")
        ? "receiver" : "sender"} from ${new Date(policy.effectiveAt).toISOString()}`);
    aborted += finished.length;
    if (page.length < rescreenPageSizeMax) break;
  }
  return { aborted, kept: 0 };
}

async function lift(deps: PolicyDeps, policy: PolicyRecord, participants: readonly Participant[]) {
  assert(policy.lifts !== undefined, "a lift names its target");
  const target = await deps.policies.getPolicy(policy.lifts);
  assert(target !== undefined, "a lift's target exists (checked at proposal)");
  if (target.status === "applied" || target.status === "approved") {
    const lifted: PolicyRecord = { ...target, status: "lifted", liftedBy: policy.id,
      version: target.version + 1, updatedAt: deps.clock.now(), updatedBy: "CORRIDOR" };
    assert(await deps.policies.updatePolicy(lifted, target.version), "a lift's target is stable");
  }
  const remaining = exclusionsInForce(await deps.policies.listPolicies(controlsListMax))
    .filter((p) => p.direction === "both");
  const byBic8 = indexByBic8(participants);
  const reinstated: string[] = [];
  for (const participant of participants) {
    if (participant.status !== "excluded") continue;
    if (remaining.some((p) => covers(p, participant, byBic8))) continue;
    await deps.directory.upsert({ ...participant, status: "active" });
    reinstated.push(participant.bic);
  }
  return { excluded: [], reinstated, aborted: 0, kept: 0 };
}

async function refusePolicy(deps: PolicyDeps, account: Account, refusal: { subject: string;
  code: PolicyProblemCode; message: string }): Promise<Result<never, PolicyProblemCode>> {
  await deps.audit.append([{ at: deps.clock.now(), kind: "refusal", actor: account.name,
    subject: refusal.subject, detail: JSON.stringify({ code: refusal.code,
      message: refusal.message }) }]);
  return fail(refusal.code, "policy", refusal.message);
}

async function proposePolicy(
  deps: PolicyDeps,
  input: Record<string, unknown>,
  account: Account,
): Promise<Result<PolicyRecord, PolicyProblemCode>> {
  if (account.role !== "operator") {
    return refusePolicy(deps, account, { subject: "policy", code: "role-forbidden",
      message: `Cannot propose policy: "${account.name}" is ${account.role}, not an operator` });
  }
  const draft = checkPolicyDraft(input);
  if (!draft.ok) return draft;
  const now = deps.clock.now();
  const record: PolicyRecord = { ...draft.value, id: `P${deps.ids.messageId()}`,
    status: "proposed", proposedBy: account.name, proposedAt: now, approvedBy: undefined,
    approvedAt: undefined, appliedAt: undefined, outcome: undefined, liftedBy: undefined,
    version: 1, updatedAt: now, updatedBy: account.name };
  if (record.lifts !== undefined) {
    const target = await deps.policies.getPolicy(record.lifts);
    if (target?.status !== "applied" && target?.status !== "approved") {
      return fail("lift-target-invalid", "lifts", `Cannot propose lift: policy ` +
        `"${record.lifts}" is not an approved or applied exclusion`);
    }
  }
  await deps.policies.insertPolicy(record);
  return ok(record);
}

async function admitMessage(input: { sender: Participant; receiver: Participant;
  blockedBy: (p: Participant, test: (policy: PolicyRecord) => boolean) =>
    Promise<PolicyRecord | undefined> }): Promise<Nak | undefined> {
  const { sender, receiver, blockedBy } = input;
  const sending = await blockedBy(sender, (p) => blocksSending(p.direction));
  if (sending !== undefined) {
    return nak("sender-excluded", "sender", `Cannot accept message: "${sender.bic}" is ` +
      `excluded from sending under ${sending.reference} (policy ${sending.id})`);
  }
  const receiving = await blockedBy(receiver, (p) => blocksReceiving(p.direction));
  if (receiving !== undefined) {
    return nak("receiver-excluded", "receiver", `Cannot route message: "${receiver.bic}" is ` +
      `excluded from receiving under ${receiving.reference} (policy ${receiving.id})`);
  }
  return undefined;
}
