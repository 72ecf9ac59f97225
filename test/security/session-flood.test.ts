// Clients that do not read their session, against a hub process whose resident memory is read
// from /proc: a submit flood is paused once its answers pile up, then closed with 1008 after the
// stall limit; deliveries to a non-reading receiver stop at the buffer limit and resume on drain.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../src/client/index.js";
import type { InboxMessage } from "../../src/client/index.js";
import {
  inboxPageSizeMax, sessionBufferedBytesMax, sessionSubmitBatchMax, sessionUnackedMessagesMax,
} from "../../src/limits.js";
import { checkMt } from "../../src/standards/index.js";
import type { TestBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";
import {
  addBank, healthStatus, jsonFrame, metric, openRawSession, pollUntil, residentBytes,
} from "./session-raw.js";
import type { RawSession } from "./session-raw.js";

const work = mkdtempSync(join(tmpdir(), "corridor-session-flood-"));
const data = join(work, "data");
const MiB = 1024 * 1024;
/**
 * What a submit flood may cost the hub: answers up to the buffer limit and the one that takes
 * it over, plus the answers of the frames in processing, each queued in up to two copies (the
 * JSON string and the socket's copy of it): four buffer limits. Plus 16 MiB of slack for V8,
 * which grows its heap as it works and keeps it between collections.
 */
const floodGrowthBytesMax = 4 * sessionBufferedBytesMax + 16 * MiB;
let hub: HubProcess;

/** A submit frame of a full batch of payloads that are not messages: each is NAKed at once. */
const nakBatch = (n: number) => jsonFrame({ type: "submit", items: Array.from(
  { length: sessionSubmitBatchMax }, (_v, index) => ({ ref: `${n}:${index}`, payload: "x" })) });

/** The lowest and highest resident size of the hub over a few bounded samples. */
async function residentRange(): Promise<{ low: number; high: number }> {
  const samples: number[] = [];
  await pollUntil(() => samples.push(residentBytes(hub.child.pid!)), () => false,
    { attempts: 20, everyMs: 50 });
  return { low: Math.min(...samples), high: Math.max(...samples) };
}

/** Writes frames while the hub reads them; stops when the socket stays full (bounded). */
async function floodUntilRefused(raw: RawSession, framesMax: number): Promise<number> {
  let accepted = 0;
  for (let n = 0; n < framesMax; n += 1) {
    if (raw.socket.write(nakBatch(n), () => { accepted += 1; })) continue;
    let drained = false;
    raw.socket.once("drain", () => { drained = true; });
    await pollUntil(() => drained, (value) => value, { attempts: 40, everyMs: 50 });
    if (!drained) break;
  }
  return accepted;
}

/** A payment from one bank to another arrives over SDK sessions (the hub still serves). */
async function stillDelivers(from: TestBank, to: TestBank, n: number): Promise<void> {
  const received: InboxMessage[] = [];
  const out = openSession({ hubUrl: hub.url, bic: from.bic, privateKeyPem: from.privateKeyPem });
  const inbox = openSession({ hubUrl: hub.url, bic: to.bic, privateKeyPem: to.privateKeyPem,
    onMessages: (batch) => { received.push(...batch); } });
  const answers = await out.submit([mt103({ sender: from.bic, receiver: to.bic,
    reference: `ALIVE${n}`, uetr: testUetr(7_000 + n) })]);
  expect(answers.map((answer) => answer.status)).toEqual(["ACK"]);
  expect(await pollUntil(() => received.length, (count) => count >= 1,
    { attempts: 200, everyMs: 25 })).toBe(1);
  out.close();
  inbox.close();
}

/** An MT 940 of about 9 KB (21 statement lines with full 86 narratives), valid for FIN. */
function statement(sender: string, receiver: string, n: number): string {
  const lt = (bic: string) => `${bic.slice(0, 8)}A${bic.slice(8)}`;
  const narrative = Array.from({ length: 6 }, (_v, line) =>
    `LINE ${line} OF THE NARRATIVE FOR STATEMENT ${n} `.padEnd(65, "X")).join("\r\n");
  const lines = Array.from({ length: 21 }, (_v, index) =>
    `:61:2506150615C10,NTRFREF${index}\r\n:86:${narrative}`);
  return `{1:F01${lt(sender)}0000000000}{2:I940${lt(receiver)}N}{4:\r\n:20:STMT${n}\r\n` +
    `:25:123456\r\n:28C:${n}/1\r\n:60F:C250614EUR100,\r\n${lines.join("\r\n")}\r\n` +
    ":62F:C250615EUR310,\r\n-}";
}

describe.skipIf(!distBuilt())("session flood (needs dist/: npm run build)", () => {
  beforeAll(async () => { hub = await startHubProcess(data); });
  afterAll(async () => { await hub.stop(); });

  it("session: a submit flood that reads no answers is paused, bounded, then closed with 1008",
    async () => {
      const flooder = await addBank("FLODUS33XXX", { work, data });
      const [alive, peer] = [await addBank("ALIVUS33XXX", { work, data }),
        await addBank("ALIVJPJTXXX", { work, data })];
      // Warm-up with a client that reads: the same code paths, and V8's heap at working size.
      const reader = await openRawSession(hub.url, flooder);
      const warmUpFrames = 40;
      for (let n = 0; n < warmUpFrames; n += 1) reader.socket.write(nakBatch(n));
      const answered = () => reader.reader.json().filter((f) => f.type === "answers").length;
      expect(await pollUntil(answered, (count) => count >= warmUpFrames,
        { attempts: 400, everyMs: 25 })).toBe(warmUpFrames);
      const answerBytes = reader.reader.bytes / warmUpFrames;
      reader.socket.end();
      await reader.closed;

      const pausedBefore = await metric(hub.url, 'session_reading_paused_total{reason="buffered"}');
      // Growth is measured from the lowest sample before to the highest after: the strict reading.
      const baseline = (await residentRange()).low;
      const flood = await openRawSession(hub.url, flooder);
      flood.socket.pause();
      // Without back-pressure every frame costs the hub one answer: 2,000 of them is ~330 MiB.
      const framesMax = 2_000;
      const accepted = await floodUntilRefused(flood, framesMax);
      const growth = (await residentRange()).high - baseline;
      console.info(`submit flood: ${accepted} frames of ${sessionSubmitBatchMax} accepted, ` +
        `${(answerBytes / 1024).toFixed(0)} KiB of answers each, hub RSS grew ` +
        `${(growth / MiB).toFixed(1)} MiB (bound ${(floodGrowthBytesMax / MiB).toFixed(0)} MiB)`);
      expect(accepted).toBeLessThan(framesMax);
      expect(await metric(hub.url, 'session_reading_paused_total{reason="buffered"}'))
        .toBeGreaterThan(pausedBefore);
      expect(growth).toBeLessThan(floodGrowthBytesMax);
      expect(await healthStatus(hub.url)).toBe(200);
      await stillDelivers(alive, peer, 1);

      // Over the limit past sessionBufferedStallMsMax: closed with 1008 (bounded wait, 40 s).
      expect(await pollUntil(() => metric(hub.url, "session_stalled_closes_total"),
        (count) => count >= 1, { attempts: 400, everyMs: 100 })).toBe(1);
      flood.socket.resume();
      await flood.closed;
      expect(flood.reader.closeCode).toBe(1008);
      expect(hub.child.exitCode).toBeNull();
      expect(await healthStatus(hub.url)).toBe(200);
    }, 120_000);

  it("session: deliveries to a receiver that does not read stop at the buffer limit and " +
    "resume when it reads", async () => {
    const sender = await addBank("STMTUS33XXX", { work, data });
    const receiver = await addBank("STMTJPJTXXX", { work, data });
    expect(checkMt(statement(sender.bic, receiver.bic, 0))).toEqual([]);
    const total = sessionUnackedMessagesMax;
    const out = openSession({ hubUrl: hub.url, bic: sender.bic,
      privateKeyPem: sender.privateKeyPem });
    for (let batch = 0; batch < total / inboxPageSizeMax; batch += 1) {
      const answers = await out.submit(Array.from({ length: inboxPageSizeMax },
        (_v, n) => statement(sender.bic, receiver.bic, batch * inboxPageSizeMax + n + 1)));
      expect(answers.filter((answer) => answer.status !== "ACK")).toEqual([]);
    }
    out.close();

    const series = 'session_reading_paused_total{reason="buffered"}';
    const pausedBefore = await metric(hub.url, series);
    const baseline = (await residentRange()).low;
    const raw = await openRawSession(hub.url, receiver);
    raw.socket.pause();
    expect(await pollUntil(() => metric(hub.url, series), (count) => count > pausedBefore,
      { attempts: 200, everyMs: 50 })).toBe(pausedBefore + 1);
    const growth = (await residentRange()).high - baseline;
    // The welcome of a second session tells how far the stream was handed out.
    const probe = await openRawSession(hub.url, receiver);
    await pollUntil(() => probe.reader.json().length, (count) => count >= 1,
      { attempts: 200, everyMs: 25 });
    const welcome = probe.reader.json()[0];
    probe.socket.destroy();
    // One page of these statements (~9.5 MB of JSON) is over the limit at once: the pump stops
    // after it, where it would have handed out the whole window.
    expect(welcome).toMatchObject({ type: "welcome", lastOsn: inboxPageSizeMax });

    // Reading again drains the buffer, and the hub delivers the rest.
    raw.socket.resume();
    const seen: number[] = [];
    let parsed = 0;
    const osns = () => {
      for (const frame of raw.reader.frames.slice(parsed)) {
        const value = JSON.parse(frame.payload.toString("utf8")) as { type: string;
          messages?: { osn: number }[] };
        if (value.type === "deliver") seen.push(...(value.messages ?? []).map((m) => m.osn));
      }
      parsed = raw.reader.frames.length;
      return seen.length;
    };
    await pollUntil(osns, (count) => count >= total, { attempts: 600, everyMs: 50 });
    expect(seen).toEqual(Array.from({ length: total }, (_v, n) => n + 1));
    raw.socket.end();
    await raw.closed;
    // What the session held: the buffer limit and the page that took it over, each in a few
    // copies (rows, the frame's JSON, the socket's copy, garbage not yet collected).
    const pageBytes = raw.reader.frames.find((frame) => frame.payload.length > MiB)
      ?.payload.length ?? 0;
    const bound = 4 * (sessionBufferedBytesMax + pageBytes);
    console.info(`non-reading receiver: ${String(welcome?.lastOsn)} of ${total} statements ` +
      `handed out (pages of ${(pageBytes / MiB).toFixed(1)} MiB), hub RSS grew ` +
      `${(growth / MiB).toFixed(1)} MiB (bound ${(bound / MiB).toFixed(0)} MiB)`);
    expect(growth).toBeLessThan(bound);
  }, 120_000);
});
