// `corridor audit verify --data DIR`: opens an existing hub's SQLite store and verifies its audit
// chain. A directory without a store is an error, never an empty chain that verifies.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { nodeDigests, openSqliteStore } from "../adapters/index.js";
import { verifyAuditChain } from "../network/index.js";
import type { AuditVerdict } from "../network/index.js";

export async function verifyAuditInDataDir(dataDir: string): Promise<AuditVerdict> {
  const path = join(dataDir, "corridor.db");
  if (!existsSync(path)) {
    throw new Error(`Cannot verify the audit chain: "${path}" does not exist (a hub on ` +
      "PostgreSQL keeps its chain there: verify through the hub's API)");
  }
  const store = openSqliteStore({ path });
  try {
    return await verifyAuditChain(store, nodeDigests);
  } finally {
    await store.close();
  }
}
