// The composition root of a hub node: opens the store, builds the network's services over its
// ports, the HTTP API and the streaming session, starts the scheduled jobs, and stops them all
// in order. It only wires: every rule lives in network/ and every protocol in interfaces/.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import {
  createIdSource, createValidationPool, dataDirListSource, nodeDigests, openSqliteStore,
  systemClock,
} from "../adapters/index.js";
import { silentLogger } from "../lib/index.js";
import type { Logger } from "../lib/index.js";
import {
  commitBatchSizeMax, healthPingCacheMs, validationInlineBytesMax, validationQueueMax,
  validationThreadCloseMs, validationThreadIdleMs, validationThreadsMax,
} from "../limits.js";
import {
  contentValidator, createNetwork, createRefusalRecorder, fixedLists, storesOf,
} from "../network/index.js";
import type {
  Clock, ContentValidator, DeliveryService, IntakeService, ListSource, Network, ScreeningMode,
  StoreAdapter,
} from "../network/index.js";
import {
  createHttpApp, createMetrics, createSessionHandler, createSignatureVerifier, healthAnswer,
} from "../interfaces/index.js";
import type { AdmissionLimits, HttpDeps, HubLoad } from "../interfaces/index.js";
import { holdThresholdDefault } from "../screening/index.js";
import type { SanctionsList } from "../screening/index.js";
import { ensureOperatorCredentials, tokenHash } from "./accounts.js";
import { dataDirPaths, ensureDataDir, writeSecretFile } from "./data-dir.js";
import { consoleOptionsFor } from "./console.js";
import { createHttpServer } from "./http-server.js";
import type { HttpServerOptions } from "./http-server.js";
import { startJobs } from "./jobs.js";
import { admissionLimits, quietLoadGauges, startLoadGauges } from "./load-gauges.js";
import { boundedPing } from "./store-ping.js";
import type { CachedStorePing } from "./store-ping.js";

export interface HubOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** enforced: every message screened, payments refused with no list; off: said by the operator. */
  readonly screening: ScreeningMode;
  /** A store opened by the caller (PostgreSQL, tests); the SQLite file in dataDir otherwise. */
  readonly store?: StoreAdapter;
  readonly clock?: Clock;
  readonly obsolescenceCheckMs?: number;
  /** Close `store` on stop even though the caller opened it (`corridor serve --store`). */
  readonly closeStore?: boolean;
  /** NAK messages the receiver has not authorised the sender for (RMA). */
  readonly enforceRma?: boolean;
  /** Policy effective times only (`corridor demo --scenario`); signatures keep `clock`. */
  readonly policyClock?: Clock;
  readonly logger?: Logger;
  /** Admission limits the operator set; src/limits.ts has the others. */
  readonly admission?: Partial<AdmissionLimits>;
  /** Milliseconds a client may take to send a request (httpRequestTimeoutMs by default). */
  readonly requestTimeoutMs?: number;
  /** Connections one remote address may hold (httpConnectionsPerClientMax by default). */
  readonly clientConnectionsMax?: number;
  /** A second listener serving /metrics alone, every series included, without credentials. */
  readonly metricsListen?: { readonly host: string; readonly port: number };
}

export interface Hub {
  readonly url: string;
  /** Where the metrics listener is, when the hub has one. */
  readonly metricsUrl: string | undefined;
  readonly store: StoreAdapter;
  readonly intake: IntakeService;
  readonly delivery: DeliveryService;
  readonly deps: HubDeps;
  stop(): Promise<void>;
}

/**
 * What the HTTP edge needs, the network it was built from (tests and tools reach into it), and
 * the validation threads, which stop() ends.
 */
export type HubDeps = HttpDeps & {
  readonly network: Network;
  /** The store's ping as /health sees it, its last result read by the Node-level front. */
  readonly storePing: CachedStorePing;
  readonly validation: { close(): Promise<void> };
};

