// Console sign-in defences, in process: an unknown name costs the same key derivation and gets
// the same answer as a wrong password; throttles per (client, account), client and account hold
// in bounded tables that never forget a lock; an attacker cannot lock a named account out.
// Work is counted (key derivations, table sizes), never timed.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  consoleLoginAccountBackoffMsMax, consoleLoginAccountFailuresFree, consoleLoginClientFailuresMax,
  consoleLoginPairFailuresMax, consoleLoginPairLockMs, consolePasswordScryptCostLog2,
} from "../../src/limits.js";
import {
  createConsoleSessions, createPasswordCheck, scryptKdf,
} from "../../src/interfaces/http/console-auth.js";
import type { PasswordKdf } from "../../src/interfaces/http/console-auth.js";
import { signInRoutes } from "../../src/interfaces/http/console-sign-in.js";
import type { HttpEnv } from "../../src/interfaces/http/context.js";
import { createLoginThrottle } from "../../src/interfaces/http/login-throttle.js";
import type { LoginThrottleLimits } from "../../src/interfaces/http/login-throttle.js";
import { clientKeyOf } from "../../src/interfaces/http/refusal-context.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";

/** A key derivation that counts its calls: scrypt itself, or a fast stand-in for floods. */
function countingKdf(inner: PasswordKdf): PasswordKdf & { calls: () => number } {
  let calls = 0;
  const kdf = (password: string, salt: Buffer, costLog2: number) => {
    calls += 1;
    return inner(password, salt, costLog2);
  };
  return Object.assign(kdf, { calls: () => calls });
}

/** SHA-256 in place of scrypt: the same inputs and shape, a thousand times cheaper. */
const fastKdf: PasswordKdf = (password, salt) =>
  Promise.resolve(createHash("sha256").update(salt).update(password, "utf8").digest());

async function storedHash(password: string, kdf: PasswordKdf): Promise<string> {
  const salt = Buffer.from("0123456789abcdef");
  const key = await kdf(password, salt, consolePasswordScryptCostLog2);
  return `scrypt$${consolePasswordScryptCostLog2}$${salt.toString("base64url")}$` +
    key.toString("base64url");
}

interface SignInApp {
  readonly throttle: ReturnType<typeof createLoginThrottle>;
  readonly kdf: ReturnType<typeof countingKdf>;
  /** Moves the throttle's clock (the throttle reads no wall clock). */
  advance(ms: number): void;
  login(name: string, password: string, client: string): Promise<Response>;
}

function signInApp(hub: TestHub, options: { kdf: PasswordKdf;
  limits?: Partial<LoginThrottleLimits> }): SignInApp {
  let now = 1_000_000;
  const kdf = countingKdf(options.kdf);
  const throttle = createLoginThrottle({ now: () => now,
    ...(options.limits === undefined ? {} : { limits: options.limits }) });
  const routes = new Hono<HttpEnv>();
  signInRoutes(routes, { deps: hub.deps, throttle,
    sessions: createConsoleSessions({ now: () => now, secretHex: (n) => "ab".repeat(n) }),
    options: { audit: () => Promise.resolve() }, passwords: createPasswordCheck({ kdf }) });
  const app = new Hono<HttpEnv>().route("/console", routes);
  return {
    throttle, kdf, advance: (ms) => { now += ms; },
    // The third argument stands in for @hono/node-server's bindings: the socket's address.
    login: async (name, password, client) => app.request("/console/api/login", {
      method: "POST", body: JSON.stringify({ name, password }),
      headers: { "content-type": "application/json", origin: "http://localhost",
        host: "localhost" } }, { incoming: { socket: { remoteAddress: client } } }),
  };
}

