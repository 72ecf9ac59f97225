// `corridor demo --scenario sanctions-2022`: replays the 2022 EU exclusions on an accelerated
// scenario clock. One demo operator proposes each policy, the other approves it, and the hub's
// scheduled policy job applies it when the scenario clock reaches its effective time.
import { setTimeout as sleep } from "node:timers/promises";
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import {
  scenarioApplyWaitMsMax, scenarioQuietDaysMax, scenarioSecondsPerDayMax,
  scenarioSecondsPerDayMin,
} from "../../limits.js";
import type { Clock, PolicyRecord, PolicyService } from "../../network/index.js";
import { scenario2022 } from "./banks.js";
import type { DemoNetwork } from "./network.js";

export interface ScenarioClock extends Clock {
  /** Starts the clock running (idempotent); until then it stands at its start time. */
  start(): void;
  /** Moves the clock forward to `at` (never back), skipping a quiet stretch. */
  skipTo(at: number): void;
  /** Real milliseconds until the scenario clock reads `at` (0 when it already has). */
  realMsUntil(at: number): number;
}

const dayMs = 86_400_000;

/** A clock that stands at `startAt` until started, then runs one scenario day per
 * `secondsPerDay` real seconds (starting the hub takes seconds: days at a fast speed). */
export function createScenarioClock(options: {
  startAt: number; secondsPerDay: number; real: Clock;
}): ScenarioClock {
  assert(options.secondsPerDay >= scenarioSecondsPerDayMin, "the speed is checked by the caller");
  assert(options.secondsPerDay <= scenarioSecondsPerDayMax, "the speed is checked by the caller");
  const factor = dayMs / (options.secondsPerDay * 1_000);
  let base: { scenario: number; real: number } | undefined;
  const now = (): number => (base === undefined ? options.startAt
    : Math.floor(base.scenario + (options.real.now() - base.real) * factor));
  return {
    now,
    start: () => {
      base ??= { scenario: options.startAt, real: options.real.now() };
    },
    skipTo: (at) => {
      if (at > now()) base = { scenario: at, real: options.real.now() };
    },
    realMsUntil: (at) => Math.max(0, Math.ceil((at - now()) / factor)),
  };
}

/** The replay's first moment: 1 March 2022, the day Regulation 2022/345 was adopted. */
export const scenario2022StartAt = Date.UTC(2022, 2, 1, 9);

const utc = (month: number, date: number, hour = 0) => Date.UTC(2022, month - 1, date, hour);

interface PolicyStep {
  readonly label: string;
  readonly proposeAt: number;
  readonly draft: { readonly reference: string; readonly effectiveAt: number } &
    Record<string, unknown>;
}

/** The three acts, adopted and in force on their real 2022 dates. */
export const scenario2022Steps: readonly PolicyStep[] = [
  { label: "EU 2022/345", proposeAt: utc(3, 1, 9), draft: {
    reference: "Council Regulation (EU) 2022/345, Art. 5h", institutions: scenario2022.eu345,
    includeSubsidiaries: true, subsidiaryCountries: ["RU"], direction: "both",
    effectiveAt: utc(3, 12) } },
  { label: "EU 2022/398", proposeAt: utc(3, 9, 9), draft: {
    reference: "Council Regulation (EU) 2022/398, Art. 1z", institutions: scenario2022.eu398,
    includeSubsidiaries: true, subsidiaryCountries: ["BY"], direction: "both",
    effectiveAt: utc(3, 20) } },
  { label: "EU 2022/879", proposeAt: utc(6, 3, 9), draft: {
    reference: "Council Regulation (EU) 2022/879, Annex XIV", institutions: scenario2022.eu879,
    includeSubsidiaries: true, subsidiaryCountries: ["RU"], direction: "both",
    effectiveAt: utc(6, 14) } },
];

export interface ScenarioStepReport {
  readonly label: string;
  readonly policyId: string;
  readonly excluded: readonly string[];
  readonly aborted: number;
}

export type ScenarioProblemCode = "scenario-step-failed";

