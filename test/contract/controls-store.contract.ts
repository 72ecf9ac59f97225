// The control-ports contract (issue 6): compliance cases, exclusion policies and the audit chain.
// Every store that implements ComplianceStore, PolicyStore and AuditLog must pass it.
import { describe, expect, it } from "vitest";
import { nodeDigests } from "../../src/adapters/index.js";
import { caseOfHeldSubmission, createChainVerifier } from "../../src/network/index.js";
import type {
  AuditVerdict, CaseHit, CaseRecord, MessageId, StoreAdapter, Participant,
  PolicyRecord, Submission,
} from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";

/** A store under test, and a way to edit its audit log behind its back (as an intruder would). */
export interface ControlStoresUnderTest {
  readonly store: StoreAdapter;
  /** Rewrites the detail of one audit entry directly in the database, bypassing the store. */
  editAuditDetail(seq: number, detail: string): Promise<void>;
}

const pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtest\n-----END PUBLIC KEY-----\n";
const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;
const bankC = "OTHRFRPPXXX" as Bic;

function participant(bic: Bic): Participant {
  return { bic, name: bic, publicKeyPem: pem, parent: undefined, status: "active", createdAt: 1 };
}

const hit: CaseHit = {
  party: { kind: "name", role: "59 beneficiary customer", location: "59", value: "IVAN PETROV" },
  list: "test-list", listVersion: "v1", entityId: "E-1", listedName: "Ivan Petrov",
  primaryName: "Ivan Petrov", score: 0.93, programmes: ["TEST"],
  explanation: { summary: "name matches", nameScore: 0.93, alignments: [], unmatchedQuery: [],
    unmatchedListed: [], queryCoverage: 1, listedCoverage: 1, factors: [] },
};

let counter = 0;
function submission(overrides: Partial<Submission> = {}): Submission {
  counter += 1;
  return {
    id: `K${String(counter).padStart(8, "0")}` as MessageId,
    sender: bankA, receiver: bankB, format: "MT", type: "MT103", reference: `CREF${counter}`,
    uetr: undefined, priority: "normal", deliveryMonitoring: 0, possibleDuplicate: false,
    dedupeKey: `control-key-${counter}`, payload: Buffer.from(`control payload ${counter}`),
    createdAt: 1_000 + counter, obsoleteAt: 9_000_000, initialStatus: "queued", ...overrides,
  };
}

function held(caseId: string, overrides: Partial<Submission> = {}): Submission {
  return submission({ initialStatus: "held", hold: { caseId, hits: [hit] }, ...overrides });
}

function policy(id: string, overrides: Partial<PolicyRecord> = {}): PolicyRecord {
  return {
    id, action: "exclude", reference: "Council Regulation (EU) 2022/345", institutions:
      ["BANKDEFF"], includeSubsidiaries: false, subsidiaryCountries: [], countries: [],
    carveOuts: [], direction: "both", effectiveAt: 5_000, queued: "abort", lifts: undefined,
    status: "proposed", proposedBy: "maker", proposedAt: 2_000, approvedBy: undefined,
    approvedAt: undefined, appliedAt: undefined, outcome: undefined, liftedBy: undefined,
    version: 1, updatedAt: 2_000, updatedBy: "maker", ...overrides,
  };
}

async function verify(store: StoreAdapter): Promise<AuditVerdict> {
  const verifier = createChainVerifier(nodeDigests);
  let afterSeq = 0;
  for (let page = 0; page < 100; page += 1) {
    const entries = await store.entries({ afterSeq, limit: 50 });
    if (entries.length === 0 || !verifier.feed(entries)) break;
    afterSeq = entries[entries.length - 1]?.seq ?? afterSeq;
  }
  return verifier.verdict();
}

type Body = (store: StoreAdapter, fixture: ControlStoresUnderTest) =>
  Promise<void>;

export function describeControlStoresContract(
  name: string,
  open: () => Promise<ControlStoresUnderTest>,
): void {
  const withStore = async (body: Body): Promise<void> => {
    const fixture = await open();
    try {
      for (const bic of [bankA, bankB, bankC]) {
        await fixture.store.upsertParticipant(participant(bic));
      }
      await body(fixture.store, fixture);
    } finally {
      await fixture.store.close();
    }
  };

  describe(`StoreAdapter contract: ${name}`, () => {
    describeCases(withStore);
    describePolicies(withStore);
    describeAudit(withStore);
  });
}

