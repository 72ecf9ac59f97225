// The validation thread's entry for tests, which run src/ without a build: registers the
// TypeScript hooks in this thread, then serves the worker module from src/ as dist/ would.
import { register } from "node:module";

register("./ts-loader-hooks.mjs", import.meta.url);
const worker = await import("../../src/adapters/system/validation-worker.ts");

export default worker.default;