export interface ScenarioOptions {
  readonly clock: ScenarioClock;
  /** Where each step is told (stderr for `corridor demo`). */
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

type Event = { at: number; kind: "propose" | "apply"; step: PolicyStep };

/** Runs the replay to its end; the network keeps running (and trading) afterwards. */
export async function runScenario2022(demo: DemoNetwork, options: ScenarioOptions):
  Promise<Result<readonly ScenarioStepReport[], ScenarioProblemCode>> {
  const policies = demo.hub.deps.controls?.policies;
  const operators = demo.logins.filter((login) => login.role === "operator");
  const [maker, checker] = operators;
  if (policies === undefined || maker === undefined || checker === undefined) {
    return fail("scenario-step-failed", "scenario", "Cannot replay sanctions-2022: the hub " +
      "needs exclusion policies and two demo operators");
  }
  const events: Event[] = scenario2022Steps.flatMap((step): Event[] => [
    { at: step.proposeAt, kind: "propose", step },
    { at: step.draft.effectiveAt, kind: "apply", step }]).sort((x, y) => x.at - y.at);
  const ids = new Map<string, string>();
  const reports: ScenarioStepReport[] = [];
  options.clock.start();
  for (const event of events) {
    await waitUntil(event.at, options);
    const context = { policies, options, maker: maker.name, checker: checker.name };
    if (event.kind === "propose") {
      const id = await proposeAndApprove(event.step, { ...context, at: event.at });
      if (!id.ok) return id;
      ids.set(event.step.label, id.value);
    } else {
      const report = await awaitApplied(event.step, { ...context,
        id: ids.get(event.step.label) ?? "", demo });
      if (!report.ok) return report;
      reports.push(report.value);
    }
  }
  options.log(`${day(options.clock.now())}: sanctions-2022 replay complete; ` +
    "the network keeps running");
  return ok(reports);
}

function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

async function waitUntil(at: number, options: ScenarioOptions): Promise<void> {
  const { clock } = options;
  if (at - clock.now() > scenarioQuietDaysMax * dayMs) {
    options.log(`${day(clock.now())}: nothing happens until ${day(at)}, skipping ahead`);
    clock.skipTo(at - dayMs);
  }
  // Bounded: each round sleeps until the target (a scenario clock only moves forward).
  for (let round = 0; round < 1_000 && clock.now() < at; round += 1) {
    await sleep(Math.max(1, clock.realMsUntil(at)), undefined,
      options.signal === undefined ? {} : { signal: options.signal });
  }
}

interface StepContext {
  readonly policies: PolicyService;
  readonly options: ScenarioOptions;
  readonly maker: string;
  readonly checker: string;
}

/** Maker-checker; a policy from an earlier run (same reference) is resumed, not duplicated. */
async function proposeAndApprove(step: PolicyStep, context: StepContext & { at: number }):
  Promise<Result<string, ScenarioProblemCode>> {
  const { policies, options, maker, checker } = context;
  // Told on the step's own date: under load the clock may have run a few hours past it.
  const today = day(context.at);
  const existing = (await policies.list()).find((policy) =>
    policy.reference === step.draft.reference && policy.action === "exclude" &&
    policy.status !== "lifted");
  let policy: PolicyRecord | undefined = existing;
  if (policy === undefined) {
    const proposed = await policies.propose(step.draft, { name: maker, role: "operator" });
    if (!proposed.ok) return stepFailed(step, proposed.problems[0]?.message);
    policy = proposed.value;
    options.log(`${today}: ${step.label} proposed by ${maker} ` +
      `(policy ${policy.id}), in force from ${day(step.draft.effectiveAt)}`);
  } else {
    options.log(`${today}: ${step.label} resumed from an earlier run ` +
      `(policy ${policy.id}, ${policy.status})`);
  }
  if (policy.status === "proposed") {
    const approved = await policies.approve(policy.id, { name: checker, role: "operator" });
    if (!approved.ok) return stepFailed(step, approved.problems[0]?.message);
    options.log(`${today}: ${step.label} approved by ${checker} ` +
      `(four eyes: ${maker} may not approve their own proposal)`);
  }
  return ok(policy.id);
}

async function awaitApplied(step: PolicyStep, context: StepContext & { id: string;
  demo: DemoNetwork }): Promise<Result<ScenarioStepReport, ScenarioProblemCode>> {
  const { policies, options } = context;
  const waitStep = 100;
  let policy: PolicyRecord | undefined;
  // The hub's scheduled job applies it; bounded by scenarioApplyWaitMsMax of real time.
  for (let waited = 0; waited <= scenarioApplyWaitMsMax; waited += waitStep) {
    policy = (await policies.list()).find((p) => p.id === context.id);
    if (policy?.status === "applied" || policy?.status === "lifted") break;
    await sleep(waitStep, undefined,
      options.signal === undefined ? {} : { signal: options.signal });
  }
  if (policy?.status !== "applied" && policy?.status !== "lifted") {
    return stepFailed(step, `policy "${context.id}" was not applied within ` +
      `${scenarioApplyWaitMsMax} ms`);
  }
  const excluded = policy.outcome?.excluded ?? [];
  const aborted = policy.outcome?.aborted ?? 0;
  options.log(`${day(policy.effectiveAt)}: ${step.label} in force: ${excluded.length} ` +
    `participant${excluded.length === 1 ? "" : "s"} excluded (${excluded.join(", ") || "none"}), ` +
    `${aborted} queued message${aborted === 1 ? "" : "s"} aborted`);
  const connected = await stillConnected(context.demo);
  options.log(`${day(policy.effectiveAt)}: still connected in RU and BY: ` +
    `${connected.join(", ") || "none"}`);
  return ok({ label: step.label, policyId: policy.id, excluded, aborted });
}

/** Russian and Belarusian banks the policies so far leave connected (the carve-outs). */
async function stillConnected(demo: DemoNetwork): Promise<string[]> {
  const participants = await demo.hub.deps.directory.list();
  return participants.filter((p) => p.status === "active" &&
    ["RU", "BY"].includes(p.bic.slice(4, 6))).map((p) => p.bic).sort();
}

function stepFailed(step: PolicyStep, detail: string | undefined):
  { readonly ok: false; readonly problems: readonly { code: ScenarioProblemCode;
    location: string; message: string }[] } {
  return fail("scenario-step-failed", step.label,
    `Cannot replay ${step.label}: ${detail ?? "unknown problem"}`);
}
