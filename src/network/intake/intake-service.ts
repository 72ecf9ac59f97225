// Intake, the one pipeline every submission takes, in this order: the authenticated sender
// (authorisation), the envelope, admission (routing, exclusion policies, RMA), content
// validation, sanctions screening, then one durable commit of the message with its hold, case
// and audit entries, and a wake-up of the receiver's delivery. ACK only after the commit.
// Every stage is a required dependency: there is no way to build an intake that skips one.
import { assert, isStorageError } from "../../lib/index.js";
import { readEnvelope } from "../../standards/index.js";
import type { Bic, Envelope } from "../../standards/index.js";
import { commitPendingSubmissionsMax, obsolescenceMinutesDefault } from "../../limits.js";
import type { Clock, ContentValidator, Digests, IdSource } from "../ports.js";
import type { Directory } from "../participants/directory.js";
import type { ScreeningGate } from "../screening-hold/screening-gate.js";
import type { Participant, SubmissionOutcome } from "../types.js";
import { createGroupCommitter } from "./group-commit.js";
import { nak, nakFrom } from "./answer.js";
import type { Ack, Nak, SubmitAnswer } from "./answer.js";
import type { Submission, SubmissionStore } from "./submission-store.js";

/** Who may exchange what with whom now: exclusion policies and RMA, in that order. */
export interface Admission {
  /** Exclusion policies in force: a NAK when sender or receiver may not exchange messages. */
  exclusion(sender: Participant, receiver: Participant): Promise<Nak | undefined>;
  /** RMA: a NAK when enforced and the receiver has not authorised the sender for the type. */
  rma(sender: Bic, receiver: Bic, type: string): Promise<Nak | undefined>;
}

export interface IntakeDeps {
  /** Stage 1 and 3: the sender's standing and the receiver's routing. */
  readonly directory: Directory;
  /** Stage 3: exclusion and RMA. */
  readonly admission: Admission;
  /** Stage 4: full validation of the content (MT or ISO 20022). */
  readonly validateContent: ContentValidator;
  /** Stage 5: sanctions screening; fails closed by itself when no list is in force. */
  readonly screening: ScreeningGate;
  /** Stage 6: the durable commit. */
  readonly submissions: SubmissionStore;
  /** Stage 7: called after a commit with the receivers that have new queued messages. */
  readonly wake: (receivers: ReadonlySet<Bic>) => void;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly digests: Digests;
  /** Schedules the next group-commit flush (setImmediate in Node). */
  readonly schedule: (callback: () => void) => void;
  readonly batchSizeMax: number;
}

export interface IntakeService {
  submit(sender: Bic, payload: Buffer): Promise<SubmitAnswer>;
  submitMany(sender: Bic, payloads: readonly Buffer[]): Promise<readonly SubmitAnswer[]>;
  drain(): Promise<void>;
}

type Prepared = { readonly status: "ready"; readonly submission: Submission } | Nak;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function createIntakeService(deps: IntakeDeps): IntakeService {
  const committer = createGroupCommitter<Submission, SubmissionOutcome>({
    batchSizeMax: deps.batchSizeMax,
    pendingMax: commitPendingSubmissionsMax,
    schedule: deps.schedule,
    commit: async (batch) => {
      const outcomes = await deps.submissions.commitSubmissions(batch);
      deps.wake(queuedReceivers(batch, outcomes));
      return outcomes;
    },
  });

  // Only a store that cannot commit now is an answer (NAK, nothing stored, the sender retries);
  // anything else is a bug and propagates to crash the process.
  const commitOne = async (submission: Submission): Promise<SubmitAnswer> => {
    const committed = committer.submit(submission);
    if (committed === "full") return overloaded();
    try {
      return ackFrom(submission, await committed);
    } catch (error) {
      if (!isStorageError(error)) throw error;
      return nak("storage-unavailable", "hub", `Cannot store message: ${error.message}`);
    }
  };

  // A full commit queue refuses before the pipeline's work is spent on a message it cannot take.
  const submit = async (sender: Bic, payload: Buffer): Promise<SubmitAnswer> => {
    if (committer.full()) return overloaded();
    const prepared = await prepare(deps, sender, payload);
    return prepared.status === "NAK" ? prepared : commitOne(prepared.submission);
  };

  // A batch keeps its order: all are prepared first, then handed to the committer in order,
  // so ISNs and the receivers' OSNs follow the order the sender gave.
  const submitMany = async (sender: Bic, payloads: readonly Buffer[]) => {
    if (committer.full()) return payloads.map(() => overloaded());
    const prepared = await Promise.all(payloads.map((payload) => prepare(deps, sender, payload)));
    return Promise.all(prepared.map(async (entry): Promise<SubmitAnswer> => {
      if (entry.status === "NAK") return entry;
      return commitOne(entry.submission);
    }));
  };

  return { submit, submitMany, drain: () => committer.drain() };
}

/** The group commit's queue is full: nothing stored; the sender retries (with PDE if unsure). */
function overloaded(): Nak {
  return nak("hub-overloaded", "hub", `Cannot accept message: ${commitPendingSubmissionsMax} ` +
    "submissions already wait for a commit; retry later");
}

