// Unit tests of the screening gate: enforced with no list it refuses payments and lets other
// messages through; enforced with a list it holds a listed name with its case; off queues
// everything; status() tells which, and setLists() takes effect for the very next message.
import { describe, expect, it } from "vitest";
import { sequentialIds } from "../../../test/support/memory-stores.js";
import { mt103, pacs008 } from "../../../test/support/messages.js";
import { AssertionError } from "../../lib/index.js";
import type { SanctionsList } from "../../screening/index.js";
import { readEnvelope } from "../../standards/index.js";
import type { Envelope } from "../../standards/index.js";
import type { MessageId } from "../types.js";
import { createScreeningGate, isPaymentType } from "./screening-gate.js";
import type { ScreeningMode } from "./screening-gate.js";

const from = "BANKDEFFXXX";
const to = "BANKGB2LXXX";
const listedName = "VLADISLAV PETROVICH KUZNETSOV";

const list: SanctionsList = { id: "test-sdn", title: "Test SDN", format: "ftm", version: "v1",
  entities: [{ id: "E1", kind: "person", names: [{ full: "Vladislav Petrovich Kuznetsov",
    kind: "primary", weak: false }], identifiers: [], countries: ["ru"], addresses: [],
  birthDates: [], programmes: ["TEST"] }] };

function mt(type: string, body: readonly string[]): string {
  return `{1:F01BANKDEFFAXXX0000000000}{2:I${type}BANKGB2LAXXXN}{4:\r\n${body.join("\r\n")}` +
    "\r\n-}";
}

function mx(type: string): string {
  const agent = (bic: string) => `<FIId><FinInstnId><BICFI>${bic}</BICFI></FinInstnId></FIId>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Envelope><AppHdr xmlns=` +
    `"urn:iso:std:iso:20022:tech:xsd:head.001.001.02"><Fr>${agent(from)}</Fr>` +
    `<To>${agent(to)}</To><BizMsgIdr>R1</BizMsgIdr><MsgDefIdr>${type}</MsgDefIdr>` +
    "<BizSvc>swift.cbprplus.02</BizSvc><CreDt>2026-11-26T10:00:00Z</CreDt></AppHdr>" +
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${type}"></Document></Envelope>`;
}

/** One message of each kind, as text with its envelope read by the standards module. */
const samples: Readonly<Record<string, string>> = {
  "MT103": mt103({ sender: from, receiver: to, reference: "R1" }),
  "MT202": mt("202", [":20:R1", ":21:REL1", ":32A:250615USD1000,", ":58A:BANKGB2L"]),
  "pacs.008.001.08": pacs008({ sender: from, receiver: to, reference: "R1" }),
  "pacs.009.001.08": mx("pacs.009.001.08"),
  "MT199": mt("199", [":20:R1", ":79:PLEASE CONFIRM RECEIPT"]),
  "MT940": mt("940", [":20:R1", ":25:123", ":28C:1", ":60F:C250615USD1,", ":62F:C250615USD1,"]),
  "camt.053.001.08": mx("camt.053.001.08"),
  "pacs.002.001.10": mx("pacs.002.001.10"),
};

function read(text: string): Envelope {
  const envelope = readEnvelope(text);
  if (!envelope.ok) throw new Error(`Cannot read test message: ${envelope.problems[0]?.code}`);
  return envelope.value;
}

function screenSample(gate: ReturnType<typeof createScreeningGate>, type: string) {
  const text = samples[type] ?? "";
  const envelope = read(text);
  expect(envelope.type).toBe(type);
  return gate.screen(envelope, text, undefined);
}

function gateOf(mode: ScreeningMode, lists: readonly SanctionsList[]) {
  return createScreeningGate({ mode, lists, threshold: 0.8, ids: sequentialIds<MessageId>() });
}

const payments = ["MT103", "MT202", "pacs.008.001.08", "pacs.009.001.08"];
const others = ["MT199", "MT940", "camt.053.001.08", "pacs.002.001.10"];

