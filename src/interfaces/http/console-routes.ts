// The web console's HTTP side under /console: the built front end (console/dist) and its JSON
// API under /console/api (sign-in, overview, participants and sessions, message search).
import { existsSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { Hono } from "hono";
import type { Context } from "hono";
import { consoleSearchResultsMax } from "../../limits.js";
import type { MessageId, MessageSearch, MessageStatus } from "../../network/index.js";
import { isBic } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import {
  consoleError, createConsoleSessions, createPasswordCheck, requireConsole,
} from "./console-auth.js";
import type { ConsoleGuard } from "./console-auth.js";
import { consoleControlRoutes } from "./console-controls.js";
import type {
  ListsAnswer, MessageDetail, MessagesAnswer, ParticipantsAnswer, ScreeningAnswer,
} from "./console-api-types.js";
import { signInRoutes } from "./console-sign-in.js";
import type { ConsoleOptions } from "./console-types.js";
import { messageSummary, overviewOf, parsedView } from "./console-view.js";
import type { HttpDeps, HttpEnv, Role } from "./context.js";
import { createLoginThrottle } from "./login-throttle.js";

// The layer's index names these here; they live in leaf modules so that nothing cycles.
export type { ConsoleGuard } from "./console-auth.js";
export type { ConsoleAuditEntry, ConsoleOptions } from "./console-types.js";

const everyone: readonly Role[] = ["operator", "compliance", "auditor"];
const statuses: readonly MessageStatus[] =
  ["queued", "held", "delivered", "acknowledged", "rejected", "aborted"];

export function consoleRoutes(deps: HttpDeps, options: ConsoleOptions): Hono<HttpEnv> {
  const sessions = createConsoleSessions({ now: () => deps.clock.now(),
    secretHex: (bytes) => deps.ids.secretHex(bytes) });
  const guard: ConsoleGuard = (roles) =>
    requireConsole({ sessions, refusals: deps.refusals }, roles);
  const routes = new Hono<HttpEnv>();
  routes.use("*", async (c, next) => {
    await next();
    c.header("x-frame-options", "DENY");
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "same-origin");
    c.header("content-security-policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; " +
      "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
  });
  signInRoutes(routes, { deps, sessions, options, passwords: createPasswordCheck(),
    throttle: createLoginThrottle({ now: () => deps.clock.now() }) });
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
