// Unit tests of exclusion policies through the service over in-memory fakes: maker-checker
// (another operator approves), a rival approval is a conflict, and an approved policy applies
// only at its effective time on the policy clock, after which admission NAKs the excluded.
import { describe, expect, it } from "vitest";
import {
  fakeClock, memoryAudit, memoryMessages, memoryParticipants, memoryPolicyRecords,
  sequentialIds, testDigests,
} from "../../../test/support/memory-stores.js";
import type { Bic } from "../../standards/index.js";
import type { AuditLog } from "../audit/audit-log.js";
import { auditEntryHash, auditGenesisHash } from "../audit/chain.js";
import type { AuditDraft } from "../audit/chain.js";
import { caseOfHeldSubmission } from "../compliance/case.js";
import { createDeliveryService } from "../delivery/delivery-service.js";
import type { InboxStore } from "../delivery/inbox-store.js";
import { createWakeups } from "../delivery/wakeups.js";
import type { Submission, SubmissionStore } from "../intake/submission-store.js";
import { createDirectory } from "../participants/directory.js";
import type { ParticipantStore } from "../participants/participant-store.js";
import type { MessageId, Participant } from "../types.js";
import type { PolicyRecord } from "./policy.js";
import { createPolicyService } from "./policy-service.js";
import type { PolicyStore } from "./policy-store.js";

const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;
const olga = { name: "olga", role: "operator" };
const ivan = { name: "ivan", role: "operator" };
const petra = { name: "petra", role: "operator" };
const anna = { name: "anna", role: "compliance" };
const start = Date.UTC(2026, 10, 26, 9);
const effectiveAt = start + 3_600_000;
const reference = "Council Regulation (EU) 2022/345, Art. 5h";

function queued(n: number, sender: Bic, receiver: Bic): Submission {
  return { id: `Q${n}` as MessageId, sender, receiver, format: "MT", type: "MT103",
    reference: `REF${n}`, uetr: undefined, priority: "normal", deliveryMonitoring: 0,
    possibleDuplicate: false, dedupeKey: `key-${n}`, payload: Buffer.from(`payload ${n}`),
    createdAt: start - 1_000, obsoleteAt: start + 86_400_000, initialStatus: "queued" };
}

async function build() {
  const clock = fakeClock(start);
  const ids = sequentialIds<MessageId>();
  const participants: ParticipantStore = memoryParticipants<Participant>();
  for (const bic of [bankA, bankB]) {
    await participants.upsertParticipant({ bic, name: bic, publicKeyPem: "key",
      parent: undefined, status: "active", createdAt: 0 });
  }
  const directory = createDirectory({ participants, clock });
  const messages = memoryMessages({ caseOfHeld: caseOfHeldSubmission });
  const inbox: InboxStore = messages.inbox;
  const submissions: SubmissionStore = messages.submissions;
  const records = memoryPolicyRecords<PolicyRecord>();
  /** Runs once, between an approval's read of its policy and its write (a rival operator). */
  let afterRead: (() => Promise<unknown>) | undefined;
  const policies: PolicyStore = { ...records, messagesInvolving: messages.messagesInvolving,
    getPolicy: async (id) => {
      const record = await records.getPolicy(id);
      const rival = afterRead;
      afterRead = undefined;
      await rival?.();
      return record;
    } };
  const audit: AuditLog = memoryAudit<AuditDraft>({ genesisHash: auditGenesisHash,
    hashOf: (prevHash, draft) => auditEntryHash(testDigests, prevHash, draft) });
  const wakeups = createWakeups();
  const disconnected: string[][] = [];
  const service = createPolicyService({ policies, inbox, audit, directory, clock, ids,
    delivery: createDeliveryService({ inbox, clock, ids, wakeups }),
    onDisconnected: (bics) => { disconnected.push([...bics]); },
    // Every operator here is the hub's own creation: none is related to another.
    lineages: { lineageOf: (name) => Promise.resolve({ name, lineage: ["CORRIDOR"] }) } });
  return { service, clock, directory, submissions, inbox, audit, disconnected, messages,
    rivalAfterRead: (rival: () => Promise<unknown>) => { afterRead = rival; } };
}

async function approvedPolicy(hub: Awaited<ReturnType<typeof build>>,
  overrides: Record<string, unknown> = {}): Promise<PolicyRecord> {
  const proposed = await hub.service.propose({ reference, institutions: ["BANKDEFF"],
    direction: "both", effectiveAt, ...overrides }, olga);
  if (!proposed.ok) throw new Error(`Cannot propose: ${proposed.problems[0]?.message}`);
  const approved = await hub.service.approve(proposed.value.id, ivan);
  if (!approved.ok) throw new Error(`Cannot approve: ${approved.problems[0]?.message}`);
  return approved.value;
}

