// Compliance, policy, audit and account endpoints, behind bearer-token accounts: compliance
// officers decide cases, operators propose and approve policies and accounts, auditors read and
// verify. Every refusal, by role or by a four-eyes rule, is appended to the audit chain.
import { createHash, randomBytes } from "node:crypto";
import { Hono } from "hono";
import type { Context, MiddlewareHandler } from "hono";
import { createAccountService } from "../../network/index.js";
import type {
  AccountOutcome, AccountProblemCode, AccountRecord, CaseStatus, TokenIssuer,
} from "../../network/index.js";
import type { Result } from "../../lib/index.js";
import type { Account, ControlsHttp, HttpDeps, HttpEnv, Role } from "./context.js";
import { readJsonObject } from "./json-body.js";
import { clientAddressOf } from "./refusal-context.js";
import { routePatternOf } from "./request-log.js";
import { accountStatus, controlsStatus } from "./status-table.js";

const caseStatuses: readonly CaseStatus[] =
  ["open", "release-proposed", "released", "rejected", "aborted"];

function refusal(deps: HttpDeps, c: Context<HttpEnv>, who: { actor: string; code: string }) {
  // Anyone can send a bad token: counted, and appended to the audit chain in aggregate once a
  // period, so a flood does not cost one fsynced entry each (the route as its pattern: a raw
  // path is unbounded). A refusal of a known account is about a person: appended at once.
  if (who.code === "account-unauthenticated") {
    deps.refusals.record({ kind: "bearer", code: who.code, actor: who.actor,
      route: `${c.req.method} ${routePatternOf(c)}`, detail: clientAddressOf(c) });
    return Promise.resolve();
  }
  return deps.stores.audit.append([{ at: deps.clock.now(), kind: "refusal", actor: who.actor,
    subject: `${c.req.method} ${c.req.path}`, detail: JSON.stringify({ code: who.code }) }]);
}

/** Like requireRole, and every refused request is audited. */
export function requireAccount(deps: HttpDeps, roles: readonly Role[]):
  MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header)?.[1];
    const account = token === undefined ? undefined : await deps.authenticateToken(token);
    if (account === undefined) {
      await refusal(deps, c, { actor: "unknown", code: "account-unauthenticated" });
      return c.json({ error: { code: "account-unauthenticated", location: "Authorization",
        message: "Cannot authenticate: a valid bearer token is required" } }, 401);
    }
    if (!roles.includes(account.role)) {
      await refusal(deps, c, { actor: account.name, code: "role-forbidden" });
      return c.json({ error: { code: "role-forbidden", location: "Authorization",
        message: `Cannot allow "${account.name}": role ${account.role} may not do this` } }, 403);
    }
    c.set("account", account);
    await next();
  };
}

const noteOf = (body: Record<string, unknown>): { note?: string } =>
  typeof body.note === "string" ? { note: body.note.slice(0, 1_000) } : {};

function controls(deps: HttpDeps): ControlsHttp {
  return deps.controls;
}

export function controlsRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const routes = new Hono<HttpEnv>();
  const officers = requireAccount(deps, ["compliance", "auditor"]);
  routes.get("/cases", officers, async (c) => {
    const status = c.req.query("status");
    const statuses = status === undefined ? undefined
      : caseStatuses.filter((s) => status.split(",").includes(s));
    return c.json({ cases: await controls(deps).compliance.listCases(statuses) });
  });
  routes.get("/cases/:id", officers, async (c) => {
    const record = await controls(deps).compliance.getCase(c.req.param("id"));
    return record === undefined ? c.json({ error: { code: "case-not-found", location: "case",
      message: `Cannot find case "${c.req.param("id")}"` } }, 404) : c.json({ case: record });
  });
  for (const action of ["release", "reject"] as const) {
    routes.post(`/cases/:id/${action}`, requireAccount(deps, ["compliance"]), async (c) => {
      const account: Account = c.get("account");
      // The note is optional: an empty body is no note, a malformed one is refused.
      const body = await readJsonObject(c, { action: `${action} case`, empty: "allowed" });
      if (!body.ok) return c.json({ error: body.problems[0] }, 400);
      const input = { officer: account, ...noteOf(body.value) };
      const result = await controls(deps).compliance[action](c.req.param("id"), input);
      if (!result.ok) {
        const problem = result.problems[0];
        return c.json({ error: problem }, controlsStatus[problem?.code ?? "case-conflict"]);
      }
      return c.json({ stage: result.value.stage, case: result.value.record });
    });
  }
  policyRoutes(deps, routes);
  routes.get("/audit/verify", requireAccount(deps, ["auditor", "operator", "compliance"]),
    async (c) => c.json(await controls(deps).verifyAudit()));
  accountRoutes(deps, routes);
  return routes;
}

