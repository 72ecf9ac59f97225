// Connections are bounded: the hub's server sets every timeout from src/limits.ts, so a client
// trickling its headers or body is cut off (408) instead of holding a socket for Node's 5
// minutes, and one address may hold only so many connections; past that they are refused.
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/lib/index.js";
import {
  httpHeadersTimeoutMs, httpKeepAliveTimeoutMs,
  httpRequestTimeoutMs,
} from "../../src/limits.js";
import { createHttpServer } from "../../src/main/http-server.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

/** A raw TCP client: what it received, and whether the hub closed it. */
interface RawClient {
  readonly socket: Socket;
  received(): string;
  readonly closed: Promise<void>;
  isClosed(): boolean;
}

async function rawClient(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = "";
  let closed = false;
  socket.on("data", (chunk: Buffer) => { received += chunk.toString("latin1"); });
  // ECONNRESET when the hub destroys the socket: the close below is what the tests look at.
  socket.on("error", () => undefined);
  const whenClosed = new Promise<void>((done) => socket.on("close", () => {
    closed = true;
    done();
  }));
  await new Promise<void>((done, fail) => {
    socket.once("connect", done);
    socket.once("error", fail);
  });
  return { socket, received: () => received, closed: whenClosed, isClosed: () => closed };
}

/** Bounded polling: waits until `condition` holds, at most `attempts` x 20 ms. */
async function until(condition: () => boolean, attempts = 250): Promise<boolean> {
  for (let attempt = 0; attempt < attempts && !condition(); attempt += 1) {
    await new Promise((done) => setTimeout(done, 20));
  }
  return condition();
}

/** One GET on a kept-alive raw connection: its status and body, or undefined if closed. */
async function getOn(client: RawClient, path: string):
  Promise<{ status: number; body: string } | undefined> {
  const before = client.received().length;
  client.socket.write(`GET ${path} HTTP/1.1\r\nHost: hub\r\n\r\n`);
  const answer = () => {
    const text = client.received().slice(before);
    const end = text.indexOf("\r\n\r\n");
    const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, end))?.[1];
    if (end < 0 || length === undefined || text.length < end + 4 + Number(length)) {
      return undefined;
    }
    return { status: Number(text.slice(9, 12)), body: text.slice(end + 4) };
  };
  await until(() => client.isClosed() || answer() !== undefined);
  return answer();
}

async function healthOn(client: RawClient): Promise<boolean> {
  return (await getOn(client, "/health"))?.status === 200;
}

/**
 * Sends `head`, then one byte of `trickle` every `gapMs` while the socket is open; answers how
 * many it sent. The bound is the number of bytes, never the time taken.
 */
async function trickle(client: RawClient, head: string, options: { bytes: number;
  gapMs: number }): Promise<number> {
  client.socket.write(head);
  let sent = 0;
  while (sent < options.bytes && !client.isClosed()) {
    await new Promise((done) => setTimeout(done, options.gapMs));
    if (client.isClosed()) break;
    client.socket.write("a");
    sent += 1;
  }
  return sent;
}

describe("the hub's HTTP server", () => {
  it("createHttpServer() sets Node's timeouts from src/limits.ts, not Node's defaults", () => {
    const server = createHttpServer(new Hono().fetch, { hostname: "127.0.0.1",
      metrics: { count: () => undefined }, logger: silentLogger });
    expect(server.requestTimeout).toBe(httpRequestTimeoutMs);
    expect(server.headersTimeout).toBe(httpHeadersTimeoutMs);
    expect(server.keepAliveTimeout).toBe(httpKeepAliveTimeoutMs);
    expect(httpRequestTimeoutMs).toBeLessThan(300_000);
    const quick = createHttpServer(new Hono().fetch, { hostname: "127.0.0.1",
      metrics: { count: () => undefined }, logger: silentLogger, requestTimeoutMs: 500 });
    expect(quick.requestTimeout).toBe(500);
    expect(quick.headersTimeout).toBeLessThanOrEqual(500);
  });
});

describe.skipIf(!distBuilt())("connection limits in the hub's process (needs dist/)", () => {
  const connectionsMax = 4;
  let hub: HubProcess;
  let log = "";
  beforeAll(async () => {
    hub = await startHubProcess(join(mkdtempSync(join(tmpdir(), "corridor-conns-")), "d"),
      ["--request-timeout-ms", "500", "--client-connections-max", String(connectionsMax)]);
    hub.child.stderr?.on("data", (chunk: Buffer) => { log += chunk.toString(); });
  });
  afterAll(async () => { await hub.stop(); });

  it("cuts off a body sent one byte at a time, and goes on serving", async () => {
    for (const path of ["/v1/messages", "/console/api/login"]) {
      const client = await rawClient(hub.url);
      const declared = 1_000;
      const sent = await trickle(client, `POST ${path} HTTP/1.1\r\nHost: hub\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
      { bytes: declared, gapMs: 100 });
      expect(client.isClosed(), path).toBe(true);
      expect(sent, path).toBeLessThan(declared);
      expect(client.received(), path).toMatch(/^(HTTP\/1\.1 408 |$)/);
    }
    const fresh = await rawClient(hub.url);
    expect(await healthOn(fresh)).toBe(true);
    fresh.socket.destroy();
    // Each cut-off body is logged as an incomplete request, not as a failure of the hub.
    expect(await until(() => (log.match(/"status":400/g) ?? []).length >= 2)).toBe(true);
    expect(log).not.toContain('"status":500');
  });

  it("cuts off headers sent one byte at a time", async () => {
    const client = await rawClient(hub.url);
    const sent = await trickle(client, "GET /health HTTP/1.1\r\nHost: hub\r\n",
      { bytes: 1_000, gapMs: 100 });
    expect(client.isClosed()).toBe(true);
    expect(sent).toBeLessThan(1_000);
  });

  it("refuses one connection over the per-address limit while the others work", async () => {
    const held: RawClient[] = [];
    for (let n = 0; n < connectionsMax; n += 1) held.push(await rawClient(hub.url));
    for (const client of held) expect(await healthOn(client)).toBe(true);

    const extra = await rawClient(hub.url);
    extra.socket.write("GET /health HTTP/1.1\r\nHost: hub\r\n\r\n");
    expect(await until(() => extra.isClosed())).toBe(true);
    expect(extra.received()).toBe("");

    // The held connections still work, kept alive; one closed makes room for a new one.
    for (const client of held) expect(await healthOn(client)).toBe(true);
    held[0]?.socket.destroy();
    await held[0]?.closed;
    // The hub sees the close a moment after the client: a new connection may still be refused.
    let metrics: string | undefined;
    for (let attempt = 0; attempt < 50 && metrics === undefined; attempt += 1) {
      const candidate = await rawClient(hub.url);
      metrics = (await getOn(candidate, "/metrics"))?.body;
      candidate.socket.destroy();
    }
    for (const client of held.slice(1)) client.socket.destroy();
    expect(metrics).toMatch(
      /^corridor_connections_refused_total\{reason="client-connections-max"\} [1-9]/m);
    expect(await until(() => log.includes("Cannot accept connection"))).toBe(true);
    expect(log).toMatch(/"level":"warn"[^\n]*Cannot accept connection from \\"127\.0\.0\.1\\"/);
  });
});
