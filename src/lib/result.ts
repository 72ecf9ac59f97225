// Result values for expected outcomes: every problem has a stable code, a location and a message.

export interface Problem<Code extends string = string> {
  readonly code: Code;
  /** Where: an MT field tag, an XML path, a header name or a CLI argument. */
  readonly location: string;
  readonly message: string;
  /** 1-based line in the submitted text, where the problem has one. */
  readonly line?: number;
}

export type Result<Value, Code extends string = string> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly problems: readonly Problem<Code>[] };

export function ok<Value>(value: Value): { readonly ok: true; readonly value: Value } {
  return { ok: true, value };
}

export function fail<Code extends string>(
  code: Code,
  location: string,
  message: string,
): { readonly ok: false; readonly problems: readonly Problem<Code>[] } {
  return { ok: false, problems: [{ code, location, message }] };
}

export function failWith<Code extends string>(
  problems: readonly Problem<Code>[],
): { readonly ok: false; readonly problems: readonly Problem<Code>[] } {
  return { ok: false, problems };
}
