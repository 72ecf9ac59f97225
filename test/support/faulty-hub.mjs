// A hub process like `corridor serve --screening off` whose SQLite store fails one call with an
// AssertionError, for e2e tests of the crash-only rule; no production code carries the hook.
// Run: node faulty-hub.mjs --data DIR --fail METHOD --on-call K [--when before|after]
import { setTimeout } from "node:timers";
import { parseArgs } from "node:util";
import { createLogger, openSqliteStore } from "../../dist/adapters/index.js";
import { AssertionError } from "../../dist/lib/index.js";
import { stopOnSignals } from "../../dist/main/commands/serve-command.js";
import { crashExitCode, exitOnUnhandledErrors } from "../../dist/main/crash.js";
import { ensureDataDir, dataDirPaths } from "../../dist/main/data-dir.js";
import { startHub } from "../../dist/main/hub.js";

/** The exit code when the injected assertion did not end the process: it was swallowed. */
const swallowedExitCode = 3;
const usageExitCode = 2;

const { values } = parseArgs({ options: {
  data: { type: "string" },
  fail: { type: "string" },
  "on-call": { type: "string" },
  // before: the call fails and does nothing; after: the call's work is done, then it fails
  // (a commit on disk that the hub never answers).
  when: { type: "string", default: "before" },
  // A bounded wait: a hub that carries on after the assertion is reported, not left running.
  "watchdog-ms": { type: "string", default: "20000" },
} });

const onCall = Number(values["on-call"]);
const watchdogMs = Number(values["watchdog-ms"]);
if (values.data === undefined || values.fail === undefined || !Number.isSafeInteger(onCall) ||
  onCall < 1 || !["before", "after"].includes(values.when) || !(watchdogMs > 0)) {
  process.stderr.write("Cannot start faulty hub: give --data DIR --fail METHOD --on-call K " +
    "(K >= 1) [--when before|after] [--watchdog-ms MS]\n");
  process.exit(usageExitCode);
}

const logger = createLogger({ level: "info" });
exitOnUnhandledErrors(logger);
const paths = dataDirPaths(values.data);
ensureDataDir(paths);
const store = openSqliteStore({ path: paths.database });
const original = store[values.fail];
if (typeof original !== "function") {
  process.stderr.write(`Cannot start faulty hub: the store has no method "${values.fail}"\n`);
  process.exit(usageExitCode);
}

let calls = 0;
/** The store method, failing its Kth call the way a broken invariant in the adapter would. */
async function faulty(...args) {
  calls += 1;
  if (calls !== onCall) return original.apply(store, args);
  if (values.when === "after") await original.apply(store, args);
  logger.warn({ method: values.fail, call: calls, when: values.when },
    "Injecting a failed assertion into the store");
  armWatchdog();
  throw new AssertionError(`injected: ${values.fail} call ${calls} broke an invariant`);
}

function armWatchdog() {
  const timer = setTimeout(() => {
    logger.error({ method: values.fail, watchdogMs, expected: crashExitCode },
      "Cannot confirm the crash: the hub carried on after a failed assertion");
    process.exit(swallowedExitCode);
  }, watchdogMs);
  // Never the reason the process stays alive: a hub that stopped cleanly may exit.
  timer.unref();
}

const hub = await startHub({ dataDir: values.data, host: "127.0.0.1", port: 0,
  screening: "off", logger, store: { ...store, [values.fail]: faulty }, closeStore: true });
logger.info({ url: hub.url, fail: values.fail, onCall,
  when: values.when }, "Faulty hub listening");
stopOnSignals(hub, (line) => process.stderr.write(`${line}\n`));
