// Prometheus metrics: counters kept in memory by the HTTP edge, gauges read from the store.
import type { MessageStore } from "../../network/index.js";

export interface Metrics {
  count(name: string, labels?: Record<string, string>): void;
  observeMs(name: string, valueMs: number): void;
  render(store: MessageStore): Promise<string>;
}

const buckets = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000];

export function createMetrics(): Metrics {
  const counters = new Map<string, number>();
  const histograms = new Map<string, { counts: number[]; sum: number; total: number }>();
  return {
    count: (name, labels) => {
      const key = labels === undefined ? name : `${name}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`).join(",")}}`;
      counters.set(key, (counters.get(key) ?? 0) + 1);
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
