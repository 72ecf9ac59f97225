// The compliance workflow: cases listed and shown to officers; release by four eyes (the second
// approval moves the message from held to queued in the same transaction as the case); reject
// with a notice to the sender; list updates re-screen undelivered traffic against the delta.
import { assert, ok } from "../../lib/index.js";
import type { Problem, Result } from "../../lib/index.js";
import { controlsListMax, rescreenMessagesMax, rescreenPageSizeMax } from "../../limits.js";
import type { Screener } from "../../screening/index.js";
import type { Bic } from "../../standards/index.js";
import type { DeliveryService } from "../delivery/delivery-service.js";
import type { Wakeups } from "../delivery/wakeups.js";
import type { Nak } from "../intake/answer.js";
import type { AccountLineages } from "../accounts/lineage.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { InboxStore } from "../delivery/inbox-store.js";
import type { Clock, IdSource } from "../ports.js";
import { extractFacts } from "../screening-hold/parties.js";
import { screenFacts } from "../screening-hold/screen-message.js";
import type { CaseHit } from "../screening-hold/screen-message.js";
import type { Participant, StoredMessage } from "../types.js";
import {
  addHits, approveRelease, proposeRelease, rejectCase,
} from "./case.js";
import type { CaseProblemCode, CaseRecord, CaseStatus, Officer } from "./case.js";
import type { CaseStore } from "./case-store.js";
import { rejectionNotice } from "./notices.js";

export interface ComplianceDeps {
  readonly cases: CaseStore;
  /** Where rejection notices go to the sender. */
  readonly inbox: Pick<InboxStore, "getMessage" | "addNotices">;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly wakeups: Wakeups;
  readonly delivery: DeliveryService;
  readonly threshold: number;
  /** Exclusion policies in force: a released message to or from the excluded is aborted. */
  readonly admit: (sender: Participant, receiver: Participant) => Promise<Nak | undefined>;
  readonly findParticipant: (bic: Bic) => Promise<Participant | undefined>;
  /** Who created whom: a proposer's own creations and kin cannot approve its release. */
  readonly lineages: AccountLineages;
}

export interface DecisionOutcome {
  readonly record: CaseRecord;
  /** proposed: waits for a second officer; released, rejected; aborted: excluded meanwhile. */
  readonly stage: "proposed" | "released" | "rejected" | "aborted";
}

export interface RescreenOutcome {
  readonly screened: number;
  readonly held: number;
  readonly casesUpdated: number;
  readonly partial: boolean;
}

export interface ComplianceService {
  listCases(statuses?: readonly CaseStatus[]): Promise<readonly CaseRecord[]>;
  getCase(id: string): Promise<CaseRecord | undefined>;
  release(id: string, input: { officer: Officer; note?: string }):
    Promise<Result<DecisionOutcome, CaseProblemCode>>;
  reject(id: string, input: { officer: Officer; note?: string }):
    Promise<Result<DecisionOutcome, CaseProblemCode>>;
  /** Re-screens every queued and held message against a screener over a list delta. */
  rescreen(delta: Screener): Promise<RescreenOutcome>;
}

export function createComplianceService(deps: ComplianceDeps): ComplianceService {
  const refuse = async (officer: Officer, id: string, problem: Problem<CaseProblemCode>) => {
    await deps.audit.append([{ at: deps.clock.now(), kind: "refusal", actor: officer.name,
      subject: id, detail: JSON.stringify({ code: problem.code, message: problem.message }) }]);
    return { ok: false as const, problems: [problem] };
  };
  const load = async (id: string, officer: Officer) => {
    const record = await deps.cases.getCase(id);
    if (record === undefined) {
      return refuse(officer, id, { code: "case-not-found", location: "case",
        message: `Cannot find case "${id}"` });
    }
    return ok(record);
  };

  const decide = async (
    id: string,
    input: { officer: Officer; note?: string },
    action: "release" | "reject",
  ): Promise<Result<DecisionOutcome, CaseProblemCode>> => {
    const loaded = await load(id, input.officer);
    if (!loaded.ok) return loaded;
    const record = loaded.value;
    const step = { officer: input.officer, at: deps.clock.now(),
      ...(input.note === undefined ? {} : { note: input.note }) };
    const next = await decideCase(deps, record, { action, step });
    if (!next.ok) return refuse(input.officer, id, next.problems[0] ?? assertProblem());
    return commit(record, next.value, input);
  };

  const commit = async (
    before: CaseRecord,
    next: CaseRecord,
    input: { officer: Officer; note?: string },
  ): Promise<Result<DecisionOutcome, CaseProblemCode>> => {
    let record = next;
    let messageTo: "queued" | "rejected" | "aborted" | undefined;
    if (next.status === "released") {
      messageTo = "queued";
      const blocked = await excluded(deps, next);
      if (blocked !== undefined) {
        record = { ...next, status: "aborted", notes: [...next.notes,
          { by: "CORRIDOR", at: next.updatedAt, text: blocked.reason }] };
        messageTo = "aborted";
      }
    } else if (next.status === "rejected") {
      messageTo = "rejected";
    }
    const outcome = await deps.cases.transitionCase({ next: record, fromVersion: before.version,
      ...(messageTo === undefined ? {} : { messageTo }) });
    if (outcome !== "ok") {
      return refuse(input.officer, before.id, { code: outcome === "conflict" ? "case-conflict"
        : "message-not-held", location: "case", message: `Cannot decide case "${before.id}": ` +
        (outcome === "conflict" ? "another officer changed it; reload and retry"
          : "its message is no longer held") });
    }
    await afterDecision(deps, record, input.note ?? "");
    const stage = record.status === "release-proposed" ? "proposed" : record.status;
    assert(stage !== "open", "a decision moves a case on");
    return ok({ record, stage });
  };

  return {
    listCases: (statuses) => deps.cases.listCases({ limit: controlsListMax,
      ...(statuses === undefined ? {} : { statuses }) }),
    getCase: (id) => deps.cases.getCase(id),
    release: (id, input) => decide(id, input, "release"),
    reject: (id, input) => decide(id, input, "reject"),
    rescreen: (delta) => rescreen(deps, delta),
  };
}

