// In-memory fakes of the network's ports for the unit tests beside the code: small, honest, no
// database. They import nothing from src/ (the only test/support a src/ test may use), so each
// is typed by the fields it reads; a test binds it to the real port type and tsc checks the fit.
import { createHash } from "node:crypto";

// --- Clock, ids, digests ----------------------------------------------------------------------

export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start: number): FakeClock {
  let now = start;
  return { now: () => now, set: (ms) => { now = ms; }, advance: (ms) => { now += ms; } };
}

/** Ids in creation order, `M00000001`, `M00000002`, ...: sortable by creation, as the port asks. */
export function sequentialIds<Id extends string>(prefix = "M"): {
  messageId(): Id;
  secretHex(bytes: number): string;
  /** How many ids were handed out. */
  readonly issued: () => number;
} {
  let next = 0;
  return {
    messageId: () => { next += 1; return `${prefix}${String(next).padStart(8, "0")}` as Id; },
    secretHex: (bytes) => { next += 1; return next.toString(16).padStart(bytes * 2, "0"); },
    issued: () => next,
  };
}

/** Real SHA-256, as the Node adapter computes it (the audit chain and dedupe keys need it). */
export const testDigests = {
  sha256Hex: (text: string): string => createHash("sha256").update(text, "utf8").digest("hex"),
};

// --- Participants -----------------------------------------------------------------------------

export function memoryParticipants<Participant extends { readonly bic: string }>() {
  const rows = new Map<string, Participant>();
  return {
    upsertParticipant: (participant: Participant): Promise<void> => {
      rows.set(participant.bic, participant);
      return Promise.resolve();
    },
    getParticipant: (bic: string) => Promise.resolve(rows.get(bic)),
    listParticipants: () => Promise.resolve([...rows.values()]
      .sort((a, b) => a.bic.localeCompare(b.bic))),
  };
}

// --- Messages: submissions, inbox and cases over one table ------------------------------------

type Status = "queued" | "held" | "delivered" | "acknowledged" | "rejected" | "aborted";

/** The fields of a submission the fake keeps; the test's Submission type flows through. */
export interface SubmissionShape {
  readonly id: string;
  readonly sender: string;
  readonly receiver: string;
  readonly format: string;
  readonly type: string;
  readonly reference: string;
  readonly uetr: string | undefined;
  readonly priority: string;
  readonly deliveryMonitoring: number;
  readonly possibleDuplicate: boolean;
  readonly dedupeKey: string;
  readonly payload: Buffer;
  readonly createdAt: number;
  readonly obsoleteAt: number;
  readonly initialStatus: "queued" | "held";
  readonly hold?: { readonly caseId: string } | undefined;
}

export interface CaseShape {
  readonly id: string;
  readonly messageId: string;
  readonly status: string;
  readonly version: number;
  readonly openedAt: number;
}

type Kept = "id" | "sender" | "receiver" | "format" | "type" | "reference" | "uetr" |
  "priority" | "deliveryMonitoring" | "possibleDuplicate" | "payload" | "createdAt";

interface Delivery {
  readonly isn: number | undefined;
  readonly osn: number | undefined;
  readonly status: Status;
  readonly deliveredAt: number | undefined;
  readonly acknowledgedAt: number | undefined;
  readonly deliveryCount: number;
}

/** A participant message as stored. */
export type MemoryMessage<S extends SubmissionShape> = Pick<S, Kept> & Delivery;

/** A system notice as stored: from the hub, in the receiver's OSN stream. */
export type MemoryNotice<S extends SubmissionShape> = {
  readonly id: S["id"]; readonly sender: "CORRIDOR"; readonly receiver: S["receiver"];
  readonly format: "system"; readonly type: string; readonly reference: string;
  readonly uetr: undefined; readonly priority: "system"; readonly deliveryMonitoring: 0;
  readonly possibleDuplicate: false; readonly payload: Buffer; readonly createdAt: number;
} & Delivery;

interface Row<S extends SubmissionShape> {
  readonly seq: number;
  message: MemoryMessage<S> | MemoryNotice<S>;
  readonly dedupeKey: string;
  readonly obsoleteAt: number;
  warned: boolean;
}

type Outcome<S extends SubmissionShape> =
  | { readonly kind: "stored"; readonly id: S["id"]; readonly isn: number }
  | { readonly kind: "duplicate"; readonly id: S["id"]; readonly isn: number;
      readonly status: Status };

/** The state the message ports share, as one database would hold it. */
interface Table<S extends SubmissionShape, C extends CaseShape> {
  readonly rows: Row<S>[];
  readonly isnLast: Map<string, number>;
  readonly positions: Map<string, { osnLast: number; osnAcked: number }>;
  readonly cases: Map<string, C>;
  readonly caseOfHeld: (item: S) => C;
}

