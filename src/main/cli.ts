// Entry point of the `corridor` command: builds the command tree and runs it.
// Each command group registers itself from its own module; exit codes are the documented ones.
import { Command, CommanderError } from "commander";
import {
  exitUsage, failUsage, registerKeygenCommands, registerMtCommands, registerMxCommands,
  registerListsCommands, registerParticipantClientCommands, registerParticipantCommands,
  registerRmaCommands, registerScreenCommands,
} from "../interfaces/index.js";
import type { OperatorContext } from "../interfaces/index.js";
import {
  dataDirDefault, importFiles, listSummaries, loadListStore, readNamesCsv,
} from "../adapters/index.js";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { registerControlsCommands } from "../interfaces/index.js";
import { registerBenchCommands } from "./commands/bench-command.js";
import { addAccountInDataDir } from "./accounts.js";
import { verifyAuditInDataDir } from "./audit-verify.js";
import { registerDemoCommands } from "./commands/demo-command.js";
import { registerServeCommands } from "./commands/serve-command.js";
import { dataDirPaths, readJsonFile, writeSecretFile } from "./data-dir.js";

/** Operator commands read the credentials and hub URL that `serve` wrote into the data dir. */
function resolveOperator(options: { data: string; hub?: string | undefined }): OperatorContext {
  const paths = dataDirPaths(options.data);
  const credentials = readJsonFile(paths.operatorCredentials) as { token?: string } | undefined;
  if (credentials?.token === undefined) {
    return failUsage(`Cannot find operator credentials in "${paths.operatorCredentials}": ` +
      "start `corridor serve --data DIR` once, or pass the hub's --data");
  }
  const info = readJsonFile(paths.hubInfo) as { url?: string } | undefined;
  const hubUrl = options.hub ?? process.env.CORRIDOR_HUB ?? info?.url;
  if (hubUrl === undefined) return failUsage("Cannot find the hub: pass --hub URL");
  return { hubUrl, token: credentials.token };
}

function buildProgram(): Command {
  const program = new Command("corridor")
    .description("Corridor: an open interbank financial messaging network (MT and ISO 20022)")
    .showHelpAfterError()
    .exitOverride();
  registerServeCommands(program);
  registerKeygenCommands(program);
  registerMtCommands(program);
  registerMxCommands(program);
  registerParticipantCommands(program, { resolveOperator });
  registerRmaCommands(program, { resolveOperator });
  registerParticipantClientCommands(program);
  registerListsCommands(program, { dataDirDefault, importFiles, listSummaries,
    now: () => new Date().toISOString() });
  registerScreenCommands(program, { dataDirDefault, loadLists: loadListStore, readNamesCsv });
  registerBenchCommands(program);
  registerControlsCommands(program, { resolveOperator, verifyAudit: verifyAuditInDataDir,
    writeSecret: (path, content) => {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeSecretFile(path, content);
    }, addAccountInDataDir });
  registerDemoCommands(program);
  return program;
}

async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : exitUsage;
      return;
    }
    throw error;
  }
}

await run(process.argv);
