// The streaming session when the store fails: before the upgrade the client gets a 503, after it
// the session closes with 1011 "store unavailable"; both are logged at warn with the error.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { createSessionHandler } from "../../src/interfaces/index.js";
import type { HttpDeps } from "../../src/interfaces/index.js";
import { StorageError } from "../../src/lib/index.js";
import type { LogFields, Logger } from "../../src/lib/index.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";

interface Line { level: string; message: string; fields: Record<string, unknown> }

function capturingLogger(lines: Line[], bindings: LogFields = {}): Logger {
  const at = (level: string) => (fields: LogFields, message: string) => {
    lines.push({ level, message, fields: { ...bindings, ...fields } });
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"),
    child: (fields) => capturingLogger(lines, { ...bindings, ...fields }) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0)) await close(); });

async function serve(hub: TestHub, deps: HttpDeps): Promise<string> {
  const sessions = createSessionHandler(deps);
  const server: Server = createServer((_request, response) => { response.end(); });
  server.on("upgrade", (request, socket, head) => sessions.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    sessions.closeAll();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.close();
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function connect(hub: TestHub, url: string): WebSocket {
  const target = "/v1/session";
  const headers = hub.a.signer.headersFor({ method: "GET", target, body: Buffer.alloc(0) });
  return new WebSocket(url + target, { headers });
}

const outage = () => new StorageError("unavailable", "Cannot reach the store: ECONNREFUSED");

describe("session on a failing store", () => {
  it("createSessionHandler() closes with 1011 when the store fails after the upgrade", async () => {
    const hub = await createTestHub();
    const lines: Line[] = [];
    const url = await serve(hub, { ...hub.deps, logger: capturingLogger(lines),
      delivery: { ...hub.deps.delivery, position: () => Promise.reject(outage()) } });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      connect(hub, url).on("close", (code, reason) => resolve({ code,
        reason: reason.toString("utf8") }));
    });
    expect(closed).toEqual({ code: 1011, reason: "store unavailable" });
    const warned = lines.filter((line) => line.level === "warn");
    expect(warned).toMatchObject([{ message: "Cannot open session: store unavailable",
      fields: { component: "session", bic: hub.a.bic } }]);
    expect(warned[0]?.fields.err).toBeInstanceOf(StorageError);
  });

  it("createSessionHandler() answers 503 when the store fails before the upgrade", async () => {
    const hub = await createTestHub();
    const lines: Line[] = [];
    const url = await serve(hub, { ...hub.deps, logger: capturingLogger(lines),
      stores: { ...hub.deps.stores, audit: { ...hub.deps.stores.audit,
        append: () => Promise.reject(outage()) } } });
    const status = await new Promise<number>((resolve) => {
      connect(hub, url).on("unexpected-response", (_request, response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      });
    });
    expect(status).toBe(503);
    expect(lines.filter((line) => line.level === "warn")).toMatchObject([{
      message: "Cannot open session: store unavailable", fields: { component: "session" } }]);
  });
});
