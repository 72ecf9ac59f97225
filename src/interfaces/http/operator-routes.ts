// Operator endpoints behind bearer-token accounts with roles: onboarding and listing participants.
import { createPublicKey } from "node:crypto";
import { Hono } from "hono";
import type { MiddlewareHandler } from "hono";
import { checkParticipant } from "../../network/index.js";
import type { Participant } from "../../network/index.js";
import type { HttpDeps, HttpEnv, Role } from "./context.js";
import { readJsonObject } from "./json-body.js";
import { clientAddressOf } from "./refusal-context.js";
import { routePatternOf } from "./request-log.js";

export function requireRole(deps: HttpDeps, roles: readonly Role[]): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header)?.[1];
    const account = token === undefined ? undefined : await deps.authenticateToken(token);
    // Every refusal is counted, and written to the audit log with the recorder's next flush.
    const refuse = (code: string, actor: string) => deps.refusals.record({ kind: "bearer", code,
      actor, route: `${c.req.method} ${routePatternOf(c)}`, detail: clientAddressOf(c) });
    if (account === undefined) {
      refuse("account-unauthenticated", "unknown");
      return c.json({ error: { code: "account-unauthenticated", location: "Authorization",
        message: "Cannot authenticate: a valid bearer token is required" } }, 401);
    }
    if (!roles.includes(account.role)) {
      refuse("role-forbidden", account.name);
      return c.json({ error: { code: "role-forbidden", location: "Authorization",
        message: `Cannot allow "${account.name}": role ${account.role} may not do this` } }, 403);
    }
    c.set("account", account);
    await next();
  };
}

export function participantJson(p: Participant): Record<string, unknown> {
  return { bic: p.bic, name: p.name, parent: p.parent ?? null, status: p.status,
    createdAt: new Date(p.createdAt).toISOString() };
}

function isEd25519(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === "ed25519";
  } catch (error) {
    // OpenSSL could not decode the PEM (ERR_OSSL_UNSUPPORTED, ERR_OSSL_ASN1_WRONG_TAG, ...).
    if (isOpenSslError(error)) return false;
    throw error;
  }
}

function isOpenSslError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("ERR_OSSL_");
}

export function operatorRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const routes = new Hono<HttpEnv>();
  routes.get("/participants", requireRole(deps, ["operator", "compliance", "auditor"]),
    async (c) => c.json({ participants: (await deps.directory.list()).map(participantJson) }));

  routes.post("/participants", requireRole(deps, ["operator"]), async (c) => {
    const body = await readJsonObject(c, { action: "add participant" });
    if (!body.ok) return c.json({ error: body.problems[0] }, 400);
    const draft = body.value;
    const text = (key: string) => (typeof draft[key] === "string" ? draft[key] : "");
    const checked = checkParticipant({ bic: text("bic"), name: text("name"),
      publicKeyPem: text("publicKeyPem"),
      parent: typeof draft.parent === "string" ? draft.parent : undefined },
    { now: deps.clock.now() });
    if (!checked.ok) return c.json({ error: checked.problems[0] }, 400);
    if (!isEd25519(checked.value.publicKeyPem)) {
      return c.json({ error: { code: "public-key-invalid", location: "publicKeyPem",
        message: "Cannot add participant: the public key is not an Ed25519 key" } }, 400);
    }
    const existing = await deps.directory.find(checked.value.bic);
    const participant = existing === undefined ? checked.value
      : { ...checked.value, createdAt: existing.createdAt, status: existing.status };
    await deps.directory.upsert(participant);
    return c.json({ participant: participantJson(participant), created: existing === undefined },
      existing === undefined ? 201 : 200);
  });
  return routes;
}
