// Participant endpoints, signed per RFC 9421: submit, message status, inbox long-poll and ack.
import { Hono } from "hono";
import type { MiddlewareHandler } from "hono";
import {
  httpBodyBytesMax, inboxPageSizeMax, inboxWaitSecondsMax, overloadRetryAfterSeconds,
} from "../../limits.js";
import type { DeliveredMessage, StoredMessage } from "../../network/index.js";
import type { HttpDeps, HttpEnv } from "./context.js";
import { parseJsonObject } from "./json-body.js";
import { claimedKeyId, clientAddressOf } from "./refusal-context.js";
import { routePatternOf } from "./request-log.js";
import { authStatus, nakStatus } from "./status-table.js";

export function participantAuth(deps: HttpDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const length = Number(c.req.header("content-length") ?? "0");
    if (length > httpBodyBytesMax) {
      return c.json({ error: { code: "body-too-large", location: "body",
        message: `Cannot read request: body over ${httpBodyBytesMax} bytes` } }, 413);
    }
    const body = Buffer.from(await c.req.arrayBuffer());
    if (body.length > httpBodyBytesMax) {
      return c.json({ error: { code: "body-too-large", location: "body",
        message: `Cannot read request: body over ${httpBodyBytesMax} bytes` } }, 413);
    }
    const url = new URL(c.req.url);
    const result = await deps.verifier.verify({ method: c.req.method,
      target: url.pathname + url.search, headers: { get: (name) => c.req.header(name) }, body });
    if (!result.ok) {
      const problem = result.problems[0];
      deps.metrics.count("auth_failures_total", { code: problem?.code ?? "unknown" });
      deps.refusals.record({ kind: "signature", code: problem?.code ?? "unknown",
        actor: claimedKeyId(c.req.header("signature-input")),
        route: `${c.req.method} ${routePatternOf(c)}`, detail: clientAddressOf(c) });
      return c.json({ error: problem }, problem === undefined ? 401 : authStatus[problem.code]);
    }
    c.set("participant", result.value);
    c.set("body", body);
    await next();
  };
}

export function deliveredJson(delivered: DeliveredMessage): Record<string, unknown> {
  const m = delivered.message;
  return {
    osn: delivered.osn, id: m.id, sender: m.sender, receiver: m.receiver, type: m.type,
    format: m.format, uetr: m.uetr ?? null, reference: m.reference,
    possibleDuplicate: delivered.possibleDuplicate, payload: m.payload.toString("utf8"),
  };
}

export function messageStatusJson(m: StoredMessage): Record<string, unknown> {
  return {
    id: m.id, sender: m.sender, receiver: m.receiver, format: m.format, type: m.type,
    reference: m.reference, uetr: m.uetr ?? null, status: m.status, isn: m.isn ?? null,
    osn: m.osn ?? null, createdAt: new Date(m.createdAt).toISOString(),
    deliveredAt: m.deliveredAt === undefined ? null : new Date(m.deliveredAt).toISOString(),
    acknowledgedAt: m.acknowledgedAt === undefined ? null
      : new Date(m.acknowledgedAt).toISOString(),
  };
}

function intParam(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined || value === "") return fallback;
  if (!/^\d{1,15}$/.test(value)) return undefined;
  const number = Number(value);
  return number > max ? undefined : number;
}

export function participantRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const routes = new Hono<HttpEnv>();
  routes.use("*", participantAuth(deps));

  routes.post("/messages", async (c) => {
    const started = deps.clock.now();
    const body = c.get("body");
    const answer = await deps.intake.submit(c.get("participant").bic, body);
    deps.metrics.count("submissions_total", { status: answer.status });
    if (answer.status === "NAK") {
      deps.metrics.count("naks_total", { code: answer.code });
      const status = nakStatus(answer.code);
      // A 503 NAK (store down, hub overloaded, no list in force) is the hub's state, not the
      // message's: nothing was stored, and the sender may re-send after the pause.
      return c.json(answer, status, status === 503
        ? { "retry-after": String(overloadRetryAfterSeconds) } : {});
    }
    deps.metrics.observeMs("ack_latency_ms", deps.clock.now() - started);
    return c.json(answer, answer.disposition === "duplicate" ? 200 : 201);
  });

  routes.get("/messages/:id", async (c) => {
    const message = await deps.stores.queries.getMessage(c.req.param("id") as never);
    const me = c.get("participant").bic;
    // Only the sender or the receiver may see a message; others learn nothing, not even that
    // it exists.
    if (message === undefined || (message.sender !== me && message.receiver !== me)) {
      return c.json({ error: { code: "message-not-found", location: "id",
        message: `Cannot find message "${c.req.param("id")}"` } }, 404);
    }
    return c.json(messageStatusJson(message));
  });

  routes.get("/inbox", async (c) => {
    const after = intParam(c.req.query("after"), -1, Number.MAX_SAFE_INTEGER);
    const limit = intParam(c.req.query("limit"), 100, inboxPageSizeMax);
    const wait = intParam(c.req.query("wait"), 0, inboxWaitSecondsMax);
    if (after === undefined || limit === undefined || limit === 0 || wait === undefined) {
      return c.json({ error: { code: "query-invalid", location: "query",
        message: `Cannot read inbox query: after >= 0, 1 <= limit <= ${inboxPageSizeMax}, ` +
          `0 <= wait <= ${inboxWaitSecondsMax}` } }, 400);
    }
    const me = c.get("participant").bic;
    const messages = await deps.delivery.fetchInbox(me, {
      after: after < 0 ? undefined : after, limit, waitMs: wait * 1000 });
    deps.metrics.count("deliveries_total");
    return c.json({ messages: messages.map(deliveredJson) });
  });

  routes.post("/inbox/ack", async (c) => {
    // A malformed body and a missing osn get the same answer, which names the expected shape.
    const body = parseJsonObject(c.get("body").toString("utf8"), "acknowledge");
    const osn = body.ok ? body.value.osn : undefined;
    if (typeof osn !== "number" || !Number.isSafeInteger(osn) || osn < 0) {
      return c.json({ error: { code: "ack-invalid", location: "body.osn",
        message: "Cannot acknowledge: body must be {\"osn\": N} with N a whole number" } }, 400);
    }
    const result = await deps.delivery.ack(c.get("participant").bic, osn);
    return c.json(result);
  });

  return routes;
}
