// The console's HTTP side in-process: sign-in with scrypt passwords, HttpOnly SameSite cookies,
// CSRF on changes, audited logins, overview figures, message search and the parsed message view.
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpApp, hashPassword, verifyPassword } from "../../src/interfaces/index.js";
import type { ConsoleAuditEntry } from "../../src/interfaces/index.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { mt103, pacs008, testUetr } from "../support/messages.js";

const origin = "http://localhost";

describe("console API", () => {
  let hub: TestHub;
  let app: ReturnType<typeof createHttpApp>;
  let audited: ConsoleAuditEntry[];

  beforeEach(async () => {
    hub = await createTestHub();
    audited = [];
    const dir = mkdtempSync(join(tmpdir(), "corridor-console-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>console</title>");
    writeFileSync(join(dir, "assets", "app-1.js"), "console.log(1)");
    app = createHttpApp({ ...hub.deps, console: { staticDir: dir,
      connectedSessions: () => new Map([[hub.a.bic, 2]]),
      audit: (entry) => { audited.push(entry); return Promise.resolve(); } } });
    for (const [name, role] of [["olga", "operator"], ["carla", "compliance"],
      ["aude", "auditor"]] as const) {
      await hub.store.upsertAccount({ name, role, tokenHash: undefined, createdAt: 0,
        passwordHash: await hashPassword(`${name}-secret`) });
    }
  });
  afterEach(async () => { await hub.close(); });

  const login = async (name: string, password: string, headers: Record<string, string> = {}) =>
    app.request("/console/api/login", { method: "POST", body: JSON.stringify({ name, password }),
      headers: { "content-type": "application/json", origin, host: "localhost", ...headers } });

  const signIn = async (name: string) => {
    const response = await login(name, `${name}-secret`);
    expect(response.status).toBe(200);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const body = await response.json() as { csrfToken: string; account: { role: string } };
    return { cookie, csrf: body.csrfToken, role: body.account.role };
  };

  it("hashPassword() is salted scrypt and verifyPassword() checks it", async () => {
    const one = await hashPassword("correct horse");
    expect(one).toMatch(/^scrypt\$15\$/);
    expect(await hashPassword("correct horse")).not.toBe(one);
    expect(await verifyPassword("correct horse", one)).toBe(true);
    expect(await verifyPassword("wrong horse", one)).toBe(false);
    expect(await verifyPassword("x", "sha256$abc")).toBe(false);
  });

  it("login sets an HttpOnly SameSite=Strict cookie and is audited, failures too", async () => {
    expect((await login("olga", "nope")).status).toBe(401);
    expect((await login("nobody", "nope")).status).toBe(401);
    const response = await login("olga", "olga-secret");
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^corridor_console=[0-9a-f]{64}/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/console");
    expect(audited.map((e) => [e.kind, e.actor, (JSON.parse(e.detail) as { ok: boolean }).ok]))
      .toEqual([["login", "olga", true]]);
    // Failed sign-ins are refusals: counted at once, written to the audit log in one entry per
    // (code, name) when the recorder flushes, so that a flood cannot flood the log.
    expect(await hub.deps.refusals.flush()).toBe(2);
    const refusals = (await hub.store.entries({ afterSeq: 0, limit: 100 }))
      .filter((entry) => entry.kind === "refusal").map((entry) => entry.detail);
    expect(refusals).toHaveLength(2);
    expect(refusals.join("\n")).toMatch(/olga/);
    expect(refusals.join("\n")).toMatch(/nobody/);
  });

  it("login refuses a cross-site request and locks a name after repeated failures", async () => {
    expect((await login("olga", "olga-secret", { origin: "http://evil.example" })).status)
      .toBe(403);
    for (let i = 0; i < 5; i += 1) expect((await login("carla", "bad")).status).toBe(401);
    expect((await login("carla", "carla-secret")).status).toBe(429);
  });

  it("every change needs the session's CSRF token and a same-origin request", async () => {
    const { cookie, csrf } = await signIn("olga");
    const logout = (headers: Record<string, string>) => app.request("/console/api/logout",
      { method: "POST", headers: { cookie, origin, host: "localhost", ...headers } });
    expect((await logout({})).status).toBe(403);
    expect((await logout({ "x-csrf-token": "0".repeat(64) })).status).toBe(403);
    expect((await logout({ "x-csrf-token": csrf, origin: "http://evil.example" })).status)
      .toBe(403);
    expect((await logout({ "x-csrf-token": csrf })).status).toBe(200);
    const after = await app.request("/console/api/session", { headers: { cookie } });
    expect(((await after.json()) as { account: unknown }).account).toBeNull();
  });

  it("pages need a session; every role reads the overview", async () => {
    expect((await app.request("/console/api/overview")).status).toBe(401);
    for (const name of ["olga", "carla", "aude"]) {
      const { cookie } = await signIn(name);
      const session = await app.request("/console/api/session", { headers: { cookie } });
      expect(((await session.json()) as { account: { name: string } }).account.name).toBe(name);
      expect((await app.request("/console/api/overview", { headers: { cookie } })).status)
        .toBe(200);
    }
  });

  it("overview counts traffic by corridor and currency; search and the message view", async () => {
    const uetr = testUetr(77);
    for (const body of [mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "REF-C1",
      uetr }), pacs008({ sender: hub.b.bic, receiver: hub.a.bic, reference: "REF-C2" })]) {
      const answer = await hub.signed(body.startsWith("{") ? hub.a : hub.b,
        { method: "POST", path: "/v1/messages", body });
      expect(answer.status).toBeLessThan(300);
    }
    const { cookie } = await signIn("aude");
    const get = async (path: string) => {
      const response = await app.request(path, { headers: { cookie } });
      return { status: response.status, json: await response.json() as Record<string, unknown> };
    };
    const overview = (await get("/console/api/overview")).json as {
      corridors: { corridor: string; total: number }[]; currencies: { currency: string }[];
      answers: { ack: number }; buckets: number[] };
    expect(overview.corridors.map((c) => [c.corridor, c.total]).sort()).toEqual([
      ["JP>US", 1], ["US>JP", 1]]);
    expect(overview.currencies).toEqual([{ currency: "USD", count: 2 }]);
    expect(overview.answers.ack).toBe(2);
    expect(overview.buckets.length).toBeGreaterThan(10);
    const search = await get(`/console/api/messages?uetr=${uetr}`);
    const found = (search.json.messages as { id: string; reference: string }[]);
    expect(found.map((m) => m.reference)).toEqual(["REF-C1"]);
    expect((await get(`/console/api/messages?bic=${hub.b.bic}`)).json.messages).toHaveLength(2);
    expect((await get("/console/api/messages?type=MT103&status=queued")).json.messages)
      .toHaveLength(1);
    expect((await get("/console/api/messages?bic=NOTABIC")).status).toBe(400);
    const detail = (await get(`/console/api/messages/${found[0]?.id ?? ""}`)).json as {
      fields: { name: string; value: string }[]; raw: string };
    expect(detail.fields).toContainEqual({ name: "32A", value: "261126USD1000,00" });
    expect(detail.raw).toContain(":20:REF-C1");
    expect((await get("/console/api/messages/NOPE")).status).toBe(404);
    const participants = (await get("/console/api/participants")).json.participants as
      { bic: string; sessions: number; queueDepth: number }[];
    expect(participants.find((p) => p.bic === hub.a.bic)).toMatchObject({ sessions: 2,
      queueDepth: 1 });
  });

  it("serves the built front end with a CSP and refuses paths outside assets", async () => {
    const index = await app.request("/console/");
    expect(index.status).toBe(200);
    expect(index.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect((await app.request("/console/assets/app-1.js")).headers.get("content-type"))
      .toContain("javascript");
    expect((await app.request("/console/assets/..%2Findex.html")).status).toBe(404);
    expect((await app.request("/console/assets/../../package.json")).status).toBe(404);
  });
});
