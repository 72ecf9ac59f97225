// The Node HTTP server under a Hono app: every timeout set from src/limits.ts (Node's defaults
// let one slow client hold a socket for 5 minutes) and a limit of connections per client address.
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Logger } from "../lib/index.js";
import {
  httpConnectionsCheckMs, httpConnectionsPerClientMax, httpHeadersTimeoutMs,
  httpKeepAliveTimeoutMs, httpRequestTimeoutMs,
} from "../limits.js";
import type { Metrics } from "../interfaces/index.js";

export interface HttpServerOptions {
  readonly hostname: string;
  readonly metrics: Pick<Metrics, "count">;
  readonly logger: Logger;
  /** Milliseconds to receive a whole request; httpRequestTimeoutMs unless the operator says. */
  readonly requestTimeoutMs?: number;
  /** Connections one address may hold; httpConnectionsPerClientMax unless the operator says. */
  readonly clientConnectionsMax?: number;
}

type Fetch = Parameters<typeof createAdaptorServer>[0]["fetch"];

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
  const server = createAdaptorServer({ fetch: stopReadingRefusedBodies(fetch),
    hostname: options.hostname, serverOptions: {
    requestTimeout,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeout: Math.min(httpHeadersTimeoutMs, requestTimeout),
    keepAliveTimeout: httpKeepAliveTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.min(httpConnectionsCheckMs, requestTimeout),
  } }) as Server;
  limitConnectionsPerClient(server, { ...options,
    connectionsMax: options.clientConnectionsMax ?? httpConnectionsPerClientMax });
  return server;
}

/**
 * Counts each remote address's open sockets; one over the limit is destroyed as it connects,
 * counted, and logged once per episode (until that address is back under the limit), so a
 * flood does not flood the log as well. The map holds only addresses with open sockets.
 */
function limitConnectionsPerClient(server: Server, options: HttpServerOptions & {
  connectionsMax: number;
}): void {
  const open = new Map<string, number>();
  const warned = new Set<string>();
  const logger = options.logger.child({ component: "http" });
  server.on("connection", (socket: Socket) => {
    // A socket closed before this listener ran has no address left: nothing to count.
    const address = socket.remoteAddress;
    if (address === undefined) {
      socket.destroy();
      return;
    }
    const count = open.get(address) ?? 0;
    if (count >= options.connectionsMax) {
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
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
      if (left < options.connectionsMax) warned.delete(address);
    });
  });
}
