// Our own MX fixtures (test/fixtures/mx): each invalid or hostile file must produce the codes
// listed here, and the valid ones none (a table of codes per fixture).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkMx, readMxEnvelope } from "../../src/standards/index.js";

const fixtures = join(import.meta.dirname, "../fixtures/mx");
const read = (name: string): string => readFileSync(join(fixtures, name), "utf8");

const expected: Readonly<Record<string, readonly string[]>> = {
  "pacs-008/valid-core.xml": [],
  "pacs-009/valid-core.xml": [],
  "pacs-008/invalid-element-order.xml": ["schema-unexpected-element"],
  "pacs-008/invalid-missing-uetr.xml": ["cbpr-uetr-missing"],
  "pacs-008/invalid-uetr-format.xml": ["schema-invalid-value"],
  "pacs-008/invalid-currency-decimals.xml": ["code-currency-decimals"],
  "pacs-008/invalid-unknown-currency.xml": ["code-unknown-currency"],
  "pacs-008/invalid-bicfi.xml": ["code-invalid-bic"],
  "pacs-008/invalid-iban-checksum.xml": ["code-invalid-iban"],
  "pacs-008/invalid-country-code.xml": ["code-unknown-country"],
  "pacs-008/invalid-bizmsgidr-mismatch.xml": ["cbpr-bizmsgidr-mismatch"],
  "pacs-008/invalid-msgdefidr-mismatch.xml": ["cbpr-msgdefidr-mismatch"],
  "pacs-008/invalid-two-transactions.xml": ["cbpr-one-transaction"],
  "pacs-008/invalid-character-set.xml": ["cbpr-character-set"],
  "pacs-008/invalid-commodity-currency.xml": ["cbpr-commodity-currency"],
  "pacs-008/invalid-slash-in-instrid.xml": ["cbpr-slash-in-id"],
  "pacs-008/invalid-address-unstructured.xml": ["cbpr-address-unstructured"],
  "pacs-008/invalid-address-hybrid-three-lines.xml": ["cbpr-address-hybrid"],
  "pacs-008/invalid-name-too-long.xml": ["schema-invalid-value"],
  "pacs-008/invalid-date.xml": ["schema-invalid-value"],
  "pacs-008/invalid-charge-bearer-code.xml": ["schema-invalid-value"],
  "pacs-008/invalid-no-header.xml": ["cbpr-header-missing"],
  "hostile/doctype-billion-laughs.xml": ["xml-dtd-forbidden"],
  "hostile/external-entity.xml": ["xml-dtd-forbidden"],
  "hostile/undeclared-entity.xml": ["xml-entity-forbidden"],
  "hostile/deep-nesting.xml": ["xml-too-deep"],
  "hostile/unclosed.xml": ["xml-not-well-formed"],
};

describe("checkMx() on our fixtures", () => {
  for (const [name, codes] of Object.entries(expected)) {
    it(`checkMx() gives ${codes.length === 0 ? "no problem" : codes.join(", ")} for ${name}`, () => {
      const problems = checkMx(read(name));
      expect([...new Set(problems.map((problem) => problem.code))].sort()).toEqual([...codes]);
      for (const problem of problems) {
        expect(problem.location).not.toBe("");
        expect(problem.message).toMatch(/^Cannot /);
      }
    });
  }

  it("checkMx() puts the structural problem first when several rules break", () => {
    const xml = read("pacs-008/invalid-element-order.xml").replace("<NbOfTxs>1</NbOfTxs>",
      "<NbOfTxs>2</NbOfTxs>");
    expect(checkMx(xml)[0]?.code).toBe("schema-unexpected-element");
  });

  it("readMxEnvelope() reads sender, receiver, definition, id, duplicate flag and UETR", () => {
    const envelope = readMxEnvelope(read("pacs-008/valid-core.xml"));
    expect(envelope).toEqual({ ok: true, value: {
      from: "BANKBEBBXXX", to: "BANKDEFFXXX", messageDefinition: "pacs.008.001.08",
      businessMessageId: "REF-0001", possibleDuplicate: false,
      uetr: "8a562c67-ca16-48ba-b074-65581be6f001" } });
  });
});
