// Unit tests of the intake pipeline over in-memory fakes: each stage refuses with its own code
// before any later stage is consulted, a hit commits held with its case, a store that cannot
// commit now answers NAK storage-unavailable while a bug propagates, and only queued receivers
// are woken.
import { describe, expect, it } from "vitest";
import {
  fakeClock, memoryMessages, memoryParticipants, memoryRma, sequentialIds, testDigests,
} from "../../../test/support/memory-stores.js";
import { mt103 } from "../../../test/support/messages.js";
import { AssertionError, StorageError } from "../../lib/index.js";
import { holdThresholdDefault } from "../../screening/index.js";
import type { SanctionsList } from "../../screening/index.js";
import type { Bic } from "../../standards/index.js";
import { caseOfHeldSubmission } from "../compliance/case.js";
import type { CaseRecord } from "../compliance/case.js";
import type { CaseStore } from "../compliance/case-store.js";
import type { InboxStore } from "../delivery/inbox-store.js";
import { createDirectory } from "../participants/directory.js";
import type { ParticipantStore } from "../participants/participant-store.js";
import type { ContentValidator, IdSource } from "../ports.js";
import { createRmaGate, rmaNotEnforced } from "../rma/rma.js";
import type { RmaRecord, RmaStore } from "../rma/rma-store.js";
import { createScreeningGate } from "../screening-hold/screening-gate.js";
import type { ScreeningGate } from "../screening-hold/screening-gate.js";
import type { MessageId, Participant, ParticipantStatus } from "../types.js";
import { nak } from "./answer.js";
import { contentValidator } from "./content-validator.js";
import { createIntakeService } from "./intake-service.js";
import type { Submission, SubmissionStore } from "./submission-store.js";

const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;
const bankC = "OTHRFRPPXXX" as Bic;
const listed = "VLADISLAV PETROVICH KUZNETSOV";
const list: SanctionsList = { id: "test-sdn", title: "Test SDN", format: "ftm", version: "v1",
  entities: [{ id: "E1", kind: "person", names: [{ full: "Vladislav Petrovich Kuznetsov",
    kind: "primary", weak: false }], identifiers: [], countries: ["ru"], addresses: [],
  birthDates: [], programmes: ["TEST"] }] };

/** What can go wrong, one flag per stage, in pipeline order. */
interface Faults {
  readonly impostor?: boolean;
  readonly senderInactive?: boolean;
  readonly receiverUnknown?: boolean;
  readonly receiverExcluded?: boolean;
  readonly receiverInactive?: boolean;
  readonly rmaMissing?: boolean;
  readonly contentInvalid?: boolean;
  readonly listsMissing?: boolean;
}

interface World {
  readonly faults?: Faults;
  /** Replaces the store's commit (to fail it); gets the fake's commit to call through. */
  readonly commit?: (batch: readonly Submission[], store: SubmissionStore) =>
    ReturnType<SubmissionStore["commitSubmissions"]>;
}

function participant(bic: Bic, status: ParticipantStatus = "active"): Participant {
  return { bic, name: bic, publicKeyPem: "key", parent: undefined, status, createdAt: 0 };
}

/** The stages as counted calls: which of them the pipeline consulted. */
function countedStages(faults: Faults, ids: IdSource) {
  const calls = { exclusion: 0, rma: 0, content: 0, screening: 0 };
  const validate: ContentValidator = (text, envelope) => {
    calls.content += 1;
    return contentValidator(text, envelope);
  };
  const gate = createScreeningGate({ mode: "enforced", lists: faults.listsMissing ? [] : [list],
    threshold: holdThresholdDefault, ids });
  const screening: ScreeningGate = { ...gate, screen: (envelope, text, parsed) => {
    calls.screening += 1;
    return gate.screen(envelope, text, parsed);
  } };
  return { calls, validate, screening };
}

