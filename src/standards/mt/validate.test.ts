// Tests of validateMt/checkMt: one valid MT 103 and one mutation per FIN rule and error code.
import { describe, expect, it } from "vitest";
import { checkMt } from "./validate.js";

const uetr = "0f6a8c1e-3b2d-4e5f-9a7b-1c2d3e4f5a6b";
const header = `{1:F01BANKBEBBAXXX0000000000}{2:I103BANKUS33XXXXN}{3:{121:${uetr}}}`;
const base = [":20:REF123", ":23B:CRED", ":32A:250615EUR1000,00", ":33B:EUR1000,00",
  ":50K:/12345678", "JOHN DOE", ":59:/DE89370400440532013000", "JANE SMITH", ":71A:SHA"];

function mt103(lines: readonly string[], head = header): string {
  return `${head}{4:\r\n${lines.join("\r\n")}\r\n-}`;
}

/** Replaces the line starting with `prefix` (or appends when absent) by `lines`. */
function edit(prefix: string, ...lines: string[]): string[] {
  const index = base.findIndex((line) => line.startsWith(prefix));
  if (index === -1) return [...base, ...lines];
  return [...base.slice(0, index), ...lines, ...base.slice(index + 1)];
}

/** Inserts lines before the line starting with `prefix`. */
function before(prefix: string, ...lines: string[]): string[] {
  const index = base.findIndex((line) => line.startsWith(prefix));
  return [...base.slice(0, index), ...lines, ...base.slice(index)];
}

const spri = (lines: string[]): string[] =>
  lines.map((line) => (line === ":23B:CRED" ? ":23B:SPRI" : line));

