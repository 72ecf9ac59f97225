// Console sign-in throttles, each in a bounded table: strict per (client, account) pair, per
// client address, and a soft exponential back-off per account that holds back only clients with
// failures of their own. Why this shape: docs/decisions/0012-login-throttle-and-refusals.md.
import { assert } from "../../lib/index.js";
import {
  consoleLoginAccountBackoffMsBase, consoleLoginAccountBackoffMsMax,
  consoleLoginAccountFailuresFree, consoleLoginAccountsMax, consoleLoginClientFailuresMax,
  consoleLoginClientLockMs, consoleLoginClientsMax, consoleLoginFailureWindowMs,
  consoleLoginPairFailuresMax, consoleLoginPairLockMs, consoleLoginPairsMax,
} from "../../limits.js";

/** Which throttle refused an attempt. */
export type LoginRefusal = "pair-locked" | "client-locked" | "account-backoff";

/** The keys an admitted attempt was counted under, to take back if its password is right. */
export interface LoginTicket {
  readonly pair: FailureEntry;
  readonly client: FailureEntry;
  readonly account: FailureEntry;
}

export type LoginAdmission =
  | { readonly ok: true; readonly ticket: LoginTicket }
  | { readonly ok: false; readonly reason: LoginRefusal; readonly retryAfterMs: number };

export interface LoginThrottle {
  /**
   * Whether this attempt may have its password checked. An admitted attempt is counted as a
   * failure at once, before the check, so that attempts sent in parallel cannot overrun a
   * limit; succeeded() takes it back. The decision never depends on whether the name exists.
   */
  admit(attempt: { readonly client: string; readonly account: string }): LoginAdmission;
  succeeded(ticket: LoginTicket): void;
  /** Entries held per table, each at most its bound. */
  size(): { readonly pairs: number; readonly clients: number; readonly accounts: number };
}

export interface LoginThrottleLimits {
  readonly pairsMax: number;
  readonly clientsMax: number;
  readonly accountsMax: number;
}

/** One key's failures within the window; `heldUntil` > now while it locks or backs off. */
interface FailureEntry {
  readonly key: string;
  failures: number;
  lastFailureAt: number;
  heldUntil: number;
}

interface TableRule {
  /** Failures at which an entry is held (locked, or backing off). */
  readonly holdAt: number;
  /** How long each failure at or past holdAt holds the entry; the same for every entry. */
  readonly holdMs: number;
  readonly entriesMax: number;
}

/**
 * A bounded failure table. Entries that hold nothing are kept least recently failed first and
 * are the only ones ever evicted; held entries are kept in the order their hold ends (every
 * hold of one table lasts the same time) and leave only when it has ended. When every entry is
 * held, a new key is counted in the table's one overflow entry, which holds like any other:
 * while it is held, keys not in the table are held too (the table fails closed, not open).
 */
interface FailureTable {
  /** The key's entry, the overflow entry for a key the full table cannot hold, or undefined. */
  find(key: string, now: number): FailureEntry | undefined;
  /** Counts one failure against the key and answers the entry that counted it. */
  fail(key: string, now: number): FailureEntry;
  /** Takes one failure back (the attempt succeeded); `forget` drops the entry entirely. */
  takeBack(entry: FailureEntry, options: { forget: boolean }): void;
  size(): number;
}

