// `corridor serve`: runs a hub node until SIGINT or SIGTERM, then stops it in order.
import type { Command } from "commander";
import {
  createLogger, describePostgresUrl, openPostgresStore, openSqliteStore, parseLogLevel,
} from "../../adapters/index.js";
import { failUsage } from "../../interfaces/index.js";
import type { Logger } from "../../lib/index.js";
import type { ScreeningMode, StoreAdapter } from "../../network/index.js";
import { exitOnUnhandledErrors } from "../crash.js";
import type { Hub, HubOptions } from "../hub.js";
import { startHub } from "../hub.js";

export interface ServeOptions {
  data: string; host: string; port: string; store?: string; storePoolMax?: string;
  storeStatementTimeoutMs?: string; obsolescenceCheckMs?: string; screening: string;
  logLevel?: string; metricsListen?: string; requestTimeoutMs?: string;
  clientConnectionsMax?: string;
  requestsInFlightMax?: string; memoryShedMib?: string;
}

/** `--screening enforced|off`: off only when the operator says so, and everyone sees it. */
export function parseScreeningMode(text: string): ScreeningMode {
  if (text !== "enforced" && text !== "off") {
    failUsage(`Cannot use --screening "${text}": give enforced or off`);
  }
  return text;
}

/** The hub's logger (JSON lines on stderr) and the crash handlers that log through it. */
export function hubLogger(options: { logLevel?: string }): Logger {
  const level = parseLogLevel(options.logLevel ?? process.env.CORRIDOR_LOG_LEVEL);
  if (!level.ok) failUsage(level.problems[0]?.message ?? "Cannot use the log level");
  const logger = createLogger({ level: level.value });
  exitOnUnhandledErrors(logger);
  return logger;
}

function positiveInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    failUsage(`Cannot use ${name} "${text}": give a whole number above 0`);
  }
  return value;
}

/**
 * Opens the store `--store` (or CORRIDOR_STORE) names: postgres://… shared by several nodes,
 * sqlite:PATH, or undefined for the SQLite file in the data directory.
 */
export async function openStoreOption(options: ServeOptions): Promise<StoreAdapter | undefined> {
  const store = options.store ?? process.env.CORRIDOR_STORE;
  if (store === undefined || store === "") return undefined;
  if (store.startsWith("sqlite:")) return openSqliteStore({ path: store.slice("sqlite:".length) });
  if (!/^postgres(ql)?:\/\//.test(store)) {
    failUsage(`Cannot use store "${describePostgresUrl(store)}": give postgres://… or sqlite:PATH`);
  }
  const connectionsMax = positiveInteger(options.storePoolMax ??
    process.env.CORRIDOR_STORE_POOL_MAX, "--store-pool-max");
  const statementTimeoutMs = positiveInteger(options.storeStatementTimeoutMs ??
    process.env.CORRIDOR_STORE_STATEMENT_TIMEOUT_MS, "--store-statement-timeout-ms");
  try {
    return await openPostgresStore({ url: store,
      ...(connectionsMax === undefined ? {} : { connectionsMax }),
      ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }) });
  } catch (error) {
    return failUsage(error instanceof Error ? error.message : String(error));
  }
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    failUsage(`Cannot listen on port "${text}": give 0 to 65535`);
  }
  return port;
}

/** `--metrics-listen HOST:PORT`, the host in brackets when it is an IPv6 address. */
export function parseListenAddress(text: string): { host: string; port: number } {
  const parts = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const host = parts?.[1] ?? parts?.[2];
  if (parts === null || host === undefined) {
    failUsage(`Cannot listen on "${text}": give HOST:PORT, e.g. 127.0.0.1:9464 or [::1]:9464`);
  }
  return { host, port: parsePort(parts[3] ?? "") };
}

/** The HTTP server's options from the command line, only those the operator gave. */
function httpServerOptions(options: ServeOptions): Pick<HubOptions, "requestTimeoutMs" |
  "clientConnectionsMax" | "metricsListen"> {
  const requestTimeoutMs = positiveInteger(options.requestTimeoutMs, "--request-timeout-ms");
  const clientConnectionsMax = positiveInteger(options.clientConnectionsMax,
    "--client-connections-max");
  return {
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
    ...(clientConnectionsMax === undefined ? {} : { clientConnectionsMax }),
    ...(options.metricsListen === undefined ? {}
      : { metricsListen: parseListenAddress(options.metricsListen) }),
  };
}

