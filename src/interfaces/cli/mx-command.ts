// `corridor mx parse|validate FILE… [--json]` for ISO 20022 (CBPR+) files and
// `corridor translate FILE --to mx|mt [--json]`, which reports every truncation or loss.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Problem } from "../../lib/index.js";
import { parseMx, readMxBody, translate, validateMx } from "../../standards/index.js";
import type { MxMessage } from "../../standards/index.js";
import { exitNegative, exitOk, failUsage, printJsonLine } from "./exit.js";
import { isSystemError } from "./failures.js";

interface MxOptions {
  readonly json?: boolean;
  readonly rules?: string;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if (!isSystemError(error)) throw error;
    return failUsage(`Cannot read "${file}": ${error.message}`);
  }
}

function errorOf(problem: Problem): { code: string; path: string; line: number | null;
  message: string } {
  return { code: problem.code, path: problem.location, line: problem.line ?? null,
    message: problem.message };
}

function summaryOf(message: MxMessage): Record<string, unknown> {
  const problems = validateMx(message).filter((problem) => problem.code.startsWith("schema-"));
  return { type: message.type, header: message.header ?? null,
    model: problems.length === 0 ? readMxBody(message).model : null };
}

function ruleSet(options: MxOptions): "2025" | "2026-11" {
  if (options.rules === undefined || options.rules === "2026-11") return "2026-11";
  if (options.rules === "2025") return "2025";
  return failUsage(`Cannot use --rules "${options.rules}": expected 2025 or 2026-11`);
}

function runParse(files: readonly string[], options: MxOptions): void {
  let failed = false;
  for (const file of files) {
    const parsed = parseMx(readText(file));
    failed ||= !parsed.ok;
    if (options.json === true) {
      printJsonLine(parsed.ok ? { file, ok: true, message: summaryOf(parsed.value) }
        : { file, ok: false, errors: parsed.problems.map(errorOf) });
    } else if (parsed.ok) {
      const header = parsed.value.header;
      process.stdout.write(`${file}: ${parsed.value.type} from ${header?.from ?? "?"} to ` +
        `${header?.to ?? "?"}, BizMsgIdr ${header?.businessMessageId ?? "?"}\n`);
    } else {
      process.stdout.write(`${file}: cannot parse\n`);
      for (const p of parsed.problems) {
        process.stdout.write(`  ${p.code} at ${p.location}: ${p.message}\n`);
      }
    }
  }
  process.exitCode = failed ? exitNegative : exitOk;
}

function runValidate(files: readonly string[], options: MxOptions): void {
  const rules = ruleSet(options);
  let failed = false;
  for (const file of files) {
    const parsed = parseMx(readText(file));
    const problems = parsed.ok ? validateMx(parsed.value, { rules }) : parsed.problems;
    failed ||= problems.length > 0;
    if (options.json === true) {
      printJsonLine({ file, valid: problems.length === 0, errors: problems.map(errorOf) });
      continue;
    }
    process.stdout.write(`${file}: ${problems.length === 0 ? "valid" : "invalid"}\n`);
    for (const p of problems) process.stdout.write(`  ${p.code} at ${p.location}: ${p.message}\n`);
  }
  process.exitCode = failed ? exitNegative : exitOk;
}

function runTranslate(file: string, options: MxOptions & { to?: string; createdAt?: string })
  : void {
  if (options.to !== "mx" && options.to !== "mt") {
    return failUsage(`Cannot translate to "${options.to ?? ""}": use --to mx or --to mt`);
  }
  const result = translate(readText(file), options.to,
    options.createdAt === undefined ? {} : { createdAt: options.createdAt });
  if (options.json === true) {
    printJsonLine(result.ok ? { file, ok: true, type: result.value.type, text: result.value.text,
      losses: result.value.losses, warnings: result.value.warnings.map(errorOf) }
      : { file, ok: false, errors: result.problems.map(errorOf) });
  } else if (result.ok) {
    process.stdout.write(`${result.value.text.trimEnd()}\n`);
    for (const loss of result.value.losses) {
      process.stderr.write(`loss at ${loss.where}: ${loss.what}\n`);
    }
    for (const w of result.value.warnings) {
      process.stderr.write(`warning ${w.code} at ${w.location}: ${w.message}\n`);
    }
  } else {
    for (const p of result.problems) {
      process.stderr.write(`${file}: ${p.code} at ${p.location}: ${p.message}\n`);
    }
  }
  process.exitCode = result.ok ? exitOk : exitNegative;
}

export function registerMxCommands(program: Command): void {
  const mx = program.command("mx")
    .description("ISO 20022 (MX, CBPR+) messages: parse and validate files");
  mx.command("parse")
    .description("Parse MX files (AppHdr + Document in any envelope) into typed models; " +
      "exit 1 when a file cannot be parsed or is not a supported message")
    .argument("<files...>", "MX (XML) files")
    .option("--json", "one JSON line per file: {file, ok, message | errors}")
    .action((files: string[], options: MxOptions) => runParse(files, options));
  mx.command("validate")
    .description("Validate MX files: XSD-level (order, cardinality, types, patterns, codes) " +
      "and CBPR+ usage rules; exit 1 when any file is invalid")
    .argument("<files...>", "MX (XML) files")
    .option("--json", 'one JSON line per file: {"file","valid","errors":[{"code","path",' +
      '"line","message"}]}')
    .option("--rules <set>", "CBPR+ rule set: 2026-11 (default, postal address rule) or 2025")
    .action((files: string[], options: MxOptions) => runValidate(files, options));
  program.command("translate")
    .description("Translate an MT message to MX (CBPR+) or an MX message to MT; every " +
      "truncation or loss is reported; exit 1 when the translation cannot be done")
    .argument("<file>", "an MT or MX file")
    .requiredOption("--to <format>", "target format: mx or mt")
    .option("--created-at <iso>", "CreDtTm for MT -> MX when the MT carries no date")
    .option("--json", "one JSON line: {file, ok, type, text, losses:[{where,what}], warnings}")
    .action((file: string, options: MxOptions & { to?: string; createdAt?: string }) =>
      runTranslate(file, options));
}