function createFailureTable(rule: TableRule): FailureTable {
  assert(rule.entriesMax > 0 && rule.holdAt > 0, "a failure table holds and counts something");
  // Maps keep insertion order: re-inserting on each failure makes the first the least recent.
  const open = new Map<string, FailureEntry>();
  const held = new Map<string, FailureEntry>();
  const overflow: FailureEntry = { key: "", failures: 0, lastFailureAt: 0, heldUntil: 0 };
  const stale = (entry: FailureEntry, now: number) => entry.heldUntil <= now &&
    now - entry.lastFailureAt >= consoleLoginFailureWindowMs;
  const purge = (now: number): void => {
    // Bounded by the table: each entry is removed once. Holds end in insertion order.
    for (const entry of held.values()) {
      if (entry.heldUntil > now) break;
      held.delete(entry.key);
      if (!stale(entry, now) && entry.failures < rule.holdAt) open.set(entry.key, entry);
    }
    for (const entry of open.values()) {
      if (!stale(entry, now)) break;
      open.delete(entry.key);
    }
    if (stale(overflow, now)) overflow.failures = 0;
  };
  const full = () => open.size === 0 && held.size >= rule.entriesMax;
  return {
    find: (key, now) => {
      purge(now);
      const entry = open.get(key) ?? held.get(key);
      if (entry !== undefined) return stale(entry, now) ? undefined : entry;
      return full() && overflow.failures > 0 ? overflow : undefined;
    },
    fail: (key, now) => {
      purge(now);
      let entry = open.get(key) ?? held.get(key);
      if (entry !== undefined && stale(entry, now)) {
        entry.failures = 0;
        entry.heldUntil = 0;
      }
      if (entry === undefined) {
        // Evict the least recently failed entry that holds nothing; never a held one.
        const evicted = open.size + held.size >= rule.entriesMax ? open.keys().next().value
          : undefined;
        if (evicted !== undefined) open.delete(evicted);
        entry = open.size + held.size >= rule.entriesMax ? overflow
          : { key, failures: 0, lastFailureAt: now, heldUntil: 0 };
      }
      entry.failures += 1;
      entry.lastFailureAt = now;
      if (entry.failures >= rule.holdAt) entry.heldUntil = now + rule.holdMs;
      if (entry !== overflow) {
        // Re-inserted at the end: open entries by last failure, held ones by when they end.
        open.delete(key);
        held.delete(key);
        (entry.heldUntil > now ? held : open).set(key, entry);
      }
      assert(open.size + held.size <= rule.entriesMax, "a failure table stays within its bound");
      return entry;
    },
    takeBack: (entry, options) => {
      entry.failures = options.forget ? 0 : Math.max(0, entry.failures - 1);
      if (entry.failures < rule.holdAt) entry.heldUntil = 0;
      if (entry === overflow) return;
      if (entry.failures === 0) {
        open.delete(entry.key);
        held.delete(entry.key);
      } else if (entry.heldUntil === 0 && held.delete(entry.key)) {
        open.set(entry.key, entry);
      }
    },
    size: () => open.size + held.size,
  };
}

/** The account back-off: doubles with each failure past the free ones, up to the maximum. */
function backoffMs(failures: number): number {
  const doublings = Math.min(failures - consoleLoginAccountFailuresFree, 30);
  return Math.min(consoleLoginAccountBackoffMsBase * 2 ** Math.max(0, doublings),
    consoleLoginAccountBackoffMsMax);
}

export function createLoginThrottle(options: {
  now: () => number; limits?: Partial<LoginThrottleLimits>;
}): LoginThrottle {
  const pairs = createFailureTable({ holdAt: consoleLoginPairFailuresMax,
    holdMs: consoleLoginPairLockMs, entriesMax: options.limits?.pairsMax ?? consoleLoginPairsMax });
  const clients = createFailureTable({ holdAt: consoleLoginClientFailuresMax,
    holdMs: consoleLoginClientLockMs,
    entriesMax: options.limits?.clientsMax ?? consoleLoginClientsMax });
  // An account is held (kept, never evicted) while it backs off and until its failures are
  // forgotten: the back-off itself is worked out from its failures and the last one's time.
  const accounts = createFailureTable({ holdAt: consoleLoginAccountFailuresFree,
    holdMs: consoleLoginFailureWindowMs,
    entriesMax: options.limits?.accountsMax ?? consoleLoginAccountsMax });
  return {
    admit: ({ client, account }) => {
      const now = options.now();
      const pairKey = `${client}\n${account}`;
      const pair = pairs.find(pairKey, now);
      if (pair !== undefined && pair.heldUntil > now) {
        return { ok: false, reason: "pair-locked", retryAfterMs: pair.heldUntil - now };
      }
      const clientEntry = clients.find(client, now);
      if (clientEntry !== undefined && clientEntry.heldUntil > now) {
        return { ok: false, reason: "client-locked", retryAfterMs: clientEntry.heldUntil - now };
      }
      const accountEntry = accounts.find(account, now);
      const backoffUntil = accountEntry === undefined || accountEntry.heldUntil <= now ? 0
        : accountEntry.lastFailureAt + backoffMs(accountEntry.failures);
      // A client with a clean record is never held back by the account's back-off: that is
      // what keeps an attacker from locking a named account out.
      if (backoffUntil > now && (clientEntry?.failures ?? 0) > 0) {
        return { ok: false, reason: "account-backoff", retryAfterMs: backoffUntil - now };
      }
      return { ok: true, ticket: { pair: pairs.fail(pairKey, now),
        client: clients.fail(client, now), account: accounts.fail(account, now) } };
    },
    succeeded: (ticket) => {
      pairs.takeBack(ticket.pair, { forget: true });
      clients.takeBack(ticket.client, { forget: false });
      accounts.takeBack(ticket.account, { forget: false });
    },
    size: () => ({ pairs: pairs.size(), clients: clients.size(), accounts: accounts.size() }),
  };
}
