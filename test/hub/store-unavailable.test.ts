// The HTTP API when the store fails underneath it: a store that cannot be reached answers 503
// storage-unavailable (clients retry), any other exception a generic 500, never its details.
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { createHttpApp } from "../../src/interfaces/index.js";
import { translateStorageError } from "../../src/adapters/storage/storage-errors.js";
import { tokenHash } from "../../src/main/accounts.js";
import { createHubDeps } from "../../src/main/hub.js";
import { makeBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";

type Store = ReturnType<typeof openSqliteStore>;

/** The SQLite store, except that once `fail` is set every method rejects with it. */
function breakableStore(): { store: Store; fail(error: Error | undefined): void;
  close(): Promise<void> } {
  const real = openSqliteStore({ path: ":memory:" });
  let failure: Error | undefined;
  const store = new Proxy(real, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || key === "close") return value;
      return (...args: unknown[]): unknown => failure === undefined
        ? (value as (...a: unknown[]) => unknown).apply(target, args)
        : Promise.reject(translateStorageError(failure, `run "${String(key)}" on the SQLite store`));
    },
  });
  return { store, fail: (error) => { failure = error; }, close: () => real.close() };
}

/** What node-postgres raises while PostgreSQL restarts, and when nothing listens. */
function adminShutdown(): Error {
  return Object.assign(new Error("terminating connection due to administrator command"),
    { code: "57P01", severity: "FATAL" });
}
function refused(): Error {
  const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"),
    { code: "ECONNREFUSED" });
  return new AggregateError([inner], "");
}

const token = "operator-token-for-unavailable-tests";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0)) await close(); });

async function hubOnBreakableStore() {
  const broken = breakableStore();
  const clock = { now: () => Date.now() };
  const deps = createHubDeps(broken.store, { clock, screening: "off" });
  const app = createHttpApp(deps);
  const a = makeBank("BANKUS33XXX");
  const b = makeBank("BANKJPJTXXX");
  for (const bank of [a, b]) {
    await deps.directory.upsert({ bic: bank.bic, name: bank.bic, publicKeyPem: bank.publicKeyPem,
      parent: undefined, status: "active", createdAt: clock.now() });
  }
  await broken.store.upsertAccount({ name: "olga", role: "operator", tokenHash: tokenHash(token),
    passwordHash: undefined, createdAt: 0 });
  closers.push(async () => { broken.fail(undefined); await deps.intake.drain();
    await broken.close(); });
  const signed = (path: string, method = "GET", body = Buffer.alloc(0)) => app.request(path, {
    method, headers: a.signer.headersFor({ method, target: path, body }),
    ...(method === "GET" ? {} : { body }) });
  const operator = (path: string) => app.request(path,
    { headers: { authorization: `Bearer ${token}` } });
  return { broken, app, a, b, signed, operator };
}

describe("HTTP API on an unavailable store", () => {
  it("createHttpApp() answers 503 storage-unavailable when the store is restarting", async () => {
    const hub = await hubOnBreakableStore();
    expect((await hub.operator("/v1/participants")).status).toBe(200);
    hub.broken.fail(adminShutdown());
    for (const response of [await hub.operator("/v1/participants"),
      await hub.signed("/v1/inbox?limit=10"), await hub.app.request("/metrics")]) {
      expect(response.status).toBe(503);
      const json = await response.json() as { error: { code: string; message: string } };
      expect(json.error.code).toBe("storage-unavailable");
      expect(json.error.message).not.toMatch(/administrator|57P01/);
    }
    const text = mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "DOWN1",
      uetr: testUetr(1) });
    const submitted = await hub.signed("/v1/messages", "POST", Buffer.from(text));
    expect(submitted.status).toBe(503);
    // Whichever store read fails first (nonce, directory, commit), the answer is the same code.
    const answer = await submitted.json() as { code?: string; error?: { code: string } };
    expect(answer.code ?? answer.error?.code).toBe("storage-unavailable");
    expect((await hub.app.request("/health")).status).toBe(503);
  });

  it("createHttpApp() answers 503 when the database refuses connections", async () => {
    const hub = await hubOnBreakableStore();
    hub.broken.fail(refused());
    const response = await hub.operator("/v1/participants");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ error: { code: "storage-unavailable" } });
  });

  it("createHttpApp() answers a generic 500 for a bug, without its details", async () => {
    const hub = await hubOnBreakableStore();
    hub.broken.fail(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    const response = await hub.operator("/v1/participants");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "internal-error", location: "hub" } });
    expect(text).not.toMatch(/secret|TypeError|undefined/);
  });
});
