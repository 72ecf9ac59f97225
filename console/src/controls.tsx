// Console pages on the sanctions controls: compliance queue (four-eyes release and reject),
// exclusion policies (propose, preview, approve: maker-checker), lists and the audit chain.
import { useState } from "preact/hooks";
import { api, field, time } from "./api.js";
import type {
  AuditAnswer, AuditVerdictView, CaseActionAnswer, CasesAnswer, ConsoleAccount, ListsAnswer,
  PoliciesAnswer, PolicyAnswer, PolicyPreviewAnswer,
} from "./api.js";
import { usePoll } from "./pages.js";

function Outcome(props: { text: string }) {
  return props.text === "" ? null : <p class="outcome" role="status">{props.text}</p>;
}

function explain(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function CompliancePage(props: { account: ConsoleAccount }) {
  const [tick, setTick] = useState(0);
  const [outcome, setOutcome] = useState("");
  const { data, error } = usePoll<CasesAnswer>(
    `/cases?status=open,release-proposed&t=${tick}`, 5_000);
  const act = async (id: string, action: "release" | "reject") => {
    try {
      const answer = await api<CaseActionAnswer>(`/cases/${id}/${action}`,
        { method: "POST", body: {} });
      setOutcome(`Case ${id}: ${answer.stage}`);
    } catch (caught) {
      setOutcome(`Case ${id}: ${(caught as Error).message}`);
    }
    setTick(tick + 1);
  };
  const officer = props.account.role === "compliance";
  return (
    <section>
      <h1>Compliance queue</h1>
      <p>Held messages wait for two different compliance officers: one proposes the release,
        another approves it.</p>
      <Outcome text={outcome} />
      {error !== "" && <p class="error">{error}</p>}
      {data?.cases.length === 0 && <p>No message is on hold.</p>}
      {data?.cases.map((c) => (
        <article class="case" data-case={c.id}>
          <h2><a href={`#/messages/${c.messageId}`}>{c.type} {c.reference}</a>
            {" "}<span class={`badge ${c.status}`}>{c.status}</span></h2>
          <p>{c.sender} → {c.receiver}, held {time(c.openedAt)}
            {c.proposedBy ? ` · release proposed by ${c.proposedBy}; another officer may approve`
              : " · any compliance officer may propose the release"}</p>
          <div class="table-wrap"><table>
            <thead><tr><th>Party</th><th>Matched</th><th>List</th><th>Programme</th>
              <th>Score</th><th>Why</th></tr></thead>
            <tbody>{c.hits.map((h) => (
              <tr><td>{h.party.role}: {h.party.value}</td><td>{h.listedName}</td>
                <td>{h.list} {h.listVersion}</td><td>{h.programmes.join(", ")}</td>
                <td>{h.score.toFixed(2)}</td>
                <td><small>{explain(h.explanation)}</small></td></tr>))}
            </tbody></table></div>
          {officer && <div class="actions">
            <button type="button" onClick={() => { void act(c.id, "release"); }}>
              {c.proposedBy ? "Approve release" : "Propose release"}</button>
            <button type="button" class="danger" onClick={() => { void act(c.id, "reject"); }}>
              Reject</button></div>}
        </article>))}
    </section>
  );
}

function PolicyForm(props: { done: (text: string) => void }) {
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const list = (name: string) => field(form, name).split(/[\s,]+/)
      .filter((v) => v !== "").map((v) => v.toUpperCase());
    try {
      const answer = await api<PolicyAnswer>("/policies", { method: "POST", body: {
        action: "exclude", reference: field(form, "reference"),
        institutions: list("institutions"), countries: list("countries"),
        carveOuts: list("carveOuts"), includeSubsidiaries: form.get("subsidiaries") === "on",
        direction: field(form, "direction") || "both", queued: "abort",
        // The browser's clock: "now" for the hub within the request's few milliseconds.
        effectiveAt: new Date().getTime() } });
      props.done(`Proposed ${answer.policy.id}; another operator must approve it`);
    } catch (caught) {
      props.done((caught as Error).message);
    }
  };
  return (
    <form class="policy-form" onSubmit={(event) => { void submit(event); }}
      aria-label="Propose an exclusion policy">
      <label>Legal reference <input name="reference" required /></label>
      <label>Institutions (BIC8) <input name="institutions" /></label>
      <label>Countries <input name="countries" /></label>
      <label>Carve-outs (BIC8) <input name="carveOuts" /></label>
      <label><input type="checkbox" name="subsidiaries" /> include subsidiaries</label>
      <label>Direction <select name="direction"><option>both</option><option>send</option>
        <option>receive</option></select></label>
      <button type="submit">Propose (effective now)</button>
    </form>
  );
}

