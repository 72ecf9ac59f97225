// Malformed WebSocket frames after a valid signed session handshake, against a hub process:
// each closes only its own connection with the RFC 6455 close code, is counted in /metrics,
// and the hub goes on answering /health and delivering over other sessions.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../src/client/index.js";
import type { InboxMessage, Session } from "../../src/client/index.js";
import { sessionFrameBytesMax, sessionFrameFragmentsMax } from "../../src/limits.js";
import type { TestBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";
import {
  addBank, clientFrame, healthStatus, metric, openRawSession, pollUntil,
} from "./session-raw.js";

const work = mkdtempSync(join(tmpdir(), "corridor-session-frames-"));
const data = join(work, "data");
let hub: HubProcess;
let sender: TestBank;
let receiver: TestBank;
let outbound: Session;
let inbound: Session;
const received: InboxMessage[] = [];
let sent = 0;

/** One fragment too many: a text message's first fragment, then continuations, none final. */
function tooManyFragments(): Buffer {
  const first = clientFrame({ opcode: 1, fin: false, payload: Buffer.from("[") });
  const rest = Array.from({ length: sessionFrameFragmentsMax },
    () => clientFrame({ opcode: 0, fin: false, payload: Buffer.from(" ") }));
  return Buffer.concat([first, ...rest]);
}

const closePayload = Buffer.alloc(2);
closePayload.writeUInt16BE(999, 0);

/** Each malformed frame and the close code RFC 6455 gives it. */
const cases: { name: string; bytes: () => Buffer; closeCode: number }[] = [
  { name: "a 7-byte text frame of invalid UTF-8", closeCode: 1007,
    bytes: () => clientFrame({ opcode: 1,
      payload: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xa0, 0xa1, 0xff]) }) },
  { name: "a text frame with RSV1 set (no extension agreed)", closeCode: 1002,
    bytes: () => clientFrame({ opcode: 1, rsv: 4, payload: Buffer.from("{}") }) },
  { name: "a frame with the reserved opcode 3", closeCode: 1002,
    bytes: () => clientFrame({ opcode: 3, payload: Buffer.from("{}") }) },
  { name: "a frame declaring one byte over sessionFrameBytesMax", closeCode: 1009,
    bytes: () => clientFrame({ opcode: 1, declaredLength: sessionFrameBytesMax + 1 }) },
  { name: "an unmasked client frame", closeCode: 1002,
    bytes: () => clientFrame({ opcode: 1, masked: false, payload: Buffer.from("{}") }) },
  { name: "a close frame with the invalid code 999", closeCode: 1002,
    bytes: () => clientFrame({ opcode: 8, payload: closePayload }) },
  { name: "a message in more than sessionFrameFragmentsMax fragments", closeCode: 1008,
    bytes: tooManyFragments },
];

/** Sends one payment over the healthy session and waits (bounded) until the receiver has it. */
async function deliversOneMore(): Promise<void> {
  sent += 1;
  const answers = await outbound.submit([mt103({ sender: sender.bic, receiver: receiver.bic,
    reference: `F${sent}`, uetr: testUetr(9_000 + sent) })]);
  expect(answers.map((answer) => answer.status)).toEqual(["ACK"]);
  const count = await pollUntil(() => received.length, (n) => n >= sent,
    { attempts: 200, everyMs: 25 });
  expect(count).toBe(sent);
}

describe.skipIf(!distBuilt())("session frames (needs dist/: npm run build)", () => {
  beforeAll(async () => {
    hub = await startHubProcess(data);
    sender = await addBank("FRAMUS33XXX", { work, data });
    receiver = await addBank("FRAMJPJTXXX", { work, data });
    outbound = openSession({ hubUrl: hub.url, bic: sender.bic,
      privateKeyPem: sender.privateKeyPem });
    inbound = openSession({ hubUrl: hub.url, bic: receiver.bic,
      privateKeyPem: receiver.privateKeyPem, onMessages: (batch) => { received.push(...batch); } });
    await Promise.all([outbound.ready, inbound.ready]);
  });
  afterAll(async () => {
    outbound.close();
    inbound.close();
    await hub.stop();
  });

  for (const { name, bytes, closeCode } of cases) {
    it(`session: ${name} closes that session with ${closeCode}; the hub runs on`, async () => {
      const series = `session_protocol_errors_total{code="${closeCode}"}`;
      const before = await metric(hub.url, series);
      const raw = await openRawSession(hub.url, sender);
      raw.socket.write(bytes());
      await raw.closed;
      expect(raw.reader.closeCode).toBe(closeCode);
      expect(hub.child.exitCode).toBeNull();
      expect(await healthStatus(hub.url)).toBe(200);
      expect(await metric(hub.url, series)).toBe(before + 1);
      await deliversOneMore();
    });
  }
});
