// The Node HTTP server under a Hono app: every timeout set from src/limits.ts (Node's defaults
// let one slow client hold a socket for 5 minutes), limits of connections per client address and
// in all, of requests handled at once per connection, and a front that answers /health and sheds
// an overload before Hono, so that a flood of refusals cannot hold /health for seconds.
import { createServer } from "node:http";
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Logger } from "../lib/index.js";
import {
  httpConnectionsCheckMs, httpConnectionsMax, httpConnectionsPerClientMax, httpHeadersTimeoutMs,
  httpKeepAliveTimeoutMs, httpRequestsPerConnectionMax, httpRequestTimeoutMs,
  httpShedBodyDiscardBytesMax,
} from "../limits.js";
import { admissionClass, shedEpisodes, shedReason } from "../interfaces/index.js";
import type { HealthAnswer, HubLoad, Metrics, ShedReason } from "../interfaces/index.js";

export interface HttpServerOptions {
  readonly hostname: string;
  readonly metrics: Pick<Metrics, "count">;
  readonly logger: Logger;
  /** Milliseconds to receive a whole request; httpRequestTimeoutMs unless the operator says. */
  readonly requestTimeoutMs?: number;
  /** Connections one address may hold; httpConnectionsPerClientMax unless the operator says. */
  readonly clientConnectionsMax?: number;
  /** The API's front (/health and shedding before Hono); the metrics listener has none. */
  readonly front?: HttpFront;
}

/** What the Node-level front reads: cached state only, never the store or a Hono context. */
export interface HttpFront {
  readonly load: HubLoad;
  /** /health's answer from the last store ping and the screening status, without waiting. */
  health(): HealthAnswer;
}

type Fetch = Parameters<typeof getRequestListener>[0];

/**
 * The app's body limit answers 413 the moment a body passes its route's limit, but the Node
 * adapter's body stream (Readable.toWeb) goes on reading the socket into its queue until the
 * socket closes, after the answer is written. A 413 (only the body limit sends one) therefore
 * stops reading the socket at once; `connection: close` then closes it once answered.
 */
function stopReadingRefusedBodies(fetch: Fetch): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    if (response instanceof Response && response.status === 413) env.incoming.socket?.pause();
    return response;
  };
}

export function createHttpServer(fetch: Fetch, options: HttpServerOptions): Server {
  const requestTimeout = options.requestTimeoutMs ?? httpRequestTimeoutMs;
  const honoListener = getRequestListener(stopReadingRefusedBodies(fetch),
    { hostname: options.hostname });
  const logger = options.logger.child({ component: "http" });
  const hono: RequestListener = (request, response) => {
    supervise(honoListener(request, response), logger);
  };
  const handle: RequestListener = options.front === undefined ? hono
    : frontOf(hono, { ...options, front: options.front });
  const server = createServer({
    requestTimeout,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeout: Math.min(httpHeadersTimeoutMs, requestTimeout),
    keepAliveTimeout: httpKeepAliveTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.min(httpConnectionsCheckMs, requestTimeout),
  }, boundPipelining(handle, httpRequestsPerConnectionMax));
  limitConnections(server, { ...options,
    clientConnectionsMax: options.clientConnectionsMax ?? httpConnectionsPerClientMax });
  return server;
}

/**
 * The supervisor of Hono's answer to one request. The adapter answers 500 for what the app
 * throws, so a rejection here is a bug in the adapter: logged, then rethrown (the process exits).
 */
function supervise(work: Promise<unknown>, logger: Logger): void {
  work.catch((error: unknown) => {
    logger.error({ err: error }, "Cannot answer an HTTP request: the Node adapter failed");
    throw error;
  });
}

/** The path of a request target, without its query ("/health?x" is "/health"). */
function pathOf(url: string | undefined): string {
  const target = url ?? "/";
  const query = target.indexOf("?");
  return query < 0 ? target : target.slice(0, query);
}

/** The Node-level 503 bodies, one constant per reason: no detail computed per refusal. */
function overloadedBodies(retryAfterSeconds: number): Record<ShedReason, Buffer> {
  const body = (reason: ShedReason) => Buffer.from(JSON.stringify({ error: {
    code: "hub-overloaded", location: "hub", message: "Cannot accept the request: the hub " +
      `is overloaded (${reason}); retry after ${retryAfterSeconds} s` } }));
  return { "memory": body("memory"), "loop-delay": body("loop-delay"),
    "requests-in-flight": body("requests-in-flight") };
}

/**
 * Whether a request shed before its body was read must close its connection: a chunked body or
 * one over httpShedBodyDiscardBytesMax. A smaller one Node reads and discards after the answer.
 */
function closesAfterShed(request: IncomingMessage): boolean {
  if (request.complete) return false;
  if (request.headers["transfer-encoding"] !== undefined) return true;
  const length = Number(request.headers["content-length"] ?? "0");
  return !(length <= httpShedBodyDiscardBytesMax);
}

function answerJson(response: ServerResponse, status: number, options: { body: Buffer;
  headers?: Record<string, string> }): void {
  response.writeHead(status, { "content-type": "application/json",
    "content-length": String(options.body.length), ...options.headers });
  response.end(options.body);
}