const cases: readonly (readonly [string, string, string])[] = [
  ["H01", "block 1 too short", mt103(base, header.replace("0000000000", "000"))],
  ["H02", "application id not F/A/L", mt103(base, header.replace("{1:F", "{1:X"))],
  ["H25", "block 2 with a bad layout", mt103(base, header.replace("XXXXN", "XXN"))],
  ["U00", "unknown block 3 tag", mt103(base, header.replace("{3:", "{3:{999:X}"))],
  ["U08", "unknown validation flag", mt103(base, header.replace("{3:", "{3:{119:XYZ}"))],
  ["U09", "119 on a type without that variant", mt103(base,
    header.replace("{3:", "{3:{119:COV}"))],
  ["uetr-missing", "no UETR on a payment", mt103(base, header.replace(`{121:${uetr}}`, ""))],
  ["uetr-invalid", "UETR not UUID v4", mt103(base, header.replace(uetr, uetr.toUpperCase()))],
  ["M50", "text block over 10,000 characters",
    mt103(edit(":71A", ":71A:SHA", ...new Array<string>(400).fill(":72:/ACC/LOREM IPSUM DOLOR")))],
  ["M60", "character outside the X set", mt103(edit("JANE", "JANE {SMITH}"))],
  ["M60", "lone LF inside a CRLF message", mt103(edit("JANE", "JANE\nSMITH"))],
  ["T13", "mandatory 23B missing", mt103(edit(":23B"))],
  ["T13", "field out of order", mt103(before(":23B", ":71A:SHA"))],
  ["T13", "field not allowed in MT 103", mt103(before(":23B", ":21:NONREF"))],
  ["T08", "71A not BEN/OUR/SHA", mt103(edit(":71A", ":71A:XYZ"))],
  ["T36", "23B unknown code word", mt103(edit(":23B", ":23B:ABCD"))],
  ["T47", "23E unknown code word", mt103(before(":32A", ":23E:ABCD"))],
  ["T50", "32A invalid date", mt103(edit(":32A", ":32A:251315EUR1000,00"))],
  ["T52", "32A unknown currency", mt103(edit(":32A", ":32A:250615ABC1000,00"))],
  ["C03", "32A too many decimals", mt103(edit(":32A", ":32A:250615JPY1000,5"))],
  ["T40", "amount without integer digit", mt103(edit(":32A", ":32A:250615EUR,5"))],
  ["T43", "amount without decimal comma", mt103(edit(":32A", ":32A:250615EUR1000"))],
  ["T26", "20 starting with /", mt103(edit(":20", ":20:/REF"))],
  ["T27", "BIC with an unknown country", mt103(before(":59", ":57A:BANKQQFF"))],
  ["T34", "BIC too short", mt103(before(":59", ":57A:BANK"))],
  ["T12", "70 with five lines", mt103(before(":71A", ":70:A", "B", "C", "D", "E"))],
  ["D75", "33B in another currency without 36", mt103(edit(":33B", ":33B:USD1100,00"))],
  ["D75", "36 without a currency change", mt103(before(":50K", ":36:1,1"))],
  ["D49", "EU sender and receiver without 33B",
    mt103(edit(":33B"), header.replace("BANKUS33", "BANKFRPP"))],
  ["D51", "71F without 33B", mt103(edit(":33B", ...[]).concat(":71F:EUR1,00"))],
  ["C02", "71G currency differs from 32A", mt103(edit(":71A", ":71A:OUR", ":71G:USD1,00"))],
  ["C08", "commodity currency in 32A", mt103(edit(":32A", ":32A:250615XAU10,").map((l) =>
    l === ":33B:EUR1000,00" ? ":33B:XAU10," : l))],
  ["E01", "SPRI with 23E CHQB", mt103(spri(before(":32A", ":23E:CHQB")))],
  ["E02", "SSTD with 23E", mt103(before(":32A", ":23E:SDVA").map((l) =>
    l === ":23B:CRED" ? ":23B:SSTD" : l))],
  ["E03", "SPRI with 53D", mt103(spri(before(":59", ":53D:BANK NAME")))],
  ["E04", "SPRI with 53B without party identifier", mt103(spri(before(":59", ":53B:LONDON")))],
  ["E05", "SPRI with 54B", mt103(spri(before(":59", ":54B:/123")))],
  ["E06", "55a without 53a and 54a", mt103(before(":59", ":55A:BANKGB2L"))],
  ["E07", "SPRI with 55D", mt103(spri(before(":59", ":53A:BANKGB2L", ":54A:BANKGB2L",
    ":55D:BANK NAME")))],
  ["E16", "SPRI with 56a", mt103(spri(before(":59", ":56A:BANKGB2L", ":57A:BANKGB2L")))],
  ["E17", "SSTD with 56D", mt103(before(":59", ":56D:BANK NAME", ":57A:BANKGB2L").map((l) =>
    l === ":23B:CRED" ? ":23B:SSTD" : l))],
  ["E09", "SPRI with 57B", mt103(spri(before(":59", ":57B:/123")))],
  ["E10", "SPRI with 59 without account", mt103(spri(edit(":59", ":59:JANE SMITH")).filter(
    (l) => l !== "JANE SMITH" || false))],
  ["E18", "23E CHQB with an account in 59", mt103(before(":32A", ":23E:CHQB"))],
  ["C81", "56a without 57a", mt103(before(":59", ":56A:BANKGB2L"))],
  ["E13", "71A OUR with 71F", mt103(edit(":71A", ":71A:OUR", ":71F:EUR1,00"))],
  ["D50", "71A SHA with 71G", mt103(edit(":71A", ":71A:SHA", ":71G:EUR1,00"))],
  ["E15", "71A BEN without 71F", mt103(edit(":71A", ":71A:BEN"))],
  ["E44", "23E TELI without 56a", mt103(before(":32A", ":23E:TELI"))],
  ["E45", "23E PHON without 57a", mt103(before(":32A", ":23E:PHON"))],
];

describe("checkMt() on MT 103", () => {
  it("checkMt() accepts the valid base message", () => {
    expect(checkMt(mt103(base))).toEqual([]);
  });

  it.each(cases)("checkMt() reports %s first for %s", (code, _name, text) => {
    const problems = checkMt(text);
    expect(problems[0]?.code, JSON.stringify(problems)).toBe(code);
  });

  it("checkMt() gives the field tag and line of a field problem", () => {
    const problems = checkMt(mt103(edit(":71A", ":71A:XYZ")));
    expect(problems[0]).toMatchObject({ code: "T08", location: "71A", line: 10 });
  });

  it("checkMt() orders header problems before text problems", () => {
    const text = mt103(edit(":71A", ":71A:XYZ"), header.replace("XXXXN", "XXN"));
    expect(checkMt(text).map((problem) => problem.code)).toEqual(["H25", "T08"]);
  });

  it("checkMt() refuses output messages at intake but accepts them from files", () => {
    const output = header.replace("{2:I103BANKUS33XXXXN}",
      "{2:O1031200250615BANKUS33AXXX00001234562506151200N}");
    expect(checkMt(mt103(base, output))[0]?.code).toBe("H26");
    expect(checkMt(mt103(base, output), { acceptOutput: true })).toEqual([]);
  });
});

