// Smoke test of `corridor mx validate|parse` and `corridor translate` as spawned processes:
// JSON shape, reported losses and exit codes.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const fixtures = resolve(root, "test/fixtures/mx");

function corridor(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("node", ["bin/corridor.js", ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("corridor mx and translate", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root });
  }, 120_000);

  it("mx validate --json prints one line per file and exits 1 when one is invalid", () => {
    const valid = `${fixtures}/pacs-008/valid-core.xml`;
    const invalid = `${fixtures}/pacs-008/invalid-missing-uetr.xml`;
    const result = corridor("mx", "validate", "--json", valid, invalid);
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as {
      file: string; valid: boolean; errors: { code: string; path: string }[] });
    expect(lines[0]).toEqual({ file: valid, valid: true, errors: [] });
    expect(lines[1]?.errors[0]).toMatchObject({ code: "cbpr-uetr-missing",
      path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/UETR" });
  });

  it("mx parse exits 0 for a valid file and 2 for a missing one", () => {
    expect(corridor("mx", "parse", `${fixtures}/pacs-008/valid-core.xml`).status).toBe(0);
    expect(corridor("mx", "parse", `${fixtures}/absent.xml`).status).toBe(2);
    expect(corridor("mx", "parse", `${fixtures}/hostile/doctype-billion-laughs.xml`).status)
      .toBe(1);
  });

  it("translate --to mt --json reports the losses of a long name", () => {
    const work = mkdtempSync(join(tmpdir(), "corridor-mx-cli-"));
    const file = join(work, "long.xml");
    const xml = readFileSync(`${fixtures}/pacs-008/valid-core.xml`, "utf8")
      .replace("<Nm>MUELLER GMBH</Nm>", `<Nm>${"MUELLER ".repeat(15).trim()}</Nm>`);
    writeFileSync(file, xml);
    const result = corridor("translate", file, "--to", "mt", "--json");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { type: string; text: string;
      losses: { where: string; what: string }[] };
    expect(out.type).toBe("MT103");
    expect(out.text).toContain(":20:REF-0001");
    expect(out.losses.some((loss) => loss.what.startsWith("truncated"))).toBe(true);
    expect(corridor("translate", file, "--to", "xml").status).toBe(2);
  });
});