describe("createScreeningGate() enforced with no list", () => {
  it.each(payments)("screen() refuses the payment %s with screening-unavailable", (type) => {
    expect(isPaymentType(read(samples[type] ?? ""))).toBe(true);
    expect(screenSample(gateOf("enforced", []), type)).toMatchObject({ status: "NAK",
      code: "screening-unavailable", location: "hub" });
  });

  it.each(others)("screen() lets %s, not a payment, through queued", (type) => {
    expect(isPaymentType(read(samples[type] ?? ""))).toBe(false);
    expect(screenSample(gateOf("enforced", []), type)).toEqual({ initialStatus: "queued",
      hold: undefined });
  });

  it("status() reports that payments are refused", () => {
    expect(gateOf("enforced", []).status()).toEqual({ mode: "enforced", lists: [],
      acceptsPayments: false });
  });
});

describe("createScreeningGate() enforced with a list", () => {
  it("screen() holds a payment naming a listed person, with a case of its hits", () => {
    const gate = gateOf("enforced", [list]);
    const text = mt103({ sender: from, receiver: to, reference: "HIT", beneficiary: listedName });
    const verdict = gate.screen(read(text), text, undefined);
    expect(verdict).toMatchObject({ initialStatus: "held", hold: { caseId: "CM00000001" } });
    if (!("initialStatus" in verdict) || verdict.hold === undefined) return;
    expect(verdict.hold.hits.map((hit) => [hit.list, hit.entityId, hit.party.location]))
      .toEqual([["test-sdn", "E1", "59"]]);
  });

  it.each([...payments, ...others])("screen() queues a clean %s", (type) => {
    expect(screenSample(gateOf("enforced", [list]), type)).toEqual({ initialStatus: "queued",
      hold: undefined });
  });

  it("status() names the lists in force and accepts payments", () => {
    expect(gateOf("enforced", [list]).status()).toEqual({ mode: "enforced",
      lists: [{ id: "test-sdn", version: "v1", entities: 1 }], acceptsPayments: true });
  });
});

describe("createScreeningGate() off", () => {
  it.each([...payments, ...others])("screen() queues %s with no list", (type) => {
    expect(screenSample(gateOf("off", []), type)).toEqual({ initialStatus: "queued",
      hold: undefined });
  });

  it("screen() queues even a listed name: the operator turned screening off", () => {
    const gate = gateOf("off", [list]);
    const text = mt103({ sender: from, receiver: to, reference: "HIT", beneficiary: listedName });
    expect(gate.screen(read(text), text, undefined)).toEqual({ initialStatus: "queued",
      hold: undefined });
    expect(gate.status()).toEqual({ mode: "off", lists: [{ id: "test-sdn", version: "v1",
      entities: 1 }], acceptsPayments: true });
    expect(gateOf("off", []).status()).toEqual({ mode: "off", lists: [],
      acceptsPayments: true });
  });
});

describe("createScreeningGate() setLists()", () => {
  it("takes effect for the next message, both ways", () => {
    const gate = gateOf("enforced", []);
    const hit = mt103({ sender: from, receiver: to, reference: "HIT", beneficiary: listedName });
    expect(gate.screen(read(hit), hit, undefined)).toMatchObject({ status: "NAK",
      code: "screening-unavailable" });
    gate.setLists([list]);
    expect(gate.status().acceptsPayments).toBe(true);
    expect(gate.screen(read(hit), hit, undefined)).toMatchObject({ initialStatus: "held" });
    // A version that delisted the name no longer holds it...
    const other = { ...list.entities[0]!, id: "E-other",
      names: [{ full: "Somebody Else Entirely", kind: "primary" as const, weak: false }] };
    gate.setLists([{ ...list, version: "v2", entities: [other] }]);
    expect(gate.status().lists).toEqual([{ id: "test-sdn", version: "v2", entities: 1 }]);
    expect(gate.screen(read(hit), hit, undefined)).toMatchObject({ initialStatus: "queued" });
    // ...and a version with no entity at all screens nothing, so it is no list in force.
    gate.setLists([{ ...list, version: "v3", entities: [] }]);
    expect(gate.status().acceptsPayments).toBe(false);
    expect(gate.screen(read(hit), hit, undefined)).toMatchObject({ status: "NAK",
      code: "screening-unavailable" });
    gate.setLists([]);
    expect(gate.status().acceptsPayments).toBe(false);
    expect(gate.screen(read(hit), hit, undefined)).toMatchObject({ status: "NAK",
      code: "screening-unavailable" });
  });

  it("asserts that a list is in force once", () => {
    expect(() => gateOf("enforced", []).setLists([list, list])).toThrow(AssertionError);
  });
});