describe("console sign-in defences", () => {
  let hub: TestHub;
  beforeEach(async () => { hub = await createTestHub(); });
  afterEach(async () => { await hub.close(); });

  const addAccount = async (name: string, password: string, kdf: PasswordKdf) => {
    await hub.store.upsertAccount({ name, role: "compliance", tokenHash: undefined, createdAt: 0,
      passwordHash: await storedHash(password, kdf) });
  };

  it("answers an unknown name like a wrong password, after one scrypt each", async () => {
    await addAccount("carla", "carla-secret", scryptKdf);
    const app = signInApp(hub, { kdf: scryptKdf });
    const answers: { status: number; body: string; calls: number }[] = [];
    // A wrong password, an unknown name, an account without a password (tokens only: "olga").
    for (const [name, client] of [["carla", "10.0.0.1"], ["nobody", "10.0.0.2"],
      ["olga", "10.0.0.3"]] as const) {
      const before = app.kdf.calls();
      const response = await app.login(name, "wrong-password", client);
      answers.push({ status: response.status, body: await response.text(),
        calls: app.kdf.calls() - before });
    }
    expect(answers[0]).toEqual({ status: 401, calls: 1, body: JSON.stringify({ error: {
      code: "login-invalid", location: "name",
      message: "Cannot sign in: unknown account or wrong password" } }) });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const before = app.kdf.calls();
    expect((await app.login("carla", "carla-secret", "10.0.0.4")).status).toBe(200);
    expect(app.kdf.calls() - before).toBe(1);
  });

  it("locks a (client, account) pair at its limit; parallel tries do not overrun it", async () => {
    await addAccount("carla", "carla-secret", fastKdf);
    const app = signInApp(hub, { kdf: fastKdf });
    const statuses = await Promise.all(Array.from({ length: 100 },
      () => app.login("carla", "guess", "198.51.100.7").then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(consoleLoginPairFailuresMax);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - consoleLoginPairFailuresMax);
    expect(app.kdf.calls()).toBe(consoleLoginPairFailuresMax);
    const locked = await app.login("carla", "carla-secret", "198.51.100.7");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected; the locked pair opens when its lock ends.
    expect((await app.login("carla", "carla-secret", "198.51.100.8")).status).toBe(200);
    app.advance(consoleLoginPairLockMs);
    expect((await app.login("carla", "carla-secret", "198.51.100.7")).status).toBe(200);
  });

  it("10,001 junk names from one client do not unlock its locked pair", async () => {
    await addAccount("carla", "carla-secret", fastKdf);
    const app = signInApp(hub, { kdf: fastKdf });
    const attacker = "192.0.2.66";
    const fail = (name: string) => app.login(name, "x", attacker);
    for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) await fail("carla");
    for (let i = 0; i < 10_001; i += 1) await fail(`junk-${i}`);
    // The client itself locked after its own limit: the junk cost that many derivations.
    expect(app.kdf.calls()).toBe(consoleLoginClientFailuresMax);
    expect((await app.login("carla", "carla-secret", attacker)).status).toBe(429);
    expect((await app.login("carla", "carla-secret", "192.0.2.67")).status).toBe(200);
  });

  it("10,001 junk names from 10,001 clients fill the tables to their bound, no further, and " +
    "evict no lock", async () => {
    await addAccount("carla", "carla-secret", fastKdf);
    const bound = 500;
    const app = signInApp(hub, { kdf: fastKdf,
      limits: { pairsMax: bound, clientsMax: bound, accountsMax: bound } });
    const attacker = "192.0.2.66";
    for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) await app.login("carla", "", attacker);
    for (let i = 0; i < 10_001; i += 1) {
      const client = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      expect((await app.login(`junk-${i}`, "x", client)).status).toBe(401);
    }
    expect(app.throttle.size()).toEqual({ pairs: bound, clients: bound, accounts: bound });
    expect((await app.login("carla", "carla-secret", attacker)).status).toBe(429);
    expect((await app.login("carla", "carla-secret", "192.0.2.67")).status).toBe(200);
    // The success took its own entries back out.
    expect(Object.values(app.throttle.size()).every((size) => size <= bound)).toBe(true);
  });

  it("an attacker hammering an account from many clients cannot keep its owner out", async () => {
    await addAccount("carla", "carla-secret", fastKdf);
    const app = signInApp(hub, { kdf: fastKdf });
    // 40 addresses, each to its pair limit: the account backs off, for clients that failed.
    for (let client = 0; client < 40; client += 1) {
      for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) {
        await app.login("carla", `guess-${i}`, `203.0.113.${client}`);
      }
    }
    const dirty = "198.51.100.20";
    await app.login("someone-else", "typo", dirty);
    const held = await app.login("carla", "carla-secret", dirty);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after")))
      .toBeLessThanOrEqual(consoleLoginAccountBackoffMsMax / 1_000);
    // A client with no failures of its own gets in at once, the right password checked.
    const before = app.kdf.calls();
    expect((await app.login("carla", "carla-secret", "198.51.100.30")).status).toBe(200);
    expect(app.kdf.calls() - before).toBe(1);
    // The back-off ends: the client that had failed gets in too.
    app.advance(consoleLoginAccountBackoffMsMax);
    expect((await app.login("carla", "carla-secret", dirty)).status).toBe(200);
  });

  it("one client alone does not put an account into back-off", async () => {
    await addAccount("carla", "carla-secret", fastKdf);
    const app = signInApp(hub, { kdf: fastKdf });
    expect(consoleLoginAccountFailuresFree).toBeGreaterThan(consoleLoginPairFailuresMax);
    for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) {
      await app.login("carla", "x", "10.1.1.1");
    }
    await app.login("other", "x", "10.1.1.2");
    expect((await app.login("carla", "carla-secret", "10.1.1.2")).status).toBe(200);
  });

  it("clientKeyOf() counts an IPv6 /64 as one client and unmaps IPv4", () => {
    expect(clientKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKeyOf("2001:db8:1:2:ffff:1:2:3%eth0")).toBe("2001:db8:1:2::/64");
    expect(clientKeyOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKeyOf("::1")).toBe("0:0:0:0::/64");
    expect(clientKeyOf("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientKeyOf("192.0.2.1")).toBe("192.0.2.1");
    expect(clientKeyOf(undefined)).toBe("unknown");
  });
});

