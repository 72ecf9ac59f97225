// The lib layer's public surface: assertions, result values, branded types, a seeded generator,
// typed storage errors and the logger port.
export { assert, assertNever, AssertionError } from "./assert.js";
export { ok, fail, failWith } from "./result.js";
export type { Problem, Result } from "./result.js";
export type { Brand } from "./brand.js";
export { seededRandom } from "./seeded-random.js";
export { StorageError, isStorageError } from "./storage-error.js";
export type { StorageErrorKind } from "./storage-error.js";
export { silentLogger } from "./logger.js";
export type { LogFields, Logger } from "./logger.js";
