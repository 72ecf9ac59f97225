// The hub's HTTP API (Hono): /health, /metrics, /v1/openapi.json, participant and operator routes,
// each request logged as one line and its body limited by route; or /metrics alone.
import { Hono } from "hono";
import type { Context } from "hono";
import { isStorageError } from "../../lib/index.js";
import { admission } from "./admission.js";
import { bodyLimits } from "./body-limits.js";
import type { HttpDeps, HttpEnv } from "./context.js";
import { consoleRoutes } from "./console-routes.js";
import { answerUncaught } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import { controlsRoutes } from "./controls-routes.js";
import type { MetricsDetail } from "./metrics.js";
import { operatorRoutes, requireRole } from "./operator-routes.js";
import { participantRoutes } from "./participant-routes.js";
import { requestLog } from "./request-log.js";
import { rmaRoutes } from "./rma-routes.js";

/**
 * What an app serves: the whole API, or /metrics alone with every series (`corridor serve
 * --metrics-listen`, a listener the operator keeps on a private address).
 */
export type HttpSurface = "api" | "metrics";

export function createHttpApp(deps: HttpDeps, options: { surface?: HttpSurface } = {}):
  Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  // The request log reads no body, so it goes first and logs every refusal, a 413 included. The
  // body limit comes next, before anything that reads a body (signatures, sign-in, routes).
  app.use("*", requestLog(deps));
  app.use("*", bodyLimits());
  // Sheds requests with 503 hub-overloaded while the hub is saturated; never /health, nor the
  // private metrics listener. After the body limit, so a slow body holds no admission slot.
  if (options.surface !== "metrics") app.use("*", admission(deps));
  if (options.surface === "metrics") {
    app.get("/metrics", (c) => metricsAnswer(c, deps, "per-participant"));
  } else {
    apiRoutes(app, deps);
  }
  app.onError(answerUncaught);
  app.notFound((c) => c.json({ error: { code: "route-not-found", location: c.req.path,
    message: `Cannot find ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}

type ScreeningStatus = ReturnType<HttpDeps["controls"]["screening"]["status"]>;

/** /health's answer, one for the Hono route and for main's Node-level front (same JSON). */
export interface HealthAnswer {
  readonly status: 200 | 503;
  readonly body: { status: "ok"; screening: ScreeningStatus } | { status: "store-unavailable" };
}

/** What /health answers: whether the store answered its ping, and the screening status. */
export function healthAnswer(state: { storeReachable: boolean;
  screening: ScreeningStatus | undefined }): HealthAnswer {
  if (!state.storeReachable || state.screening === undefined) {
    return { status: 503, body: { status: "store-unavailable" } };
  }
  return { status: 200, body: { status: "ok", screening: state.screening } };
}

async function metricsAnswer(c: Context<HttpEnv>, deps: HttpDeps, detail: MetricsDetail):
  Promise<Response> {
  const text = await deps.metrics.render({ queries: deps.stores.queries,
    screening: deps.controls.screening.status() }, { detail });
  return c.text(text, 200, { "content-type": "text/plain; version=0.0.4" });
}

function apiRoutes(app: Hono<HttpEnv>, deps: HttpDeps): void {
  app.get("/health", async (c) => {
    try {
      await deps.stores.lifecycle.ping();
    } catch (error) {
      // A store that cannot be reached is what /health reports; anything else is a bug.
      if (!isStorageError(error)) throw error;
      deps.logger.warn({ component: "http", err: error },
        "Cannot answer /health: store unavailable");
      const answer = healthAnswer({ storeReachable: false, screening: undefined });
      return c.json(answer.body, answer.status);
    }
    const answer = healthAnswer({ storeReachable: true,
      screening: deps.controls.screening.status() });
    return c.json(answer.body, answer.status);
  });
  // Without credentials: aggregate series. With a bearer token: an operator's, or refused
  // (a scraper with a wrong token should fail loudly, not quietly get less).
  app.get("/metrics", async (c, next) => {
    if (c.req.header("authorization") === undefined) {
      return metricsAnswer(c, deps, "aggregate");
    }
    await next();
  }, requireRole(deps, ["operator"]), (c) => metricsAnswer(c, deps, "per-participant"));
  app.get("/v1/openapi.json", (c) => c.json(openApiDocument));
  app.route("/v1", operatorRoutes(deps));
  app.route("/v1", rmaRoutes(deps));
  app.route("/v1", controlsRoutes(deps));
  app.route("/v1", participantRoutes(deps));
  if (deps.console !== undefined) {
    app.route("/console", consoleRoutes(deps, deps.console));
    app.get("/", (c) => c.redirect("/console/"));
  }
}
