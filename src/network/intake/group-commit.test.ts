// Unit tests of createGroupCommitter(): what arrives during a commit goes in the next batch, a
// batch never exceeds its maximum, order holds, a failed commit fails only its own batch, and
// drain() waits. Commits and flushes are counted and driven by hand, never timed.
import { describe, expect, it } from "vitest";
import { AssertionError } from "../../lib/index.js";
import { createGroupCommitter } from "./group-commit.js";

interface Deferred<Value> {
  readonly promise: Promise<Value>;
  resolve(value: Value): void;
  reject(error: unknown): void;
}

function deferred<Value>(): Deferred<Value> {
  let resolve: (value: Value) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<Value>((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
}

/** Lets every settled promise run its callbacks (a bounded number of microtask turns). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
}

/**
 * A committer whose flushes run when the test says, and whose commits answer when the test
 * says: `batches` records every commit, `release(n)` answers the n-th with item x 10.
 */
function harness(batchSizeMax: number) {
  const flushes: (() => void)[] = [];
  const batches: number[][] = [];
  const answers: Deferred<readonly number[]>[] = [];
  const committer = createGroupCommitter<number, number>({
    batchSizeMax,
    schedule: (callback) => { flushes.push(callback); },
    commit: (batch) => {
      batches.push([...batch]);
      const answer = deferred<readonly number[]>();
      answers.push(answer);
      return answer.promise;
    },
  });
  return {
    committer, batches, flushes,
    runFlush: () => { flushes.shift()?.(); },
    release: async (index: number) => {
      answers[index]?.resolve((batches[index] ?? []).map((item) => item * 10));
      await settle();
    },
    fail: async (index: number, error: unknown) => {
      answers[index]?.reject(error);
      await settle();
    },
  };
}

describe("createGroupCommitter()", () => {
  it("commits everything submitted while a commit is in flight in one next batch", async () => {
    const h = harness(100);
    const first = h.committer.submit(1);
    expect(h.flushes).toHaveLength(1);
    h.runFlush();
    expect(h.batches).toEqual([[1]]);
    const later = [2, 3, 4, 5].map((item) => h.committer.submit(item));
    expect(h.flushes, "no second flush is scheduled while one runs").toHaveLength(0);
    expect(h.batches).toHaveLength(1);
    await h.release(0);
    expect(h.batches).toEqual([[1], [2, 3, 4, 5]]);
    await h.release(1);
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40, 50]);
    expect(h.batches, "two commits served five items").toHaveLength(2);
  });

  it("splits a backlog into batches of at most batchSizeMax, in submission order", async () => {
    const h = harness(2);
    const outcomes = [1, 2, 3, 4, 5].map((item) => h.committer.submit(item));
    expect(h.flushes).toHaveLength(1);
    h.runFlush();
    for (let index = 0; index < 3; index += 1) await h.release(index);
    expect(h.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all(outcomes)).toEqual([10, 20, 30, 40, 50]);
  });

  it("rejects exactly the items of a failed commit; later items still commit", async () => {
    const h = harness(2);
    const outcomes = [1, 2, 3, 4, 5].map((item) => h.committer.submit(item));
    h.runFlush();
    await h.release(0);
    const failure = new Error("disk full");
    await h.fail(1, failure);
    await h.release(2);
    const settled = await Promise.allSettled(outcomes);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected",
      "rejected", "fulfilled"]);
    expect(settled[2]).toEqual({ status: "rejected", reason: failure });
    expect(settled[4]).toEqual({ status: "fulfilled", value: 50 });
    expect(h.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("rejects a batch whose commit answers the wrong number of items (an assertion)", async () => {
    const flushes: (() => void)[] = [];
    const committer = createGroupCommitter<number, number>({ batchSizeMax: 10,
      schedule: (callback) => { flushes.push(callback); }, commit: () => Promise.resolve([1]) });
    const outcomes = Promise.allSettled([committer.submit(7), committer.submit(8)]);
    flushes.shift()?.();
    const settled = await outcomes;
    expect(settled.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(AssertionError);
  });

  it("asserts that a batch holds at least one item", () => {
    expect(() => createGroupCommitter({ batchSizeMax: 0, schedule: () => undefined,
      commit: () => Promise.resolve([]) })).toThrow(AssertionError);
  });
});

describe("createGroupCommitter() drain()", () => {
  it("drain() resolves at once when idle and schedules nothing", async () => {
    const h = harness(10);
    await h.committer.drain();
    expect(h.flushes).toHaveLength(0);
    expect(h.batches).toHaveLength(0);
  });

  it("drain() waits for every item submitted before it, committed or failed", async () => {
    const h = harness(1);
    const outcomes = Promise.allSettled([1, 2].map((item) => h.committer.submit(item)));
    let drained = false;
    const drain = h.committer.drain().then(() => { drained = true; });
    h.runFlush();
    await settle();
    expect(drained).toBe(false);
    await h.release(0);
    expect(drained, "one item is still in its commit").toBe(false);
    await h.fail(1, new Error("gone"));
    await drain;
    expect(drained).toBe(true);
    expect((await outcomes).map((result) => result.status)).toEqual(["fulfilled", "rejected"]);
  });
});