/**
 * The message table with the ports that write it in one step: submissions (ISNs per sender,
 * duplicates by sender and dedupe key, the case of a held message), the inbox (OSNs per
 * receiver, urgent first, redelivery as possible duplicates, acks), cases (versioned
 * transitions that move their message) and the policies' message query. Unlike the SQL stores
 * it writes no audit entries of its own.
 */
export function memoryMessages<S extends SubmissionShape, C extends CaseShape>(deps: {
  /** The case a held submission opens (caseOfHeldSubmission). */
  readonly caseOfHeld: (item: S) => C;
}) {
  const table: Table<S, C> = { rows: [], isnLast: new Map(), positions: new Map(),
    cases: new Map(), caseOfHeld: deps.caseOfHeld };
  return {
    submissions: {
      commitSubmissions: (batch: readonly S[]): Promise<readonly Outcome<S>[]> => {
        const inBatch = new Map<string, Outcome<S>>();
        return Promise.resolve(batch.map((item) => commitOne(table, item, inBatch)));
      },
    },
    inbox: inboxOver(table),
    cases: casesOver(table),
    messagesInvolving: involvingOver(table),
    /** Every stored message in store order, for assertions. */
    all: () => table.rows.map((row) => row.message),
  };
}

function byId<S extends SubmissionShape>(rows: readonly Row<S>[], id: string) {
  return rows.find((row) => row.message.id === id);
}

function change<S extends SubmissionShape>(row: Row<S>, delivery: Partial<Delivery>): void {
  row.message = { ...row.message, ...delivery };
}

function position<S extends SubmissionShape, C extends CaseShape>(table: Table<S, C>,
  receiver: string): { osnLast: number; osnAcked: number } {
  const found = table.positions.get(receiver) ?? { osnLast: 0, osnAcked: 0 };
  table.positions.set(receiver, found);
  return found;
}

function commitOne<S extends SubmissionShape, C extends CaseShape>(table: Table<S, C>, item: S,
  inBatch: Map<string, Outcome<S>>): Outcome<S> {
  const key = `${item.sender}\u0000${item.dedupeKey}`;
  const earlier = inBatch.get(key) ?? duplicateOf(table.rows, item);
  if (earlier !== undefined) {
    return { kind: "duplicate", id: earlier.id, isn: earlier.isn,
      status: earlier.kind === "duplicate" ? earlier.status : item.initialStatus };
  }
  const isn = (table.isnLast.get(item.sender) ?? 0) + 1;
  table.isnLast.set(item.sender, isn);
  table.rows.push({ seq: table.rows.length + 1, dedupeKey: item.dedupeKey,
    obsoleteAt: item.obsoleteAt, warned: false,
    message: { ...pick(item), isn, osn: undefined, status: item.initialStatus,
      deliveredAt: undefined, acknowledgedAt: undefined, deliveryCount: 0 } });
  if (item.hold !== undefined) {
    const opened = table.caseOfHeld(item);
    table.cases.set(opened.id, opened);
  }
  const outcome: Outcome<S> = { kind: "stored", id: item.id, isn };
  inBatch.set(key, outcome);
  return outcome;
}

function claimInbox<S extends SubmissionShape, C extends CaseShape>(table: Table<S, C>,
  query: { receiver: string; afterOsn: number; limit: number; now: number }) {
  const mine = table.rows.filter((row) => row.message.receiver === query.receiver);
  const again = mine.filter((row) => row.message.status === "delivered" &&
    (row.message.osn ?? 0) > query.afterOsn)
    .sort((a, b) => (a.message.osn ?? 0) - (b.message.osn ?? 0)).slice(0, query.limit)
    .map((row) => {
      change(row, { deliveryCount: row.message.deliveryCount + 1 });
      return { message: row.message, osn: row.message.osn ?? 0, possibleDuplicate: true };
    });
  const fresh = mine.filter((row) => row.message.status === "queued")
    .sort((a, b) => rank(a) - rank(b) || a.seq - b.seq)
    .slice(0, Math.max(0, query.limit - again.length));
  const at = position(table, query.receiver);
  const delivered = fresh.map((row) => {
    at.osnLast += 1;
    change(row, { osn: at.osnLast, status: "delivered", deliveredAt: query.now,
      deliveryCount: 1 });
    return { message: row.message, osn: at.osnLast, possibleDuplicate: false };
  });
  return Promise.resolve([...again, ...delivered]);
}

