// The cases port: compliance cases and the moves of their messages, one transaction each.
import type { MessageId, StoredMessage } from "../types.js";
import type { CaseRecord, CaseStatus } from "./case.js";

export type CaseTransitionOutcome = "ok" | "conflict" | "message-not-held";

export interface CaseStore {
  getCase(id: string): Promise<CaseRecord | undefined>;
  /** The open or release-proposed case of a message, whatever the number of open cases. */
  openCaseOf(messageId: MessageId): Promise<CaseRecord | undefined>;
  listCases(query: { statuses?: readonly CaseStatus[]; limit: number }):
    Promise<readonly CaseRecord[]>;
  /**
   * Replaces a case if it is still at `fromVersion`, and in the same transaction moves its
   * message from held to `messageTo` when given (release: queued; reject: rejected).
   */
  transitionCase(change: { next: CaseRecord; fromVersion: number;
    messageTo?: "queued" | "rejected" | "aborted" }): Promise<CaseTransitionOutcome>;
  /** Holds queued messages with new cases (list update); returns the ids actually held. */
  holdQueued(cases: readonly CaseRecord[]): Promise<readonly MessageId[]>;
  /** Undelivered (queued or held) participant messages after a store position, for re-screening. */
  undeliveredPage(query: { afterSeq: number; limit: number }):
    Promise<readonly { seq: number; message: StoredMessage }[]>;
}

