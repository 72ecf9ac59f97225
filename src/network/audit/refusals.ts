// Refused requests, counted in memory and appended to the audit chain as one entry per (kind,
// code, actor, route) and period: a refusal flood costs the chain a bounded number of entries
// per period instead of one fsynced entry per request, and every refusal is still counted.
import { assert } from "../../lib/index.js";
import {
  refusalActorCharsMax, refusalRowsMax, refusalSamplesPerRowMax, refusalTextCharsMax,
} from "../../limits.js";
import type { Clock } from "../ports.js";
import type { AuditLog } from "./audit-log.js";
import type { AuditDraft } from "./chain.js";

/**
 * Where a refusal happened: a participant request's signature, a streaming session's handshake,
 * a console sign-in, a console page or change (session, role, CSRF), a bearer-token route.
 */
export type RefusalKind = "signature" | "session" | "console-login" | "console-access" | "bearer";
export const refusalKinds: readonly RefusalKind[] =
  ["signature", "session", "console-login", "console-access", "bearer"];

export interface Refusal {
  readonly kind: RefusalKind;
  /** The rule that refused (signature-invalid, login-invalid, role-forbidden, ...). */
  readonly code: string;
  /** Who the request claimed to be (a key id, a name tried), as sent; sanitised here. */
  readonly actor: string;
  /** The route pattern refused, never a raw URL (ids and queries would make rows unbounded). */
  readonly route: string;
  /** Where it came from (a client address), kept only in the first samples of its row. */
  readonly detail?: string;
}

/** The metric counter the recorder counts every refusal on, by kind (`refusals_total`). */
export interface RefusalCounter {
  count(name: string, labels: Record<string, string>): void;
}

export interface RefusalRecorder {
  /** Counts one refusal: no I/O, constant work, bounded memory. */
  record(refusal: Refusal): void;
  /**
   * Appends one audit entry per row counted since the last flush, in one append, and starts a
   * new period; answers the number of entries. If the append fails the counts are kept for the
   * next flush and the error propagates. Called by one scheduled job per refusalFlushMs.
   */
  flush(): Promise<number>;
  /** Rows waiting for the next flush: at most rowsMax, plus one "other" row per kind. */
  size(): number;
}

interface Sample {
  readonly at: number;
  readonly detail?: string;
  /** In an "other" row, which row the refusal would have had. */
  readonly code?: string;
  readonly actor?: string;
  readonly route?: string;
}

interface Row {
  readonly kind: RefusalKind;
  readonly code: string;
  readonly actor: string;
  readonly route: string;
  readonly overflow: boolean;
  count: number;
  firstAt: number;
  lastAt: number;
  readonly samples: Sample[];
}

/** The stand-in for code, actor and route in a kind's row of refusals past the table bound. */
const otherText = "other";

/**
 * Printable ASCII only, cut to `max` characters first (so the work is bounded), and no `|`,
 * which separates the fields of the text an audit entry's hash covers.
 */
export function sanitiseRefusalText(text: string, max: number): string {
  assert(max > 0, "a sanitised text keeps at least one character");
  const kept = text.slice(0, max).replace(/[^\x20-\x7e]|\|/g, "?");
  assert(kept.length <= max, "a sanitised text is within its bound");
  return kept === "" ? "(none)" : kept;
}

/** What a row is keyed by. */
type RowKey = Pick<Refusal, "kind" | "code" | "actor" | "route">;

export function createRefusalRecorder(
  deps: { audit: Pick<AuditLog, "append">; clock: Clock; metrics: RefusalCounter },
  options: { rowsMax?: number } = {},
): RefusalRecorder {
  const rowsMax = options.rowsMax ?? refusalRowsMax;
  const table = createRefusalTable(rowsMax);
  let periodStart = deps.clock.now();
  return {
    record: (refusal) => {
      assert(refusalKinds.includes(refusal.kind), "a refusal has a known kind");
      deps.metrics.count("refusals_total", { kind: refusal.kind });
      const at = deps.clock.now();
      const sample: Sample = refusal.detail === undefined ? { at }
        : { at, detail: sanitiseRefusalText(refusal.detail, refusalTextCharsMax) };
      table.add({ kind: refusal.kind, code: sanitiseRefusalText(refusal.code, refusalTextCharsMax),
        actor: sanitiseRefusalText(refusal.actor, refusalActorCharsMax),
        route: sanitiseRefusalText(refusal.route, refusalTextCharsMax) },
      { count: 1, firstAt: at, lastAt: at, samples: [sample] });
    },
    flush: async () => {
      const now = deps.clock.now();
      const from = periodStart;
      const flushed = table.take();
      periodStart = now;
      if (flushed.length === 0) return 0;
      const drafts = flushed.map((row) => draftOf(row, { from, now }));
      assert(drafts.length <= rowsMax + refusalKinds.length, "one flush is bounded");
      let appended = false;
      try {
        await deps.audit.append(drafts);
        appended = true;
      } finally {
        // Not appended: the counts go back into the table for the next flush, never lost.
        if (!appended) {
          periodStart = Math.min(from, periodStart);
          for (const row of flushed) table.putBack(row);
        }
      }
      return drafts.length;
    },
    size: () => table.size(),
  };
}

