// readEnvelope() on MX: the sender, receiver, type and reference from the business application
// header, and hostile headers (a tag repeated thousands of times, no closing tag) refused with
// the header's code rather than read by a search that rescans the rest of the text.
import { describe, expect, it } from "vitest";
import { readEnvelope } from "./envelope.js";

const bicfi = (bic: string) => `<FIId><FinInstnId><BICFI>${bic}</BICFI></FinInstnId></FIId>`;

function appHdr(inner: { from?: string; to?: string; extra?: string }): string {
  return `<Envelope><h:AppHdr xmlns:h="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">` +
    `${inner.extra ?? ""}<h:Fr>${bicfi(inner.from ?? "BANKDEFFXXX")}</h:Fr>` +
    `<h:To>${bicfi(inner.to ?? "BANKGB2L")}</h:To><h:BizMsgIdr>REF-1</h:BizMsgIdr>` +
    "<h:MsgDefIdr>pacs.008.001.08</h:MsgDefIdr></h:AppHdr><Document/></Envelope>";
}

describe("readEnvelope() on MX", () => {
  it("reads sender, receiver (BIC8 as its XXX branch), type and reference", () => {
    const read = readEnvelope(appHdr({}));
    expect(read.ok && read.value).toMatchObject({ format: "MX", sender: "BANKDEFFXXX",
      receiver: "BANKGB2LXXX", type: "pacs.008.001.08", reference: "REF-1" });
  });

  it("takes the first Fr and To, and the first BICFI after each", () => {
    const read = readEnvelope(appHdr({ extra: "<h:Rltd/>" }));
    expect(read.ok && [read.value.sender, read.value.receiver])
      .toEqual(["BANKDEFFXXX", "BANKGB2LXXX"]);
  });

  it.each([
    ["a header repeating <Fr>", `<Envelope><AppHdr>${"<Fr>".repeat(25_000)}</AppHdr></Envelope>`],
    ["an opening AppHdr repeated without a close", `<Envelope>${"<AppHdr>".repeat(12_000)}`],
    ["a header repeating <To> after a valid Fr", `<Envelope><AppHdr><Fr>${bicfi("BANKDEFFXXX")}` +
      `</Fr>${"<To>".repeat(24_000)}</AppHdr></Envelope>`],
  ])("refuses %s with mx-header-invalid", (_name, text) => {
    const read = readEnvelope(text);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems[0]?.code).toBe("mx-header-invalid");
  });
});
