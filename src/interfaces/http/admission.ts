// Admission control for the HTTP API: while the hub is saturated (too many requests in progress,
// a late event loop, too much memory in use) a new request is answered at once with 503
// hub-overloaded and Retry-After, instead of joining a queue that only grows. The decision is
// pure and O(1): main samples loop delay and memory on a timer; this file only compares.
import type { Env, MiddlewareHandler } from "hono";
import { assertNever } from "../../lib/index.js";
import type { Logger } from "../../lib/index.js";
import type { Metrics } from "./metrics.js";

/** The hub's load as main samples it, on a timer and never per request. */
export interface LoadGauges {
  /** The longest event-loop delay seen in the last sample, in milliseconds. */
  loopDelayMs(): number;
  /** Memory in use at the last sample (JS heap used plus external), in bytes. */
  memoryBytes(): number;
}

/** Past these a new request is shed (src/limits.ts has the defaults and reasons). */
export interface AdmissionLimits {
  readonly requestsInFlightMax: number;
  readonly loopDelayMsMax: number;
  /** The requests in flight admitted while the loop is later than loopDelayMsMax. */
  readonly requestsInFlightLateMax: number;
  readonly memoryBytesMax: number;
  readonly retryAfterSeconds: number;
}

/** What admission reads: the gauges and the limits in force, both chosen by main. */
export interface HubLoad {
  readonly gauges: LoadGauges;
  readonly limits: AdmissionLimits;
}

export type ShedReason = "memory" | "loop-delay" | "requests-in-flight";

export interface LoadReading {
  /** Requests admitted and not yet answered, not counting the one deciding. */
  readonly inFlight: number;
  readonly loopDelayMs: number;
  readonly memoryBytes: number;
}

/**
 * Why a new request is shed under this reading, or undefined when it is admitted. Memory comes
 * first (it is what ends a process) and sheds everything; a late loop lowers the bound on
 * requests in flight without shedding all of them, so the work that the lateness delays goes on
 * (the loop may be late from refusing a flood, not from the work it admitted).
 */
export function shedReason(reading: LoadReading, limits: AdmissionLimits): ShedReason | undefined {
  if (reading.memoryBytes > limits.memoryBytesMax) return "memory";
  if (reading.loopDelayMs > limits.loopDelayMsMax &&
    reading.inFlight >= limits.requestsInFlightLateMax) return "loop-delay";
  if (reading.inFlight >= limits.requestsInFlightMax) return "requests-in-flight";
  return undefined;
}

/** Paths never shed: /health must answer while the hub is overloaded, that is its job. */
const neverShedPaths: ReadonlySet<string> = new Set(["/health"]);

/**
 * Requests shed only for memory or loop delay, never counted in flight: a long-poll inbox read
 * mostly waits (a socket and a timer, up to inboxWaitSecondsMax), and receivers that read
 * their inbox drain the hub; counting their waits would refuse submissions on an idle hub.
 */
const uncounted: readonly { method: string; path: string }[] = [
  { method: "GET", path: "/v1/inbox" },
];

const matches = (routes: readonly { method: string; path: string }[], method: string,
  path: string): boolean => routes.some((route) => route.method === method && route.path === path);

/**
 * How admission treats a request: never shed (/health), shed but not counted in flight (a
 * long-poll inbox read), or shed and counted. Shared with main's Node-level front.
 */
export function admissionClass(method: string, path: string):
  "never-shed" | "uncounted" | "counted" {
  if (neverShedPaths.has(path)) return "never-shed";
  return matches(uncounted, method, path) ? "uncounted" : "counted";
}

/** The log of shedding episodes: one warning when an episode starts, one line when it ends. */
export interface ShedEpisodes {
  shed(reason: ShedReason, reading: LoadReading): void;
  admitted(reading: LoadReading): void;
}

/**
 * Each episode of shedding is logged once when it starts (or changes reason) and once when
 * requests are admitted again: a flood of refusals must not flood the log too.
 */
export function shedEpisodes(logger: Logger, limits: AdmissionLimits): ShedEpisodes {
  let episode: { reason: ShedReason; shed: number } | undefined;
  return {
    shed: (reason, reading) => {
      if (episode?.reason !== reason) {
        logger.warn({ reason, ...reading }, `Cannot admit requests: the hub is overloaded ` +
          `(${shedDetail(reason, reading, limits)}); answering 503 hub-overloaded`);
        episode = { reason, shed: 0 };
      }
      episode.shed += 1;
    },
    admitted: (reading) => {
      if (episode === undefined) return;
      logger.info({ reason: episode.reason, shed: episode.shed, ...reading },
        "Admitting requests again after shedding");
      episode = undefined;
    },
  };
}

function shedDetail(reason: ShedReason, reading: LoadReading, limits: AdmissionLimits): string {
  switch (reason) {
    case "memory":
      return `${Math.round(reading.memoryBytes / 2 ** 20)} MiB in use, over ` +
        `${Math.round(limits.memoryBytesMax / 2 ** 20)} MiB`;
    case "loop-delay":
      return `its event loop is ${Math.round(reading.loopDelayMs)} ms late, over ` +
        `${limits.loopDelayMsMax} ms, with ${reading.inFlight} requests in progress`;
    case "requests-in-flight":
      return `${reading.inFlight} requests in progress, the most it takes`;
    default:
      return assertNever(reason, "shed reason");
  }
}

/**
 * The middleware: counts the requests it admits until they are answered, and sheds a new one
 * when shedReason() says so. A hub process sheds first in main's Node-level front (the same
 * policy, before Hono); this is the second line there, and the only one in process. Each
 * episode of shedding is logged once (shedEpisodes) and every shed request is counted in
 * /metrics as requests_shed_total{reason}.
 */
export function admission<E extends Env>(deps: { readonly load: HubLoad;
  readonly metrics: Pick<Metrics, "count">; readonly logger: Logger }): MiddlewareHandler<E> {
  const { gauges, limits } = deps.load;
  const episodes = shedEpisodes(deps.logger.child({ component: "admission" }), limits);
  let inFlight = 0;
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    const kind = admissionClass(method, path);
    if (kind === "never-shed") return next();
    const reading = { inFlight, loopDelayMs: gauges.loopDelayMs(),
      memoryBytes: gauges.memoryBytes() };
    const counted = kind === "counted";
    const reason = shedReason(counted ? reading : { ...reading, inFlight: 0 }, limits);
    if (reason !== undefined) {
      deps.metrics.count("requests_shed_total", { reason });
      episodes.shed(reason, reading);
      return c.json({ error: { code: "hub-overloaded", location: "hub",
        message: `Cannot accept ${method} ${path}: the hub is overloaded ` +
          `(${shedDetail(reason, reading, limits)}); retry after ` +
          `${limits.retryAfterSeconds} s` } }, 503,
      { "retry-after": String(limits.retryAfterSeconds) });
    }
    episodes.admitted(reading);
    if (!counted) return next();
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };
}
