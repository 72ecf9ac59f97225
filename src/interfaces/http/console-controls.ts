// The console's sanctions-control pages on the controls services: the compliance queue with
// four-eyes release and reject, policies (propose, preview, approve), the audit chain, lists.
import type { Context, Hono } from "hono";
import { consoleSearchResultsMax } from "../../limits.js";
import type { CaseStatus } from "../../network/index.js";
import type {
  AuditAnswer, AuditVerdictView, CaseActionAnswer, CasesAnswer, PoliciesAnswer, PolicyAnswer,
  PolicyPreviewAnswer,
} from "./console-api-types.js";
import { consoleError } from "./console-auth.js";
import type { ConsoleGuard } from "./console-auth.js";
import type { ControlsHttp, HttpDeps, HttpEnv } from "./context.js";
import { controlsStatus } from "./status-table.js";

const caseStatuses: readonly CaseStatus[] =
  ["open", "release-proposed", "released", "rejected", "aborted"];

/** The JSON object a console action sent; none, or text that is not JSON, is an empty one. */
async function bodyOf(c: Context<HttpEnv>): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await c.req.json<unknown>();
  } catch (error) {
    // A missing or malformed body is a named condition (the parser's SyntaxError): no fields.
    if (!(error instanceof SyntaxError)) throw error;
    return {};
  }
  return typeof value === "object" && value !== null ? value as Record<string, unknown> : {};
}

/** Mounts the control pages' API: compliance cases, policies and the audit chain. */
export function consoleControlRoutes(
  deps: HttpDeps,
  context: { routes: Hono<HttpEnv>; guard: ConsoleGuard },
): void {
  const { routes, guard } = context;
  const withControls = (handler: (c: Context<HttpEnv>, controls: ControlsHttp) =>
    Promise<Response>) => async (c: Context<HttpEnv>) =>
    handler(c, deps.controls);
  routes.get("/api/cases", guard(["compliance", "auditor", "operator"]),
    withControls(async (c, controls) => {
      const status = c.req.query("status");
      const statuses = status === undefined ? undefined
        : caseStatuses.filter((s) => status.split(",").includes(s));
      const cases = await controls.compliance.listCases(statuses);
      return c.json({ cases: cases.slice(0, consoleSearchResultsMax) } satisfies CasesAnswer);
    }));
  routes.get("/api/cases/:id", guard(["compliance", "auditor", "operator"]),
    withControls(async (c, controls) => {
      const record = await controls.compliance.getCase((c.req.param("id") ?? ""));
      return record === undefined ? c.json(consoleError("case-not-found", "case",
        `Cannot find case "${(c.req.param("id") ?? "")}"`), 404) : c.json({ case: record });
    }));
  for (const action of ["release", "reject"] as const) {
    routes.post(`/api/cases/:id/${action}`, guard(["compliance"]),
      withControls(async (c, controls) => {
        const body = await bodyOf(c);
        const result = await controls.compliance[action]((c.req.param("id") ?? ""), {
          officer: c.get("account"),
          ...(typeof body.note === "string" ? { note: body.note.slice(0, 1_000) } : {}) });
        if (!result.ok) {
          const problem = result.problems[0];
          return c.json({ error: problem }, controlsStatus[problem?.code ?? "case-conflict"]);
        }
        return c.json({ stage: result.value.stage, case: result.value.record } satisfies
          CaseActionAnswer);
      }));
  }
  policyRoutes(deps, context, withControls);
  routes.get("/api/audit", guard(["auditor", "operator", "compliance"]),
    withControls(async (c) => {
      const after = Number(c.req.query("after") ?? 0);
      const entries = await deps.stores.audit.entries({
        afterSeq: Number.isSafeInteger(after) && after >= 0 ? after : 0,
        limit: consoleSearchResultsMax });
      return c.json({ entries } satisfies AuditAnswer);
    }));
  routes.get("/api/audit/verify", guard(["auditor", "operator", "compliance"]),
    withControls(async (c, controls) =>
      c.json((await controls.verifyAudit()) satisfies AuditVerdictView)));
}

type WithControls = (handler: (c: Context<HttpEnv>, controls: ControlsHttp) =>
  Promise<Response>) => (c: Context<HttpEnv>) => Promise<Response>;

function policyRoutes(
  deps: HttpDeps,
  context: { routes: Hono<HttpEnv>; guard: ConsoleGuard },
  withControls: WithControls,
): void {
  const { routes, guard } = context;
  const readers = guard(["operator", "compliance", "auditor"]);
  routes.get("/api/policies", readers, withControls(async (c, controls) =>
    c.json({ policies: await controls.policies.list() } satisfies PoliciesAnswer)));
  routes.post("/api/policies", guard(["operator"]), withControls(async (c, controls) => {
    const result = await controls.policies.propose(await bodyOf(c), c.get("account"));
    if (!result.ok) {
      return c.json({ error: result.problems[0] },
        controlsStatus[result.problems[0]?.code ?? "policy-invalid"]);
    }
    return c.json({ policy: result.value } satisfies PolicyAnswer, 201);
  }));
  routes.get("/api/policies/:id/preview", readers, withControls(async (c, controls) => {
    const result = await controls.policies.preview((c.req.param("id") ?? ""));
    if (!result.ok) return c.json({ error: result.problems[0] }, 404);
    return c.json({ preview: result.value } satisfies PolicyPreviewAnswer);
  }));
  routes.post("/api/policies/:id/approve", guard(["operator"]),
    withControls(async (c, controls) => {
      const result = await controls.policies.approve((c.req.param("id") ?? ""), c.get("account"));
      if (!result.ok) {
        return c.json({ error: result.problems[0] },
          controlsStatus[result.problems[0]?.code ?? "policy-conflict"]);
      }
      // Apply at once when it is already effective, so the console shows the change.
      await controls.policies.applyDue();
      return c.json({ policy: result.value } satisfies PolicyAnswer);
    }));
}
