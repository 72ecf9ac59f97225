// The standards layer's public surface (`corridor/standards`): pure SWIFT MT and ISO 20022
// parsing, validation, rendering and translation, plus BIC and other identifiers. No I/O.

// --- Identifiers ---
export { bic8Of, countryOfBic, headOfficeOf, isBic, parseBic } from "./bic/bic.js";
export type { Bic, Bic8, BicProblemCode } from "./bic/bic.js";

// --- Routing envelope (format detection, sender, receiver, type, UETR) ---
export { readEnvelope } from "./envelope/envelope.js";
export type { Envelope, EnvelopeProblemCode, MessageFormat, Priority } from "./envelope/envelope.js";

// --- RFC 9421 HTTP message signatures (pure part) ---
export {
  contentDigestValue, coveredComponents, parseSignature, parseSignatureInput, signatureBase,
  signatureParamsValue,
} from "./http-signature/signature-base.js";
export type { RequestParts, SignatureParams, SignatureProblemCode } from "./http-signature/signature-base.js";

// --- SWIFT MT (FIN) ---
export type {
  MtApplicationHeader, MtBasicHeader, MtField, MtFieldsText, MtInputApplicationHeader,
  MtLayout, MtLineEnding, MtMessage, MtOutputApplicationHeader, MtTag, MtTagsText, MtText,
} from "./mt/model.js";
