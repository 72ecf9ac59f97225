// `corridor bench [--quick] [--json] [--suite NAME…]`: runs the benchmark suites, prints a table
// and writes the figures to bench/results/<timestamp>.json (and latest.json beside it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { failUsage, printJsonLine } from "../../interfaces/index.js";
import { benchSuites } from "../bench/index.js";
import type { BenchFigure } from "../bench/types.js";

interface BenchCommandOptions { quick: boolean; json: boolean; suite?: string[]; out: string }

function formatNumber(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en") : value.toFixed(2);
}

function formatFigure(figure: BenchFigure): string {
  const value = formatNumber(figure.value);
  const ratio = figure.ratio === undefined ? "" : `; ratio ${figure.ratio.toFixed(2)}`;
  const baseline = figure.baseline === undefined ? "" : `  (baseline ${figure.baseline.name}: ` +
    `${formatNumber(figure.baseline.value)}${ratio})`;
  const target = figure.target === undefined ? ""
    : `  target ${figure.target}: ${figure.met === true ? "met" : "not met"}`;
  return `  ${figure.name}: ${value} ${figure.unit}${baseline}${target}`;
}

export function registerBenchCommands(program: Command): void {
  program.command("bench")
    .description("Measure throughput and latency against baselines measured in the same run; " +
      "writes bench/results/<time>.json")
    .option("--quick", "shorter runs (smoke check)", false)
    .option("--json", "print the results as one JSON document", false)
    .option("--suite <names...>", `only these suites: ${benchSuites.map((s) => s.name).join(", ")}`)
    .option("--out <dir>", "where to write results", "bench/results")
    .action(async (options: BenchCommandOptions) => {
      const chosen = benchSuites.filter((s) => options.suite?.includes(s.name) ?? true);
      if (chosen.length === 0) failUsage(`Cannot find suite "${options.suite?.join(",")}"`);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const results: Record<string, readonly BenchFigure[]> = {};
      for (const suite of chosen) {
        const workDir = mkdtempSync(join(tmpdir(), `corridor-bench-${suite.name}-`));
        log(`${suite.name}: ${suite.description}`);
        try {
          results[suite.name] = await suite.run({ quick: options.quick, workDir, log });
        } finally {
          rmSync(workDir, { recursive: true, force: true });
        }
        for (const figure of results[suite.name] ?? []) log(formatFigure(figure));
      }
      const report = { at: new Date().toISOString(), quick: options.quick, node: process.version,
        cpus: cpus().length, loadAverage: loadavg(), results };
      const out = resolve(options.out);
      mkdirSync(out, { recursive: true });
      const text = `${JSON.stringify(report, null, 2)}\n`;
      writeFileSync(join(out, `${report.at.replace(/[:.]/g, "-")}.json`), text);
      writeFileSync(join(out, "latest.json"), text);
      if (options.json) printJsonLine(report);
      process.exit(0);
    });
}
