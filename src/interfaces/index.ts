// The interfaces layer's public surface: the HTTP API (Hono), the CLI commands and the console.
export { exitNegative, exitOk, exitUsage, failUsage, printJsonLine } from "./cli/exit.js";
