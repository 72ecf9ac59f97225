// MT <-> MX translation entry point: picks the mapping for the message type, builds the other
// format and reports every truncation or loss. A translation that cannot be done says why.
import { fail, ok, type Problem, type Result } from "../../lib/index.js";
import { buildMx, type MxBody } from "../iso20022/build.js";
import { readMxBody } from "../iso20022/models.js";
import { parseMx, validateMx, type MxMessage } from "../iso20022/mx.js";
import { buildMt } from "../mt/build.js";
import { partiesOf, userHeaderValue } from "../mt/field-access.js";
import { bicOfAddress } from "../mt/accessors.js";
import type { MtField, MtMessage, MtTag } from "../mt/model.js";
import { parseMt } from "../mt/parse.js";
import { renderMt } from "../mt/render.js";
import { validateMt } from "../mt/validate.js";
import { LossLog, type TranslationLoss } from "./losses.js";
import { mt103ToPacs008, pacs008ToMt103, type MtFieldOut } from "./mt103.js";
import { mt202ToPacs009, pacs009ToMt202, splitCover } from "./mt202.js";
import { mtToOtherMx, otherMxToMt } from "./others.js";

export type TranslateTarget = "mx" | "mt";

export interface Translation {
  readonly format: "MT" | "MX";
  /** "MT103", "MT202COV" ... or "pacs.008.001.08" ... */
  readonly type: string;
  readonly message: MtMessage | MxMessage;
  readonly text: string;
  /** Every truncation or dropped element, in the order met. */
  readonly losses: readonly TranslationLoss[];
  /** CBPR+ problems of the MX produced (always schema-valid), or MT validation problems. */
  readonly warnings: readonly Problem[];
}

export type TranslateProblemCode =
  | "translate-not-supported"
  | "translate-invalid-input"
  | "translate-same-format";

export interface TranslateOptions {
  /** AppHdr CreDt / GrpHdr CreDtTm for MT -> MX; defaults to the value date at midnight UTC. */
  readonly createdAt?: string;
}

function isMx(message: MtMessage | MxMessage): message is MxMessage {
  return "document" in message;
}

function mtBody(message: MtMessage, log: LossLog): Result<MxBody> {
  const fields: readonly MtField[] = message.text?.kind === "fields" ? message.text.fields : [];
  const type = message.applicationHeader?.messageType ?? "";
  const returned = fields.some((field) => field.tag === "72" &&
    field.lines.join("").includes("/RETN/"));
  if (type === "103" && !returned) {
    return ok({ type: "pacs.008.001.08", model: mt103ToPacs008(message, fields, log) });
  }
  if ((type === "202" || type === "205") && !returned) {
    return ok({ type: "pacs.009.001.08", model: mt202ToPacs009(message, fields, log) });
  }
  return mtToOtherMx(message, fields, log);
}

/** The model's own date, else the output date and time of block 2 (O), else "". */
function createdAtOf(message: MtMessage, fromModel: string): string {
  if (fromModel !== "") return fromModel;
  const header = message.applicationHeader;
  if (header?.direction !== "O" || header.raw !== undefined) return "";
  const date = header.outputDate;
  return `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)}T${
    header.outputTime.slice(0, 2)}:${header.outputTime.slice(2, 4)}:00+00:00`;
}

function toMx(message: MtMessage, options: TranslateOptions): Result<Translation> {
  const log = new LossLog();
  const body = mtBody(message, log);
  if (!body.ok) return body;
  const { sender, receiver } = partiesOf(message);
  const cover = userHeaderValue(message, "119") === "COV" ||
    (body.value.type === "pacs.009.001.08" && body.value.model.underlying !== undefined);
  const createdAt = options.createdAt ?? createdAtOf(message,
    "createdAt" in body.value.model ? body.value.model.createdAt : "");
  if (createdAt === "") {
    return fail("translate-invalid-input", "block 2", "Cannot translate to MX: the MT message " +
      "carries no date for CreDtTm; pass options.createdAt");
  }
  const model = { ...body.value.model, createdAt } as typeof body.value.model;
  const built = buildMx({ ...body.value, model } as MxBody, {
    from: bicOfAddress(sender), to: bicOfAddress(receiver), createdAt,
    ...(cover ? { businessService: "swift.cbprplus.cov.02" } : {}),
    ...(message.userHeader?.some((tag) => tag.tag === "PDE") === true
      ? { possibleDuplicate: true } : {}),
  });
  if (!built.ok) return built;
  return ok({ format: "MX", type: body.value.type, message: built.value.message,
    text: built.value.xml, losses: log.losses, warnings: built.value.warnings });
}

function mxFields(body: MxBody, log: LossLog): Result<{ type: string; fields: MtFieldOut[];
  userHeader: MtTag[] }> {
  if (body.type === "pacs.008.001.08") {
    return ok({ type: "103", fields: pacs008ToMt103(body.model, log),
      userHeader: body.model.uetr === undefined ? [] : [{ tag: "121", value: body.model.uetr }] });
  }
  if (body.type === "pacs.009.001.08") {
    const cover = body.model.underlying !== undefined;
    return ok({ type: "202", fields: pacs009ToMt202(body.model, log), userHeader: [
      ...(cover ? [{ tag: "119", value: "COV" }] : []),
      ...(body.model.uetr === undefined ? [] : [{ tag: "121", value: body.model.uetr }])] });
  }
  return otherMxToMt(body, log);
}

function toMt(message: MxMessage): Result<Translation> {
  const problems = validateMx(message, { rules: "2025" })
    .filter((problem) => !problem.code.startsWith("cbpr-"));
  if (problems.length > 0) return { ok: false, problems };
  const log = new LossLog();
  const body = readMxBody(message);
  const out = mxFields(body, log);
  if (!out.ok) return out;
  const header = message.header;
  const agents = "instructingAgent" in body.model ? body.model : undefined;
  const sender = header?.from ?? agents?.instructingAgent?.bic ?? "";
  const receiver = header?.to ?? agents?.instructedAgent?.bic ?? "";
  if (sender === "" || receiver === "") {
    return fail("translate-invalid-input", "/AppHdr",
      "Cannot translate to MT: the AppHdr gives no sender (Fr) or receiver (To) BIC");
  }
  const mt = buildMt({ sender, receiver, messageType: out.value.type,
    ...(out.value.userHeader.length === 0 ? {} : { userHeader: out.value.userHeader }),
    fields: out.value.fields });
  const cover = splitCover(mt.text?.kind === "fields" ? [...mt.text.fields] : []).b.length > 0;
  const type = `MT${out.value.type}${cover && out.value.type === "202" ? "COV" : ""}`;
  return ok({ format: "MT", type, message: mt, text: renderMt(mt), losses: log.losses,
    warnings: validateMt(mt) });
}

/** Translates an MT message to MX or an MX message to MT (text or parsed message). */
export function translate(
  input: MtMessage | MxMessage | string,
  to: TranslateTarget,
  options: TranslateOptions = {},
): Result<Translation> {
  let message: MtMessage | MxMessage;
  if (typeof input === "string") {
    const parsed: Result<MtMessage | MxMessage> = input.trimStart().startsWith("<")
      ? parseMx(input) : parseMt(input);
    if (!parsed.ok) return parsed;
    message = parsed.value;
  } else {
    message = input;
  }
  if (isMx(message) === (to === "mx")) {
    return fail("translate-same-format", "to",
      `Cannot translate: the message is already ${to.toUpperCase()}`);
  }
  return isMx(message) ? toMt(message) : toMx(message, options);
}
