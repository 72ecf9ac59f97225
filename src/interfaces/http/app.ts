// The hub's HTTP API (Hono): /health, /metrics, /v1/openapi.json, participant and operator routes,
// each request logged as one line.
import { Hono } from "hono";
import { isStorageError } from "../../lib/index.js";
import { admission } from "./admission.js";
import type { HttpDeps, HttpEnv } from "./context.js";
import { consoleRoutes } from "./console-routes.js";
import { answerUncaught } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import { controlsRoutes } from "./controls-routes.js";
import { operatorRoutes } from "./operator-routes.js";
import { participantRoutes } from "./participant-routes.js";
import { requestLog } from "./request-log.js";
import { rmaRoutes } from "./rma-routes.js";

export function createHttpApp(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use("*", requestLog(deps));
  // Sheds requests with 503 hub-overloaded while the hub is saturated; never /health.
  app.use("*", admission(deps));
  app.get("/health", async (c) => {
    try {
      await deps.stores.lifecycle.ping();
    } catch (error) {
      // A store that cannot be reached is what /health reports; anything else is a bug.
      if (!isStorageError(error)) throw error;
      deps.logger.warn({ component: "http", err: error },
        "Cannot answer /health: store unavailable");
      return c.json({ status: "store-unavailable" }, 503);
    }
    return c.json({ status: "ok", screening: deps.controls.screening.status() });
  });
  app.get("/metrics", async (c) => c.text(await deps.metrics.render({
    queries: deps.stores.queries, screening: deps.controls.screening.status() }), 200,
    { "content-type": "text/plain; version=0.0.4" }));
  app.get("/v1/openapi.json", (c) => c.json(openApiDocument));
  app.route("/v1", operatorRoutes(deps));
  app.route("/v1", rmaRoutes(deps));
  app.route("/v1", controlsRoutes(deps));
  app.route("/v1", participantRoutes(deps));
  if (deps.console !== undefined) {
    app.route("/console", consoleRoutes(deps, deps.console));
    app.get("/", (c) => c.redirect("/console/"));
  }
  app.onError(answerUncaught);
  app.notFound((c) => c.json({ error: { code: "route-not-found", location: c.req.path,
    message: `Cannot find ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
