// Row mapping shared by the SQL stores: database rows to domain records and back.
import { assert } from "../../lib/index.js";
import { assertAccountRecord, hubCreator } from "../../network/index.js";
import type {
  AccountRecord, AccountRole, AccountStatus, AccountWrite, AcknowledgedMessage, MessageId,
  MessageStatus, Participant, RmaRecord, MessageSearch, StoredMessage, TrafficBucket, TrafficQuery,
} from "../../network/index.js";
import type { Bic, Priority } from "../../standards/index.js";
import { trafficCountBucketMs } from "./migrations.js";

export interface MessageRow {
  id: string; sender: string; receiver: string; format: string; type: string; reference: string;
  uetr: string | null; priority: string; delivery_monitoring: number;
  possible_duplicate: number; isn: number | string | null; osn: number | string | null;
  status: string; payload: Buffer; created_at: number | string;
  delivered_at: number | string | null; acknowledged_at: number | string | null;
  delivery_count: number;
}

export interface ParticipantRow {
  bic: string; name: string; public_key_pem: string; parent: string | null; status: string;
  created_at: number | string;
}

const num = (value: number | string): number => Number(value);
const optionalNum = (value: number | string | null): number | undefined =>
  value === null ? undefined : Number(value);

/** The columns an acknowledgement returns (no payload: notices do not need it). */
export const acknowledgedColumns =
  "id, sender, receiver, format, type, reference, uetr, delivery_monitoring, osn, status";

export type AcknowledgedRow = Pick<MessageRow, "id" | "sender" | "receiver" | "format" | "type" |
  "reference" | "uetr" | "delivery_monitoring" | "osn" | "status">;

export function acknowledgedFromRow(row: AcknowledgedRow): AcknowledgedMessage {
  return {
    id: row.id as MessageId,
    sender: row.sender as Bic,
    receiver: row.receiver as Bic,
    format: row.format as StoredMessage["format"],
    type: row.type,
    reference: row.reference,
    uetr: row.uetr ?? undefined,
    deliveryMonitoring: row.delivery_monitoring as 0 | 1 | 2 | 3,
    osn: optionalNum(row.osn),
    status: row.status as MessageStatus,
  };
}

// Written out rather than spread from acknowledgedFromRow: building it with a spread made
// claiming a page ~20 us a message slower (store bench, 27 -> 48 us), since claimInbox spreads
// the result again.
export function messageFromRow(row: MessageRow): StoredMessage {
  return {
    id: row.id as MessageId,
    sender: row.sender as Bic,
    receiver: row.receiver as Bic,
    format: row.format as StoredMessage["format"],
    type: row.type,
    reference: row.reference,
    uetr: row.uetr ?? undefined,
    priority: row.priority as Priority,
    deliveryMonitoring: row.delivery_monitoring as 0 | 1 | 2 | 3,
    possibleDuplicate: row.possible_duplicate === 1,
    isn: optionalNum(row.isn),
    osn: optionalNum(row.osn),
    status: row.status as MessageStatus,
    payload: row.payload,
    createdAt: num(row.created_at),
    deliveredAt: optionalNum(row.delivered_at),
    acknowledgedAt: optionalNum(row.acknowledged_at),
    deliveryCount: row.delivery_count,
  };
}

export function participantFromRow(row: ParticipantRow): Participant {
  return {
    bic: row.bic as Bic,
    name: row.name,
    publicKeyPem: row.public_key_pem,
    parent: row.parent ?? undefined,
    status: row.status as Participant["status"],
    createdAt: num(row.created_at),
  };
}

export function priorityRank(priority: Priority): number {
  return priority === "normal" ? 1 : 0;
}

export const allStatuses: readonly MessageStatus[] =
  ["queued", "held", "delivered", "acknowledged", "rejected", "aborted"];

export interface AccountRow {
  name: string; role: string; token_hash: string | null; password_hash: string | null;
  created_at: number | string; status: string; created_by: string; lineage: string;
  approved_by: string | null; proposed_role: string | null; proposed_by: string | null;
  proposed_at: number | string | null; version: number | string;
}

/** The columns an account is written to, in the order accountValues gives them. */
export const accountColumns = "name, role, token_hash, password_hash, created_at, status, " +
  "created_by, lineage, approved_by, proposed_role, proposed_by, proposed_at, version";

