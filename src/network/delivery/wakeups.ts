// Wake-ups: long-polls and streaming sessions wait here until their receiver has new messages.
import type { Bic } from "../../standards/index.js";

export interface Wakeups {
  /** Resolves true when woken for `receiver`, false when the wait times out. */
  wait(receiver: Bic, timeoutMs: number): Promise<boolean>;
  /** Subscribes a listener; returns the unsubscribe function. */
  subscribe(receiver: Bic, listener: () => void): () => void;
  notify(receivers: Iterable<Bic>): void;
}

export function createWakeups(): Wakeups {
  const listeners = new Map<Bic, Set<() => void>>();

  const subscribe = (receiver: Bic, listener: () => void): (() => void) => {
    let set = listeners.get(receiver);
    if (set === undefined) {
      set = new Set();
      listeners.set(receiver, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(receiver);
    };
  };

  return {
    subscribe,
    wait: (receiver, timeoutMs) => new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => { unsubscribe(); resolve(false); }, timeoutMs);
      const unsubscribe = subscribe(receiver, () => {
        clearTimeout(timer);
        unsubscribe();
        resolve(true);
      });
    }),
    notify: (receivers) => {
      for (const receiver of receivers) {
        for (const listener of [...(listeners.get(receiver) ?? [])]) listener();
      }
    },
  };
}
