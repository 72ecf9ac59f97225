// Console pages on the hub's own data: overview charts, participants and sessions, message
// search, and one message with its parsed fields beside the raw text and its history.
import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api, field, time } from "./api.js";
import type {
  MessageDetail, MessagesAnswer, MessageSummary, OverviewView, ParticipantsAnswer,
} from "./api.js";

export function usePoll<T>(path: string, everyMs: number): { data: T | undefined; error: string } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState("");
  useEffect(() => {
    let alive = true;
    const load = () => api<T>(path).then(
      (value) => { if (alive) { setData(value); setError(""); } },
      (caught: Error) => { if (alive) setError(caught.message); });
    void load();
    const timer = everyMs > 0 ? setInterval(() => { void load(); }, everyMs) : undefined;
    return () => { alive = false; if (timer !== undefined) clearInterval(timer); };
  }, [path, everyMs]);
  return { data, error };
}

const palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04",
  "#db2777", "#64748b"];

/** "HH:MM" in the viewer's time zone, for the time axis. */
function clockLabel(seconds: number): string {
  const at = new Date(seconds * 1000);
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}

/** Seconds on the x axis, then one series per corridor, then the held messages. */
function chartData(o: OverviewView): uPlot.AlignedData {
  return [o.buckets.map((b) => b / 1000), ...o.corridors.map((c) => [...c.counts]), [...o.held]];
}

function TrafficChart(props: { overview: OverviewView }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const names = props.overview.corridors.map((c) => c.corridor).join(",");
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const o = props.overview;
    chart.current?.destroy();
    chart.current = new uPlot({
      width: Math.max(280, element.clientWidth), height: 260,
      series: [{}, ...o.corridors.map((c, i) => ({ label: c.corridor,
        stroke: palette[i % palette.length], width: 2 })),
      { label: "held", stroke: "#000", dash: [4, 4], width: 2 }],
      // 24-hour "HH:MM" labels: short enough that one a minute fits on a phone.
      axes: [{ values: (_u, splits) => splits.map(clockLabel) },
        { label: `messages / ${o.bucketMs / 1000} s` }],
    }, chartData(o), element);
    return () => { chart.current?.destroy(); chart.current = null; };
  }, [names]);
  useEffect(() => {
    chart.current?.setData(chartData(props.overview));
  }, [props.overview]);
  return <div ref={box} class="chart" aria-label="Traffic by corridor" role="img" />;
}

