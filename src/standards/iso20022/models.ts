// Reads the typed model of any supported MX message (the inverse of buildMx's body).
import { assertNever } from "../../lib/index.js";
import type { MxBody } from "./build.js";
import { readCamt029 } from "./camt-029.js";
import { readStatement } from "./camt-053.js";
import { readCamt056 } from "./camt-056.js";
import type { MxMessage } from "./mx.js";
import { readPacs002 } from "./pacs-002.js";
import { readPacs004 } from "./pacs-004.js";
import { readPacs008 } from "./pacs-008.js";
import { readPacs009 } from "./pacs-009.js";

/** The typed model of a parsed message; call it on schema-valid messages only. */
export function readMxBody(message: MxMessage): MxBody {
  const document = message.document;
  const type = message.type;
  switch (type) {
    case "pacs.008.001.08": return { type, model: readPacs008(document) };
    case "pacs.009.001.08": return { type, model: readPacs009(document) };
    case "pacs.002.001.10": return { type, model: readPacs002(document) };
    case "pacs.004.001.09": return { type, model: readPacs004(document) };
    case "camt.056.001.08": return { type, model: readCamt056(document) };
    case "camt.029.001.09": return { type, model: readCamt029(document) };
    case "camt.052.001.08":
    case "camt.053.001.08":
    case "camt.054.001.08":
      return { type, model: readStatement(type, document) };
    default: return assertNever(type, "MX message type");
  }
}