/** Rows by (kind, code, actor, route), at most rowsMax, plus one "other" row per kind. */
function createRefusalTable(rowsMax: number): {
  add(key: RowKey, from: Pick<Row, "count" | "firstAt" | "lastAt" | "samples">): void;
  /** Puts back a row taken out (its append failed). */
  putBack(row: Row): void;
  /** Every row, in the order they were first counted; the table starts empty again. */
  take(): Row[];
  size(): number;
} {
  assert(Number.isSafeInteger(rowsMax) && rowsMax > 0, "a refusal table holds at least one row");
  let rows = new Map<string, Row>();
  /** A kind's row for refusals past the bound; its key has one field less than any other. */
  const otherRowOf = (kind: RefusalKind): Row => {
    const key = `${kind}\n\n`;
    const row = rows.get(key) ?? newRow({ kind, code: otherText, actor: otherText,
      route: otherText }, true);
    rows.set(key, row);
    return row;
  };
  /** The row a refusal counts in: its own, a new one under the bound, else its kind's other. */
  const rowFor = (key: RowKey): Row => {
    const text = [key.kind, key.code, key.actor, key.route].join("\n");
    const existing = rows.get(text);
    if (existing !== undefined) return existing;
    if (rows.size - otherRows(rows) >= rowsMax) return otherRowOf(key.kind);
    const row = newRow(key, false);
    rows.set(text, row);
    return row;
  };
  const add = (into: Row, key: RowKey, from: Pick<Row, "count" | "firstAt" | "lastAt" |
    "samples">): void => {
    into.count += from.count;
    into.firstAt = Math.min(into.firstAt, from.firstAt);
    into.lastAt = Math.max(into.lastAt, from.lastAt);
    for (const sample of from.samples) {
      if (into.samples.length >= refusalSamplesPerRowMax) break;
      // In an "other" row each sample says which row it would have had.
      into.samples.push(into.overflow && sample.code === undefined
        ? { ...sample, code: key.code, actor: key.actor, route: key.route } : sample);
    }
    assert(rows.size - otherRows(rows) <= rowsMax, "the refusal table stays within its bound");
  };
  return {
    add: (key, from) => { add(rowFor(key), key, from); },
    putBack: (row) => { add(row.overflow ? otherRowOf(row.kind) : rowFor(row), row, row); },
    take: () => {
      const taken = [...rows.values()];
      rows = new Map();
      return taken;
    },
    size: () => rows.size,
  };
}

/** The "other" rows among a table's rows (at most one per kind). */
function otherRows(rows: ReadonlyMap<string, Row>): number {
  let others = 0;
  for (const kind of refusalKinds) if (rows.has(`${kind}\n\n`)) others += 1;
  return others;
}

function newRow(key: RowKey, overflow: boolean): Row {
  return { kind: key.kind, code: key.code, actor: key.actor, route: key.route, overflow,
    count: 0, firstAt: Number.POSITIVE_INFINITY,
    lastAt: Number.NEGATIVE_INFINITY, samples: [] };
}

/** "N refusals of kind K with code C from X in the last period", with its first samples. */
function draftOf(row: Row, period: { from: number; now: number }): AuditDraft {
  assert(row.count > 0, "a flushed row counts at least one refusal");
  const seconds = Math.max(0, Math.round((period.now - period.from) / 1_000));
  const summary = `${row.count} refusal${row.count === 1 ? "" : "s"} of kind ${row.kind} ` +
    `with code ${row.code} from "${row.actor}" in the last ${seconds} s`;
  return { at: period.now, kind: "refusal", actor: row.actor, subject: row.route,
    detail: JSON.stringify({ summary, refusal: row.kind, code: row.code, count: row.count,
      route: row.route, firstAt: row.firstAt, lastAt: row.lastAt, periodFrom: period.from,
      ...(row.overflow ? { overflow: true } : {}), samples: row.samples }) };
}