/**
 * The front, before Hono: GET /health answered from cached state, and a request shed with 503
 * hub-overloaded when shedReason() says so, each without Hono's routing, request log or body
 * limit (a refusal through Hono cost about as much as a request). It counts the requests it
 * passes on until answered, as admission does; admission stays as the second line (and the
 * only one for in-process requests). A shed request is counted in requests_shed_total and the
 * episode logged once; there is no log line per refusal here.
 */
function frontOf(hono: RequestListener, options: HttpServerOptions & { front: HttpFront }):
  RequestListener {
  const { gauges, limits } = options.front.load;
  const episodes = shedEpisodes(options.logger.child({ component: "admission" }), limits);
  const bodies = overloadedBodies(limits.retryAfterSeconds);
  const retryAfter = String(limits.retryAfterSeconds);
  let inFlight = 0;
  return (request, response) => {
    const method = request.method ?? "GET";
    const path = pathOf(request.url);
    if (method === "GET" && path === "/health") {
      answerHealth(options.front, response);
      return;
    }
    const kind = admissionClass(method, path);
    const reading = { inFlight, loopDelayMs: gauges.loopDelayMs(),
      memoryBytes: gauges.memoryBytes() };
    const reason = kind === "never-shed" ? undefined
      : shedReason(kind === "counted" ? reading : { ...reading, inFlight: 0 }, limits);
    if (reason !== undefined) {
      options.metrics.count("requests_shed_total", { reason });
      episodes.shed(reason, reading);
      answerJson(response, 503, { body: bodies[reason], headers: { "retry-after": retryAfter,
        ...(closesAfterShed(request) ? { connection: "close" } : {}) } });
      return;
    }
    episodes.admitted(reading);
    if (kind === "counted") {
      inFlight += 1;
      response.once("close", () => { inFlight -= 1; });
    }
    hono(request, response);
  };
}

function answerHealth(front: HttpFront, response: ServerResponse): void {
  const health = front.health();
  answerJson(response, health.status, { body: Buffer.from(JSON.stringify(health.body)) });
}

/**
 * At most `perConnectionMax` requests of one connection handled at once: the next ones wait in
 * a queue, in order, and the socket is paused (no more read or parsed) until the queue is empty
 * again. The queue holds only what Node had parsed from data already read.
 */
function boundPipelining(handle: RequestListener, perConnectionMax: number): RequestListener {
  // `paused`: paused here, so resumed here; a socket paused by someone else (a refused body's)
  // is left paused.
  const connections = new WeakMap<Socket, { handling: number; paused: boolean;
    waiting: [IncomingMessage, ServerResponse][] }>();
  const start = (socket: Socket, request: IncomingMessage, response: ServerResponse) => {
    const state = connections.get(socket);
    if (state === undefined) return;
    state.handling += 1;
    response.once("close", () => {
      state.handling -= 1;
      // Bounded: each turn takes one waiting request, and the queue only shrinks while paused.
      let next = state.waiting.shift();
      while (next !== undefined && socket.destroyed) next = state.waiting.shift();
      if (next !== undefined) {
        start(socket, next[0], next[1]);
      } else if (state.paused && state.handling < perConnectionMax) {
        state.paused = false;
        socket.resume();
      }
    });
    handle(request, response);
  };
  return (request, response) => {
    const socket = request.socket;
    let state = connections.get(socket);
    if (state === undefined) {
      state = { handling: 0, paused: false, waiting: [] };
      connections.set(socket, state);
    }
    if (state.handling >= perConnectionMax) {
      state.waiting.push([request, response]);
      state.paused = true;
      socket.pause();
      return;
    }
    start(socket, request, response);
  };
}

/**
 * Counts open sockets, in all and per remote address; one over either limit is destroyed as it
 * connects, counted, and logged once per episode (until back under the limit), so a flood does
 * not flood the log as well. The map holds only addresses with open sockets.
 */
function limitConnections(server: Server, options: HttpServerOptions & {
  clientConnectionsMax: number;
}): void {
  const open = new Map<string, number>();
  const warned = new Set<string>();
  let total = 0;
  let totalWarned = false;
  const logger = options.logger.child({ component: "http" });
  server.on("connection", (socket: Socket) => {
    // A socket closed before this listener ran has no address left: nothing to count.
    const address = socket.remoteAddress;
    if (address === undefined) {
      socket.destroy();
      return;
    }
    if (total >= httpConnectionsMax) {
      options.metrics.count("connections_refused_total", { reason: "connections-max" });
      if (!totalWarned) {
        totalWarned = true;
        logger.warn({ remoteAddress: address, connections: total },
          `Cannot accept connection from "${address}": the hub holds ${total} connections, ` +
          "the most it takes");
      }
      socket.destroy();
      return;
    }
    const count = open.get(address) ?? 0;
    if (count >= options.clientConnectionsMax) {
      options.metrics.count("connections_refused_total", { reason: "client-connections-max" });
      if (!warned.has(address)) {
        warned.add(address);
        logger.warn({ remoteAddress: address, connections: count },
          `Cannot accept connection from "${address}": it holds ${count} connections, the ` +
          "most one client may");
      }
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    total += 1;
    socket.once("close", () => {
      total -= 1;
      if (total < httpConnectionsMax) totalWarned = false;
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
      if (left < options.clientConnectionsMax) warned.delete(address);
    });
  });
}
