// The ports the network domain needs (STYLE.md §1): storage, clock, identifiers, validation.
// Adapters implement them; the domain never knows whether SQLite or PostgreSQL is underneath.
import type { Problem } from "../lib/index.js";
import type {
  Bic, Envelope, MessageFormat, MtMessage, MxMessage, Priority,
} from "../standards/index.js";
import type {
  AcknowledgedMessage, DeliveredMessage, MessageId, MessageStatus, Participant, StoredMessage,
  SubmissionOutcome,
} from "./types.js";
import type { AuditDraft, AuditEntry } from "./audit/chain.js";
import type { CaseRecord, CaseStatus } from "./compliance/case.js";
import type { PolicyRecord } from "./exclusion/policy.js";
import type { CaseHit } from "./screening-hold/screen-message.js";

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface IdSource {
  /** A new unique message id, sortable by creation time. */
  messageId(): MessageId;
  /** Random bytes as hex, for tokens and nonces. */
  secretHex(bytes: number): string;
}

/** Cryptographic digests the domain needs (duplicate detection). */
export interface Digests {
  /** SHA-256 of UTF-8 text, as hex. */
  sha256Hex(text: string): string;
}

/** A message as the content validator parsed it, handed on so that screening parses it once. */
export type ParsedContent =
  | { readonly format: "MT"; readonly message: MtMessage }
  | { readonly format: "MX"; readonly message: MxMessage };

/** Full validation of a message's content, plugged in by the MT and ISO 20022 modules. */
export type ContentValidator = (text: string, envelope: Envelope) => {
  readonly problems: readonly Problem[];
  /** The parsed message, when it could be parsed. */
  readonly parsed: ParsedContent | undefined;
};

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
  /** The compliance case of a held message, written in the same transaction (issue 6). */
  readonly hold?: HoldDraft;
}

export interface InboxQuery {
  readonly receiver: Bic;
  /** Deliver messages with OSN greater than this; already-numbered ones come again (PDM). */
  readonly afterOsn: number;
  readonly limit: number;
  readonly now: number;
}

export interface AckResult {
  /** Messages newly acknowledged by this call. */
  readonly acknowledged: readonly AcknowledgedMessage[];
  readonly ackedOsn: number;
}

/** A system notice for a participant's inbox (delivery notification, warning, abort). */
export interface NoticeDraft {
  readonly id: MessageId;
  readonly receiver: Bic;
  readonly type: "delivery-notification" | "non-delivery-warning" | "abort-notification"
    | "rejection-notification";
  readonly about: MessageId;
  readonly payload: Buffer;
  readonly createdAt: number;
}

/** A console or operator account: a person with one role. Secrets are stored only hashed. */
export interface AccountRecord {
  readonly name: string;
  readonly role: "operator" | "compliance" | "auditor";
  /** SHA-256 hex of the API token, when the account has one. */
  readonly tokenHash: string | undefined;
  /** scrypt hash of the console password, when the account has one. */
  readonly passwordHash: string | undefined;
  readonly createdAt: number;
}

export interface MessageStore {
  close(): Promise<void>;
  /** Resolves when the store answers; rejects when it is unreachable. */
  ping(): Promise<void>;

  upsertParticipant(participant: Participant): Promise<void>;
  getParticipant(bic: Bic): Promise<Participant | undefined>;
  listParticipants(): Promise<readonly Participant[]>;

  /** Commits a batch durably in one transaction; numbers ISNs; answers duplicates. */
  commitSubmissions(batch: readonly Submission[]): Promise<readonly SubmissionOutcome[]>;
  getMessage(id: MessageId): Promise<StoredMessage | undefined>;
  /** Numbers (OSN) the next queued messages for a receiver and returns them with redeliveries. */
  claimInbox(query: InboxQuery): Promise<readonly DeliveredMessage[]>;
  /** Acknowledges every delivered message of the receiver up to an OSN. */
  ackInbox(receiver: Bic, options: { uptoOsn: number; now: number }): Promise<AckResult>;
  /** The highest OSN the receiver has acknowledged, and the highest assigned. */
  inboxPosition(receiver: Bic): Promise<{ ackedOsn: number; lastOsn: number }>;
  /** Undelivered or unacknowledged messages per receiver, for /metrics and the console. */
  queueDepths(): Promise<readonly { receiver: Bic; depth: number }[]>;
  /** Queues system notices to participants' inboxes. */
  addNotices(notices: readonly NoticeDraft[]): Promise<void>;
  /** Queued or delivered-unacknowledged messages past their obsolescence time, not yet warned. */
  takeObsolete(options: { now: number; limit: number }): Promise<readonly StoredMessage[]>;
  /** Moves messages to a final status (aborted, rejected) if they are still undelivered. */
  finish(ids: readonly MessageId[], status: Extract<MessageStatus, "aborted" | "rejected">,
  ): Promise<readonly StoredMessage[]>;
  upsertAccount(account: AccountRecord): Promise<void>;
  findAccount(query: { name: string } | { tokenHash: string }): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<readonly AccountRecord[]>;
  /** Counts for /metrics and the console. */
  counts(): Promise<Readonly<Record<MessageStatus, number>>>;
  /**
   * Optional, for stores shared by several hub nodes: calls `listener` with the receivers that
   * another node queued messages for (so this node wakes their sessions); returns unsubscribe.
   */
  onQueued?(listener: (receivers: readonly Bic[]) => void): () => void;
  /**
   * Optional, for stores shared by several hub nodes: true when this node won the run of a
   * scheduled job for the period starting now (one node per period); absent means always run.
   */
  leaseJob?(name: string, options: { now: number; periodMs: number }): Promise<boolean>;

