// The overload benchmark: a hub's sustainable HTTP submit rate, measured briefly, then about ten
// times that rate offered for a bounded window. It reports the share of requests shed (429/503),
// /health latency seen by a separate low-rate prober, and the hub's resident memory: at idle,
// at its peak under the overload, and once the backlog has drained.
import { spawn } from "node:child_process";
import { openSync, closeSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type autocannon from "autocannon";
import { createRequestSigner } from "../../client/index.js";
import { benchBank, benchMt103, cliPath, onboard, percentile } from "./bench-support.js";
import type { BenchBank } from "./bench-support.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
/** Closed loop for the sustainable rate: the spine suite's HTTP figure uses 50 as well. */
const sustainableConnections = 50;
/**
 * The overload: as many connections as one client address may hold (under the hub's
 * per-address limit), each asking at the offered rate as soon as it has its last answer; the
 * hub decides how fast that is. No pipelining: no bank's HTTP client pipelines.
 */
const overloadConnections = 200;
const overloadPipelining = 1;
const overloadFactor = 10;
/** Signed requests prepared for the overload at most (each signature is accepted once). */
const overloadRequestsMax = 400_000;
/** Seconds autocannon waits for an answer before it counts a timeout and reconnects. */
const answerTimeoutSeconds = 10;
const healthEveryMs = 100;
const healthTimeoutMs = 5_000;
const residentEveryMs = 100;
/** The hub counts as drained once it used less than this share of one core for a second. */
const quietCpuShare = 0.05;
const quietWaitMsMax = 120_000;

type Signed = { path: string; headers: Record<string, string>; body: Buffer };

interface HubChild { url: string; pid: number; stop(): Promise<void> }

/** A hub process whose log goes to a file in the work directory, not to the bench's terminal. */
async function startHub(dataDir: string, logPath: string): Promise<HubChild> {
  const log = openSync(logPath, "a");
  const child = spawn(process.execPath, [cliPath, "serve", "--data", dataDir, "--port", "0",
    "--screening", "off"], { stdio: ["ignore", "ignore", log] });
  closeSync(log);
  const stop = () => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) { done(); return; }
    child.once("exit", () => done());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
  const info = join(dataDir, "hub.json");
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (existsSync(info)) {
      const parsed = JSON.parse(readFileSync(info, "utf8")) as { url: string; pid: number };
      if (parsed.pid === child.pid) return { url: parsed.url, pid: parsed.pid, stop };
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  await stop();
  throw new Error(`Cannot start the hub for the overload benchmark: see ${logPath}`);
}

/** Resident memory of a process in bytes (Linux: VmRSS in /proc/<pid>/status). */
function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (match === null) throw new Error(`Cannot read VmRSS of process ${pid}`);
  return Number(match[1]) * 1024;
}

/** CPU seconds a process has used (Linux: utime + stime in /proc/<pid>/stat, 100 ticks/s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits (bounded) until the hub used under quietCpuShare of a core over one second. */
async function waitQuiet(pid: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < quietWaitMsMax) {
    const before = cpuSeconds(pid);
    await new Promise((done) => setTimeout(done, 1_000));
    if (cpuSeconds(pid) - before < quietCpuShare) break;
  }
  return performance.now() - started;
}

/** Samples the hub's resident memory until stopped; answers the highest sample. */
function sampleResident(pid: number): { stop(): number } {
  let peak = residentBytes(pid);
  const timer = setInterval(() => { peak = Math.max(peak, residentBytes(pid)); },
    residentEveryMs);
  return { stop: () => { clearInterval(timer); return Math.max(peak, residentBytes(pid)); } };
}

function signAll(sender: BenchBank, receiver: string, options: { from: number; count: number }):
  Signed[] {
  const signer = createRequestSigner({ bic: sender.bic, privateKeyPem: sender.privateKeyPem });
  return Array.from({ length: options.count }, (_v, index) => {
    const body = Buffer.from(benchMt103(sender.bic, receiver, options.from + index));
    return { path: "/v1/messages", body, headers: {
      ...signer.headersFor({ method: "POST", target: "/v1/messages", body }),
      "content-type": "application/octet-stream" } };
  });
}

interface Fired {
  readonly statuses: ReadonlyMap<number, number>;
  readonly answered: number;
  readonly seconds: number;
  readonly errors: number;
  readonly timeouts: number;
}

async function fire(url: string, requests: readonly Signed[], options: {
  connections: number; pipelining: number; overallRate?: number; seconds?: number;
}): Promise<Fired> {
  const { default: autocannon } = await import("autocannon");
  let next = 0;
  const statuses = new Map<number, number>();
  let finish: (result: autocannon.Result) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve) => { finish = resolve; });
  const instance = autocannon({
    url, connections: options.connections, pipelining: options.pipelining,
    timeout: answerTimeoutSeconds,
    ...(options.seconds === undefined ? { amount: requests.length }
      : { duration: options.seconds }),
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    requests: [{ setupRequest: (request) => {
      // Past the prepared requests, signatures repeat and the hub refuses them as replays.
      const signed = requests[next % requests.length];
      next += 1;
      return { ...request, method: "POST", path: signed?.path ?? "/",
        headers: signed?.headers ?? {}, body: signed?.body ?? Buffer.alloc(0) };
    } }],
  }, (_error, result) => finish(result));
  instance.on("response", (_client, statusCode) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await finished;
  const answered = [...statuses.values()].reduce((sum, n) => sum + n, 0);
  return { statuses, answered, seconds: result.duration, errors: result.errors,
    timeouts: result.timeouts };
}

interface Probed { sent: number; answered: number; ok: number; latenciesMs: number[] }

