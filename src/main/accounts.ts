// Operator credentials: created on the first start of `serve`, stored in the data dir (0600);
// the store keeps only the token's SHA-256. Nothing secret is ever written to the logs.
import { createHash, randomBytes } from "node:crypto";
import type { AccountRecord, AccountStore, Clock } from "../network/index.js";
import type { DataDirPaths } from "./data-dir.js";
import { readJsonFile, writeSecretFile } from "./data-dir.js";

export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface OperatorCredentials {
  readonly account: string;
  readonly role: AccountRecord["role"];
  readonly token: string;
}

/** Makes sure the first operator account exists and its credentials file is in the data dir. */
export async function ensureOperatorCredentials(
  store: AccountStore,
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
  await store.upsertAccount({
    name: credentials.account, role: "operator", tokenHash: tokenHash(credentials.token),
    passwordHash: previous?.passwordHash, createdAt: previous?.createdAt ?? options.clock.now(),
  });
  writeSecretFile(options.paths.operatorCredentials, `${JSON.stringify(credentials, null, 2)}\n`);
}
