// The failures a CLI command answers itself, as a one-line usage error or a NAK line, instead of
// crashing: a file it cannot read, a hub it cannot reach. Anything else propagates with its stack.

/** An error from a system call (ENOENT, EACCES, EISDIR...): Node sets `code` and `syscall`. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as NodeJS.ErrnoException;
  return typeof code === "string" && typeof syscall === "string";
}

/**
 * fetch() rejects with a TypeError, and only then, when no response came: refused, reset, DNS,
 * TLS, or a URL or header it cannot send. Keep only the fetch call inside the try.
 */
export function isRequestFailure(error: unknown): error is TypeError {
  return error instanceof TypeError;
}

/** The short reason for a one-line message: the system error code if there is one. */
export function reasonOf(error: Error): string {
  if (isSystemError(error)) return error.code ?? error.message;
  // fetch's TypeError says only "fetch failed"; its cause says why (ECONNREFUSED, bad port).
  const cause = error.cause;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return error.message;
}
