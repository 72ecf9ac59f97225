// The ISO 20022 (MX, CBPR+) part of the standards layer: parse, validate, build, envelope.
export { buildMx, serializeMx, type MxBody, type MxBuilt, type MxHeaderInput } from "./build.js";
export { mxMessageTypes, type MxMessageType } from "./catalogue.js";
export type { Camt029 } from "./camt-029.js";
export type { MxStatement } from "./camt-053.js";
export type { Camt056 } from "./camt-056.js";
export type { MxAccount, MxAgent, MxAmount, MxParty, MxPostalAddress } from "./common.js";
export { readMxBody } from "./models.js";
export {
  checkMx, checkMxParsed, parseMx, readMxEnvelope, validateMx, type MxCheckOptions,
  type MxEnvelope, type MxHeader, type MxMessage,
} from "./mx.js";
export type { Pacs002 } from "./pacs-002.js";
export type { Pacs004 } from "./pacs-004.js";
export type { Pacs008 } from "./pacs-008.js";
export type { Pacs009 } from "./pacs-009.js";
export { serializeXml } from "./tree.js";
export type { MxWork } from "./work.js";
export type { XmlElement } from "./xml.js";