async function build(world: World = {}) {
  const faults = world.faults ?? {};
  const clock = fakeClock(1_000_000);
  const ids = sequentialIds<MessageId>();
  const participants: ParticipantStore = memoryParticipants<Participant>();
  await participants.upsertParticipant(participant(bankA,
    faults.senderInactive ? "suspended" : "active"));
  await participants.upsertParticipant(participant(bankB,
    faults.receiverInactive ? "suspended" : "active"));
  await participants.upsertParticipant(participant(bankC));
  const messages = memoryMessages({ caseOfHeld: caseOfHeldSubmission });
  const cases: CaseStore = messages.cases;
  const inbox: InboxStore = messages.inbox;
  const store: SubmissionStore = messages.submissions;
  const commits: Submission[][] = [];
  const wakes: Bic[][] = [];
  const rma: RmaStore = memoryRma<RmaRecord>();
  const { calls, validate, screening } = countedStages(faults, ids);
  const intake = createIntakeService({
    directory: createDirectory({ participants, clock }), screening, validateContent: validate,
    admission: {
      exclusion: (_sender, receiver) => {
        calls.exclusion += 1;
        return Promise.resolve(faults.receiverExcluded && receiver.bic === bankB
          ? nak("receiver-excluded", "receiver", `Cannot route message: "${bankB}" is excluded`)
          : undefined);
      },
      rma: (sender, receiver, type) => {
        calls.rma += 1;
        return (faults.rmaMissing ? createRmaGate({ rma, clock }) : rmaNotEnforced)(sender,
          receiver, type);
      },
    },
    submissions: { commitSubmissions: (batch) => {
      commits.push([...batch]);
      return world.commit?.(batch, store) ?? store.commitSubmissions(batch);
    } },
    wake: (receivers) => { wakes.push([...receivers]); },
    clock, ids, digests: testDigests, batchSizeMax: 100,
    schedule: (callback) => { queueMicrotask(callback); },
  });
  return { intake, calls, commits, wakes, ids, cases, inbox, all: messages.all };
}

function payment(options: { faults?: Faults; reference?: string; beneficiary?: string;
  to?: Bic } = {}): Buffer {
  const faults = options.faults ?? {};
  return Buffer.from(mt103({ sender: bankA,
    receiver: faults.receiverUnknown ? "UNKNGB2LXXX" : options.to ?? bankB,
    reference: options.reference ?? "REF1", ...(faults.contentInvalid ? { amount: "abc" } : {}),
    ...(options.beneficiary === undefined ? {} : { beneficiary: options.beneficiary }) }));
}

const stages: readonly (readonly [keyof Faults, string])[] = [
  ["impostor", "sender-not-authorised"],
  ["senderInactive", "sender-inactive"],
  ["receiverUnknown", "receiver-unknown"],
  ["receiverExcluded", "receiver-excluded"],
  ["receiverInactive", "receiver-inactive"],
  ["rmaMissing", "rma-missing"],
  ["contentInvalid", "T34"],
  ["listsMissing", "screening-unavailable"],
];

/** Stage `index` and every stage after it fail: only the first may answer. */
function faultsFrom(index: number): Faults {
  return Object.fromEntries(stages.slice(index).map(([fault]) => [fault, true]));
}

describe("createIntakeService() stages", () => {
  it("submit() ACKs a clean payment queued when no stage refuses", async () => {
    const world = await build();
    const answer = await world.intake.submit(bankA, payment());
    expect(answer).toMatchObject({ status: "ACK", isn: 1, disposition: "queued", type: "MT103" });
    expect(world.calls).toEqual({ exclusion: 1, rma: 1, content: 1, screening: 1 });
    expect(world.all().map((message) => [message.receiver, message.status]))
      .toEqual([[bankB, "queued"]]);
  });

  it.each(stages.map(([fault, code], index) => [fault, code, index] as const))(
    "submit() with %s (and every later stage failing too) answers NAK %s and stores nothing",
    async (_fault, code, index) => {
      const faults = faultsFrom(index);
      const world = await build({ faults });
      const answer = await world.intake.submit(faults.impostor ? bankC : bankA,
        payment({ faults }));
      expect(answer).toMatchObject({ status: "NAK", code });
      expect(world.commits).toEqual([]);
      expect(world.wakes).toEqual([]);
      expect(world.ids.issued(), "no message id is spent on a refusal").toBe(0);
      // Later stages are never consulted: the counts stop at the refusing stage.
      const reached = (stage: number) => (index >= stage ? 1 : 0);
      expect(world.calls).toEqual({ exclusion: reached(3), rma: reached(5), content: reached(6),
        screening: reached(7) });
    });

  it("submit() refuses an excluded receiver with the policy's code before its status", async () => {
    const world = await build({ faults: { receiverExcluded: true, receiverInactive: true } });
    const answer = await world.intake.submit(bankA, payment());
    expect(answer).toMatchObject({ status: "NAK", code: "receiver-excluded" });
    const inactive = await build({ faults: { receiverInactive: true } });
    expect(await inactive.intake.submit(bankA, payment()))
      .toMatchObject({ status: "NAK", code: "receiver-inactive", location: "block2" });
  });
});

