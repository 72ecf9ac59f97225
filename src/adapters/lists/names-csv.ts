// Reads a CSV of names to screen (the layout of the screening benchmark files): a header with
// full_name and optionally date_of_birth and nationality; other columns are ignored.
import { readFileSync } from "node:fs";
import { fail, ok } from "../../lib/index.js";
import { listFileBytesMax } from "../../limits.js";
import { parseCsv, type ImportResult } from "./parse-tools.js";

export interface NameRow {
  readonly fullName: string;
  readonly birthDate?: string;
  readonly nationality?: string;
  /** 1-based line of the row in the file. */
  readonly line: number;
}

/** Parses the text of a names CSV. */
export function parseNamesCsv(text: string, location: string): ImportResult<NameRow[]> {
  const rows = parseCsv(text, location);
  if (!rows.ok) return rows;
  const header = (rows.value[0] ?? []).map((h) => h.trim().toLowerCase());
  const nameColumn = header.indexOf("full_name");
  if (nameColumn < 0) {
    return fail("unknown-format", `${location}:1`, "Cannot read names: no full_name column");
  }
  const birth = header.indexOf("date_of_birth");
  const nationality = header.indexOf("nationality");
  const out: NameRow[] = [];
  rows.value.slice(1).forEach((row, i) => {
    const fullName = (row[nameColumn] ?? "").trim();
    if (fullName.length === 0) return;
    const dob = birth < 0 ? "" : (row[birth] ?? "").trim();
    const country = nationality < 0 ? "" : (row[nationality] ?? "").trim();
    out.push({ fullName, line: i + 2, ...(dob === "" ? {} : { birthDate: dob }),
      ...(country === "" ? {} : { nationality: country }) });
  });
  return ok(out);
}

/** Reads and parses a names CSV file. */
export function readNamesCsv(path: string): ImportResult<NameRow[]> {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > listFileBytesMax) {
      return fail("too-large", path, `Cannot read names: file over ${listFileBytesMax} bytes`);
    }
    text = bytes.toString("utf8");
  } catch (error) {
    return fail("unreadable-file", path, `Cannot read names: ${(error as Error).message}`);
  }
  return parseNamesCsv(text, path);
}
