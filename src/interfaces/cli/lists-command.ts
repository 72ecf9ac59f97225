// `corridor lists import FILE… [--format …] [--data DIR]` and `corridor lists list [--json]`:
// sanctions lists into the data dir (where a running hub picks them up), with a progress bar on
// stderr and a summary with each list's delta. The list store is injected (interfaces never
// import adapters); src/main/cli.ts wires it.
import { Command, Option } from "commander";
import type { Problem } from "../../lib/index.js";
import { listFormats, type ListFormat } from "../../screening/index.js";
import { exitNegative, exitOk, printJsonLine } from "./exit.js";

export type ImportPhaseView = "read" | "parse" | "store" | "done";

export interface ImportOutcomeView {
  readonly list: string;
  readonly title: string;
  readonly version: string;
  readonly entities: number;
  readonly seq: number;
  readonly unchanged: boolean;
  readonly delta: { readonly added: readonly string[]; readonly removed: readonly string[];
    readonly changed: readonly string[] };
}

export interface ListSummaryView {
  readonly id: string;
  readonly title: string;
  readonly format: string;
  readonly version: string;
  readonly entities: number;
  readonly names: number;
  readonly versions: readonly { readonly seq: number; readonly version: string;
    readonly importedAt: string; readonly added: number; readonly removed: number;
    readonly changed: number }[];
}

export interface ListsCommandDeps {
  readonly dataDirDefault: string;
  readonly importFiles: (paths: readonly string[], options: {
    dataDir: string; format: ListFormat | "auto"; importedAt: string;
    onProgress: (file: string, index: number, phase: ImportPhaseView) => void;
  }) => { ok: true; value: readonly ImportOutcomeView[] } | { ok: false;
    problems: readonly Problem[] };
  readonly listSummaries: (dataDir: string) => readonly ListSummaryView[];
  /** ISO timestamp of now (the clock belongs to main). */
  readonly now: () => string;
}

const phaseShare: Record<ImportPhaseView, number> = { read: 0, parse: 0.2, store: 0.8, done: 1 };

function progressBar(total: number): (file: string, index: number, phase: ImportPhaseView) => void {
  const tty = process.stderr.isTTY;
  return (file, index, phase) => {
    const done = (index + phaseShare[phase]) / Math.max(total, 1);
    const width = 30;
    const filled = Math.round(done * width);
    const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` +
      `${String(Math.round(done * 100)).padStart(3)}% ${index + 1}/${total} ${phase} ${file}`;
    if (tty) process.stderr.write(`\r\u001b[2K${bar}${done >= 1 ? "\n" : ""}`);
    else if (phase === "done") process.stderr.write(`${bar}\n`);
  };
}

function summaryLine(outcome: ImportOutcomeView): string {
  const { added, removed, changed } = outcome.delta;
  const change = outcome.unchanged ? "unchanged, nothing written"
    : `+${added.length} added, -${removed.length} removed, ~${changed.length} changed`;
  return `${outcome.list} (${outcome.title}) version ${outcome.version}: ` +
    `${outcome.entities} entities; ${change} (version #${outcome.seq})\n`;
}

interface ImportOptions {
  readonly data?: string;
  readonly format: ListFormat | "auto";
  readonly json?: boolean;
}

function runImport(deps: ListsCommandDeps, files: readonly string[], options: ImportOptions): void {
  const dataDir = options.data ?? deps.dataDirDefault;
  const result = deps.importFiles(files, { dataDir, format: options.format,
    importedAt: deps.now(), onProgress: progressBar(files.length) });
  if (!result.ok) {
    for (const p of result.problems) {
      if (options.json === true) {
        printJsonLine({ code: p.code, location: p.location, message: p.message });
      } else process.stderr.write(`corridor: ${p.message} (${p.code} at ${p.location})\n`);
    }
    process.exitCode = exitNegative;
    return;
  }
  for (const outcome of result.value) {
    if (options.json === true) {
      printJsonLine({ list: outcome.list, version: outcome.version, entities: outcome.entities,
        seq: outcome.seq, unchanged: outcome.unchanged, added: outcome.delta.added,
        removed: outcome.delta.removed, changed: outcome.delta.changed });
    } else process.stdout.write(summaryLine(outcome));
  }
  process.exitCode = exitOk;
}

function runList(deps: ListsCommandDeps, options: { data?: string; json?: boolean }): void {
  const summaries = deps.listSummaries(options.data ?? deps.dataDirDefault);
  for (const list of summaries) {
    if (options.json === true) printJsonLine(list);
    else {
      process.stdout.write(`${list.id.padEnd(14)} ${list.version.padEnd(20)} ` +
        `${String(list.entities).padStart(7)} entities ` +
        `${String(list.versions.length).padStart(3)} version(s)  ${list.title}\n`);
    }
  }
  if (summaries.length === 0 && options.json !== true) {
    process.stdout.write("no lists imported yet: corridor lists import FILE…\n");
  }
  process.exitCode = exitOk;
}

/** Registers `corridor lists import|list`. */
export function registerListsCommands(program: Command, deps: ListsCommandDeps): void {
  const lists = program.command("lists")
    .description("Import sanctions lists into the data dir and show the versions in force");
  lists.command("import")
    .description("Import official list files (OFAC, UN, EU, UK, CSL, FtM; zipped or not); " +
      "prints each list's delta against the version in force")
    .argument("<files...>", "list files; OFAC CSV companions (add/alt/comments) are read beside")
    .addOption(new Option("--format <format>", "file format").choices(["auto", ...listFormats])
      .default("auto"))
    .option("--data <dir>", `data directory (default ${deps.dataDirDefault})`)
    .option("--json", "one JSON line per imported list with the ids added, removed and changed")
    .action((files: string[], options: ImportOptions) => runImport(deps, files, options));
  lists.command("list")
    .description("Show the lists in force with their version, size and history")
    .option("--data <dir>", `data directory (default ${deps.dataDirDefault})`)
    .option("--json", "one JSON line per list")
    .action((options: { data?: string; json?: boolean }) => runList(deps, options));
}
