// The hub's own load, sampled on a timer for admission control: how late the event loop runs
// (perf_hooks monitorEventLoopDelay) and how much memory is in use (heap used plus external).
// Reading a gauge is a variable read: nothing is measured per request.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import type { AdmissionLimits, LoadGauges } from "../interfaces/index.js";
import {
  eventLoopDelayShedMs, httpRequestsInFlightLateMax, httpRequestsInFlightMax, hubMemoryShedBytes,
  loadSampleMs,
  overloadRetryAfterSeconds,
} from "../limits.js";

/** Milliseconds between the histogram's own timer ticks; it records each tick's full interval. */
const histogramResolutionMs = 10;
/** Ticks after which the histogram starts afresh: about three hours of ticks at 10 ms. */
const histogramTicksMax = 1_000_000;

export interface SampledLoadGauges extends LoadGauges {
  /** Takes a sample now (the timer does it every sampleMs). */
  sample(): void;
  stop(): void;
}

/** Gauges that never sample: an in-process hub (tests, tools) sheds only on its count. */
export const quietLoadGauges: LoadGauges = { loopDelayMs: () => 0, memoryBytes: () => 0 };

/**
 * Starts sampling every `sampleMs`. The loop delay is the mean gap between the histogram's
 * ticks since the last sample, less the tick itself: how late the loop typically ran, so that
 * one long pause (a major GC, a list reload) does not shed a window of requests, while a loop
 * that is late at every turn does. The histogram is read as running totals, not reset at each
 * sample: reset() makes it skip the first gap after it, which is the one a long block leaves.
 */
export function startLoadGauges(options: { sampleMs?: number } = {}): SampledLoadGauges {
  const sampleMs = options.sampleMs ?? loadSampleMs;
  const histogram = monitorEventLoopDelay({ resolution: histogramResolutionMs });
  histogram.enable();
  let loopDelayMs = 0;
  let memoryBytes = 0;
  let ticks = 0;
  let gapsNs = 0;
  const sample = (): void => {
    const ticksNow = histogram.count;
    // The histogram's mean is NaN before its first tick.
    const gapsNowNs = ticksNow === 0 ? 0 : histogram.mean * ticksNow;
    // No tick since the last sample: the loop has not turned; the last reading stands.
    if (ticksNow > ticks) {
      const meanGapMs = (gapsNowNs - gapsNs) / (ticksNow - ticks) / 1e6;
      loopDelayMs = Math.max(0, meanGapMs - histogramResolutionMs);
    }
    ticks = ticksNow;
    gapsNs = gapsNowNs;
    // Running totals lose precision as they grow: start afresh now and then (one gap skipped).
    if (ticksNow >= histogramTicksMax) {
      histogram.reset();
      ticks = 0;
      gapsNs = 0;
    }
    // Not process.memoryUsage(): it also reads the RSS from /proc, which this does not use.
    const heap = getHeapStatistics();
    memoryBytes = heap.used_heap_size + heap.external_memory;
  };
  sample();
  const timer = setInterval(sample, sampleMs);
  // The gauges never keep a process alive that has nothing else to do.
  timer.unref();
  return {
    loopDelayMs: () => loopDelayMs,
    memoryBytes: () => memoryBytes,
    sample,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

/** The admission limits in force: src/limits.ts, with what the operator set instead. */
export function admissionLimits(set: Partial<AdmissionLimits> = {}): AdmissionLimits {
  return {
    requestsInFlightMax: set.requestsInFlightMax ?? httpRequestsInFlightMax,
    loopDelayMsMax: set.loopDelayMsMax ?? eventLoopDelayShedMs,
    requestsInFlightLateMax: set.requestsInFlightLateMax ??
      Math.min(httpRequestsInFlightLateMax, set.requestsInFlightMax ?? httpRequestsInFlightMax),
    memoryBytesMax: set.memoryBytesMax ?? hubMemoryShedBytes,
    retryAfterSeconds: set.retryAfterSeconds ?? overloadRetryAfterSeconds,
  };
}