describe("createPolicyService() maker-checker", () => {
  it("propose() is for operators; approve() needs another operator than the maker", async () => {
    const hub = await build();
    expect(await hub.service.propose({ reference, institutions: ["BANKDEFF"], effectiveAt },
      anna)).toMatchObject({ ok: false, problems: [{ code: "role-forbidden" }] });
    const proposed = await hub.service.propose({ reference, institutions: ["BANKDEFF"],
      effectiveAt }, olga);
    expect(proposed).toMatchObject({ ok: true, value: { status: "proposed", proposedBy: "olga",
      version: 1 } });
    if (!proposed.ok) return;
    const id = proposed.value.id;
    expect(await hub.service.approve(id, olga)).toMatchObject({ ok: false,
      problems: [{ code: "approver-must-differ-from-maker" }] });
    expect(await hub.service.approve(id, anna)).toMatchObject({ ok: false,
      problems: [{ code: "role-forbidden" }] });
    expect((await hub.service.list()).map((p) => [p.status, p.version])).toEqual([
      ["proposed", 1]]);
    expect(await hub.service.approve(id, ivan)).toMatchObject({ ok: true, value: {
      status: "approved", approvedBy: "ivan", approvedAt: start, version: 2 } });
    expect(await hub.service.approve(id, petra)).toMatchObject({ ok: false,
      problems: [{ code: "policy-not-proposed" }] });
    const refusals = (await hub.audit.entries({ afterSeq: 0, limit: 100 }))
      .filter((entry) => entry.kind === "refusal").map((entry) => entry.actor);
    expect(refusals).toEqual(["anna", "olga", "anna", "petra"]);
  });

  it("approve() after a rival approved meanwhile answers policy-conflict", async () => {
    const hub = await build();
    const proposed = await hub.service.propose({ reference, institutions: ["BANKDEFF"],
      effectiveAt }, olga);
    if (!proposed.ok) throw new Error("Cannot propose the policy");
    hub.rivalAfterRead(() => hub.service.approve(proposed.value.id, petra));
    expect(await hub.service.approve(proposed.value.id, ivan)).toMatchObject({ ok: false,
      problems: [{ code: "policy-conflict" }] });
    expect((await hub.service.list())[0]).toMatchObject({ approvedBy: "petra", version: 2 });
  });
});

describe("createPolicyService() at the effective time", () => {
  it("applyDue() applies nothing before the effective time; admit() lets traffic pass",
    async () => {
      const hub = await build();
      await approvedPolicy(hub);
      hub.clock.set(effectiveAt - 1);
      expect(await hub.service.applyDue()).toEqual([]);
      expect(await hub.service.admit((await hub.directory.find(bankA))!,
        (await hub.directory.find(bankB))!)).toBeUndefined();
      expect((await hub.directory.find(bankA))?.status).toBe("active");
      expect(hub.disconnected).toEqual([]);
    });

  it("applyDue() at the effective time excludes, aborts the queued and disconnects",
    async () => {
      const hub = await build();
      const policy = await approvedPolicy(hub);
      await hub.submissions.commitSubmissions([queued(1, bankA, bankB), queued(2, bankB, bankA)]);
      hub.clock.set(effectiveAt);
      const applied = await hub.service.applyDue();
      expect(applied).toMatchObject([{ id: policy.id, status: "applied", appliedAt: effectiveAt,
        version: 3, outcome: { excluded: [bankA], aborted: 2, kept: 0 } }]);
      expect(hub.disconnected).toEqual([[bankA]]);
      expect((await hub.directory.find(bankA))?.status).toBe("excluded");
      expect(hub.messages.all().filter((m) => m.format !== "system").map((m) => m.status))
        .toEqual(["aborted", "aborted"]);
      expect(await hub.service.applyDue(), "applied once").toEqual([]);
      const policyEntries = (await hub.audit.entries({ afterSeq: 0, limit: 100 }))
        .filter((entry) => entry.kind === "policy" && entry.subject === policy.id);
      expect(policyEntries).toHaveLength(1);
    });

  it("admit() after the policy applies NAKs the excluded both ways, naming the policy",
    async () => {
      const hub = await build();
      const policy = await approvedPolicy(hub);
      const a = (await hub.directory.find(bankA))!;
      const b = (await hub.directory.find(bankB))!;
      hub.clock.set(effectiveAt);
      expect(await hub.service.admit(a, b), "approved is not applied").toBeUndefined();
      // Applying drops the admission cache: the very next message is refused.
      await hub.service.applyDue();
      const sending = await hub.service.admit(a, b);
      expect(sending).toMatchObject({ status: "NAK", code: "sender-excluded" });
      expect(sending?.reason).toContain(`${reference} (policy ${policy.id})`);
      expect(await hub.service.admit(b, a)).toMatchObject({ status: "NAK",
        code: "receiver-excluded" });
      expect(await hub.service.inactiveReason(a)).toBe(
        `excluded under ${reference} (policy ${policy.id})`);
    });

  it("admit() under a send-only exclusion refuses sending and still lets it receive",
    async () => {
      const hub = await build();
      await approvedPolicy(hub, { direction: "send" });
      hub.clock.set(effectiveAt);
      await hub.service.applyDue();
      const a = (await hub.directory.find(bankA))!;
      const b = (await hub.directory.find(bankB))!;
      expect(a.status, "a send-only exclusion leaves the participant active").toBe("active");
      expect(await hub.service.admit(a, b)).toMatchObject({ code: "sender-excluded" });
      expect(await hub.service.admit(b, a)).toBeUndefined();
    });
});
