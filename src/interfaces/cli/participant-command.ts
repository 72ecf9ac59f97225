// `corridor participant add|list`: operator commands against the running hub's API, with the
// operator credentials that `serve` keeps in the data dir.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { exitNegative, failUsage, printJsonLine } from "./exit.js";
import { isRequestFailure, isSystemError, reasonOf } from "./failures.js";
import type { OperatorResolver } from "./hub-options.js";

export async function callHub(
  context: { hubUrl: string; token: string },
  request: { method: string; path: string; body?: unknown },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const init: RequestInit = {
    method: request.method,
    headers: { authorization: `Bearer ${context.token}`, "content-type": "application/json" },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  };
  let response: Response;
  try {
    response = await fetch(context.hubUrl + request.path, init);
  } catch (error) {
    if (!isRequestFailure(error)) throw error;
    return failUsage(`Cannot reach the hub at ${context.hubUrl} (${reasonOf(error)}): ` +
      "is `corridor serve` running?");
  }
  return { status: response.status, json: await hubJson(response, context.hubUrl) };
}

/** The hub answers JSON; anything else means --hub names another server. */
export async function hubJson(response: Response, hubUrl: string):
  Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return failUsage(`Cannot read the answer of ${hubUrl}: HTTP ${response.status}, not JSON ` +
      "(is it a Corridor hub?)");
  }
}

interface AddOptions { bic: string; name: string; publicKey: string; parent?: string;
  data: string; hub?: string }

export function registerParticipantCommands(
  program: Command,
  deps: { resolveOperator: OperatorResolver },
): void {
  const participant = program.command("participant")
    .description("Onboard and list participants (operator credentials from the data dir)");
  participant.command("add")
    .description("Add a participant (or update its name, key and parent)")
    .requiredOption("--bic <bic>", "BIC8 or BIC11 (ISO 9362)")
    .requiredOption("--name <name>", "the institution's name")
    .requiredOption("--public-key <file>", "the participant's Ed25519 public key (corridor keygen)")
    .option("--parent <bic8>", "BIC8 of the parent institution (ownership links)")
    .option("--data <dir>", "the hub's data dir, for operator credentials", "./corridor-data")
    .option("--hub <url>", "hub URL (default: from the data dir)")
    .action(async (options: AddOptions) => {
      let publicKeyPem: string;
      try {
        publicKeyPem = readFileSync(options.publicKey, "utf8");
      } catch (error) {
        if (!isSystemError(error)) throw error;
        return failUsage(`Cannot read public key "${options.publicKey}": ${reasonOf(error)}`);
      }
      const context = deps.resolveOperator(options);
      const { status, json } = await callHub(context, { method: "POST", path: "/v1/participants",
        body: { bic: options.bic, name: options.name, publicKeyPem, parent: options.parent } });
      printJsonLine(json);
      if (status >= 400) process.exitCode = exitNegative;
    });
  participant.command("list")
    .description("List participants")
    .option("--json", "one JSON line per participant", false)
    .option("--data <dir>", "the hub's data dir, for operator credentials", "./corridor-data")
    .option("--hub <url>", "hub URL (default: from the data dir)")
    .action(async (options: { json: boolean; data: string; hub?: string }) => {
      const { status, json } = await callHub(deps.resolveOperator(options),
        { method: "GET", path: "/v1/participants" });
      if (status >= 400) { printJsonLine(json); process.exitCode = exitNegative; return; }
      const rows = json.participants as Record<string, unknown>[];
      for (const row of rows) {
        if (options.json) printJsonLine(row);
        else process.stdout.write(`${String(row.bic)}  ${String(row.status).padEnd(9)} ` +
          `${(typeof row.parent === "string" ? row.parent : "-").padEnd(8)}  ` +
          `${typeof row.name === "string" ? row.name : ""}\n`);
      }
    });
}
