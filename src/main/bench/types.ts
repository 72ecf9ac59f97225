// The shape of a benchmark suite run by `corridor bench` (and `npm run bench`).
// Each suite measures its subject beside a baseline measured in the same run and reports ratios.

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  /** e.g. "msg/s", "names/s", "µs", "ms". */
  readonly unit: string;
  /** The baseline figure measured in the same run, when this figure is compared with one. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** value / baseline.value, or the reverse for latencies; see `note`. */
  readonly ratio?: number;
  /** The target the issues name, e.g. ">= 20000 msg/s", and whether it was met. */
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
}

export interface BenchOptions {
  /** Shorter runs for CI and smoke checks. */
  readonly quick: boolean;
  /** A scratch directory the suite may use and must not leave data outside of. */
  readonly workDir: string;
  readonly log: (line: string) => void;
}

export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(options: BenchOptions): Promise<readonly BenchFigure[]>;
}
