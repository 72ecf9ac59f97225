// The rejection notice a sender gets when compliance rejects its held message, in the message's
// own format: an MT 199 (free format, /REJT/) for MT, a pacs.002 RJCT (reason RR04, regulatory)
// for MX. The network sends it from its own BIC, `corridorBic`.
import { assert } from "../../lib/index.js";
import { buildMt, buildMx, renderMt } from "../../standards/index.js";
import type { CaseRecord } from "./case.js";

/** The network's own address on notices it originates (test BIC, country ZZ: no jurisdiction). */
export const corridorBic = "CRDRZZ22XXX";

export interface RejectionInput {
  readonly record: CaseRecord;
  /** ISO date-time of the decision. */
  readonly at: string;
  readonly reason: string;
}

/** The rejection notice text for the sender of the case's message. */
export function rejectionNotice(input: RejectionInput): string {
  const { record } = input;
  assert(record.status === "rejected", "a rejection notice follows a rejected case");
  return record.format === "MX" ? pacs002Rejection(input) : mt199Rejection(input);
}

function xText(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9/\-?:().,'+ ]/g, " ").slice(0, 50);
}

function mt199Rejection({ record, reason }: RejectionInput): string {
  const lines = [
    "/REJT/SANCTIONS SCREENING",
    xText(`YOUR ${record.type} REF ${record.reference}`),
    ...(record.uetr === undefined ? [] : [xText(`UETR ${record.uetr}`)]),
    "WAS REJECTED BY COMPLIANCE AND WILL NOT",
    "BE DELIVERED",
    xText(`REASON ${reason}`),
  ];
  const message = buildMt({
    sender: corridorBic, receiver: record.sender, messageType: "199",
    ...(record.uetr === undefined ? {} : { userHeader: [{ tag: "121", value: record.uetr }] }),
    fields: [
      { tag: "20", value: record.id.slice(-16) },
      { tag: "21", value: xText(record.reference).slice(0, 16) || "NONREF" },
      { tag: "79", value: lines },
    ],
  });
  return renderMt(message);
}

function pacs002Rejection({ record, at, reason }: RejectionInput): string {
  const built = buildMx({ type: "pacs.002.001.10", model: {
    messageId: record.id.slice(-35), createdAt: at, status: "RJCT", reasonCode: "RR04",
    additionalInformation: [`Rejected by compliance: ${reason}`.slice(0, 105)],
    originalMessageId: record.reference.slice(0, 35), originalMessageType: record.type,
    ...(record.uetr === undefined ? {} : { originalUetr: record.uetr }),
  } }, { from: corridorBic, to: record.sender, createdAt: at });
  assert(built.ok, "a rejection pacs.002 is schema-valid");
  return built.value.xml;
}