function describeCases(withStore: (body: Body) => Promise<void>): void {
  it("commitSubmissions() writes the case of a held submission with its message", () =>
    withStore(async (store) => {
      const item = held("C-1");
      const plain = submission();
      await store.commitSubmissions([plain, item]);
      expect((await store.getMessage(item.id))?.status).toBe("held");
      expect(await store.getCase("C-1")).toEqual(caseOfHeldSubmission(item));
      expect(await store.getCase("C-none")).toBeUndefined();
      expect((await store.listCases({ limit: 10 })).map((c) => c.id)).toEqual(["C-1"]);
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 9 });
      expect(page.map((d) => d.message.id)).toEqual([plain.id]);
    }));

  it("commitSubmissions() writes no case for a duplicate of a held message", () =>
    withStore(async (store) => {
      const first = held("C-1", { dedupeKey: "same" });
      await store.commitSubmissions([first]);
      const [again] = await store.commitSubmissions([held("C-2", { dedupeKey: "same" })]);
      expect(again).toMatchObject({ kind: "duplicate", id: first.id });
      expect(await store.getCase("C-2")).toBeUndefined();
      const [third, fourth] = await store.commitSubmissions([held("C-3", { dedupeKey: "next" }),
        held("C-4", { dedupeKey: "next" })]);
      expect(fourth).toMatchObject({ kind: "duplicate", id: third?.id });
      expect((await store.listCases({ limit: 10 })).map((c) => c.id).sort())
        .toEqual(["C-1", "C-3"]);
      expect(await verify(store)).toMatchObject({ ok: true });
    }));

  it("listCases() filters by status, newest first, up to the limit", () =>
    withStore(async (store) => {
      await store.commitSubmissions([held("C-1", { createdAt: 10 }),
        held("C-2", { createdAt: 20 }), held("C-3", { createdAt: 30 })]);
      const second = await store.getCase("C-2");
      expect(second).toBeDefined();
      if (second === undefined) return;
      expect(await store.transitionCase({ fromVersion: 1, next: { ...second,
        status: "release-proposed", proposedBy: "alice", version: 2, updatedAt: 40 } }))
        .toBe("ok");
      expect((await store.listCases({ limit: 10 })).map((c) => c.id))
        .toEqual(["C-3", "C-2", "C-1"]);
      expect((await store.listCases({ limit: 2 })).map((c) => c.id)).toEqual(["C-3", "C-2"]);
      expect((await store.listCases({ statuses: ["open"], limit: 10 })).map((c) => c.id))
        .toEqual(["C-3", "C-1"]);
      expect((await store.listCases({ statuses: ["release-proposed", "released"], limit: 10 }))
        .map((c) => c.id)).toEqual(["C-2"]);
    }));

  it("transitionCase() refuses a stale version and moves the message only while held", () =>
    withStore(async (store) => {
      const item = held("C-1");
      await store.commitSubmissions([item]);
      const opened = await store.getCase("C-1");
      if (opened === undefined) throw new Error("Cannot find case C-1");
      const proposed: CaseRecord = { ...opened, status: "release-proposed", proposedBy: "alice",
        proposedAt: 50, version: 2, updatedAt: 50, updatedBy: "alice" };
      expect(await store.transitionCase({ next: proposed, fromVersion: 1 })).toBe("ok");
      const rival: CaseRecord = { ...opened, status: "rejected", version: 2, updatedBy: "eve" };
      expect(await store.transitionCase({ next: rival, fromVersion: 1, messageTo: "rejected" }))
        .toBe("conflict");
      expect(await store.getCase("C-1")).toEqual(proposed);
      expect((await store.getMessage(item.id))?.status).toBe("held");
      const released: CaseRecord = { ...proposed, status: "released", decidedBy: "bob",
        decidedAt: 60, version: 3, updatedAt: 60, updatedBy: "bob" };
      expect(await store.transitionCase({ next: released, fromVersion: 2, messageTo: "queued" }))
        .toBe("ok");
      expect(await store.getCase("C-1")).toEqual(released);
      expect((await store.getMessage(item.id))?.status).toBe("queued");
      const late: CaseRecord = { ...released, status: "rejected", version: 4, updatedBy: "eve" };
      expect(await store.transitionCase({ next: late, fromVersion: 3, messageTo: "rejected" }))
        .toBe("message-not-held");
      expect(await store.getCase("C-1"), "the case change rolled back").toEqual(released);
      expect((await store.getMessage(item.id))?.status).toBe("queued");
      expect(await verify(store), "a rolled-back change leaves the chain whole")
        .toMatchObject({ ok: true });
      await store.append([{ at: 80, kind: "login", actor: "alice", subject: "s", detail: "{}" }]);
      expect(await verify(store)).toMatchObject({ ok: true });
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 70 });
      expect(page.map((d) => d.message.id)).toEqual([item.id]);
    }));

  it("transitionCase() rejects a held message so it is never delivered", () =>
    withStore(async (store) => {
      const item = held("C-1");
      await store.commitSubmissions([item]);
      const opened = await store.getCase("C-1");
      if (opened === undefined) throw new Error("Cannot find case C-1");
      expect(await store.transitionCase({ fromVersion: 1, messageTo: "rejected", next: { ...opened,
        status: "rejected", decidedBy: "alice", decidedAt: 50, version: 2, updatedAt: 50 } }))
        .toBe("ok");
      expect((await store.getMessage(item.id))?.status).toBe("rejected");
      expect(await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 60 }))
        .toEqual([]);
    }));

  it("holdQueued() holds only still-queued messages and opens their cases", () =>
    withStore(async (store) => {
      const delivered = submission();
      await store.commitSubmissions([delivered]);
      await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 5 });
      const queued = [submission(), submission()];
      await store.commitSubmissions(queued);
      const caseOf = (item: Submission, id: string): CaseRecord => ({
        ...caseOfHeldSubmission({ ...item, initialStatus: "held", hold: { caseId: id,
          hits: [hit] } }), openedBy: "list-update" });
      const heldIds = await store.holdQueued([caseOf(delivered, "L-0"),
        ...queued.map((item, n) => caseOf(item, `L-${n + 1}`))]);
      expect([...heldIds].sort()).toEqual(queued.map((item) => item.id).sort());
      expect(await store.getCase("L-0")).toBeUndefined();
      expect((await store.getCase("L-1"))?.openedBy).toBe("list-update");
      for (const item of queued) expect((await store.getMessage(item.id))?.status).toBe("held");
      const page = await store.claimInbox({ receiver: bankB, afterOsn: 1, limit: 10, now: 6 });
      expect(page.map((d) => d.message.id)).toEqual([]);
    }));

  it("undeliveredPage() pages queued and held participant messages in store order", () =>
    withStore(async (store) => {
      const gone = submission();
      await store.commitSubmissions([gone]);
      await store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 10, now: 5 });
      const rest = [submission(), held("C-1"), submission({ receiver: bankC })];
      await store.commitSubmissions(rest);
      await store.addNotices([{ id: "N-1" as MessageId, receiver: bankA,
        type: "delivery-notification", about: gone.id, payload: Buffer.from("{}"),
        createdAt: 9 }]);
      const first = await store.undeliveredPage({ afterSeq: 0, limit: 2 });
      expect(first.map((row) => row.message.id)).toEqual([rest[0]?.id, rest[1]?.id]);
      const afterSeq = first[first.length - 1]?.seq ?? 0;
      const second = await store.undeliveredPage({ afterSeq, limit: 10 });
      expect(second.map((row) => row.message.id)).toEqual([rest[2]?.id]);
      expect(second[0]?.seq).toBeGreaterThan(afterSeq);
    }));
}

