// `corridor case|policy|audit|account`: compliance, exclusion-policy, audit and account commands
// against the running hub's API. --as-account FILE acts as another officer (a token file written
// by `corridor account add|approve`); `audit verify` and the account bootstrap use the store.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Result } from "../../lib/index.js";
import type {
  AccountOutcome, AccountProblemCode, AuditVerdict,
} from "../../network/index.js";
import { exitNegative, failUsage, printJsonLine } from "./exit.js";
import { isRequestFailure, isSystemError, reasonOf } from "./failures.js";
import type { OperatorContext, OperatorResolver } from "./hub-options.js";
import { hubJson } from "./participant-command.js";

export interface ControlsCommandDeps {
  readonly resolveOperator: OperatorResolver;
  readonly verifyAudit: (dataDir: string) => Promise<AuditVerdict>;
  /** Writes a secret (0600) file. */
  readonly writeSecret: (path: string, content: string) => void;
  /** The data dir's bootstrap: creates an account in the hub's store as the hub itself. */
  readonly addAccountInDataDir: (options: { data: string; store?: string; name: string;
    role: string }) => Promise<Result<AccountOutcome, AccountProblemCode>>;
}

interface HubOptions { data: string; hub?: string; asAccount?: string }

function contextOf(deps: ControlsCommandDeps, options: HubOptions): OperatorContext {
  const base = deps.resolveOperator(options);
  if (options.asAccount === undefined) return base;
  return { hubUrl: base.hubUrl, token: readTokenFile(options.asAccount) };
}

/** The token of an account file written by `corridor account add`. */
function readTokenFile(path: string): string {
  const refuse = (reason: string): never =>
    failUsage(`Cannot read account token file "${path}": ${reason}`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (isSystemError(error)) return refuse(reasonOf(error));
    throw error;
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return refuse("not JSON");
    throw error;
  }
  const token = typeof file === "object" && file !== null
    ? (file as { token?: unknown }).token : undefined;
  return typeof token === "string" ? token : refuse("no token in it");
}

function call(context: OperatorContext, method: string, path: string) {
  return request(context, { method, path, print: true });
}