/** New API tokens: 32 random bytes, the SHA-256 of which the store keeps. */
const httpTokens: TokenIssuer = {
  issue: () => {
    const token = randomBytes(32).toString("base64url");
    return { token, tokenHash: createHash("sha256").update(token, "utf8").digest("hex") };
  },
};

/** An account as the API shows it: never its token or password hash. */
function accountView(record: AccountRecord) {
  return { name: record.name, role: record.role, status: record.status,
    createdBy: record.createdBy, lineage: record.lineage, approvedBy: record.approvedBy ?? null,
    proposal: record.proposal ?? null, createdAt: record.createdAt };
}

/**
 * Accounts are maker-checker over the API: an operator proposes, another operator outside the
 * proposer's reach approves (an auditor, who only reads, needs one). The service is built here
 * from the account and audit ports the edge already holds, with tokens from Node's randomness.
 */
function accountRoutes(deps: HttpDeps, routes: Hono<HttpEnv>): void {
  const accounts = createAccountService({ accounts: deps.stores.accounts,
    audit: deps.stores.audit, clock: deps.clock, tokens: httpTokens });
  const answer = (c: Context<HttpEnv>, result: Result<AccountOutcome, AccountProblemCode>) => {
    if (!result.ok) {
      const problem = result.problems[0];
      return c.json({ error: problem }, accountStatus[problem?.code ?? "account-conflict"]);
    }
    const { stage, record, token } = result.value;
    return c.json({ stage, account: accountView(record),
      ...(token === undefined ? {} : { token }) },
    stage === "created" ? 201 : stage === "proposed" ? 202 : 200);
  };
  routes.get("/accounts", requireAccount(deps, ["operator", "auditor"]), async (c) =>
    c.json({ accounts: (await accounts.list()).map(accountView) }));
  routes.post("/accounts", requireAccount(deps, ["operator"]), async (c) => {
    const read = await readJsonObject(c, { action: "add account" });
    if (!read.ok) return c.json({ error: read.problems[0] }, 400);
    return answer(c, await accounts.propose(read.value, c.get("account")));
  });
  routes.post("/accounts/:name/approve", requireAccount(deps, ["operator"]), async (c) =>
    answer(c, await accounts.approve(c.req.param("name"), c.get("account"))));
}

function policyRoutes(deps: HttpDeps, routes: Hono<HttpEnv>): void {
  const readers = requireAccount(deps, ["operator", "compliance", "auditor"]);
  routes.get("/policies", readers, async (c) =>
    c.json({ policies: await controls(deps).policies.list() }));
  routes.post("/policies", requireAccount(deps, ["operator"]), async (c) => {
    const body = await readJsonObject(c, { action: "propose policy" });
    if (!body.ok) return c.json({ error: body.problems[0] }, 400);
    const result = await controls(deps).policies.propose(body.value, c.get("account"));
    if (!result.ok) {
      return c.json({ error: result.problems[0] },
        controlsStatus[result.problems[0]?.code ?? "policy-invalid"]);
    }
    return c.json({ policy: result.value }, 201);
  });
  routes.get("/policies/:id/preview", readers, async (c) => {
    const result = await controls(deps).policies.preview(c.req.param("id"));
    if (!result.ok) return c.json({ error: result.problems[0] }, 404);
    return c.json({ preview: result.value });
  });
  routes.post("/policies/:id/approve", requireAccount(deps, ["operator"]), async (c) => {
    const result = await controls(deps).policies.approve(c.req.param("id"), c.get("account"));
    if (!result.ok) {
      return c.json({ error: result.problems[0] },
        controlsStatus[result.problems[0]?.code ?? "policy-conflict"]);
    }
    return c.json({ policy: result.value });
  });
}
