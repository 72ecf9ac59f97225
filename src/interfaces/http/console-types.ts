// The console's options as the HTTP edge receives them from main: a leaf module (it imports
// nothing of the edge but the API's JSON types), so context.ts and the console-*.ts route
// files can all depend on it.
import type { ListSummaryView } from "./console-api-types.js";

export interface ConsoleAuditEntry {
  readonly kind: "login" | "refusal";
  /** The account name (or the name tried). */
  readonly actor: string;
  readonly subject: string;
  /** JSON text. */
  readonly detail: string;
}

export interface ConsoleOptions {
  /** Folder of the built front end (console/dist); absent or unbuilt shows how to build it. */
  readonly staticDir: string | undefined;
  /** Open streaming sessions per participant BIC. */
  readonly connectedSessions: () => ReadonlyMap<string, number>;
  /** Appends to the hub's audit chain, when the store keeps one. */
  readonly audit?: (entry: ConsoleAuditEntry) => Promise<void>;
  /** The sanctions lists in force and their versions (the list store lives in main). */
  readonly lists?: () => readonly ListSummaryView[];
}
