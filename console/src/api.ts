// The console's calls to the hub's /console/api: JSON in and out, the CSRF token on changes.
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
  const json = await response.json().catch(() => ({})) as Record<string, unknown>;
  if (!response.ok) {
    const error = (json.error ?? {}) as { code?: string; message?: string };
    throw new ApiError(response.status, error.code ?? "http-error",
      error.message ?? `Request failed: HTTP ${response.status}`);
  }
  return json as T;
}

export interface Account { name: string; role: "operator" | "compliance" | "auditor" }

export interface MessageSummary {
  id: string; sender: string; receiver: string; format: string; type: string;
  reference: string; uetr: string | null; status: string; isn: number | null;
  osn: number | null; createdAt: number; deliveredAt: number | null;
  acknowledgedAt: number | null; corridor: string; currency: string | null;
  deliveryCount: number;
}

export interface Overview {
  now: number; bucketMs: number; buckets: number[];
  corridors: { corridor: string; counts: number[]; total: number }[];
  held: number[]; totals: number[];
  currencies: { currency: string; count: number }[];
  statusCounts: Record<string, number>;
  queueDepths: { receiver: string; depth: number }[];
  answers: { ack: number; nak: number };
  screening: { count: number; sumMs: number } | null;
}

export function time(ms: number | null): string {
  return ms === null ? "" : new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** A form field's text ("" for a missing field or a file). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
