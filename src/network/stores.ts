// Every storage port of the hub in one record, and the adapter-side type that implements them all
// over one database. Services never take the whole adapter: each takes the ports it uses.
import { assert } from "../lib/index.js";
import type { AccountStore } from "./accounts/account-store.js";
import type { AuditLog } from "./audit/audit-log.js";
import type { ReplayWindow } from "./authentication/replay-window.js";
import type { CaseStore } from "./compliance/case-store.js";
import type { InboxStore } from "./delivery/inbox-store.js";
import type { PolicyStore } from "./exclusion/policy-store.js";
import type { SubmissionStore } from "./intake/submission-store.js";
import type { MessageQueries } from "./monitoring/message-queries.js";
import type { ParticipantStore } from "./participants/participant-store.js";
import type { Coordination, StoreLifecycle } from "./ports.js";
import type { RmaStore } from "./rma/rma-store.js";

/** The ports of one hub's storage, each handed only to the services that use it. */
export interface HubStores {
  readonly participants: ParticipantStore;
  readonly submissions: SubmissionStore;
  readonly inbox: InboxStore;
  readonly cases: CaseStore;
  readonly policies: PolicyStore;
  readonly audit: AuditLog;
  readonly rma: RmaStore;
  readonly accounts: AccountStore;
  readonly queries: MessageQueries;
  /** Signatures already accepted, shared by every node of the store (authentication). */
  readonly replays: ReplayWindow;
  readonly coordination: Coordination;
  readonly lifecycle: StoreLifecycle;
}

/**
 * What a storage adapter implements: every port over one database, so that a commit writes a
 * message, its hold, its case and its audit entries in one transaction. Only adapters and the
 * composition root see this type. A single-node store may leave out the coordination methods.
 */
export type StoreAdapter = ParticipantStore & SubmissionStore & InboxStore & CaseStore &
  PolicyStore & AuditLog & RmaStore & AccountStore & MessageQueries & ReplayWindow &
  StoreLifecycle & Partial<Coordination>;

/** A single node runs every scheduled job and hears only its own queues. */
const singleNode: Coordination = {
  onQueued: () => () => undefined,
  leaseJob: () => Promise.resolve(true),
};

/** Splits an adapter into its ports; coordination defaults to a single node's. */
export function storesOf(adapter: StoreAdapter): HubStores {
  const shared = adapter.onQueued !== undefined || adapter.leaseJob !== undefined;
  // A shared store must both lease jobs and report other nodes' queues: half is a bug.
  assert(!shared || (adapter.onQueued !== undefined && adapter.leaseJob !== undefined),
    "a shared store implements all of coordination");
  const coordination: Coordination = shared ? {
    onQueued: (listener) => adapter.onQueued?.(listener) ?? (() => undefined),
    leaseJob: (name, options) => adapter.leaseJob?.(name, options) ?? Promise.resolve(true),
  } : singleNode;
  return {
    participants: adapter, submissions: adapter, inbox: adapter, cases: adapter,
    policies: adapter, audit: adapter, rma: adapter, accounts: adapter, queries: adapter,
    replays: adapter, coordination, lifecycle: adapter,
  };
}
