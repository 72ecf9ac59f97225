// /health's ping of the store, made cheap and bounded: one ping at a time however many probes
// ask, a success standing for healthPingCacheMs, and a ping that takes longer than
// healthPingTimeoutMs reported as the store being unavailable instead of holding /health.
import { performance } from "node:perf_hooks";
import { StorageError } from "../lib/index.js";
import { healthPingCacheMs, healthPingTimeoutMs } from "../limits.js";
import type { StoreLifecycle } from "../network/index.js";

export interface StorePingOptions {
  readonly timeoutMs?: number;
  readonly cacheMs?: number;
  /** Monotonic milliseconds (performance.now by default). */
  readonly nowMs?: () => number;
}

/** The store's lifecycle with ping() shared, cached and bounded; close() unchanged. */
export function boundedPing(lifecycle: StoreLifecycle, options: StorePingOptions = {}):
  StoreLifecycle {
  const timeoutMs = options.timeoutMs ?? healthPingTimeoutMs;
  const cacheMs = options.cacheMs ?? healthPingCacheMs;
  const nowMs = options.nowMs ?? (() => performance.now());
  let answeredAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;

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
    } finally {
      clearTimeout(timer);
      running = undefined;
    }
  };

  return {
    close: () => lifecycle.close(),
    ping: () => {
      if (nowMs() - answeredAt < cacheMs) return Promise.resolve();
      running ??= pingOnce();
      return running;
    },
  };
}
