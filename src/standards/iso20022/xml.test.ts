// Unit tests of the strict XML reader: well-formedness, DTD and entity refusal, bounds.
import { describe, expect, it } from "vitest";
import { xmlDepthMax, xmlElementCountMax } from "../../limits.js";
import { readXml } from "./xml.js";

function codeOf(xml: string): string {
  const result = readXml(xml);
  return result.ok ? "ok" : result.problems[0]?.code ?? "";
}

describe("readXml()", () => {
  it("reads elements, attributes, namespaces and decoded text in order", () => {
    const result = readXml(
      "<?xml version='1.0'?><!-- c --><a:R xmlns:a='urn:x'>" +
      "<a:B k=\"v&amp;w\">1 &lt; 2 &#65;&#x42;</a:B>" +
      "<a:C/><a:B><![CDATA[<raw&>]]></a:B></a:R>");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const root = result.value;
    expect(root.name).toBe("R");
    expect(root.namespace).toBe("urn:x");
    expect(root.children.map((c) => c.name)).toEqual(["B", "C", "B"]);
    expect(root.children[0]?.text).toBe("1 < 2 AB");
    expect(root.children[0]?.attributes).toEqual([{ name: "k", value: "v&w" }]);
    expect(root.children[2]?.text).toBe("<raw&>");
  });

  it("rejects a DOCTYPE and entity declarations (billion laughs, XXE)", () => {
    expect(codeOf("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>")).toBe("xml-dtd-forbidden");
    expect(codeOf("<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a/>")).toBe("xml-dtd-forbidden");
  });

  it("rejects undeclared entity references but accepts the five predefined ones", () => {
    expect(codeOf("<a>&nbsp;</a>")).toBe("xml-entity-forbidden");
    expect(codeOf("<a b='&x;'/>")).toBe("xml-entity-forbidden");
    expect(codeOf("<a>&#0;</a>")).toBe("xml-entity-forbidden");
    expect(codeOf("<a>&lt;&gt;&amp;&quot;&apos;</a>")).toBe("ok");
  });

  it("rejects malformed documents", () => {
    for (const bad of ["<a><b></a>", "<a>", "<a>x</b>", "<a/><b/>", "<a x='1' x='2'/>", "",
      "<a x=1/>", "<a><!-- x -- y --></a>", "text<a/>", "<p:a/>", "<a>1<b/></a>"]) {
      expect(codeOf(bad), bad).not.toBe("ok");
    }
  });

  it("bounds depth, element count, size and control characters", () => {
    expect(codeOf("<a>".repeat(xmlDepthMax + 1) + "</a>".repeat(xmlDepthMax + 1)))
      .toBe("xml-too-deep");
    expect(codeOf(`<a>${"<b/>".repeat(xmlElementCountMax)}</a>`)).toBe("xml-too-many-elements");
    expect(codeOf(`<a>${"x".repeat(200_000)}</a>`)).toBe("xml-too-large");
    expect(codeOf("<a>\u0001</a>")).toBe("xml-invalid-character");
  });

  it("names a forbidden character wherever it stands, with its line", () => {
    const places = ["<a>\u0001</a>", "<a b='\u0001'/>", "<a><!-- \u0001 --></a>",
      "<?x \u0001?><a/>", "<a><![CDATA[\u0001]]></a>", "<a\u0001/>", "<a></a\u0001>",
      "<a/>\u0001", "<a>\uFFFF</a>", "<a\uFFFE/>", "<a>x</a>\n<b>\u0008</b>"];
    for (const xml of places) {
      const result = readXml(xml);
      expect(result.ok, JSON.stringify(xml)).toBe(false);
      if (result.ok) continue;
      expect(result.problems[0]?.code, JSON.stringify(xml)).toBe("xml-invalid-character");
      expect(result.problems[0]?.line).toBe(xml.includes("\n") ? 2 : 1);
    }
  });

  it("reports the line of a problem", () => {
    const result = readXml("<a>\n<b>\n</c></a>");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.line).toBe(3);
  });
});
