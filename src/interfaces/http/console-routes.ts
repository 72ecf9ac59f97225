// The web console's HTTP side under /console: the built front end (console/dist) and its JSON
// API under /console/api (sign-in, overview, participants and sessions, message search).
import { existsSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { Hono } from "hono";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { consolePasswordCharsMax, consoleSearchResultsMax } from "../../limits.js";
import type { MessageId, MessageSearch, MessageStatus } from "../../network/index.js";
import { isBic } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import {
  consoleCookieName, consoleError, createConsoleSessions, requireConsole, sameOrigin,
  verifyPassword,
} from "./console-auth.js";
import type { ConsoleGuard, ConsoleSessions } from "./console-auth.js";
import { consoleControlRoutes } from "./console-controls.js";
import type {
  ListsAnswer, LoginAnswer, MessageDetail, MessagesAnswer, ParticipantsAnswer, ScreeningAnswer,
  SessionAnswer,
} from "./console-api-types.js";
import type { ConsoleAuditEntry, ConsoleOptions } from "./console-types.js";
import { messageSummary, overviewOf, parsedView } from "./console-view.js";
import type { HttpDeps, HttpEnv, Role } from "./context.js";

// The layer's index names these here; they live in leaf modules so that nothing cycles.
export type { ConsoleGuard } from "./console-auth.js";
export type { ConsoleAuditEntry, ConsoleOptions } from "./console-types.js";

const everyone: readonly Role[] = ["operator", "compliance", "auditor"];
const statuses: readonly MessageStatus[] =
  ["queued", "held", "delivered", "acknowledged", "rejected", "aborted"];

export function consoleRoutes(deps: HttpDeps, options: ConsoleOptions): Hono<HttpEnv> {
  const sessions = createConsoleSessions({ now: () => deps.clock.now(),
    secretHex: (bytes) => deps.ids.secretHex(bytes) });
  const guard: ConsoleGuard = (roles) => requireConsole(sessions, roles);
  const routes = new Hono<HttpEnv>();
  routes.use("*", async (c, next) => {
    await next();
    c.header("x-frame-options", "DENY");
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "same-origin");
    c.header("content-security-policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; " +
      "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
  });
  signInRoutes(routes, { deps, sessions, options });
  routes.get("/api/overview", guard(everyone), async (c) => c.json(await overviewOf(
    deps.stores.queries, { now: deps.clock.now(), metrics: deps.metrics })));
  routes.get("/api/screening", guard(everyone), (c) =>
    c.json(deps.controls.screening.status() satisfies ScreeningAnswer));
  routes.get("/api/participants", guard(everyone), async (c) => {
    const connected = options.connectedSessions();
    const depths = new Map((await deps.stores.queries.queueDepths())
      .map((d) => [d.receiver, d.depth]));
    const participants = await deps.directory.list();
    const reasons = new Map<string, string>();
    for (const p of participants.filter((one) => one.status !== "active")) {
      const reason = await deps.controls.policies.inactiveReason(p);
      if (reason !== undefined) reasons.set(p.bic, reason);
    }
    return c.json({ participants: participants.map((p) => ({
      bic: p.bic, name: p.name, parent: p.parent ?? null, status: p.status,
      reason: reasons.get(p.bic) ?? null, country: p.bic.slice(4, 6),
      sessions: connected.get(p.bic) ?? 0, queueDepth: depths.get(p.bic) ?? 0,
      createdAt: p.createdAt })) } satisfies ParticipantsAnswer);
  });
  routes.get("/api/messages", guard(everyone), async (c) => {
    const query = searchOf(c);
    if ("error" in query) return c.json(query, 400);
    const found = await deps.stores.queries.searchMessages(query);
    return c.json({ messages: found.map(messageSummary) } satisfies MessagesAnswer);
  });
  routes.get("/api/messages/:id", guard(everyone), async (c) => {
    const id = c.req.param("id");
    const message = /^[A-Za-z0-9_-]{1,64}$/.test(id)
      ? await deps.stores.queries.getMessage(id as MessageId) : undefined;
    if (message === undefined) {
      return c.json(consoleError("message-not-found", "id", `Cannot find message "${id}"`), 404);
    }
    const notices = await deps.stores.queries.searchMessages({ reference: id, limit: 50 });
    const related = message.uetr === undefined ? []
      : await deps.stores.queries.searchMessages({ uetr: message.uetr, limit: 50 });
    return c.json({ message: messageSummary(message), ...parsedView(message),
      notices: notices.filter((n) => n.format === "system").map(messageSummary),
      related: related.filter((m) => m.id !== message.id).map(messageSummary),
    } satisfies MessageDetail);
  });
  consoleControlRoutes(deps, { routes, guard });
  routes.get("/api/lists", guard(everyone),
    (c) => c.json({ lists: options.lists?.() ?? [] } satisfies ListsAnswer));
  staticRoutes(routes, options.staticDir);
  return routes;
}

function signInRoutes(routes: Hono<HttpEnv>, context: {
  deps: HttpDeps; sessions: ConsoleSessions; options: ConsoleOptions;
}): void {
  const { deps, sessions, options } = context;
  const audit = async (entry: ConsoleAuditEntry): Promise<void> => {
    await options.audit?.(entry);
  };
  routes.post("/api/login", async (c) => {
    const body = await c.req.json<unknown>().catch(() => undefined);
    const record = typeof body === "object" && body !== null ? body as Record<string, unknown>
      : {};
    const name = typeof record.name === "string" ? record.name.slice(0, 100) : "";
    const password = typeof record.password === "string" ? record.password : "";
    if (!sameOrigin(c) || !(c.req.header("content-type") ?? "").includes("application/json")) {
      return c.json(consoleError("csrf-origin-invalid", "origin",
        "Cannot sign in: the request does not come from the console"), 403);
    }
    if (sessions.locked(name)) {
      await audit({ kind: "refusal", actor: name, subject: name,
        detail: JSON.stringify({ action: "console-login", reason: "locked" }) });
      return c.json(consoleError("login-locked", "name",
        "Cannot sign in: too many failed attempts, try again in a few minutes"), 429);
    }
    const account = name === "" ? undefined : await deps.stores.accounts.findAccount({ name });
    const valid = account?.passwordHash !== undefined &&
      password.length <= consolePasswordCharsMax &&
      await verifyPassword(password, account.passwordHash);
    await audit({ kind: "login", actor: name, subject: name,
      detail: JSON.stringify({ channel: "console", ok: valid }) });
    if (account === undefined || !valid) {
      sessions.failed(name);
      return c.json(consoleError("login-invalid", "name",
        "Cannot sign in: unknown account or wrong password"), 401);
    }
    sessions.succeeded(name);
    const session = sessions.create({ name: account.name, role: account.role });
    setCookie(c, consoleCookieName, session.token, { httpOnly: true, sameSite: "Strict",
      path: "/console", secure: new URL(c.req.url).protocol === "https:" });
    return c.json({ account: session.account, csrfToken: session.csrfToken } satisfies
      LoginAnswer);
  });
  // Answers 200 either way: the page asks before anyone signed in, and a 401 would be logged.
  routes.get("/api/session", (c) => {
    const session = sessions.find(getCookie(c, consoleCookieName));
    return c.json({ account: session?.account ?? null,
      csrfToken: session?.csrfToken ?? null } satisfies SessionAnswer);
  });
  routes.post("/api/logout", requireConsole(sessions, everyone), (c) => {
    const token = getCookie(c, consoleCookieName);
    if (token !== undefined) sessions.end(token);
    deleteCookie(c, consoleCookieName, { path: "/console" });
    return c.json({ signedOut: true });
  });
}

function searchOf(c: Context<HttpEnv>): MessageSearch | ReturnType<typeof consoleError> {
  const text = (name: string): string | undefined => {
    const value = c.req.query(name)?.trim();
    return value === undefined || value === "" ? undefined : value.slice(0, 100);
  };
  const bic = text("bic")?.toUpperCase();
  if (bic !== undefined && !isBic(bic)) {
    return consoleError("query-invalid", "bic", `Cannot search: "${bic}" is not a BIC`);
  }
  const status = text("status");
  if (status !== undefined && !statuses.includes(status as MessageStatus)) {
    return consoleError("query-invalid", "status", `Cannot search: unknown status "${status}"`);
  }
  const before = text("before");
  const limit = Number(text("limit") ?? 50);
  return {
    ...(bic === undefined ? {} : { bic: bic as Bic }),
    ...(text("reference") === undefined ? {} : { reference: text("reference") as string }),
    ...(text("uetr") === undefined ? {} : { uetr: (text("uetr") as string).toLowerCase() }),
    ...(text("type") === undefined ? {} : { type: text("type") as string }),
    ...(status === undefined ? {} : { status: status as MessageStatus }),
    ...(before === undefined || !Number.isSafeInteger(Number(before)) ? {}
      : { createdBefore: Number(before) }),
    limit: Number.isSafeInteger(limit) && limit > 0 ? Math.min(limit, consoleSearchResultsMax)
      : 50,
  };
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".ico": "image/x-icon", ".json": "application/json", ".woff2": "font/woff2",
};

function staticRoutes(routes: Hono<HttpEnv>, dir: string | undefined): void {
  const send = (c: Context<HttpEnv>, file: string, cache: string) => {
    if (dir === undefined || !existsSync(join(dir, file))) {
      return file === "index.html"
        ? c.html("<!doctype html><title>Corridor console</title><p>The console is not built: " +
          "run <code>npm run build</code>.</p>", 503)
        : c.json(consoleError("route-not-found", c.req.path, `Cannot find ${c.req.path}`), 404);
    }
    const type = contentTypes[extname(file)] ?? "application/octet-stream";
    return c.body(readFileSync(join(dir, file)), 200,
      { "content-type": type, "cache-control": cache });
  };
  // Only plain file names under assets/: no dots-only names, no slashes, so no path traversal.
  routes.get("/assets/:name{[A-Za-z0-9_-][A-Za-z0-9._-]{0,120}}", (c) =>
    send(c, join("assets", c.req.param("name")), "public, max-age=31536000, immutable"));
  routes.get("/favicon.svg", (c) => send(c, "favicon.svg", "public, max-age=86400"));
  // The page itself, at /console and /console/ (the front end routes with the URL fragment).
  routes.get("*", (c) => (/^\/console\/?$/.test(c.req.path) ? send(c, "index.html", "no-cache")
    : c.json(consoleError("route-not-found", c.req.path, `Cannot find ${c.req.path}`), 404)));
}
