// The hub spine benchmark: end-to-end durable throughput and ACK latency through the per-message
// HTTP API and the streaming session, each beside a bare baseline measured in the same run
// (an HTTP endpoint that does nothing; a raw durable insert loop).
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { createRequestSigner, openSession } from "../../client/index.js";
import type { Answer } from "../../client/index.js";
import type autocannon from "autocannon";
import {
  benchBank, benchMt103, onboard, percentile, startBareServer, startHubChild,
} from "./bench-support.js";
import type { BenchBank } from "./bench-support.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

interface LoadResult {
  requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; created: number;
}

type Signed = { method: "POST"; path: string; headers: Record<string, string>; body: Buffer };

async function load(url: string, requests: Signed[], options: { connections: number;
  overallRate?: number }): Promise<LoadResult> {
  const { default: autocannon } = await import("autocannon");
  let next = 0;
  let created = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve) => { finish = resolve; });
  const instance = autocannon({
    url, connections: options.connections, amount: requests.length, pipelining: 1,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    requests: [{ setupRequest: (request) => {
      const signed = requests[next % requests.length];
      next += 1;
      return { ...request, method: "POST", path: signed?.path ?? "/",
        headers: { ...signed?.headers, "content-type": "application/octet-stream" },
        body: signed?.body ?? Buffer.alloc(0) };
    } }],
  }, (_error, result) => finish(result));
  instance.on("response", (_client, statusCode) => { if (statusCode === 201) created += 1; });
  const result = await finished;
  // Only ACKs (201) count: a NAK or an error is not a message through the hub.
  return { requestsPerSecond: created / result.duration, p50Ms: result.latency.p50,
    p99Ms: result.latency.p99, errors: result.errors + result.non2xx, created };
}

function durableInsertBaseline(workDir: string, rows: number): number {
  const database = new Database(join(workDir, "baseline.db"));
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, payload BLOB)");
  const insert = database.prepare("INSERT INTO t (k, payload) VALUES (?, ?)");
  const payload = Buffer.alloc(600, 65);
  const batch = database.transaction((from: number) => {
    for (let n = from; n < from + 1000; n += 1) insert.run(`k${n}`, payload);
  });
  const started = performance.now();
  for (let n = 0; n < rows; n += 1000) batch(n);
  const seconds = (performance.now() - started) / 1000;
  database.close();
  return rows / seconds;
}

function signedSubmissions(sender: BenchBank, receiver: string, options: { from: number;
  count: number }): Signed[] {
  const signer = createRequestSigner({ bic: sender.bic, privateKeyPem: sender.privateKeyPem });
  return Array.from({ length: options.count }, (_v, index) => {
    const body = Buffer.from(benchMt103(sender.bic, receiver, options.from + index));
    return { method: "POST", path: "/v1/messages", body,
      headers: signer.headersFor({ method: "POST", target: "/v1/messages", body }) };
  });
}

const waitMsMax = 120_000;

/** A receiver session that acknowledges as it goes; `until(n)` resolves when n have arrived. */
function receiveAll(url: string, bank: BenchBank, count: number) {
  let received = 0;
  let expected = count;
  let finish: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve, reject) => {
    finish = resolve;
    setTimeout(() => reject(new Error(`Cannot finish: ${received} of ${expected} delivered`)),
      waitMsMax).unref();
  });
  const session = openSession({ hubUrl: url, bic: bank.bic, privateKeyPem: bank.privateKeyPem,
    onMessages: (batch) => {
      received += batch.length;
      if (received >= expected) finish(performance.now());
    } });
  const until = (n: number): Promise<number> => {
    expected = n;
    if (received >= n) finish(performance.now());
    return done;
  };
  return { session, done, until, received: () => received };
}

