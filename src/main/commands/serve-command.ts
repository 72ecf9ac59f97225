// `corridor serve`: runs a hub node until SIGINT or SIGTERM, then stops it in order.
import type { Command } from "commander";
import { failUsage } from "../../interfaces/index.js";
import type { Hub } from "../hub.js";
import { startHub } from "../hub.js";

export interface ServeOptions { data: string; host: string; port: string; store?: string }

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    failUsage(`Cannot listen on port "${text}": give 0 to 65535`);
  }
  return port;
}

/** Stops the hub on SIGINT/SIGTERM; a second signal exits at once. */
export function stopOnSignals(hub: Hub, log: (line: string) => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`corridor: ${signal}, stopping`);
    hub.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

export function registerServeCommands(program: Command): void {
  program.command("serve")
    .description("Run a hub node: HTTP API under /v1, /health, /metrics, the streaming session")
    .option("--data <dir>", "data directory (SQLite store, operator credentials)", "./corridor-data")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--store <url>", "sqlite:PATH (default: DATA/corridor.db) or postgres://…")
    .action(async (options: ServeOptions) => {
      if (options.store !== undefined && !options.store.startsWith("sqlite:")) {
        failUsage(`Cannot use store "${options.store.split("@").pop() ?? ""}": only sqlite: ` +
          "is available in this build");
      }
      const hub = await startHub({ dataDir: options.data, host: options.host,
        port: parsePort(options.port) });
      process.stderr.write(`corridor: hub listening on ${hub.url} (data in ${options.data}; ` +
        "operator credentials in operator-credentials.json there)\n");
      stopOnSignals(hub, (line) => process.stderr.write(`${line}\n`));
    });
}
