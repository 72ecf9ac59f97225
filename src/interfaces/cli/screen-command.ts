// `corridor screen NAME… [--json] [--threshold X] [--data DIR]` and
// `corridor screen --file NAMES.csv --json`: names screened against the lists in the data dir.
// Exit 1 when any name has a hit (a negative verdict), 0 when all are clear.
import type { Command } from "commander";
import {
  createScreener, holdThresholdDefault, type Hit, type SanctionsList, type Screener,
} from "../../screening/index.js";
import type { Problem } from "../../lib/index.js";
import { exitNegative, exitOk, failUsage, printJsonLine } from "./exit.js";

export interface ScreenRow {
  readonly fullName: string;
  readonly birthDate?: string;
  readonly nationality?: string;
  readonly line: number;
}

export interface ScreenCommandDeps {
  readonly dataDirDefault: string;
  readonly loadLists: (dataDir: string) => readonly SanctionsList[];
  /** Reads a CSV with a header holding full_name and optionally date_of_birth, nationality. */
  readonly readNamesCsv: (path: string) => { ok: true; value: readonly ScreenRow[] } |
    { ok: false; problems: readonly Problem[] };
}

interface ScreenOptions {
  readonly json?: boolean;
  readonly threshold?: string;
  readonly data?: string;
  readonly file?: string;
}

/** The hit shape the product's contract gives: {"list","entity","name","score","explanation"}. */
export function hitView(hit: Hit): Record<string, unknown> {
  return { list: hit.list, entity: hit.entityId, name: hit.name, score: hit.score,
    explanation: hit.explanation, listVersion: hit.listVersion, kind: hit.entityKind,
    primaryName: hit.primaryName, programmes: hit.programmes };
}

function printHits(query: string, hits: readonly Hit[], json: boolean): void {
  if (json) {
    printJsonLine({ query, hits: hits.map(hitView) });
    return;
  }
  if (hits.length === 0) {
    process.stdout.write(`${query}: no hit\n`);
    return;
  }
  process.stdout.write(`${query}: ${hits.length} hit(s)\n`);
  for (const hit of hits) {
    process.stdout.write(`  ${hit.score.toFixed(3)} ${hit.list} ${hit.entityId} ` +
      `"${hit.name}" [${hit.programmes.join(", ")}]\n    ${hit.explanation.summary}\n`);
    for (const f of hit.explanation.factors) process.stdout.write(`    ${f.effect}: ${f.detail}\n`);
  }
}

function thresholdOf(raw: string | undefined): number {
  if (raw === undefined) return holdThresholdDefault;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    return failUsage(`Cannot use threshold "${raw}": give a number from 0 to 1`);
  }
  return value;
}

function screenerFor(deps: ScreenCommandDeps, dataDir: string): Screener {
  const lists = deps.loadLists(dataDir);
  if (lists.length === 0) {
    return failUsage(`Cannot screen: no lists in "${dataDir}/lists"; ` +
      "run `corridor lists import FILE…` first");
  }
  return createScreener(lists);
}

function runScreen(
  deps: ScreenCommandDeps,
  names: readonly string[],
  options: ScreenOptions,
): void {
  const threshold = thresholdOf(options.threshold);
  if (names.length === 0 && options.file === undefined) {
    return failUsage("Cannot screen: give NAME… or --file NAMES.csv");
  }
  const rows: ScreenRow[] = names.map((fullName, i) => ({ fullName, line: i + 1 }));
  if (options.file !== undefined) {
    const read = deps.readNamesCsv(options.file);
    if (!read.ok) {
      const p = read.problems[0];
      return failUsage(`${p?.message ?? "Cannot read names"} ` +
        `(${p?.code ?? ""} at ${p?.location ?? ""})`);
    }
    rows.push(...read.value);
  }
  const screener = screenerFor(deps, options.data ?? deps.dataDirDefault);
  let anyHit = false;
  for (const row of rows) {
    const hits = screener.screenName(row.fullName, { threshold,
      ...(row.birthDate === undefined ? {} : { birthDate: row.birthDate }),
      ...(row.nationality === undefined ? {} : { country: row.nationality }) });
    anyHit ||= hits.length > 0;
    printHits(row.fullName, hits, options.json === true);
  }
  process.exitCode = anyHit ? exitNegative : exitOk;
}

/** Registers `corridor screen`. */
export function registerScreenCommands(program: Command, deps: ScreenCommandDeps): void {
  program.command("screen")
    .description("Screen names against the imported sanctions lists; every hit is explained. " +
      "Exit 1 when any name has a hit")
    .argument("[names...]", "names to screen (quote each name)")
    .option("--file <csv>", "CSV with a header: full_name[,date_of_birth,nationality]; " +
      "one line of output per row")
    .option("--json", "one JSON line per name: {query, hits:[{list, entity, name, score, " +
      "explanation}]}")
    .option("--threshold <x>", `lowest score reported, 0 to 1 (default ${holdThresholdDefault})`)
    .option("--data <dir>", `data directory holding lists/ (default ${deps.dataDirDefault})`)
    .action((names: string[], options: ScreenOptions) => runScreen(deps, names, options));
}
