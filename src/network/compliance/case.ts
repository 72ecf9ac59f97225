// Compliance cases: a held message, its hits, and the four-eyes decision on it. Pure
// transitions: release needs a proposal by one compliance officer and approval by another;
// a rejection (the safe direction) is final at once; a decided case never changes again.
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import type { Bic } from "../../standards/index.js";
import { relatedAccounts } from "../accounts/lineage.js";
import type { AccountLineage } from "../accounts/lineage.js";
import type { Submission } from "../intake/submission-store.js";
import type { CaseHit } from "../screening-hold/screen-message.js";
import type { MessageFormatOrSystem, MessageId } from "../types.js";

export type CaseStatus = "open" | "release-proposed" | "released" | "rejected" | "aborted";

export type CaseProblemCode =
  | "case-not-found" | "case-already-decided" | "release-not-proposed" | "release-already-proposed"
  | "approver-must-differ-from-proposer" | "approver-related-to-proposer" | "role-forbidden"
  | "note-required" | "case-conflict" | "message-not-held";

export interface CaseRecord {
  readonly id: string;
  readonly messageId: MessageId;
  readonly sender: Bic;
  readonly receiver: Bic;
  readonly format: MessageFormatOrSystem;
  readonly type: string;
  readonly reference: string;
  readonly uetr: string | undefined;
  readonly status: CaseStatus;
  /** Why it was opened: screening at intake, or a list update re-screening queued traffic. */
  readonly openedBy: "intake" | "list-update";
  readonly openedAt: number;
  readonly hits: readonly CaseHit[];
  readonly proposedBy: string | undefined;
  readonly proposedAt: number | undefined;
  readonly decidedBy: string | undefined;
  readonly decidedAt: number | undefined;
  readonly notes: readonly { readonly by: string; readonly at: number; readonly text: string }[];
  readonly version: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export interface Officer {
  readonly name: string;
  readonly role: "operator" | "compliance" | "auditor";
}

type CaseResult = Result<CaseRecord, CaseProblemCode>;

const decided = (status: CaseStatus): boolean =>
  status === "released" || status === "rejected" || status === "aborted";

function mayDecide(record: CaseRecord, officer: Officer, action: string): CaseResult | undefined {
  if (officer.role !== "compliance") {
    return fail("role-forbidden", "account", `Cannot ${action} case "${record.id}": ` +
      `"${officer.name}" is ${officer.role}, not a compliance officer`);
  }
  if (decided(record.status)) {
    return fail("case-already-decided", "case", `Cannot ${action} case "${record.id}": ` +
      `it is ${record.status}`);
  }
  return undefined;
}

function step(record: CaseRecord, input: { officer: Officer; at: number; note?: string }) {
  const { officer, at, note } = input;
  assert(at >= record.openedAt, "a decision comes after the case opened");
  const notes = note === undefined || note.trim() === "" ? record.notes
    : [...record.notes, { by: officer.name, at, text: note.trim().slice(0, 1_000) }];
  return { notes, version: record.version + 1, updatedAt: at, updatedBy: officer.name };
}

/** The first of the four eyes: one officer proposes to release the message. */
export function proposeRelease(record: CaseRecord, input: { officer: Officer; at: number;
  note?: string }): CaseResult {
  const refused = mayDecide(record, input.officer, "propose release of");
  if (refused !== undefined) return refused;
  if (record.status === "release-proposed") {
    return fail("release-already-proposed", "case", `Cannot propose release of case ` +
      `"${record.id}": "${record.proposedBy ?? ""}" already proposed it`);
  }
  return ok({ ...record, ...step(record, input),
    status: "release-proposed", proposedBy: input.officer.name, proposedAt: input.at });
}

/**
 * The second of the four eyes: another officer approves the proposed release, one outside the
 * proposer's reach (neither created by the other nor both by one account: relatedAccounts).
 * `lineages.proposer` is the lineage of the case's proposer, when it has one.
 */
export function approveRelease(record: CaseRecord, input: { officer: Officer; at: number;
  note?: string; lineages: { proposer: AccountLineage | undefined; approver: AccountLineage } }):
  CaseResult {
  const refused = mayDecide(record, input.officer, "release");
  if (refused !== undefined) return refused;
  if (record.status !== "release-proposed") {
    return fail("release-not-proposed", "case", `Cannot release case "${record.id}": ` +
      "no officer has proposed its release yet");
  }
  if (record.proposedBy === input.officer.name) {
    return fail("approver-must-differ-from-proposer", "account", `Cannot release case ` +
      `"${record.id}": approver "${input.officer.name}" proposed it; another officer must approve`);
  }
  const { proposer, approver } = input.lineages;
  assert(proposer !== undefined && proposer.name === record.proposedBy,
    "the proposer's lineage is the proposer's");
  assert(approver.name === input.officer.name, "the approver's lineage is the officer's");
  if (relatedAccounts(approver, proposer)) {
    return fail("approver-related-to-proposer", "account", `Cannot release case "${record.id}": ` +
      `approver "${approver.name}" is related to the proposer "${proposer.name}": one created ` +
      "the other, or both descend from one account");
  }
  const released: CaseRecord = { ...record, ...step(record, input),
    status: "released", decidedBy: input.officer.name, decidedAt: input.at };
  assert(released.proposedBy !== released.decidedBy, "a release has two distinct officers");
  return ok(released);
}

/** Rejection: the message is never delivered and its sender is told; needs a reason. */
export function rejectCase(record: CaseRecord, input: { officer: Officer; at: number;
  note?: string }): CaseResult {
  const refused = mayDecide(record, input.officer, "reject");
  if (refused !== undefined) return refused;
  if (input.note === undefined || input.note.trim() === "") {
    return fail("note-required", "note", `Cannot reject case "${record.id}": give a reason`);
  }
  return ok({ ...record, ...step(record, input),
    status: "rejected", decidedBy: input.officer.name, decidedAt: input.at });
}

/** New hits from a list update on a case still open: added, never removed. */
export function addHits(record: CaseRecord, hits: readonly CaseHit[], at: number): CaseRecord {
  const known = new Set(record.hits.map((hit) => `${hit.list}\u0000${hit.entityId}`));
  const fresh = hits.filter((hit) => !known.has(`${hit.list}\u0000${hit.entityId}`));
  if (fresh.length === 0) return record;
  // New evidence voids a pending proposal: both officers must see every hit they release.
  return { ...record, hits: [...record.hits, ...fresh], version: record.version + 1,
    updatedAt: at, updatedBy: "CORRIDOR",
    ...(record.status === "release-proposed"
      ? { status: "open" as const, proposedBy: undefined, proposedAt: undefined } : {}) };
}

/** The case of a message held at intake, as every store writes it in the commit transaction. */
export function caseOfHeldSubmission(item: Submission): CaseRecord {
  assert(item.hold !== undefined, "a held submission carries its case");
  assert(item.initialStatus === "held", "only a held submission opens a case");
  return {
    id: item.hold.caseId, messageId: item.id, sender: item.sender, receiver: item.receiver,
    format: item.format, type: item.type, reference: item.reference, uetr: item.uetr,
    status: "open", openedBy: "intake", openedAt: item.createdAt, hits: item.hold.hits,
    proposedBy: undefined, proposedAt: undefined, decidedBy: undefined, decidedAt: undefined,
    notes: [], version: 1, updatedAt: item.createdAt, updatedBy: "CORRIDOR",
  };
}
