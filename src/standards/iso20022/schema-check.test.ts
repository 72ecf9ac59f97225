// Unit tests of the schema walker on a tiny hand-written table: order, cardinality, choice,
// simple types and attributes, each with its code and XML path.
import { describe, expect, it } from "vitest";
import { checkSchema, simpleValueProblem } from "./schema-check.js";
import { U, type MxSchema } from "./schemas/schema-types.js";
import { readXml } from "./xml.js";

const schema: MxSchema = {
  namespace: "urn:t",
  root: ["Document", "Doc"],
  complex: {
    Doc: { items: [["A", "Max3", 1, 1], ["B", "Amt", 0, 2], ["C", "Pick", 0, U]] },
    Pick: { choice: true, items: [["X", "Max3", 1, 1], ["Y", "Day", 1, 1]] },
    Amt: { value: "Dec", attrs: [["Ccy", "Code", true]] },
  },
  simple: {
    Max3: { base: "string", minLength: 1, maxLength: 3 },
    Dec: { base: "decimal", fractionDigits: 2, totalDigits: 5, minInclusive: 0 },
    Code: { base: "string", pattern: ["[A-Z]{3}"] },
    Day: { base: "date" },
  },
};

function codes(xml: string): string[] {
  const tree = readXml(xml);
  if (!tree.ok) throw new Error("Cannot read the test XML");
  return checkSchema(tree.value, schema).map((problem) => `${problem.code} ${problem.location}`);
}

const doc = (inner: string): string => `<Document xmlns="urn:t">${inner}</Document>`;

describe("checkSchema()", () => {
  it("checkSchema() accepts a document in order", () => {
    expect(codes(doc("<A>ab</A><B Ccy='EUR'>1.5</B><C><Y>2026-02-28</Y></C><C><X>x</X></C>")))
      .toEqual([]);
  });

  it("checkSchema() reports missing, out-of-order and repeated elements with paths", () => {
    expect(codes(doc("<B Ccy='EUR'>1</B>"))).toEqual(["schema-missing-element /Document/A"]);
    expect(codes(doc("<A>a</A><C><X>x</X></C><B Ccy='EUR'>1</B>")))
      .toEqual(["schema-unexpected-element /Document/B"]);
    expect(codes(doc("<A>a</A><B Ccy='EUR'>1</B><B Ccy='EUR'>2</B><B Ccy='EUR'>3</B>")))
      .toEqual(["schema-too-many-elements /Document/B[3]"]);
  });

  it("checkSchema() checks a choice has exactly one of its options", () => {
    expect(codes(doc("<A>a</A><C></C>"))).toEqual(["schema-missing-element /Document/C"]);
    expect(codes(doc("<A>a</A><C><X>x</X><Y>2026-01-01</Y></C>")))
      .toEqual(["schema-unexpected-element /Document/C/Y"]);
  });

  it("checkSchema() checks simple types, attributes and namespaces", () => {
    expect(codes(doc("<A>abcd</A>"))).toEqual(["schema-invalid-value /Document/A"]);
    expect(codes(doc("<A>a</A><B>1</B>"))).toEqual(["schema-missing-attribute /Document/B/@Ccy"]);
    expect(codes(doc("<A>a</A><B Ccy='eur'>1</B>")))
      .toEqual(["schema-invalid-value /Document/B/@Ccy"]);
    expect(codes(doc("<A z='1'>a</A>"))).toEqual(["schema-unexpected-attribute /Document/A/@z"]);
    expect(codes("<Document xmlns='urn:other'><A>a</A></Document>"))
      .toEqual(["schema-wrong-namespace /Document"]);
  });

  it("simpleValueProblem() checks decimals, digits, bounds and calendar dates", () => {
    const dec = schema.simple.Dec;
    const day = schema.simple.Day;
    if (dec === undefined || day === undefined) throw new Error("Cannot find test types");
    expect(simpleValueProblem(dec, "123.45")).toBeUndefined();
    expect(simpleValueProblem(dec, "1.234")).toMatch(/decimals/);
    expect(simpleValueProblem(dec, "123456")).toMatch(/digits/);
    expect(simpleValueProblem(dec, "-1")).toMatch(/below/);
    expect(simpleValueProblem(dec, "1,5")).toMatch(/decimal/);
    expect(simpleValueProblem(day, "2024-02-29")).toBeUndefined();
    expect(simpleValueProblem(day, "2026-02-29")).toMatch(/date/);
  });
});
