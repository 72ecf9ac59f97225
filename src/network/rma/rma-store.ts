// The RMA port: which senders each receiver has authorised, for which message types.
import type { Bic } from "../../standards/index.js";

/** A receiver authorises a sender (one direction), for all types ("*") or listed type prefixes. */
export interface RmaRecord {
  readonly receiver: Bic;
  readonly sender: Bic;
  /** Type prefixes such as "MT103" or "pacs.008"; empty means every type. */
  readonly types: readonly string[];
  readonly grantedBy: string;
  readonly grantedAt: number;
}

export interface RmaStore {
  /** Grants (or replaces) a receiver's authorisation of a sender. */
  putRma(rma: RmaRecord): Promise<void>;
  /** Removes an authorisation; true when there was one. */
  deleteRma(receiver: Bic, sender: Bic): Promise<boolean>;
  findRma(receiver: Bic, sender: Bic): Promise<RmaRecord | undefined>;
  listRma(filter: { bic?: Bic; limit: number }): Promise<readonly RmaRecord[]>;
}
