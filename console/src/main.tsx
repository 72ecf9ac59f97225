// The console app: sign-in, navigation by URL fragment (#/overview, #/messages/ID ...), pages.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, setCsrfToken } from "./api.js";
import type { ConsoleAccount, LoginAnswer, ScreeningAnswer, SessionAnswer } from "./api.js";
import { MessagePage, MessagesPage, OverviewPage, ParticipantsPage } from "./pages.js";
import { AuditPage, CompliancePage, ListsPage, PoliciesPage } from "./controls.js";
import "./styles.css";

const pages = [
  { path: "overview", title: "Overview" }, { path: "participants", title: "Participants" },
  { path: "messages", title: "Messages" }, { path: "compliance", title: "Compliance" },
  { path: "policies", title: "Policies" }, { path: "lists", title: "Lists" },
  { path: "audit", title: "Audit" },
];

function useRoute(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, "") || "overview").split("/");
  const [route, setRoute] = useState(read());
  useEffect(() => {
    const listener = () => setRoute(read());
    addEventListener("hashchange", listener);
    return () => removeEventListener("hashchange", listener);
  }, []);
  return route;
}

function Login(props: { onSignedIn: (account: ConsoleAccount) => void }) {
  const [error, setError] = useState("");
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    try {
      const answer = await api<LoginAnswer>("/login", {
        method: "POST", body: { name: form.get("name"), password: form.get("password") } });
      setCsrfToken(answer.csrfToken);
      props.onSignedIn(answer.account);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <main class="login">
      <form onSubmit={(event) => { void submit(event); }} aria-label="Sign in">
        <h1>Corridor console</h1>
        <label>Account <input name="name" autocomplete="username" required /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password"
          required /></label>
        <button type="submit">Sign in</button>
        {error !== "" && <p class="error" role="alert">{error}</p>}
      </form>
    </main>
  );
}

/** How often the shell asks whether screening is on: a change shows within this time. */
const screeningPollMs = 10_000;

/** A banner on every page while screening is off or cannot screen payments. */
function ScreeningBanner() {
  const [status, setStatus] = useState<ScreeningAnswer | undefined>(undefined);
  useEffect(() => {
    const read = () => {
      api<ScreeningAnswer>("/screening").then(setStatus, () => setStatus(undefined));
    };
    read();
    const timer = setInterval(read, screeningPollMs);
    return () => clearInterval(timer);
  }, []);
  if (status === undefined) return null;
  if (status.mode === "off") {
    return <p class="banner" role="alert" data-testid="screening-banner">Screening is off: this
      hub was started with --screening off, so no message is screened against sanctions
      lists.</p>;
  }
  if (!status.acceptsPayments) {
    return <p class="banner" role="alert" data-testid="screening-banner">No sanctions list is in
      force: payments are refused (screening-unavailable) until a list is imported.</p>;
  }
  return null;
}

function Page(props: { route: string[]; account: ConsoleAccount }) {
  const [page, id] = props.route;
  switch (page) {
    case "participants": return <ParticipantsPage />;
    case "messages":
      return id === undefined ? <MessagesPage /> : <MessagePage id={decodeURIComponent(id)} />;
    case "compliance": return <CompliancePage account={props.account} />;
    case "policies": return <PoliciesPage account={props.account} />;
    case "lists": return <ListsPage />;
    case "audit": return <AuditPage />;
    case undefined:
    default: return <OverviewPage />;
  }
}

function App() {
  const [account, setAccount] = useState<ConsoleAccount | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    api<SessionAnswer>("/session").then((answer) => {
      setCsrfToken(answer.csrfToken ?? "");
      setAccount(answer.account);
    }, () => setAccount(null));
  }, []);
  if (account === undefined) return <p class="loading">Loading…</p>;
  if (account === null) return <Login onSignedIn={setAccount} />;
  const signOut = async () => {
    await api("/logout", { method: "POST" }).catch(() => undefined);
    setAccount(null);
  };
  return (
    <div class="shell">
      <header>
        <strong class="brand">Corridor</strong>
        <nav aria-label="Pages">
          {pages.map((p) => (
            <a href={`#/${p.path}`} aria-current={route[0] === p.path ? "page" : undefined}>
              {p.title}</a>))}
        </nav>
        <span class="who">{account.name} <em>({account.role})</em></span>
        <button type="button" onClick={() => { void signOut(); }}>Sign out</button>
      </header>
      <ScreeningBanner />
      <main><Page route={route} account={account} /></main>
    </div>
  );
}

const root = document.getElementById("app");
if (root !== null) render(<App />, root);
