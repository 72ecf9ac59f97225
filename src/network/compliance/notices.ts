// The rejection notice a sender gets when compliance rejects its held message, in the message's
// own format: an MT 199 (free format, /REJT/) for MT, a pacs.002 RJCT (reason RR04, regulatory)
// for MX. The network sends it from its own BIC, `corridorBic`.
import { assert } from "../../lib/index.js";
import { buildMt, buildMx, isBic, renderMt } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import type { CaseRecord } from "./case.js";

/**
 * The network's own address on the notices it originates. ISO 9362 puts an ISO 3166 country in
 * every BIC and MX receivers check it (BICFI in AppHdr/Fr), so the hub's BIC has a real country
 * code: "CH" here, an invented institution that no real bank uses (docs/decisions/0011).
 */
export const corridorBic = "CRDRCHBBXXX" as Bic;

export interface RejectionInput {
  readonly record: CaseRecord;
  /** ISO date-time of the decision. */
  readonly at: string;
  /**
   * The officer's note. The case and the audit chain keep it; the notice never quotes it: it is
   * written for the audit, may name the listed party, and telling the sender would tip it off.
   * TODO: the compliance service still passes it; drop the field once it stops.
   */
  readonly reason?: string;
  /** The network's address on the notice; `corridorBic` unless a test or a deployment says. */
  readonly hub?: Bic;
}

/** The rejection notice text for the sender of the case's message. */
export function rejectionNotice(input: RejectionInput): string {
  const { record } = input;
  assert(record.status === "rejected", "a rejection notice follows a rejected case");
  assert(record.format === "MT" || record.format === "MX", "a case is about an MT or MX message");
  const hub = input.hub ?? corridorBic;
  assert(isBic(hub), "the hub's address is a BIC");
  assert(hub !== record.sender, "the network never notifies itself");
  return record.format === "MX" ? pacs002Rejection(record, hub, input.at)
    : mt199Rejection(record, hub);
}

function xText(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9/\-?:().,'+ ]/g, " ").slice(0, 50);
}

function mt199Rejection(record: CaseRecord, hub: Bic): string {
  const lines = [
    "/REJT/SANCTIONS SCREENING",
    xText(`YOUR ${record.type} REF ${record.reference}`),
    ...(record.uetr === undefined ? [] : [xText(`UETR ${record.uetr}`)]),
    "WAS REJECTED BY COMPLIANCE AND WILL NOT",
    "BE DELIVERED",
  ];
  const message = buildMt({
    sender: hub, receiver: record.sender, messageType: "199",
    ...(record.uetr === undefined ? {} : { userHeader: [{ tag: "121", value: record.uetr }] }),
    fields: [
      { tag: "20", value: record.id.slice(-16) },
      { tag: "21", value: xText(record.reference).slice(0, 16) || "NONREF" },
      { tag: "79", value: lines },
    ],
  });
  return renderMt(message);
}

/** The status report's fixed text: what happened, never why (see `RejectionInput.reason`). */
const mxRejectionText = "Rejected by compliance screening at the network: it will not be delivered";

function pacs002Rejection(record: CaseRecord, hub: Bic, at: string): string {
  const built = buildMx({ type: "pacs.002.001.10", model: {
    messageId: record.id.slice(-35), createdAt: at, status: "RJCT", reasonCode: "RR04",
    additionalInformation: [mxRejectionText],
    originalMessageId: record.reference.slice(0, 35) || "NONREF",
    originalMessageType: record.type.slice(0, 35),
    ...(record.uetr === undefined ? {} : { originalUetr: record.uetr }),
  } }, { from: hub, to: record.sender, createdAt: at });
  // Both BICs passed the same MX checks before (the hub's in its unit test, the sender's at
  // intake), so a failure here is a programmer error: name the rule that failed.
  if (!built.ok) {
    const detail = built.problems.map((problem) => problem.message).join("; ");
    assert(false, `a rejection pacs.002 is schema-valid: ${detail}`);
  }
  return built.value.xml;
}
