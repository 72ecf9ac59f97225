// `corridor rma grant|revoke|list`: a receiver's authorisations of senders (operator commands).
import type { Command } from "commander";
import { callHub } from "./participant-command.js";
import { exitNegative, printJsonLine } from "./exit.js";
import type { OperatorResolver } from "./hub-options.js";

interface HubFlags { data: string; hub?: string }

function hubFlags(command: Command): Command {
  return command
    .option("--data <dir>", "the hub's data dir, for operator credentials", "./corridor-data")
    .option("--hub <url>", "hub URL (default: from the data dir)");
}

export function registerRmaCommands(program: Command, deps: { resolveOperator: OperatorResolver }):
  void {
  const rma = program.command("rma")
    .description("Relationship management: which senders each receiver accepts, for which types " +
      "(enforced when the hub runs with --enforce-rma)");
  hubFlags(rma.command("grant")
    .description("Authorise a sender to send to a receiver (one direction)")
    .requiredOption("--receiver <bic>", "the receiving participant that authorises")
    .requiredOption("--sender <bic>", "the sending participant being authorised")
    .option("--types <list>", "comma-separated type prefixes, e.g. MT103,pacs.008 (default all)"))
    .action(async (options: HubFlags & { receiver: string; sender: string; types?: string }) => {
      const types = options.types === undefined ? [] : options.types.split(",")
        .map((type) => type.trim()).filter((type) => type !== "");
      const { status, json } = await callHub(deps.resolveOperator(options), { method: "POST",
        path: "/v1/rma", body: { receiver: options.receiver, sender: options.sender, types } });
      printJsonLine(json);
      if (status >= 400) process.exitCode = exitNegative;
    });
  hubFlags(rma.command("revoke")
    .description("Withdraw a receiver's authorisation of a sender")
    .requiredOption("--receiver <bic>", "the receiving participant")
    .requiredOption("--sender <bic>", "the sending participant"))
    .action(async (options: HubFlags & { receiver: string; sender: string }) => {
      const query = new URLSearchParams({ receiver: options.receiver, sender: options.sender });
      const { status, json } = await callHub(deps.resolveOperator(options),
        { method: "DELETE", path: `/v1/rma?${query.toString()}` });
      printJsonLine(json);
      if (status >= 400) process.exitCode = exitNegative;
    });
  hubFlags(rma.command("list")
    .description("List authorisations, one JSON line each")
    .option("--bic <bic>", "only those where this participant is receiver or sender"))
    .action(async (options: HubFlags & { bic?: string }) => {
      const query = options.bic === undefined ? "" : `?bic=${encodeURIComponent(options.bic)}`;
      const { status, json } = await callHub(deps.resolveOperator(options),
        { method: "GET", path: `/v1/rma${query}` });
      if (status >= 400) { printJsonLine(json); process.exitCode = exitNegative; return; }
      for (const row of json.rma as unknown[]) printJsonLine(row);
    });
}
