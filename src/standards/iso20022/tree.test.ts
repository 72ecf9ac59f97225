// Unit tests of serializeXml(): a parsed element serialises back to well-formed XML in the same
// namespaces, whatever declarations the source used.
import { describe, expect, it } from "vitest";
import { parseMx } from "./mx.js";
import { serializeXml } from "./tree.js";
import { readXml } from "./xml.js";

const head = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02";
const source = `<Envelope><h:AppHdr xmlns:h="${head}"><h:Fr><h:FIId><h:FinInstnId>` +
  `<h:BICFI>BANKBEBBXXX</h:BICFI></h:FinInstnId></h:FIId></h:Fr></h:AppHdr>` +
  `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10">` +
  `<FIToFIPmtStsRpt xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10"/></Document>` +
  "</Envelope>";

describe("serializeXml()", () => {
  it("serializeXml() declares a parsed element's default namespace once", () => {
    const parsed = parseMx(source);
    if (!parsed.ok) throw new Error("Cannot parse the test message");
    const text = serializeXml(parsed.value.document);
    expect(text.match(/xmlns=/g)).toHaveLength(1);
    const again = readXml(text);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.namespace).toBe(parsed.value.document.namespace);
    expect(again.value.children[0]?.namespace).toBe(parsed.value.document.namespace);
  });

  it("serializeXml() writes a prefixed parsed element in the same namespace", () => {
    const parsed = parseMx(source);
    if (!parsed.ok || parsed.value.appHdr === undefined) throw new Error("Cannot parse AppHdr");
    const again = readXml(serializeXml(parsed.value.appHdr));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.name).toBe("AppHdr");
    expect(again.value.namespace).toBe(head);
  });
});
