// One log line per HTTP request: its id (echoed as x-request-id), who asked, method, route
// pattern, status and duration. Never a body, a query string, a token, a signature or a password.
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { isStorageError } from "../../lib/index.js";
import type { LogFields } from "../../lib/index.js";
import type { Participant } from "../../network/index.js";
import type { Account, HttpDeps, HttpEnv } from "./context.js";

/** A caller's x-request-id is kept only when it is a short plain token: it lands in the logs. */
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
/** Random bytes of a generated request id (16 hex characters). */
const requestIdBytes = 8;

/**
 * The pattern of the route that answered ("/v1/messages/:id"), never the raw URL: ids and query
 * strings would make the field unbounded and could carry secrets. When middleware answered (an
 * authentication refusal, method ALL), the endpoint it guarded is named instead.
 */
export function routePatternOf(c: Context<HttpEnv>): string {
  const routes = matchedRoutes(c);
  const answered = routes.findIndex((_, index) => index >= c.req.routeIndex &&
    routes[index]?.method !== "ALL");
  return answered < 0 ? "unmatched" : routes[answered]?.path ?? "unmatched";
}

export function requestLog(deps: Pick<HttpDeps, "logger" | "clock" | "ids">):
  MiddlewareHandler<HttpEnv> {
  const logger = deps.logger.child({ component: "http" });
  return async (c, next) => {
    const started = deps.clock.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming !== undefined && requestIdPattern.test(incoming) ? incoming
      : deps.ids.secretHex(requestIdBytes);
    const fields = (status: number): LogFields => {
      // Set by participantAuth (a verified signature) or by a bearer-token or console guard.
      const participant = c.get("participant") as Participant | undefined;
      const account = c.get("account") as Account | undefined;
      return { requestId, method: c.req.method, route: routePatternOf(c), status,
        durationMs: deps.clock.now() - started,
        ...(participant === undefined ? {} : { bic: participant.bic }),
        ...(account === undefined ? {} : { account: account.name }) };
    };
    try {
      await next();
    } catch (error) {
      // onError answers every other Error; what gets here is a bug: a failed assertion (which
      // onError rethrows so that the process exits), a non-Error thrown, or onError failing.
      logger.error({ ...fields(500), err: error }, `${c.req.method} request failed`);
      throw error;
    }
    c.header("x-request-id", requestId);
    const line = fields(c.res.status);
    const message = `${c.req.method} ${String(line.route)} ${c.res.status}`;
    if (c.res.status < 500) {
      logger.info(line, message);
      return;
    }
    // A 503 is the hub shedding load or waiting for its store: a state worth a warning, and a
    // flood of them must not bury the errors that are bugs.
    if (c.res.status === 503 && (c.error === undefined || isStorageError(c.error))) {
      logger.warn(c.error === undefined ? line : { ...line, err: c.error }, message);
      return;
    }
    logger.error(c.error === undefined ? line : { ...line, err: c.error }, message);
  };
}
