// Crash only: an error nothing handled (a failed assertion, a bug) is logged and ends the
// process with a non-zero code. The store is durable and delivery idempotent, so a restart
// recovers; carrying on with state that broke an invariant would not be safe.
import type { Logger } from "../lib/index.js";

/** The exit code of a crash: EX_SOFTWARE, an internal software error. */
export const crashExitCode = 70;

export function exitOnUnhandledErrors(logger: Logger): void {
  const crash = (error: unknown, origin: string): void => {
    logger.error({ err: error, origin }, "Cannot continue: unhandled error, the hub exits " +
      "and recovers from its store on restart");
    process.exit(crashExitCode);
  };
  process.on("uncaughtException", (error) => crash(error, "uncaught-exception"));
  process.on("unhandledRejection", (reason) => crash(reason, "unhandled-rejection"));
}