export interface HubDepsOptions {
  readonly clock: Clock;
  readonly screening: ScreeningMode;
  /** The lists in force: a source that may change (the data directory) or fixed lists. */
  readonly lists?: ListSource | readonly SanctionsList[];
  /** Content validation; by default inline for small messages, on worker threads otherwise. */
  readonly validateContent?: ContentValidator;
  readonly enforceRma?: boolean;
  /** Policy effective times and approvals only; request signatures keep `clock`. */
  readonly policyClock?: Clock | undefined;
  readonly logger?: Logger;
  /** Sampled load for admission; an in-process hub without it sheds on its count only. */
  readonly load?: HubLoad;
}

export function createHubDeps(adapter: StoreAdapter, options: HubDepsOptions): HubDeps {
  const { clock } = options;
  const stores = storesOf(adapter);
  const ids = createIdSource(clock);
  const lists = options.lists ?? [];
  // Threads start with the first large message, not here: a hub built for a test starts none.
  const validation = options.validateContent === undefined
    ? createValidationPool({ threads: validationThreadsMax, queue: validationQueueMax,
      inlineBytesMax: validationInlineBytesMax, idleMs: validationThreadIdleMs,
      closeMs: validationThreadCloseMs, inline: contentValidator })
    : { validate: options.validateContent, close: () => Promise.resolve() };
  const network = createNetwork({
    stores, clock, policyClock: options.policyClock ?? clock, ids, digests: nodeDigests,
    validateContent: validation.validate,
    screening: { mode: options.screening, threshold: holdThresholdDefault,
      source: "load" in lists ? lists : fixedLists(lists) },
    rma: options.enforceRma === true ? "enforced" : "not-enforced",
    schedule: (callback) => setImmediate(callback), commitBatchSizeMax,
  });
  const metrics = createMetrics();
  const storePing = boundedPing(stores.lifecycle);
  const refusals = createRefusalRecorder({ audit: stores.audit, clock, metrics });
  const verifier = createSignatureVerifier({
    findParticipant: (bic) => network.directory.find(bic), nowMs: () => clock.now(),
    replays: stores.replays,
    inactiveReason: (participant) => network.policies.inactiveReason(participant) });
  return {
    network, validation, intake: network.intake, delivery: network.delivery,
    directory: network.directory,
    stores: { ...stores, lifecycle: storePing }, storePing,
    load: options.load ?? { gauges: quietLoadGauges, limits: admissionLimits() },
    verifier, metrics, logger: options.logger ?? silentLogger, clock,
    ids, wakeups: network.wakeups, refusals,
    controls: { compliance: network.compliance, policies: network.policies,
      screening: network.screening, lists: network.lists,
      verifyAudit: () => network.verifyAudit() },
    authenticateToken: async (token) => {
      const account = await stores.accounts.findAccount({ tokenHash: tokenHash(token) });
      return account === undefined ? undefined : { name: account.name, role: account.role };
    },
  };
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const paths = dataDirPaths(options.dataDir);
  ensureDataDir(paths, { logger });
  const store = options.store ?? openSqliteStore({ path: paths.database });
  await ensureOperatorCredentials(store, { paths, clock });
  const gauges = startLoadGauges();
  const deps = createHubDeps(store, { clock, screening: options.screening,
    load: { gauges, limits: admissionLimits(options.admission) },
    lists: dataDirListSource(paths.root), enforceRma: options.enforceRma ?? false,
    policyClock: options.policyClock, logger });
  await recordStart(deps, logger);
  // The console reads `sessions` (declared below) only when a request comes, after start.
  const app = createHttpApp({ ...deps, console: consoleOptionsFor(deps.stores.audit,
    { clock, sessions: () => sessions.sessions(), dataDir: options.dataDir }) });
  const sessions = createSessionHandler(deps);
  deps.network.onDisconnect((bics) => sessions.closeFor(bics));
  const jobs = startJobs(deps.network, { coordination: storesOf(store).coordination, clock, logger,
    refusals: deps.refusals,
    ...(options.obsolescenceCheckMs === undefined ? {}
      : { obsolescenceCheckMs: options.obsolescenceCheckMs }) });
  // The Node-level /health answers from the last ping: one now, so the first probe has one,
  // and one a period after, so that an outage shows within a period and a ping's timeout
  // even when nobody asks /health.
  await deps.storePing.ping();
  const pingTimer = setInterval(() => { deps.storePing.reachable(); }, healthPingCacheMs);
  pingTimer.unref();
  const server = createHttpServer(app.fetch, { ...httpServerOptions(options, deps, options.host),
    front: { load: deps.load, health: () => frontHealth(deps) } });
  server.on("upgrade", (request, socket, head) => {
    if ((request.url ?? "").startsWith("/v1/session")) {
      sessions.handleUpgrade(request, socket, head);
    } else {
      socket.destroy();
    }
  });
  const url = await listen(server, options);
  const metricsListener = await startMetricsListener(deps, options);
  const metricsUrl = metricsListener?.url;
  writeSecretFile(paths.hubInfo, `${JSON.stringify({ url, pid: process.pid,
    ...(metricsUrl === undefined ? {} : { metricsUrl }) }, null, 2)}\n`);
  logger.info({ url, ...(metricsUrl === undefined ? {} : { metricsUrl }),
    screening: deps.controls.screening.status() }, "Hub listening");
  return {
    url, metricsUrl, store, intake: deps.intake, delivery: deps.delivery, deps,
    stop: async () => {
      clearInterval(pingTimer);
      jobs.stop();
      gauges.stop();
      sessions.closeAll();
      await metricsListener?.close();
      await close(server);
      // Messages on validation threads are answered first, so the drain commits them too.
      await deps.validation.close();
      await deps.intake.drain();
      // The refusals counted since the last flush, so that a stop loses none of them.
      await deps.refusals.flush();
      if (options.store === undefined || options.closeStore === true) await store.close();
    },
  };
}