/** Admission limits from the command line, only those the operator gave. */
function admissionOptions(options: ServeOptions): Pick<HubOptions, "admission"> {
  const requestsInFlightMax = positiveInteger(options.requestsInFlightMax,
    "--requests-in-flight-max");
  const memoryShedMib = positiveInteger(options.memoryShedMib, "--memory-shed-mib");
  return { admission: {
    ...(requestsInFlightMax === undefined ? {} : { requestsInFlightMax }),
    ...(memoryShedMib === undefined ? {} : { memoryBytesMax: memoryShedMib * 1024 * 1024 }),
  } };
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
    .option("--data <dir>", "data directory (SQLite store, operator credentials)",
      "./corridor-data")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--store <url>", "sqlite:PATH (default: DATA/corridor.db) or postgres://… shared " +
      "by several nodes (env CORRIDOR_STORE)")
    .option("--store-pool-max <n>", "PostgreSQL connections of this node (env " +
      "CORRIDOR_STORE_POOL_MAX, default 10)")
    .option("--store-statement-timeout-ms <ms>", "longest PostgreSQL statement before it fails " +
      "(env CORRIDOR_STORE_STATEMENT_TIMEOUT_MS, default 10000)")
    .option("--obsolescence-check-ms <ms>", "how often one node of the hub looks for obsolete " +
      "messages to warn about (env CORRIDOR_OBSOLESCENCE_CHECK_MS, default 10000)")
    .option("--screening <mode>", "enforced: every message screened, payments refused while " +
      "no sanctions list is in force; off: nothing screened (shown on /health, /metrics, the " +
      "console and in the audit log)", "enforced")
    .option("--log-level <level>", "debug, info, warn, error or silent (env " +
      "CORRIDOR_LOG_LEVEL, default info)")
    .option("--enforce-rma", "NAK (rma-missing) messages whose receiver has not authorised the " +
      "sender for the type (corridor rma grant)", false)
    .option("--metrics-listen <host:port>", "also serve /metrics alone here, with the series " +
      "per participant and no credentials: keep it on a private address (the API's /metrics " +
      "has aggregate series only, unless asked with an operator's bearer token)")
    .option("--request-timeout-ms <ms>", "longest time a client may take to send one request, " +
      "headers and body (default 30000)")
    .option("--client-connections-max <n>", "connections one remote address may hold open " +
      "(default 256; a reverse proxy in front connects from one address)")
    .option("--requests-in-flight-max <n>", "HTTP requests worked on at once; past it a " +
      "request is answered 503 hub-overloaded with Retry-After (default 128)")
    .option("--memory-shed-mib <n>", "JS heap in use plus Buffers, in MiB, past which HTTP " +
      "requests are answered 503 hub-overloaded (default 1024)")
    .action(async (options: ServeOptions & { enforceRma: boolean }) => {
      const port = parsePort(options.port);
      const screening = parseScreeningMode(options.screening);
      const logger = hubLogger(options);
      const obsolescenceCheckMs = positiveInteger(options.obsolescenceCheckMs ??
        process.env.CORRIDOR_OBSOLESCENCE_CHECK_MS, "--obsolescence-check-ms");
      const store = await openStoreOption(options);
      const hub = await startHub({ dataDir: options.data, host: options.host, port,
        enforceRma: options.enforceRma, screening, logger,
        ...(store === undefined ? {} : { store, closeStore: true }), ...httpServerOptions(options),
        ...admissionOptions(options),
        ...(obsolescenceCheckMs === undefined ? {} : { obsolescenceCheckMs }) });
      process.stderr.write(`corridor: hub listening on ${hub.url} (data in ${options.data}; ` +
        "operator credentials in operator-credentials.json there)\n");
      if (hub.metricsUrl !== undefined) {
        process.stderr.write(`corridor: metrics with every series on ${hub.metricsUrl}\n`);
      }
      stopOnSignals(hub, (line) => process.stderr.write(`${line}\n`));
    });
}
