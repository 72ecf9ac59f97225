// List format auto-detection from a file's name and first bytes: XML roots, FtM JSON lines,
// the CSL header and OFAC's header-less legacy CSV (and its companion files).
import type { ListFormat } from "../../screening/index.js";

export type Detected = ListFormat | "ofac-csv-companion";

/** The companions of an OFAC legacy primary file, by the primary's base name. */
export function ofacCompanions(baseName: string): { add: string; alt: string; comments: string } {
  const cons = /^cons_/i.test(baseName);
  const upper = baseName === baseName.toUpperCase();
  const names = cons
    ? { add: "cons_add.csv", alt: "cons_alt.csv", comments: "cons_comments.csv" }
    : { add: "add.csv", alt: "alt.csv", comments: "sdn_comments.csv" };
  if (!upper) return names;
  return { add: names.add.toUpperCase(), alt: names.alt.toUpperCase(),
    comments: names.comments.toUpperCase() };
}

/** Detects the format of one (unzipped) list file, or undefined when unknown. */
export function detectFormat(baseName: string, head: string): Detected | undefined {
  const name = baseName.toLowerCase();
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("<")) {
    if (/<sanctionsData[\s>/]/.test(head)) return "ofac-sdn-xml";
    if (/<CONSOLIDATED_LIST[\s>/]/.test(head)) return "un-sc";
    if (/<export[\s>/]/.test(head) && /sanctionEntity|fsd/i.test(head)) return "eu-fsf";
    if (/<Designations[\s>/]/.test(head)) return "uk";
    return undefined;
  }
  if (start.startsWith("{") && /"schema"\s*:/.test(head)) return "ftm";
  if (/^source,entity_number,type,programs,name/.test(start)) return "us-csl";
  if (/^(add|alt|sdn_comments|cons_add|cons_alt|cons_comments)\.csv$/.test(name)) {
    return "ofac-csv-companion";
  }
  if (/^\d+,"[^"]*",/.test(start) && name.endsWith(".csv")) return "ofac-csv";
  return undefined;
}
