// The hub's scheduled jobs: exclusion policies at their effective time, list updates from
// `corridor lists import`, non-delivery warnings for obsolete messages, and the counted refusals
// into the audit chain. On a shared store one node runs each job per period (the list and
// refusal jobs run on every node); a run still going when the next tick comes is not started twice.
import { isStorageError } from "../lib/index.js";
import type { Logger } from "../lib/index.js";
import {
  listCheckMs, obsolescenceCheckMs, obsolescenceWarningsPerCheckMax, policyTickMs, refusalFlushMs,
} from "../limits.js";
import type { Clock, Coordination, Network, RefusalRecorder } from "../network/index.js";

interface Job {
  readonly name: string;
  readonly periodMs: number;
  readonly run: () => Promise<unknown>;
  /** Runs on every node, not on the one that leased the period: its state is the node's own. */
  readonly everyNode?: boolean;
}

export function startJobs(network: Network, options: {
  coordination: Coordination; clock: Clock; logger: Logger; obsolescenceCheckMs?: number;
  refusals: RefusalRecorder;
}): { stop(): void } {
  const jobs: Job[] = [
    { name: "policies", periodMs: policyTickMs, run: () => network.policies.applyDue() },
    { name: "lists", periodMs: listCheckMs, everyNode: true,
      run: () => network.lists.reloadIfChanged("CORRIDOR") },
    { name: "obsolescence", periodMs: options.obsolescenceCheckMs ?? obsolescenceCheckMs,
      run: () => network.delivery.warnObsolete(obsolescenceWarningsPerCheckMax) },
    // Each node counts the refusals it answered: at most one audit append per node and period.
    { name: "refusals", periodMs: refusalFlushMs, everyNode: true,
      run: () => options.refusals.flush() },
  ];
  const timers = jobs.map((job) => setInterval(tickOf(job, options), job.periodMs));
  return { stop: () => { for (const timer of timers) clearInterval(timer); } };
}

function tickOf(job: Job, options: { coordination: Coordination; clock: Clock; logger: Logger },
): () => void {
  const logger = options.logger.child({ job: job.name });
  let running = false;
  const tick = async (): Promise<void> => {
    // Each node screens with its own gate and counts its own refusals: those run everywhere.
    const leased = job.everyNode === true || await options.coordination.leaseJob(job.name,
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
