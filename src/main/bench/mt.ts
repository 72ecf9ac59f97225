// Bench suite "mt": MT 103 parse+validate (checkMt) throughput on one core, beside a baseline
// measured in the same run: splitting the same text into lines (the least any parser must do).
import { checkMt } from "../../standards/index.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

const mt103 = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKUS33XXXXN}" +
  "{3:{108:PAYREF0001}{121:0f6a8c1e-3b2d-4e5f-9a7b-1c2d3e4f5a6b}}{4:\r\n" +
  ":20:REF123456789\r\n:23B:CRED\r\n:32A:250615EUR123456,78\r\n:33B:EUR123456,78\r\n" +
  ":50K:/DE89370400440532013000\r\nJOHN DOE\r\n12 MAIN STREET\r\nBERLIN\r\n" +
  ":52A:BANKBEBB\r\n:57A:BANKUS33\r\n:59:/US12345678901234\r\nJANE SMITH\r\n" +
  "456 AVENUE\r\nNEW YORK NY\r\n:70:INVOICE 45678\r\nPAYMENT FOR SERVICES\r\n:71A:SHA\r\n" +
  ":72:/ACC/PLEASE ADVISE\r\n-}";

/** CPU time this process used so far, in milliseconds (process.cpuUsage: user + system). */
function cpuMillis(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1_000;
}

/**
 * Runs `work` for about `millis` of this process's CPU time and returns operations per CPU
 * second: a per-core figure that time spent descheduled on a loaded machine does not lower.
 */
function rate(work: () => number, millis: number): number {
  let count = 0;
  let sink = 0;
  const start = cpuMillis();
  let elapsed = 0;
  while (elapsed < millis) {
    for (let index = 0; index < 1_000; index += 1) sink += work();
    count += 1_000;
    elapsed = cpuMillis() - start;
  }
  if (sink < 0) throw new Error("Cannot happen: sink is never negative");
  return count / (elapsed / 1_000);
}

/** Baseline and subject in alternating rounds, best round of each: both see the same noise. */
function bestOfRounds(millis: number): { value: number; baseline: number } {
  const rounds = 5;
  let value = 0;
  let baseline = 0;
  for (let round = 0; round < rounds; round += 1) {
    baseline = Math.max(baseline, rate(() => mt103.split("\r\n").length, millis / rounds));
    value = Math.max(value, rate(() => checkMt(mt103).length, millis / rounds));
  }
  return { value, baseline };
}

export const mtBenchSuite: BenchSuite = {
  name: "mt",
  description: "MT 103 parse+validate (checkMt) per CPU second on one core vs. a plain line split",
  run(options: BenchOptions): Promise<readonly BenchFigure[]> {
    if (checkMt(mt103).length !== 0) throw new Error("Cannot bench: the sample MT 103 is invalid");
    const millis = options.quick ? 1_000 : 5_000;
    rate(() => checkMt(mt103).length, millis / 5);
    const { value, baseline } = bestOfRounds(millis);
    options.log(`mt: checkMt ${Math.round(value)} msg/s, line split ${Math.round(baseline)} /s ` +
      "(per CPU second, best of 5 alternating rounds)");
    return Promise.resolve([{
      name: "MT 103 parse+validate", value: Math.round(value), unit: "msg/s",
      baseline: { name: "split into lines", value: Math.round(baseline) },
      ratio: value / baseline, target: ">= 200000 msg/s", met: value >= 200_000,
      note: `one core, per CPU second (process.cpuUsage), best of 5 rounds alternating with ` +
        `the baseline; ${mt103.length}-character MT 103 with 14 fields`,
    }]);
  },
};
