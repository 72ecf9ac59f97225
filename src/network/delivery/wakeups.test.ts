// Unit tests of createWakeups(): a notify wakes the waiters and listeners of the receivers it
// names and no others; a wait that is not woken answers false when its timer fires. Timers are
// the test's own (fake), advanced by hand: nothing here reads the wall clock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Bic } from "../../standards/index.js";
import { createWakeups } from "./wakeups.js";

const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe("createWakeups()", () => {
  it("notify() calls the listeners of the receivers named, once each call", () => {
    const wakeups = createWakeups();
    const heard: string[] = [];
    wakeups.subscribe(bankA, () => heard.push("a1"));
    wakeups.subscribe(bankA, () => heard.push("a2"));
    wakeups.subscribe(bankB, () => heard.push("b"));
    wakeups.notify([bankA]);
    expect(heard).toEqual(["a1", "a2"]);
    wakeups.notify(new Set([bankA, bankB]));
    expect(heard).toEqual(["a1", "a2", "a1", "a2", "b"]);
    wakeups.notify([]);
    expect(heard).toHaveLength(5);
  });

  it("subscribe() returns an unsubscribe after which the listener is not called", () => {
    const wakeups = createWakeups();
    let calls = 0;
    const unsubscribe = wakeups.subscribe(bankA, () => { calls += 1; });
    wakeups.notify([bankA]);
    unsubscribe();
    wakeups.notify([bankA]);
    expect(calls).toBe(1);
  });

  it("wait() resolves true when its receiver is notified, and clears its timer", async () => {
    const wakeups = createWakeups();
    const waiting = wakeups.wait(bankA, 30_000);
    const other = wakeups.wait(bankB, 30_000);
    expect(vi.getTimerCount()).toBe(2);
    wakeups.notify([bankA]);
    expect(await waiting).toBe(true);
    expect(vi.getTimerCount(), "only the other receiver's wait is left").toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(await other).toBe(false);
  });

  it("wait() resolves false when its time runs out, and not before", async () => {
    const wakeups = createWakeups();
    let answer: boolean | undefined;
    const waiting = wakeups.wait(bankA, 1_000).then((woken) => { answer = woken; });
    await vi.advanceTimersByTimeAsync(999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(answer).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a listener that unsubscribes another during notify() does not break the round", () => {
    const wakeups = createWakeups();
    const heard: string[] = [];
    let second: () => void = () => undefined;
    wakeups.subscribe(bankA, () => { heard.push("first"); second(); });
    second = wakeups.subscribe(bankA, () => heard.push("second"));
    wakeups.notify([bankA]);
    expect(heard).toEqual(["first", "second"]);
    wakeups.notify([bankA]);
    expect(heard).toEqual(["first", "second", "first"]);
  });
});
