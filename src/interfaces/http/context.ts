// What the HTTP edge needs from the rest of the hub, passed in by main (no container).
import type {
  Clock, ComplianceService, DeliveryService, Directory, HubStores, IdSource, IntakeService,
  ListUpdates, Participant, PolicyService, RefusalRecorder, ScreeningGate, Wakeups, AuditVerdict,
} from "../../network/index.js";
import type { HubLoad } from "./admission.js";
import type { ConsoleOptions } from "./console-types.js";
import type { Logger } from "../../lib/index.js";
import type { Metrics } from "./metrics.js";
import type { SignatureVerifier } from "./signature-verifier.js";

export type Role = "operator" | "compliance" | "auditor";

export interface Account {
  readonly name: string;
  readonly role: Role;
}

export interface HttpDeps {
  readonly intake: IntakeService;
  readonly delivery: DeliveryService;
  readonly directory: Directory;
  /** The storage ports the routes read and write directly. */
  readonly stores: Pick<HubStores, "queries" | "rma" | "accounts" | "audit" | "lifecycle">;
  readonly verifier: SignatureVerifier;
  readonly metrics: Metrics;
  /** Structured logs: one line per request, every refused or failed operation. */
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly wakeups: Wakeups;
  /** The web console under /console, when this hub serves one. */
  readonly console?: ConsoleOptions;
  /** Finds the console or operator account a bearer token belongs to. */
  readonly authenticateToken: (token: string) => Promise<Account | undefined>;
  /** Sanctions controls: always present; a hub cannot run without them. */
  readonly controls: ControlsHttp;
  /**
   * Counts every refused request (bad signatures, refused sessions, console sign-ins and
   * guards, bearer tokens); a scheduled job appends the counts to the audit chain.
   */
  readonly refusals: RefusalRecorder;
  /** The hub's sampled load and the limits past which admission sheds requests. */
  readonly load: HubLoad;
}

/** What the compliance, policy, screening and audit routes need. */
export interface ControlsHttp {
  readonly compliance: ComplianceService;
  readonly policies: PolicyService;
  /** The screening gate's mode and lists in force, for /health, /metrics and the console. */
  readonly screening: Pick<ScreeningGate, "status">;
  readonly lists: ListUpdates;
  verifyAudit(): Promise<AuditVerdict>;
}

export interface HttpVariables {
  participant: Participant;
  /** The raw request body, read once for signature verification. */
  body: Buffer;
  account: Account;
}

export interface HttpEnv {
  Variables: HttpVariables;
}
