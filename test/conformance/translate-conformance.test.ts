// Conformance of MT <-> MX translation against ../shared/testdata: every MX Corridor translates
// from an MT sample is XSD-valid (xmllint); expected CBPR+ translations survive MX -> MT -> MX
// with their business elements intact (the agreement rate is printed and floored).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkMx, parseMx, readMxBody, serializeXml, translate, type MxMessage,
} from "../../src/standards/index.js";
import {
  listFiles as list, requireInCi, testdata as data, testdataPresent as present,
  xmllintPresent as xmllint, xsdVerdict,
} from "../support/shared-testdata.js";

requireInCi("translation conformance");

/** Versions with an ISO 20022 base XSD (pacs.009 and camt.056 only have the Fedwire ones). */
const base = new Set(["pacs.008.001.08", "pacs.002.001.10", "pacs.004.001.09", "camt.029.001.09",
  "camt.052.001.08", "camt.053.001.08", "camt.054.001.08"]);

/** Business elements compared between an expected MX and its MX -> MT -> MX round trip. */
function businessElements(message: MxMessage): Record<string, unknown> {
  const body = readMxBody(message);
  const m = body.model as unknown as Record<string, unknown>;
  const keys = ["messageId", "instructionId", "uetr", "settlementAmount", "settlementDate",
    "instructedAmount", "chargeBearer", "returnedAmount", "originalUetr", "reasonCode", "status",
    "confirmation", "account", "balances"];
  const out: Record<string, unknown> = {};
  for (const key of keys) if (m[key] !== undefined) out[key] = m[key];
  for (const key of ["debtor", "creditor"]) {
    const party = m[key] as { name?: string; bic?: string; anyBic?: string } | undefined;
    if (party !== undefined) out[key] = party.name ?? party.bic ?? party.anyBic;
  }
  return out;
}

describe.skipIf(!present)("MT <-> MX translation conformance", () => {
  it.skipIf(!xmllint)("every MX translated from an MT sample validates against its XSD", () => {
    let translated = 0;
    for (const file of list(join(data, "mt/goplasmatic"), ".txt")) {
      const result = translate(readFileSync(file, "utf8"), "mx",
        { createdAt: "2026-11-26T10:00:00+00:00" });
      if (!result.ok) {
        // Refusals must say why: unsupported type or invalid input (e.g. a non-v4 UETR).
        expect(result.problems[0]?.message, file).toMatch(/^Cannot /);
        continue;
      }
      const message = result.value.message as MxMessage;
      expect(checkMx(result.value.text, { rules: "2025" })
        .filter((p) => !p.code.startsWith("cbpr-")), file).toEqual([]);
      if (message.appHdr !== undefined) {
        expect(xsdVerdict(serializeXml(message.appHdr), "head.001.001.02"), file).toBe("");
      }
      if (base.has(message.type)) {
        expect(xsdVerdict(serializeXml(message.document), message.type), file).toBe("");
      }
      translated++;
    }
    expect(translated).toBeGreaterThanOrEqual(15);
  });

  it("expected CBPR+ translations keep their business elements through MX -> MT -> MX", () => {
    let compared = 0;
    let agreeing = 0;
    const differences: string[] = [];
    for (const file of list(join(data, "mx/mt-to-mx-expected"), ".xml")) {
      const xml = readFileSync(file, "utf8");
      const parsed = parseMx(xml);
      if (!parsed.ok) continue;
      const mt = translate(parsed.value, "mt");
      if (!mt.ok) continue;
      const back = translate(mt.value.text, "mx", { createdAt: "2026-11-26T10:00:00+00:00" });
      compared++;
      if (!back.ok) {
        differences.push(`${file.slice(data.length)}: ${back.problems[0]?.message ?? ""}`);
        continue;
      }
      const before = businessElements(parsed.value);
      const after = businessElements(back.value.message as MxMessage);
      const changed = Object.keys(before).filter((key) =>
        JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      if (changed.length === 0) agreeing++;
      else differences.push(`${file.slice(data.length)}: ${changed.join(", ")}`);
    }
    const rate = compared === 0 ? 0 : agreeing / compared;
    console.log(`MX -> MT -> MX agreement ${agreeing}/${compared} (${(rate * 100).toFixed(0)}%)\n` +
      differences.join("\n"));
    expect(compared).toBeGreaterThan(15);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
});
