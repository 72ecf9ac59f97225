// The accounts port: console and operator accounts (people with one role each).

/** A console or operator account: a person with one role. Secrets are stored only hashed. */
export interface AccountRecord {
  readonly name: string;
  readonly role: "operator" | "compliance" | "auditor";
  /** SHA-256 hex of the API token, when the account has one. */
  readonly tokenHash: string | undefined;
  /** scrypt hash of the console password, when the account has one. */
  readonly passwordHash: string | undefined;
  readonly createdAt: number;
}

export interface AccountStore {
  upsertAccount(account: AccountRecord): Promise<void>;
  findAccount(query: { name: string } | { tokenHash: string }): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<readonly AccountRecord[]>;
}
