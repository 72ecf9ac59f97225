// Refusals reach the audit chain at a bounded cost: 10,000 refused session handshakes, console
// sign-ins and signatures append nothing until the flush, then at most one entry per counted
// row; every kind appears with its count, the metric counts every refusal, the chain verifies.
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createHttpApp, createSessionHandler, hashPassword } from "../../src/interfaces/index.js";
import { refusalFlushMs, refusalRowsMax } from "../../src/limits.js";
import type { HubDeps } from "../../src/main/hub.js";
import { startJobs } from "../../src/main/jobs.js";
import { refusalKinds, storesOf } from "../../src/network/index.js";
import type { AuditEntry, RefusalKind, RefusalRecorder } from "../../src/network/index.js";
import { silentLogger } from "../../src/lib/index.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";

const flood = 10_000;
const origin = { origin: "http://localhost", host: "localhost" };

/** One refused WebSocket handshake, through the session handler, over an in-memory socket. */
async function refusedHandshake(handler: ReturnType<typeof createSessionHandler>, n: number):
  Promise<string> {
  const socket = new PassThrough();
  const answer: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => { answer.push(chunk); });
  const done = new Promise<void>((resolve) => { socket.on("finish", () => { resolve(); }); });
  const request = { method: "GET", url: "/v1/session", socket: { remoteAddress: "192.0.2.9" },
    headers: { "signature-input": `sig1=("@method");keyid="JUNK${n}"`,
      signature: "sig1=:AAAA:" } } as unknown as IncomingMessage;
  handler.handleUpgrade(request, socket, Buffer.alloc(0));
  await done;
  return Buffer.concat(answer).toString("utf8").split("\r\n")[0] ?? "";
}

async function refusalEntries(hub: TestHub): Promise<AuditEntry[]> {
  return (await hub.store.entries({ afterSeq: 0, limit: 100_000 }))
    .filter((entry) => entry.kind === "refusal");
}

function countsByKind(entries: readonly AuditEntry[]): Map<RefusalKind, number> {
  const counts = new Map<RefusalKind, number>();
  for (const entry of entries) {
    const detail = JSON.parse(entry.detail) as { refusal: RefusalKind; count: number };
    counts.set(detail.refusal, (counts.get(detail.refusal) ?? 0) + detail.count);
  }
  return counts;
}

describe("refusals in the audit chain", () => {
  let hub: TestHub;
  let app: ReturnType<typeof createHttpApp>;
  beforeEach(async () => {
    hub = await createTestHub();
    app = createHttpApp({ ...hub.deps, console: { staticDir: undefined,
      connectedSessions: () => new Map(), audit: () => Promise.resolve() } });
    await hub.store.upsertAccount({ name: "aude", role: "auditor", tokenHash: undefined,
      createdAt: 0, passwordHash: await hashPassword("aude-secret") });
  });
  afterEach(async () => { await hub.close(); });

  it("10,000 refusals of each flood kind append a bounded batch, each kind with its count",
    async () => {
      const others = await refusedByGuards(app, hub);
      const handler = createSessionHandler(hub.deps);
      for (let n = 0; n < flood; n += 1) {
        expect(await refusedHandshake(handler, n)).toMatch(/^HTTP\/1\.1 401 /);
      }
      for (let n = 0; n < flood; n += 1) {
        const response = await app.request("/console/api/login", { method: "POST",
          body: JSON.stringify({ name: `junk-${n}`, password: "x" }),
          headers: { "content-type": "application/json", ...origin } });
        // After the client's own limit the rest are throttled: no scrypt, still counted.
        expect([401, 429]).toContain(response.status);
      }
      for (let n = 0; n < flood; n += 1) {
        const response = await app.request("/v1/messages", { method: "POST", body: "x",
          headers: { "signature-input": `sig1=("@method");keyid="BANK${n}"`,
            signature: "sig1=:AAAA:" } });
        expect(response.status).toBe(401);
      }
      // Only the known account's refusal is in the chain: the floods have cost it nothing yet.
      const before = (await refusalEntries(hub)).length;
      expect(before).toBe(1);

      const appended = await hub.deps.refusals.flush();
      const entries = (await refusalEntries(hub)).slice(before);
      expect(entries).toHaveLength(appended);
      expect(appended).toBeLessThanOrEqual(refusalRowsMax + refusalKinds.length);
      expect(Object.fromEntries(countsByKind(entries))).toEqual({ session: flood,
        "console-login": flood, signature: flood, ...others });
      for (const kind of ["session", "console-login", "signature"] as const) {
        expect(hub.deps.metrics.counterValue("refusals_total", { kind })).toBe(flood);
      }
      for (const [kind, count] of Object.entries(others)) {
        expect(hub.deps.metrics.counterValue("refusals_total", { kind })).toBe(count);
      }
      expect(await hub.deps.controls.verifyAudit()).toMatchObject({ ok: true });
      // Nothing new, nothing appended: a quiet period costs the chain nothing.
      expect(await hub.deps.refusals.flush()).toBe(0);
    }, 180_000);

  it("the refusal job flushes once per refusalFlushMs", async () => {
    vi.useFakeTimers();
    try {
      const flushes = { count: 0 };
      const refusals: RefusalRecorder = { ...hub.deps.refusals,
        flush: async () => { flushes.count += 1; return hub.deps.refusals.flush(); } };
      // The harness builds its deps with createHubDeps, which adds the network.
      const jobs = startJobs((hub.deps as HubDeps).network, { clock: hub.deps.clock,
        coordination: storesOf(hub.store).coordination, logger: silentLogger, refusals });
      await vi.advanceTimersByTimeAsync(refusalFlushMs - 1);
      expect(flushes.count).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(flushes.count).toBe(1);
      await vi.advanceTimersByTimeAsync(3 * refusalFlushMs);
      expect(flushes.count).toBe(4);
      jobs.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

/**
 * Bearer and console guard refusals, a few of each (signed in as an auditor for the console's
 * CSRF and role refusals); answers the counts by kind.
 */
async function refusedByGuards(app: ReturnType<typeof createHttpApp>, hub: TestHub):
  Promise<Partial<Record<RefusalKind, number>>> {
  for (let n = 0; n < 3; n += 1) {
    expect((await app.request("/v1/cases", { headers: {
      authorization: `Bearer not-a-token-of-anyone-${n}` } })).status).toBe(401);
  }
  // olga is an operator: cases are for compliance officers and auditors. A known account's
  // refusal is appended at once, as before, not counted with the anonymous ones.
  expect((await app.request("/v1/cases", { headers: {
    authorization: `Bearer ${hub.operatorToken}` } })).status).toBe(403);
  expect((await refusalEntries(hub)).map((entry) => [entry.actor, entry.detail]))
    .toEqual([["olga", JSON.stringify({ code: "role-forbidden" })]]);
  expect((await app.request("/console/api/overview")).status).toBe(401);
  const login = await app.request("/console/api/login", { method: "POST",
    body: JSON.stringify({ name: "aude", password: "aude-secret" }),
    headers: { "content-type": "application/json", ...origin } });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = await login.json() as { csrfToken: string };
  expect((await app.request("/console/api/logout", { method: "POST",
    headers: { cookie, ...origin } })).status).toBe(403);
  // An auditor may not propose a policy: refused by role, past a valid CSRF token.
  expect((await app.request("/console/api/policies", { method: "POST", body: "{}",
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json",
      ...origin } })).status).toBe(403);
  return { bearer: 3, "console-access": 3 };
}
