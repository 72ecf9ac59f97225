// The participant SDK (`corridor/client`): signed requests, submission with retries that mark
// possible duplicates (PDE), inbox reads with OSN de-duplication, acknowledgements.
import { createRequestSigner } from "./signer.js";
import type { RequestSigner } from "./signer.js";

export interface ClientOptions {
  /** e.g. http://127.0.0.1:8080 */
  readonly hubUrl: string;
  readonly bic: string;
  readonly privateKeyPem: string;
  /** Attempts for a submission whose answer was lost (network error or 5xx). */
  readonly submitAttemptsMax?: number;
  readonly retryDelayMs?: number;
}

export interface AckAnswer {
  readonly status: "ACK";
  readonly id: string;
  readonly isn: number;
  readonly uetr: string | null;
  readonly format: string;
  readonly type: string;
  readonly disposition: "queued" | "held" | "duplicate";
}

export interface NakAnswer {
  readonly status: "NAK";
  readonly code: string;
  readonly location: string;
  readonly line?: number | null;
  readonly reason: string;
}

export type Answer = AckAnswer | NakAnswer;

export interface InboxMessage {
  readonly osn: number;
  readonly id: string;
  readonly sender: string;
  readonly receiver: string;
  readonly type: string;
  readonly format: "MT" | "MX" | "system";
  readonly uetr: string | null;
  readonly reference: string;
  readonly possibleDuplicate: boolean;
  readonly payload: string;
}

export class CorridorError extends Error {
  override name = "CorridorError";
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface CorridorClient {
  readonly bic: string;
  readonly signer: RequestSigner;
  readonly hubUrl: string;
  submit(payload: Buffer | string): Promise<Answer>;
  status(id: string): Promise<Record<string, unknown>>;
  /** Messages after the last OSN this client has seen (or `after`); never the same OSN twice. */
  inbox(options?: { after?: number; limit?: number; waitSeconds?: number }):
    Promise<InboxMessage[]>;
  ack(osn: number): Promise<{ acknowledged: number; ackedOsn: number }>;
  /** The highest OSN handed to the caller so far. */
  lastOsn(): number;
}

/** MT: the sender marks a re-sent message with a PDE trailer. */
export function withPossibleDuplicateEmission(text: string): string {
  if (!text.startsWith("{1:") || text.includes("{PDE:")) return text;
  if (text.includes("{5:")) return text.replace(/\{5:/, "{5:{PDE:}");
  return `${text}{5:{PDE:}}`;
}

export function createCorridorClient(options: ClientOptions): CorridorClient {
  const signer = createRequestSigner({ bic: options.bic, privateKeyPem: options.privateKeyPem });
  const base = options.hubUrl.replace(/\/+$/, "");
  let seenOsn = 0;

  const request: Requester = async (method, target, body = Buffer.alloc(0)) => {
    const headers = signer.headersFor({ method, target, body });
    const response = await fetch(base + target, {
      method, headers: { ...headers, "content-type": method === "GET" ? "text/plain"
        : "application/octet-stream" }, ...(method === "GET" ? {} : { body }),
    });
    const json = await response.json() as Record<string, unknown>;
    return { status: response.status, json };
  };

  const fail = (status: number, json: Record<string, unknown>): never => {
    const error = json.error as { code?: string; message?: string } | undefined;
    throw new CorridorError(status, error?.code ?? "http-error",
      error?.message ?? `Cannot complete request: HTTP ${status}`);
  };

  return {
    bic: options.bic,
    signer,
    hubUrl: base,
    submit: (payload) => submitWithRetries(request, fail, {
      text: typeof payload === "string" ? payload : payload.toString("utf8"),
      attempts: options.submitAttemptsMax ?? 5, delayMs: options.retryDelayMs ?? 200 }),
    status: async (id) => {
      const { status, json } = await request("GET", `/v1/messages/${encodeURIComponent(id)}`);
      return status === 200 ? json : fail(status, json);
    },
    inbox: async (query = {}) => {
      const after = query.after ?? (seenOsn > 0 ? seenOsn : undefined);
      const params = new URLSearchParams();
      if (after !== undefined) params.set("after", String(after));
      params.set("limit", String(query.limit ?? 100));
      params.set("wait", String(query.waitSeconds ?? 0));
      const { status, json } = await request("GET", `/v1/inbox?${params.toString()}`);
      if (status !== 200) return fail(status, json);
      const messages = (json.messages as InboxMessage[]).filter((m) => m.osn > seenOsn ||
        query.after !== undefined);
      for (const message of messages) seenOsn = Math.max(seenOsn, message.osn);
      return messages;
    },
    ack: async (osn) => {
      const { status, json } = await request("POST", "/v1/inbox/ack",
        Buffer.from(JSON.stringify({ osn })));
      return status === 200 ? json as { acknowledged: number; ackedOsn: number }
        : fail(status, json);
    },
    lastOsn: () => seenOsn,
  };
}

type Requester = (method: string, target: string, body?: Buffer) =>
  Promise<{ status: number; json: Record<string, unknown> }>;

async function submitWithRetries(
  request: Requester,
  fail: (status: number, json: Record<string, unknown>) => never,
  options: { text: string; attempts: number; delayMs: number },
): Promise<Answer> {
  let text = options.text;
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    try {
      const { status, json } = await request("POST", "/v1/messages", Buffer.from(text, "utf8"));
      if (status === 200 || status === 201 || status === 422) return json as unknown as Answer;
      if (status < 500) return fail(status, json);
      lastError = new CorridorError(status, String((json as { code?: string }).code ?? status),
        String((json as { reason?: string }).reason ?? "hub unavailable"));
    } catch (error) {
      if (error instanceof CorridorError && error.status < 500) throw error;
      lastError = error;
    }
    // The answer was lost or the hub could not store it: re-send marked as a possible duplicate,
    // so that the hub answers with the original ACK if the first attempt did land.
    text = withPossibleDuplicateEmission(text);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs * attempt));
  }
  throw lastError instanceof Error ? lastError : new Error("Cannot submit: hub unreachable");
}