describe("createIntakeService() commit", () => {
  it("submit() commits a hit held with its case and wakes no receiver", async () => {
    const world = await build();
    const answer = await world.intake.submit(bankA, payment({ beneficiary: listed }));
    expect(answer).toMatchObject({ status: "ACK", disposition: "held", isn: 1 });
    if (answer.status !== "ACK") return;
    expect((await world.inbox.getMessage(answer.id))?.status).toBe("held");
    const opened = await world.cases.listCases({ limit: 10 });
    expect(opened).toHaveLength(1);
    const record: CaseRecord | undefined = opened[0];
    expect(record).toMatchObject({ messageId: answer.id, status: "open", openedBy: "intake",
      sender: bankA, receiver: bankB, version: 1 });
    expect(record?.hits.map((hit) => [hit.entityId, hit.party.location])).toEqual([["E1", "59"]]);
    expect(world.wakes).toEqual([[]]);
  });

  it("submit() answers NAK storage-unavailable when the store cannot commit now", async () => {
    let failing = true;
    const world = await build({ commit: (batch, store) => {
      if (failing) throw new StorageError("unavailable", "database is locked");
      return store.commitSubmissions(batch);
    } });
    const answer = await world.intake.submit(bankA, payment());
    expect(answer).toMatchObject({ status: "NAK", code: "storage-unavailable",
      location: "hub" });
    expect(answer.status === "NAK" && answer.reason).toMatch(/^Cannot store message: /);
    expect(world.all()).toEqual([]);
    expect(world.wakes).toEqual([]);
    failing = false;
    expect(await world.intake.submit(bankA, payment()),
      "nothing was stored, so the retry is the first message").toMatchObject({
      status: "ACK", isn: 1, disposition: "queued" });
  });

  it.each([
    ["an AssertionError", new AssertionError("an ISN starts at 1")],
    ["a TypeError", new TypeError("Cannot read properties of undefined")],
  ])("submit() rejects with %s from the commit instead of answering a NAK", async (_, error) => {
    const world = await build({ commit: () => Promise.reject(error) });
    await expect(world.intake.submit(bankA, payment())).rejects.toBe(error);
    await expect(world.intake.submitMany(bankA, [payment()])).rejects.toBe(error);
  });

  it("submitMany() commits in the order given, in one batch, numbering ISNs so", async () => {
    const world = await build();
    const answers = await world.intake.submitMany(bankA, ["R1", "R2", "R3"].map((reference) =>
      payment({ reference })));
    expect(answers.map((answer) => answer.status === "ACK" && answer.isn)).toEqual([1, 2, 3]);
    expect(world.commits.map((batch) => batch.map((item) => item.reference)))
      .toEqual([["R1", "R2", "R3"]]);
  });

  it("wakes only the receivers of messages stored and queued by the commit", async () => {
    const world = await build();
    const first = await world.intake.submitMany(bankA, [payment({ reference: "R1" }),
      payment({ reference: "R2", to: bankC, beneficiary: listed })]);
    expect(first.map((answer) => answer.status === "ACK" && answer.disposition))
      .toEqual(["queued", "held"]);
    const again = await world.intake.submit(bankA, payment({ reference: "R1" }));
    expect(again).toMatchObject({ status: "ACK", disposition: "duplicate", isn: 1 });
    expect(world.wakes, "C's message is held; the duplicate stored nothing")
      .toEqual([[bankB], []]);
  });
});
