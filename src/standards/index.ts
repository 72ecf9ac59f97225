// The standards layer's public surface (`corridor/standards`): pure SWIFT MT and ISO 20022
// parsing, validation, rendering and translation, plus BIC and other identifiers. No I/O.

// --- Identifiers ---
export { bic8Of, countryOfBic, headOfficeOf, isBic, parseBic } from "./bic/bic.js";
export type { Bic, Bic8, BicProblemCode } from "./bic/bic.js";

// --- Routing envelope (format detection, sender, receiver, type, UETR) ---
export { readEnvelope } from "./envelope/envelope.js";
export type {
  Envelope, EnvelopeProblemCode, MessageFormat, Priority,
} from "./envelope/envelope.js";

// --- RFC 9421 HTTP message signatures (pure part) ---
export {
  contentDigestValue, coveredComponents, parseSignature, parseSignatureInput, signatureBase,
  signatureParamsValue,
} from "./http-signature/signature-base.js";
export type {
  RequestParts, SignatureParams, SignatureProblemCode,
} from "./http-signature/signature-base.js";

// --- SWIFT MT (FIN) ---
export type {
  MtApplicationHeader, MtBasicHeader, MtField, MtFieldsText, MtInputApplicationHeader,
  MtLayout, MtLineEnding, MtMessage, MtOutputApplicationHeader, MtTag, MtTagsText, MtText,
} from "./mt/model.js";
export { parseMt, parseMtBatch } from "./mt/parse.js";
export type { MtBatch } from "./mt/parse.js";
export { renderMt, renderMtBatch } from "./mt/render.js";
export { checkMt, checkMtParsed, validateMt } from "./mt/validate.js";
export type { CheckMtOptions } from "./mt/validate.js";
export { messageTypeOf, specFor, supportedMtTypes, validationFlagOf } from "./mt/types.js";
export type { MtFieldRule, MtTypeSpec } from "./mt/spec.js";
export { checkFormat, compileFormat } from "./mt/format.js";
export type { MtFieldFormat } from "./mt/format.js";

// --- ISO 20022 (MX, CBPR+) ---
export {
  buildMx, checkMx, checkMxParsed, mxMessageTypes, parseMx, readMxBody, readMxEnvelope,
  serializeMx, serializeXml, validateMx,
} from "./iso20022/index.js";
export type {
  Camt029, Camt056, MxAccount, MxAgent, MxAmount, MxBody, MxBuilt, MxEnvelope, MxHeader,
  MxHeaderInput, MxMessage, MxMessageType, MxParty, MxPostalAddress, MxStatement, Pacs002,
  Pacs004, Pacs008, Pacs009, XmlElement,
} from "./iso20022/index.js";

// --- MT <-> MX translation ---
export { translate } from "./translate/index.js";
export type {
  TranslateOptions, TranslateProblemCode, TranslateTarget, Translation, TranslationLoss,
} from "./translate/index.js";
export { ackOf, buildAck, buildMt, logicalTerminalOf } from "./mt/build.js";
export type { MtAck, MtAckInput, MtBuildInput, MtFieldInput } from "./mt/build.js";
export { bicOfAddress, formatMtAmount, isoDateOf, moneyOf, paymentOf } from "./mt/accessors.js";
export type { MtMoney, MtPaymentView } from "./mt/accessors.js";