function inboxOver<S extends SubmissionShape, C extends CaseShape>(table: Table<S, C>) {
  const { rows } = table;
  return {
    getMessage: (id: string) => Promise.resolve(byId(rows, id)?.message),
    claimInbox: (query: { receiver: string; afterOsn: number; limit: number; now: number }) =>
      claimInbox(table, query),
    ackInbox: (receiver: string, options: { uptoOsn: number; now: number }) => {
      const at = position(table, receiver);
      const target = Math.min(options.uptoOsn, at.osnLast);
      const acknowledged = rows.filter((row) => row.message.receiver === receiver &&
        row.message.status === "delivered" && (row.message.osn ?? 0) > at.osnAcked &&
        (row.message.osn ?? 0) <= target).map((row) => {
        change(row, { status: "acknowledged", acknowledgedAt: options.now });
        return row.message;
      });
      at.osnAcked = Math.max(at.osnAcked, target);
      return Promise.resolve({ acknowledged, ackedOsn: at.osnAcked });
    },
    inboxPosition: (receiver: string) => {
      const at = table.positions.get(receiver);
      return Promise.resolve({ ackedOsn: at?.osnAcked ?? 0, lastOsn: at?.osnLast ?? 0 });
    },
    addNotices: (notices: readonly NoticeShape<S>[]): Promise<void> => {
      for (const notice of notices) rows.push(noticeRow(rows.length + 1, notice));
      return Promise.resolve();
    },
    takeObsolete: (options: { now: number; limit: number }) => {
      const due = rows.filter((row) => !row.warned && row.obsoleteAt <= options.now &&
        (row.message.status === "queued" || row.message.status === "delivered"))
        .slice(0, options.limit);
      for (const row of due) row.warned = true;
      return Promise.resolve(due.map((row) => row.message));
    },
    finish: (ids: readonly string[], status: "aborted" | "rejected") => Promise.resolve(
      ids.flatMap((id) => {
        const row = byId(rows, id);
        if (row?.message.status !== "queued" && row?.message.status !== "held") return [];
        change(row, { status });
        return [row.message];
      })),
  };
}

function casesOver<S extends SubmissionShape, C extends CaseShape>(table: Table<S, C>) {
  const { rows, cases } = table;
  return {
    getCase: (id: string) => Promise.resolve(cases.get(id)),
    openCaseOf: (messageId: string) => Promise.resolve([...cases.values()].find((record) =>
      record.messageId === messageId &&
      (record.status === "open" || record.status === "release-proposed"))),
    listCases: (query: { statuses?: readonly string[]; limit: number }) => Promise.resolve(
      [...cases.values()].filter((record) => query.statuses === undefined ||
        query.statuses.includes(record.status))
        .sort((a, b) => b.openedAt - a.openedAt || a.id.localeCompare(b.id))
        .slice(0, query.limit)),
    transitionCase: (step: { next: C; fromVersion: number;
      messageTo?: "queued" | "rejected" | "aborted" }) => {
      const current = cases.get(step.next.id);
      if (current?.version !== step.fromVersion) return Promise.resolve("conflict" as const);
      const row = byId(rows, step.next.messageId);
      if (step.messageTo !== undefined) {
        // Both or neither, as in one transaction.
        if (row?.message.status !== "held") return Promise.resolve("message-not-held" as const);
        change(row, { status: step.messageTo });
      }
      cases.set(step.next.id, step.next);
      return Promise.resolve("ok" as const);
    },
    holdQueued: (opened: readonly C[]) => {
      const held: C["messageId"][] = [];
      for (const record of opened) {
        const row = byId(rows, record.messageId);
        if (row?.message.status !== "queued") continue;
        change(row, { status: "held" });
        cases.set(record.id, record);
        held.push(record.messageId);
      }
      return Promise.resolve(held);
    },
    undeliveredPage: (query: { afterSeq: number; limit: number }) => Promise.resolve(
      participantRows(rows).filter((row) => row.seq > query.afterSeq &&
        (row.message.status === "queued" || row.message.status === "held"))
        .slice(0, query.limit).map((row) => ({ seq: row.seq, message: row.message }))),
  };
}

/** The policies port's one message query (PolicyStore.messagesInvolving), newest first. */
function involvingOver<S extends SubmissionShape, C extends CaseShape>(table: Table<S, C>) {
  return (query: { bic8s: readonly string[]; since?: number; statuses?: readonly string[];
    limit: number }) => Promise.resolve(participantRows(table.rows)
    .filter((row) => (query.bic8s.includes(row.message.sender.slice(0, 8)) ||
      query.bic8s.includes(row.message.receiver.slice(0, 8))) &&
      row.message.createdAt >= (query.since ?? 0) &&
      (query.statuses === undefined || query.statuses.includes(row.message.status)))
    .reverse().slice(0, query.limit).map((row) => row.message));
}

type NoticeShape<S extends SubmissionShape> = {
  readonly id: S["id"]; readonly receiver: S["receiver"]; readonly type: string;
  readonly about: string; readonly payload: Buffer; readonly createdAt: number;
};