function Bars(props: { rows: { label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <ul class="bars" aria-label={props.label}>
      {props.rows.map((r) => (
        <li><span class="bar-label">{r.label}</span>
          <span class="bar" style={{ width: `${(r.value / max) * 100}%` }} />
          <span class="bar-value">{r.value}</span></li>))}
    </ul>
  );
}

export function OverviewPage() {
  const { data, error } = usePoll<OverviewView>("/overview", 2_000);
  const previous = useRef<OverviewView | undefined>(undefined);
  const [latency, setLatency] = useState<string>("n/a");
  useEffect(() => {
    if (data === undefined) return;
    const before = previous.current;
    if (data.screening !== null && before?.screening) {
      const count = data.screening.count - before.screening.count;
      const sum = data.screening.sumMs - before.screening.sumMs;
      if (count > 0) setLatency(`${(sum / count).toFixed(2)} ms`);
    }
    previous.current = data;
  }, [data]);
  if (data === undefined) return <p>{error || "Loading overview…"}</p>;
  const window = data.totals.reduce((a, b) => a + b, 0);
  const held = data.held.reduce((a, b) => a + b, 0);
  const answered = data.answers.ack + data.answers.nak;
  const lastMinute = data.totals.slice(-12).reduce((a, b) => a + b, 0);
  return (
    <section>
      <h1>Overview</h1>
      {error !== "" && <p class="error">{error}</p>}
      <div class="kpis">
        <div><b data-testid="rate">{lastMinute}</b> messages in the last minute</div>
        <div><b>{answered === 0 ? "–" : `${((data.answers.ack / answered) * 100).toFixed(1)}%`}</b>
          ACK ({data.answers.ack} ACK / {data.answers.nak} NAK)</div>
        <div><b>{window === 0 ? "–" : `${((held / window) * 100).toFixed(1)}%`}</b> held
          (last {Math.round(data.buckets.length * data.bucketMs / 60_000)} min)</div>
        <div><b data-testid="held-total">{data.statusCounts.held ?? 0}</b> on hold now</div>
        <div><b>{latency}</b> screening latency</div>
      </div>
      <h2>Traffic by corridor</h2>
      <TrafficChart overview={data} />
      <div class="columns">
        <div><h2>By currency (last minute)</h2>
          <Bars label="Messages by currency"
            rows={data.currencies.map((c) => ({ label: c.currency, value: c.count }))} /></div>
        <div><h2>Queue depths</h2>
          <Bars label="Queue depth by receiver"
            rows={data.queueDepths.map((q) => ({ label: q.receiver, value: q.depth }))} /></div>
        <div><h2>Messages by status</h2>
          <Bars label="Messages by status" rows={Object.entries(data.statusCounts)
            .map(([label, value]) => ({ label, value }))} /></div>
      </div>
    </section>
  );
}

export function ParticipantsPage() {
  const { data, error } = usePoll<ParticipantsAnswer>("/participants", 3_000);
  if (data === undefined) return <p>{error || "Loading participants…"}</p>;
  return (
    <section>
      <h1>Participants and sessions</h1>
      <div class="table-wrap"><table>
        <thead><tr><th>BIC</th><th>Name</th><th>Country</th><th>Parent</th><th>Status</th>
          <th>Sessions</th><th>Queue</th></tr></thead>
        <tbody>{data.participants.map((p) => (
          <tr data-bic={p.bic}><td><a href={`#/messages?bic=${p.bic}`}>{p.bic}</a></td>
            <td>{p.name}</td><td>{p.country}</td><td>{p.parent ?? ""}</td>
            <td><span class={`badge ${p.status}`}>{p.status}</span>
              {p.reason ? <small> {p.reason}</small> : null}</td>
            <td>{p.sessions > 0 ? `● ${p.sessions}` : "○"}</td><td>{p.queueDepth}</td></tr>))}
        </tbody>
      </table></div>
    </section>
  );
}

export function MessageTable(props: { messages: readonly MessageSummary[] }) {
  return (
    <div class="table-wrap"><table>
      <thead><tr><th>Created</th><th>Type</th><th>Sender</th><th>Receiver</th><th>Reference</th>
        <th>Currency</th><th>Status</th></tr></thead>
      <tbody>{props.messages.map((m) => (
        <tr><td>{time(m.createdAt)}</td><td>{m.type}</td><td>{m.sender}</td><td>{m.receiver}</td>
          <td><a href={`#/messages/${m.id}`}>{m.reference || m.id}</a></td>
          <td>{m.currency ?? ""}</td><td><span class={`badge ${m.status}`}>{m.status}</span></td>
        </tr>))}
      </tbody>
    </table></div>
  );
}

const searchFields = ["bic", "reference", "uetr", "type", "status"] as const;

export function MessagesPage() {
  const initial = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const [query, setQuery] = useState(initial.toString());
  const { data, error } = usePoll<MessagesAnswer>(`/messages?${query}`, 0);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const name of searchFields) {
      const value = field(form, name).trim();
      if (value !== "") params.set(name, value);
    }
    setQuery(params.toString());
  };
  return (
    <section>
      <h1>Messages</h1>
      <form class="search" onSubmit={submit} aria-label="Search messages">
        {searchFields.map((name) => name === "status" ? (
          <label>Status <select name="status" value={initial.get("status") ?? ""}>
            {["", "queued", "held", "delivered", "acknowledged", "rejected", "aborted"]
              .map((s) => <option value={s}>{s === "" ? "any" : s}</option>)}</select></label>
        ) : (
          <label>{name.toUpperCase() === "BIC" || name === "uetr" ? name.toUpperCase()
            : name[0]?.toUpperCase() + name.slice(1)}
            <input name={name} value={initial.get(name) ?? ""} /></label>))}
        <button type="submit">Search</button>
      </form>
      {error !== "" && <p class="error" role="alert">{error}</p>}
      {data === undefined ? <p>Searching…</p> : <MessageTable messages={data.messages} />}
    </section>
  );
}

export function MessagePage(props: { id: string }) {
  const { data, error } = usePoll<MessageDetail>(`/messages/${encodeURIComponent(props.id)}`, 0);
  if (data === undefined) return <p>{error || "Loading message…"}</p>;
  const m = data.message;
  const history = [
    { at: m.createdAt, what: `accepted (ACK), ISN ${m.isn ?? "–"}` },
    ...(m.deliveredAt === null ? [] : [{ at: m.deliveredAt,
      what: `delivered to ${m.receiver}, OSN ${m.osn ?? "–"}` }]),
    ...(m.acknowledgedAt === null ? [] : [{ at: m.acknowledgedAt,
      what: "acknowledged by the receiver" }]),
    ...data.notices.map((n) => ({ at: n.createdAt, what: `notice: ${n.type}` })),
  ].sort((a, b) => a.at - b.at);
  return (
    <section>
      <h1>{m.type} {m.reference}</h1>
      <p><span class={`badge ${m.status}`}>{m.status}</span> {m.sender} → {m.receiver}
        {m.uetr === null ? "" : ` · UETR ${m.uetr}`}</p>
      <div class="columns message">
        <div><h2>Parsed fields</h2>
          {data.problems.map((p) => <p class="error">{p}</p>)}
          <div class="table-wrap"><table class="fields"><tbody>{data.fields.map((f) => (
            <tr><th scope="row">{f.name}</th><td><pre>{f.value}</pre></td></tr>))}
          </tbody></table></div></div>
        <div><h2>Raw text</h2><pre class="raw" tabIndex={0}>{data.raw}</pre></div>
      </div>
      <h2>History</h2>
      <ol class="history">{history.map((h) => <li>{time(h.at)} — {h.what}</li>)}</ol>
      {data.related.length > 0 && <><h2>Same UETR</h2><MessageTable messages={data.related} /></>}
    </section>
  );
}
