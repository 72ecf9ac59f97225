// Delivery: each receiver reads a gap-free OSN-numbered stream, acknowledges up to an OSN, and
// gets unacknowledged messages again (marked possible duplicate) after a reconnect. Senders get
// delivery notifications and non-delivery warnings when their message's monitoring asks for it.
import { assert } from "../../lib/index.js";
import type { Bic } from "../../standards/index.js";
import { inboxPageSizeMax, inboxWaitSecondsMax } from "../../limits.js";
import type { Clock, IdSource } from "../ports.js";
import type { InboxStore, NoticeDraft } from "./inbox-store.js";
import type { AcknowledgedMessage, DeliveredMessage, StoredMessage } from "../types.js";
import type { Wakeups } from "./wakeups.js";

export interface DeliveryDeps {
  readonly inbox: InboxStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly wakeups: Wakeups;
}

export interface InboxRequest {
  /** Deliver after this OSN; defaults to what the receiver has acknowledged. */
  readonly after?: number | undefined;
  readonly limit: number;
  readonly waitMs: number;
}

export interface DeliveryService {
  fetchInbox(receiver: Bic, request: InboxRequest): Promise<readonly DeliveredMessage[]>;
  ack(receiver: Bic, uptoOsn: number): Promise<{ acknowledged: number; ackedOsn: number }>;
  /** Where the receiver's stream stands: last acknowledged and last numbered OSN. */
  position(receiver: Bic): Promise<{ ackedOsn: number; lastOsn: number }>;
  /** Sends non-delivery warnings for obsolete messages; returns how many were warned. */
  warnObsolete(limit: number): Promise<number>;
  /** Sends abort notices to the senders of messages that will never be delivered. */
  noticeAborted(messages: readonly StoredMessage[], reason: string): Promise<void>;
}

export function createDeliveryService(deps: DeliveryDeps): DeliveryService {
  const claim = async (receiver: Bic, request: InboxRequest) => {
    const position = await deps.inbox.inboxPosition(receiver);
    const after = Math.max(request.after ?? 0, position.ackedOsn);
    return deps.inbox.claimInbox({ receiver, afterOsn: after, limit: request.limit,
      now: deps.clock.now() });
  };

  const queueNotices = async (notices: readonly NoticeDraft[]): Promise<void> => {
    if (notices.length === 0) return;
    await deps.inbox.addNotices(notices);
    deps.wakeups.notify(new Set(notices.map((notice) => notice.receiver)));
  };

  return {
    fetchInbox: async (receiver, request) => {
      assert(request.limit >= 1 && request.limit <= inboxPageSizeMax, "inbox limit in range");
      assert(request.waitMs <= inboxWaitSecondsMax * 1000, "inbox wait in range");
      const first = await claim(receiver, request);
      if (first.length > 0 || request.waitMs <= 0) return first;
      const woken = await deps.wakeups.wait(receiver, request.waitMs);
      return woken ? claim(receiver, request) : [];
    },
    ack: async (receiver, uptoOsn) => {
      assert(Number.isInteger(uptoOsn) && uptoOsn >= 0, "an OSN is a whole number");
      const result = await deps.inbox.ackInbox(receiver, { uptoOsn, now: deps.clock.now() });
      const wanted = result.acknowledged.filter((message) =>
        message.format !== "system" && (message.deliveryMonitoring & 2) !== 0);
      await queueNotices(wanted.map((message) =>
        notice(deps, message,
        { type: "delivery-notification", reason: `Delivered to ${receiver}` })));
      return { acknowledged: result.acknowledged.length, ackedOsn: result.ackedOsn };
    },
    position: (receiver) => deps.inbox.inboxPosition(receiver),
    warnObsolete: async (limit) => {
      const obsolete = await deps.inbox.takeObsolete({ now: deps.clock.now(), limit });
      const wanted = obsolete.filter((message) => (message.deliveryMonitoring & 1) !== 0);
      await queueNotices(wanted.map((message) => notice(deps, message,
        { type: "non-delivery-warning", reason: "Not delivered within its obsolescence period" })));
      return wanted.length;
    },
    noticeAborted: (messages, reason) =>
      queueNotices(messages.filter((message) => message.format !== "system")
        .map((message) => notice(deps, message, { type: "abort-notification", reason }))),
  };
}

function notice(
  deps: DeliveryDeps,
  about: AcknowledgedMessage,
  what: { type: NoticeDraft["type"]; reason: string },
): NoticeDraft {
  const { type, reason } = what;
  assert(about.sender !== "CORRIDOR", "system notices are never about system notices");
  const body = {
    notice: type, about: about.id, reference: about.reference, uetr: about.uetr ?? null,
    type: about.type, receiver: about.receiver, status: about.status, reason,
  };
  return {
    id: deps.ids.messageId(), receiver: about.sender, type, about: about.id,
    payload: Buffer.from(JSON.stringify(body), "utf8"), createdAt: deps.clock.now(),
  };
}
