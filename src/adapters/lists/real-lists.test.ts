// Importer and ranking-quality tests over the real list files in ../shared/testdata/sanctions.
// They skip (with the reason) when the folder is absent, and fail instead when CI is "true".
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { SanctionsList } from "../../screening/index.js";
import { parseListFile } from "./parse-list-file.js";

const root = resolve(import.meta.dirname, "../../../../shared/testdata/sanctions");
const present = existsSync(root);
if (!present && process.env.CI === "true") {
  throw new Error(`Cannot run real-list tests: ${root} is absent in CI`);
}
const skipReason = `real list files absent at ${root}`;

function load(relative: string): SanctionsList[] {
  const path = join(root, relative);
  const parsed = parseListFile(basename(path), readFileSync(path), { format: "auto",
    readSibling: (name) => {
      const sibling = join(dirname(path), name);
      return existsSync(sibling) ? readFileSync(sibling) : undefined;
    } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

function csvLines(relative: string): string[] {
  // OFAC files end with a DOS end-of-file byte (0x1A) on a line of its own: not a record.
  return readFileSync(join(root, relative), "utf8").split(/\r?\n/).filter((l) => /^\d+,/.test(l));
}

function find(list: SanctionsList, id: string): SanctionsList["entities"][number] {
  const entity = list.entities.find((e) => e.id === id);
  if (entity === undefined) throw new Error(`no entity ${id} in ${list.id}`);
  return entity;
}

describe.skipIf(!present)(`real lists (${present ? "present" : skipReason})`, () => {
  it("importOfacCsv() reads every SDN record with its aliases and remarks", () => {
    const [sdn] = load("ofac-sdn-csv-2018/sdn.csv");
    const ids = new Set(csvLines("ofac-sdn-csv-2018/sdn.csv").map((l) => l.split(",")[0]));
    expect(sdn?.id).toBe("ofac-sdn");
    expect(sdn?.entities.length).toBe(ids.size);
    const bnc = find(sdn!, "306");
    expect(bnc.names.map((n) => n.full)).toContain("NATIONAL BANK OF CUBA");
    expect(bnc.names.find((n) => n.full === "BNC")?.weak).toBe(true);
    expect(bnc.programmes).toEqual(["CUBA"]);
  });

  it("importOfacCsv() reads the consolidated list with its companions", () => {
    const [cons] = load("ofac-cons-csv/cons_prim.csv");
    expect(cons?.id).toBe("ofac-cons");
    expect(cons?.entities.length).toBe(csvLines("ofac-cons-csv/cons_prim.csv").length);
    const haniya = find(cons!, "9639");
    expect(haniya.kind).toBe("person");
    expect(haniya.birthDates).toEqual(["1962"]);
    expect(haniya.names.map((n) => n.full)).toContain("HANIYYA, Ismaeel");
  });

  it("importOfacXml() reads the zipped ENHANCED XML with BICs", () => {
    const [cons] = load("ofac-cons-enhanced-xml/CONS_ENHANCED.ZIP");
    expect(cons?.id).toBe("ofac-cons");
    expect(cons?.version).toBe("2025-01-10");
    expect(cons?.entities.length).toBe(443);
    const bics = cons!.entities.flatMap((e) => e.identifiers.filter((i) => i.scheme === "bic"));
    expect(bics.length).toBeGreaterThanOrEqual(30);
    const vtb = cons!.entities.find((e) => e.identifiers.some((i) => i.value === "VTBRRUMM"));
    expect(vtb?.names[0]?.full).toMatch(/VTB/);
    expect(vtb?.countries).toContain("ru");
  });

  it("importUnXml() reads every individual and entity", () => {
    const [un] = load("un/UN_consolidated.xml");
    const xml = readFileSync(join(root, "un/UN_consolidated.xml"), "utf8");
    const count = (tag: string): number => xml.split(`<${tag}>`).length - 1;
    expect(un?.version).toBe("2026-02-27");
    expect(un?.entities.length).toBe(count("INDIVIDUAL") + count("ENTITY"));
    const badege = find(un!, "6907993");
    expect(badege.names[0]?.full).toBe("ERIC BADEGE");
    expect(badege.birthDates).toEqual(["1971"]);
    expect(badege.countries).toContain("cd");
  });

  it("importFtm() reads the FtM sample with scripts and identifiers", () => {
    const [ftm] = load("opensanctions-ftm/eu_fsf_entities.ftm.json");
    expect(ftm?.id).toBe("ftm-eu_fsf");
    const kuzmenko = find(ftm!, "NK-2Ka3UvopqbpZmVDFjWd4LA");
    expect(kuzmenko.names.map((n) => n.full)).toContain("Виталий Юрьевич КУЗЬМЕНКО");
    expect(kuzmenko.identifiers).toContainEqual({ scheme: "tax", value: "366510784303",
      label: "taxNumber" });
  });

  it("importUsCsl() reads every CSL row", () => {
    const [csl] = load("us-csl/csl.csv");
    expect(csl?.id).toBe("us-csl");
    expect(csl!.entities.length).toBeGreaterThan(100);
    expect(new Set(csl!.entities.map((e) => e.id)).size).toBe(csl!.entities.length);
  });
});
