// What the storage contract suites share: the store under test with its seeded banks, and
// builders of participants, submissions, held submissions with their hits, and policies.
import { nodeDigests } from "../../src/adapters/index.js";
import { createChainVerifier } from "../../src/network/index.js";
import type {
  AuditVerdict, CaseHit, MessageId, Participant, PolicyRecord, StoreAdapter, Submission,
} from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";

/** A store under test, and a way to edit its audit log behind its back (as an intruder would). */
export interface StoreUnderTest {
  readonly store: StoreAdapter;
  /** Rewrites the detail of one audit entry directly in the database, bypassing the store. */
  editAuditDetail(seq: number, detail: string): Promise<void>;
}

/** Opens a fresh, empty store for one test. */
export type OpenStore = () => Promise<StoreUnderTest>;

export type StoreBody = (store: StoreAdapter, fixture: StoreUnderTest) => Promise<void>;

/** Runs one test's body on a fresh store holding these participants, then closes it. */
export type WithStore = (body: StoreBody) => Promise<void>;

export const pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtest\n-----END PUBLIC KEY-----\n";
export const bankA = "BANKDEFFXXX" as Bic;
export const bankB = "BANKGB2LXXX" as Bic;
export const bankC = "OTHRFRPPXXX" as Bic;

export function participant(bic: Bic, name: string = bic): Participant {
  return { bic, name, publicKeyPem: pem, parent: undefined, status: "active", createdAt: 1 };
}

export function withStoreOf(open: OpenStore, banks: readonly Bic[]): WithStore {
  return async (body) => {
    const fixture = await open();
    try {
      for (const bic of banks) await fixture.store.upsertParticipant(participant(bic));
      await body(fixture.store, fixture);
    } finally {
      await fixture.store.close();
    }
  };
}

let counter = 0;
export function submission(overrides: Partial<Submission> = {}): Submission {
  counter += 1;
  return {
    id: `M${String(counter).padStart(8, "0")}` as MessageId,
    sender: bankA, receiver: bankB, format: "MT", type: "MT103", reference: `REF${counter}`,
    uetr: undefined, priority: "normal", deliveryMonitoring: 0, possibleDuplicate: false,
    dedupeKey: `key-${counter}`, payload: Buffer.from(`payload ${counter} \u00e9`),
    createdAt: 1_000, obsoleteAt: 1_000 + 6_000_000, initialStatus: "queued",
    ...overrides,
  };
}

export const hit: CaseHit = {
  party: { kind: "name", role: "59 beneficiary customer", location: "59", value: "IVAN PETROV" },
  list: "test-list", listVersion: "v1", entityId: "E-1", listedName: "Ivan Petrov",
  primaryName: "Ivan Petrov", score: 0.93, programmes: ["TEST"],
  explanation: { summary: "name matches", nameScore: 0.93, alignments: [], unmatchedQuery: [],
    unmatchedListed: [], queryCoverage: 1, listedCoverage: 1, factors: [] },
};

export function held(caseId: string, overrides: Partial<Submission> = {}): Submission {
  return submission({ initialStatus: "held", hold: { caseId, hits: [hit] }, ...overrides });
}

export function policy(id: string, overrides: Partial<PolicyRecord> = {}): PolicyRecord {
  return {
    id, action: "exclude", reference: "Council Regulation (EU) 2022/345", institutions:
      ["BANKDEFF"], includeSubsidiaries: false, subsidiaryCountries: [], countries: [],
    carveOuts: [], direction: "both", effectiveAt: 5_000, queued: "abort", lifts: undefined,
    status: "proposed", proposedBy: "maker", proposedAt: 2_000, approvedBy: undefined,
    approvedAt: undefined, appliedAt: undefined, outcome: undefined, liftedBy: undefined,
    version: 1, updatedAt: 2_000, updatedBy: "maker", ...overrides,
  };
}

/** The store's audit chain as the verifier sees it, page by page (bounded). */
export async function verify(store: StoreAdapter): Promise<AuditVerdict> {
  const verifier = createChainVerifier(nodeDigests);
  let afterSeq = 0;
  for (let page = 0; page < 100; page += 1) {
    const entries = await store.entries({ afterSeq, limit: 50 });
    if (entries.length === 0 || !verifier.feed(entries)) break;
    afterSeq = entries[entries.length - 1]?.seq ?? afterSeq;
  }
  return verifier.verdict();
}