async function sessionThroughput(url: string, banks: { a: BenchBank; b: BenchBank },
  options: { from: number; count: number }): Promise<{ perSecond: number; naks: number }> {
  const payloads = Array.from({ length: options.count }, (_v, index) =>
    benchMt103(banks.a.bic, banks.b.bic, options.from + index));
  const receiver = receiveAll(url, banks.b, options.count);
  const sender = openSession({ hubUrl: url, bic: banks.a.bic,
    privateKeyPem: banks.a.privateKeyPem });
  await Promise.all([sender.ready, receiver.session.ready]);
  const started = performance.now();
  let naks = 0;
  const batchSize = 500;
  const inFlight = new Set<Promise<void>>();
  for (let offset = 0; offset < payloads.length; offset += batchSize) {
    const sent: Promise<void> = sender.submit(payloads.slice(offset, offset + batchSize))
      .then((answers: Answer[]) => {
        naks += answers.filter((a) => a.status === "NAK").length;
        inFlight.delete(sent);
      });
    inFlight.add(sent);
    if (inFlight.size >= 8) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const finished = await receiver.until(options.count - naks);
  sender.close();
  receiver.session.close();
  return { perSecond: (options.count - naks) / ((finished - started) / 1000), naks };
}

async function sessionLatency(url: string, banks: { a: BenchBank; b: BenchBank },
  options: { from: number; rate: number; seconds: number }): Promise<{ p50: number; p99: number }> {
  const sender = openSession({ hubUrl: url, bic: banks.a.bic,
    privateKeyPem: banks.a.privateKeyPem });
  const receiver = receiveAll(url, banks.b, options.rate * options.seconds);
  await Promise.all([sender.ready, receiver.session.ready]);
  const latencies: number[] = [];
  const tickMs = 10;
  const perTick = Math.round((options.rate * tickMs) / 1000);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let tick = 0; tick < (options.seconds * 1000) / tickMs; tick += 1) {
    const due = started + tick * tickMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const base = options.from + tick * perTick;
    const batch = Array.from({ length: perTick }, (_v, i) => benchMt103(banks.a.bic, banks.b.bic,
      base + i));
    const sentAt = performance.now();
    pending.push(sender.submit(batch).then(() => {
      const latency = performance.now() - sentAt;
      for (let i = 0; i < perTick; i += 1) latencies.push(latency);
    }));
  }
  await Promise.all(pending);
  await receiver.done;
  sender.close();
  receiver.session.close();
  latencies.sort((x, y) => x - y);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function runSpine(options: BenchOptions): Promise<readonly BenchFigure[]> {
  const scale = options.quick ? 0.2 : 1;
  const figures: BenchFigure[] = [];
  const insertRate = durableInsertBaseline(options.workDir, Math.round(100_000 * scale));
  options.log(`spine: raw durable insert loop ${Math.round(insertRate)} rows/s`);

  const bare = await startBareServer();
  const bareBody = Buffer.alloc(600, 65);
  const bareRequests: Signed[] = Array.from({ length: Math.round(50_000 * scale) }, () =>
    ({ method: "POST", path: "/", headers: {}, body: bareBody }));
  const bareResult = await load(bare.url, bareRequests, { connections: 50 });
  await bare.stop();
  options.log(`spine: bare HTTP ${Math.round(bareResult.requestsPerSecond)} req/s`);

  const dataDir = join(options.workDir, "hub");
  const hub = await startHubChild(dataDir, { screening: "off" });
  const banks = { a: benchBank("BNCHUS33XXX"), b: benchBank("BNCHJPJTXXX") };
  await onboard(hub.url, dataDir, [banks.a, banks.b]);
  try {
    const httpCount = Math.round(40_000 * scale);
    const signed = signedSubmissions(banks.a, banks.b.bic, { from: 0, count: httpCount });
    const receiver = receiveAll(hub.url, banks.b, httpCount);
    await receiver.session.ready;
    const httpStarted = performance.now();
    const httpResult = await load(hub.url, signed, { connections: 50 });
    const httpEndToEnd = httpResult.created /
      (((await receiver.until(httpResult.created)) - httpStarted) / 1000);
    receiver.session.close();
    options.log(`spine: HTTP submit ${Math.round(httpResult.requestsPerSecond)} ACK/s`);

    const latencyCount = Math.round(5_000 * (options.quick ? 2 : 5));
    const latencySigned = signedSubmissions(banks.a, banks.b.bic, { from: 1_000_000,
      count: latencyCount });
    const drain = receiveAll(hub.url, banks.b, latencyCount);
    const httpLatency = await load(hub.url, latencySigned, { connections: 50,
      overallRate: 5_000 });
    await drain.until(httpLatency.created);
    drain.session.close();

    const session = await sessionThroughput(hub.url, banks, { from: 2_000_000,
      count: Math.round(100_000 * scale) });
    options.log(`spine: session ${Math.round(session.perSecond)} msg/s end to end`);
    const sessionLat = await sessionLatency(hub.url, banks, { from: 3_000_000, rate: 5_000,
      seconds: options.quick ? 2 : 5 });

    figures.push(
      { name: "raw durable insert loop (baseline)", value: insertRate, unit: "rows/s",
        note: "better-sqlite3, WAL, synchronous=FULL, 600-byte rows, 1000 per transaction" },
      { name: "bare HTTP POST (baseline)", value: bareResult.requestsPerSecond, unit: "req/s",
        note: `p99 ${bareResult.p99Ms} ms, 50 connections, autocannon in the bench process` },
      { name: "HTTP API submit (ACK after durable commit)", value: httpResult.requestsPerSecond,
        unit: "msg/s", baseline: { name: "bare HTTP POST", value: bareResult.requestsPerSecond },
        ratio: httpResult.requestsPerSecond / bareResult.requestsPerSecond,
        target: ">= 0.80 of bare HTTP",
        met: httpResult.requestsPerSecond >= 0.8 * bareResult.requestsPerSecond,
        note: `errors ${httpResult.errors}; p99 ${httpResult.p99Ms} ms` },
      { name: "HTTP API end to end (submit to receiver ack)", value: httpEndToEnd, unit: "msg/s" },
      { name: "HTTP API ACK latency p99 at 5,000 msg/s offered", value: httpLatency.p99Ms,
        unit: "ms", target: "<= 10 ms", met: httpLatency.p99Ms <= 10,
        note: `p50 ${httpLatency.p50Ms} ms; achieved ` +
          `${Math.round(httpLatency.requestsPerSecond)} req/s` },
      { name: "streaming session end to end (submit to receiver ack)", value: session.perSecond,
        unit: "msg/s", baseline: { name: "raw durable insert loop", value: insertRate },
        ratio: session.perSecond / insertRate, target: ">= 20000 msg/s",
        met: session.perSecond >= 20_000, note: `NAKs ${session.naks}` },
      { name: "streaming session ACK latency p99 at 5,000 msg/s offered", value: sessionLat.p99,
        unit: "ms", target: "<= 10 ms", met: sessionLat.p99 <= 10,
        note: `p50 ${sessionLat.p50.toFixed(2)} ms` },
    );
  } finally {
    await hub.stop();
  }
  return figures;
}

export const spineBenchSuite: BenchSuite = {
  name: "spine",
  description: "hub end to end: HTTP API and streaming session vs bare HTTP and raw inserts",
  run: runSpine,
};
