// Unit tests of boundedPing(): concurrent probes share one ping, a success stands for cacheMs,
// a failure is not cached, and a ping that does not answer in time is a StorageError. Pings are
// counted; time is the test's own counter and vitest's fake timers, never the wall clock.
import { afterEach, describe, expect, it, vi } from "vitest";
import { isStorageError } from "../lib/index.js";
import { boundedPing } from "./store-ping.js";

/** A store whose pings answer when the test says; `pings` counts them. */
function store() {
  const answers: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const lifecycle = {
    close: () => Promise.resolve(),
    ping: () => new Promise<void>((resolve, reject) => { answers.push({ resolve, reject }); }),
  };
  return { lifecycle, answers, pings: () => answers.length };
}

afterEach(() => { vi.useRealTimers(); });

describe("boundedPing()", () => {
  it("shares one ping among concurrent probes, then stands on its success for cacheMs",
    async () => {
      let now = 0;
      const s = store();
      const ping = boundedPing(s.lifecycle, { cacheMs: 1_000, nowMs: () => now });
      const probes = [ping.ping(), ping.ping(), ping.ping()];
      expect(s.pings()).toBe(1);
      s.answers[0]?.resolve();
      await Promise.all(probes);
      now = 999;
      await ping.ping();
      expect(s.pings(), "within cacheMs no new ping").toBe(1);
      now = 1_000;
      const next = ping.ping();
      expect(s.pings()).toBe(2);
      s.answers[1]?.resolve();
      await next;
    });

  it("reachable() reports a success older than a refresh and a timeout as unreachable",
    async () => {
      let now = 0;
      const s = store();
      const ping = boundedPing(s.lifecycle, { cacheMs: 1_000, timeoutMs: 2_000,
        nowMs: () => now });
      const first = ping.ping();
      s.answers[0]?.resolve();
      await first;
      expect(ping.reachable()).toBe(true);
      // The store stops answering: the refresh ping hangs, and the old success ages out.
      now = 2_500;
      expect(ping.reachable(), "a refresh is pending, the success still recent").toBe(true);
      expect(s.pings()).toBe(2);
      now = 3_001;
      expect(ping.reachable()).toBe(false);
      expect(s.pings(), "the pending ping is shared, not repeated").toBe(2);
      s.answers[1]?.resolve();
      await ping.ping();
      expect(ping.reachable()).toBe(true);
    });

  it("does not cache a failure: the next probe pings again", async () => {
    const s = store();
    const ping = boundedPing(s.lifecycle, { nowMs: () => 0 });
    const failed = ping.ping();
    s.answers[0]?.reject(new Error("unreachable"));
    await expect(failed).rejects.toThrow("unreachable");
    const next = ping.ping();
    expect(s.pings()).toBe(2);
    s.answers[1]?.resolve();
    await next;
  });

  it("reports a ping that does not answer within timeoutMs as a StorageError", async () => {
    vi.useFakeTimers();
    const s = store();
    const ping = boundedPing(s.lifecycle, { timeoutMs: 2_000, nowMs: () => 0 });
    const probe = ping.ping().then(() => undefined, (error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await probe;
    expect(isStorageError(error)).toBe(true);
    expect((error as Error).message).toBe("Cannot ping the store: no answer within 2000 ms");
    s.answers[0]?.resolve();
    const next = ping.ping();
    expect(s.pings(), "a timed-out ping is not waited for again").toBe(2);
    s.answers[1]?.resolve();
    await next;
  });
});
