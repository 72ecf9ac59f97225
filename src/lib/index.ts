// The lib layer's public surface: assertions, result values, branded types, a seeded generator.
export { assert, assertNever, AssertionError } from "./assert.js";
export { ok, fail, failWith } from "./result.js";
export type { Problem, Result } from "./result.js";
export type { Brand } from "./brand.js";
export { seededRandom } from "./seeded-random.js";
