// Accounts at work: an operator proposes an account or a role change, a second operator outside
// the proposer's reach approves it and the new account's token is issued then, once. The hub's
// own creation (from its data directory) is a separate entry point that no route reaches.
import { assert, fail, ok } from "../../lib/index.js";
import type { Problem, Result } from "../../lib/index.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../ports.js";
import {
  approveAccount, assertAccountRecord, checkAccountDraft, createHubAccount, proposeAccount,
} from "./account.js";
import type { AccountChange, AccountProblemCode, AccountStage } from "./account.js";
import type { AccountRecord, AccountStore } from "./account-store.js";
import { accountLineages, hubCreator } from "./lineage.js";

/** New API tokens: the secret, shown once, and the hash the store keeps. */
export interface TokenIssuer {
  issue(): { readonly token: string; readonly tokenHash: string };
}

export interface AccountDeps {
  readonly accounts: AccountStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tokens: TokenIssuer;
}

export interface AccountOutcome {
  readonly record: AccountRecord;
  readonly stage: AccountStage;
  /** The new API token, only when the account has just become usable. */
  readonly token: string | undefined;
}

type Actor = { readonly name: string; readonly role: string };
type OutcomeResult = Result<AccountOutcome, AccountProblemCode>;

export interface AccountService {
  propose(input: Record<string, unknown>, proposer: Actor): Promise<OutcomeResult>;
  approve(name: string, approver: Actor): Promise<OutcomeResult>;
  list(): Promise<readonly AccountRecord[]>;
}

export function createAccountService(deps: AccountDeps): AccountService {
  const lineages = accountLineages(deps.accounts);
  const actorRecord = async (actor: Actor): Promise<AccountRecord> => {
    const record = await deps.accounts.findAccount({ name: actor.name });
    // Routes pass only authenticated accounts, and accounts are never deleted.
    assert(record !== undefined, "an authenticated account exists");
    return record;
  };
  return {
    propose: async (input, actor) => {
      const draft = checkAccountDraft(input);
      if (!draft.ok) return refuse(deps, actor.name, { subject: "account", result: draft });
      const proposer = await actorRecord(actor);
      const existing = await deps.accounts.findAccount({ name: draft.value.name });
      const issued = deps.tokens.issue();
      const change = proposeAccount(draft.value, { proposer, existing,
        at: deps.clock.now(), tokenHash: issued.tokenHash });
      if (!change.ok) {
        return refuse(deps, actor.name, { subject: draft.value.name, result: change });
      }
      return write(deps, { actor: actor.name, change: change.value, token: issued.token,
        fromVersion: existing?.version });
    },
    approve: async (name, actor) => {
      const record = await deps.accounts.findAccount({ name });
      if (record === undefined) {
        return refuse(deps, actor.name, { subject: name,
          result: fail("account-not-found", "name", `Cannot find account "${name}"`) });
      }
      const approver = await actorRecord(actor);
      const maker = record.proposal === undefined ? undefined
        : await lineages.lineageOf(record.proposal.by);
      const issued = deps.tokens.issue();
      const change = approveAccount(record, { approver, maker, at: deps.clock.now(),
        tokenHash: issued.tokenHash });
      if (!change.ok) return refuse(deps, actor.name, { subject: name, result: change });
      return write(deps, { actor: actor.name, change: change.value, token: issued.token,
        fromVersion: record.version });
    },
    list: () => deps.accounts.listAccounts(),
  };
}

/**
 * The hub's own creation, for whoever holds its data directory (or its store): active at once,
 * created by "CORRIDOR", audited with the hub as the actor. Over the API, maker-checker applies.
 */
export async function addHubAccount(deps: AccountDeps, input: Record<string, unknown>):
  Promise<OutcomeResult> {
  const draft = checkAccountDraft(input);
  if (!draft.ok) return refuse(deps, hubCreator, { subject: "account", result: draft });
  const existing = await deps.accounts.findAccount({ name: draft.value.name });
  const issued = deps.tokens.issue();
  const change = createHubAccount(draft.value, { existing, at: deps.clock.now(),
    tokenHash: issued.tokenHash });
  if (!change.ok) return refuse(deps, hubCreator, { subject: draft.value.name, result: change });
  return write(deps, { actor: hubCreator, change: change.value, token: issued.token,
    fromVersion: undefined });
}

/** Stores a decided change, audits it, and hands out the token when the account became usable. */
async function write(deps: AccountDeps, input: { actor: string; change: AccountChange;
  token: string; fromVersion: number | undefined }): Promise<OutcomeResult> {
  const { actor, change, fromVersion } = input;
  const { record, stage } = change;
  assertAccountRecord(record);
  const stored = fromVersion === undefined ? await deps.accounts.insertAccount(record)
    : await deps.accounts.updateAccount(record, fromVersion);
  if (!stored) {
    const code = fromVersion === undefined ? "account-exists" : "account-conflict";
    return refuse(deps, actor, { subject: record.name, result: fail(code, "name",
      `Cannot change account "${record.name}": ` +
        (fromVersion === undefined ? "it exists" : "another operator changed it; retry")) });
  }
  await deps.audit.append([{ at: deps.clock.now(), kind: "account", actor,
    subject: record.name, detail: JSON.stringify({ stage, role: record.role,
      status: record.status, createdBy: record.createdBy, lineage: record.lineage,
      ...(record.proposal === undefined ? {} : { proposedRole: record.proposal.role }) }) }]);
  const usable = stage === "created" || stage === "activated";
  assert(!usable || record.tokenHash !== undefined, "a usable new account has a token");
  return ok({ record, stage, token: usable ? input.token : undefined });
}

/** Every refusal is appended to the audit chain, like the other four-eyes refusals. */
async function refuse(deps: AccountDeps, actor: string, refusal: { subject: string;
  result: { readonly ok: false; readonly problems: readonly Problem<AccountProblemCode>[] } }):
  Promise<OutcomeResult> {
  const problem = refusal.result.problems[0];
  assert(problem !== undefined, "a refusal has a problem");
  await deps.audit.append([{ at: deps.clock.now(), kind: "refusal", actor,
    subject: refusal.subject, detail: JSON.stringify({ code: problem.code,
      message: problem.message }) }]);
  return refusal.result;
}
