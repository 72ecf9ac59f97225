// Bench suite "mt": MT 103 parse+validate (checkMt) throughput on one core, beside a baseline
// measured in the same run: splitting the same text into lines (the least any parser must do).
import { checkMt } from "../../standards/index.js";
import { bestOfRounds, cpuRate } from "./cpu-rate.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

const mt103 = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKUS33XXXXN}" +
  "{3:{108:PAYREF0001}{121:0f6a8c1e-3b2d-4e5f-9a7b-1c2d3e4f5a6b}}{4:\r\n" +
  ":20:REF123456789\r\n:23B:CRED\r\n:32A:250615EUR123456,78\r\n:33B:EUR123456,78\r\n" +
  ":50K:/DE89370400440532013000\r\nJOHN DOE\r\n12 MAIN STREET\r\nBERLIN\r\n" +
  ":52A:BANKBEBB\r\n:57A:BANKUS33\r\n:59:/US12345678901234\r\nJANE SMITH\r\n" +
  "456 AVENUE\r\nNEW YORK NY\r\n:70:INVOICE 45678\r\nPAYMENT FOR SERVICES\r\n:71A:SHA\r\n" +
  ":72:/ACC/PLEASE ADVISE\r\n-}";

export const mtBenchSuite: BenchSuite = {
  name: "mt",
  description: "MT 103 parse+validate (checkMt) per CPU second on one core vs. a plain line split",
  run(options: BenchOptions): Promise<readonly BenchFigure[]> {
    if (checkMt(mt103).length !== 0) throw new Error("Cannot bench: the sample MT 103 is invalid");
    const millis = options.quick ? 1_000 : 5_000;
    cpuRate(() => checkMt(mt103).length, millis / 5);
    const { value, baseline } = bestOfRounds({ value: () => checkMt(mt103).length,
      baseline: () => mt103.split("\r\n").length }, millis);
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
