// The accounts port: console and operator accounts (people with one role each), with the
// lineage of accounts that created them and any role change waiting for a second operator.

export type AccountRole = "operator" | "compliance" | "auditor";

/** pending: proposed by one operator, not usable (no token) until another approves it. */
export type AccountStatus = "pending" | "active";

/** A role change waiting for a checker: a new account's role, or a promotion. */
export interface AccountProposal {
  readonly role: AccountRole;
  readonly by: string;
  readonly at: number;
}

/** A console or operator account: a person with one role. Secrets are stored only hashed. */
export interface AccountRecord {
  readonly name: string;
  readonly role: AccountRole;
  /** SHA-256 hex of the API token, when the account has one. Never set while pending. */
  readonly tokenHash: string | undefined;
  /** scrypt hash of the console password, when the account has one. */
  readonly passwordHash: string | undefined;
  readonly createdAt: number;
  readonly status: AccountStatus;
  /** The account that proposed or created it, or "CORRIDOR" for the hub itself. */
  readonly createdBy: string;
  /**
   * Its creators, nearest first: createdBy, then createdBy's own lineage, ending at "CORRIDOR".
   * Written once, when the account is inserted; nothing changes it later.
   */
  readonly lineage: readonly string[];
  /** The operator who approved its current role; undefined when one decision sufficed. */
  readonly approvedBy: string | undefined;
  readonly proposal: AccountProposal | undefined;
  readonly version: number;
}

/**
 * What the hub writes straight to the store (first start, demo, tests): an account it inserts
 * is the hub's own, created by "CORRIDOR" and active, unless the record says otherwise.
 */
export type AccountWrite = Pick<AccountRecord, "name" | "role" | "tokenHash" | "passwordHash" |
  "createdAt"> & Partial<Omit<AccountRecord, "name" | "role" | "tokenHash" | "passwordHash" |
  "createdAt">>;

export interface AccountStore {
  /** The hub's own write: inserts, or replaces all but the lineage and creation time. */
  upsertAccount(account: AccountWrite): Promise<void>;
  /** Inserts a new account; false when the name is taken. */
  insertAccount(account: AccountRecord): Promise<boolean>;
  /** Replaces an account if it is still at `fromVersion` (lineage kept); false otherwise. */
  updateAccount(account: AccountRecord, fromVersion: number): Promise<boolean>;
  findAccount(query: { name: string } | { tokenHash: string }): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<readonly AccountRecord[]>;
}
