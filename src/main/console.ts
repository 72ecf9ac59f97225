// Wires the web console into a hub: where its built front end lives (console/dist beside the
// package), the open streaming sessions, and the audit chain.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listSummaries } from "../adapters/index.js";
import type { ConsoleOptions } from "../interfaces/index.js";
import type { AuditLog, Clock } from "../network/index.js";

/** console/dist, from src/main (tests) or dist/main (built): both are two levels down. */
export function consoleStaticDir(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "console", "dist");
  return existsSync(join(dir, "index.html")) ? dir : undefined;
}

export function consoleOptionsFor(
  audit: AuditLog,
  options: { clock: Clock; sessions: () => ReadonlyMap<string, number>; dataDir: string },
): ConsoleOptions {
  return {
    staticDir: consoleStaticDir(),
    lists: () => listSummaries(options.dataDir),
    connectedSessions: options.sessions,
    audit: (entry) => audit.append([{ ...entry, at: options.clock.now() }]),
  };
}
