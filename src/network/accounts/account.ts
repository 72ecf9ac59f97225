// Accounts and the decisions on them. Granting a role that takes part in a four-eyes decision
// (operator, compliance) is itself maker-checker: one operator proposes, another outside the
// proposer's reach approves. The hub creates accounts alone. Pure: the service loads and writes.
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import { accountLineageDepthMax } from "../../limits.js";
import type { AccountRecord, AccountRole } from "./account-store.js";
import { hubCreator, lineageUnder, relatedAccounts } from "./lineage.js";
import type { AccountLineage } from "./lineage.js";

export type AccountProblemCode =
  | "account-invalid" | "account-exists" | "account-not-found" | "account-not-proposed"
  | "account-change-pending" | "account-lineage-too-deep" | "account-conflict" | "role-forbidden"
  | "approver-must-differ-from-maker" | "approver-related-to-maker"
  | "approver-related-to-subject";

export interface AccountDraft {
  readonly name: string;
  readonly role: AccountRole;
}

/**
 * created: usable at once (an auditor, or the hub's own); proposed: waits for a checker;
 * activated: a proposed account approved; promoted: a role change approved.
 */
export type AccountStage = "created" | "proposed" | "activated" | "promoted";

export interface AccountChange {
  readonly record: AccountRecord;
  readonly stage: AccountStage;
}

type ChangeResult = Result<AccountChange, AccountProblemCode>;

const namePattern = /^[a-z][a-z0-9._-]{1,39}$/;
const roles: readonly AccountRole[] = ["operator", "compliance", "auditor"];

/**
 * Roles that take part in a four-eyes decision need a checker. An auditor only reads: it
 * proposes, approves and decides nothing, so one operator may grant it (docs/compliance.md).
 */
export function needsChecker(role: AccountRole): boolean {
  return role !== "auditor";
}

/** Checks a request to add an account (from JSON). */
export function checkAccountDraft(input: Record<string, unknown>):
  Result<AccountDraft, AccountProblemCode> {
  const name = typeof input.name === "string" ? input.name : "";
  const role = roles.find((known) => known === input.role);
  if (!namePattern.test(name) || role === undefined) {
    return fail("account-invalid", "body", "Cannot add account: name is 2-40 of a-z 0-9 . _ -, " +
      "role operator|compliance|auditor");
  }
  // Names are lower case, so no account can take the hub's name.
  assert(name !== hubCreator, "an account name is never the hub's");
  return ok({ name, role });
}

/** Broken invariants of a stored account: checked before every write and after every read. */
export function assertAccountRecord(record: AccountRecord): void {
  assert(record.lineage.length >= 1, "an account has a creator");
  assert(record.lineage.length <= accountLineageDepthMax, "a lineage is bounded");
  assert(record.lineage[0] === record.createdBy, "a lineage starts with the creator");
  assert(!record.lineage.includes(record.name), "an account is not its own creator");
  if (record.status === "pending") {
    assert(record.tokenHash === undefined, "a pending account has no token");
    assert(record.passwordHash === undefined, "a pending account has no password");
    assert(record.proposal !== undefined, "a pending account has a proposal");
  }
}

/** The maker's step: a new account (pending unless an auditor), or a role change proposed. */
export function proposeAccount(draft: AccountDraft, input: { proposer: AccountRecord;
  existing: AccountRecord | undefined; at: number; tokenHash: string }): ChangeResult {
  const { proposer, existing, at } = input;
  if (proposer.role !== "operator" || proposer.status !== "active") {
    return fail("role-forbidden", "account", `Cannot propose account "${draft.name}": ` +
      `"${proposer.name}" is ${proposer.role}, not an operator`);
  }
  if (existing !== undefined) return proposeRoleChange(draft, { proposer, existing, at });
  if (proposer.lineage.length + 1 > accountLineageDepthMax) {
    return fail("account-lineage-too-deep", "account", `Cannot propose account ` +
      `"${draft.name}": "${proposer.name}" is ${proposer.lineage.length} creations from the ` +
      `hub; accounts at most ${accountLineageDepthMax} deep can be told apart`);
  }
  const base = { name: draft.name, role: draft.role, passwordHash: undefined, createdAt: at,
    createdBy: proposer.name, lineage: lineageUnder(proposer), approvedBy: undefined,
    version: 1 };
  const record: AccountRecord = needsChecker(draft.role)
    ? { ...base, status: "pending", tokenHash: undefined,
      proposal: { role: draft.role, by: proposer.name, at } }
    : { ...base, status: "active", tokenHash: input.tokenHash, proposal: undefined };
  assertAccountRecord(record);
  return ok({ record, stage: record.status === "pending" ? "proposed" : "created" });
}

