// The HTTP request log: one line per request with its id, who asked, the route pattern, status and
// duration; 5xx at error; never a body, a token, a signature, a password or a session cookie.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageError } from "../../src/lib/index.js";
import type { LogFields, Logger } from "../../src/lib/index.js";
import { createHttpApp } from "../../src/interfaces/http/app.js";
import { hashPassword } from "../../src/interfaces/index.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";

interface Line { level: string; message: string; fields: Record<string, unknown> }

/** A Logger that keeps every line with its child bindings; it blanks nothing. */
function capturingLogger(lines: Line[], bindings: LogFields = {}): Logger {
  const at = (level: string) => (fields: LogFields, message: string) => {
    lines.push({ level, message, fields: { ...bindings, ...fields } });
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"),
    child: (fields) => capturingLogger(lines, { ...bindings, ...fields }) };
}

const origin = "http://localhost";
const password = "carla-console-password-1";

describe("request log", () => {
  let hub: TestHub;
  let lines: Line[];
  let app: ReturnType<typeof createHttpApp>;

  beforeEach(async () => {
    hub = await createTestHub();
    lines = [];
    app = createHttpApp({ ...hub.deps, logger: capturingLogger(lines),
      console: { staticDir: undefined, connectedSessions: () => new Map() } });
    await hub.store.upsertAccount({ name: "carla", role: "compliance", tokenHash: undefined,
      createdAt: 0, passwordHash: await hashPassword(password) });
  });
  afterEach(async () => { await hub.close(); });

  const requestLines = () => lines.filter((line) => line.fields.component === "http" &&
    "route" in line.fields);
  const signed = (request: { method: string; path: string; body?: string;
    headers?: Record<string, string> }) => {
    const body = Buffer.from(request.body ?? "");
    const headers = hub.a.signer.headersFor({ method: request.method, target: request.path, body });
    return { headers, response: app.request(request.path, { method: request.method,
      headers: { ...headers, ...request.headers }, ...(request.method === "GET" ? {} : { body }) }) };
  };

  /** No line carries any of these texts, under any field name. */
  const expectNoSecrets = (secrets: readonly string[]) => {
    const text = JSON.stringify(lines);
    for (const secret of secrets.filter((s) => s.length >= 8)) expect(text).not.toContain(secret);
  };

  it("createHttpApp() logs a signed request with its id, BIC, route pattern, status, duration",
    async () => {
      const payload = mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "LOG1",
        uetr: testUetr(1) });
      const sent = signed({ method: "POST", path: "/v1/messages", body: payload,
        headers: { "x-request-id": "trace-7.a_B" } });
      const response = await sent.response;
      expect(response.status).toBe(201);
      expect(response.headers.get("x-request-id")).toBe("trace-7.a_B");
      const { id } = await response.json() as { id: string };
      const status = signed({ method: "GET", path: `/v1/messages/${id}` });
      const statusResponse = await status.response;
      expect(statusResponse.status).toBe(200);

      const [submitLine, statusLine, ...rest] = requestLines();
      expect(rest).toEqual([]);
      expect(submitLine).toMatchObject({ level: "info", message: "POST /v1/messages 201",
        fields: { requestId: "trace-7.a_B", bic: hub.a.bic, method: "POST",
          route: "/v1/messages", status: 201 } });
      expect(submitLine?.fields.durationMs).toEqual(expect.any(Number));
      expect(submitLine?.fields.durationMs).toBeGreaterThanOrEqual(0);
      // The route pattern, never the message id of the raw path.
      expect(statusLine?.fields).toMatchObject({ route: "/v1/messages/:id", status: 200,
        bic: hub.a.bic });
      expect(statusLine?.fields.requestId).toMatch(/^[0-9a-f]{16}$/);
      expect(statusResponse.headers.get("x-request-id")).toBe(statusLine?.fields.requestId);
      expect(JSON.stringify(lines)).not.toContain(id);
      expect(JSON.stringify(lines)).not.toContain("LOG1");
      expectNoSecrets([...Object.values(sent.headers), ...Object.values(status.headers)]);
    });

  it("createHttpApp() logs refused requests at info, without their tokens or signatures",
    async () => {
      const forged = signed({ method: "GET", path: "/v1/messages/01ABC?after=secret-query",
        headers: { signature: "sig1=:AAAAforgedsignatureAAAA:",
          "x-request-id": "not a sane id, it has spaces" } });
      expect((await forged.response).status).toBe(401);
      const badToken = "wrong-operator-token-0123456789";
      expect((await app.request("/v1/participants",
        { headers: { authorization: `Bearer ${badToken}`, "x-request-id": "x".repeat(65) } }))
        .status).toBe(401);
      expect((await app.request("/v1/participants",
        { headers: { authorization: `Bearer ${hub.operatorToken}` } })).status).toBe(200);

      const [forgedLine, badTokenLine, operatorLine] = requestLines();
      expect(forgedLine).toMatchObject({ level: "info", fields: { method: "GET",
        route: "/v1/messages/:id", status: 401 } });
      expect(forgedLine?.fields).not.toHaveProperty("bic");
      expect(forgedLine?.fields.requestId).toMatch(/^[0-9a-f]{16}$/);
      expect(badTokenLine).toMatchObject({ level: "info", fields: { route: "/v1/participants",
        status: 401 } });
      expect(badTokenLine?.fields.requestId).toMatch(/^[0-9a-f]{16}$/);
      expect(badTokenLine?.fields).not.toHaveProperty("account");
      expect(operatorLine?.fields).toMatchObject({ account: "olga", status: 200 });
      expect(JSON.stringify(lines)).not.toContain("secret-query");
      expectNoSecrets([badToken, hub.operatorToken, "AAAAforgedsignatureAAAA",
        ...Object.values(forged.headers)]);
    });

  it("createHttpApp() logs a console sign-in and the signed-in account, never the password",
    async () => {
      const login = (secret: string) => app.request("/console/api/login", { method: "POST",
        body: JSON.stringify({ name: "carla", password: secret }),
        headers: { "content-type": "application/json", origin, host: "localhost" } });
      expect((await login("wrong-password-guess")).status).toBe(401);
      const response = await login(password);
      expect(response.status).toBe(200);
      const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const { csrfToken } = await response.json() as { csrfToken: string };
      expect((await app.request("/console/api/overview", { headers: { cookie } })).status)
        .toBe(200);

      const [failed, signedIn, overview] = requestLines();
      expect(failed).toMatchObject({ level: "info", fields: { method: "POST",
        route: "/console/api/login", status: 401 } });
      expect(signedIn).toMatchObject({ level: "info", fields: { method: "POST",
        route: "/console/api/login", status: 200 } });
      expect(signedIn?.fields.durationMs).toEqual(expect.any(Number));
      expect(overview).toMatchObject({ level: "info", fields: { route: "/console/api/overview",
        status: 200, account: "carla" } });
      expectNoSecrets([password, "wrong-password-guess", cookie.split("=")[1] ?? "", csrfToken]);
    });

  it("createHttpApp() logs a 5xx at error with the error, and the client sees no details",
    async () => {
      const failing = createHttpApp({ ...hub.deps, logger: capturingLogger(lines),
        stores: { ...hub.deps.stores, queries: { ...hub.deps.stores.queries,
          getMessage: () => Promise.reject(new TypeError("queries broke in a test")) } } });
      const path = "/v1/messages/01ABC";
      const body = Buffer.alloc(0);
      const response = await failing.request(path,
        { headers: hub.a.signer.headersFor({ method: "GET", target: path, body }) });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("queries broke");
      const [line] = requestLines();
      expect(line).toMatchObject({ level: "error", message: "GET /v1/messages/:id 500",
        fields: { route: "/v1/messages/:id", status: 500, bic: hub.a.bic } });
      expect((line?.fields.err as Error).message).toBe("queries broke in a test");
    });

  it("createHttpApp() logs a 503 from an unavailable store at warn, not error", async () => {
    const unavailable = createHttpApp({ ...hub.deps, logger: capturingLogger(lines),
      stores: { ...hub.deps.stores, queries: { ...hub.deps.stores.queries,
        getMessage: () => Promise.reject(new StorageError("unavailable",
          "Cannot run \"getMessage\" on the store: the database is restarting")) } } });
    const path = "/v1/messages/01ABC";
    const body = Buffer.alloc(0);
    const response = await unavailable.request(path,
      { headers: hub.a.signer.headersFor({ method: "GET", target: path, body }) });
    expect(response.status).toBe(503);
    expect(requestLines()[0]).toMatchObject({ level: "warn",
      fields: { route: "/v1/messages/:id", status: 503 } });
  });

  it("createHttpApp() names no route for a path that matches none", async () => {
    expect((await app.request("/no/such/path/with-a-secret")).status).toBe(404);
    expect(requestLines()[0]?.fields).toMatchObject({ route: "unmatched", status: 404 });
    expect(JSON.stringify(lines)).not.toContain("with-a-secret");
  });
});
