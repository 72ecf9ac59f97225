// Crash only on a failed assertion: a store call that breaks an invariant mid-stream ends the hub
// with the crash code (never a NAK or a 500), the crash is logged, and after a restart every
// message the client saw ACKed is delivered exactly once; what was unanswered may be re-sent.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CorridorError, createCorridorClient, openSession, withPossibleDuplicateEmission,
} from "../../src/client/index.js";
import type { Answer, InboxMessage } from "../../src/client/index.js";
import { onboard } from "../../src/main/bench/bench-support.js";
import { crashExitCode } from "../../src/main/crash.js";
import { makeBank } from "../support/harness.js";
import type { TestBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, readHubInfo, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const faultyHubScript = resolve(import.meta.dirname, "..", "support", "faulty-hub.mjs");
/** faulty-hub.mjs exits with this when the hub carried on after the injected assertion. */
const swallowedExitCode = 3;
/** How long a hub may take to exit after the assertion (bounded; the script's watchdog is 20 s). */
const exitWaitMs = 30_000;

interface Exit { readonly code: number | null; readonly signal: NodeJS.Signals | null }

interface FaultyHub {
  readonly url: string;
  readonly child: ChildProcess;
  /** Settles when the process has exited and its stderr is read to the end. */
  readonly exited: Promise<Exit>;
  stderr(): string;
}

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const entry of running.splice(0)) await entry.stop();
});

function freshDataDir(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `corridor-${name}-`)), "data");
}