async function request(
  context: OperatorContext,
  options: { method: string; path: string; body?: unknown; print: boolean },
) {
  const { method, path, body } = options;
  const init: RequestInit = { method, headers: {
    authorization: `Bearer ${context.token}`, "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  let response: Response;
  try {
    response = await fetch(context.hubUrl + path, init);
  } catch (error) {
    if (!isRequestFailure(error)) throw error;
    return failUsage(`Cannot reach the hub at ${context.hubUrl} (${reasonOf(error)}): ` +
      "is `corridor serve` running?");
  }
  const json = await hubJson(response, context.hubUrl);
  if (options.print || response.status >= 400) printJsonLine(json);
  if (response.status >= 400) process.exitCode = exitNegative;
  return json;
}

function hubOptions(command: Command): Command {
  return command
    .option("--data <dir>", "the hub's data dir (hub URL, operator credentials)", "./corridor-data")
    .option("--hub <url>", "hub URL (default: from the data dir)")
    .option("--as-account <file>", "act as this account (token file from `account add`)");
}

export function registerControlsCommands(program: Command, deps: ControlsCommandDeps): void {
  const cases = program.command("case").description("Compliance cases: held messages and hits");
  hubOptions(cases.command("list").description("List cases (--status open,release-proposed,...)")
    .option("--status <list>", "comma-separated case statuses"))
    .action(async (o: HubOptions & { status?: string }) => {
      await call(contextOf(deps, o), "GET", `/v1/cases${o.status === undefined ? ""
        : `?status=${encodeURIComponent(o.status)}`}`);
    });
  hubOptions(cases.command("show <id>").description("Show a case with every hit explained"))
    .action(async (id: string, o: HubOptions) => {
      await call(contextOf(deps, o), "GET", `/v1/cases/${encodeURIComponent(id)}`);
    });
  for (const action of ["release", "reject"] as const) {
    hubOptions(cases.command(`${action} <id>`).description(action === "release"
      ? "Propose release (first officer) or approve it (a second, different officer)"
      : "Reject: never delivered, the sender gets an MT 199 or pacs.002 RJCT")
      .option("--note <text>", "the reason (required to reject)"))
      .action(async (id: string, o: HubOptions & { note?: string }) => {
        await request(contextOf(deps, o), { method: "POST", print: true,
          path: `/v1/cases/${encodeURIComponent(id)}/${action}`,
          body: o.note === undefined ? {} : { note: o.note } });
      });
  }
  registerPolicyCommands(program, deps);
  program.command("audit").description("The tamper-evident audit chain")
    .command("verify").description("Recompute the chain; names the first entry that does not match")
    .option("--data <dir>", "the hub's data dir", "./corridor-data")
    .action(async (o: { data: string }) => {
      const verdict = await deps.verifyAudit(o.data);
      printJsonLine(verdict);
      if (!verdict.ok) process.exitCode = exitNegative;
    });
  registerAccountCommands(program, deps);
}

/** Writes an account's token file (0600) and names it; the token is never printed. */
function saveToken(deps: ControlsCommandDeps, file: { path: string; account: string;
  role: string; token: string }): string {
  deps.writeSecret(file.path, `${JSON.stringify({ account: file.account, role: file.role,
    token: file.token }, null, 2)}\n`);
  return file.path;
}

type AccountAddOptions = HubOptions & { name: string; role: string; out?: string; store?: string };

/**
 * `corridor account add|approve|list`. With --as-account, `add` proposes over the API (an
 * operator or compliance account then waits for another operator's `approve`); without it,
 * `add` is the data dir's bootstrap: the account is created in the hub's store as the hub.
 */
function registerAccountCommands(program: Command, deps: ControlsCommandDeps): void {
  const account = program.command("account")
    .description("Console and API accounts: proposed by one operator, approved by another");
  hubOptions(account.command("add").description("Propose an account (--as-account), or create " +
    "it in the hub's store as the hub (--data, no --as-account); a token goes to a 0600 file")
    .requiredOption("--name <name>", "account name (a person)")
    .requiredOption("--role <role>", "operator | compliance | auditor")
    .option("--store <url>", "bootstrap only: the hub's store, when not DATA/corridor.db " +
      "(env CORRIDOR_STORE)")
    .option("--out <file>", "token file (default: DATA/accounts/NAME.json)"))
    .action(async (o: AccountAddOptions) => {
      const out = o.out ?? `${o.data}/accounts/${o.name}.json`;
      if (o.asAccount !== undefined) {
        await proposeOverApi(deps, o, out);
        return;
      }
      const created = await deps.addAccountInDataDir({ data: o.data, name: o.name, role: o.role,
        ...(o.store === undefined ? {} : { store: o.store }) });
      if (!created.ok) {
        printJsonLine({ error: created.problems[0] });
        process.exitCode = exitNegative;
        return;
      }
      const { record, stage, token } = created.value;
      printJsonLine({ stage, account: { name: record.name, role: record.role,
        status: record.status, createdBy: record.createdBy, lineage: record.lineage },
      ...(token === undefined ? {} : { tokenFile: saveToken(deps,
        { path: out, account: record.name, role: record.role, token }) }) });
    });
  hubOptions(account.command("approve <name>").description("Approve a proposed account or " +
    "role change (an operator other than the proposer and outside its lineage)")
    .option("--out <file>", "token file of a new account (default: DATA/accounts/NAME.json)"))
    .action(async (name: string, o: HubOptions & { out?: string }) => {
      const json = await request(contextOf(deps, o), { method: "POST", print: false,
        path: `/v1/accounts/${encodeURIComponent(name)}/approve` });
      printAccountAnswer(deps, json, o.out ?? `${o.data}/accounts/${name}.json`);
    });
  hubOptions(account.command("list").description("Accounts with status, role and lineage"))
    .action(async (o: HubOptions) => { await call(contextOf(deps, o), "GET", "/v1/accounts"); });
}

async function proposeOverApi(deps: ControlsCommandDeps, o: AccountAddOptions, out: string) {
  const json = await request(contextOf(deps, o), { method: "POST", path: "/v1/accounts",
    body: { name: o.name, role: o.role }, print: false });
  printAccountAnswer(deps, json, out);
}

/** Prints the hub's answer about an account; a token in it goes to the file, not the screen. */
function printAccountAnswer(deps: ControlsCommandDeps, json: Record<string, unknown>,
  out: string): void {
  if (json.error !== undefined) return;
  const view = (json.account ?? {}) as { name?: unknown; role?: unknown };
  const name = String(view.name);
  const role = String(view.role);
  const { token, ...rest } = json;
  printJsonLine({ ...rest, ...(typeof token === "string"
    ? { tokenFile: saveToken(deps, { path: out, account: name, role, token }) } : {}) });
}

function registerPolicyCommands(program: Command, deps: ControlsCommandDeps): void {
  const policy = program.command("policy").description("Exclusion policies (maker-checker)");
  hubOptions(policy.command("list").description("List policies"))
    .action(async (o: HubOptions) => { await call(contextOf(deps, o), "GET", "/v1/policies"); });
  hubOptions(policy.command("propose").description("Propose an exclusion (or a lift)")
    .requiredOption("--reference <text>", "legal reference, e.g. \"Regulation (EU) 2022/345\"")
    .requiredOption("--effective <iso>", "effective time, ISO 8601")
    .option("--institutions <bic8s>", "comma-separated BIC8s")
    .option("--subsidiaries [countries]", "include majority-owned subsidiaries (in countries)")
    .option("--countries <codes>", "comma-separated ISO country codes")
    .option("--carve-outs <bic8s>", "BIC8s never excluded by this policy")
    .option("--direction <d>", "send | receive | both", "both")
    .option("--queued <q>", "abort | keep undelivered messages", "abort")
    .option("--lifts <policyId>", "make this a lift of an applied exclusion"))
    .action(async (o: HubOptions & Record<string, string | boolean | undefined>) => {
      const list = (value: unknown) => typeof value === "string" ? value.split(",") : [];
      const effectiveAt = Date.parse(String(o.effective));
      if (Number.isNaN(effectiveAt)) failUsage(`Cannot read time "${String(o.effective)}"`);
      await request(contextOf(deps, o), { method: "POST", path: "/v1/policies", print: true,
        body: {
        reference: o.reference, effectiveAt, institutions: list(o.institutions),
        includeSubsidiaries: o.subsidiaries !== undefined, subsidiaryCountries:
          list(o.subsidiaries), countries: list(o.countries), carveOuts: list(o.carveOuts),
        direction: o.direction, queued: o.queued,
        ...(o.lifts === undefined ? {} : { action: "lift", lifts: o.lifts }) } });
    });
  hubOptions(policy.command("preview <id>").description("What the policy would affect"))
    .action(async (id: string, o: HubOptions) => {
      await call(contextOf(deps, o), "GET", `/v1/policies/${encodeURIComponent(id)}/preview`);
    });
  hubOptions(policy.command("approve <id>").description("Approve (an operator other than maker)"))
    .action(async (id: string, o: HubOptions) => {
      await call(contextOf(deps, o), "POST", `/v1/policies/${encodeURIComponent(id)}/approve`);
    });
}
