// The audit hash chain: every entry carries the hash of the one before it, so that editing,
// removing or reordering any entry breaks every hash after it. Pure: the store appends entries
// (the SQL stores compute the same hash in the database), and verifyChain recomputes them.
import { assert } from "../../lib/index.js";
import type { Digests } from "../ports.js";

export type AuditKind =
  | "message" | "case" | "policy" | "login" | "list-import" | "refusal" | "account" | "hub";

/** An entry before it is chained. `detail` is JSON text, stored and hashed exactly as given. */
export interface AuditDraft {
  readonly at: number;
  readonly kind: AuditKind;
  /** Who: a BIC, an account name or "CORRIDOR" for the hub itself. */
  readonly actor: string;
  /** What: a message id, case id, policy id, list id or account name. */
  readonly subject: string;
  readonly detail: string;
}

export interface AuditEntry extends AuditDraft {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The previous hash of the first entry. */
export const auditGenesisHash = "0".repeat(64);

/** The text an entry's hash covers; the SQL stores build the same text (migrations.ts). */
export function auditHashText(prevHash: string, draft: AuditDraft): string {
  return [prevHash, String(draft.at), draft.kind, draft.actor, draft.subject, draft.detail]
    .join("|");
}

export function auditEntryHash(digests: Digests, prevHash: string, draft: AuditDraft): string {
  assert(/^[0-9a-f]{64}$/.test(prevHash), "a previous hash is 64 hex digits");
  return digests.sha256Hex(auditHashText(prevHash, draft));
}

export type AuditBreak =
  | "hash-mismatch"       // the entry's content does not give its stored hash (edited)
  | "prev-hash-mismatch"  // the entry does not follow the one before it (removed, reordered)
  | "sequence-gap";       // sequence numbers skip (an entry was deleted)

export interface AuditVerdict {
  readonly ok: boolean;
  readonly entries: number;
  readonly lastHash: string;
  /** The first entry that does not match, and why. */
  readonly firstBad?: { readonly seq: number; readonly problem: AuditBreak;
    readonly message: string };
}

/** Incremental verifier: feed pages in order, then read the verdict. */
export function createChainVerifier(digests: Digests): {
  feed(entries: readonly AuditEntry[]): boolean;
  verdict(): AuditVerdict;
} {
  let previous = auditGenesisHash;
  let lastSeq: number | undefined;
  let count = 0;
  let firstBad: AuditVerdict["firstBad"];
  const check = (entry: AuditEntry): AuditVerdict["firstBad"] => {
    if (lastSeq !== undefined && entry.seq !== lastSeq + 1) {
      return { seq: entry.seq, problem: "sequence-gap",
        message: `Cannot verify audit entry ${entry.seq}: it follows entry ${lastSeq}` };
    }
    if (entry.prevHash !== previous) {
      return { seq: entry.seq, problem: "prev-hash-mismatch",
        message: `Cannot verify audit entry ${entry.seq}: its previous hash is not the hash ` +
          "of the entry before it" };
    }
    if (auditEntryHash(digests, previous, entry) !== entry.hash) {
      return { seq: entry.seq, problem: "hash-mismatch",
        message: `Cannot verify audit entry ${entry.seq}: its content does not give its hash` };
    }
    return undefined;
  };
  return {
    feed: (entries) => {
      for (const entry of entries) {
        if (firstBad !== undefined) return false;
        firstBad = check(entry);
        if (firstBad !== undefined) return false;
        previous = entry.hash;
        lastSeq = entry.seq;
        count += 1;
      }
      return true;
    },
    verdict: () => ({ ok: firstBad === undefined, entries: count, lastHash: previous,
      ...(firstBad === undefined ? {} : { firstBad }) }),
  };
}
