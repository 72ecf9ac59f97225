// Unit tests of the compliance workflow over in-memory fakes: release takes four eyes (the
// proposer cannot approve), a rejection needs a reason and tells the sender, a decision on a
// stale version is a conflict, exclusion aborts a release, and re-screening holds by the delta.
import { describe, expect, it } from "vitest";
import {
  fakeClock, memoryAudit, memoryMessages, memoryParticipants, sequentialIds, testDigests,
} from "../../../test/support/memory-stores.js";
import { mt103 } from "../../../test/support/messages.js";
import { createScreener } from "../../screening/index.js";
import type { SanctionsList } from "../../screening/index.js";
import type { Bic } from "../../standards/index.js";
import type { AuditLog } from "../audit/audit-log.js";
import { auditEntryHash, auditGenesisHash } from "../audit/chain.js";
import type { AuditDraft } from "../audit/chain.js";
import { createDeliveryService } from "../delivery/delivery-service.js";
import type { InboxStore } from "../delivery/inbox-store.js";
import { createWakeups } from "../delivery/wakeups.js";
import { nak } from "../intake/answer.js";
import type { Submission } from "../intake/submission-store.js";
import type { ParticipantStore } from "../participants/participant-store.js";
import type { CaseHit } from "../screening-hold/screen-message.js";
import type { MessageId, Participant } from "../types.js";
import { caseOfHeldSubmission } from "./case.js";
import type { Officer } from "./case.js";
import type { CaseStore } from "./case-store.js";
import { createComplianceService } from "./compliance-service.js";

const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;
const anna: Officer = { name: "anna", role: "compliance" };
const boris: Officer = { name: "boris", role: "compliance" };
const carol: Officer = { name: "carol", role: "compliance" };
const olga: Officer = { name: "olga", role: "operator" };
const newName = "OLEKSANDR HRYHOROVYCH SHEVCHUK";

const hit: CaseHit = {
  party: { kind: "name", role: "59 beneficiary customer", location: "59", value: "IVAN PETROV" },
  list: "test-sdn", listVersion: "v1", entityId: "E1", listedName: "Ivan Petrov",
  primaryName: "Ivan Petrov", score: 0.93, programmes: ["TEST"],
  explanation: { summary: "name matches", nameScore: 0.93, alignments: [], unmatchedQuery: [],
    unmatchedListed: [], queryCoverage: 1, listedCoverage: 1, factors: [] },
};

let counter = 0;
function submission(options: { held?: boolean; beneficiary?: string } = {}): Submission {
  counter += 1;
  const reference = `REF${counter}`;
  return {
    id: `S${String(counter).padStart(8, "0")}` as MessageId, sender: bankA, receiver: bankB,
    format: "MT", type: "MT103", reference, uetr: undefined, priority: "normal",
    deliveryMonitoring: 0, possibleDuplicate: false, dedupeKey: reference,
    payload: Buffer.from(mt103({ sender: bankA, receiver: bankB, reference,
      ...(options.beneficiary === undefined ? {} : { beneficiary: options.beneficiary }) })),
    createdAt: 1_000, obsoleteAt: 9_000_000,
    ...(options.held === true ? { initialStatus: "held", hold: { caseId: `C-${counter}`,
      hits: [hit] } } : { initialStatus: "queued" }),
  };
}

