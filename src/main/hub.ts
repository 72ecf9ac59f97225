// The composition root of a hub node: opens the store, wires intake, delivery, the HTTP API
// and the streaming session, starts the scheduled jobs, and stops them all in order.
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import {
  createIdSource, loadListStore, nodeDigests, openSqliteStore, systemClock,
} from "../adapters/index.js";
import { commitBatchSizeMax } from "../limits.js";
import { silentLogger } from "../lib/index.js";
import {
  createDeliveryService, createDirectory, createIntakeService, createRmaGate, createWakeups,
} from "../network/index.js";
import type {
  Clock, ContentValidator, DeliveryService, IntakeService, MessageStore,
} from "../network/index.js";
import {
  createHttpApp, createMetrics, createSessionHandler, createSignatureVerifier,
} from "../interfaces/index.js";
import type { HttpDeps } from "../interfaces/index.js";
import { ensureOperatorCredentials, tokenHash } from "./accounts.js";
import { dataDirPaths, ensureDataDir, writeSecretFile } from "./data-dir.js";
import { consoleOptionsFor } from "./console.js";
import { contentValidator } from "./validation.js";
import { createControls, hasControlStores, startControlJobs } from "./controls.js";
import type { Controls } from "./controls.js";
import type { SanctionsList } from "../screening/index.js";

export interface HubOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** A store opened by the caller (PostgreSQL, tests); the SQLite file in dataDir otherwise. */
  readonly store?: MessageStore;
  readonly clock?: Clock;
  readonly validateContent?: ContentValidator | undefined;
  readonly obsolescenceCheckMs?: number;
  /** Close `store` on stop even though the caller opened it (`corridor serve --store`). */
  readonly closeStore?: boolean;
  /** NAK messages the receiver has not authorised the sender for (RMA). */
  readonly enforceRma?: boolean;
  /** Policy effective times only (`corridor demo --scenario`); signatures keep `clock`. */
  readonly policyClock?: Clock;
}

export interface Hub {
  readonly url: string;
  readonly store: MessageStore;
  readonly intake: IntakeService;
  readonly delivery: DeliveryService;
  readonly deps: HttpDeps;
  stop(): Promise<void>;
}

export function createHubDeps(store: MessageStore, options: {
  clock: Clock; validateContent: ContentValidator | undefined;
  /** Sanctions lists in force for screening in flight (issue 6). */
  lists?: readonly SanctionsList[];
  enforceRma?: boolean;
  /** Policy effective times and approvals only; request signatures keep `clock`. */
  policyClock?: Clock | undefined;
}): HttpDeps & { controls: Controls | undefined } {
  const ids = createIdSource(options.clock);
  const wakeups = createWakeups();
  // A store shared by several nodes reports what other nodes queued (PostgreSQL NOTIFY).
  store.onQueued?.((receivers) => wakeups.notify(receivers));
  const directory = createDirectory({ store, clock: options.clock });
  const metrics = createMetrics();
  const intake = createIntakeService({
    store, directory, clock: options.clock, ids, digests: nodeDigests,
    validateContent: options.validateContent, schedule: (callback) => setImmediate(callback),
    batchSizeMax: commitBatchSizeMax, onQueued: (receivers) => wakeups.notify(receivers),
    rmaGate: options.enforceRma === true ? createRmaGate({ store, clock: options.clock })
      : undefined,
    ...(hasControlStores(store) ? {
      screen: (envelope, text, parsed) => {
        const started = performance.now();
        const verdict = controls?.gate.screen(envelope, text, parsed) ??
          { initialStatus: "queued" as const, hold: undefined };
        metrics.observeMs("screening_latency_ms", performance.now() - started);
        return verdict;
      },
      admit: async (sender, receiver) => controls?.policies.admit(sender, receiver),
    } : {}),
  });
  const delivery = createDeliveryService({ store, clock: options.clock, ids, wakeups });
  // Stores without the control ports (none today) run without screening: see docs/compliance.md.
  const controls = hasControlStores(store) ? createControls(store, { clock: options.clock, ids,
    wakeups, delivery, directory, lists: options.lists ?? [], policyClock: options.policyClock })
    : undefined;
  const verifier = createSignatureVerifier({
    findParticipant: (bic) => directory.find(bic), nowMs: () => options.clock.now(),
    ...(controls === undefined ? {} : {
      inactiveReason: (participant) => controls.policies.inactiveReason(participant) }) });
  return {
    intake, delivery, directory, store, verifier, metrics, logger: silentLogger, clock: options.clock,
    ids, wakeups, controls,
    authenticateToken: async (token) => {
      const account = await store.findAccount({ tokenHash: tokenHash(token) });
      return account === undefined ? undefined : { name: account.name, role: account.role };
    },
  };
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? systemClock;
  const paths = dataDirPaths(options.dataDir);
  ensureDataDir(paths);
  const store = options.store ?? openSqliteStore({ path: paths.database });
  await ensureOperatorCredentials(store, { paths, clock });
  const deps = createHubDeps(store, { clock,
    validateContent: "validateContent" in options ? options.validateContent : contentValidator,
    lists: loadListStore(paths.root), enforceRma: options.enforceRma ?? false,
    policyClock: options.policyClock });
  // The console reads `sessions` (declared below) only when a request comes, after start.
  const app = createHttpApp({ ...deps, console: consoleOptionsFor(store,
    { clock, sessions: () => sessions.sessions(), dataDir: options.dataDir }) });
  const sessions = createSessionHandler(deps);
  deps.controls?.setDisconnect((bics) => sessions.closeFor(bics));
  const controlJobs = startControlJobs(deps.controls, { dataDir: paths.root, clock });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: options.host }) as Server;
  server.on("upgrade", (request, socket, head) => {
    if ((request.url ?? "").startsWith("/v1/session")) {
      sessions.handleUpgrade(request, socket, head);
    } else {
      socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:` +
    `${address.port}`;
  writeSecretFile(paths.hubInfo, `${JSON.stringify({ url, pid: process.pid }, null, 2)}\n`);
  const obsolescenceMs = options.obsolescenceCheckMs ?? 10_000;
  const obsolescence = scheduledJob(store, { name: "obsolescence", periodMs: obsolescenceMs,
    clock, run: async () => { await deps.delivery.warnObsolete(1_000); } });
  const timer = setInterval(obsolescence, obsolescenceMs);
  return {
    url, store, intake: deps.intake, delivery: deps.delivery, deps,
    stop: async () => {
      clearInterval(timer);
      controlJobs.stop();
      sessions.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.intake.drain();
      if (options.store === undefined || options.closeStore === true) await store.close();
    },
  };
}

/**
 * A periodic job run by one node per period: on a shared store the node that leases the period
 * runs it, the others skip; a run still going when the next tick comes is not started twice.
 */
function scheduledJob(store: MessageStore, job: {
  name: string; periodMs: number; clock: Clock; run: () => Promise<void>;
}): () => void {
  let running = false;
  const tick = async (): Promise<void> => {
    const leased = store.leaseJob === undefined ||
      await store.leaseJob(job.name, { now: job.clock.now(), periodMs: job.periodMs });
    if (leased) await job.run();
  };
  return () => {
    if (running) return;
    running = true;
    // A failed run (store unavailable) is retried at the next tick by whichever node leases it.
    tick().catch(() => undefined).finally(() => { running = false; });
  };
}
