// A minimal zip reader for list downloads (OFAC ships SDN_ENHANCED.ZIP): the central directory,
// stored and deflated entries only, with entry count and uncompressed size bounded.
import { inflateRawSync } from "node:zlib";
import { fail, ok } from "../../lib/index.js";
import { listFileBytesMax, zipEntriesMax } from "../../limits.js";
import type { ImportResult } from "./parse-tools.js";

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** True when the bytes start with a zip local-file signature. */
export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

function endOfDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - 22 - 65_535);
  for (let i = bytes.length - 22; i >= from; i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function readEntry(bytes: Buffer, at: number, location: string): ImportResult<ZipEntry> {
  const method = bytes.readUInt16LE(at + 10);
  const compressed = bytes.readUInt32LE(at + 20);
  const size = bytes.readUInt32LE(at + 24);
  const nameLength = bytes.readUInt16LE(at + 28);
  const local = bytes.readUInt32LE(at + 42);
  const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
  if (size > listFileBytesMax) {
    return fail("too-large", `${location}!${name}`,
      `Cannot unzip: entry over ${listFileBytesMax} bytes`);
  }
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) {
    return fail("malformed-zip", `${location}!${name}`, "Cannot unzip: bad local header");
  }
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const raw = bytes.subarray(start, start + compressed);
  if (method === 0) return ok({ name, data: Buffer.from(raw) });
  if (method !== 8) {
    return fail("malformed-zip", `${location}!${name}`,
      `Cannot unzip: method ${method} unsupported`);
  }
  try {
    const data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    return ok({ name, data });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail("malformed-zip", `${location}!${name}`, `Cannot unzip: ${detail}`);
  }
}

/** Reads every file entry of a zip archive held in memory. */
export function readZip(bytes: Buffer, location: string): ImportResult<ZipEntry[]> {
  const end = endOfDirectory(bytes);
  if (end < 0) return fail("malformed-zip", location, "Cannot unzip: no end of central directory");
  const count = bytes.readUInt16LE(end + 10);
  if (count > zipEntriesMax) {
    return fail("too-large", location, `Cannot unzip: ${count} entries, at most ${zipEntriesMax}`);
  }
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) {
      return fail("malformed-zip", location, "Cannot unzip: bad central directory");
    }
    const entry = readEntry(bytes, at, location);
    if (!entry.ok) return entry;
    if (!entry.value.name.endsWith("/")) entries.push(entry.value);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    at += 46 + bytes.readUInt16LE(at + 28) + extra;
  }
  return ok(entries);
}
