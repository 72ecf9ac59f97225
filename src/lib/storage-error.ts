// Typed storage failures: adapters translate driver errors (SQLSTATEs, SQLITE_ codes, socket
// errors) into these, so that the domain and the interfaces never match a driver's text.

/** What kind of storage failure happened; each edge maps it to one answer. */
export type StorageErrorKind =
  /** The store cannot be reached or cannot write now (restart, lock, disk full): retry later. */
  | "unavailable";

/** A store operation failed for an operating reason, not a bug: the caller may retry. */
export class StorageError extends Error {
  override name = "StorageError";
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
  }
}

export function isStorageError(error: unknown): error is StorageError {
  return error instanceof StorageError;
}
