// MT <-> MX for the messages beyond MT103 and MT202: returns (pacs.004), rejects (pacs.002),
// cancellations (camt.056, camt.029), statements and notifications (camt.052/053/054).
import { fail, type Result } from "../../lib/index.js";
import type { MxBody } from "../iso20022/build.js";
import type { MtField, MtMessage, MtTag } from "../mt/model.js";
import type { LossLog } from "./losses.js";
import type { MtFieldOut } from "./mt103.js";

export function mtToOtherMx(message: MtMessage, _fields: readonly MtField[], _log: LossLog)
  : Result<MxBody> {
  const type = message.applicationHeader?.messageType ?? "?";
  return fail("translate-not-supported", "block 2",
    `Cannot translate MT${type} to MX: no CBPR+ mapping for this message type`);
}

export function otherMxToMt(body: MxBody, _log: LossLog)
  : Result<{ type: string; fields: MtFieldOut[]; userHeader: MtTag[] }> {
  return fail("translate-not-supported", "/AppHdr/MsgDefIdr",
    `Cannot translate ${body.type} to MT: no CBPR+ mapping for this message type`);
}
