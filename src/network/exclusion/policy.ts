// Exclusion policies: named institutions (BIC8s), optionally their majority-owned subsidiaries
// through the directory's parent links, and/or whole countries; carve-outs; a direction; an
// effective time; a legal reference. Pure: checking a draft, maker-checker, who is covered.
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import { ownershipDepthMax, policyEntriesMax } from "../../limits.js";
import { isBic } from "../../standards/index.js";
import { relatedAccounts } from "../accounts/lineage.js";
import type { AccountLineage } from "../accounts/lineage.js";
import type { Participant } from "../types.js";

export type PolicyDirection = "send" | "receive" | "both";
export type PolicyAction = "exclude" | "lift";
export type PolicyStatus = "proposed" | "approved" | "applied" | "lifted";

export interface PolicyDraft {
  readonly action: PolicyAction;
  /** The legal act, e.g. "Council Regulation (EU) 2022/345, Art. 5h". */
  readonly reference: string;
  readonly institutions: readonly string[];
  readonly includeSubsidiaries: boolean;
  /** Subsidiaries only in these countries (ISO 3166 alpha-2); empty means any country. */
  readonly subsidiaryCountries: readonly string[];
  readonly countries: readonly string[];
  /** BIC8s this policy never excludes, whatever else it names. */
  readonly carveOuts: readonly string[];
  readonly direction: PolicyDirection;
  readonly effectiveAt: number;
  /** Undelivered messages to or from the excluded: aborted with notice (default) or kept. */
  readonly queued: "abort" | "keep";
  /** For a lift: the id of the applied exclusion it ends. */
  readonly lifts: string | undefined;
}

