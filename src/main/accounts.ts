// Operator credentials: created on the first start of `serve`, stored in the data dir (0600);
// the store keeps only the token's SHA-256. Nothing secret is ever written to the logs. Also the
// data dir's bootstrap: whoever holds the hub's files may create accounts as the hub itself.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import {
  describePostgresUrl, openPostgresStore, openSqliteStore, systemClock,
} from "../adapters/index.js";
import type { Result } from "../lib/index.js";
import { addHubAccount, hubCreator } from "../network/index.js";
import type {
  AccountOutcome, AccountProblemCode, AccountRecord, AccountStore, AuditLog, Clock, StoreAdapter,
  TokenIssuer,
} from "../network/index.js";
import type { DataDirPaths } from "./data-dir.js";
import { dataDirPaths, readJsonFile, writeSecretFile } from "./data-dir.js";

export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** API tokens from the operating system's randomness. */
export const nodeTokens: TokenIssuer = {
  issue: () => {
    const token = newToken();
    return { token, tokenHash: tokenHash(token) };
  },
};

export interface OperatorCredentials {
  readonly account: string;
  readonly role: AccountRecord["role"];
  readonly token: string;
}

/**
 * Makes sure the first operator account exists and its credentials file is in the data dir.
 * The hub creates it (lineage "CORRIDOR"); its first creation is audited with the hub as actor.
 */
export async function ensureOperatorCredentials(
  store: AccountStore & AuditLog,
  options: { paths: DataDirPaths; clock: Clock },
): Promise<void> {
  const existing = readJsonFile(options.paths.operatorCredentials) as
    OperatorCredentials | undefined;
  if (existing !== undefined && typeof existing.token === "string") {
    const account = await store.findAccount({ tokenHash: tokenHash(existing.token) });
    if (account !== undefined) return;
  }
  const credentials: OperatorCredentials = {
    account: existing?.account ?? "operator", role: "operator", token: newToken(),
  };
  const previous = await store.findAccount({ name: credentials.account });
  const now = options.clock.now();
  // A new token for the hub's own operator: it is active, whatever it was, and keeps its lineage.
  await store.upsertAccount({
    name: credentials.account, role: "operator", tokenHash: tokenHash(credentials.token),
    passwordHash: previous?.passwordHash, createdAt: previous?.createdAt ?? now,
    status: "active", proposal: undefined,
  });
  if (previous === undefined) {
    await store.append([{ at: now, kind: "account", actor: hubCreator,
      subject: credentials.account, detail: JSON.stringify({ stage: "created",
        role: "operator", status: "active", createdBy: hubCreator, lineage: [hubCreator],
        via: "first start" }) }]);
  }
  writeSecretFile(options.paths.operatorCredentials, `${JSON.stringify(credentials, null, 2)}\n`);
}

/**
 * `corridor account add --data DIR` without --as-account: the hub's data-dir bootstrap. It opens
 * the hub's store (DATA/corridor.db, or --store / CORRIDOR_STORE) and creates the account as the
 * hub, active at once; the audit chain names "CORRIDOR" as the actor. A fresh hub has one
 * operator, and maker-checker needs a second: this is how the second one comes to exist.
 */
export async function addAccountInDataDir(options: { data: string; store?: string;
  name: string; role: string }): Promise<Result<AccountOutcome, AccountProblemCode>> {
  const store = await openBootstrapStore(options);
  try {
    return await addHubAccount({ accounts: store, audit: store, clock: systemClock,
      tokens: nodeTokens }, { name: options.name, role: options.role });
  } finally {
    await store.close();
  }
}

/** The hub's store: --store (or CORRIDOR_STORE) as `serve` takes it, else DATA/corridor.db. */
async function openBootstrapStore(options: { data: string; store?: string }):
  Promise<StoreAdapter> {
  const url = options.store ?? process.env.CORRIDOR_STORE ?? "";
  if (url.startsWith("sqlite:")) return openSqliteStore({ path: url.slice("sqlite:".length) });
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore({ url });
  if (url !== "") {
    throw new Error(`Cannot use store "${describePostgresUrl(url)}": give postgres://… or ` +
      "sqlite:PATH");
  }
  const path = dataDirPaths(options.data).database;
  // A directory without a store is an error, never a new empty hub holding one account.
  if (!existsSync(path)) {
    throw new Error(`Cannot add account: "${path}" does not exist (start the hub with ` +
      "`corridor serve --data DIR` first, or give its --store)");
  }
  return openSqliteStore({ path });
}
