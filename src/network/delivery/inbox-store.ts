// The inbox port: numbering (OSN), delivery, acknowledgement and system notices per receiver.
import type { Bic } from "../../standards/index.js";
import type {
  AcknowledgedMessage, DeliveredMessage, MessageId, MessageStatus, StoredMessage,
} from "../types.js";

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

export interface InboxStore {
  getMessage(id: MessageId): Promise<StoredMessage | undefined>;
  /** Numbers (OSN) the next queued messages for a receiver and returns them with redeliveries. */
  claimInbox(query: InboxQuery): Promise<readonly DeliveredMessage[]>;
  /** Acknowledges every delivered message of the receiver up to an OSN. */
  ackInbox(receiver: Bic, options: { uptoOsn: number; now: number }): Promise<AckResult>;
  /** The highest OSN the receiver has acknowledged, and the highest assigned. */
  inboxPosition(receiver: Bic): Promise<{ ackedOsn: number; lastOsn: number }>;
  /** Queues system notices to participants' inboxes. */
  addNotices(notices: readonly NoticeDraft[]): Promise<void>;
  /** Queued or delivered-unacknowledged messages past their obsolescence time, not yet warned. */
  takeObsolete(options: { now: number; limit: number }): Promise<readonly StoredMessage[]>;
  /** Moves messages to a final status (aborted, rejected) if they are still undelivered. */
  finish(ids: readonly MessageId[], status: Extract<MessageStatus, "aborted" | "rejected">,
  ): Promise<readonly StoredMessage[]>;
}
