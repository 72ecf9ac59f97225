// The cost of screening in flight: end-to-end durable throughput through the streaming
// session (submit to receiver ack) with every test-data sanctions list loaded into the hub, beside
// the same run on a hub without lists (screening off), measured one after the other.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { importFiles, loadListStore } from "../../adapters/index.js";
import { openSession } from "../../client/index.js";
import type { Answer } from "../../client/index.js";
import type { SanctionsList } from "../../screening/index.js";
import { benchBank, benchMt103, onboard, startHubChild } from "./bench-support.js";
import type { BenchBank } from "./bench-support.js";
import { sanctionsTestdata } from "./screening-data.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

/** Every list format in the test data, once (the CSV excerpt repeats the 2018 SDN list). */
const listFiles = [
  "ofac-sdn-csv-2018/sdn.csv", "ofac-cons-csv/cons_prim.csv",
  "ofac-cons-enhanced-xml/CONS_ENHANCED.ZIP", "un/UN_consolidated.xml",
  "opensanctions-ftm/eu_fsf_entities.ftm.json", "us-csl/csl.csv",
];

const waitMsMax = 300_000;
const batchSize = 500;
const batchesInFlightMax = 8;

interface FlowResult { perSecond: number; acked: number; held: number; naks: number }

/** Imports the lists with the project's importer (as `corridor lists import` does). */
function importTestLists(dataDir: string, log: (line: string) => void): SanctionsList[] {
  const paths = listFiles.map((file) => join(sanctionsTestdata, file));
  const started = performance.now();
  const imported = importFiles(paths, { dataDir, format: "auto",
    importedAt: "2026-01-01T00:00:00Z" });
  if (!imported.ok) {
    throw new Error(`Cannot import the test lists: ${imported.problems[0]?.message ?? ""}`);
  }
  const lists = loadListStore(dataDir);
  const entities = lists.reduce((sum, list) => sum + list.entities.length, 0);
  log(`screened-flow: imported ${lists.length} lists, ${entities} entities in ` +
    `${Math.round(performance.now() - started)} ms`);
  return lists;
}

/** Sends `count` MT103s through one session and waits until the receiver has them all. */
async function flow(url: string, banks: { a: BenchBank; b: BenchBank },
  options: { from: number; count: number }): Promise<FlowResult> {
  let received = 0;
  let expected = Number.POSITIVE_INFINITY;
  let arrived: (at: number) => void = () => undefined;
  const allArrived = new Promise<number>((resolve, reject) => {
    arrived = resolve;
    setTimeout(() => reject(new Error(`Cannot finish: ${received} of ${expected} delivered`)),
      waitMsMax).unref();
  });
  const receiver = openSession({ hubUrl: url, bic: banks.b.bic,
    privateKeyPem: banks.b.privateKeyPem, onMessages: (batch) => {
      received += batch.length;
      if (received >= expected) arrived(performance.now());
    } });
  const sender = openSession({ hubUrl: url, bic: banks.a.bic,
    privateKeyPem: banks.a.privateKeyPem });
  await Promise.all([sender.ready, receiver.ready]);
  const answers: Answer[] = [];
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let offset = 0; offset < options.count; offset += batchSize) {
    const payloads = Array.from({ length: Math.min(batchSize, options.count - offset) },
      (_v, i) => benchMt103(banks.a.bic, banks.b.bic, options.from + offset + i));
    const sent: Promise<void> = sender.submit(payloads).then((batch) => {
      answers.push(...batch);
      inFlight.delete(sent);
    });
    inFlight.add(sent);
    if (inFlight.size >= batchesInFlightMax) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const acks = answers.filter((a) => a.status === "ACK");
  const held = acks.filter((a) => a.disposition === "held").length;
  // Held messages wait for compliance: only the queued ones reach the receiver.
  expected = acks.length - held;
  if (received >= expected) arrived(performance.now());
  const finished = await allArrived;
  sender.close();
  receiver.close();
  return { perSecond: expected / ((finished - started) / 1000), acked: acks.length, held,
    naks: answers.length - acks.length };
}

