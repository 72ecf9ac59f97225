// What the console shows, computed from the store and the hub's in-process metrics: traffic by
// corridor (country pair) and currency, ACK/NAK and hold rates, queue depths, participants,
// and one message's parsed view. Its JSON types are in console-api-types.ts.
import {
  consoleCurrencyScanMessagesMax, consoleTrafficBucketMs, consoleTrafficWindowMs, queryRowsMax,
} from "../../limits.js";
import type { MessageQueries, StoredMessage, TrafficBucket } from "../../network/index.js";
import { parseMt, parseMx } from "../../standards/index.js";
import type { XmlElement } from "../../standards/index.js";
import type {
  MessageSummary, OverviewView, ParsedField, ParsedView,
} from "./console-api-types.js";
import type { Metrics } from "./metrics.js";

const corridorsShown = 8;

/** What the overview reads of the hub's metrics: counters and a histogram, as numbers. */
export type ConsoleMetrics = Pick<Metrics, "counterValue" | "histogramTotals">;

/** ACK and NAK answers and screening time since the hub started. */
function figuresOf(metrics: ConsoleMetrics): Pick<OverviewView, "answers" | "screening"> {
  return {
    answers: { ack: metrics.counterValue("submissions_total", { status: "ACK" }),
      nak: metrics.counterValue("submissions_total", { status: "NAK" }) },
    screening: metrics.histogramTotals("screening_latency_ms") ?? null,
  };
}

export function corridorOf(sender: string, receiver: string): string {
  // BIC characters 5-6 are the country code (ISO 9362); the hub's own notices have none.
  return sender === "CORRIDOR" ? "system" : `${sender.slice(4, 6)}>${receiver.slice(4, 6)}`;
}

function seriesOf(rows: readonly TrafficBucket[], buckets: readonly number[]) {
  const index = new Map(buckets.map((start, i) => [start, i]));
  const byCorridor = new Map<string, number[]>();
  const held = buckets.map(() => 0);
  const totals = buckets.map(() => 0);
  for (const row of rows) {
    const i = index.get(row.bucketStart);
    if (i === undefined) continue;
    const corridor = corridorOf(row.sender, row.receiver);
    const counts = byCorridor.get(corridor) ?? buckets.map(() => 0);
    counts[i] = (counts[i] ?? 0) + row.count;
    byCorridor.set(corridor, counts);
    totals[i] = (totals[i] ?? 0) + row.count;
    held[i] = (held[i] ?? 0) + row.held;
  }
  const ranked = [...byCorridor.entries()]
    .map(([corridor, counts]) => ({ corridor, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.corridor.localeCompare(b.corridor));
  const shown = ranked.slice(0, corridorsShown);
  const rest = ranked.slice(corridorsShown);
  if (rest.length > 0) {
    const counts = buckets.map((_, i) => rest.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0));
    shown.push({ corridor: "other", counts, total: counts.reduce((a, b) => a + b, 0) });
  }
  return { corridors: shown, held, totals };
}

/** The currency of a payment, statement or cover message, read from its text without parsing. */
export function currencyOf(message: StoredMessage): string | undefined {
  const text = message.payload.toString("utf8", 0, Math.min(message.payload.length, 20_000));
  if (message.format === "MT") {
    return /\r?\n:(?:32A:\d{6}|32B:|60[FM]:[CD]\d{6})([A-Z]{3})/.exec(text)?.[1];
  }
  if (message.format === "MX") return /\sCcy="([A-Z]{3})"/.exec(text)?.[1];
  return undefined;
}

export async function overviewOf(
  store: MessageQueries,
  options: { now: number; metrics: ConsoleMetrics },
): Promise<OverviewView> {
  const bucketMs = consoleTrafficBucketMs;
  const last = options.now - (options.now % bucketMs);
  const count = Math.floor(consoleTrafficWindowMs / bucketMs);
  const buckets = Array.from({ length: count }, (_, i) => last - (count - 1 - i) * bucketMs);
  const rows = await store.trafficBuckets({ since: buckets[0] ?? last, bucketMs,
    limit: queryRowsMax });
  const recent = await store.searchMessages({ createdFrom: options.now - 60_000,
    limit: consoleCurrencyScanMessagesMax });
  const currencies = new Map<string, number>();
  for (const message of recent) {
    const currency = currencyOf(message);
    if (currency !== undefined) currencies.set(currency, (currencies.get(currency) ?? 0) + 1);
  }
  const depths = [...await store.queueDepths()].sort((a, b) => b.depth - a.depth).slice(0, 12);
  return {
    now: options.now, bucketMs, buckets, ...seriesOf(rows, buckets),
    currencies: [...currencies.entries()].map(([currency, n]) => ({ currency, count: n }))
      .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency)),
    statusCounts: await store.counts(),
    queueDepths: depths.map((d) => ({ receiver: d.receiver, depth: d.depth })),
    ...figuresOf(options.metrics),
  };
}

