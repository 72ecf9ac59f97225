// The network's services built in their one order from the ports: directory, delivery, the
// exclusion policies, compliance cases, the screening gate and its list updates, and intake
// over them all. The composition root only chooses adapters and passes them here.
import { assert } from "../lib/index.js";
import type { SanctionsList } from "../screening/index.js";
import { accountLineages } from "./accounts/lineage.js";
import type { AuditVerdict } from "./audit/chain.js";
import { verifyAuditChain } from "./audit/verify.js";
import { createComplianceService } from "./compliance/compliance-service.js";
import type { ComplianceService } from "./compliance/compliance-service.js";
import { createDeliveryService } from "./delivery/delivery-service.js";
import type { DeliveryService } from "./delivery/delivery-service.js";
import { createWakeups } from "./delivery/wakeups.js";
import type { Wakeups } from "./delivery/wakeups.js";
import { createPolicyService } from "./exclusion/policy-service.js";
import type { PolicyService } from "./exclusion/policy-service.js";
import { createIntakeService } from "./intake/intake-service.js";
import type { IntakeService } from "./intake/intake-service.js";
import { createDirectory } from "./participants/directory.js";
import type { Directory } from "./participants/directory.js";
import type { Clock, ContentValidator, Digests, IdSource } from "./ports.js";
import { createRmaGate, rmaNotEnforced } from "./rma/rma.js";
import { createListUpdates } from "./screening-hold/list-updates.js";
import type { ListSource, ListUpdates } from "./screening-hold/list-updates.js";
import { createScreeningGate } from "./screening-hold/screening-gate.js";
import type { ScreeningGate, ScreeningMode } from "./screening-hold/screening-gate.js";
import type { HubStores } from "./stores.js";

export interface NetworkDeps {
  readonly stores: HubStores;
  /** Real time: signatures, commits, deliveries. */
  readonly clock: Clock;
  /** Policy effective times and approvals: `clock`, or a replayed scenario's clock. */
  readonly policyClock: Clock;
  readonly ids: IdSource;
  readonly digests: Digests;
  readonly validateContent: ContentValidator;
  readonly screening: {
    readonly mode: ScreeningMode;
    readonly source: ListSource;
    /** Score at or above which a hit holds the message. */
    readonly threshold: number;
  };
  /** enforced: a message without the receiver's RMA for its type is NAKed rma-missing. */
  readonly rma: "enforced" | "not-enforced";
  /** Schedules the next group-commit flush (setImmediate in Node). */
  readonly schedule: (callback: () => void) => void;
  readonly commitBatchSizeMax: number;
}

export interface Network {
  readonly intake: IntakeService;
  readonly delivery: DeliveryService;
  readonly directory: Directory;
  readonly wakeups: Wakeups;
  readonly compliance: ComplianceService;
  readonly policies: PolicyService;
  readonly screening: ScreeningGate;
  readonly lists: ListUpdates;
  verifyAudit(): Promise<AuditVerdict>;
  /** Listens for exclusions that disconnect participants (to close their sessions). */
  onDisconnect(listener: (bics: readonly string[]) => void): void;
}

export function createNetwork(deps: NetworkDeps): Network {
  const { stores, clock, ids } = deps;
  const disconnects: ((bics: readonly string[]) => void)[] = [];
  const wakeups = createWakeups();
  // A store shared by several nodes reports what other nodes queued (PostgreSQL NOTIFY).
  stores.coordination.onQueued((receivers) => wakeups.notify(receivers));
  const directory = createDirectory({ participants: stores.participants, clock });
  const delivery = createDeliveryService({ inbox: stores.inbox, clock, ids, wakeups });
  const lineages = accountLineages(stores.accounts);
  const policies = createPolicyService({ policies: stores.policies, inbox: stores.inbox,
    audit: stores.audit, directory, clock: deps.policyClock, ids, delivery, lineages,
    onDisconnected: (bics) => { for (const listener of disconnects) listener(bics); } });
  const compliance = createComplianceService({ cases: stores.cases, inbox: stores.inbox,
    audit: stores.audit, clock, ids, wakeups, delivery, threshold: deps.screening.threshold,
    admit: (sender, receiver) => policies.admit(sender, receiver),
    findParticipant: (bic) => directory.find(bic), lineages });
  const initialSignature = deps.screening.source.signature();
  const initial: readonly SanctionsList[] = deps.screening.source.load();
  const screening = createScreeningGate({ mode: deps.screening.mode, lists: initial,
    threshold: deps.screening.threshold, ids });
  const lists = createListUpdates({ source: deps.screening.source, gate: screening,
    audit: stores.audit, clock, rescreen: (delta) => compliance.rescreen(delta), initial,
    initialSignature });
  const rma = deps.rma === "enforced" ? createRmaGate({ rma: stores.rma, clock })
    : rmaNotEnforced;
  const intake = createIntakeService({
    directory, screening, submissions: stores.submissions, clock, ids, digests: deps.digests,
    admission: { exclusion: (sender, receiver) => policies.admit(sender, receiver), rma },
    validateContent: deps.validateContent, schedule: deps.schedule,
    batchSizeMax: deps.commitBatchSizeMax, wake: (receivers) => wakeups.notify(receivers),
  });
  assert(deps.commitBatchSizeMax >= 1, "a commit batch holds at least one message");
  return {
    intake, delivery, directory, wakeups, compliance, policies, screening, lists,
    verifyAudit: () => verifyAuditChain(stores.audit, deps.digests),
    onDisconnect: (listener) => { disconnects.push(listener); },
  };
}

/** A list source that never changes: lists given in code (tests, tools). */
export function fixedLists(lists: readonly SanctionsList[]): ListSource {
  return { load: () => lists, signature: () => "fixed" };
}
