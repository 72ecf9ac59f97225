// The storage contract: every port a StoreAdapter implements, each in its own block, run against
// every adapter (SQLite in memory and on disk, PostgreSQL). Coordination, which only a store
// shared by several nodes implements, has its own suite (coordination.contract.ts).
import { describe } from "vitest";
import { describeAccountsContract } from "./accounts.contract.js";
import { describeAuditContract } from "./audit.contract.js";
import { describeCasesContract } from "./cases.contract.js";
import { describeInboxContract } from "./inbox.contract.js";
import { describeMessageQueriesContract } from "./message-queries.contract.js";
import { describeParticipantsContract } from "./participants.contract.js";
import { describePoliciesContract } from "./policies.contract.js";
import { describeRmaContract } from "./rma.contract.js";
import type { OpenStore } from "./store-fixtures.js";
import { describeSubmissionsContract } from "./submissions.contract.js";

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`StoreAdapter contract: ${name}`, () => {
    describeParticipantsContract(open);
    describeSubmissionsContract(open);
    describeInboxContract(open);
    describeCasesContract(open);
    describePoliciesContract(open);
    describeAuditContract(open);
    describeRmaContract(open);
    describeAccountsContract(open);
    describeMessageQueriesContract(open);
  });
}
