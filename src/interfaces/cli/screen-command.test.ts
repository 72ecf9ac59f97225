// Tests for `corridor screen` and `corridor lists`: in-process with injected fictional lists
// (JSON shape, exit codes, CSV rows), plus a spawned smoke test of import then screen.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SanctionsList } from "../../screening/index.js";
import { registerListsCommands } from "./lists-command.js";
import { registerScreenCommands, type ScreenRow } from "./screen-command.js";

const list: SanctionsList = {
  id: "test", title: "Test list", format: "un-sc", version: "2026-01-01",
  entities: [{ id: "E1", kind: "person", identifiers: [], countries: ["ru"], addresses: [],
    birthDates: ["1970"], programmes: ["TEST"],
    names: [{ full: "Ivan Petrovich EXAMPLOV", kind: "primary", weak: false }] }],
};

async function run(args: string[], rows: ScreenRow[] = []): Promise<{ lines: string[];
  code: number | undefined }> {
  const program = new Command("corridor").exitOverride();
  registerScreenCommands(program, { dataDirDefault: "/nowhere", loadLists: () => [list],
    readNamesCsv: () => ({ ok: true, value: rows }) });
  registerListsCommands(program, { dataDirDefault: "/nowhere", now: () => "2026-01-01T00:00:00Z",
    importFiles: () => ({ ok: true, value: [] }),
    listSummaries: () => [{ id: "test", title: "Test list", format: "un-sc", version: "v1",
      entities: 1, names: 1, versions: [] }] });
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "corridor", ...args]);
  } finally {
    spy.mockRestore();
  }
  const code = process.exitCode;
  process.exitCode = undefined;
  return { lines: out.join("").trim().split("\n"), code: code === undefined ? undefined
    : Number(code) };
}

describe("corridor screen (in-process)", () => {
  it("prints {query, hits:[{list, entity, name, score, explanation}]}; 1 on a hit", async () => {
    const { lines, code } = await run(["screen", "--json", "Ivan Examplov", "Jane Doe"]);
    expect(code).toBe(1);
    const [first, second] = lines.map((l) => JSON.parse(l) as { query: string;
      hits: { list: string; entity: string; name: string; score: number;
        explanation: { summary: string } }[] });
    expect(first?.query).toBe("Ivan Examplov");
    expect(first?.hits[0]).toMatchObject({ list: "test", entity: "E1",
      name: "Ivan Petrovich EXAMPLOV" });
    expect(first?.hits[0]?.score).toBeGreaterThan(0.8);
    expect(first?.hits[0]?.explanation.summary).toContain("examplov~examplov");
    expect(second).toEqual({ query: "Jane Doe", hits: [] });
  });

  it("exits 0 when no name hits and honours --threshold", async () => {
    expect((await run(["screen", "Jane Doe"])).code).toBe(0);
    expect((await run(["screen", "--threshold", "0.999", "Ivan Examplov"])).code).toBe(0);
  });

  it("screens CSV rows with birth date and nationality weighing in", async () => {
    const { lines } = await run(["screen", "--json", "--file", "names.csv"], [
      { fullName: "Ivan Examplov", birthDate: "1970", nationality: "Russia", line: 2 },
      { fullName: "Ivan Examplov", birthDate: "1990", line: 3 }]);
    const scores = lines.map((l) => (JSON.parse(l) as { hits: { score: number }[] })
      .hits[0]?.score ?? 0);
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1);
  });

  it("lists list --json prints one line per list", async () => {
    const { lines, code } = await run(["lists", "list", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ id: "test", entities: 1 });
  });
});

const root = resolve(import.meta.dirname, "../../..");
const unXml = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>ZORAN</FIRST_NAME><SECOND_NAME>FICTIVIC</SECOND_NAME>
<UN_LIST_TYPE>Test</UN_LIST_TYPE></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;

describe("corridor lists import + screen (spawned)", () => {
  const dir = mkdtempSync(join(tmpdir(), "corridor-screen-"));
  beforeAll(() => {
    // Type errors elsewhere in the tree must not block this smoke test: tsc emits regardless.
    spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports a list into the data dir, reports the delta and screens against it", () => {
    const file = join(dir, "un.xml");
    writeFileSync(file, unXml);
    const cli = (...args: string[]) => spawnSync("node", ["bin/corridor.js", ...args],
      { cwd: root, encoding: "utf8" });
    const imported = cli("lists", "import", "--json", "--data", dir, file);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ list: "un-sc", added: ["1"], seq: 1 });
    const names = join(dir, "names.csv");
    writeFileSync(names, "full_name,nationality\nZoran Fiktivic,rs\nPlain Person,fr\n");
    const screened = cli("screen", "--json", "--data", dir, "--file", names);
    expect(screened.status).toBe(1);
    const lines = screened.stdout.trim().split("\n").map((l) => JSON.parse(l) as {
      hits: { entity: string }[] });
    expect(lines.map((l) => l.hits.map((h) => h.entity))).toEqual([["1"], []]);
    expect(cli("screen", "--data", join(dir, "empty"), "X").status).toBe(2);
  });
});