function pick<S extends SubmissionShape>(item: S): Pick<S, Kept> {
  return { id: item.id, sender: item.sender, receiver: item.receiver, format: item.format,
    type: item.type, reference: item.reference, uetr: item.uetr, priority: item.priority,
    deliveryMonitoring: item.deliveryMonitoring, possibleDuplicate: item.possibleDuplicate,
    payload: item.payload, createdAt: item.createdAt };
}

function duplicateOf<S extends SubmissionShape>(rows: readonly Row<S>[], item: S,
): Outcome<S> | undefined {
  const row = rows.find((entry) => entry.message.sender === item.sender &&
    entry.dedupeKey === item.dedupeKey);
  if (row === undefined) return undefined;
  return { kind: "duplicate", id: row.message.id, isn: row.message.isn ?? 0,
    status: row.message.status };
}

function rank<S extends SubmissionShape>(row: Row<S>): number {
  return row.message.priority === "normal" ? 1 : 0;
}

function participantRows<S extends SubmissionShape>(rows: readonly Row<S>[]) {
  return rows.filter((row): row is Row<S> & { message: MemoryMessage<S> } =>
    row.message.sender !== "CORRIDOR");
}

function noticeRow<S extends SubmissionShape>(seq: number, notice: NoticeShape<S>): Row<S> {
  const message: MemoryNotice<S> = { id: notice.id, sender: "CORRIDOR",
    receiver: notice.receiver, format: "system", type: notice.type, reference: notice.about,
    uetr: undefined, priority: "system", deliveryMonitoring: 0, possibleDuplicate: false,
    payload: notice.payload, createdAt: notice.createdAt, isn: undefined, osn: undefined,
    status: "queued", deliveredAt: undefined, acknowledgedAt: undefined, deliveryCount: 0 };
  return { seq, message, dedupeKey: notice.id, obsoleteAt: Number.MAX_SAFE_INTEGER,
    warned: false };
}

// --- Policies, audit, RMA ---------------------------------------------------------------------

/** Policy records with versioned updates; messagesInvolving comes from memoryMessages(). */
export function memoryPolicyRecords<
  Policy extends { readonly id: string; readonly version: number; readonly effectiveAt: number },
>() {
  const rows = new Map<string, Policy>();
  return {
    insertPolicy: (policy: Policy): Promise<void> => {
      if (rows.has(policy.id)) throw new Error(`Cannot insert policy "${policy.id}": it exists`);
      rows.set(policy.id, policy);
      return Promise.resolve();
    },
    updatePolicy: (policy: Policy, fromVersion: number) => {
      if (rows.get(policy.id)?.version !== fromVersion) return Promise.resolve(false);
      rows.set(policy.id, policy);
      return Promise.resolve(true);
    },
    getPolicy: (id: string) => Promise.resolve(rows.get(id)),
    listPolicies: (limit: number) => Promise.resolve([...rows.values()]
      .sort((a, b) => a.effectiveAt - b.effectiveAt || a.id.localeCompare(b.id))
      .slice(0, limit)),
  };
}

interface AuditDraftShape {
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly subject: string;
  readonly detail: string;
}

/** An append-only chain: each entry's hash covers the previous hash (given by the test). */
export function memoryAudit<Draft extends AuditDraftShape>(chain: {
  readonly genesisHash: string;
  readonly hashOf: (prevHash: string, draft: Draft) => string;
}) {
  const rows: (Draft & { readonly seq: number; readonly prevHash: string;
    readonly hash: string })[] = [];
  return {
    append: (entries: readonly Draft[]): Promise<void> => {
      for (const draft of entries) {
        const prevHash = rows.at(-1)?.hash ?? chain.genesisHash;
        rows.push({ ...draft, seq: rows.length + 1, prevHash,
          hash: chain.hashOf(prevHash, draft) });
      }
      return Promise.resolve();
    },
    entries: (query: { afterSeq: number; limit: number }) => Promise.resolve(
      rows.filter((row) => row.seq > query.afterSeq).slice(0, query.limit)),
  };
}

export function memoryRma<
  Rma extends { readonly receiver: string; readonly sender: string },
>() {
  const rows = new Map<string, Rma>();
  const key = (receiver: string, sender: string) => `${receiver}>${sender}`;
  return {
    putRma: (rma: Rma): Promise<void> => {
      rows.set(key(rma.receiver, rma.sender), rma);
      return Promise.resolve();
    },
    deleteRma: (receiver: string, sender: string) =>
      Promise.resolve(rows.delete(key(receiver, sender))),
    findRma: (receiver: string, sender: string) =>
      Promise.resolve(rows.get(key(receiver, sender))),
    listRma: (filter: { bic?: string; limit: number }) => Promise.resolve([...rows.values()]
      .filter((rma) => filter.bic === undefined || rma.receiver === filter.bic ||
        rma.sender === filter.bic)
      .sort((a, b) => a.receiver.localeCompare(b.receiver) || a.sender.localeCompare(b.sender))
      .slice(0, filter.limit)),
  };
}
