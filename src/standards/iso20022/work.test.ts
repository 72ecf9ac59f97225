// Work-count tests of checkMx(): the steps it takes (elements visited, siblings and schema items
// compared, path levels built) grow linearly with the siblings of a message, so doubling them
// at most roughly doubles the work. Counted, never timed: a busy machine cannot fail them.
import { describe, expect, it } from "vitest";
import { mxMessageBytesMax, mxProblemsMax } from "../../limits.js";
import { checkMx } from "./mx.js";
import type { MxWork } from "./work.js";
import { readXml } from "./xml.js";

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope>
<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"><Fr><FIId><FinInstnId>
<BICFI>BANKBEBBXXX</BICFI></FinInstnId></FIId></Fr><To><FIId><FinInstnId><BICFI>BANKDEFFXXX</BICFI>
</FinInstnId></FIId></To><BizMsgIdr>M1</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>
<BizSvc>swift.cbprplus.02</BizSvc><CreDt>2026-11-26T10:00:00+00:00</CreDt></AppHdr>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr>
<MsgId>M1</MsgId><CreDtTm>2026-11-26T10:00:00+00:00</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf>
<SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf><PmtId><InstrId>M1</InstrId>
<EndToEndId>E1</EndToEndId><UETR>8a562c67-ca16-48ba-b074-65581be6f001</UETR></PmtId>
<IntrBkSttlmAmt Ccy="EUR">10.5</IntrBkSttlmAmt><IntrBkSttlmDt>2026-11-26</IntrBkSttlmDt>
<ChrgBr>SHAR</ChrgBr><InstgAgt><FinInstnId><BICFI>BANKBEBBXXX</BICFI></FinInstnId></InstgAgt>
<InstdAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstdAgt><Dbtr><Nm>A</Nm>
<PstlAdr><TwnNm>BRUSSELS</TwnNm><Ctry>BE</Ctry></PstlAdr></Dbtr><DbtrAgt><FinInstnId>
<BICFI>BANKBEBBXXX</BICFI></FinInstnId></DbtrAgt><CdtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI>
</FinInstnId></CdtrAgt><Cdtr><Nm>C</Nm></Cdtr><RmtInf><Ustrd>R</Ustrd></RmtInf></CdtTrfTxInf>
</FIToFICstmrCdtTrf></Document>
</Envelope>`;

function replaced(from: string, to: string): string {
  expect(sample).toContain(from);
  return sample.replace(from, to);
}

const names = (count: number, make: (index: number) => string): string =>
  Array.from({ length: count }, (_, index) => make(index)).join(" ");

/** Messages with `count` siblings of one kind: each a problem, or each valid. */
const floods: Readonly<Record<string, (count: number) => string>> = {
  "unknown elements (a problem each)": (count) => replaced("<RmtInf>", `<RmtInf>${
    "<X/>".repeat(count)}`),
  "repeated names beyond their maximum": (count) => replaced("<Nm>A</Nm>",
    "<Nm>A</Nm>".repeat(count)),
  "valid unstructured remittance lines": (count) => replaced("<Ustrd>R</Ustrd>",
    "<Ustrd>R</Ustrd>".repeat(count)),
  "characters outside the CBPR+ set": (count) => replaced("<Ustrd>R</Ustrd>",
    "<Ustrd>\u00e9</Ustrd>".repeat(count)),
  "attributes on one element": (count) => replaced("<RmtInf>",
    `<RmtInf ${names(count, (index) => `a${index}=""`)}>`),
  "namespace declarations, then children that declare one each": (count) => replaced(
    "<RmtInf>", `<RmtInf ${names(count, (index) => `xmlns:p${index}="u"`)}>${
      "<p0:X xmlns:q=\"u\"/>".repeat(count)}`),
  "siblings that break a choice": (count) => replaced("<Cdtr><Nm>C</Nm></Cdtr>",
    `<Cdtr><Nm>C</Nm></Cdtr><CdtrAcct><Id>${"<IBAN>BE71096123456769</IBAN>".repeat(count)}` +
    "</Id></CdtrAcct>"),
};

function stepsOf(xml: string): number {
  expect(xml.length).toBeLessThanOrEqual(mxMessageBytesMax);
  const work: MxWork = { steps: 0 };
  checkMx(xml, { work });
  return work.steps;
}

describe("checkMx() work", () => {
  for (const [kind, make] of Object.entries(floods)) {
    it(`checkMx() work at most doubles when the ${kind} double`, () => {
      // The largest count that keeps the message within the MX size limit, down to 1,000.
      let largest = 8_000;
      while (make(largest).length > mxMessageBytesMax) largest /= 2;
      expect(largest).toBeGreaterThanOrEqual(1_000);
      const smallest = largest / 8;
      const steps = [smallest, smallest * 2, smallest * 4, largest].map((n) => stepsOf(make(n)));
      for (let index = 1; index < steps.length; index++) {
        const ratio = (steps[index] ?? 0) / (steps[index - 1] ?? 1);
        expect(ratio, `${kind}: steps ${steps.join(", ")}`).toBeLessThanOrEqual(2.5);
      }
      const eightfold = (steps[3] ?? 0) / (steps[0] ?? 1);
      expect(eightfold, `${kind}: steps ${steps.join(", ")}`).toBeLessThanOrEqual(10);
    });
  }

  it("checkMx() reports at most mxProblemsMax per check and stops there", () => {
    const xml = floods["unknown elements (a problem each)"]?.(19_000) ?? "";
    const work: MxWork = { steps: 0 };
    const problems = checkMx(xml, { work });
    expect(problems.filter((problem) => problem.code === "schema-unexpected-element"))
      .toHaveLength(mxProblemsMax);
    expect(problems[0]?.location)
      .toBe("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/RmtInf/X[1]");
    // 19,000 elements read, then at most a few steps for each: no step per pair of siblings.
    expect(work.steps).toBeLessThan(5 * 19_000);
  });

  it("checkMx() counts the same problems whether or not it counts its work", () => {
    for (const make of Object.values(floods)) {
      const xml = make(1_000);
      expect(checkMx(xml, { work: { steps: 0 } })).toEqual(checkMx(xml));
    }
  });

  it("readXml() finds a repeated attribute among thousands in linear work", () => {
    const attributes = names(8_000, (index) => `a${index}=""`);
    const counts = [attributes, `${attributes} a7999=""`].map((text) => {
      const work: MxWork = { steps: 0 };
      const read = readXml(`<R ${text}/>`, { work });
      return { ok: read.ok, steps: work.steps };
    });
    expect(counts.map((count) => count.ok)).toEqual([true, false]);
    expect(counts[1]?.steps).toBeLessThan(4 * 8_000);
  });
});