function httpServerOptions(options: HubOptions, deps: HubDeps, hostname: string):
  HttpServerOptions {
  return { hostname, metrics: deps.metrics, logger: options.logger ?? silentLogger,
    ...(options.requestTimeoutMs === undefined ? {}
      : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.clientConnectionsMax === undefined ? {}
      : { clientConnectionsMax: options.clientConnectionsMax }) };
}

/** /health before Hono: the same answer as the route, from the last ping, without waiting. */
function frontHealth(deps: HubDeps): ReturnType<typeof healthAnswer> {
  const reachable = deps.storePing.reachable() === true;
  return healthAnswer({ storeReachable: reachable,
    screening: reachable ? deps.controls.screening.status() : undefined });
}

/** `--metrics-listen`: /metrics alone, every series, on an address the operator keeps private. */
async function startMetricsListener(deps: HubDeps, options: HubOptions):
  Promise<{ url: string; close(): Promise<void> } | undefined> {
  if (options.metricsListen === undefined) return undefined;
  const server = createHttpServer(createHttpApp(deps, { surface: "metrics" }).fetch,
    httpServerOptions(options, deps, options.metricsListen.host));
  const url = `${await listen(server, options.metricsListen)}/metrics`;
  return { url, close: () => close(server) };
}

/** Listens on host:port (0 picks a free port) and answers the URL it listens at. */
async function listen(server: Server, at: { host: string; port: number }): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    // An address in use or not ours fails the start instead of leaving it waiting.
    server.once("error", reject);
    server.listen(at.port, at.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${at.host.includes(":") ? `[${at.host}]` : at.host}:${address.port}`;
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Every start is audited with the screening mode and lists in force; "off" is also warned. */
async function recordStart(deps: HubDeps, logger: Logger): Promise<void> {
  const status = deps.controls.screening.status();
  await deps.stores.audit.append([{ at: deps.clock.now(), kind: "hub", actor: "CORRIDOR",
    subject: "start", detail: JSON.stringify({ screening: status.mode,
      lists: status.lists.map((list) => `${list.id}@${list.version}`) }) }]);
  if (status.mode === "off") {
    logger.warn({ screening: status }, "Screening is off: the operator started the hub with " +
      "--screening off; no message is screened against the sanctions lists");
  } else if (!status.acceptsPayments) {
    logger.warn({ screening: status }, "No sanctions list is in force: payments are refused " +
      "(screening-unavailable) until `corridor lists import` brings one");
  }
}
