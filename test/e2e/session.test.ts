// The streaming session over WebSocket: batched submissions answered after the durable commit,
// pushed deliveries in OSN order with acks, and after a reconnect the unacknowledged ones come
// again marked as possible duplicates, which the SDK de-duplicates by OSN.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../src/client/index.js";
import type { InboxMessage } from "../../src/client/index.js";
import { startHub } from "../../src/main/hub.js";
import type { Hub } from "../../src/main/hub.js";
import { makeBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";

let hub: Hub;
const sender = makeBank("SESSUS33XXX");
const receiver = makeBank("SESSJPJTXXX");

beforeAll(async () => {
  hub = await startHub({ dataDir: join(mkdtempSync(join(tmpdir(), "corridor-session-")), "d"),
    host: "127.0.0.1", port: 0, screening: "off" });
  for (const bank of [sender, receiver]) {
    await hub.deps.directory.upsert({ bic: bank.bic, name: bank.bic,
      publicKeyPem: bank.publicKeyPem, parent: undefined, status: "active", createdAt: 0 });
  }
});
afterAll(async () => { await hub.stop(); });

const payload = (n: number) => mt103({ sender: sender.bic, receiver: receiver.bic,
  reference: `S${n}`, uetr: testUetr(n) });

describe("streaming session", () => {
  it("submits batches, delivers in OSN order, and de-duplicates redeliveries", async () => {
    const out = openSession({ hubUrl: hub.url, bic: sender.bic,
      privateKeyPem: sender.privateKeyPem });
    await out.ready;
    const answers = await out.submit(Array.from({ length: 50 }, (_v, n) => payload(n)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill("ACK"));
    expect(answers.map((a) => (a.status === "ACK" ? a.isn : 0))).toEqual(
      Array.from({ length: 50 }, (_v, n) => n + 1));
    const more = await out.submit([payload(50), "not a message"]);
    expect(more.map((a) => a.status)).toEqual(["ACK", "NAK"]);

    // A receiver that takes the first batch but never gets to acknowledge it.
    const firstSeen: InboxMessage[] = [];
    const raw = await new Promise<number>((resolve) => {
      const target = "/v1/session";
      const headers = receiver.signer.headersFor({ method: "GET", target, body: Buffer.alloc(0) });
      const ws = new WebSocket(hub.url.replace("http", "ws") + target, { headers });
      ws.on("message", (data) => {
        const frame = JSON.parse((data as Buffer).toString("utf8")) as { type: string; messages?: InboxMessage[] };
        if (frame.type === "deliver") {
          firstSeen.push(...(frame.messages ?? []));
          ws.terminate();
          resolve(firstSeen.length);
        }
      });
    });
    expect(raw).toBeGreaterThan(0);
    expect(firstSeen.filter((m) => m.possibleDuplicate).map((m) => m.osn)).toEqual([]);

    const received: InboxMessage[] = [];
    const inbound = openSession({ hubUrl: hub.url, bic: receiver.bic,
      privateKeyPem: receiver.privateKeyPem, onMessages: (batch) => { received.push(...batch); } });
    for (let wait = 0; wait < 100 && received.length < 51; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(received.map((m) => m.osn)).toEqual(Array.from({ length: 51 }, (_v, n) => n + 1));
    const seenBefore = new Set(firstSeen.map((m) => m.osn));
    expect(received.map((m) => m.possibleDuplicate)).toEqual(received.map((m) =>
      seenBefore.has(m.osn)));
    expect(received.map((m) => m.payload)).toEqual(Array.from({ length: 51 }, (_v, n) =>
      payload(n)));
    for (let wait = 0; wait < 40; wait += 1) {
      if ((await hub.delivery.position(receiver.bic)).ackedOsn === 51) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await hub.delivery.position(receiver.bic)).toEqual({ ackedOsn: 51, lastOsn: 51 });
    out.close();
    inbound.close();
  });

  it("refuses an unsigned upgrade", async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${hub.url.replace("http", "ws")}/v1/session`);
      ws.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      ws.on("error", () => resolve(-1));
    });
    expect(status).toBe(401);
  });
});
