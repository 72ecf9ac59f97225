// `corridor case|policy|audit|account`: compliance, exclusion-policy, audit and account commands
// against the running hub's API. --as-account FILE acts as another officer (a token file written
// by `corridor account add`); `audit verify` reads the store in the data dir directly.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { AuditVerdict } from "../../network/index.js";
import { exitNegative, failUsage, printJsonLine } from "./exit.js";
import { isRequestFailure, isSystemError, reasonOf } from "./failures.js";
import type { OperatorContext, OperatorResolver } from "./hub-options.js";
import { hubJson } from "./participant-command.js";

export interface ControlsCommandDeps {
  readonly resolveOperator: OperatorResolver;
  readonly verifyAudit: (dataDir: string) => Promise<AuditVerdict>;
  /** Writes a secret (0600) file. */
  readonly writeSecret: (path: string, content: string) => void;
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
  hubOptions(program.command("account").description("Console and API accounts (operator)")
    .command("add").description("Add an account; its API token goes to a 0600 file")
    .requiredOption("--name <name>", "account name (a person)")
    .requiredOption("--role <role>", "operator | compliance | auditor")
    .option("--out <file>", "token file (default: DATA/accounts/NAME.json)"))
    .action(async (o: HubOptions & { name: string; role: string; out?: string }) => {
      const json = await request(contextOf(deps, o), { method: "POST", path: "/v1/accounts",
        body: { name: o.name, role: o.role }, print: false });
      if (typeof json.token !== "string") return;
      const out = o.out ?? `${o.data}/accounts/${o.name}.json`;
      deps.writeSecret(out, `${JSON.stringify({ account: o.name, role: o.role,
        token: json.token }, null, 2)}\n`);
      printJsonLine({ account: o.name, role: o.role, tokenFile: out });
    });
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
