// The system ports the network domain needs: clock, identifiers, digests, content
// validation, and the coordination of hub nodes. Feature stores live in their feature folders
// (participants/participant-store.ts, delivery/inbox-store.ts, ...) and are gathered in stores.ts.
import type { Problem } from "../lib/index.js";
import type { Bic, Envelope, MtMessage, MxMessage } from "../standards/index.js";
import type { MessageId } from "./types.js";

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

/** Cryptographic digests the domain needs (duplicate detection, the audit chain). */
export interface Digests {
  /** SHA-256 of UTF-8 text, as hex. */
  sha256Hex(text: string): string;
}

/** A message as the content validator parsed it, handed on so that screening parses it once. */
export type ParsedContent =
  | { readonly format: "MT"; readonly message: MtMessage }
  | { readonly format: "MX"; readonly message: MxMessage };

/**
 * Full validation of a message's content, plugged in by the MT and ISO 20022 modules. It answers
 * later, so that an adapter may run it off the event loop (a worker thread) and no message can
 * hold up the others while it is checked.
 */
export type ContentValidator = (text: string, envelope: Envelope) => Promise<{
  readonly problems: readonly Problem[];
  /**
   * The parsed message, when it was parsed here: undefined when it could not be, or when it was
   * checked in another thread (screening then parses it itself).
   */
  readonly parsed: ParsedContent | undefined;
}>;

/**
 * How the nodes of one hub share work. A single node (SQLite) runs every job and hears only
 * itself; nodes on one PostgreSQL database lease each job period and hear each other's queues.
 */
export interface Coordination {
  /** Calls `listener` with receivers another node queued messages for; returns unsubscribe. */
  onQueued(listener: (receivers: readonly Bic[]) => void): () => void;
  /** True when this node won the run of a scheduled job for the period starting now. */
  leaseJob(name: string, options: { now: number; periodMs: number }): Promise<boolean>;
}

/** The store's own life: reachability for /health and an orderly close. */
export interface StoreLifecycle {
  close(): Promise<void>;
  /** Resolves when the store answers; rejects when it is unreachable. */
  ping(): Promise<void>;
}
