// The policies port: exclusion policies and the traffic they touch.
import type { MessageStatus, StoredMessage } from "../types.js";
import type { PolicyRecord } from "./policy.js";

export interface PolicyStore {
  insertPolicy(policy: PolicyRecord): Promise<void>;
  /** Replaces a policy if it is still at `fromVersion`; false on a concurrent change. */
  updatePolicy(policy: PolicyRecord, fromVersion: number): Promise<boolean>;
  getPolicy(id: string): Promise<PolicyRecord | undefined>;
  listPolicies(limit: number): Promise<readonly PolicyRecord[]>;
  /** Participant messages to or from any of these BIC8s, newest first, optionally filtered. */
  messagesInvolving(query: { bic8s: readonly string[]; since?: number;
    statuses?: readonly MessageStatus[]; limit: number }): Promise<readonly StoredMessage[]>;
}

