// Tests of parseMt/renderMt (byte-identical round trips, layouts, batches), the format checker,
// the builders and the ACK/NAK service messages.
import { describe, expect, it } from "vitest";
import { ackOf, buildAck, buildMt } from "./build.js";
import { checkFormat, compileFormat } from "./format.js";
import { formatMtAmount, moneyOf, paymentOf } from "./accessors.js";
import { parseMt, parseMtBatch } from "./parse.js";
import { renderMt, renderMtBatch } from "./render.js";
import { validateMt } from "./validate.js";

const message = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKUS33XXXXN}" +
  "{3:{108:REF}{121:0f6a8c1e-3b2d-4e5f-9a7b-1c2d3e4f5a6b}}{4:\r\n:20:REF123\r\n:23B:CRED\r\n" +
  ":32A:250615EUR1000,00\r\n:33B:EUR1000,00\r\n:50K:/12345678\r\nJOHN DOE  \r\n" +
  ":59:/DE89370400440532013000\r\nJANE SMITH\r\n:71A:SHA\r\n-}{5:{CHK:123456789ABC}{TNG:}}";

describe("parseMt()", () => {
  it("parseMt() reads blocks 1-5 and renderMt() gives the same bytes back", () => {
    const parsed = parseMt(message);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.basicHeader).toMatchObject({ applicationId: "F", serviceId: "01",
      logicalTerminal: "BANKBEBBAXXX", sessionNumber: "0000", sequenceNumber: "000000" });
    expect(parsed.value.applicationHeader).toMatchObject({ direction: "I", messageType: "103",
      receiverAddress: "BANKUS33XXXX", priority: "N" });
    expect(parsed.value.trailer).toEqual([{ tag: "CHK", value: "123456789ABC" },
      { tag: "TNG", value: "" }]);
    const fields = parsed.value.text?.kind === "fields" ? parsed.value.text.fields : [];
    expect(fields.map((field) => field.tag)).toEqual(["20", "23B", "32A", "33B", "50K", "59",
      "71A"]);
    expect(fields[4]).toEqual({ tag: "50K", lines: ["/12345678", "JOHN DOE  "], line: 6 });
    expect(renderMt(parsed.value)).toBe(message);
  });

  it("parseMt() keeps LF line ends, gaps between blocks and a trailing newline", () => {
    const text = `\n${message.replaceAll("\r\n", "\n").replace("}{2:", "}\n{2:")}\n`;
    const parsed = parseMt(text);
    expect(parsed.ok && renderMt(parsed.value)).toBe(text);
    expect(parsed.ok && parsed.value.layout.lineEnding).toBe("\n");
  });

  it("parseMt() keeps a malformed basic header raw and validateMt() reports H01", () => {
    const text = message.replace("0000000000", "00000");
    const parsed = parseMt(text);
    expect(parsed.ok && renderMt(parsed.value)).toBe(text);
    expect(parsed.ok && validateMt(parsed.value)[0]?.code).toBe("H01");
  });

  it("parseMt() rejects text without block 1 with H01", () => {
    expect(parseMt("hello")).toMatchObject({ ok: false, problems: [{ code: "H01" }] });
  });

  it("parseMt() rejects a text block without end-of-text with T13", () => {
    const parsed = parseMt(message.replace("\r\n-}", ""));
    expect(parsed.ok ? "" : parsed.problems[0]?.code).toBe("T13");
  });

  it("parseMt() rejects a line starting with a bad field tag with T13", () => {
    const parsed = parseMt(message.replace(":23B:", ":2B:"));
    expect(parsed.ok ? "" : parsed.problems[0]).toMatchObject({ code: "T13", line: 3 });
  });

  it("parseMt() rejects text after the last block", () => {
    expect(parseMt(`${message}garbage`).ok).toBe(false);
  });

  it("parseMt() bounds the input size with M50", () => {
    const parsed = parseMt(message + " ".repeat(50_000));
    expect(parsed.ok ? "" : parsed.problems[0]?.code).toBe("M50");
  });
});