function describePolicies(withStore: (body: Body) => Promise<void>): void {
  it("insertPolicy() and getPolicy() keep the whole record; listPolicies() orders by time", () =>
    withStore(async (store) => {
      const later = policy("P-2", { effectiveAt: 9_000, countries: ["RU"] });
      const sooner = policy("P-1", { outcome: { excluded: ["BANKDEFFXXX"], aborted: 2,
        kept: 0 } });
      await store.insertPolicy(later);
      await store.insertPolicy(sooner);
      expect(await store.getPolicy("P-2")).toEqual(later);
      expect(await store.getPolicy("P-1")).toEqual(sooner);
      expect(await store.getPolicy("P-none")).toBeUndefined();
      expect((await store.listPolicies(10)).map((p) => p.id)).toEqual(["P-1", "P-2"]);
      expect((await store.listPolicies(1)).map((p) => p.id)).toEqual(["P-1"]);
    }));

  it("updatePolicy() moves a policy through its states and refuses a stale version", () =>
    withStore(async (store) => {
      const proposed = policy("P-1");
      await store.insertPolicy(proposed);
      const approved: PolicyRecord = { ...proposed, status: "approved", approvedBy: "checker",
        approvedAt: 3_000, version: 2, updatedAt: 3_000, updatedBy: "checker" };
      expect(await store.updatePolicy(approved, 1)).toBe(true);
      expect(await store.updatePolicy({ ...approved, updatedBy: "rival" }, 1)).toBe(false);
      expect(await store.getPolicy("P-1")).toEqual(approved);
      const applied: PolicyRecord = { ...approved, status: "applied", appliedAt: 5_000,
        outcome: { excluded: ["BANKDEFFXXX"], aborted: 1, kept: 0 }, version: 3,
        updatedAt: 5_000, updatedBy: "CORRIDOR" };
      expect(await store.updatePolicy(applied, 2)).toBe(true);
      expect(await store.getPolicy("P-1")).toEqual(applied);
      expect(await store.updatePolicy(policy("P-none", { version: 2 }), 1)).toBe(false);
    }));

  it("messagesInvolving() finds participant traffic by BIC8, time and status", () =>
    withStore(async (store) => {
      const toA = submission({ sender: bankC, receiver: bankA, createdAt: 100 });
      const fromA = submission({ createdAt: 200 });
      const other = submission({ sender: bankC, receiver: bankB, createdAt: 300 });
      await store.commitSubmissions([toA, fromA, other]);
      await store.claimInbox({ receiver: bankA, afterOsn: 0, limit: 10, now: 400 });
      const ids = async (query: Parameters<StoreAdapter["messagesInvolving"]>[0]) =>
        (await store.messagesInvolving(query)).map((m) => m.id);
      expect(await ids({ bic8s: ["BANKDEFF"], limit: 10 })).toEqual([fromA.id, toA.id]);
      expect(await ids({ bic8s: ["BANKDEFF"], limit: 1 })).toEqual([fromA.id]);
      expect(await ids({ bic8s: ["BANKDEFF"], since: 150, limit: 10 })).toEqual([fromA.id]);
      expect(await ids({ bic8s: ["BANKDEFF"], statuses: ["queued"], limit: 10 }))
        .toEqual([fromA.id]);
      expect(await ids({ bic8s: ["NONEXXXX"], limit: 10 })).toEqual([]);
    }));
}

