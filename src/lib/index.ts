// The lib layer's public surface: assertions, result values and branded types.
export { assert, assertNever, AssertionError } from "./assert.js";
export { ok, fail, failWith } from "./result.js";
export type { Problem, Result } from "./result.js";
export type { Brand } from "./brand.js";
