// Content validation off the event loop: a message above inlineBytesMax is checked on a worker
// thread (piscina), so that no message, however large or hostile, holds up other connections;
// a smaller one is checked inline, where a thread's round trip would cost the loop more.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import type { ContentValidator } from "../../network/index.js";
import type { ValidationAnswer, ValidationTask } from "./validation-worker.js";

/** The module a thread runs (its default export checks one task) and data it may read. */
export interface ValidationWorker {
  readonly file: URL;
  /** Handed to the thread as piscina's `workerData`. */
  readonly data?: unknown;
}

export interface ValidationPoolOptions {
  /** Threads at most; none starts before the first message that needs one. */
  readonly threads: number;
  /** Messages waiting for a thread; past it a message is refused (hub-overloaded). */
  readonly queue: number;
  /** A message of at most this many UTF-8 bytes is checked inline, by `inline`. */
  readonly inlineBytesMax: number;
  /** A thread idle this long ends; the next large message starts another. */
  readonly idleMs: number;
  /** How long close() lets threads finish the messages they hold before ending them. */
  readonly closeMs: number;
  /** The check on the event loop (the network's content validator). */
  readonly inline: ContentValidator;
  /** The threads' module: by default the compiled validation-worker.js beside this file. */
  readonly worker?: ValidationWorker;
}

export interface ValidationPool {
  /** Inline for a small message; on a thread otherwise, with `parsed` left to screening. */
  readonly validate: ContentValidator;
  /** Threads running, messages waiting for one, and messages checked on threads so far. */
  usage(): { readonly threads: number; readonly queued: number; readonly pooled: number };
  /** Ends the threads once they have answered what they hold; later messages are refused. */
  close(): Promise<void>;
}

type Threads = Piscina<ValidationTask, ValidationAnswer>;

/** Beside this module in dist/; running from src/ (tests) names its worker instead. */
const compiledWorker: ValidationWorker = {
  file: new URL("./validation-worker.js", import.meta.url),
};

export function createValidationPool(options: ValidationPoolOptions): ValidationPool {
  assert(options.threads >= 1, "a validation pool has at least one thread");
  assert(options.queue >= options.threads, "a validation pool queues a message per thread");
  assert(options.inlineBytesMax >= 0, "the inline size is not negative");
  let threads: Threads | undefined;
  let closed = false;
  let pooled = 0;

  const validate: ContentValidator = async (text, envelope) => {
    // A frame still in processing while the hub stops: refused, the sender retries.
    if (closed) return refused("the hub is stopping");
    // UTF-16 units never outnumber UTF-8 bytes: a long text needs no byte count to be large.
    const small = text.length <= options.inlineBytesMax &&
      Buffer.byteLength(text, "utf8") <= options.inlineBytesMax;
    if (small) return options.inline(text, envelope);
    threads ??= startThreads(options);
    if (threads.queueSize >= options.queue) {
      return refused(`${options.queue} messages already wait for a validation thread`);
    }
    pooled += 1;
    const answer = await threads.run({ text, format: envelope.format });
    // Pair assertion across the thread boundary: the answer is what the worker module returns.
    assert(Array.isArray(answer.problems), "a validation thread answers with its problems");
    return { problems: answer.problems, parsed: undefined };
  };

  return {
    validate,
    usage: () => ({ threads: threads?.threads.length ?? 0, queued: threads?.queueSize ?? 0,
      pooled }),
    close: async () => {
      closed = true;
      const running = threads;
      threads = undefined;
      if (running !== undefined) await running.close();
    },
  };
}

function startThreads(options: ValidationPoolOptions): Threads {
  const worker = options.worker ?? compiledWorker;
  assert(existsSync(fileURLToPath(worker.file)),
    `the validation worker ${worker.file.href} exists (npm run build makes dist/)`);
  // Every option said, none left to piscina's defaults (minThreads would start threads now).
  return new Piscina<ValidationTask, ValidationAnswer>({
    filename: worker.file.href,
    minThreads: 0,
    maxThreads: options.threads,
    maxQueue: options.queue,
    concurrentTasksPerWorker: 1,
    idleTimeout: options.idleMs,
    closeTimeout: options.closeMs,
    atomics: "sync",
    recordTiming: false,
    niceIncrement: 0,
    workerData: worker.data,
  });
}

/** Nothing was checked and nothing will be stored: the NAK tells the sender to retry later. */
function refused(reason: string): { problems: readonly Problem[]; parsed: undefined } {
  return {
    problems: [{ code: "hub-overloaded", location: "hub",
      message: `Cannot validate message: ${reason}; retry later` }],
    parsed: undefined,
  };
}