describe("parseMtBatch()", () => {
  it("parseMtBatch() splits an RJE file and ACKs that precede their messages", () => {
    const ack = "{1:F21BANKBEBBAXXX0000000000}{4:{177:2506151200}{451:0}}";
    const text = `${ack}${message}\n$${ack}${message}\n`;
    const parsed = parseMtBatch(text);
    expect(parsed.ok && parsed.value.messages.length).toBe(4);
    expect(parsed.ok && parsed.value.separators).toEqual(["", "$", ""]);
    expect(parsed.ok && renderMtBatch(parsed.value)).toBe(text);
  });
});

describe("compileFormat() and checkFormat()", () => {
  const check = (notation: string, lines: string[]): string | undefined =>
    checkFormat(compileFormat(notation), lines, { tag: "X", line: 1 })?.code;
  it("checkFormat() accepts and rejects by length and set", () => {
    expect(check("16x", ["ABC/12"])).toBeUndefined();
    expect(check("16x", ["A".repeat(17)])).toBe("T12");
    expect(check("4!c", ["ABC"])).toBe("T34");
    expect(check("4!c", ["abcd"])).toBe("T34");
    expect(check("6!n3!a15d", ["250615EUR1,5"])).toBeUndefined();
    expect(check("6!n3!a15d", ["250615EUR15"])).toBe("T43");
  });
  it("checkFormat() handles optional lines and groups with backtracking", () => {
    const optionA = "[/1!a][/34x]$4!a2!a2!c[3!c]";
    expect(check(optionA, ["BANKDEFF"])).toBeUndefined();
    expect(check(optionA, ["/D/123", "BANKDEFFXXX"])).toBeUndefined();
    expect(check(optionA, ["/DE8937", "BANKDEFF"])).toBeUndefined();
    expect(check(optionA, ["/DE8937", "BANKDEFF", "MORE"])).toBe("T12");
  });
  it("checkFormat() bounds repeated lines", () => {
    expect(check("4*35x", ["A", "B", "C", "D"])).toBeUndefined();
    expect(check("4*35x", ["A", "B", "C", "D", "E"])).toBe("T12");
    expect(check("/8c/4!n1!x4!n", ["/SNDTIME/1200+0100"])).toBeUndefined();
  });
});

describe("buildMt() and buildAck()", () => {
  const built = buildMt({ sender: "BANKBEBB", receiver: "BANKUS33", messageType: "103",
    userHeader: [{ tag: "121", value: "0f6a8c1e-3b2d-4e5f-9a7b-1c2d3e4f5a6b" }],
    fields: [{ tag: "20", value: "REF1" }, { tag: "23B", value: "CRED" },
      { tag: "32A", value: `250615EUR${formatMtAmount({ currency: "EUR", minorUnits: 123450n })}` },
      { tag: "33B", value: "EUR1234,5" }, { tag: "50K", value: ["/123", "JOHN DOE"] },
      { tag: "59", value: "/456\nJANE DOE" }, { tag: "71A", value: "SHA" }] });

  it("buildMt() renders valid FIN text that parses back to the same message", () => {
    const text = renderMt(built);
    expect(text.startsWith("{1:F01BANKBEBBAXXX0000000000}{2:I103BANKUS33XXXXN}")).toBe(true);
    expect(validateMt(built)).toEqual([]);
    const parsed = parseMt(text);
    expect(parsed.ok && renderMt(parsed.value)).toBe(text);
  });

  it("paymentOf() reads typed values of an MT 103", () => {
    const view = paymentOf(built);
    expect(view.ok && view.value).toMatchObject({ reference: "REF1", valueDate: "2025-06-15",
      settlementAmount: { currency: "EUR", minorUnits: 123450n }, sender: "BANKBEBBXXX" });
    expect(moneyOf("JPY", "10,5")).toBeUndefined();
  });

  it("buildAck() renders an ACK and a NAK that ackOf() reads back", () => {
    const ack = renderMt(buildAck(built, { dateTime: "2506151200" }));
    expect(ack).toBe("{1:F21BANKBEBBAXXX0000000000}{4:{177:2506151200}{451:0}}");
    const nak = parseMt(renderMt(buildAck(built, { dateTime: "2506151200", errorCode: "T13" })));
    expect(nak.ok && ackOf(nak.value)).toEqual({ accepted: false, dateTime: "2506151200",
      errorCode: "T13" });
    expect(nak.ok && validateMt(nak.value)).toEqual([]);
  });
});
