// Per-core throughput for the pure-library suites: operations per second of this process's CPU
// time, in rounds that alternate with a baseline so that both see the same machine.

/** CPU time this process used so far, in milliseconds (process.cpuUsage: user + system). */
function cpuMillis(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1_000;
}

/**
 * Runs `work` for about `millis` of this process's CPU time and returns operations per CPU
 * second: a per-core figure that time spent descheduled on a loaded machine does not lower.
 */
export function cpuRate(work: () => number, millis: number): number {
  let count = 0;
  let sink = 0;
  const start = cpuMillis();
  let elapsed = 0;
  while (elapsed < millis) {
    for (let index = 0; index < 200; index += 1) sink += work();
    count += 200;
    elapsed = cpuMillis() - start;
  }
  if (sink < 0) throw new Error("Cannot happen: sink is never negative");
  return count / (elapsed / 1_000);
}

/** Baseline and subject in alternating rounds, the best round of each. */
export function bestOfRounds(
  work: { readonly value: () => number; readonly baseline: () => number },
  millis: number,
  rounds = 5,
): { value: number; baseline: number } {
  let value = 0;
  let baseline = 0;
  for (let round = 0; round < rounds; round += 1) {
    baseline = Math.max(baseline, cpuRate(work.baseline, millis / rounds));
    value = Math.max(value, cpuRate(work.value, millis / rounds));
  }
  return { value, baseline };
}
