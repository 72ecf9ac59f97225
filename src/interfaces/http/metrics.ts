// Prometheus metrics: counters kept in memory by the HTTP edge, gauges read from the store.
import type { MessageStore } from "../../network/index.js";

export interface Metrics {
  count(name: string, labels?: Record<string, string>): void;
  observeMs(name: string, valueMs: number): void;
  /** A counter's value since start, 0 before its first count: for JSON, not the text. */
  counterValue(name: string, labels?: Record<string, string>): number;
  /** A histogram's observations and their sum since start; undefined before the first. */
  histogramTotals(name: string): { readonly count: number; readonly sumMs: number } | undefined;
  render(store: MessageStore): Promise<string>;
}

function keyOf(name: string, labels: Record<string, string> | undefined): string {
  return labels === undefined ? name : `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`).join(",")}}`;
}

const buckets = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000];

export function createMetrics(): Metrics {
  const counters = new Map<string, number>();
  const histograms = new Map<string, { counts: number[]; sum: number; total: number }>();
  return {
    count: (name, labels) => {
      const key = keyOf(name, labels);
      counters.set(key, (counters.get(key) ?? 0) + 1);
    },
    counterValue: (name, labels) => counters.get(keyOf(name, labels)) ?? 0,
    histogramTotals: (name) => {
      const histogram = histograms.get(name);
      return histogram === undefined ? undefined
        : { count: histogram.total, sumMs: histogram.sum };
    },
    observeMs: (name, valueMs) => {
      let histogram = histograms.get(name);
      if (histogram === undefined) {
        histogram = { counts: buckets.map(() => 0), sum: 0, total: 0 };
        histograms.set(name, histogram);
      }
      buckets.forEach((bound, index) => {
        if (valueMs <= bound && histogram !== undefined) {
          histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
        }
      });
      histogram.sum += valueMs;
      histogram.total += 1;
    },
    render: async (store) => {
      const lines: string[] = [];
      for (const [key, value] of counters) lines.push(`corridor_${key} ${value}`);
      for (const [name, h] of histograms) {
        buckets.forEach((bound, index) =>
          lines.push(`corridor_${name}_bucket{le="${bound}"} ${h.counts[index] ?? 0}`));
        lines.push(`corridor_${name}_bucket{le="+Inf"} ${h.total}`);
        lines.push(`corridor_${name}_sum ${h.sum}`, `corridor_${name}_count ${h.total}`);
      }
      for (const [status, n] of Object.entries(await store.counts())) {
        lines.push(`corridor_messages{status="${status}"} ${n}`);
      }
      for (const { receiver, depth } of await store.queueDepths()) {
        lines.push(`corridor_queue_depth{receiver="${receiver}"} ${depth}`);
      }
      return `${lines.join("\n")}\n`;
    },
  };
}
