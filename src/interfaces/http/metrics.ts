// Prometheus metrics: counters kept in memory by the HTTP edge, gauges read from the store and
// the screening gate (whether screening is enforced, and with how many lists).
import type { MessageQueries, ScreeningStatus } from "../../network/index.js";

/** What /metrics reads besides the in-memory counters. */
export interface MetricsSources {
  readonly queries: Pick<MessageQueries, "counts" | "queueDepths">;
  readonly screening: ScreeningStatus;
}

/**
 * Which series a render holds. Per-participant series (queue depth per receiver BIC) tell who
 * trades with whom and how much: only operators see them (a bearer token or the separate metrics
 * listener); the public /metrics has aggregate series only.
 */
export type MetricsDetail = "aggregate" | "per-participant";

export interface Metrics {
  count(name: string, labels?: Record<string, string>): void;
  observeMs(name: string, valueMs: number): void;
  /** A counter's value since start, 0 before its first count: for JSON, not the text. */
  counterValue(name: string, labels?: Record<string, string>): number;
  /** A histogram's observations and their sum since start; undefined before the first. */
  histogramTotals(name: string): { readonly count: number; readonly sumMs: number } | undefined;
  /** `detail` is aggregate unless the caller says otherwise. */
  render(sources: MetricsSources, options?: { detail?: MetricsDetail }): Promise<string>;
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
    render: async ({ queries, screening }, options) => {
      const lines: string[] = [];
      for (const [key, value] of counters) lines.push(`corridor_${key} ${value}`);
      for (const [name, h] of histograms) {
        buckets.forEach((bound, index) =>
          lines.push(`corridor_${name}_bucket{le="${bound}"} ${h.counts[index] ?? 0}`));
        lines.push(`corridor_${name}_bucket{le="+Inf"} ${h.total}`);
        lines.push(`corridor_${name}_sum ${h.sum}`, `corridor_${name}_count ${h.total}`);
      }
      lines.push(...screeningLines(screening));
      for (const [status, n] of Object.entries(await queries.counts())) {
        lines.push(`corridor_messages{status="${status}"} ${n}`);
      }
      // The public render does not even run the per-receiver query.
      if (options?.detail === "per-participant") {
        for (const { receiver, depth } of await queries.queueDepths()) {
          lines.push(`corridor_queue_depth{receiver="${receiver}"} ${depth}`);
        }
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

/** 1 when every message is screened; 0 when the operator turned screening off. */
function screeningLines(status: ScreeningStatus): string[] {
  const lines = [
    `corridor_screening_enforced ${status.mode === "enforced" ? 1 : 0}`,
    `corridor_screening_accepts_payments ${status.acceptsPayments ? 1 : 0}`,
    `corridor_screening_lists ${status.lists.length}`,
  ];
  for (const list of status.lists) {
    lines.push(`corridor_screening_list_entities{list="${list.id.replace(/["\\\n]/g, "_")}"} ` +
      `${list.entities}`);
  }
  return lines;
}
