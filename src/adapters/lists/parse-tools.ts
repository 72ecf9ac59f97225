// Shared tools of the list importers: import problems, a bounded RFC 4180 CSV reader, a guarded
// XML parse (no DTD, bounded depth) and helpers to read parsed XML nodes.
import { XMLParser } from "fast-xml-parser";
import { csvFieldCharsMax, listXmlDepthMax } from "../../limits.js";
import { fail, ok, type Result } from "../../lib/index.js";

export type ImportProblemCode =
  | "unknown-format" | "malformed-csv" | "malformed-xml" | "malformed-json" | "malformed-zip"
  | "too-large" | "unreadable-file" | "empty-list" | "companion-file";

export type ImportResult<T> = Result<T, ImportProblemCode>;

/** Parses CSV text (quotes, doubled quotes, CR/LF) into rows of fields. */
export function parseCsv(text: string, location: string): ImportResult<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else { field += c; if (c === "\n") line += 1; }
    } else if (c === '"' && field.trim() === "") { quoted = true; field = ""; }
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
      field = "";
      line += 1;
    } else field += c;
    if (field.length > csvFieldCharsMax) {
      return fail("too-large", `${location}:${line}`,
        `Cannot read CSV: field over ${csvFieldCharsMax} characters`);
    }
  }
  if (quoted) {
    return fail("malformed-csv", `${location}:${line}`, "Cannot read CSV: unterminated quote");
  }
  row.push(field);
  if (row.length > 1 || row[0] !== "") rows.push(row);
  return ok(rows);
}

function xmlDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([^\s>/!?]*)[^>]*?(\/?)>/g;
  for (const match of text.matchAll(tag)) {
    if (match[0].startsWith("<!") || match[0].startsWith("<?")) continue;
    if (match[1] === "/") depth -= 1;
    else if (match[3] !== "/") depth += 1;
    if (depth > max) max = depth;
    if (max > listXmlDepthMax) break;
  }
  return max;
}

/** Parses a list XML file with attributes kept ("@_x"), namespaces dropped and no DTD. */
export function parseListXml(text: string, location: string): ImportResult<unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text.slice(0, 4096))) {
    return fail("malformed-xml", location, "Cannot read XML: DTDs and entities are refused");
  }
  if (xmlDepth(text) > listXmlDepthMax) {
    return fail("malformed-xml", location,
      `Cannot read XML: nested over ${listXmlDepthMax} levels`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: "@_", removeNSPrefix: true,
    parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: false,
    trimValues: true,
  });
  try {
    return ok(parser.parse(text, true) as unknown);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail("malformed-xml", location, `Cannot read XML: ${detail.split("\n")[0] ?? ""}`);
  }
}

export type XmlNode = Record<string, unknown>;

/** The children of `node` named `key`, always as an array of objects. */
export function nodes(node: unknown, key: string): XmlNode[] {
  if (node === null || typeof node !== "object") return [];
  const value = (node as XmlNode)[key];
  const list = Array.isArray(value) ? value as unknown[] : value === undefined ? [] : [value];
  return list.map((item) => (item !== null && typeof item === "object" ? item as XmlNode
    : { "#text": item }));
}

/** The text of `node[key]` (or of `node` itself when key is omitted), trimmed; "" if absent. */
export function text(node: unknown, key?: string): string {
  const value = key === undefined ? node : node !== null && typeof node === "object"
    ? (node as XmlNode)[key] : undefined;
  if (typeof value === "string" || typeof value === "number") return String(value).trim();
  if (Array.isArray(value)) return text(value[0]);
  if (value !== null && typeof value === "object") return text((value as XmlNode)["#text"]);
  return "";
}

/** Follows a path of child names, returning every node reached. */
export function path(node: unknown, ...keys: string[]): XmlNode[] {
  let current: unknown[] = [node];
  for (const key of keys) current = current.flatMap((n) => nodes(n, key));
  return current as XmlNode[];
}

/** Distinct non-empty strings, in first-seen order. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

/** Parses "25 Mar 1960", "1960", "circa 1960", "1960-03-25", "25/03/1960" to ISO dates. */
export function isoDates(raw: string): string[] {
  const months: Record<string, string> = { jan: "01", feb: "02", mar: "03", apr: "04",
    may: "05", jun: "06", jul: "07", aug: "08", sep: "09", oct: "10", nov: "11", dec: "12" };
  const out: string[] = [];
  for (const m of raw.matchAll(/(\d{4})-(\d{2})-(\d{2})/g)) out.push(`${m[1]}-${m[2]}-${m[3]}`);
  for (const m of raw.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)) {
    out.push(`${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}`);
  }
  for (const m of raw.matchAll(/\b(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})\b/g)) {
    const month = months[(m[2] ?? "").toLowerCase()];
    if (month !== undefined) out.push(`${m[3]}-${month}-${m[1]?.padStart(2, "0")}`);
  }
  if (out.length === 0) {
    for (const m of raw.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)) out.push(m[1] ?? "");
  }
  return distinct(out);
}
