// Wiring of the sanctions controls (issue 6): the screening gate over the lists in force, the
// compliance and policy services, the audit chain, list reloads with delta re-screening.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadListStore, nodeDigests, openSqliteStore } from "../adapters/index.js";
import {
  createComplianceService, createChainVerifier, createPolicyService, createScreeningGate,
} from "../network/index.js";
import type {
  AuditVerdict, Clock, ComplianceService, ControlStores, DeliveryService, Directory, IdSource,
  MessageStore, PolicyService, RescreenOutcome, ScreeningGate, Wakeups,
} from "../network/index.js";
import { createScreener, diffLists, holdThresholdDefault } from "../screening/index.js";
import type { SanctionsList } from "../screening/index.js";

export interface Controls {
  readonly gate: ScreeningGate;
  readonly compliance: ComplianceService;
  readonly policies: PolicyService;
  readonly store: ControlStores;
  /** Swaps in new list versions and re-screens undelivered traffic against the delta. */
  reloadLists(lists: readonly SanctionsList[], actor: string): Promise<RescreenOutcome>;
  verifyAudit(): Promise<AuditVerdict>;
  /** Where exclusions close streaming sessions; set once the session handler exists. */
  setDisconnect(close: (bics: readonly string[]) => void): void;
}

export function hasControlStores(store: MessageStore): store is MessageStore & ControlStores {
  const candidate = store as Partial<ControlStores>;
  return typeof candidate.transitionCase === "function" &&
    typeof candidate.insertPolicy === "function" && typeof candidate.append === "function";
}

export function createControls(store: MessageStore & ControlStores, deps: {
  clock: Clock; ids: IdSource; wakeups: Wakeups; delivery: DeliveryService; directory: Directory;
  lists: readonly SanctionsList[]; threshold?: number;
  /** The clock policies take effective times from (a replayed scenario's); `clock` otherwise. */
  policyClock?: Clock | undefined;
}): Controls {
  const threshold = deps.threshold ?? holdThresholdDefault;
  let lists = [...deps.lists];
  let disconnect: (bics: readonly string[]) => void = () => undefined;
  const gate = createScreeningGate({ screener: createScreener(lists), threshold, ids: deps.ids });
  const policies = createPolicyService({ store, directory: deps.directory,
    clock: deps.policyClock ?? deps.clock,
    ids: deps.ids, delivery: deps.delivery, onDisconnected: (bics) => disconnect(bics) });
  const compliance = createComplianceService({ store, clock: deps.clock, ids: deps.ids,
    wakeups: deps.wakeups, delivery: deps.delivery, threshold,
    admit: (sender, receiver) => policies.admit(sender, receiver),
    findParticipant: (bic) => deps.directory.find(bic) });
  return {
    gate, compliance, policies, store,
    reloadLists: async (next, actor) => {
      const before = new Map(lists.map((list) => [list.id, list]));
      const deltaLists: SanctionsList[] = [];
      const entries = [];
      for (const list of next) {
        const delta = diffLists(before.get(list.id) ?? null, list);
        const touched = new Set([...delta.added, ...delta.changed]);
        if (touched.size > 0) {
          deltaLists.push({ ...list, entities: list.entities.filter((e) => touched.has(e.id)) });
        }
        entries.push({ at: deps.clock.now(), kind: "list-import" as const, actor, subject: list.id,
          detail: JSON.stringify({ from: delta.fromVersion, to: delta.toVersion,
            added: delta.added.length, changed: delta.changed.length,
            removed: delta.removed.length }) });
      }
      lists = [...next];
      gate.setScreener(createScreener(lists));
      await store.append(entries);
      if (deltaLists.length === 0) return { screened: 0, held: 0, casesUpdated: 0, partial: false };
      return compliance.rescreen(createScreener(deltaLists));
    },
    verifyAudit: () => verifyAuditChain(store),
    setDisconnect: (close) => { disconnect = close; },
  };
}

/** Recomputes the whole audit chain page by page; names the first entry that does not match. */
export async function verifyAuditChain(store: ControlStores): Promise<AuditVerdict> {
  const verifier = createChainVerifier(nodeDigests);
  let afterSeq = 0;
  for (;;) {
    const page = await store.entries({ afterSeq, limit: 10_000 });
    if (page.length === 0 || !verifier.feed(page)) return verifier.verdict();
    afterSeq = page[page.length - 1]?.seq ?? afterSeq;
  }
}

/** How often the hub applies due policies and looks for new list versions in the data dir. */
const policyTickMs = 1_000;
const listCheckMs = 5_000;

/** The scheduled jobs: policies at their effective time, list updates from `lists import`. */
export function startControlJobs(controls: Controls | undefined, options: {
  dataDir: string; clock: Clock;
}): { stop(): void } {
  if (controls === undefined) return { stop: () => undefined };
  let busy = false;
  let listsSeen = listsSignature(options.dataDir);
  const guarded = (work: () => Promise<unknown>) => () => {
    if (busy) return;
    busy = true;
    work().catch(() => undefined).finally(() => { busy = false; });
  };
  const policyTimer = setInterval(guarded(() => controls.policies.applyDue()), policyTickMs);
  const listTimer = setInterval(guarded(async () => {
    const signature = listsSignature(options.dataDir);
    if (signature === listsSeen) return;
    listsSeen = signature;
    await controls.reloadLists(loadListStore(options.dataDir), "CORRIDOR");
  }), listCheckMs);
  return { stop: () => { clearInterval(policyTimer); clearInterval(listTimer); } };
}

/** Changes whenever `corridor lists import` writes a new current.json for any list. */
function listsSignature(dataDir: string): string {
  const dir = join(dataDir, "lists");
  if (!existsSync(dir)) return "";
  return readdirSync(dir).sort().map((id) => {
    const file = join(dir, id, "current.json");
    return existsSync(file) ? `${id}:${statSync(file).mtimeMs}:${statSync(file).size}` : id;
  }).join("|");
}

/** `corridor audit verify --data DIR`: opens the store read-side and verifies the chain. */
export async function verifyAuditInDataDir(dataDir: string): Promise<AuditVerdict> {
  const store = openSqliteStore({ path: join(dataDir, "corridor.db") });
  try {
    return await verifyAuditChain(store);
  } finally {
    await store.close();
  }
}
