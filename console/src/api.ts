// The console's calls to the hub's /console/api: JSON in and out, the CSRF token on changes.
// The answers' types are the server's own (console-api-types.ts), shared rather than copied.
import type { ConsoleErrorAnswer } from "../../src/interfaces/http/console-api-types.js";

export type {
  AuditAnswer, AuditVerdictView, CaseActionAnswer, CasesAnswer, CaseView, ConsoleAccount,
  ListsAnswer, LoginAnswer, MessageDetail, MessagesAnswer, MessageSummary, OverviewView,
  ParticipantsAnswer, PoliciesAnswer, PolicyAnswer, PolicyPreviewAnswer, ScreeningAnswer,
  SessionAnswer,
} from "../../src/interfaces/http/console-api-types.js";

let csrfToken = "";

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}):
  Promise<T> {
  const method = init.method ?? "GET";
  const response = await fetch(`/console/api${path}`, {
    method, credentials: "same-origin",
    headers: method === "GET" ? {} : { "content-type": "application/json",
      "x-csrf-token": csrfToken },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const json = await response.json().catch(() => ({})) as Partial<ConsoleErrorAnswer>;
  if (!response.ok) {
    throw new ApiError(response.status, json.error?.code ?? "http-error",
      json.error?.message ?? `Request failed: HTTP ${response.status}`);
  }
  return json as T;
}

export function time(ms: number | null): string {
  return ms === null ? "" : new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** A form field's text ("" for a missing field or a file). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