function queuedReceivers(batch: readonly Submission[], outcomes: readonly SubmissionOutcome[],
): ReadonlySet<Bic> {
  assert(outcomes.length === batch.length, "a commit answers every submission of its batch");
  const receivers = new Set<Bic>();
  batch.forEach((item, index) => {
    if (outcomes[index]?.kind === "stored" && item.initialStatus === "queued") {
      receivers.add(item.receiver);
    }
  });
  return receivers;
}

function ackFrom(submission: Submission, outcome: SubmissionOutcome): Ack {
  assert(outcome.isn >= 1, "an ISN starts at 1");
  const duplicate = outcome.kind === "duplicate";
  return {
    status: "ACK", id: outcome.id, isn: outcome.isn, uetr: submission.uetr,
    format: submission.format, type: submission.type,
    disposition: duplicate ? "duplicate" : submission.initialStatus,
  };
}

/** Stages 1 to 5 of the pipeline, in order; the first that refuses answers the NAK. */
async function prepare(deps: IntakeDeps, sender: Bic, payload: Buffer): Promise<Prepared> {
  const read = readMessage(payload);
  if (read.status === "NAK") return read;
  const { text, envelope } = read;
  const parties = await authoriseAndRoute(deps, sender, envelope);
  if (parties.status === "NAK") return parties;
  const refused = await admit(deps, parties, envelope);
  if (refused !== undefined) return refused;
  const checked = await deps.validateContent(text, envelope);
  const problem = checked.problems[0];
  if (problem !== undefined) return nakFrom(problem);
  const verdict = deps.screening.screen(envelope, text, checked.parsed);
  if ("status" in verdict) return verdict;
  const now = deps.clock.now();
  const minutes = envelope.obsolescenceMinutes ?? obsolescenceMinutesDefault;
  return {
    status: "ready",
    submission: {
      id: deps.ids.messageId(), sender, receiver: parties.receiver.bic, format: envelope.format,
      type: envelope.type, reference: envelope.reference, uetr: envelope.uetr,
      priority: envelope.priority, deliveryMonitoring: envelope.deliveryMonitoring,
      possibleDuplicate: envelope.possibleDuplicate,
      dedupeKey: deps.digests.sha256Hex(envelope.dedupeText),
      payload, createdAt: now, obsoleteAt: now + minutes * 60_000,
      initialStatus: verdict.initialStatus,
      ...(verdict.hold === undefined ? {} : { hold: verdict.hold }),
    },
  };
}

/** Stage 2: the bytes are UTF-8 text with a readable envelope (MT blocks 1-2, MX AppHdr). */
function readMessage(payload: Buffer):
  { readonly status: "read"; readonly text: string; readonly envelope: Envelope } | Nak {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return nak("encoding-invalid", "message", "Cannot read message: the bytes are not UTF-8 text");
  }
  const read = readEnvelope(text);
  if (!read.ok) return nakFrom(read.problems[0] ?? assertProblem());
  return { status: "read", text, envelope: read.value };
}

/** Stage 1 and routing: the envelope names the authenticated sender, active; a live receiver. */
async function authoriseAndRoute(deps: IntakeDeps, sender: Bic, envelope: Envelope): Promise<
  { readonly status: "routed"; readonly sender: Participant; readonly receiver: Participant }
  | Nak> {
  const mt = envelope.format === "MT";
  if (envelope.sender !== sender) {
    return nak("sender-not-authorised", mt ? "block1" : "/AppHdr/Fr",
      `Cannot accept message from "${envelope.sender}": authenticated as "${sender}"`);
  }
  const senderEntry = await deps.directory.find(sender);
  if (senderEntry?.status !== "active") {
    return nak("sender-inactive", "sender", `Cannot accept message: "${sender}" may not send`);
  }
  const receiver = await deps.directory.resolveReceiver(envelope.receiver);
  if (receiver === undefined) {
    return nak("receiver-unknown", mt ? "block2" : "/AppHdr/To",
      `Cannot route message: no participant "${envelope.receiver}" nor its head office`);
  }
  return { status: "routed", sender: senderEntry, receiver };
}

/** Stage 3: exclusion policies first (their NAK names the policy), then status, then RMA. */
async function admit(deps: IntakeDeps, parties: { sender: Participant; receiver: Participant },
  envelope: Envelope): Promise<Nak | undefined> {
  const excluded = await deps.admission.exclusion(parties.sender, parties.receiver);
  if (excluded !== undefined) return excluded;
  if (parties.receiver.status !== "active") {
    return nak("receiver-inactive", envelope.format === "MT" ? "block2" : "/AppHdr/To",
      `Cannot route message: receiver "${parties.receiver.bic}" is ${parties.receiver.status}`);
  }
  return deps.admission.rma(parties.sender.bic, parties.receiver.bic, envelope.type);
}

function assertProblem(): never {
  assert(false, "a failed result carries at least one problem");
}
