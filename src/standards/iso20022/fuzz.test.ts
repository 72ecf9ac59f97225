// Fuzz: 100,000 mutated XML documents through checkMx(); no exception may escape, each check's
// work stays linear (characters examined, counted), and memory does not grow. Then documents
// flooded with thousands of siblings, attributes or declarations up to the size limit: the
// steps per byte stay bounded. Seeded, so any failure is reproducible from its seed.
import { describe, expect, it } from "vitest";
import { countStringWork } from "../../../test/support/string-work.js";
import { seededRandom } from "../../lib/index.js";
import { mxMessageBytesMax } from "../../limits.js";
import { checkMx } from "./mx.js";
import type { MxWork } from "./work.js";

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

/** What a flood repeats: elements valid or not in many places, attributes, declarations. */
const floods: readonly ((index: number) => string)[] = [
  () => "<X/>", () => "<Nm>A</Nm>", () => "<Ustrd>x</Ustrd>", () => "<AdrLine>L</AdrLine>",
  () => "<Ctry>ZZ</Ctry>", () => "<BICFI>BANKZZ22</BICFI>", () => "<IBAN>XX00</IBAN>",
  () => "<IntrBkSttlmAmt Ccy=\"XAU\">1.234</IntrBkSttlmAmt>", () => "<Ustrd>\u00e9</Ustrd>",
  () => "<PstlAdr><AdrLine>a</AdrLine></PstlAdr>", () => "<p:X xmlns:p=\"u\"/>",
  () => "<CdtTrfTxInf/>", () => "<InstrId>/a//</InstrId>", () => "<!---->", () => "&amp;",
  () => "<a>", () => "</a>", () => "<Y><Z/></Y>", (index) => ` a${index}="v"`,
  (index) => ` xmlns:p${index}="u"`, () => " Ccy=\"EUR\"",
];

/** The base with one to three floods inserted after tags, up to the MX size limit. */
function flooded(random: () => number): string {
  let out = base;
  const count = 1 + Math.floor(random() * 3);
  for (let flood = 0; flood < count; flood++) {
    const make = floods[Math.floor(random() * floods.length)] ?? (() => "");
    const after = out.indexOf(">", Math.floor(random() * out.length));
    const at = after < 0 ? out.length : after + (random() < 0.8 ? 1 : 0);
    const budget = (mxMessageBytesMax - out.length) / (count - flood);
    const pieces: string[] = [];
    let length = 0;
    const wanted = budget * random();
    // Bounded by the budget: every piece is at least one character.
    for (let index = 0; length < wanted; index++) {
      const piece = make(index);
      pieces.push(piece);
      length += piece.length;
    }
    out = out.slice(0, at) + pieces.join("") + out.slice(at);
  }
  return random() < 0.3 ? mutate(out, random) : out;
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

  it("checkMx() takes boundedly many steps per byte on 200 flooded documents", () => {
    const seed = 20261205;
    const random = seededRandom(seed);
    // Counted, not timed. Before the work was made linear, 19,000 problem siblings took ~4,600
    // steps per byte; this corpus now stays near one (three characters examined per character).
    for (let run = 0; run < 200; run++) {
      const text = flooded(random);
      const work: MxWork = { steps: 0 };
      const counted = countStringWork(() => checkMx(text, { work }));
      const where = `run ${run} (seed ${seed}), ${text.length} bytes`;
      expect(work.steps / text.length, `steps per byte, ${where}`).toBeLessThan(4);
      expect(counted.work / text.length, `characters examined per character, ${where}`)
        .toBeLessThan(50);
    }
  }, 600_000);
});