describe("createLoginThrottle() tables", () => {
  const attempt = (client: string, account: string) => ({ client, account });

  it("never evicts a lock: a table full of locks counts new keys in one overflow entry, " +
    "which fails closed once it locks", () => {
    let now = 0;
    const throttle = createLoginThrottle({ now: () => now,
      limits: { pairsMax: 2, clientsMax: 1_000, accountsMax: 1_000 } });
    for (const account of ["a", "b"]) {
      for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) {
        expect(throttle.admit(attempt("c1", account)).ok).toBe(true);
      }
    }
    expect(throttle.size().pairs).toBe(2);
    // Every entry is locked: new pairs share the overflow entry, which locks in turn.
    for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) {
      expect(throttle.admit(attempt(`c${10 + i}`, "z")).ok).toBe(true);
    }
    expect(throttle.size().pairs).toBe(2);
    expect(throttle.admit(attempt("c1", "a"))).toMatchObject({ ok: false, reason: "pair-locked" });
    expect(throttle.admit(attempt("c99", "new"))).toMatchObject({ ok: false,
      reason: "pair-locked" });
    // Locks end in their own time; the table takes new keys again.
    now += consoleLoginPairLockMs;
    expect(throttle.admit(attempt("c99", "new")).ok).toBe(true);
    expect(throttle.size().pairs).toBe(1);
  });

  it("evicts the least recently failed entry that holds no lock", () => {
    const now = 0;
    const throttle = createLoginThrottle({ now: () => now,
      limits: { pairsMax: 3, clientsMax: 1_000, accountsMax: 1_000 } });
    for (let i = 0; i < consoleLoginPairFailuresMax; i += 1) throttle.admit(attempt("x", "locked"));
    for (let i = 1; i < consoleLoginPairFailuresMax; i += 1) throttle.admit(attempt("x", "old"));
    throttle.admit(attempt("x", "recent"));
    throttle.admit(attempt("x", "newest"));
    expect(throttle.size().pairs).toBe(3);
    // "old" went (least recently failed, unlocked): its next try starts a fresh count.
    for (let i = 0; i < consoleLoginPairFailuresMax - 1; i += 1) {
      expect(throttle.admit(attempt("x", "old")).ok).toBe(true);
    }
    expect(throttle.admit(attempt("x", "locked"))).toMatchObject({ ok: false });
  });
});
