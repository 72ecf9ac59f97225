// A streaming session (WebSocket) for the SDK: batched submissions answered after the hub's
// durable commit, pushed deliveries acknowledged per batch, reconnect with PDE re-submission
// of unanswered messages, and OSN de-duplication so the caller sees each message once.
import WebSocket from "ws";
import type { Answer, InboxMessage } from "./client.js";
import { withPossibleDuplicateEmission } from "./client.js";
import { createRequestSigner } from "./signer.js";

export interface SessionOptions {
  readonly hubUrl: string;
  readonly bic: string;
  readonly privateKeyPem: string;
  /** Resume after this OSN (the caller's durable checkpoint). */
  readonly after?: number;
  /** Called with each new batch, in OSN order; acked after it resolves. */
  readonly onMessages?: (messages: readonly InboxMessage[]) => void | Promise<void>;
  readonly reconnectDelayMs?: number;
}

export interface Session {
  /** Resolves once connected the first time. */
  readonly ready: Promise<void>;
  submit(payloads: readonly string[]): Promise<Answer[]>;
  lastOsn(): number;
  close(): void;
}

interface PendingBatch {
  payloads: string[];
  resolve: (answers: Answer[]) => void;
  reject: (error: Error) => void;
}

export function openSession(options: SessionOptions): Session {
  const signer = createRequestSigner({ bic: options.bic, privateKeyPem: options.privateKeyPem });
  const pending = new Map<number, PendingBatch>();
  let nextRef = 1;
  let seenOsn = options.after ?? 0;
  let socket: WebSocket | undefined;
  let closed = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  let chain: Promise<void> = Promise.resolve();

  const sendBatch = (ref: number, batch: PendingBatch) => socket?.send(submitFrame(ref,
    batch.payloads));

  const onFrame = (frame: Record<string, unknown>): void => {
    if (frame.type === "answers") {
      const items = frame.items as (Answer & { ref: string })[];
      const ref = Number(String(items[0]?.ref ?? "").split(":")[0]);
      const batch = pending.get(ref);
      if (batch === undefined) return;
      pending.delete(ref);
      batch.resolve(items);
    } else if (frame.type === "deliver") {
      const fresh = (frame.messages as InboxMessage[]).filter((m) => m.osn > seenOsn);
      if (fresh.length === 0) return;
      seenOsn = Math.max(...fresh.map((m) => m.osn));
      const upto = seenOsn;
      // Deliveries are handed over strictly in order, then acknowledged up to the batch's OSN.
      chain = chain.then(async () => {
        await options.onMessages?.(fresh);
        socket?.send(JSON.stringify({ type: "ack", osn: upto }));
      });
    } else if (frame.type === "welcome") {
      markReady();
    }
  };

  const connect = (): void => {
    const target = `/v1/session?after=${seenOsn}`;
    const headers = signer.headersFor({ method: "GET", target, body: Buffer.alloc(0) });
    const ws = new WebSocket(options.hubUrl.replace(/^http/, "ws") + target, { headers });
    socket = ws;
    ws.on("message", (data: Buffer) =>
      onFrame(JSON.parse(data.toString("utf8")) as Record<string, unknown>));
    ws.on("open", () => {
      // Anything unanswered may have been stored: re-send it marked as a possible duplicate.
      for (const [ref, batch] of pending) {
        batch.payloads = batch.payloads.map(withPossibleDuplicateEmission);
        sendBatch(ref, batch);
      }
    });
    ws.on("error", () => undefined);
    ws.on("close", () => {
      if (!closed) setTimeout(connect, options.reconnectDelayMs ?? 250);
    });
  };
  connect();

  return {
    ready,
    submit: (payloads) => new Promise<Answer[]>((resolve, reject) => {
      const ref = nextRef;
      nextRef += 1;
      const batch = { payloads: [...payloads], resolve, reject };
      pending.set(ref, batch);
      if (socket?.readyState === WebSocket.OPEN) sendBatch(ref, batch);
    }),
    lastOsn: () => seenOsn,
    close: () => {
      closed = true;
      socket?.close();
      rejectAll(pending);
    },
  };
}

function submitFrame(ref: number, payloads: readonly string[]): string {
  return JSON.stringify({ type: "submit",
    items: payloads.map((payload, index) => ({ ref: `${ref}:${index}`, payload })) });
}

function rejectAll(pending: Map<number, PendingBatch>): void {
  for (const batch of pending.values()) batch.reject(new Error("Cannot submit: session closed"));
  pending.clear();
}