export function messageSummary(message: StoredMessage): MessageSummary {
  return {
    id: message.id, sender: message.sender, receiver: message.receiver, format: message.format,
    type: message.type, reference: message.reference, uetr: message.uetr ?? null,
    status: message.status, isn: message.isn ?? null, osn: message.osn ?? null,
    priority: message.priority, createdAt: message.createdAt,
    deliveredAt: message.deliveredAt ?? null, acknowledgedAt: message.acknowledgedAt ?? null,
    deliveryCount: message.deliveryCount, corridor: corridorOf(message.sender, message.receiver),
    currency: currencyOf(message) ?? null,
  };
}

const fieldsShownMax = 2_000;

function xmlFields(root: XmlElement, prefix: string, out: ParsedField[]): void {
  // An explicit stack, not recursion: the parser already bounded depth, this bounds the output.
  const stack: { element: XmlElement; path: string }[] = [{ element: root, path: prefix }];
  while (stack.length > 0 && out.length < fieldsShownMax) {
    const { element, path } = stack.pop() as { element: XmlElement; path: string };
    const here = path === "" ? element.name : `${path}/${element.name}`;
    const attributes = element.attributes.map((a) => `${a.name}=${a.value}`).join(" ");
    if (element.children.length === 0) {
      out.push({ name: here, value: attributes === "" ? element.text
        : `${element.text} (${attributes})` });
    }
    for (let i = element.children.length - 1; i >= 0; i -= 1) {
      const child = element.children[i];
      if (child !== undefined) stack.push({ element: child, path: here });
    }
  }
}

/** The parsed fields of a stored message beside its raw text; parse problems are shown too. */
export function parsedView(message: StoredMessage): ParsedView {
  const raw = message.payload.toString("utf8");
  const fields: ParsedField[] = [];
  if (message.format === "MT") {
    const parsed = parseMt(raw);
    if (!parsed.ok) return { raw, fields, problems: parsed.problems.map((p) => p.message) };
    const text = parsed.value.text;
    for (const tag of parsed.value.userHeader ?? []) {
      fields.push({ name: `{3:${tag.tag}}`, value: tag.value });
    }
    if (text?.kind === "fields") {
      for (const field of text.fields) {
        fields.push({ name: field.tag, value: field.lines.join("\n") });
      }
    } else if (text?.kind === "tags") {
      for (const tag of text.tags) fields.push({ name: tag.tag, value: tag.value });
    }
    return { raw, fields, problems: [] };
  }
  if (message.format === "MX") {
    const parsed = parseMx(raw);
    if (!parsed.ok) return { raw, fields, problems: parsed.problems.map((p) => p.message) };
    if (parsed.value.appHdr !== undefined) xmlFields(parsed.value.appHdr, "", fields);
    xmlFields(parsed.value.document, "", fields);
    return { raw, fields, problems: [] };
  }
  return { raw, fields: [], problems: [] };
}