function proposeRoleChange(draft: AccountDraft, input: { proposer: AccountRecord;
  existing: AccountRecord; at: number }): ChangeResult {
  const { proposer, existing, at } = input;
  if (existing.proposal !== undefined) {
    return fail("account-change-pending", "name", `Cannot propose account "${draft.name}": ` +
      `"${existing.proposal.by}" proposed it as ${existing.proposal.role}, not yet approved`);
  }
  if (existing.role === draft.role) {
    return fail("account-exists", "name", `Cannot add account "${draft.name}": it exists`);
  }
  // Every role change waits for a checker: a demotion may remove the only independent checker.
  const record: AccountRecord = { ...existing, proposal: { role: draft.role,
    by: proposer.name, at }, version: existing.version + 1 };
  assertAccountRecord(record);
  return ok({ record, stage: "proposed" });
}

/**
 * The checker's step: an active operator who is neither the maker nor within the maker's or
 * the account's reach (relatedAccounts) approves; a proposed account gets its token now.
 */
export function approveAccount(record: AccountRecord, input: { approver: AccountRecord;
  maker: AccountLineage | undefined; at: number; tokenHash: string }): ChangeResult {
  const { approver, maker } = input;
  const refuse = (code: AccountProblemCode, why: string) =>
    fail(code, "account", `Cannot approve account "${record.name}": ${why}`);
  if (approver.role !== "operator" || approver.status !== "active") {
    return refuse("role-forbidden", `"${approver.name}" is ${approver.role}, not an operator`);
  }
  const proposal = record.proposal;
  if (proposal === undefined) return refuse("account-not-proposed", "no change awaits approval");
  assert(maker !== undefined && maker.name === proposal.by, "the maker is the proposer");
  if (approver.name === proposal.by) {
    return refuse("approver-must-differ-from-maker", `"${approver.name}" proposed it; another ` +
      "operator must approve");
  }
  if (relatedAccounts(approver, maker)) {
    return refuse("approver-related-to-maker", `"${approver.name}" is related to the ` +
      `proposer "${maker.name}": one created the other, or both descend from one account`);
  }
  if (relatedAccounts(approver, record)) {
    return refuse("approver-related-to-subject", `"${approver.name}" is the account or is ` +
      "related to it: one created the other, or both descend from one account");
  }
  const activating = record.status === "pending";
  const next: AccountRecord = { ...record, role: proposal.role, status: "active",
    proposal: undefined, approvedBy: approver.name, version: record.version + 1,
    tokenHash: activating ? input.tokenHash : record.tokenHash };
  assert(next.approvedBy !== proposal.by, "maker and checker differ");
  assertAccountRecord(next);
  return ok({ record: next, stage: activating ? "activated" : "promoted" });
}

/** The hub's own creation (its data directory's holder): active at once, created by the hub. */
export function createHubAccount(draft: AccountDraft, input: { existing: AccountRecord | undefined;
  at: number; tokenHash: string }): ChangeResult {
  if (input.existing !== undefined) {
    return fail("account-exists", "name", `Cannot add account "${draft.name}": it exists`);
  }
  const record: AccountRecord = { name: draft.name, role: draft.role, status: "active",
    tokenHash: input.tokenHash, passwordHash: undefined, createdAt: input.at,
    createdBy: hubCreator, lineage: [hubCreator], approvedBy: undefined, proposal: undefined,
    version: 1 };
  assertAccountRecord(record);
  return ok({ record, stage: "created" });
}
