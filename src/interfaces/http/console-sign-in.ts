// The console's sign-in, session and sign-out routes. A sign-in answers the same status, body and
// time for an unknown name as for a wrong password; it is throttled per (client, account), per
// client and per account (login-throttle.ts); every refusal is counted, a success audited.
import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { consoleCookieName, consoleError, requireConsole, sameOrigin } from "./console-auth.js";
import type { ConsoleSessions, PasswordCheck } from "./console-auth.js";
import type { LoginAnswer, SessionAnswer } from "./console-api-types.js";
import type { ConsoleOptions } from "./console-types.js";
import type { HttpDeps, HttpEnv, Role } from "./context.js";
import { readJsonObject } from "./json-body.js";
import type { LoginThrottle } from "./login-throttle.js";
import { clientAddressOf } from "./refusal-context.js";

export interface SignInContext {
  readonly deps: Pick<HttpDeps, "stores" | "refusals">;
  readonly sessions: ConsoleSessions;
  readonly options: Pick<ConsoleOptions, "audit">;
  readonly throttle: LoginThrottle;
  readonly passwords: PasswordCheck;
}

const everyone: readonly Role[] = ["operator", "compliance", "auditor"];
const loginRoute = "POST /console/api/login";
/** Characters of a name tried that are looked up and counted; real names are under 40. */
const nameCharsMax = 100;

export function signInRoutes(routes: Hono<HttpEnv>, context: SignInContext): void {
  const { deps, sessions } = context;
  routes.post("/api/login", (c) => signIn(c, context));
  // Answers 200 either way: the page asks before anyone signed in, and a 401 would be logged.
  routes.get("/api/session", (c) => {
    const session = sessions.find(getCookie(c, consoleCookieName));
    return c.json({ account: session?.account ?? null,
      csrfToken: session?.csrfToken ?? null } satisfies SessionAnswer);
  });
  routes.post("/api/logout", requireConsole({ sessions, refusals: deps.refusals }, everyone),
    (c) => {
      const token = getCookie(c, consoleCookieName);
      if (token !== undefined) sessions.end(token);
      deleteCookie(c, consoleCookieName, { path: "/console" });
      return c.json({ signedOut: true });
    });
}

async function signIn(c: Context<HttpEnv>, context: SignInContext): Promise<Response> {
  const { deps, sessions, throttle } = context;
  const client = clientAddressOf(c);
  const refused = (code: string, actor: string): void => {
    deps.refusals.record({ kind: "console-login", code, actor, route: loginRoute,
      detail: client });
  };
  if (!sameOrigin(c) || !(c.req.header("content-type") ?? "").includes("application/json")) {
    refused("csrf-origin-invalid", "unknown");
    return c.json(consoleError("csrf-origin-invalid", "origin",
      "Cannot sign in: the request does not come from the console"), 403);
  }
  const body = await readJsonObject(c, { action: "sign in" });
  if (!body.ok) {
    refused("body-invalid", "unknown");
    return c.json({ error: body.problems[0] }, 400);
  }
  const name = typeof body.value.name === "string" ? body.value.name.slice(0, nameCharsMax) : "";
  const password = typeof body.value.password === "string" ? body.value.password : "";
  // Decided on the name as typed, before the store is asked: the same for names that exist.
  const admission = throttle.admit({ client, account: name });
  if (!admission.ok) {
    refused(`login-${admission.reason}`, name);
    c.header("retry-after", String(Math.max(1, Math.ceil(admission.retryAfterMs / 1_000))));
    return c.json(consoleError("login-throttled", "name",
      "Cannot sign in: too many failed attempts, try again later"), 429);
  }
  const account = name === "" ? undefined : await deps.stores.accounts.findAccount({ name });
  // One key derivation either way: a stand-in hash when the account or its password is absent.
  const valid = await context.passwords.check(password, account?.passwordHash);
  if (account === undefined || !valid) {
    refused("login-invalid", name);
    return c.json(consoleError("login-invalid", "name",
      "Cannot sign in: unknown account or wrong password"), 401);
  }
  throttle.succeeded(admission.ticket);
  await context.options.audit?.({ kind: "login", actor: account.name, subject: account.name,
    detail: JSON.stringify({ channel: "console", ok: true }) });
  const session = sessions.create({ name: account.name, role: account.role });
  setCookie(c, consoleCookieName, session.token, { httpOnly: true, sameSite: "Strict",
    path: "/console", secure: new URL(c.req.url).protocol === "https:" });
  return c.json({ account: session.account, csrfToken: session.csrfToken } satisfies
    LoginAnswer);
}
