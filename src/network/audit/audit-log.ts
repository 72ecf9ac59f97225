// The audit port: append-only entries, chained by hash, read back in order.
import type { AuditDraft, AuditEntry } from "./chain.js";

export interface AuditLog {
  /** Appends entries to the hash chain (message, case and policy changes chain themselves). */
  append(entries: readonly AuditDraft[]): Promise<void>;
  /** Entries in chain order after a sequence number. */
  entries(query: { afterSeq: number; limit: number }): Promise<readonly AuditEntry[]>;
}

