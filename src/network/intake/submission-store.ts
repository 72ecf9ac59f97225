// The submissions port: a batch of validated, routed, screened submissions committed durably in
// one transaction, with the compliance case of each held message.
import type { Bic, MessageFormat, Priority } from "../../standards/index.js";
import type { CaseHit } from "../screening-hold/screen-message.js";
import type { MessageId, SubmissionOutcome } from "../types.js";

/** One submission ready to be committed: validated, routed, not yet numbered. */
export interface Submission {
  readonly id: MessageId;
  readonly sender: Bic;
  readonly receiver: Bic;
  readonly format: MessageFormat;
  readonly type: string;
  readonly reference: string;
  readonly uetr: string | undefined;
  readonly priority: Priority;
  readonly deliveryMonitoring: 0 | 1 | 2 | 3;
  readonly possibleDuplicate: boolean;
  /** SHA-256 hex of the message without possible-duplicate marks, per sender. */
  readonly dedupeKey: string;
  readonly payload: Buffer;
  readonly createdAt: number;
  /** When undelivered messages become obsolete (non-delivery warning), epoch ms. */
  readonly obsoleteAt: number;
  /** Where the message goes once committed: straight to the receiver's queue, or on hold. */
  readonly initialStatus: "queued" | "held";
  /** The compliance case of a held message, written in the same transaction. */
  readonly hold?: HoldDraft;
}

/** A compliance hold decided at intake: committed with its message in the same transaction. */
export interface HoldDraft {
  readonly caseId: string;
  readonly hits: readonly CaseHit[];
}

export interface SubmissionStore {
  /**
   * Commits a batch durably in one transaction: numbers ISNs, answers duplicates, writes each
   * held message's case and the audit entries of the batch.
   */
  commitSubmissions(batch: readonly Submission[]): Promise<readonly SubmissionOutcome[]>;
}
