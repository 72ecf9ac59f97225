// Console sign-in: scrypt password hashes (slow on purpose), server-side sessions named by an
// HttpOnly SameSite=Strict cookie, and a per-session CSRF token required on every change.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import {
  consoleLoginFailuresMax, consoleLoginLockMs, consolePasswordCharsMax,
  consolePasswordScryptCostLog2, consoleSessionIdleMsMax, consoleSessionsMax,
} from "../../limits.js";
import type { Account, HttpEnv, Role } from "./context.js";

export const consoleCookieName = "corridor_console";

/** Middleware that admits a signed-in console account holding one of the roles. */
export type ConsoleGuard = (roles: readonly Role[]) => MiddlewareHandler<HttpEnv>;
const keyBytes = 32;

function scryptAsync(password: string, salt: Buffer, costLog2: number): Promise<Buffer> {
  const cost = 2 ** costLog2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyBytes, { N: cost, r: 8, p: 1,
      maxmem: 256 * cost * 8 + 1024 * 1024 }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** `scrypt$<log2 N>$<salt base64url>$<key base64url>`, r=8, p=1. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, consolePasswordScryptCostLog2);
  return `scrypt$${consolePasswordScryptCostLog2}$${salt.toString("base64url")}$` +
    key.toString("base64url");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = /^scrypt\$(\d{1,2})\$([A-Za-z0-9_-]{8,64})\$([A-Za-z0-9_-]{16,128})$/
    .exec(stored);
  if (parts === null || password.length > consolePasswordCharsMax) return false;
  const costLog2 = Number(parts[1]);
  if (costLog2 < 10 || costLog2 > 20) return false;
  const expected = Buffer.from(parts[3] ?? "", "base64url");
  const key = await scryptAsync(password, Buffer.from(parts[2] ?? "", "base64url"), costLog2);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export interface ConsoleSession {
  readonly token: string;
  readonly account: Account;
  readonly csrfToken: string;
  lastSeenAt: number;
}

export interface ConsoleSessions {
  create(account: Account): ConsoleSession;
  find(token: string | undefined): ConsoleSession | undefined;
  end(token: string): void;
  /** Counts a failed sign-in; true while the name is locked out. */
  failed(name: string): void;
  locked(name: string): boolean;
  succeeded(name: string): void;
}

export function createConsoleSessions(options: {
  now: () => number; secretHex: (bytes: number) => string;
}): ConsoleSessions {
  // A Map keeps insertion order: re-inserting on use makes the first entry the least recent.
  const sessions = new Map<string, ConsoleSession>();
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  return {
    create: (account) => {
      while (sessions.size >= consoleSessionsMax) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
      const session = { token: options.secretHex(32), account, csrfToken: options.secretHex(32),
        lastSeenAt: options.now() };
      sessions.set(session.token, session);
      return session;
    },
    find: (token) => {
      const session = token === undefined ? undefined : sessions.get(token);
      if (session === undefined) return undefined;
      const now = options.now();
      sessions.delete(session.token);
      if (now - session.lastSeenAt > consoleSessionIdleMsMax) return undefined;
      session.lastSeenAt = now;
      sessions.set(session.token, session);
      return session;
    },
    end: (token) => { sessions.delete(token); },
    failed: (name) => {
      const entry = failures.get(name) ?? { count: 0, lockedUntil: 0 };
      entry.count += 1;
      if (entry.count >= consoleLoginFailuresMax) {
        entry.lockedUntil = options.now() + consoleLoginLockMs;
        entry.count = 0;
      }
      failures.set(name, entry);
      if (failures.size > consoleSessionsMax * 10) failures.clear();
    },
    locked: (name) => (failures.get(name)?.lockedUntil ?? 0) > options.now(),
    succeeded: (name) => { failures.delete(name); },
  };
}

/** A browser's cross-site request carries another Origin; same-origin ones match our Host. */
export function sameOrigin(c: Context<HttpEnv>): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined) return c.req.header("sec-fetch-site") !== "cross-site";
  // An Origin that is not a URL ("null" from a sandboxed frame) is not ours.
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === (c.req.header("host") ?? "");
}

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function consoleError(code: string, location: string, message: string): {
  error: { code: string; location: string; message: string };
} {
  return { error: { code, location, message } };
}

/**
 * Requires a console session with one of the roles. Every method but GET/HEAD also needs the
 * session's CSRF token in `x-csrf-token` and a same-origin request.
 */
export function requireConsole(
  sessions: ConsoleSessions,
  roles: readonly Role[],
): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const session = sessions.find(getCookie(c, consoleCookieName));
    if (session === undefined) {
      return c.json(consoleError("console-unauthenticated", "cookie",
        "Cannot show this page: sign in first"), 401);
    }
    const changes = c.req.method !== "GET" && c.req.method !== "HEAD";
    if (changes && (!sameOrigin(c) ||
      !tokensEqual(c.req.header("x-csrf-token") ?? "", session.csrfToken))) {
      return c.json(consoleError("csrf-token-invalid", "x-csrf-token",
        "Cannot accept this change: the CSRF token is missing or wrong"), 403);
    }
    if (!roles.includes(session.account.role)) {
      return c.json(consoleError("role-forbidden", "cookie",
        `Cannot allow "${session.account.name}": role ${session.account.role} may not do this`),
      403);
    }
    c.set("account", session.account);
    await next();
  };
}
