// The interfaces layer's public surface: the HTTP API (Hono), the CLI commands and the console.
export { exitNegative, exitOk, exitUsage, failUsage, printJsonLine } from "./cli/exit.js";
export { defaultHubUrl } from "./cli/hub-options.js";
export type { OperatorContext, OperatorResolver } from "./cli/hub-options.js";
export { registerKeygenCommands } from "./cli/keygen-command.js";
export { registerControlsCommands } from "./cli/controls-command.js";
export type { ControlsCommandDeps } from "./cli/controls-command.js";
export { registerListsCommands } from "./cli/lists-command.js";
export type { ListsCommandDeps } from "./cli/lists-command.js";
export { registerScreenCommands } from "./cli/screen-command.js";
export type { ScreenCommandDeps, ScreenRow } from "./cli/screen-command.js";
export { registerMtCommands } from "./cli/mt-command.js";
export { registerMxCommands } from "./cli/mx-command.js";
export { registerParticipantCommands } from "./cli/participant-command.js";
export { registerRmaCommands } from "./cli/rma-command.js";
export { registerParticipantClientCommands } from "./cli/send-command.js";
export { admissionClass, shedEpisodes, shedReason } from "./http/admission.js";
export type {
  AdmissionLimits, HubLoad, LoadGauges, ShedReason,
} from "./http/admission.js";
export { createHttpApp, healthAnswer } from "./http/app.js";
export type { HealthAnswer } from "./http/app.js";
export { hashPassword, verifyPassword } from "./http/console-auth.js";
export type { ConsoleAuditEntry, ConsoleGuard, ConsoleOptions } from "./http/console-routes.js";
export type { Account, HttpDeps, Role } from "./http/context.js";
export { createMetrics } from "./http/metrics.js";
export type { Metrics } from "./http/metrics.js";
export { createSessionHandler } from "./http/session.js";
export type { SessionHandler } from "./http/session.js";
export { createSignatureVerifier } from "./http/signature-verifier.js";
export type { SignatureVerifier } from "./http/signature-verifier.js";
