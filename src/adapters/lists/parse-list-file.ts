// Turns one list file's bytes into lists: unzips, detects or checks the format, reads OFAC CSV
// companions beside the primary file, and dispatches to the format's importer.
import { createHash } from "node:crypto";
import { basename } from "node:path";
import { fail, ok } from "../../lib/index.js";
import { listFileBytesMax } from "../../limits.js";
import type { ListFormat, SanctionsList } from "../../screening/index.js";
import { detectFormat, ofacCompanions } from "./detect.js";
import { importEuFsf } from "./eu-fsf.js";
import { importFtm } from "./ftm.js";
import { importOfacCsv } from "./ofac-csv.js";
import { importOfacXml } from "./ofac-xml.js";
import { parseListXml, type ImportResult } from "./parse-tools.js";
import { importUk } from "./uk.js";
import { importUnXml } from "./un-xml.js";
import { importUsCsl } from "./us-csl.js";
import { isZip, readZip } from "./zip.js";

export interface ParseOptions {
  readonly format: ListFormat | "auto";
  /** Reads a file beside the given one (OFAC CSV companions); undefined when absent. */
  readonly readSibling: (name: string) => Buffer | undefined;
}

function contentVersion(...parts: (string | undefined)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part ?? "").update("\u0000");
  return `sha256-${hash.digest("hex").slice(0, 12)}`;
}

function parseXmlAs(format: ListFormat, textContent: string, where: string):
  ImportResult<SanctionsList> {
  const doc = parseListXml(textContent, where);
  if (!doc.ok) return doc;
  if (format === "un-sc") return importUnXml(doc.value, where);
  if (format === "eu-fsf") return importEuFsf(doc.value, where);
  if (format === "uk") return importUk(doc.value, where);
  return importOfacXml(doc.value, where);
}

function parseText(name: string, textContent: string, options: ParseOptions):
  ImportResult<SanctionsList> {
  const detected = detectFormat(basename(name), textContent.slice(0, 8192));
  if (detected === "ofac-csv-companion") {
    return fail("companion-file", name,
      "Cannot import alone: an OFAC CSV companion is read beside its sdn.csv or cons_prim.csv");
  }
  const format = options.format === "auto" ? detected : options.format;
  if (format === undefined) {
    return fail("unknown-format", name, "Cannot detect the list format: give --format");
  }
  switch (format) {
    case "ofac-csv": {
      const companions = ofacCompanions(basename(name));
      const read = (file: string): string | undefined =>
        options.readSibling(file)?.toString("utf8");
      const add = read(companions.add);
      const alt = read(companions.alt);
      const comments = read(companions.comments);
      return importOfacCsv({ primary: { name, text: textContent },
        ...(add === undefined ? {} : { add }), ...(alt === undefined ? {} : { alt }),
        ...(comments === undefined ? {} : { comments }) },
      contentVersion(textContent, add, alt, comments));
    }
    case "us-csl": return importUsCsl(textContent, name, contentVersion(textContent));
    case "ftm": return importFtm(textContent, name);
    case "ofac-sdn-xml": case "un-sc": case "eu-fsf": case "uk":
      return parseXmlAs(format, textContent, name);
  }
}

/** Parses one file (zipped or not) into one list per contained list file. */
export function parseListFile(name: string, bytes: Buffer, options: ParseOptions):
  ImportResult<SanctionsList[]> {
  if (bytes.length > listFileBytesMax) {
    return fail("too-large", name, `Cannot import: file over ${listFileBytesMax} bytes`);
  }
  if (!isZip(bytes)) {
    const list = parseText(name, bytes.toString("utf8"), options);
    return list.ok ? ok([list.value]) : list;
  }
  const entries = readZip(bytes, name);
  if (!entries.ok) return entries;
  const lists: SanctionsList[] = [];
  for (const entry of entries.value) {
    const inner = new Map(entries.value.map((e) => [basename(e.name), e.data]));
    const list = parseText(`${name}!${entry.name}`, entry.data.toString("utf8"), {
      format: options.format,
      readSibling: (sibling) => inner.get(sibling) ?? options.readSibling(sibling),
    });
    if (list.ok) lists.push(list.value);
    else if (list.problems[0]?.code !== "companion-file") return list;
  }
  if (lists.length === 0) return fail("empty-list", name, "Cannot import: no list in the archive");
  return ok(lists);
}
