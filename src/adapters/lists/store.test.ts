// Tests for the list store (versions kept, deltas reported, unchanged imports skipped), zip
// reading, CSV parsing and the names CSV, on temporary directories and hand-made files.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { ListEntity, SanctionsList } from "../../screening/index.js";
import { importFiles, importList, listSummaries, loadListStore } from "./list-store.js";
import { parseNamesCsv } from "./names-csv.js";
import { parseCsv } from "./parse-tools.js";
import { readZip } from "./zip.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "corridor-lists-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function entity(id: string, name: string): ListEntity {
  return { id, kind: "person", names: [{ full: name, kind: "primary", weak: false }],
    identifiers: [], countries: [], addresses: [], birthDates: [], programmes: ["T"] };
}

function list(version: string, entities: ListEntity[]): SanctionsList {
  return { id: "test-list", title: "Test", format: "ftm", version, entities };
}

describe("importList()", () => {
  it("keeps every version and reports the delta against the one in force", () => {
    const data = tempDir();
    const first = importList(data, list("v1", [entity("1", "A B"), entity("2", "C D")]),
      { source: "a.json", importedAt: "2026-01-01T00:00:00Z" });
    expect(first).toMatchObject({ seq: 1, unchanged: false, delta: { added: ["1", "2"] } });
    const second = importList(data, list("v2", [entity("1", "A B C"), entity("3", "E F")]),
      { source: "b.json", importedAt: "2026-01-02T00:00:00Z" });
    expect(second.delta).toMatchObject({ fromVersion: "v1", toVersion: "v2", added: ["3"],
      removed: ["2"], changed: ["1"] });
    expect(loadListStore(data)[0]?.version).toBe("v2");
    expect(readdirSync(join(data, "lists", "test-list", "versions"))).toEqual([
      "0001-v1.json", "0002-v2.json"]);
    const summary = listSummaries(data)[0];
    expect(summary?.versions.map((v) => [v.seq, v.added, v.removed, v.changed])).toEqual([
      [1, 2, 0, 0], [2, 1, 1, 1]]);
  });

  it("writes nothing for an unchanged version", () => {
    const data = tempDir();
    const same = list("v1", [entity("1", "A B")]);
    importList(data, same, { source: "a", importedAt: "t1" });
    expect(importList(data, same, { source: "a", importedAt: "t2" }).unchanged).toBe(true);
    expect(listSummaries(data)[0]?.versions).toHaveLength(1);
  });
});

describe("importFiles()", () => {
  it("imports files from disk, reporting progress, and fails with a location when absent", () => {
    const data = tempDir();
    const file = join(tempDir(), "x.ftm.json");
    writeFileSync(file, JSON.stringify({ id: "p1", schema: "Person", datasets: ["d"],
      properties: { name: ["Zed Example"] } }));
    const phases: string[] = [];
    const result = importFiles([file], { dataDir: data, format: "auto", importedAt: "t",
      onProgress: (_file, _index, phase) => phases.push(phase) });
    expect(result.ok && result.value[0]?.list).toBe("ftm-d");
    expect(phases).toEqual(["read", "parse", "store", "done"]);
    const missing = importFiles([join(data, "nope.xml")], { dataDir: data, format: "auto",
      importedAt: "t" });
    expect(missing.ok ? "" : missing.problems[0]?.code).toBe("unreadable-file");
  });
});

function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = deflateRawSync(Buffer.from(text));
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(text), 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe("readZip()", () => {
  it("reads deflated entries", () => {
    const entries = readZip(zipOf({ "A.XML": "<a/>", "b.txt": "hello" }), "x.zip");
    expect(entries.ok && entries.value.map((e) => [e.name, e.data.toString()])).toEqual([
      ["A.XML", "<a/>"], ["b.txt", "hello"]]);
  });

  it("rejects truncated archives with a code", () => {
    const broken = readZip(zipOf({ "a": "x" }).subarray(0, 20), "x.zip");
    expect(broken.ok ? "" : broken.problems[0]?.code).toBe("malformed-zip");
  });
});

describe("parseCsv()", () => {
  it("reads quoted fields with commas, doubled quotes and newlines", () => {
    const rows = parseCsv('a,"b, c","say ""hi""\nthere"\r\n1,2,3\n', "t.csv");
    expect(rows.ok && rows.value).toEqual([["a", "b, c", 'say "hi"\nthere'], ["1", "2", "3"]]);
  });

  it("rejects an unterminated quote with its line", () => {
    const rows = parseCsv('a,"b\n\nc', "t.csv");
    expect(rows.ok ? "" : rows.problems[0]).toMatchObject({ code: "malformed-csv",
      location: "t.csv:3" });
  });
});

describe("parseNamesCsv()", () => {
  it("reads full_name with optional birth date and nationality", () => {
    const rows = parseNamesCsv("full_name,gender,date_of_birth,nationality\n" +
      "Ann Example,f,1970,fr\nBo Example,m,,\n", "n.csv");
    expect(rows.ok && rows.value).toEqual([
      { fullName: "Ann Example", birthDate: "1970", nationality: "fr", line: 2 },
      { fullName: "Bo Example", line: 3 }]);
    expect(parseNamesCsv("name\nx\n", "n.csv").ok).toBe(false);
  });
});
