// `corridor demo`: the demo network `npm start` runs - a hub with fictional banks sending
// traffic, the demo's fictional sanctions list and the web console, resuming from its data.
import type { Command } from "commander";
import { failUsage } from "../../interfaces/index.js";
import { demoBanksMax, demoRateMessagesPerSecondMax } from "../../limits.js";
import { startDemo } from "../demo/network.js";
import type { DemoNetwork } from "../demo/network.js";
import { parsePort } from "./serve-command.js";

interface DemoCommandOptions {
  data?: string; host: string; port: string; banks: string; rate: string; scenario?: string;
}

function wholeNumber(text: string, name: string, range: { min: number; max: number }): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    failUsage(`Cannot use --${name} "${text}": give a whole number from ${range.min} to ` +
      `${range.max}`);
  }
  return value;
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
    .option("--scenario <name>", "replay a scenario (sanctions-2022: not available yet)")
    .action(async (options: DemoCommandOptions) => {
      if (options.scenario !== undefined) {
        // TODO(#7): replay the 2022 exclusions on an accelerated clock (not built yet).
        failUsage(`Cannot run scenario "${options.scenario}": scenarios are not available yet`);
      }
      const dataDir = options.data ?? "./corridor-data";
      const demo = await startDemo({ dataDir, host: options.host, port: parsePort(options.port),
        banks: wholeNumber(options.banks, "banks", { min: 4, max: demoBanksMax }),
        rate: wholeNumber(options.rate, "rate", { min: 0, max: demoRateMessagesPerSecondMax }) });
      printWelcome(demo, dataDir);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        process.stderr.write(`corridor demo: ${signal}, stopping\n`);
        demo.stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
    });
}