  // --- RMA (relationship management) ---
  /** Grants (or replaces) a receiver's authorisation of a sender. */
  putRma(rma: RmaRecord): Promise<void>;
  /** Removes an authorisation; true when there was one. */
  deleteRma(receiver: Bic, sender: Bic): Promise<boolean>;
  findRma(receiver: Bic, sender: Bic): Promise<RmaRecord | undefined>;
  listRma(filter: { bic?: Bic; limit: number }): Promise<readonly RmaRecord[]>;

  // --- Console queries (issue 7) ---
  /** Messages matching every given criterion, newest first, at most `limit` of them. */
  searchMessages(query: MessageSearch): Promise<readonly StoredMessage[]>;
  /** Participant messages (no system notices) created since a time, counted per time bucket,
   * sender, receiver and status; oldest bucket first, at most `limit` rows. */
  trafficBuckets(query: TrafficQuery): Promise<readonly TrafficBucket[]>;
}

/** A receiver authorises a sender (one direction), for all types ("*") or listed type prefixes. */
export interface RmaRecord {
  readonly receiver: Bic;
  readonly sender: Bic;
  /** Type prefixes such as "MT103" or "pacs.008"; empty means every type. */
  readonly types: readonly string[];
  readonly grantedBy: string;
  readonly grantedAt: number;
}

// --- Console queries (issue 7) ---
export interface MessageSearch {
  /** Sender or receiver. */
  readonly bic?: Bic;
  readonly reference?: string;
  readonly uetr?: string;
  /** Stored type, e.g. "MT103", "pacs.008.001.08". */
  readonly type?: string;
  readonly status?: MessageStatus;
  /** Only messages created at or after this time (epoch ms). */
  readonly createdFrom?: number;
  /** Only messages created strictly before this time (epoch ms), for paging back. */
  readonly createdBefore?: number;
  readonly limit: number;
}

export interface TrafficQuery {
  /** Epoch ms: messages created at or after it; a multiple of 5 s, within the last hour. */
  readonly since: number;
  /** A multiple of 5 s (the stores count traffic in 5 s buckets). */
  readonly bucketMs: number;
  readonly limit: number;
}

export interface TrafficBucket {
  /** Start of the bucket, epoch ms, a multiple of bucketMs. */
  readonly bucketStart: number;
  readonly sender: Bic;
  readonly receiver: Bic;
  /** Messages created in the bucket from sender to receiver (system notices excluded). */
  readonly count: number;
  /** Of those, the ones on hold now. */
  readonly held: number;
}

// --- Sanctions controls (issue 6): cases, exclusion policies, audit chain ----------------------
// Separate ports so that every store implements them beside MessageStore; the contract suite in
// test/contract/controls-store.contract.ts holds each implementation to the same behaviour.

/** A compliance hold decided at intake: committed with its message in the same transaction. */
export interface HoldDraft {
  readonly caseId: string;
  readonly hits: readonly CaseHit[];
}

export type CaseTransitionOutcome = "ok" | "conflict" | "message-not-held";

export interface ComplianceStore {
  getCase(id: string): Promise<CaseRecord | undefined>;
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

export interface PolicyStore {
  insertPolicy(policy: PolicyRecord): Promise<void>;
  /** Replaces a policy if it is still at `fromVersion`; false on a concurrent change. */
  updatePolicy(policy: PolicyRecord, fromVersion: number): Promise<boolean>;
  getPolicy(id: string): Promise<PolicyRecord | undefined>;
  listPolicies(limit: number): Promise<readonly PolicyRecord[]>;
  /** Participant messages to or from any of these BIC8s, newest first, optionally filtered. */
  messagesInvolving(query: { bic8s: readonly string[]; since?: number;
    statuses?: readonly MessageStatus[]; limit: number }): Promise<readonly StoredMessage[]>;
}

export interface AuditLog {
  /** Appends entries to the hash chain (message, case and policy changes chain themselves). */
  append(entries: readonly AuditDraft[]): Promise<void>;
  /** Entries in chain order after a sequence number. */
  entries(query: { afterSeq: number; limit: number }): Promise<readonly AuditEntry[]>;
}

export type ControlStores = ComplianceStore & PolicyStore & AuditLog;