/** An MT103 naming a listed person as beneficiary: proves that the hub screens what it gets. */
function probe(lists: readonly SanctionsList[], banks: { a: BenchBank; b: BenchBank }):
  string | undefined {
  for (const list of lists) {
    for (const entity of list.entities.slice(0, 2_000)) {
      const name = (entity.names[0]?.full ?? "").toUpperCase();
      if (entity.kind !== "person" || !/^[A-Z]+( [A-Z]+){1,3}$/.test(name)) continue;
      if (name.length > 35) continue;
      return benchMt103(banks.a.bic, banks.b.bic, 9_000_000)
        .replace("BENEFICIARY CUSTOMER NAME", name);
    }
  }
  return undefined;
}

async function screenedRun(options: BenchOptions, withLists: boolean,
  count: number): Promise<FlowResult & { probeHeld: boolean | undefined }> {
  const dataDir = join(options.workDir, withLists ? "hub-screened" : "hub-unscreened");
  const lists = withLists ? importTestLists(dataDir, options.log) : [];
  const hub = await startHubChild(dataDir, { screening: withLists ? "enforced" : "off" });
  const banks = { a: benchBank("SCRNUS33XXX"), b: benchBank("SCRNJPJTXXX") };
  try {
    await onboard(hub.url, dataDir, [banks.a, banks.b]);
    // A short warm-up so that both runs start with a compiled, connected hub.
    await flow(hub.url, banks, { from: 0, count: Math.min(2_000, count) });
    const result = await flow(hub.url, banks, { from: 100_000, count });
    const text = probe(lists, banks);
    let probeHeld: boolean | undefined;
    if (text !== undefined) {
      const sender = openSession({ hubUrl: hub.url, bic: banks.a.bic,
        privateKeyPem: banks.a.privateKeyPem });
      await sender.ready;
      const [answer] = await sender.submit([text]);
      sender.close();
      probeHeld = answer?.status === "ACK" && answer.disposition === "held";
    }
    return { ...result, probeHeld };
  } finally {
    await hub.stop();
  }
}

async function runScreenedFlow(options: BenchOptions): Promise<readonly BenchFigure[]> {
  if (!existsSync(sanctionsTestdata)) {
    if (process.env.CI === "true") {
      throw new Error(`Cannot run screened-flow: ${sanctionsTestdata} is absent in CI`);
    }
    options.log(`screened-flow: skipped, the test lists (${sanctionsTestdata}) are absent`);
    return [];
  }
  const count = options.quick ? 20_000 : 100_000;
  const off = await screenedRun(options, false, count);
  options.log(`screened-flow: screening off ${Math.round(off.perSecond)} msg/s`);
  const on = await screenedRun(options, true, count);
  options.log(`screened-flow: screening on ${Math.round(on.perSecond)} msg/s`);
  const ratio = on.perSecond / off.perSecond;
  return [
    { name: "streaming session end to end, screening off (baseline)", value: off.perSecond,
      unit: "msg/s", note: `${count} MT103, no lists loaded; NAKs ${off.naks}` },
    { name: "streaming session end to end, screening on (all test lists)", value: on.perSecond,
      unit: "msg/s", baseline: { name: "screening off", value: off.perSecond }, ratio,
      note: `${count} MT103 screened before commit; held ${on.held}, NAKs ${on.naks}; ` +
        `cost of screening ${((1 - ratio) * 100).toFixed(1)}% of throughput` },
    { name: "screening probe: a listed person as beneficiary is held", value:
      on.probeHeld === true ? 1 : 0, unit: "held", target: "1 (held)", met: on.probeHeld === true,
    note: on.probeHeld === undefined ? "no plain-Latin person name found to probe with"
      : "proves the screened run really screened" },
  ];
}

export const screenedFlowBenchSuite: BenchSuite = {
  name: "screened-flow",
  description: "streaming session end to end with screening on (all test lists) vs off",
  run: runScreenedFlow,
};
