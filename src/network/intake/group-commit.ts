// Group commit: submissions that arrive while the event loop is busy, or while a commit is in
// flight, are committed together in one durable transaction. One fsync then serves many
// messages, so throughput does not collapse to the disk's fsync rate. The
// queue is bounded: past pendingMax waiting items, a submission is refused at once ("full").
import { assert } from "../../lib/index.js";

export interface GroupCommitter<Item, Outcome> {
  /**
   * Queues `item` for the next commit and answers its outcome once committed; or answers "full"
   * at once, queueing nothing, when pendingMax items already wait. Under an overload the queue
   * would otherwise grow without bound, with every ACK later than the client waits for.
   */
  submit(item: Item): Promise<Outcome> | "full";
  /** True while the next submit() would answer "full": callers may refuse before any work. */
  full(): boolean;
  /** Waits until everything submitted so far is committed or failed. */
  drain(): Promise<void>;
}

interface Pending<Item, Outcome> {
  readonly item: Item;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitDeps<Item, Outcome> {
  /** Commits a batch durably; resolves only after the commit is on disk. */
  readonly commit: (batch: readonly Item[]) => Promise<readonly Outcome[]>;
  readonly batchSizeMax: number;
  /** Items that may wait for a commit; a batch being committed no longer waits. */
  readonly pendingMax: number;
  /** Schedules the next flush after pending I/O callbacks (setImmediate in Node). */
  readonly schedule: (callback: () => void) => void;
}

export function createGroupCommitter<Item, Outcome>(
  deps: GroupCommitDeps<Item, Outcome>,
): GroupCommitter<Item, Outcome> {
  assert(deps.batchSizeMax >= 1, "a batch holds at least one item");
  assert(deps.pendingMax >= deps.batchSizeMax, "a full batch can wait for its commit");
  let pending: Pending<Item, Outcome>[] = [];
  let flushing = false;
  let scheduled = false;
  let idleWaiters: (() => void)[] = [];

  const flush = async (): Promise<void> => {
    scheduled = false;
    flushing = true;
    while (pending.length > 0) {
      const batch = pending.slice(0, deps.batchSizeMax);
      pending = pending.slice(batch.length);
      try {
        const outcomes = await deps.commit(batch.map((entry) => entry.item));
        assert(outcomes.length === batch.length, "commit answers every item of its batch");
        batch.forEach((entry, index) => entry.resolve(outcomes[index] as Outcome));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    flushing = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };

  const kick = (): void => {
    if (flushing || scheduled) return;
    scheduled = true;
    deps.schedule(() => void flush());
  };

  const full = (): boolean => pending.length >= deps.pendingMax;

  const submit = (item: Item): Promise<Outcome> | "full" => {
    if (full()) return "full";
    const outcome = new Promise<Outcome>((resolve, reject) => {
      pending.push({ item, resolve, reject });
    });
    assert(pending.length <= deps.pendingMax, "the queue never holds more than pendingMax");
    kick();
    return outcome;
  };

  return {
    submit,
    full,
    drain: () => (pending.length === 0 && !flushing && !scheduled
      ? Promise.resolve()
      : new Promise<void>((resolve) => { idleWaiters.push(resolve); kick(); })),
  };
}