/**
 * The pure decision an officer's action takes on the case as it stands. An approval compares
 * the lineages of the case's proposer and the approver (the four-eyes rule on people).
 */
async function decideCase(deps: ComplianceDeps, record: CaseRecord, input: {
  action: "release" | "reject"; step: { officer: Officer; at: number; note?: string } }) {
  const { action, step } = input;
  if (action === "reject") return rejectCase(record, step);
  if (record.status === "open") return proposeRelease(record, step);
  const lineages = {
    proposer: record.proposedBy === undefined ? undefined
      : await deps.lineages.lineageOf(record.proposedBy),
    approver: await deps.lineages.lineageOf(step.officer.name),
  };
  return approveRelease(record, { ...step, lineages });
}

async function excluded(deps: ComplianceDeps, record: CaseRecord): Promise<Nak | undefined> {
  const sender = await deps.findParticipant(record.sender);
  const receiver = await deps.findParticipant(record.receiver);
  if (sender === undefined || receiver === undefined) return undefined;
  return deps.admit(sender, receiver);
}

async function afterDecision(deps: ComplianceDeps, record: CaseRecord, note: string) {
  if (record.status === "released") {
    deps.wakeups.notify([record.receiver]);
    return;
  }
  const message = await deps.inbox.getMessage(record.messageId);
  assert(message !== undefined, "a decided case has its message");
  if (record.status === "aborted") {
    await deps.delivery.noticeAborted([message], record.notes.at(-1)?.text ?? "excluded");
  } else if (record.status === "rejected") {
    const at = new Date(deps.clock.now()).toISOString();
    await deps.inbox.addNotices([{ id: deps.ids.messageId(), receiver: record.sender,
      type: "rejection-notification", about: record.messageId, createdAt: deps.clock.now(),
      payload: Buffer.from(rejectionNotice({ record, at, reason: note }), "utf8") }]);
    deps.wakeups.notify([record.sender]);
  }
}

async function rescreen(deps: ComplianceDeps, delta: Screener): Promise<RescreenOutcome> {
  let afterSeq = 0;
  let screened = 0;
  let held = 0;
  let casesUpdated = 0;
  while (screened < rescreenMessagesMax) {
    const page = await deps.cases.undeliveredPage({ afterSeq, limit: rescreenPageSizeMax });
    if (page.length === 0) return { screened, held, casesUpdated, partial: false };
    const newCases: CaseRecord[] = [];
    for (const { seq, message } of page) {
      afterSeq = seq;
      screened += 1;
      const hits = hitsOf(delta, message, deps.threshold);
      if (hits.length === 0) continue;
      if (message.status === "queued") newCases.push(caseOf(deps, message, hits));
      else if (await addToOpenCase(deps, message, hits)) casesUpdated += 1;
    }
    held += (await deps.cases.holdQueued(newCases)).length;
  }
  return { screened, held, casesUpdated, partial: true };
}

function hitsOf(screener: Screener, message: StoredMessage, threshold: number): CaseHit[] {
  assert(message.format !== "system", "system notices are never screened");
  const facts = extractFacts(message.format, message.payload.toString("utf8"),
    { sender: message.sender, receiver: message.receiver });
  return screenFacts(screener, facts, { threshold });
}

function caseOf(deps: ComplianceDeps, message: StoredMessage, hits: CaseHit[]): CaseRecord {
  const now = deps.clock.now();
  assert(message.sender !== "CORRIDOR", "participant messages only");
  return {
    id: `C${deps.ids.messageId()}`, messageId: message.id, sender: message.sender,
    receiver: message.receiver, format: message.format, type: message.type,
    reference: message.reference, uetr: message.uetr, status: "open", openedBy: "list-update",
    openedAt: now, hits, proposedBy: undefined, proposedAt: undefined, decidedBy: undefined,
    decidedAt: undefined, notes: [], version: 1, updatedAt: now, updatedBy: "CORRIDOR",
  };
}

async function addToOpenCase(deps: ComplianceDeps, message: StoredMessage, hits: CaseHit[]) {
  const record = await deps.cases.openCaseOf(message.id);
  if (record === undefined) return false;
  assert(record.messageId === message.id, "a message's case is about that message");
  const next = addHits(record, hits, deps.clock.now());
  if (next === record) return false;
  return (await deps.cases.transitionCase({ next, fromVersion: record.version })) === "ok";
}

function assertProblem(): never {
  assert(false, "a failed result carries a problem");
}
