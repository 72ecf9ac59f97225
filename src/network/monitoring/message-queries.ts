// The message queries port: what the console, /metrics and operators read about traffic.
import type { Bic } from "../../standards/index.js";
import type { MessageId, MessageStatus, StoredMessage } from "../types.js";

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

export interface MessageQueries {
  getMessage(id: MessageId): Promise<StoredMessage | undefined>;
  /** Messages matching every given criterion, newest first, at most `limit` of them. */
  searchMessages(query: MessageSearch): Promise<readonly StoredMessage[]>;
  /** Participant messages (no system notices) created since a time, counted per time bucket,
   * sender, receiver and status; oldest bucket first, at most `limit` rows. */
  trafficBuckets(query: TrafficQuery): Promise<readonly TrafficBucket[]>;
  /** Undelivered or unacknowledged messages per receiver. */
  queueDepths(): Promise<readonly { receiver: Bic; depth: number }[]>;
  /** Messages per status. */
  counts(): Promise<Readonly<Record<MessageStatus, number>>>;
}
