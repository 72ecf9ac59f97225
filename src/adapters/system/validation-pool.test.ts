// Tests of the validation pool: small messages inline and no thread started for them, large
// ones on a thread with the same problems as the inline check, a full queue refused by name,
// and close() ending the threads. The threads run src/ through test/support's TypeScript hooks.
import { afterEach, describe, expect, it } from "vitest";
import { contentValidator } from "../../network/index.js";
import { readEnvelope } from "../../standards/index.js";
import type { Envelope } from "../../standards/index.js";
import { createValidationPool } from "./validation-pool.js";
import type { ValidationPool, ValidationPoolOptions } from "./validation-pool.js";

const support = new URL("../../../test/support/", import.meta.url);
const sourceWorker = { file: new URL("validation-worker-source.mjs", support) };

const head = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02";
const pacs008 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";

/** A CBPR+ pacs.008 whose remittance carries `lines` Ustrd (valid, however many). */
function pacs008With(lines: number, extra = ""): string {
  return `<Envelope><AppHdr xmlns="${head}"><Fr><FIId><FinInstnId><BICFI>BANKBEBBXXX</BICFI>` +
    "</FinInstnId></FIId></Fr><To><FIId><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId>" +
    "</FIId></To><BizMsgIdr>M1</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>" +
    "<BizSvc>swift.cbprplus.02</BizSvc><CreDt>2026-11-26T10:00:00+00:00</CreDt></AppHdr>" +
    `<Document xmlns="${pacs008}"><FIToFICstmrCdtTrf><GrpHdr><MsgId>M1</MsgId>` +
    "<CreDtTm>2026-11-26T10:00:00+00:00</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf>" +
    "<SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf><PmtId><InstrId>M1</InstrId>" +
    "<EndToEndId>E1</EndToEndId><UETR>8a562c67-ca16-48ba-b074-65581be6f001</UETR></PmtId>" +
    "<IntrBkSttlmAmt Ccy=\"EUR\">10.5</IntrBkSttlmAmt><IntrBkSttlmDt>2026-11-26" +
    "</IntrBkSttlmDt><ChrgBr>SHAR</ChrgBr><InstgAgt><FinInstnId><BICFI>BANKBEBBXXX</BICFI>" +
    "</FinInstnId></InstgAgt><InstdAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId>" +
    "</InstdAgt><Dbtr><Nm>A</Nm></Dbtr><DbtrAgt><FinInstnId><BICFI>BANKBEBBXXX</BICFI>" +
    "</FinInstnId></DbtrAgt><CdtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId>" +
    `</CdtrAgt><Cdtr><Nm>C</Nm></Cdtr><RmtInf>${extra}${"<Ustrd>R</Ustrd>".repeat(lines)}` +
    "</RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document></Envelope>";
}

/** An MT103 padded past the inline size with remittance lines (too many: a FIN problem). */
function longMt103(): string {
  const lines = Array.from({ length: 300 }, (_, index) => `LINE ${index} OF REMITTANCE TEXT`);
  return "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:REF1\r\n:23B:CRED\r\n" +
    ":32A:261126EUR1000,00\r\n:50K:/1\r\nJOHN\r\n:59:/2\r\nJANE\r\n" +
    `:70:${lines.join("\r\n")}\r\n:71A:SHA\r\n-}`;
}

function envelopeOf(text: string): Envelope {
  const read = readEnvelope(text);
  if (!read.ok) throw new Error(`Cannot read the test message: ${read.problems[0]?.message}`);
  return read.value;
}

const pools: ValidationPool[] = [];

function pool(options: Partial<ValidationPoolOptions> = {}): ValidationPool {
  const created = createValidationPool({ threads: 1, queue: 4, inlineBytesMax: 8 * 1024,
    idleMs: 60_000, closeMs: 5_000, inline: contentValidator, worker: sourceWorker,
    ...options });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

describe("createValidationPool()", () => {
  it("validate() checks a small message inline and starts no thread", async () => {
    const validation = pool();
    const text = pacs008With(1);
    const checked = await validation.validate(text, envelopeOf(text));
    expect(checked.problems).toEqual([]);
    expect(checked.parsed?.format).toBe("MX");
    expect(validation.usage()).toEqual({ threads: 0, queued: 0, pooled: 0 });
  });

  it("validate() checks a large message on a thread, with the inline problems", async () => {
    const validation = pool();
    const messages = [pacs008With(5_000), pacs008With(500, "<X/>".repeat(3_000)), longMt103()];
    for (const text of messages) {
      expect(Buffer.byteLength(text)).toBeGreaterThan(8 * 1024);
      const envelope = envelopeOf(text);
      const [pooled, inline] = await Promise.all([validation.validate(text, envelope),
        contentValidator(text, envelope)]);
      expect(pooled.problems).toEqual(inline.problems);
      // The parsed tree stays on the thread: screening parses the message itself.
      expect(pooled.parsed).toBeUndefined();
    }
    expect(validation.usage()).toMatchObject({ threads: 1, pooled: 3 });
    expect((await validation.validate(messages[1] ?? "", envelopeOf(messages[1] ?? "")))
      .problems[0]?.code).toBe("schema-unexpected-element");
  });

  it("validate() refuses a message with hub-overloaded when the queue is full", async () => {
    const gate = new Int32Array(new SharedArrayBuffer(8));
    const validation = pool({ queue: 1,
      worker: { file: new URL("validation-worker-gated.mjs", support), data: { gate } } });
    const text = pacs008With(1_000);
    const envelope = envelopeOf(text);
    const first = validation.validate(text, envelope);
    const second = validation.validate(text, envelope);
    // The first holds the thread, the second waits for it: the queue (one) is full.
    const third = await validation.validate(text, envelope);
    expect(third.problems.map((problem) => problem.code)).toEqual(["hub-overloaded"]);
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    expect((await first).problems).toEqual([]);
    expect((await second).problems).toEqual([]);
    expect(validation.usage().pooled).toBe(2);
  });

  it("close() ends the threads; a message after it is refused, not checked", async () => {
    const validation = pool();
    const text = pacs008With(1_000);
    await validation.validate(text, envelopeOf(text));
    expect(validation.usage().threads).toBe(1);
    await validation.close();
    expect(validation.usage().threads).toBe(0);
    const after = await validation.validate(text, envelopeOf(text));
    expect(after.problems.map((problem) => problem.code)).toEqual(["hub-overloaded"]);
  });
});
