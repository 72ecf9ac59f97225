// Load shedding against a hub process that admits only a few requests at once: a burst of many
// more concurrent submissions is partly shed with 503 hub-overloaded and Retry-After, every ACKed
// message is delivered exactly once and no shed one at all, /health answers 200 to every probe
// throughout, and the hub's resident memory (VmRSS from /proc) returns near its idle size. The
// shed answers come from the Node-level front, before Hono (they carry no x-request-id).
// Everything is counted, never timed: the timing of shedding belongs to the overload benchmark.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBank } from "../support/harness.js";
import type { TestBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const work = mkdtempSync(join(tmpdir(), "corridor-overload-"));
const data = join(work, "data");
const MiB = 1024 * 1024;
/** What the hub admits at once (--requests-in-flight-max): far below the burst. */
const admittedMax = 4;
/** Concurrent submissions per wave: under the hub's 256 connections per client address. */
const waveSize = 150;
const waves = 4;
/**
 * How far above its idle size the hub's RSS may stay once the burst is over: V8 keeps a grown
 * young generation and some old-generation pages between collections; the burst's own data
 * (600 small requests and their answers) is well under a MiB.
 */
const residentGrowthBytesMax = 64 * MiB;
let hub: HubProcess;
let sender: TestBank;
let receiver: TestBank;

/** Resident memory of a process in bytes (Linux: VmRSS in /proc/<pid>/status). */
function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (match === null) throw new Error(`Cannot read VmRSS of process ${pid}`);
  return Number(match[1]) * 1024;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Onboards a bank through the operator API, retrying (a bounded number of times) when shed. */
async function onboard(bank: TestBank): Promise<void> {
  const { token } = JSON.parse(readFileSync(join(data, "operator-credentials.json"), "utf8")) as
    { token: string };
  let status = 0;
  for (let attempt = 0; attempt < 20 && status !== 201; attempt += 1) {
    if (attempt > 0) await pause(200);
    status = (await fetch(`${hub.url}/v1/participants`, { method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ bic: bank.bic, name: bank.bic, publicKeyPem: bank.publicKeyPem }),
    })).status;
  }
  expect(status).toBe(201);
}

interface Answer { status: number; retryAfter: string | null; code: string | undefined;
  id: string | undefined; reference: string; requestId: string | null }

async function submit(n: number): Promise<Answer> {
  const reference = `BURST${n}`;
  const body = Buffer.from(mt103({ sender: sender.bic, receiver: receiver.bic, reference,
    uetr: testUetr(50_000 + n) }));
  const response = await fetch(`${hub.url}/v1/messages`, { method: "POST", body, headers: {
    ...sender.signer.headersFor({ method: "POST", target: "/v1/messages", body }),
    "content-type": "application/octet-stream" } });
  const json = await response.json() as { id?: string; error?: { code?: string } };
  return { status: response.status, retryAfter: response.headers.get("retry-after"),
    code: json.error?.code, id: json.id, reference,
    requestId: response.headers.get("x-request-id") };
}

/** Probes /health one after another until `done()`; answers the statuses, one per probe. */
async function probeHealth(done: () => boolean): Promise<number[]> {
  const statuses: number[] = [];
  // Bounded: the burst it runs beside is bounded, and each probe waits for its answer.
  while (!done() && statuses.length < 10_000) {
    statuses.push((await fetch(`${hub.url}/health`)).status);
    await pause(10);
  }
  return statuses;
}

/** Every message in the receiver's inbox (no long-poll), read page by page. */
async function inbox(): Promise<{ osn: number; id: string; reference: string }[]> {
  const messages: { osn: number; id: string; reference: string }[] = [];
  // Bounded: each page holds up to 1,000 and the burst sent waves x waveSize messages.
  for (let page = 0; page < 10; page += 1) {
    const after = messages.at(-1)?.osn;
    const target = `/v1/inbox?limit=1000${after === undefined ? "" : `&after=${after}`}`;
    const response = await fetch(`${hub.url}${target}`, { headers: receiver.signer.headersFor(
      { method: "GET", target, body: Buffer.alloc(0) }) });
    expect(response.status).toBe(200);
    const json = await response.json() as { messages: { osn: number; id: string;
      reference: string }[] };
    if (json.messages.length === 0) break;
    messages.push(...json.messages);
  }
  return messages;
}

describe.skipIf(!distBuilt())("overload: a hub sheds what it cannot take", () => {
  beforeAll(async () => {
    hub = await startHubProcess(data, ["--requests-in-flight-max", String(admittedMax)]);
    sender = makeBank("OVLDUS33XXX");
    receiver = makeBank("OVLDJPJTXXX");
    await onboard(sender);
    await onboard(receiver);
  });

  afterAll(async () => { await hub.stop(); });

  it("sheds a burst with 503 hub-overloaded, loses nothing ACKed, answers /health throughout",
    async () => {
      for (let n = 0; n < 5; n += 1) expect((await submit(-1 - n)).status).toBe(201);
      const idle = residentBytes(hub.child.pid!);
      let bursting = true;
      const probes = probeHealth(() => !bursting);
      const answers: Answer[] = [];
      for (let wave = 0; wave < waves; wave += 1) {
        answers.push(...await Promise.all(Array.from({ length: waveSize },
          (_v, index) => submit(wave * waveSize + index))));
      }
      bursting = false;
      const health = await probes;

      const acked = answers.filter((answer) => answer.status === 201);
      const shed = answers.filter((answer) => answer.status === 503);
      expect(acked.length + shed.length, "every answer is an ACK or a 503").toBe(answers.length);
      expect(shed.length, "more came at once than the hub admits").toBeGreaterThan(0);
      expect(acked.length, "the hub still takes what it can").toBeGreaterThan(0);
      expect(new Set(shed.map((answer) => `${answer.code} ${answer.retryAfter}`)))
        .toEqual(new Set(["hub-overloaded 1"]));
      // Shed by the Node-level front, before Hono (whose request log sets x-request-id).
      expect(shed.filter((answer) => answer.requestId === null).length).toBeGreaterThan(0);
      expect(acked.every((answer) => answer.requestId !== null), "ACKs come through Hono")
        .toBe(true);
      expect(health.length).toBeGreaterThan(0);
      expect(health.filter((status) => status !== 200), "every probe answered 200").toEqual([]);

      const delivered = await inbox();
      const references = delivered.map((message) => message.reference)
        .filter((reference) => reference.startsWith("BURST") && !reference.includes("-"));
      expect(new Set(delivered.map((message) => message.osn)).size).toBe(delivered.length);
      expect([...references].sort(), "each ACKed message once, no shed one")
        .toEqual(acked.map((answer) => answer.reference).sort());

      let resident = residentBytes(hub.child.pid!);
      for (let attempt = 0; attempt < 40 && resident > idle + residentGrowthBytesMax;
        attempt += 1) {
        await pause(100);
        resident = residentBytes(hub.child.pid!);
      }
      expect(resident, `resident ${Math.round(resident / MiB)} MiB, idle ` +
        `${Math.round(idle / MiB)} MiB`).toBeLessThanOrEqual(idle + residentGrowthBytesMax);
    });
});
