// Intake: a participant submits bytes; the hub reads the envelope, checks who may send what to
// whom, validates the content, and answers ACK only after the message is durably committed.
import { assert } from "../../lib/index.js";
import { readEnvelope } from "../../standards/index.js";
import type { Bic, Envelope } from "../../standards/index.js";
import { obsolescenceMinutesDefault } from "../../limits.js";
import type {
  Clock, ContentValidator, Digests, HoldDraft, IdSource, MessageStore, ParsedContent, Submission,
} from "../ports.js";
import type { Directory } from "../participants/directory.js";
import type { RmaGate } from "../rma/rma.js";
import type { Participant, SubmissionOutcome } from "../types.js";
import { createGroupCommitter } from "./group-commit.js";
import type { GroupCommitter } from "./group-commit.js";
import { nak, nakFrom } from "./answer.js";
import type { Ack, Nak, SubmitAnswer } from "./answer.js";

export interface IntakeDeps {
  readonly store: MessageStore;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly digests: Digests;
  readonly validateContent: ContentValidator | undefined;
  readonly schedule: (callback: () => void) => void;
  readonly batchSizeMax: number;
  /** Called after a commit with the receivers that have new queued messages. */
  readonly onQueued: (receivers: ReadonlySet<Bic>) => void;
  /** Decides whether a new message is queued or held for compliance (screening). */
  readonly initialStatus?: (envelope: Envelope, text: string) => "queued" | "held";
  /** Sanctions screening before commit: a hit holds the message with its case (issue 6). */
  readonly screen?: (envelope: Envelope, text: string, parsed: ParsedContent | undefined) =>
    { initialStatus: "queued" | "held"; hold: HoldDraft | undefined };
  /** Exclusion policies: a NAK when sender or receiver may not exchange messages now. */
  readonly admit?: (sender: Participant, receiver: Participant) => Promise<Nak | undefined>;
  /** Present when the operator enforces RMA: refuses messages the receiver has not authorised. */
  readonly rmaGate?: RmaGate | undefined;
}

export interface IntakeService {
  submit(sender: Bic, payload: Buffer): Promise<SubmitAnswer>;
  submitMany(sender: Bic, payloads: readonly Buffer[]): Promise<readonly SubmitAnswer[]>;
  drain(): Promise<void>;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function createIntakeService(deps: IntakeDeps): IntakeService {
  const committer: GroupCommitter<Submission, SubmissionOutcome> = createGroupCommitter({
    batchSizeMax: deps.batchSizeMax,
    schedule: deps.schedule,
    commit: async (batch) => {
      const outcomes = await deps.store.commitSubmissions(batch);
      const receivers = new Set<Bic>();
      batch.forEach((item, index) => {
        if (outcomes[index]?.kind === "stored" && item.initialStatus === "queued") {
          receivers.add(item.receiver);
        }
      });
      if (receivers.size > 0) deps.onQueued(receivers);
      return outcomes;
    },
  });

  const commitOne = async (submission: Submission): Promise<SubmitAnswer> => {
    let outcome: SubmissionOutcome;
    try {
      outcome = await committer.submit(submission);
    } catch (error) {
      return nak("storage-unavailable", "hub",
        `Cannot store message: ${error instanceof Error ? error.message : "commit failed"}`);
    }
    return ackFrom(submission, outcome);
  };

  const submit = async (sender: Bic, payload: Buffer): Promise<SubmitAnswer> => {
    const prepared = await prepare(deps, sender, payload);
    return prepared.status === "NAK" ? prepared : commitOne(prepared.submission);
  };

  // A batch keeps its order: all are prepared first, then handed to the committer in order,
  // so ISNs and the receivers' OSNs follow the order the sender gave.
  const submitMany = async (sender: Bic, payloads: readonly Buffer[]) => {
    const prepared = await Promise.all(payloads.map((payload) => prepare(deps, sender, payload)));
    return Promise.all(prepared.map(async (entry): Promise<SubmitAnswer> => {
      if (entry.status === "NAK") return entry;
      return commitOne(entry.submission);
    }));
  };

  return { submit, submitMany, drain: () => committer.drain() };
}

function ackFrom(submission: Submission, outcome: SubmissionOutcome): Ack {
  assert(outcome.isn >= 1, "an ISN starts at 1");
  const duplicate = outcome.kind === "duplicate";
  return {
    status: "ACK",
    id: outcome.id,
    isn: outcome.isn,
    uetr: submission.uetr,
    format: submission.format,
    type: submission.type,
    disposition: duplicate ? "duplicate" : submission.initialStatus,
  };
}

type Prepared = { readonly status: "ready"; readonly submission: Submission } | Nak;

async function prepare(deps: IntakeDeps, sender: Bic, payload: Buffer): Promise<Prepared> {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return nak("encoding-invalid", "message", "Cannot read message: the bytes are not UTF-8 text");
  }
  const read = readEnvelope(text);
  if (!read.ok) return nakFrom(read.problems[0] ?? assertProblem());
  const envelope = read.value;
  if (envelope.sender !== sender) {
    return nak("sender-not-authorised", envelope.format === "MT" ? "block1" : "/AppHdr/Fr",
      `Cannot accept message from "${envelope.sender}": authenticated as "${sender}"`);
  }
  const senderEntry = await deps.directory.find(sender);
  if (senderEntry?.status !== "active") {
    return nak("sender-inactive", "sender", `Cannot accept message: "${sender}" may not send`);
  }
  const receiver = await deps.directory.resolveReceiver(envelope.receiver);
  if (receiver === undefined) {
    return nak("receiver-unknown", envelope.format === "MT" ? "block2" : "/AppHdr/To",
      `Cannot route message: no participant "${envelope.receiver}" nor its head office`);
  }
  const refused = await deps.admit?.(senderEntry, receiver);
  if (refused !== undefined) return refused;
  if (receiver.status !== "active") {
    return nak("receiver-inactive", envelope.format === "MT" ? "block2" : "/AppHdr/To",
      `Cannot route message: receiver "${receiver.bic}" is ${receiver.status}`);
  }
  const unauthorised = await deps.rmaGate?.(sender, receiver.bic, envelope.type);
  if (unauthorised !== undefined) return unauthorised;
  const checked = deps.validateContent?.(text, envelope);
  const problems = checked?.problems ?? [];
  if (problems.length > 0) return nakFrom(problems[0] ?? assertProblem());
  const verdict = deps.screen?.(envelope, text, checked?.parsed);
  const now = deps.clock.now();
  const minutes = envelope.obsolescenceMinutes ?? obsolescenceMinutesDefault;
  return {
    status: "ready",
    submission: {
      id: deps.ids.messageId(), sender, receiver: receiver.bic, format: envelope.format,
      type: envelope.type, reference: envelope.reference, uetr: envelope.uetr,
      priority: envelope.priority, deliveryMonitoring: envelope.deliveryMonitoring,
      possibleDuplicate: envelope.possibleDuplicate,
      dedupeKey: deps.digests.sha256Hex(envelope.dedupeText),
      payload, createdAt: now, obsoleteAt: now + minutes * 60_000,
      initialStatus: verdict?.initialStatus ?? deps.initialStatus?.(envelope, text) ?? "queued",
      ...(verdict?.hold === undefined ? {} : { hold: verdict.hold }),
    },
  };
}

function assertProblem(): never {
  assert(false, "a failed result carries at least one problem");
}
