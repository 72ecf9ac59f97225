// Bench suite "store-history": whether the store's per-message work, and the console's queries,
// stay flat as one receiver's history grows. Messages go through commit, claim and
// acknowledgement in batches on the SQLite store; the last rounds are compared with the first.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openSqliteStore } from "../../adapters/index.js";
import type { MessageId, Submission } from "../../network/index.js";
import { consoleTrafficBucketMs, consoleTrafficWindowMs } from "../../limits.js";
import type { Bic } from "../../standards/index.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

const sender = "BNCHUS33XXX" as Bic;
const receiver = "BNCHJPJTXXX" as Bic;
const batchSize = 500;
/** Rounds averaged at each end of the run. */
const edgeRounds = 10;
/** Creation times 100 ms apart: the console's five-minute window holds 3,000 messages. */
const msPerMessage = 100;

type Store = ReturnType<typeof openSqliteStore>;

/**
 * The least time over five tries of the queries the console runs on its overview and message
 * pages, in ms, with `total` messages stored: counts, traffic, the last quiet minute, a
 * reference, a common status and a busy bank.
 */
async function consoleQueriesMs(store: Store, total: number): Promise<number> {
  const newest = (total - 1) * msPerMessage;
  const windowStart = newest - (newest % consoleTrafficBucketMs) - consoleTrafficWindowMs;
  let least = Infinity;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = performance.now();
    await store.counts();
    await store.trafficBuckets({ since: Math.max(0, windowStart),
      bucketMs: consoleTrafficBucketMs, limit: 10_000 });
    await store.searchMessages({ createdFrom: newest + 1, limit: 2_000 });
    await store.searchMessages({ reference: `REF${Math.floor(total / 2)}`, limit: 50 });
    await store.searchMessages({ status: "acknowledged", limit: 50 });
    await store.searchMessages({ bic: receiver, limit: 50 });
    least = Math.min(least, performance.now() - started);
  }
  return least;
}

interface PhaseTimes { commit: number; claim: number; ack: number }

function submissions(from: number, payload: Buffer): Submission[] {
  return Array.from({ length: batchSize }, (_v, i) => {
    const n = from + i;
    return { id: `M${n}` as MessageId, sender, receiver, format: "MT", type: "MT103",
      reference: `REF${n}`, uetr: undefined, priority: "normal", deliveryMonitoring: 0,
      possibleDuplicate: false, dedupeKey: `key${n}`, payload, createdAt: n * msPerMessage,
      obsoleteAt: n * msPerMessage + 86_400_000, initialStatus: "queued" };
  });
}

async function runStoreHistory(options: BenchOptions): Promise<readonly BenchFigure[]> {
  const store = openSqliteStore({ path: join(options.workDir, "history.db") });
  const rounds = options.quick ? 40 : 200;
  const payload = Buffer.alloc(600, 65);
  const rows: PhaseTimes[] = [];
  const consoleMs: number[] = [];
  try {
    for (const bic of [sender, receiver]) {
      await store.upsertParticipant({ bic, name: bic, publicKeyPem: "bench", parent: undefined,
        status: "active", createdAt: 0 });
    }
    let osn = 0;
    for (let round = 0; round < rounds; round += 1) {
      const batch = submissions(round * batchSize, payload);
      const started = performance.now();
      await store.commitSubmissions(batch);
      const committed = performance.now();
      const delivered = await store.claimInbox({ receiver, afterOsn: osn, limit: batchSize,
        now: round });
      const claimed = performance.now();
      osn = delivered[delivered.length - 1]?.osn ?? osn;
      await store.ackInbox(receiver, { uptoOsn: osn, now: round });
      rows.push({ commit: committed - started, claim: claimed - committed,
        ack: performance.now() - claimed });
      if (round === edgeRounds - 1 || round === rounds - 1) {
        consoleMs.push(await consoleQueriesMs(store, (round + 1) * batchSize));
      }
    }
  } finally {
    await store.close();
  }
  const perMessage = (slice: PhaseTimes[], phase: keyof PhaseTimes): number =>
    (slice.reduce((sum, row) => sum + row[phase], 0) * 1000) / (slice.length * batchSize);
  const first = rows.slice(0, edgeRounds);
  const last = rows.slice(-edgeRounds);
  const total = rounds * batchSize;
  options.log(`store-history: ${total} messages, ack ${perMessage(first, "ack").toFixed(1)} -> ` +
    `${perMessage(last, "ack").toFixed(1)} µs a message`);
  const [consoleEarly = 0, consoleLate = 0] = consoleMs;
  const consoleFigure: BenchFigure = {
    name: `console queries after ${total.toLocaleString("en")} messages`,
    value: Math.round(consoleLate * 100) / 100, unit: "ms",
    baseline: { name: `after ${(edgeRounds * batchSize).toLocaleString("en")}`,
      value: Math.round(consoleEarly * 100) / 100 },
    ratio: Math.round((consoleLate / consoleEarly) * 100) / 100, target: "flat (ratio <= 3)",
    met: consoleLate / consoleEarly <= 3,
    note: "counts, traffic chart, last quiet minute, a reference, a common status, a busy " +
      "bank; least of 5" };
  return [...(["commit", "claim", "ack"] as const).map((phase) => {
    const early = perMessage(first, phase);
    const late = perMessage(last, phase);
    return { name: `${phase} per message after ${total.toLocaleString("en")} messages to one ` +
      "receiver", value: Math.round(late * 10) / 10, unit: "µs",
    baseline: { name: `the first ${(edgeRounds * batchSize).toLocaleString("en")}`,
      value: Math.round(early * 10) / 10 },
    ratio: Math.round((late / early) * 100) / 100, target: "flat (ratio <= 1.5)",
    met: late / early <= 1.5,
    note: `SQLite store, batches of ${batchSize}, means of the first and last ${edgeRounds} ` +
      "rounds" };
  }), consoleFigure];
}

export const storeHistoryBenchSuite: BenchSuite = {
  name: "store-history",
  description: "SQLite store: commit, claim and acknowledgement cost per message as one " +
    "receiver's history grows (last rounds against the first)",
  run: runStoreHistory,
};
