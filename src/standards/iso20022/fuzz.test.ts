// Fuzz: 100,000 mutated XML documents through checkMx(); no exception may escape, each check's
// work stays linear (characters examined, counted), and memory does not grow. Seeded, so any
// failure is reproducible from its seed.
import { describe, expect, it } from "vitest";
import { countStringWork } from "../../../test/support/string-work.js";
import { seededRandom } from "../../lib/index.js";
import { checkMx } from "./mx.js";

const base = `<?xml version="1.0" encoding="UTF-8"?>
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
<InstdAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstdAgt><Dbtr><Nm>A &amp; B</Nm>
<PstlAdr><TwnNm>BRUSSELS</TwnNm><Ctry>BE</Ctry></PstlAdr></Dbtr><DbtrAgt><FinInstnId>
<BICFI>BANKBEBBXXX</BICFI></FinInstnId></DbtrAgt><CdtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI>
</FinInstnId></CdtrAgt><Cdtr><Nm>C</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>
</Envelope>`;

const tokens = ["<", ">", "/", "&", ";", "&amp;", "&#0;", "&#x41;", "<!DOCTYPE a>", "<![CDATA[",
  "]]>", "<!--", "-->", "<?x?>", "\"", "'", "=", "xmlns:p=\"u\"", "p:", "\u0000", "\uFFFF",
  "<a>", "</a>", "<Ustrd>x</Ustrd>", "Ccy=\"XAU\"", "9".repeat(40), " ", "\n"];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * out.length);
    const kind = random();
    if (kind < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
    else if (kind < 0.6) {
      const token = tokens[Math.floor(random() * tokens.length)] ?? "";
      out = out.slice(0, at) + token + out.slice(at);
    }
    else if (kind < 0.8) {
      const from = Math.floor(random() * out.length);
      out = out.slice(0, at) + out.slice(from, from + 40) + out.slice(at);
    } else {
      const char = String.fromCharCode(Math.floor(random() * 0x3000));
      out = out.slice(0, at) + char + out.slice(at + 1);
    }
  }
  return out;
}

describe("checkMx() fuzz", () => {
  it("checkMx() survives 100,000 mutated documents without an escaped exception", () => {
    expect(checkMx(base)).toEqual([]);
    const seed = 20261126;
    const random = seededRandom(seed);
    const heapBefore = process.memoryUsage().heapUsed;
    // The most characters examined per character of input, and where: counted, not timed, so
    // that a busy machine cannot fail the test. A rescan of the document would give thousands.
    let worst = { perChar: 0, run: -1 };
    let rejected = 0;
    for (let run = 0; run < 100_000; run++) {
      const text = mutate(base, random);
      let counted: { value: readonly { code: string }[]; work: number };
      try {
        counted = countStringWork(() => checkMx(text));
      } catch (error) {
        throw new Error(`Cannot survive fuzz run ${run} (seed ${seed}): ${String(error)}\n${text}`);
      }
      const perChar = counted.work / Math.max(text.length, 1);
      if (perChar > worst.perChar) worst = { perChar, run };
      if (counted.value.length > 0) rejected++;
    }
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(rejected).toBeGreaterThan(50_000);
    expect(worst.perChar, `fuzz run ${worst.run} (seed ${seed})`).toBeLessThan(50);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  }, 600_000);
});
