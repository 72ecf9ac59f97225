// The JSON the console API answers, as one set of types that the server's routes satisfy and
// the console app (console/src) imports. Types only, importing nothing: it compiles under both.
// Fields that the server leaves undefined are absent from the JSON, hence `?: T | undefined`.

export type ConsoleRole = "operator" | "compliance" | "auditor";

export interface ConsoleAccount {
  readonly name: string;
  readonly role: ConsoleRole;
}

/** GET /session: who is signed in, if anyone (200 either way). */
export interface SessionAnswer {
  readonly account: ConsoleAccount | null;
  readonly csrfToken: string | null;
}

/** GET /screening: whether every message is screened, and by which lists. */
export interface ScreeningAnswer {
  /** "off" only when the operator started the hub with `--screening off`. */
  readonly mode: "enforced" | "off";
  readonly lists: readonly { readonly id: string; readonly version: string;
    readonly entities: number }[];
  /** False while screening is enforced and no list is in force: payments are refused. */
  readonly acceptsPayments: boolean;
}

/** POST /login. */
export interface LoginAnswer {
  readonly account: ConsoleAccount;
  readonly csrfToken: string;
}

/** GET /overview: traffic, rates and queues for the charts. */
export interface OverviewView {
  readonly now: number;
  readonly bucketMs: number;
  /** Bucket starts, oldest first, covering the whole window (empty buckets included). */
  readonly buckets: readonly number[];
  /** Messages per bucket on the busiest corridors ("RU>CN"); the rest summed as "other". */
  readonly corridors: readonly {
    readonly corridor: string; readonly counts: readonly number[]; readonly total: number;
  }[];
  readonly held: readonly number[];
  readonly totals: readonly number[];
  readonly currencies: readonly { readonly currency: string; readonly count: number }[];
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly queueDepths: readonly { readonly receiver: string; readonly depth: number }[];
  /** Counters since the hub started, from its in-process metrics: ACK and NAK answers. */
  readonly answers: { readonly ack: number; readonly nak: number };
  /** Screening time since the hub started; null before the first message is screened. */
  readonly screening: { readonly count: number; readonly sumMs: number } | null;
}

/** GET /participants: one row per participant with its sessions and queue. */
export interface ParticipantRow {
  readonly bic: string;
  readonly name: string;
  readonly parent: string | null;
  readonly status: string;
  /** Why an inactive participant is inactive (the policy that excluded it), if known. */
  readonly reason: string | null;
  readonly country: string;
  readonly sessions: number;
  readonly queueDepth: number;
  readonly createdAt: number;
}

export interface ParticipantsAnswer {
  readonly participants: readonly ParticipantRow[];
}

export interface MessageSummary {
  readonly id: string;
  readonly sender: string;
  readonly receiver: string;
  readonly format: string;
  readonly type: string;
  readonly reference: string;
  readonly uetr: string | null;
  readonly status: string;
  readonly isn: number | null;
  readonly osn: number | null;
  readonly priority: string;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
  readonly acknowledgedAt: number | null;
  readonly deliveryCount: number;
  readonly corridor: string;
  readonly currency: string | null;
}

/** GET /messages. */
export interface MessagesAnswer {
  readonly messages: readonly MessageSummary[];
}

export interface ParsedField {
  /** MT tag ("32A") or MX element path ("Document/FIToFICstmrCdtTrf/GrpHdr/MsgId"). */
  readonly name: string;
  readonly value: string;
}

/** A stored message's parsed fields beside its raw text; parse problems are shown too. */
export interface ParsedView {
  readonly raw: string;
  readonly fields: readonly ParsedField[];
  readonly problems: readonly string[];
}

/** GET /messages/:id: the message, its parsed view, its system notices and same-UETR traffic. */
export interface MessageDetail extends ParsedView {
  readonly message: MessageSummary;
  readonly notices: readonly MessageSummary[];
  readonly related: readonly MessageSummary[];
}

export interface CaseHitView {
  readonly party: { readonly role: string; readonly location: string; readonly value: string };
  readonly list: string;
  readonly listVersion: string;
  readonly entityId: string;
  readonly listedName: string;
  readonly primaryName: string;
  readonly score: number;
  readonly programmes: readonly string[];
  /** The screener's explanation; the console shows it as text. */
  readonly explanation: unknown;
}

/** A compliance case, as far as the console reads it (the server sends the whole record). */
export interface CaseView {
  readonly id: string;
  readonly messageId: string;
  readonly sender: string;
  readonly receiver: string;
  readonly type: string;
  readonly reference: string;
  readonly status: string;
  readonly openedAt: number;
  readonly hits: readonly CaseHitView[];
  readonly proposedBy?: string | undefined;
  readonly decidedBy?: string | undefined;
}

/** GET /cases. */
export interface CasesAnswer {
  readonly cases: readonly CaseView[];
}

/** POST /cases/:id/release and /reject: how far the decision went. */
export interface CaseActionAnswer {
  readonly stage: string;
  readonly case: CaseView;
}

/** An exclusion policy, as far as the console reads it (the server sends the whole record). */
export interface PolicyView {
  readonly id: string;
  readonly status: string;
  readonly action: string;
  readonly reference: string;
  readonly institutions: readonly string[];
  readonly includeSubsidiaries: boolean;
  readonly countries: readonly string[];
  readonly carveOuts: readonly string[];
  readonly direction: string;
  readonly effectiveAt: number;
  readonly proposedBy?: string | undefined;
  readonly approvedBy?: string | undefined;
}

/** GET /policies. */
export interface PoliciesAnswer {
  readonly policies: readonly PolicyView[];
}

/** POST /policies and /policies/:id/approve. */
export interface PolicyAnswer {
  readonly policy: PolicyView;
}

/** GET /policies/:id/preview: shown as JSON text, so the console needs no closer type. */
export interface PolicyPreviewAnswer {
  readonly preview: object;
}

export interface ListVersionView {
  readonly seq: number;
  readonly version: string;
  readonly importedAt: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export interface ListSummaryView {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly entities: number;
  readonly names: number;
  readonly versions: readonly ListVersionView[];
}

/** GET /lists: the sanctions lists in force and their import history. */
export interface ListsAnswer {
  readonly lists: readonly ListSummaryView[];
}

export interface AuditEntryView {
  readonly seq: number;
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly subject: string;
  /** JSON text. */
  readonly detail: string;
  readonly hash: string;
}

/** GET /audit. */
export interface AuditAnswer {
  readonly entries: readonly AuditEntryView[];
}

/** GET /audit/verify. */
export interface AuditVerdictView {
  readonly ok: boolean;
  readonly entries: number;
  readonly firstBad?: { readonly seq: number; readonly message: string } | undefined;
}

/** Every refusal: a stable code, where the problem is, and a sentence. */
export interface ConsoleErrorAnswer {
  readonly error: { readonly code: string; readonly location?: string; readonly message: string };
}
