// Console sign-in: scrypt password hashes (slow on purpose) checked in the same time whether or
// not the account exists, server-side sessions named by an HttpOnly SameSite=Strict cookie, and
// a per-session CSRF token required on every change. Refused requests are counted, not logged.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import {
  consolePasswordCharsMax, consolePasswordScryptCostLog2, consoleSessionIdleMsMax,
  consoleSessionsMax,
} from "../../limits.js";
import type { RefusalRecorder } from "../../network/index.js";
import type { Account, HttpEnv, Role } from "./context.js";
import { clientAddressOf } from "./refusal-context.js";
import { routePatternOf } from "./request-log.js";

export const consoleCookieName = "corridor_console";

/** Middleware that admits a signed-in console account holding one of the roles. */
export type ConsoleGuard = (roles: readonly Role[]) => MiddlewareHandler<HttpEnv>;
const keyBytes = 32;
const saltBytes = 16;

/** The key derivation a password check runs: scrypt here, a counting stand-in in tests. */
export type PasswordKdf = (password: string, salt: Buffer, costLog2: number) => Promise<Buffer>;

export const scryptKdf: PasswordKdf = (password, salt, costLog2) => {
  const cost = 2 ** costLog2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyBytes, { N: cost, r: 8, p: 1,
      maxmem: 256 * cost * 8 + 1024 * 1024 }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
};

/** `scrypt$<log2 N>$<salt base64url>$<key base64url>`, r=8, p=1. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await scryptKdf(password, salt, consolePasswordScryptCostLog2);
  return `scrypt$${consolePasswordScryptCostLog2}$${salt.toString("base64url")}$` +
    key.toString("base64url");
}

interface StoredHash {
  readonly costLog2: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseStoredHash(stored: string): StoredHash | undefined {
  const parts = /^scrypt\$(\d{1,2})\$([A-Za-z0-9_-]{8,64})\$([A-Za-z0-9_-]{16,128})$/
    .exec(stored);
  if (parts === null) return undefined;
  const costLog2 = Number(parts[1]);
  if (costLog2 < 10 || costLog2 > 20) return undefined;
  return { costLog2, salt: Buffer.from(parts[2] ?? "", "base64url"),
    key: Buffer.from(parts[3] ?? "", "base64url") };
}

async function derivedMatches(password: string, stored: StoredHash, kdf: PasswordKdf):
  Promise<boolean> {
  const key = await kdf(password, stored.salt, stored.costLog2);
  return key.length === stored.key.length && timingSafeEqual(key, stored.key);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (parsed === undefined || password.length > consolePasswordCharsMax) return false;
  return derivedMatches(password, parsed, scryptKdf);
}

export interface PasswordCheck {
  /**
   * Whether the password matches the stored hash. The key derivation runs exactly once whether
   * the hash is there or not (no account, no password, unreadable: a random stand-in at the
   * same cost), so the time taken does not tell which names exist. A password over the length
   * limit is refused before any derivation, whoever it is for.
   */
  check(password: string, stored: string | undefined): Promise<boolean>;
}

export function createPasswordCheck(options: { kdf?: PasswordKdf } = {}): PasswordCheck {
  const kdf = options.kdf ?? scryptKdf;
  // Random bytes, not a hash of anything: no password derives this key, and making it costs
  // no derivation (which would show as a slower first answer).
  const standIn: StoredHash = { costLog2: consolePasswordScryptCostLog2,
    salt: randomBytes(saltBytes), key: randomBytes(keyBytes) };
  return {
    check: async (password, stored) => {
      const parsed = stored === undefined ? undefined : parseStoredHash(stored);
      if (password.length > consolePasswordCharsMax) return false;
      const matches = await derivedMatches(password, parsed ?? standIn, kdf);
      return matches && parsed !== undefined;
    },
  };
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
}

export function createConsoleSessions(options: {
  now: () => number; secretHex: (bytes: number) => string;
}): ConsoleSessions {
  // A Map keeps insertion order: re-inserting on use makes the first entry the least recent.
  const sessions = new Map<string, ConsoleSession>();
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
 * session's CSRF token in `x-csrf-token` and a same-origin request. Each refusal is counted by
 * the refusal recorder (kind console-access), which the audit chain receives in aggregate.
 */
export function requireConsole(
  context: { readonly sessions: ConsoleSessions; readonly refusals: RefusalRecorder },
  roles: readonly Role[],
): MiddlewareHandler<HttpEnv> {
  const refused = (c: Context<HttpEnv>, refusal: { code: string; actor: string }) => {
    context.refusals.record({ kind: "console-access", ...refusal,
      route: `${c.req.method} ${routePatternOf(c)}`, detail: clientAddressOf(c) });
  };
  return async (c, next) => {
    const session = context.sessions.find(getCookie(c, consoleCookieName));
    if (session === undefined) {
      refused(c, { code: "console-unauthenticated", actor: "unknown" });
      return c.json(consoleError("console-unauthenticated", "cookie",
        "Cannot show this page: sign in first"), 401);
    }
    const changes = c.req.method !== "GET" && c.req.method !== "HEAD";
    if (changes && (!sameOrigin(c) ||
      !tokensEqual(c.req.header("x-csrf-token") ?? "", session.csrfToken))) {
      refused(c, { code: "csrf-token-invalid", actor: session.account.name });
      return c.json(consoleError("csrf-token-invalid", "x-csrf-token",
        "Cannot accept this change: the CSRF token is missing or wrong"), 403);
    }
    if (!roles.includes(session.account.role)) {
      refused(c, { code: "role-forbidden", actor: session.account.name });
      return c.json(consoleError("role-forbidden", "cookie",
        `Cannot allow "${session.account.name}": role ${session.account.role} may not do this`),
      403);
    }
    c.set("account", session.account);
    await next();
  };
}