export interface PolicyRecord extends PolicyDraft {
  readonly id: string;
  readonly status: PolicyStatus;
  readonly proposedBy: string;
  readonly proposedAt: number;
  readonly approvedBy: string | undefined;
  readonly approvedAt: number | undefined;
  readonly appliedAt: number | undefined;
  /** BICs excluded when it applied, and messages it aborted (or kept). */
  readonly outcome: { readonly excluded: readonly string[]; readonly aborted: number;
    readonly kept: number; readonly reinstated?: readonly string[] } | undefined;
  /** The lift that ended it, once lifted. */
  readonly liftedBy: string | undefined;
  readonly version: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export type PolicyProblemCode =
  | "policy-invalid" | "policy-not-found" | "policy-not-proposed" | "role-forbidden"
  | "approver-must-differ-from-maker" | "approver-related-to-maker" | "lift-target-invalid"
  | "policy-conflict";

type Account = { readonly name: string; readonly role: string };

const bic8Pattern = /^[A-Z]{6}[A-Z0-9]{2}$/;
const countryPattern = /^[A-Z]{2}$/;

function listOf(value: unknown, pattern: RegExp, field: string):
  Result<string[], PolicyProblemCode> {
  const values = value === undefined ? [] : value;
  if (!Array.isArray(values) || values.length > policyEntriesMax ||
    !values.every((entry) => typeof entry === "string" && pattern.test(entry))) {
    return fail("policy-invalid", field, `Cannot accept policy: ${field} must be a list of at ` +
      `most ${policyEntriesMax} ${pattern === countryPattern ? "country codes" : "BIC8s"}`);
  }
  return ok([...new Set(values as string[])].sort());
}

/** Checks an operator's draft (from JSON); every list is deduplicated and sorted. */
export function checkPolicyDraft(input: Record<string, unknown>): Result<PolicyDraft,
  PolicyProblemCode> {
  const action = input.action ?? "exclude";
  const direction = input.direction ?? "both";
  const queued = input.queued ?? "abort";
  const reference = typeof input.reference === "string" ? input.reference.trim() : "";
  if (action !== "exclude" && action !== "lift") {
    return fail("policy-invalid", "action", "Cannot accept policy: action is exclude or lift");
  }
  if (reference.length < 3 || reference.length > 200) {
    return fail("policy-invalid", "reference",
      "Cannot accept policy: a legal reference of 3 to 200 characters is required");
  }
  if (direction !== "send" && direction !== "receive" && direction !== "both") {
    return fail("policy-invalid", "direction", "Cannot accept policy: direction is send, " +
      "receive or both");
  }
  if (queued !== "abort" && queued !== "keep") {
    return fail("policy-invalid", "queued", "Cannot accept policy: queued is abort or keep");
  }
  if (typeof input.effectiveAt !== "number" || !Number.isSafeInteger(input.effectiveAt)) {
    return fail("policy-invalid", "effectiveAt", "Cannot accept policy: effectiveAt is a time");
  }
  const lists = {
    institutions: listOf(input.institutions, bic8Pattern, "institutions"),
    countries: listOf(input.countries, countryPattern, "countries"),
    carveOuts: listOf(input.carveOuts, bic8Pattern, "carveOuts"),
    subsidiaryCountries: listOf(input.subsidiaryCountries, countryPattern, "subsidiaryCountries"),
  };
  for (const checked of Object.values(lists)) if (!checked.ok) return checked;
  const value = (r: Result<string[], PolicyProblemCode>): string[] => (r.ok ? r.value : []);
  const lifts = typeof input.lifts === "string" ? input.lifts : undefined;
  if ((action === "lift") !== (lifts !== undefined)) {
    return fail("policy-invalid", "lifts", "Cannot accept policy: a lift names the policy it " +
      "lifts (lifts), and only a lift does");
  }
  if (action === "exclude" && value(lists.institutions).length + value(lists.countries).length
    === 0) {
    return fail("policy-invalid", "institutions",
      "Cannot accept policy: name at least one institution or country");
  }
  return ok({
    action, reference, direction, queued, effectiveAt: input.effectiveAt, lifts,
    institutions: value(lists.institutions), countries: value(lists.countries),
    carveOuts: value(lists.carveOuts), subsidiaryCountries: value(lists.subsidiaryCountries),
    includeSubsidiaries: input.includeSubsidiaries === true,
  });
}

/**
 * Maker-checker: an operator other than the proposer, and outside the proposer's reach (neither
 * created by the other nor both by one account: relatedAccounts), approves a proposed policy.
 */
export function approvePolicy(record: PolicyRecord, input: { account: Account; at: number;
  lineages: { maker: AccountLineage; approver: AccountLineage } }):
  Result<PolicyRecord, PolicyProblemCode> {
  const { maker, approver } = input.lineages;
  assert(maker.name === record.proposedBy, "the maker's lineage is the proposer's");
  assert(approver.name === input.account.name, "the approver's lineage is the account's");
  if (input.account.role !== "operator") {
    return fail("role-forbidden", "account", `Cannot approve policy "${record.id}": ` +
      `"${input.account.name}" is ${input.account.role}, not an operator`);
  }
  if (record.status !== "proposed") {
    return fail("policy-not-proposed", "policy", `Cannot approve policy "${record.id}": ` +
      `it is ${record.status}`);
  }
  if (record.proposedBy === input.account.name) {
    return fail("approver-must-differ-from-maker", "account", `Cannot approve policy ` +
      `"${record.id}": "${input.account.name}" proposed it; another operator must approve`);
  }
  if (relatedAccounts(approver, maker)) {
    return fail("approver-related-to-maker", "account", `Cannot approve policy "${record.id}": ` +
      `"${approver.name}" is related to the proposer "${maker.name}": one created the other, ` +
      "or both descend from one account");
  }
  const approved: PolicyRecord = { ...record, status: "approved", approvedBy: input.account.name,
    approvedAt: input.at, version: record.version + 1, updatedAt: input.at,
    updatedBy: input.account.name };
  assert(approved.approvedBy !== approved.proposedBy, "maker and checker differ");
  return ok(approved);
}

/** The BIC8s a participant belongs to through parent links, itself first (bounded chain). */
export function ownershipChain(
  participant: Participant,
  byBic8: ReadonlyMap<string, Participant>,
): string[] {
  const chain = [participant.bic.slice(0, 8)];
  let parent = participant.parent;
  for (let depth = 0; depth < ownershipDepthMax && parent !== undefined; depth += 1) {
    if (chain.includes(parent)) break;
    chain.push(parent);
    parent = byBic8.get(parent)?.parent;
  }
  return chain;
}

/** Does this exclusion policy cover the participant? Carve-outs always win. */
export function covers(
  policy: PolicyDraft,
  participant: Participant,
  byBic8: ReadonlyMap<string, Participant>,
): boolean {
  assert(policy.action === "exclude", "only an exclusion covers participants");
  const own = participant.bic.slice(0, 8);
  if (policy.carveOuts.includes(own)) return false;
  if (policy.institutions.includes(own)) return true;
  if (policy.countries.includes(own.slice(4, 6))) return true;
  if (!policy.includeSubsidiaries) return false;
  const country = own.slice(4, 6);
  if (policy.subsidiaryCountries.length > 0 && !policy.subsidiaryCountries.includes(country)) {
    return false;
  }
  return ownershipChain(participant, byBic8).slice(1)
    .some((ancestor) => policy.institutions.includes(ancestor));
}

/** Participants keyed by BIC8 (head office first) for parent-link lookups. */
export function indexByBic8(participants: readonly Participant[]): Map<string, Participant> {
  const byBic8 = new Map<string, Participant>();
  for (const participant of participants) {
    const key = participant.bic.slice(0, 8);
    if (!byBic8.has(key) || participant.bic.endsWith("XXX")) byBic8.set(key, participant);
  }
  return byBic8;
}

/** The exclusions in force: applied exclusion policies that no applied lift has ended. */
export function exclusionsInForce(policies: readonly PolicyRecord[]): PolicyRecord[] {
  return policies.filter((policy) => policy.action === "exclude" && policy.status === "applied");
}

export function blocksSending(direction: PolicyDirection): boolean {
  return direction === "send" || direction === "both";
}

export function blocksReceiving(direction: PolicyDirection): boolean {
  return direction === "receive" || direction === "both";
}

export function isBic8(text: string): boolean {
  return text.length === 8 && isBic(text);
}
