// The network domain's nouns: participants, stored messages, deliveries and submission answers.
import type { Brand } from "../lib/index.js";
import type { Bic, MessageFormat, Priority } from "../standards/index.js";

export type MessageId = Brand<string, "MessageId">;

export type ParticipantStatus = "active" | "suspended" | "excluded";

export interface Participant {
  readonly bic: Bic;
  readonly name: string;
  /** Ed25519 public key, SPKI PEM. */
  readonly publicKeyPem: string;
  /** BIC8 of the parent institution, for ownership-based exclusion rules. */
  readonly parent: string | undefined;
  readonly status: ParticipantStatus;
  readonly createdAt: number;
}

export type MessageStatus =
  | "queued" | "held" | "delivered" | "acknowledged" | "rejected" | "aborted";

export type MessageFormatOrSystem = MessageFormat | "system";

export interface StoredMessage {
  readonly id: MessageId;
  readonly sender: Bic | "CORRIDOR";
  readonly receiver: Bic;
  readonly format: MessageFormatOrSystem;
  readonly type: string;
  readonly reference: string;
  readonly uetr: string | undefined;
  readonly priority: Priority;
  readonly deliveryMonitoring: 0 | 1 | 2 | 3;
  readonly possibleDuplicate: boolean;
  readonly isn: number | undefined;
  readonly osn: number | undefined;
  readonly status: MessageStatus;
  readonly payload: Buffer;
  readonly createdAt: number;
  readonly deliveredAt: number | undefined;
  readonly acknowledgedAt: number | undefined;
  /** Times delivered: above 1 means the receiver may have it already (PDM). */
  readonly deliveryCount: number;
}

/** What an acknowledgement reports of each message: enough for a delivery notification. */
export type AcknowledgedMessage = Pick<StoredMessage, "id" | "sender" | "receiver" | "format" |
  "type" | "reference" | "uetr" | "deliveryMonitoring" | "osn" | "status">;

export interface DeliveredMessage {
  readonly message: StoredMessage;
  readonly osn: number;
  /** Possible duplicate message (PDM): this OSN was handed out before and not acknowledged. */
  readonly possibleDuplicate: boolean;
}

export type SubmissionOutcome =
  | { readonly kind: "stored"; readonly id: MessageId; readonly isn: number }
  | { readonly kind: "duplicate"; readonly id: MessageId; readonly isn: number;
      readonly status: MessageStatus };

export const systemSender = "CORRIDOR" as const;