async function build() {
  const clock = fakeClock(2_000);
  const ids = sequentialIds<MessageId>("N");
  const messages = memoryMessages({ caseOfHeld: caseOfHeldSubmission });
  const inbox: InboxStore = messages.inbox;
  /** Runs once, between a decision's read of its case and its write (a rival officer). */
  let afterRead: (() => Promise<unknown>) | undefined;
  const cases: CaseStore = { ...messages.cases, getCase: async (id) => {
    const record = await messages.cases.getCase(id);
    const rival = afterRead;
    afterRead = undefined;
    await rival?.();
    return record;
  } };
  const audit: AuditLog = memoryAudit<AuditDraft>({ genesisHash: auditGenesisHash,
    hashOf: (prevHash, draft) => auditEntryHash(testDigests, prevHash, draft) });
  const participants: ParticipantStore = memoryParticipants<Participant>();
  for (const bic of [bankA, bankB]) {
    await participants.upsertParticipant({ bic, name: bic, publicKeyPem: "key",
      parent: undefined, status: "active", createdAt: 0 });
  }
  const wakeups = createWakeups();
  const woken: Bic[] = [];
  for (const bic of [bankA, bankB]) wakeups.subscribe(bic, () => woken.push(bic));
  let excluded = false;
  const service = createComplianceService({ cases, inbox, audit, clock, ids, wakeups,
    delivery: createDeliveryService({ inbox, clock, ids, wakeups }), threshold: 0.8,
    admit: () => Promise.resolve(excluded ? nak("receiver-excluded", "receiver",
      `Cannot route message: "${bankB}" is excluded`) : undefined),
    findParticipant: (bic) => participants.getParticipant(bic),
    // Every officer here is the hub's own creation: none is related to another.
    lineages: { lineageOf: (name) => Promise.resolve({ name, lineage: ["CORRIDOR"] }) } });
  const held = submission({ held: true });
  await messages.submissions.commitSubmissions([held]);
  const caseId = held.hold?.caseId ?? "";
  return {
    service, messages, inbox, audit, woken, held, caseId,
    exclude: () => { excluded = true; },
    rivalAfterRead: (rival: () => Promise<unknown>) => { afterRead = rival; },
    status: async (id: MessageId = held.id) => (await inbox.getMessage(id))?.status,
    refusals: async () => (await audit.entries({ afterSeq: 0, limit: 100 }))
      .filter((entry) => entry.kind === "refusal")
      .map((entry) => [entry.actor, entry.subject, (JSON.parse(entry.detail) as
        { code: string }).code]),
  };
}

describe("createComplianceService() release", () => {
  it("release() takes two officers: the proposer cannot approve her own proposal", async () => {
    const hub = await build();
    const proposed = await hub.service.release(hub.caseId, { officer: anna, note: "namesake" });
    expect(proposed).toMatchObject({ ok: true, value: { stage: "proposed",
      record: { status: "release-proposed", proposedBy: "anna", version: 2 } } });
    expect(await hub.status()).toBe("held");
    const alone = await hub.service.release(hub.caseId, { officer: anna });
    expect(alone).toMatchObject({ ok: false,
      problems: [{ code: "approver-must-differ-from-proposer" }] });
    expect(await hub.status()).toBe("held");
    expect(hub.woken).toEqual([]);
    const released = await hub.service.release(hub.caseId, { officer: boris });
    expect(released).toMatchObject({ ok: true, value: { stage: "released", record: {
      status: "released", proposedBy: "anna", decidedBy: "boris", version: 3 } } });
    expect(await hub.status()).toBe("queued");
    expect(hub.woken).toEqual([bankB]);
    expect(await hub.refusals()).toEqual([["anna", hub.caseId,
      "approver-must-differ-from-proposer"]]);
    const page = await hub.inbox.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 3 });
    expect(page.map((delivered) => delivered.message.id)).toEqual([hub.held.id]);
  });

  it("release() refuses an operator and an unknown case, and audits both", async () => {
    const hub = await build();
    expect(await hub.service.release(hub.caseId, { officer: olga }))
      .toMatchObject({ ok: false, problems: [{ code: "role-forbidden" }] });
    expect(await hub.service.release("C-none", { officer: anna }))
      .toMatchObject({ ok: false, problems: [{ code: "case-not-found" }] });
    expect((await hub.service.getCase(hub.caseId))?.version).toBe(1);
    expect(await hub.refusals()).toEqual([["olga", hub.caseId, "role-forbidden"],
      ["anna", "C-none", "case-not-found"]]);
  });

  it("release() of a message whose parties are now excluded aborts it with notice", async () => {
    const hub = await build();
    await hub.service.release(hub.caseId, { officer: anna });
    hub.exclude();
    expect(await hub.service.release(hub.caseId, { officer: boris }))
      .toMatchObject({ ok: true, value: { stage: "aborted", record: { status: "aborted" } } });
    expect(await hub.status()).toBe("aborted");
    const notices = await hub.inbox.claimInbox({ receiver: bankA, afterOsn: 0, limit: 10,
      now: 3 });
    expect(notices.map((delivered) => delivered.message.type)).toEqual(["abort-notification"]);
  });
});