/** The /health prober in its own process, for `durationMs`. */
function startProber(url: string, durationMs: number): Promise<Probed> {
  const child = spawn(process.execPath, [join(here, "health-prober.js"), url,
    String(durationMs), String(healthEveryMs), String(healthTimeoutMs)],
  { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => { out += chunk.toString(); });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`Cannot probe /health: the prober exited with ${code}`));
      else resolve(JSON.parse(out) as Probed);
    });
  });
}

/** Counters of the hub's /metrics whose series name starts with `prefix`. */
async function counters(url: string, prefix: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split("\n").filter((line) => line.startsWith(`corridor_${prefix}`))
    .map((line) => line.replace(/^corridor_/, "")).join(", ");
}

const count = (fired: Fired, status: number): number => fired.statuses.get(status) ?? 0;

async function runOverload(options: BenchOptions): Promise<readonly BenchFigure[]> {
  const dataDir = join(options.workDir, "hub");
  const hub = await startHub(dataDir, join(options.workDir, "hub.log"));
  const banks = { a: benchBank("BNCHUS33XXX"), b: benchBank("BNCHJPJTXXX") };
  try {
    await onboard(hub.url, dataDir, [banks.a, banks.b]);
    const warm = await fire(hub.url, signAll(banks.a, banks.b.bic,
      { from: 0, count: options.quick ? 4_000 : 12_000 }),
    { connections: sustainableConnections, pipelining: 1 });
    const sustainable = count(warm, 201) / warm.seconds;
    options.log(`overload: sustainable ${Math.round(sustainable)} ACK/s (closed loop, ` +
      `${sustainableConnections} connections)`);
    await waitQuiet(hub.pid);
    const idle = residentBytes(hub.pid);
    const seconds = options.quick ? 5 : 20;
    const offered = Math.round(sustainable * overloadFactor);
    const prepared = signAll(banks.a, banks.b.bic, { from: 1_000_000,
      count: Math.min(overloadRequestsMax, offered * seconds) });
    options.log(`overload: offering ${offered} req/s for ${seconds} s ` +
      `(${prepared.length} signed requests)`);
    const resident = sampleResident(hub.pid);
    const probing = startProber(hub.url, seconds * 1000);
    const storm = await fire(hub.url, prepared, { connections: overloadConnections,
      pipelining: overloadPipelining, overallRate: offered, seconds });
    const probed = await probing;
    const drainMs = await waitQuiet(hub.pid);
    const peak = resident.stop();
    await new Promise((done) => setTimeout(done, 2_000));
    const drained = residentBytes(hub.pid);
    const shedCounters = await counters(hub.url, "requests_shed_total");
    const nakCounters = await counters(hub.url, "naks_total");
    return overloadFigures({ sustainable, offered, storm, probed, idle, peak, drained, drainMs,
      seconds, shedCounters, nakCounters });
  } finally {
    await hub.stop();
  }
}

function overloadFigures(run: {
  sustainable: number; offered: number; storm: Fired; probed: Probed; idle: number;
  peak: number; drained: number; drainMs: number; seconds: number; shedCounters: string;
  nakCounters: string;
}): BenchFigure[] {
  const { storm, probed } = run;
  const shed = count(storm, 503) + count(storm, 429);
  const acked = count(storm, 201);
  const others = storm.answered - shed - acked;
  const healthP99 = percentile(probed.latenciesMs, 99);
  return [
    { name: "sustainable HTTP submit rate (closed loop, baseline)", value: run.sustainable,
      unit: "msg/s", note: `${sustainableConnections} connections; ACK after durable commit` },
    { name: "offered rate under overload", value: storm.answered / storm.seconds, unit: "req/s",
      baseline: { name: "sustainable rate", value: run.sustainable },
      ratio: storm.answered / storm.seconds / run.sustainable,
      note: `asked ${run.offered} req/s for ${run.seconds} s; ${overloadConnections} ` +
        `connections x ${overloadPipelining} pipelined; answered ${storm.answered}, ` +
        `errors ${storm.errors}, timeouts ${storm.timeouts}` },
    { name: "share of requests shed (429/503)", value: storm.answered === 0 ? 0
      : (100 * shed) / storm.answered, unit: "%",
      note: `ACK ${acked}, shed ${shed}, other ${others}; ${run.shedCounters}; ` +
        `${run.nakCounters}` },
    { name: "ACK rate under overload", value: acked / storm.seconds, unit: "msg/s",
      baseline: { name: "sustainable rate", value: run.sustainable },
      ratio: acked / storm.seconds / run.sustainable },
    { name: "/health p99 during the overload", value: healthP99, unit: "ms",
      target: "every probe answered 200", met: probed.ok === probed.sent,
      note: `${probed.ok} of ${probed.sent} probes answered 200 (every ${healthEveryMs} ms, ` +
        `${healthTimeoutMs} ms timeout); p50 ${percentile(probed.latenciesMs, 50).toFixed(1)} ` +
        `ms, max ${(probed.latenciesMs.at(-1) ?? 0).toFixed(1)} ms` },
    { name: "peak RSS under overload", value: run.peak / MiB, unit: "MiB",
      baseline: { name: "idle RSS", value: run.idle / MiB }, ratio: run.peak / run.idle },
    { name: "RSS after drain", value: run.drained / MiB, unit: "MiB",
      baseline: { name: "idle RSS", value: run.idle / MiB }, ratio: run.drained / run.idle,
      note: `the hub was quiet ${(run.drainMs / 1000).toFixed(1)} s after the load stopped` },
  ];
}

export const overloadBenchSuite: BenchSuite = {
  name: "overload",
  description: "hub at ~10x its sustainable HTTP rate: shed share, /health latency, memory",
  run: runOverload,
};
