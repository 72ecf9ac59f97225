// /health's ping of the store, made cheap and bounded: one ping at a time however many probes
// ask, a success standing for healthPingCacheMs, and a ping that takes longer than
// healthPingTimeoutMs reported as the store being unavailable instead of holding /health. The
// last result is kept for the Node-level /health, which answers from it without waiting.
import { performance } from "node:perf_hooks";
import { isStorageError, StorageError } from "../lib/index.js";
import { healthPingCacheMs, healthPingTimeoutMs } from "../limits.js";
import type { StoreLifecycle } from "../network/index.js";

export interface StorePingOptions {
  readonly timeoutMs?: number;
  readonly cacheMs?: number;
  /** Monotonic milliseconds (performance.now by default). */
  readonly nowMs?: () => number;
}

/** The store's lifecycle with its ping shared, cached and bounded, and its last result kept. */
export interface CachedStorePing extends StoreLifecycle {
  /**
   * Whether the last ping that finished was answered (undefined before the first one), read
   * without waiting. Once the last success is older than cacheMs it starts a ping in the
   * background, shared with /health's own, so the next read sees a fresh result.
   */
  reachable(): boolean | undefined;
}

/** The store's lifecycle with ping() shared, cached and bounded; close() unchanged. */
export function boundedPing(lifecycle: StoreLifecycle, options: StorePingOptions = {}):
  CachedStorePing {
  const timeoutMs = options.timeoutMs ?? healthPingTimeoutMs;
  const cacheMs = options.cacheMs ?? healthPingCacheMs;
  const nowMs = options.nowMs ?? (() => performance.now());
  let answeredAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;
  let reachable: boolean | undefined;

  const pingOnce = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StorageError("unavailable",
        `Cannot ping the store: no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      // A ping that answers after the timeout is ignored (race keeps a handler on it).
      await Promise.race([lifecycle.ping(), late]);
      answeredAt = nowMs();
      reachable = true;
    } catch (error) {
      // An unreachable store is the result kept; anything else is a bug and propagates.
      if (isStorageError(error)) reachable = false;
      throw error;
    } finally {
      clearTimeout(timer);
      running = undefined;
    }
  };

  const ping = (): Promise<void> => {
    if (nowMs() - answeredAt < cacheMs) return Promise.resolve();
    running ??= pingOnce();
    return running;
  };

  return {
    close: () => lifecycle.close(),
    ping,
    reachable: () => {
      // The background ping's outcome is kept by pingOnce; an unavailable store is that
      // outcome, not an error, and anything else is rethrown (an unhandled rejection: a bug).
      ping().catch((error: unknown) => {
        if (!isStorageError(error)) throw error;
      });
      // A success older than a refresh and a timeout is no news: the store may have gone
      // since, and a ping is stuck or failing. Reported unreachable rather than stale.
      if (reachable === true && nowMs() - answeredAt > cacheMs + timeoutMs) return false;
      return reachable;
    },
  };
}
