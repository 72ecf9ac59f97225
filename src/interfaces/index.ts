// The interfaces layer's public surface: the HTTP API (Hono), the CLI commands and the console.
export { exitNegative, exitOk, exitUsage, failUsage, printJsonLine } from "./cli/exit.js";
export { defaultHubUrl } from "./cli/hub-options.js";
export type { OperatorContext, OperatorResolver } from "./cli/hub-options.js";
export { registerKeygenCommands } from "./cli/keygen-command.js";
export { registerMtCommands } from "./cli/mt-command.js";
export { registerParticipantCommands } from "./cli/participant-command.js";
export { registerParticipantClientCommands } from "./cli/send-command.js";
export { createHttpApp } from "./http/app.js";
export type { Account, HttpDeps, Role } from "./http/context.js";
export { createMetrics } from "./http/metrics.js";
export type { Metrics } from "./http/metrics.js";
export { createSessionHandler } from "./http/session.js";
export type { SessionHandler } from "./http/session.js";
export { createSignatureVerifier } from "./http/signature-verifier.js";
export type { SignatureVerifier } from "./http/signature-verifier.js";