/** Starts faulty-hub.mjs on `dataDir` and waits (bounded) for its hub.json. */
async function startFaultyHub(dataDir: string, args: readonly string[]): Promise<FaultyHub> {
  const info = join(dataDir, "hub.json");
  rmSync(info, { force: true });
  const child = spawn(process.execPath, [faultyHubScript, "--data", dataDir, ...args],
    { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<Exit>((done) => {
    child.once("close", (code, signal) => done({ code, signal }));
  });
  running.push({ stop: async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  } });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const parsed = readHubInfo(info);
    if (parsed !== undefined && parsed.pid === child.pid) {
      return { url: parsed.url, child, exited, stderr: () => stderr };
    }
    if (child.exitCode !== null) throw new Error(`Cannot start faulty hub: ${stderr}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`Cannot start faulty hub: no hub.json after 10 s; ${stderr}`);
}


/** The exit, or "still running" (then killed) when the hub has not exited within `ms`. */
async function exitWithin(hub: FaultyHub, ms: number): Promise<Exit | "still running"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"still running">((done) => {
    timer = setTimeout(() => done("still running"), ms);
  });
  const outcome = await Promise.race([hub.exited, late]);
  clearTimeout(timer);
  if (outcome === "still running") hub.child.kill("SIGKILL");
  return outcome;
}

/** The JSON lines of a hub's stderr (pino); other lines (Node warnings) are left out. */
function logLines(stderr: string): Record<string, unknown>[] {
  return stderr.split("\n").filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The crash handler's lines: the ones that carry the origin of the unhandled error. */
function crashLines(stderr: string): Record<string, unknown>[] {
  return logLines(stderr).filter((line) => line.origin !== undefined);
}

function errorMessageOf(line: Record<string, unknown> | undefined): unknown {
  return (line?.err as { message?: unknown } | undefined)?.message;
}

async function drainInbox(url: string, bank: TestBank): Promise<InboxMessage[]> {
  const client = createCorridorClient({ hubUrl: url, bic: bank.bic,
    privateKeyPem: bank.privateKeyPem });
  const all: InboxMessage[] = [];
  // Bounded: far more pages than the messages sent could fill.
  for (let page = 0; page < 1_000; page += 1) {
    const messages = await client.inbox({ limit: 500 });
    if (messages.length === 0) return all;
    all.push(...messages);
    await client.ack(client.lastOsn());
  }
  throw new Error("Cannot drain inbox: more pages than messages sent");
}

interface Stream {
  readonly payloads: Map<string, string>;
  readonly acked: Map<string, string>;
  readonly naked: Answer[];
  readonly unanswered: string[];
  readonly notSent: string[];
}

/**
 * Streams `total` MT103s over one session in frames of `frameSize`, `lanes` frames in flight,
 * until the hub exits; then closes the session, which rejects the frames still unanswered.
 */
async function streamUntilExit(hub: FaultyHub, banks: { sender: TestBank; receiver: TestBank },
  shape: { total: number; frameSize: number; lanes: number }): Promise<Stream> {
  const { sender, receiver } = banks;
  const stream: Stream = { payloads: new Map(), acked: new Map(), naked: [], unanswered: [],
    notSent: [] };
  const references = Array.from({ length: shape.total }, (_v, n) => `A${n}`);
  references.forEach((reference, n) => stream.payloads.set(reference, mt103({
    sender: sender.bic, receiver: receiver.bic, reference, uetr: testUetr(50_000 + n) })));
  const session = openSession({ hubUrl: hub.url, bic: sender.bic,
    privateKeyPem: sender.privateKeyPem });
  await session.ready;
  let exited = false;
  void hub.exited.then(() => { exited = true; session.close(); });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < references.length && !exited) {
      const frame = references.slice(next, next + shape.frameSize);
      next += frame.length;
      try {
        const answers = await session.submit(frame.map((r) => stream.payloads.get(r)!));
        answers.forEach((answer, index) => {
          if (answer.status === "ACK") stream.acked.set(frame[index]!, answer.id);
          else stream.naked.push(answer);
        });
      } catch {
        stream.unanswered.push(...frame);
      }
    }
  };
  await Promise.all(Array.from({ length: shape.lanes }, lane));
  stream.notSent.push(...references.slice(next));
  if (!exited) session.close();
  return stream;
}

/** Submits `payloads` over a new session on `url`, in frames of 100, one frame at a time. */
async function submitOverSession(url: string, bank: TestBank, payloads: readonly string[]):
  Promise<Answer[]> {
  const session = openSession({ hubUrl: url, bic: bank.bic, privateKeyPem: bank.privateKeyPem });
  await session.ready;
  const answers: Answer[] = [];
  for (let start = 0; start < payloads.length; start += 100) {
    answers.push(...await session.submit(payloads.slice(start, start + 100)));
  }
  session.close();
  return answers;
}

describe.skipIf(!distBuilt())("a failed assertion while a client streams (needs dist/)", () => {
  it("exits with the crash code and delivers every ACKed message exactly once", async () => {
    const data = freshDataDir("crash-assertion");
    const sender = makeBank("ASRTUS33XXX");
    const receiver = makeBank("ASRTJPJTXXX");
    const failingCall = 6;
    // "after": the failing commit is on disk but never answered, so its messages are both
    // unanswered and stored; the re-sent copies must not be delivered a second time.
    const faulty = await startFaultyHub(data, ["--fail", "commitSubmissions",
      "--on-call", String(failingCall), "--when", "after"]);
    await onboard(faulty.url, data, [sender, receiver]);
    const stream = await streamUntilExit(faulty, { sender, receiver },
      { total: 3_000, frameSize: 100, lanes: 3 });
    const exit = await exitWithin(faulty, exitWaitMs);

    expect(exit, `hub exit (${swallowedExitCode} means the assertion was swallowed)`)
      .toEqual({ code: crashExitCode, signal: null });
    // The assertion is never an answer: no NAK of any code, storage-unavailable included.
    expect(stream.naked).toEqual([]);
    expect(stream.acked.size).toBeGreaterThan(0);
    expect(stream.unanswered.length).toBeGreaterThan(0);
    const injected = `injected: commitSubmissions call ${failingCall} broke an invariant`;
    const crashed = crashLines(faulty.stderr());
    expect(crashed).toHaveLength(1);
    expect(crashed[0]?.level).toBe("error");
    expect(errorMessageOf(crashed[0])).toBe(injected);
    expect((crashed[0]?.err as { type?: unknown } | undefined)?.type).toBe("AssertionError");
    const ackedBeforeCrash = new Map(stream.acked);
    const mentions = logLines(faulty.stderr()).filter((line) => errorMessageOf(line) === injected);

    const hub: HubProcess = await startHubProcess(data);
    running.push(hub);
    // The sender does not know whether the unanswered ones landed: it re-sends them as PDE;
    // then it sends what it had not sent yet.
    const resend = [...stream.unanswered.map((reference) => ({ reference,
      payload: withPossibleDuplicateEmission(stream.payloads.get(reference)!) })),
    ...stream.notSent.map((reference) => ({ reference,
      payload: stream.payloads.get(reference)! }))];
    const answers = await submitOverSession(hub.url, sender, resend.map((r) => r.payload));
    const dispositions: Record<string, number> = {};
    answers.forEach((answer, index) => {
      const reference = resend[index]!.reference;
      expect(answer.status, reference).toBe("ACK");
      if (answer.status !== "ACK") return;
      dispositions[answer.disposition] = (dispositions[answer.disposition] ?? 0) + 1;
      stream.acked.set(reference, answer.id);
    });
    expect(answers).toHaveLength(resend.length);
    // The failing commit reached the disk: some re-sent copies are its duplicates.
    expect(dispositions.duplicate ?? 0).toBeGreaterThan(0);

    const delivered = await drainInbox(hub.url, receiver);
    const deliveredIds = delivered.map((m) => m.id);
    expect(delivered.map((m) => m.osn)).toEqual(delivered.map((_m, index) => index + 1));
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    expect(new Set(deliveredIds)).toEqual(new Set(stream.acked.values()));
    expect(delivered).toHaveLength(stream.payloads.size);
    for (const [reference, id] of ackedBeforeCrash) {
      const message = delivered.find((m) => m.id === id);
      expect(message?.reference, reference).toBe(reference);
      expect(message?.payload, reference).toBe(stream.payloads.get(reference));
    }
    console.info(`crash-assertion: sent ${stream.payloads.size - stream.notSent.length} ` +
      `before the crash, ACKed ${ackedBeforeCrash.size}, unanswered ${stream.unanswered.length}` +
      `, not sent ${stream.notSent.length}; re-sent dispositions ` +
      `${JSON.stringify(dispositions)}; delivered ${delivered.length}; ` +
      `exit ${JSON.stringify(exit)}; log lines with the assertion: ` +
      `${JSON.stringify(mentions.map((line) => line.msg))}`);
  }, 120_000);

  it("exits with the crash code instead of answering 500 when a read asserts", async () => {
    const data = freshDataDir("crash-assertion-read");
    const receiver = makeBank("ASRTGB2LXXX");
    const faulty = await startFaultyHub(data, ["--fail", "inboxPosition", "--on-call", "1"]);
    await onboard(faulty.url, data, [receiver]);
    const client = createCorridorClient({ hubUrl: faulty.url, bic: receiver.bic,
      privateKeyPem: receiver.privateKeyPem });
    // GET /v1/inbox reads the receiver's position first: that read fails the assertion.
    const outcome = await client.inbox({ limit: 10 }).then(
      (messages) => ({ answered: `200 with ${messages.length} messages` }),
      (error: unknown) => (error instanceof CorridorError
        ? { answered: `${error.status} ${error.code}` }
        : { connectionLost: true }));
    const exit = await exitWithin(faulty, exitWaitMs);

    expect(outcome, "the request must get no answer: the process exits first")
      .toEqual({ connectionLost: true });
    expect(exit, `hub exit (${swallowedExitCode} means the assertion was swallowed)`)
      .toEqual({ code: crashExitCode, signal: null });
    const crashed = crashLines(faulty.stderr());
    expect(crashed).toHaveLength(1);
    expect(errorMessageOf(crashed[0])).toBe("injected: inboxPosition call 1 broke an invariant");
    expect(faulty.stderr()).not.toContain("Cannot answer GET");

    // Recovery comes from the store: a normal hub on the same data answers the same read.
    const hub = await startHubProcess(data);
    running.push(hub);
    const again = createCorridorClient({ hubUrl: hub.url, bic: receiver.bic,
      privateKeyPem: receiver.privateKeyPem });
    expect(await again.inbox({ limit: 10 })).toEqual([]);
  }, 60_000);
});
