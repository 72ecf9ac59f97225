// The ISO 20022 messages Corridor supports, each with its schema table and root element.
// pacs.009 and camt.056 use the stricter Fedwire 2025 tables (no base XSD was available).
import type { MxSchema } from "./schemas/schema-types.js";
import { schema as camt029 } from "./schemas/camt-029-001-09.js";
import { schema as camt052 } from "./schemas/camt-052-001-08.js";
import { schema as camt053 } from "./schemas/camt-053-001-08.js";
import { schema as camt054 } from "./schemas/camt-054-001-08.js";
import { schema as camt056 } from "./schemas/camt-056-001-08.js";
import { schema as head001 } from "./schemas/head-001-001-02.js";
import { schema as pacs002 } from "./schemas/pacs-002-001-10.js";
import { schema as pacs004 } from "./schemas/pacs-004-001-09.js";
import { schema as pacs008 } from "./schemas/pacs-008-001-08.js";
import { schema as pacs009 } from "./schemas/pacs-009-001-08.js";

export const mxMessageTypes = [
  "pacs.008.001.08", "pacs.009.001.08", "pacs.002.001.10", "pacs.004.001.09",
  "camt.056.001.08", "camt.029.001.09", "camt.052.001.08", "camt.053.001.08", "camt.054.001.08",
] as const;

export type MxMessageType = (typeof mxMessageTypes)[number];

export const mxSchemas: Readonly<Record<MxMessageType, MxSchema>> = {
  "pacs.008.001.08": pacs008,
  "pacs.009.001.08": pacs009,
  "pacs.002.001.10": pacs002,
  "pacs.004.001.09": pacs004,
  "camt.056.001.08": camt056,
  "camt.029.001.09": camt029,
  "camt.052.001.08": camt052,
  "camt.053.001.08": camt053,
  "camt.054.001.08": camt054,
};

/** The message's main element under Document, e.g. FIToFICstmrCdtTrf for pacs.008. */
export const mxRootElements: Readonly<Record<MxMessageType, string>> = {
  "pacs.008.001.08": "FIToFICstmrCdtTrf",
  "pacs.009.001.08": "FICdtTrf",
  "pacs.002.001.10": "FIToFIPmtStsRpt",
  "pacs.004.001.09": "PmtRtr",
  "camt.056.001.08": "FIToFIPmtCxlReq",
  "camt.029.001.09": "RsltnOfInvstgtn",
  "camt.052.001.08": "BkToCstmrAcctRpt",
  "camt.053.001.08": "BkToCstmrStmt",
  "camt.054.001.08": "BkToCstmrDbtCdtNtfctn",
};

export const headSchema: MxSchema = head001;
export const headNamespace = head001.namespace;
const namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

export function isMxMessageType(value: string): value is MxMessageType {
  return (mxMessageTypes as readonly string[]).includes(value);
}

/** The message identifier in a Document namespace, e.g. "pacs.008.001.08". */
export function messageTypeOfNamespace(namespace: string): string | undefined {
  if (!namespace.startsWith(namespacePrefix)) return undefined;
  return namespace.slice(namespacePrefix.length);
}
