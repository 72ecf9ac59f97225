// RMA endpoints for operators: grant, revoke and list a receiver's authorisations of senders.
import { Hono } from "hono";
import { queryRowsMax } from "../../limits.js";
import { checkRmaDraft } from "../../network/index.js";
import type { RmaRecord } from "../../network/index.js";
import { parseBic } from "../../standards/index.js";
import type { HttpDeps, HttpEnv } from "./context.js";
import { readJsonObject } from "./json-body.js";
import { requireRole } from "./operator-routes.js";

function rmaJson(rma: RmaRecord): Record<string, unknown> {
  return { receiver: rma.receiver, sender: rma.sender, types: rma.types,
    grantedBy: rma.grantedBy, grantedAt: new Date(rma.grantedAt).toISOString() };
}

export function rmaRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const routes = new Hono<HttpEnv>();
  routes.get("/rma", requireRole(deps, ["operator", "compliance", "auditor"]), async (c) => {
    const bic = c.req.query("bic");
    const parsed = bic === undefined ? undefined : parseBic(bic, "bic");
    if (parsed !== undefined && !parsed.ok) return c.json({ error: parsed.problems[0] }, 400);
    const rows = await deps.stores.rma.listRma({
      ...(parsed?.ok === true ? { bic: parsed.value } : {}), limit: queryRowsMax });
    return c.json({ rma: rows.map(rmaJson) });
  });

  routes.post("/rma", requireRole(deps, ["operator"]), async (c) => {
    const read = await readJsonObject(c, { action: "grant RMA" });
    if (!read.ok) return c.json({ error: read.problems[0] }, 400);
    const body = read.value;
    const types = Array.isArray(body.types) ? body.types.filter((t) => typeof t === "string") : [];
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const checked = checkRmaDraft({ receiver: text(body.receiver), sender: text(body.sender),
      types },
    { grantedBy: c.get("account").name, now: deps.clock.now() });
    if (!checked.ok) return c.json({ error: checked.problems[0] }, 400);
    for (const bic of [checked.value.receiver, checked.value.sender]) {
      if ((await deps.directory.resolveReceiver(bic)) === undefined) {
        return c.json({ error: { code: "participant-unknown", location: "body",
          message: `Cannot grant RMA: no participant "${bic}"` } }, 400);
      }
    }
    await deps.stores.rma.putRma(checked.value);
    return c.json({ rma: rmaJson(checked.value) }, 201);
  });

  routes.delete("/rma", requireRole(deps, ["operator"]), async (c) => {
    const receiver = parseBic(c.req.query("receiver") ?? "", "receiver");
    const sender = parseBic(c.req.query("sender") ?? "", "sender");
    if (!receiver.ok) return c.json({ error: receiver.problems[0] }, 400);
    if (!sender.ok) return c.json({ error: sender.problems[0] }, 400);
    const removed = await deps.stores.rma.deleteRma(receiver.value, sender.value);
    return c.json({ removed }, removed ? 200 : 404);
  });
  return routes;
}
