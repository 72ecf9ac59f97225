// `corridor demo`: the demo network `npm start` runs - a hub with fictional banks sending
// traffic, the demo's fictional sanctions list and the web console, resuming from its data.
import type { Command } from "commander";
import { failUsage } from "../../interfaces/index.js";
import {
  demoBanksMax, demoRateMessagesPerSecondMax, scenarioSecondsPerDayMax, scenarioSecondsPerDayMin,
} from "../../limits.js";
import { startDemo } from "../demo/network.js";
import type { DemoNetwork } from "../demo/network.js";
import {
  createScenarioClock, runScenario2022, scenario2022StartAt,
} from "../demo/scenario-2022.js";
import type { ScenarioClock } from "../demo/scenario-2022.js";
import { hubLogger, parsePort } from "./serve-command.js";

interface DemoCommandOptions {
  data?: string; host: string; port: string; banks: string; rate: string; scenario?: string;
  speed: string;
}

function wholeNumber(text: string, name: string, range: { min: number; max: number }): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    failUsage(`Cannot use --${name} "${text}": give a whole number from ${range.min} to ` +
      `${range.max}`);
  }
  return value;
}

function secondsPerDay(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < scenarioSecondsPerDayMin ||
    value > scenarioSecondsPerDayMax) {
    failUsage(`Cannot use --speed "${text}": give real seconds per scenario day from ` +
      `${scenarioSecondsPerDayMin} to ${scenarioSecondsPerDayMax}`);
  }
  return value;
}

/** The scenario runs beside the network; when it ends (or fails) the traffic goes on. */
function replay(demo: DemoNetwork, clock: ScenarioClock, signal: AbortSignal): void {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  runScenario2022(demo, { clock, log, signal }).then((result) => {
    if (!result.ok) log(`corridor demo: ${result.problems[0]?.message ?? "scenario failed"}`);
  }, (error: unknown) => {
    if (!signal.aborted) log(`corridor demo: Cannot replay the scenario: ${String(error)}`);
  });
}

function printWelcome(demo: DemoNetwork, dataDir: string): void {
  const lines = [
    "",
    `Corridor demo network: ${demo.banks.length} banks, data in ${dataDir}`,
    `  Console:  ${demo.consoleUrl}`,
    "  Sign in as:",
    ...demo.logins.map((login) => `    ${login.role.padEnd(11)} ${login.name.padEnd(18)} ` +
      `password ${login.password}`),
    "  (logins are kept in demo/console-logins.json in the data directory)",
    "  Stop with Ctrl+C; starting again resumes from the same data.",
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function registerDemoCommands(program: Command): void {
  program.command("demo")
    .description("Run the demo network: a hub with fictional banks exchanging MT and ISO 20022 " +
      "traffic, a fictional sanctions list, and the web console")
    .option("--data <dir>", "data directory (default ./corridor-data)")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--banks <n>", "number of simulated banks", "34")
    .option("--rate <msgs>", "messages per second the banks send", "8")
    .option("--scenario <name>", "replay a scenario on an accelerated clock: sanctions-2022 " +
      "(the EU exclusions of March to June 2022)")
    .option("--speed <seconds>", "real seconds per scenario day (with --scenario)", "2")
    .action(async (options: DemoCommandOptions) => {
      if (options.scenario !== undefined && options.scenario !== "sanctions-2022") {
        failUsage(`Cannot run scenario "${options.scenario}": the only scenario is ` +
          "sanctions-2022");
      }
      const speed = secondsPerDay(options.speed);
      // Only policies see the scenario clock; request signatures are checked in real time.
      const clock = options.scenario === undefined ? undefined : createScenarioClock({
        startAt: scenario2022StartAt, secondsPerDay: speed, real: { now: () => Date.now() } });
      const dataDir = options.data ?? "./corridor-data";
      const demo = await startDemo({ dataDir, host: options.host, port: parsePort(options.port),
        banks: wholeNumber(options.banks, "banks", { min: 4, max: demoBanksMax }),
        rate: wholeNumber(options.rate, "rate", { min: 0, max: demoRateMessagesPerSecondMax }),
        // Its traffic would fill the terminal with request lines: warnings and errors only.
        logger: hubLogger({ logLevel: process.env.CORRIDOR_LOG_LEVEL ?? "warn" }),
        ...(clock === undefined ? {} : { policyClock: clock }) });
      printWelcome(demo, dataDir);
      const aborter = new AbortController();
      if (clock !== undefined) replay(demo, clock, aborter.signal);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        aborter.abort();
        process.stderr.write(`corridor demo: ${signal}, stopping\n`);
        demo.stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
    });
}
