// `corridor mt parse|validate FILE… [--json]`: SWIFT MT files (single messages or RJE batches)
// parsed or validated as FIN would; exit 1 when any file is invalid.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Problem } from "../../lib/index.js";
import { messageTypeOf, parseMtBatch, validateMt } from "../../standards/index.js";
import type { MtMessage } from "../../standards/index.js";
import { exitNegative, exitOk, failUsage, printJsonLine } from "./exit.js";
import { isSystemError } from "./failures.js";

interface MtOptions {
  readonly json?: boolean;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if (!isSystemError(error)) throw error;
    return failUsage(`Cannot read "${file}": ${error.message}`);
  }
}

/** The problem shape the product's contract gives the CLI: {"code","field","line","message"}. */
function errorOf(problem: Problem): { code: string; field: string; line: number | null;
  message: string } {
  return { code: problem.code, field: problem.location, line: problem.line ?? null,
    message: problem.message };
}

function summaryOf(message: MtMessage): Record<string, unknown> {
  const header = message.applicationHeader;
  return {
    service: message.basicHeader.serviceId, logicalTerminal: message.basicHeader.logicalTerminal,
    direction: header?.direction ?? null, type: messageTypeOf(message) || null,
    userHeader: message.userHeader ?? [],
    fields: message.text?.kind === "fields" ? message.text.fields : [],
    tags: message.text?.kind === "tags" ? message.text.tags : [],
    trailer: message.trailer ?? [],
  };
}

function runParse(files: readonly string[], options: MtOptions): void {
  let failed = false;
  for (const file of files) {
    const parsed = parseMtBatch(readText(file));
    failed ||= !parsed.ok;
    if (options.json === true) {
      printJsonLine(parsed.ok ? { file, ok: true, messages: parsed.value.messages.map(summaryOf) }
        : { file, ok: false, errors: parsed.problems.map(errorOf) });
    } else if (parsed.ok) {
      const types = parsed.value.messages.map((m) => (m.basicHeader.serviceId === "21" ? "ACK/NAK"
        : `MT${messageTypeOf(m) || "?"}`));
      process.stdout.write(`${file}: ${parsed.value.messages.length} message(s): ` +
        `${types.join(", ")}\n`);
    } else {
      process.stdout.write(`${file}: cannot parse\n`);
      for (const p of parsed.problems) process.stdout.write(`  ${p.code} ${p.message}\n`);
    }
  }
  process.exitCode = failed ? exitNegative : exitOk;
}

function problemsOf(text: string): readonly Problem[] {
  const parsed = parseMtBatch(text);
  if (!parsed.ok) return parsed.problems;
  return parsed.value.messages.flatMap((message) => validateMt(message));
}

function runValidate(files: readonly string[], options: MtOptions): void {
  let failed = false;
  for (const file of files) {
    const problems = problemsOf(readText(file));
    failed ||= problems.length > 0;
    if (options.json === true) {
      printJsonLine({ file, valid: problems.length === 0, errors: problems.map(errorOf) });
      continue;
    }
    process.stdout.write(`${file}: ${problems.length === 0 ? "valid" : "invalid"}\n`);
    for (const p of problems) {
      process.stdout.write(`  ${p.code} at ${p.location}, line ${p.line ?? "?"}: ${p.message}\n`);
    }
  }
  process.exitCode = failed ? exitNegative : exitOk;
}

export function registerMtCommands(program: Command): void {
  const mt = program.command("mt").description("SWIFT MT (FIN) messages: parse and validate files");
  mt.command("parse")
    .description("Parse MT files (single messages or RJE batches with ACKs) into blocks and " +
      "fields; exit 1 when a file cannot be parsed")
    .argument("<files...>", "MT files")
    .option("--json", "one JSON line per file: {file, ok, messages | errors}")
    .action((files: string[], options: MtOptions) => runParse(files, options));
  mt.command("validate")
    .description("Validate MT files as FIN does (H, U, M, T, C, D, E codes, first = NAK code); " +
      "exit 1 when any file is invalid")
    .argument("<files...>", "MT files")
    .option("--json", 'one JSON line per file: {"file","valid","errors":[{"code","field",' +
      '"line","message"}]}')
    .action((files: string[], options: MtOptions) => runValidate(files, options));
}