describe("checkMt() on MT 103 STP and REMIT", () => {
  const stp = header.replace("{3:", "{3:{119:STP}");
  it("checkMt() accepts an STP message with option A parties", () => {
    expect(checkMt(mt103(before(":59", ":57A:BANKGB2L"), stp))).toEqual([]);
  });
  it("checkMt() rejects 52D in MT 103 STP with T13", () => {
    expect(checkMt(mt103(before(":59", ":52D:BANK NAME"), stp))[0]?.code).toBe("T13");
  });
  it("checkMt() rejects 23E HOLD in MT 103 STP with T47", () => {
    expect(checkMt(mt103(before(":32A", ":23E:HOLD"), stp))[0]?.code).toBe("T47");
  });
  it("checkMt() needs 77T in MT 103 REMIT", () => {
    const remit = header.replace("{3:", "{3:{119:REMIT}");
    expect(checkMt(mt103(base, remit))[0]?.code).toBe("T13");
    expect(checkMt(mt103([...base, ":77T:/NARR/INVOICE 1 @ 2"], remit))).toEqual([]);
  });
});

describe("checkMt() on MT 202 and MT 202 COV", () => {
  const head = `{1:F01BANKBEBBAXXX0000000000}{2:I202BANKUS33XXXXN}{3:{121:${uetr}}}`;
  const seqA = [":20:REF1", ":21:REL1", ":32A:250615USD1000,", ":58A:BANKGB2L"];
  const mt202 = (lines: string[], h = head): string => `${h}{4:\r\n${lines.join("\r\n")}\r\n-}`;
  it("checkMt() accepts a minimal MT 202", () => {
    expect(checkMt(mt202(seqA))).toEqual([]);
  });
  it("checkMt() reports T13 when 58a is missing", () => {
    expect(checkMt(mt202(seqA.slice(0, 3)))[0]).toMatchObject({ code: "T13", location: "58a" });
  });
  it("checkMt() reports C81 for 56a without 57a", () => {
    expect(checkMt(mt202([...seqA.slice(0, 3), ":56A:BANKGB2L", ":58A:BANKGB2L"]))[0]?.code)
      .toBe("C81");
  });
  const cov = head.replace("{3:", "{3:{119:COV}");
  const seqB = [":50K:/123", "JOHN DOE", ":59:/456", "JANE DOE", ":33B:USD1000,"];
  it("checkMt() accepts an MT 202 COV with sequence B", () => {
    expect(checkMt(mt202([...seqA, ...seqB], cov))).toEqual([]);
  });
  it("checkMt() needs sequence B in MT 202 COV", () => {
    expect(checkMt(mt202(seqA, cov))[0]).toMatchObject({ code: "T13", location: "50a" });
  });
});

describe("checkMt() on statements and free format", () => {
  it("checkMt() accepts an MT 940 with repeated 61/86 lines", () => {
    const text = "{1:F01BANKBEBBAXXX0000000000}{2:I940BANKUS33XXXXN}{4:\r\n:20:STMT1\r\n" +
      ":25:123456\r\n:28C:1/1\r\n:60F:C250614EUR100,\r\n" +
      ":61:2506150615C10,NTRFREF1//B1\r\n:86:FIRST\r\n:61:2506150615D5,NTRFREF2\r\n" +
      ":86:SECOND\r\n:62F:C250615EUR105,\r\n-}";
    expect(checkMt(text)).toEqual([]);
  });
  it("checkMt() needs 79 in MT 199", () => {
    const text = "{1:F01BANKBEBBAXXX0000000000}{2:I199BANKUS33XXXXN}{4:\r\n:20:X\r\n-}";
    expect(checkMt(text)[0]).toMatchObject({ code: "T13", location: "79" });
  });
});
