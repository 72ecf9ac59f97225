// Programmer-error assertions: they stay on in production and crash the process.
// Expected outcomes are never asserted; they are returned as Result values.

export class AssertionError extends Error {
  override name = "AssertionError";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertNever(value: never, what = "value"): never {
  throw new AssertionError(`Cannot handle ${what}: unexpected ${JSON.stringify(value)}`);
}
