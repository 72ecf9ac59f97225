// Dispatch of the MT <-> MX mappings beyond MT103 and MT202: returns, rejects, cancellations,
// answers, statements and notifications. Anything else is refused with the reason.
import { assertNever, fail, ok, type Result } from "../../lib/index.js";
import type { MxBody } from "../iso20022/build.js";
import type { MtField, MtMessage, MtTag } from "../mt/model.js";
import {
  answerToCamt029, camt029ToAnswer, camt056ToCancellation, cancellationToCamt056,
  pacs002ToReject, pacs004ToReturn, rejectToPacs002, returnToPacs004, type MtOut,
} from "./exceptions.js";
import type { LossLog } from "./losses.js";
import type { MtFieldOut } from "./mt103.js";
import { mtToStatement, statementToMt } from "./statements.js";

export function mtToOtherMx(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Result<MxBody> {
  const type = message.applicationHeader?.messageType ?? "";
  if (["103", "202", "205"].includes(type)) return returnToPacs004(message, fields, log);
  if (type === "199" || type === "299") return rejectToPacs002(message, fields, log);
  if (type === "192" || type === "292") return cancellationToCamt056(message, fields, log);
  if (type === "196" || type === "296") return answerToCamt029(message, fields, log);
  return mtToStatement(message, fields, log);
}

function withUetr(out: MtOut, uetr: string | undefined): Result<{ type: string;
  fields: MtFieldOut[]; userHeader: MtTag[] }> {
  return ok({ ...out, userHeader: uetr === undefined ? [] : [{ tag: "121", value: uetr }] });
}

export function otherMxToMt(body: MxBody, log: LossLog)
  : Result<{ type: string; fields: MtFieldOut[]; userHeader: MtTag[] }> {
  switch (body.type) {
    case "pacs.002.001.10":
      return withUetr(pacs002ToReject(body.model, log), body.model.originalUetr);
    case "pacs.004.001.09":
      return withUetr(pacs004ToReturn(body.model, log), body.model.originalUetr);
    // gpi stop and recall: MT192/292 and MT196/296 carry the UETR in block 3 tag 121.
    case "camt.056.001.08":
      return withUetr(camt056ToCancellation(body.model, log), body.model.originalUetr);
    case "camt.029.001.09":
      return withUetr(camt029ToAnswer(body.model, log), body.model.originalUetr);
    case "camt.052.001.08":
    case "camt.053.001.08":
    case "camt.054.001.08":
      return withUetr(statementToMt(body.type, body.model, log), undefined);
    case "pacs.008.001.08":
    case "pacs.009.001.08":
      return fail("translate-not-supported", "/AppHdr/MsgDefIdr",
        `Cannot translate ${body.type} here: it has its own mapping`);
    default:
      return assertNever(body, "MX body");
  }
}
