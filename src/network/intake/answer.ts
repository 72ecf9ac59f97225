// The network's answer to a submitted message: ACK (validated and durably stored) or NAK
// with a code and a location. Corridor's own codes name the network rule that failed.
import type { Problem } from "../../lib/index.js";
import type { MessageFormat } from "../../standards/index.js";
import type { MessageId } from "../types.js";

/** Corridor's own NAK codes, for network rules SWIFT has no code for (docs/error-codes.md). */
export type NetworkNakCode =
  | "sender-not-authorised"   // block 1 / AppHdr Fr is not the authenticated participant
  | "sender-inactive"         // the authenticated participant may not send now
  | "receiver-unknown"        // no participant with this BIC11 nor its BIC8 head office
  | "receiver-inactive"       // the receiver is suspended or excluded
  | "rma-missing"             // RMA enforced and the receiver has not authorised the sender
  | "sender-excluded"         // an exclusion policy in force forbids the sender to send
  | "receiver-excluded"       // an exclusion policy in force forbids the receiver to receive
  | "encoding-invalid"        // the bytes are not UTF-8 text
  | "screening-unavailable"   // a payment with no sanctions list in force: nothing to screen by
  | "storage-unavailable"     // the store could not commit; nothing was stored, retry with PDE
  | "hub-overloaded";         // the commit or validation queue is full: nothing stored, retry

export type Disposition = "queued" | "held" | "duplicate";

export interface Ack {
  readonly status: "ACK";
  readonly id: MessageId;
  readonly isn: number;
  readonly uetr: string | undefined;
  readonly format: MessageFormat;
  readonly type: string;
  readonly disposition: Disposition;
}

export interface Nak {
  readonly status: "NAK";
  readonly code: string;
  readonly location: string;
  readonly line: number | undefined;
  readonly reason: string;
}

export type SubmitAnswer = Ack | Nak;

export function nakFrom(problem: Problem): Nak {
  return {
    status: "NAK",
    code: problem.code,
    location: problem.location,
    line: problem.line,
    reason: problem.message,
  };
}

export function nak(code: NetworkNakCode, location: string, reason: string): Nak {
  return { status: "NAK", code, location, line: undefined, reason };
}
