// The registry of benchmark suites run by `corridor bench` and `npm run bench`.
// A suite measures its subject beside a baseline in the same run; results go to bench/results/.
import { mtBenchSuite } from "./mt.js";
import { postgresBenchSuite } from "./postgres.js";
import { mxBenchSuite } from "./mx.js";
import { overloadBenchSuite } from "./overload.js";
import { screenedFlowBenchSuite } from "./screened-flow.js";
import { screeningBenchSuite } from "./screening.js";
import { spineBenchSuite } from "./spine.js";
import { storeHistoryBenchSuite } from "./store-history.js";
import type { BenchSuite } from "./types.js";

export const benchSuites: readonly BenchSuite[] = [
  spineBenchSuite,
  storeHistoryBenchSuite,
  mtBenchSuite,
  postgresBenchSuite,
  mxBenchSuite,
  screeningBenchSuite,
  screenedFlowBenchSuite,
  overloadBenchSuite,
];
