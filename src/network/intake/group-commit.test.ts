// Unit tests of createGroupCommitter(): what arrives during a commit goes in the next batch, a
// batch never exceeds its maximum, order holds, a failed commit fails only its own batch, the
// queue refuses past its bound, and drain() waits. Commits and flushes are counted and driven
// by hand, never timed.
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
function harness(batchSizeMax: number, pendingMax = 1_000) {
  const flushes: (() => void)[] = [];
  const batches: number[][] = [];
  const answers: Deferred<readonly number[]>[] = [];
  const committer = createGroupCommitter<number, number>({
    batchSizeMax, pendingMax,
    schedule: (callback) => { flushes.push(callback); },
    commit: (batch) => {
      batches.push([...batch]);
      const answer = deferred<readonly number[]>();
      answers.push(answer);
      return answer.promise;
    },
  });
  /** submit() of an item the test expects to be queued. */
  const submit = (item: number): Promise<number> => {
    const outcome = committer.submit(item);
    if (outcome === "full") throw new Error(`Cannot queue ${item}: the committer is full`);
    return outcome;
  };
  return {
    committer, batches, flushes, submit,
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
    const first = h.submit(1);
    expect(h.flushes).toHaveLength(1);
    h.runFlush();
    expect(h.batches).toEqual([[1]]);
    const later = [2, 3, 4, 5].map((item) => h.submit(item));
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
    const outcomes = [1, 2, 3, 4, 5].map((item) => h.submit(item));
    expect(h.flushes).toHaveLength(1);
    h.runFlush();
    for (let index = 0; index < 3; index += 1) await h.release(index);
    expect(h.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all(outcomes)).toEqual([10, 20, 30, 40, 50]);
  });

  it("rejects exactly the items of a failed commit; later items still commit", async () => {
    const h = harness(2);
    const outcomes = [1, 2, 3, 4, 5].map((item) => h.submit(item));
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
    const committer = createGroupCommitter<number, number>({ batchSizeMax: 10, pendingMax: 10,
      schedule: (callback) => { flushes.push(callback); }, commit: () => Promise.resolve([1]) });
    const outcomes = Promise.allSettled([7, 8].map((item) => {
      const outcome = committer.submit(item);
      return outcome === "full" ? Promise.reject(new Error("full")) : outcome;
    }));
    flushes.shift()?.();
    const settled = await outcomes;
    expect(settled.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(AssertionError);
  });

  it("asserts that a batch holds at least one item", () => {
    expect(() => createGroupCommitter({ batchSizeMax: 0, pendingMax: 1, schedule: () => undefined,
      commit: () => Promise.resolve([]) })).toThrow(AssertionError);
  });

  it("asserts that a full batch can wait (pendingMax >= batchSizeMax)", () => {
    expect(() => createGroupCommitter({ batchSizeMax: 4, pendingMax: 3, schedule: () => undefined,
      commit: () => Promise.resolve([]) })).toThrow(AssertionError);
  });
});

describe("createGroupCommitter() pendingMax", () => {
  it("answers \"full\" past pendingMax waiting items, queueing nothing", async () => {
    const h = harness(2, 3);
    const queued = [1, 2, 3].map((item) => h.submit(item));
    expect(h.committer.full()).toBe(true);
    expect(h.committer.submit(4), "the fourth waits nowhere").toBe("full");
    h.runFlush();
    await h.release(0);
    await h.release(1);
    expect(h.batches, "the refused item never reaches a commit").toEqual([[1, 2], [3]]);
    expect(await Promise.all(queued)).toEqual([10, 20, 30]);
  });

  it("takes items again once a batch leaves the queue for its commit", async () => {
    const h = harness(2, 2);
    const first = [1, 2].map((item) => h.submit(item));
    expect(h.committer.submit(3)).toBe("full");
    h.runFlush();
    expect(h.batches, "1 and 2 are committing, no longer waiting").toEqual([[1, 2]]);
    expect(h.committer.full()).toBe(false);
    const second = [4, 5].map((item) => h.submit(item));
    expect(h.committer.submit(6), "4 and 5 wait behind the commit in flight").toBe("full");
    await h.release(0);
    await h.release(1);
    expect(h.batches).toEqual([[1, 2], [4, 5]]);
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 40, 50]);
  });

  it("counts a failed batch out of the queue: its items are rejected, new ones taken",
    async () => {
      const h = harness(2, 2);
      const failed = Promise.allSettled([1, 2].map((item) => h.submit(item)));
      h.runFlush();
      await h.fail(0, new Error("disk full"));
      expect((await failed).map((result) => result.status)).toEqual(["rejected", "rejected"]);
      expect(h.committer.full()).toBe(false);
      const later = h.submit(3);
      h.runFlush();
      await h.release(1);
      expect(await later).toBe(30);
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
    const outcomes = Promise.allSettled([1, 2].map((item) => h.submit(item)));
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
