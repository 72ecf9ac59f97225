// The hub's scheduled jobs: exclusion policies at their effective time, list updates from
// `corridor lists import`, and non-delivery warnings for obsolete messages. On a shared store one
// node runs each job per period; a run still going when the next tick comes is not started twice.
import { isStorageError } from "../lib/index.js";
import type { Logger } from "../lib/index.js";
import {
  listCheckMs, obsolescenceCheckMs, obsolescenceWarningsPerCheckMax, policyTickMs,
} from "../limits.js";
import type { Clock, Coordination, Network } from "../network/index.js";

interface Job {
  readonly name: string;
  readonly periodMs: number;
  readonly run: () => Promise<unknown>;
}

export function startJobs(network: Network, options: {
  coordination: Coordination; clock: Clock; logger: Logger; obsolescenceCheckMs?: number;
}): { stop(): void } {
  const jobs: Job[] = [
    { name: "policies", periodMs: policyTickMs, run: () => network.policies.applyDue() },
    { name: "lists", periodMs: listCheckMs,
      run: () => network.lists.reloadIfChanged("CORRIDOR") },
    { name: "obsolescence", periodMs: options.obsolescenceCheckMs ?? obsolescenceCheckMs,
      run: () => network.delivery.warnObsolete(obsolescenceWarningsPerCheckMax) },
  ];
  const timers = jobs.map((job) => setInterval(tickOf(job, options), job.periodMs));
  return { stop: () => { for (const timer of timers) clearInterval(timer); } };
}

function tickOf(job: Job, options: { coordination: Coordination; clock: Clock; logger: Logger },
): () => void {
  const logger = options.logger.child({ job: job.name });
  let running = false;
  const tick = async (): Promise<void> => {
    // Only the list job runs on every node: each node screens with its own gate.
    const leased = job.name === "lists" || await options.coordination.leaseJob(job.name,
      { now: options.clock.now(), periodMs: job.periodMs });
    if (leased) await job.run();
  };
  return () => {
    if (running) return;
    running = true;
    tick().catch((error: unknown) => {
      // A store that cannot be reached now: the next tick retries, on whichever node leases it.
      if (isStorageError(error)) {
        logger.warn({ err: error }, `Cannot run job "${job.name}": the store is unavailable`);
        return;
      }
      logger.error({ err: error }, `Cannot run job "${job.name}": unexpected failure`);
      throw error;
    }).finally(() => { running = false; });
  };
}