function describeAudit(withStore: (body: Body) => Promise<void>): void {
  it("append() and entries() keep a gap-free chain in order, each linked to the one before", () =>
    withStore(async (store) => {
      await store.append([
        { at: 10, kind: "login", actor: "alice", subject: "session", detail: "{\"ok\":true}" },
        { at: 11, kind: "list-import", actor: "CORRIDOR", subject: "un", detail: "{}" },
      ]);
      // Non-ASCII text and the separator character must hash the same in every store.
      const detail = "{\"code\":\"role-forbidden\",\"text\":\"caf\u00e9 | \u00fc\"}";
      await store.append([{ at: 12, kind: "refusal", actor: "bob", subject: "C-1", detail }]);
      const entries = await store.entries({ afterSeq: 0, limit: 100 });
      expect(entries.map((e) => [e.at, e.kind, e.actor, e.subject])).toEqual([
        [10, "login", "alice", "session"], [11, "list-import", "CORRIDOR", "un"],
        [12, "refusal", "bob", "C-1"]]);
      expect(entries[2]?.detail).toBe(detail);
      expect(entries[0]?.prevHash).toBe("0".repeat(64));
      entries.forEach((entry, index) => {
        expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
        if (index > 0) expect(entry.prevHash).toBe(entries[index - 1]?.hash);
        if (index > 0) expect(entry.seq).toBe((entries[index - 1]?.seq ?? 0) + 1);
      });
      const tail = await store.entries({ afterSeq: entries[0]?.seq ?? 0, limit: 1 });
      expect(tail.map((e) => e.subject)).toEqual(["un"]);
      expect(await verify(store)).toMatchObject({ ok: true, entries: 3,
        lastHash: entries[2]?.hash });
    }));

  it("chains every message, case and policy change in the same transaction", () =>
    withStore(async (store) => {
      const item = held("C-1");
      await store.commitSubmissions([item]);
      await store.insertPolicy(policy("P-1"));
      const opened = await store.getCase("C-1");
      if (opened === undefined) throw new Error("Cannot find case C-1");
      await store.transitionCase({ fromVersion: 1, messageTo: "queued", next: { ...opened,
        status: "released", version: 2, updatedAt: 50, updatedBy: "bob" } });
      const entries = await store.entries({ afterSeq: 0, limit: 100 });
      const seen = entries.map((e) => [e.kind, e.subject,
        (JSON.parse(e.detail) as { status: string }).status]);
      expect(seen).toEqual([["message", item.id, "held"], ["case", "C-1", "open"],
        ["policy", "P-1", "proposed"], ["case", "C-1", "released"],
        ["message", item.id, "queued"]]);
      expect(await verify(store)).toMatchObject({ ok: true, entries: 5 });
    }));

  it("an entry edited behind the store's back is named by the verifier", () =>
    withStore(async (store, fixture) => {
      await store.commitSubmissions([submission(), submission(), submission()]);
      await store.append([{ at: 20, kind: "login", actor: "alice", subject: "s", detail: "{}" }]);
      const entries = await store.entries({ afterSeq: 0, limit: 100 });
      expect(entries).toHaveLength(4);
      expect(await verify(store)).toMatchObject({ ok: true, entries: 4 });
      const target = entries[1];
      if (target === undefined) throw new Error("Cannot find the second audit entry");
      await fixture.editAuditDetail(target.seq, "{\"status\":\"aborted\"}");
      expect(await verify(store)).toMatchObject({ ok: false, entries: 1,
        firstBad: { seq: target.seq, problem: "hash-mismatch" } });
    }));
}
