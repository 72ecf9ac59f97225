// Exit codes of the `corridor` command: 0 success, 1 negative verdict, 2 usage error.

export const exitOk = 0;
export const exitNegative = 1;
export const exitUsage = 2;

/** Writes one JSON value as a line on stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Reports a usage or set-up error on stderr and exits with code 2. */
export function failUsage(message: string): never {
  process.stderr.write(`corridor: ${message}\n`);
  process.exit(exitUsage);
}
