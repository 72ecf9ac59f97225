// A low-rate /health prober for the overload benchmark, run as its own process so that the load
// generator's busy event loop does not delay its probes: one probe every EVERY_MS for DURATION_MS,
// then one JSON line on stdout with the probes sent, answered, their statuses and latencies.
import { performance } from "node:perf_hooks";

const [url, durationText, everyText, timeoutText] = process.argv.slice(2);
const durationMs = Number(durationText);
const everyMs = Number(everyText);
const timeoutMs = Number(timeoutText);
if (url === undefined || !(durationMs > 0) || !(everyMs > 0) || !(timeoutMs > 0)) {
  process.stderr.write("Cannot probe: give URL DURATION_MS EVERY_MS TIMEOUT_MS\n");
  process.exit(64);
}

interface Probe { readonly status: number; readonly ms: number }

/** One GET /health: its status (0 when it timed out or failed) and how long it took. */
async function probe(target: string): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch (error) {
    // A probe that timed out or whose connection failed is what this process measures.
    if (!(error instanceof Error)) throw error;
    return { status: 0, ms: performance.now() - started };
  }
}

const probes: Promise<Probe>[] = [];
const started = performance.now();
// Bounded: one probe per tick for durationMs; each probe is bounded by its own timeout.
for (let tick = 0; tick * everyMs < durationMs; tick += 1) {
  const wait = started + tick * everyMs - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  probes.push(probe(`${url}/health`));
}
const done = await Promise.all(probes);
const answered = done.filter((entry) => entry.status !== 0);
process.stdout.write(`${JSON.stringify({
  sent: done.length, answered: answered.length,
  ok: done.filter((entry) => entry.status === 200).length,
  latenciesMs: answered.map((entry) => entry.ms).sort((x, y) => x - y),
})}\n`);