describe("createComplianceService() reject and conflicts", () => {
  it("reject() needs a reason, rejects the message and tells its sender", async () => {
    const hub = await build();
    expect(await hub.service.reject(hub.caseId, { officer: anna, note: "  " }))
      .toMatchObject({ ok: false, problems: [{ code: "note-required" }] });
    expect(await hub.status()).toBe("held");
    expect(await hub.service.reject(hub.caseId, { officer: anna, note: "true match" }))
      .toMatchObject({ ok: true, value: { stage: "rejected", record: { status: "rejected",
        decidedBy: "anna" } } });
    expect(await hub.status()).toBe("rejected");
    expect(hub.woken).toEqual([bankA]);
    const notices = await hub.inbox.claimInbox({ receiver: bankA, afterOsn: 0, limit: 10,
      now: 3 });
    expect(notices.map((delivered) => [delivered.message.type, delivered.message.reference]))
      .toEqual([["rejection-notification", hub.held.id]]);
    expect(await hub.service.release(hub.caseId, { officer: boris }))
      .toMatchObject({ ok: false, problems: [{ code: "case-already-decided" }] });
  });

  it("a decision on a version another officer changed meanwhile is case-conflict", async () => {
    const hub = await build();
    hub.rivalAfterRead(() => hub.service.reject(hub.caseId, { officer: carol,
      note: "true match" }));
    expect(await hub.service.release(hub.caseId, { officer: boris }))
      .toMatchObject({ ok: false, problems: [{ code: "case-conflict" }] });
    expect(await hub.service.getCase(hub.caseId)).toMatchObject({ status: "rejected",
      decidedBy: "carol", version: 2 });
    expect(await hub.status()).toBe("rejected");
    expect(await hub.refusals()).toEqual([["boris", hub.caseId, "case-conflict"]]);
  });
});

describe("createComplianceService() rescreen", () => {
  const delta: SanctionsList = { id: "test-sdn", title: "Test SDN", format: "ftm",
    version: "v2", entities: [{ id: "E2", kind: "person", names: [{
      full: "Oleksandr Hryhorovych Shevchuk", kind: "primary", weak: false }],
    identifiers: [], countries: ["ua"], addresses: [], birthDates: [], programmes: ["TEST"] }] };

  it("rescreen() holds the queued messages that hit the delta and adds hits to open cases",
    async () => {
      const hub = await build();
      const hitting = submission({ beneficiary: newName });
      const clean = submission();
      const heldAgain = submission({ held: true, beneficiary: newName });
      await hub.messages.submissions.commitSubmissions([hitting, clean, heldAgain]);
      const pending = heldAgain.hold?.caseId ?? "";
      expect(await hub.service.release(pending, { officer: anna })).toMatchObject({ ok: true });
      const outcome = await hub.service.rescreen(createScreener([delta]));
      expect(outcome).toEqual({ screened: 4, held: 1, casesUpdated: 1, partial: false });
      expect(await hub.status(hitting.id)).toBe("held");
      expect(await hub.status(clean.id)).toBe("queued");
      const opened = (await hub.service.listCases(["open"]))
        .find((record) => record.messageId === hitting.id);
      expect(opened).toMatchObject({ openedBy: "list-update", version: 1 });
      expect(opened?.hits.map((entry) => entry.entityId)).toEqual(["E2"]);
      const updated = await hub.service.getCase(pending);
      expect(updated?.hits.map((entry) => entry.entityId)).toEqual(["E1", "E2"]);
      // New evidence voids the pending proposal: both officers must see every hit they release.
      expect(updated).toMatchObject({ status: "open", proposedBy: undefined, version: 3 });
    });
});