export function PoliciesPage(props: { account: ConsoleAccount }) {
  const [tick, setTick] = useState(0);
  const [outcome, setOutcome] = useState("");
  const [preview, setPreview] = useState<object | null>(null);
  const { data, error } = usePoll<PoliciesAnswer>(`/policies?t=${tick}`, 5_000);
  const done = (text: string) => { setOutcome(text); setTick(tick + 1); };
  const approve = async (id: string) => {
    try {
      await api(`/policies/${id}/approve`, { method: "POST", body: {} });
      done(`Approved ${id}`);
    } catch (caught) { done(`${id}: ${(caught as Error).message}`); }
  };
  const show = async (id: string) => {
    try {
      setPreview((await api<PolicyPreviewAnswer>(`/policies/${id}/preview`))
        .preview);
    } catch (caught) { setOutcome((caught as Error).message); }
  };
  const operator = props.account.role === "operator";
  return (
    <section>
      <h1>Exclusion policies</h1>
      <Outcome text={outcome} />
      {error !== "" && <p class="error">{error}</p>}
      {operator && <PolicyForm done={done} />}
      <div class="table-wrap"><table>
        <thead><tr><th>Id</th><th>Reference</th><th>Names</th><th>Status</th><th>Effective</th>
          <th>Maker / checker</th><th /></tr></thead>
        <tbody>{data?.policies.map((p) => (
          <tr data-policy={p.id}><td>{p.id}</td><td>{p.reference}</td>
            <td>{[...p.institutions, ...p.countries].join(", ")}
              {p.includeSubsidiaries ? " + subsidiaries" : ""}
              {p.carveOuts.length > 0 ? ` (except ${p.carveOuts.join(", ")})` : ""}</td>
            <td><span class={`badge ${p.status}`}>{p.status}</span></td>
            <td>{time(p.effectiveAt)}</td><td>{p.proposedBy ?? ""} / {p.approvedBy ?? "–"}</td>
            <td><button type="button" onClick={() => { void show(p.id); }}>Preview</button>
              {operator && p.status === "proposed" && <button type="button"
                onClick={() => { void approve(p.id); }}>Approve</button>}</td></tr>))}
        </tbody></table></div>
      {preview !== null && <><h2>Preview</h2><pre class="raw">
        {JSON.stringify(preview, null, 2)}</pre></>}
    </section>
  );
}

export function ListsPage() {
  const { data, error } = usePoll<ListsAnswer>("/lists", 0);
  return (
    <section>
      <h1>Sanctions lists</h1>
      {error !== "" && <p class="error">{error}</p>}
      {data?.lists.map((l) => (
        <article class="case"><h2>{l.title}</h2>
          <p>{l.id} · version {l.version} · {l.entities} entities · {l.names} names</p>
          <div class="table-wrap"><table><thead><tr><th>#</th><th>Version</th><th>Imported</th>
            <th>Added</th><th>Removed</th><th>Changed</th></tr></thead>
          <tbody>{l.versions.map((v) => <tr><td>{v.seq}</td><td>{v.version}</td>
            <td>{v.importedAt}</td><td>{v.added}</td><td>{v.removed}</td><td>{v.changed}</td>
          </tr>)}</tbody></table></div></article>))}
    </section>
  );
}

export function AuditPage() {
  const [after, setAfter] = useState(0);
  const { data, error } = usePoll<AuditAnswer>(`/audit?after=${after}`, 0);
  const [verdict, setVerdict] = useState("");
  const verify = async () => {
    const answer = await api<AuditVerdictView>("/audit/verify");
    setVerdict(answer.ok ? `Chain intact: ${answer.entries} entries verified`
      : `Chain broken at entry ${answer.firstBad?.seq ?? "?"}: ${answer.firstBad?.message ?? ""}`);
  };
  const entries = data?.entries ?? [];
  return (
    <section>
      <h1>Audit</h1>
      <button type="button" onClick={() => { void verify(); }}>Verify the chain</button>
      <Outcome text={verdict} />
      {error !== "" && <p class="error">{error}</p>}
      <div class="table-wrap"><table>
        <thead><tr><th>#</th><th>Time</th><th>Kind</th><th>Actor</th><th>Subject</th>
          <th>Detail</th><th>Hash</th></tr></thead>
        <tbody>{entries.map((e) => <tr><td>{e.seq}</td><td>{time(e.at)}</td><td>{e.kind}</td>
          <td>{e.actor}</td><td>{e.subject}</td><td><small>{e.detail}</small></td>
          <td><code>{e.hash.slice(0, 12)}</code></td></tr>)}</tbody></table></div>
      {entries.length > 0 && <button type="button"
        onClick={() => setAfter(entries[entries.length - 1]?.seq ?? 0)}>Next page</button>}
    </section>
  );
}