/** An account the hub writes itself: its own creation and active, unless the write says so. */
export function accountOfWrite(write: AccountWrite): AccountRecord {
  return { status: "active", createdBy: hubCreator, lineage: [hubCreator],
    approvedBy: undefined, proposal: undefined, version: 1, ...write };
}

export function accountValues(a: AccountRecord): (string | number | null)[] {
  assertAccountRecord(a);
  return [a.name, a.role, a.tokenHash ?? null, a.passwordHash ?? null, a.createdAt, a.status,
    a.createdBy, JSON.stringify(a.lineage), a.approvedBy ?? null, a.proposal?.role ?? null,
    a.proposal?.by ?? null, a.proposal?.at ?? null, a.version];
}

/** What updateAccount replaces, in accountChangeValues' order: all but lineage and creation. */
export const accountChangeColumns = "role, token_hash, password_hash, status, approved_by, " +
  "proposed_role, proposed_by, proposed_at, version";

/** What a write by the hub replaces in an existing account: all but version, lineage, creation. */
export const accountUpsertChanges = accountChangeColumns.split(", ")
  .filter((column) => column !== "version").map((column) => `${column} = excluded.${column}`)
  .join(", ");

export function accountChangeValues(a: AccountRecord): (string | number | null)[] {
  assertAccountRecord(a);
  return [a.role, a.tokenHash ?? null, a.passwordHash ?? null, a.status, a.approvedBy ?? null,
    a.proposal?.role ?? null, a.proposal?.by ?? null, a.proposal?.at ?? null, a.version];
}

export function accountFromRow(row: AccountRow): AccountRecord {
  const lineage = JSON.parse(row.lineage) as unknown;
  assert(Array.isArray(lineage) && lineage.every((name) => typeof name === "string"),
    "a stored lineage is a list of names");
  const proposal = row.proposed_role === null || row.proposed_by === null ||
    row.proposed_at === null ? undefined : { role: row.proposed_role as AccountRole,
    by: row.proposed_by, at: num(row.proposed_at) };
  const account: AccountRecord = {
    name: row.name, role: row.role as AccountRole, tokenHash: row.token_hash ?? undefined,
    passwordHash: row.password_hash ?? undefined, createdAt: num(row.created_at),
    status: row.status as AccountStatus, createdBy: row.created_by,
    lineage, approvedBy: row.approved_by ?? undefined, proposal,
    version: num(row.version),
  };
  assertAccountRecord(account);
  return account;
}

export interface RmaRow {
  receiver: string; sender: string; types: string; granted_by: string;
  granted_at: number | string;
}

export function rmaFromRow(row: RmaRow): RmaRecord {
  return {
    receiver: row.receiver as Bic, sender: row.sender as Bic,
    types: row.types === "" ? [] : row.types.split(","), grantedBy: row.granted_by,
    grantedAt: num(row.granted_at),
  };
}

/** A row of the traffic query, either store (numbers may come back as text from PostgreSQL). */
export interface TrafficRow {
  bucket_start: number | string; sender: string; receiver: string; n: number | string;
  held: number | string;
}

export function trafficFromRow(row: TrafficRow): TrafficBucket {
  return { bucketStart: Number(row.bucket_start), sender: row.sender as Bic,
    receiver: row.receiver as Bic, count: Number(row.n), held: Number(row.held) };
}

/** Traffic is counted per 5 s bucket for the last hour: a query must fit that grid. */
export function assertTrafficQuery(query: TrafficQuery): void {
  assert(query.bucketMs >= trafficCountBucketMs && query.bucketMs % trafficCountBucketMs === 0,
    "a traffic bucket is a multiple of the stored one");
  assert(query.since % trafficCountBucketMs === 0, "traffic is asked from a bucket's start");
}

/**
 * The order of a message search, newest first. A search by time walks the creation-time index
 * from the newest entry and stops at the limit; in order of `seq` it walked the whole table
 * whenever fewer messages than the limit matched (the overview's "last minute" on a quiet hub).
 * A search by reference or UETR reads a few rows by their own index and sorts them.
 */
export function searchOrder(query: MessageSearch): string {
  const byTime = query.createdFrom !== undefined || query.createdBefore !== undefined;
  const narrow = query.reference !== undefined || query.uetr !== undefined;
  return byTime && !narrow ? "created_at DESC, seq DESC" : "seq DESC";
}
