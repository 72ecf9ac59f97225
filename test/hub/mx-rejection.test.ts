// Compliance rejection of held payments: a pacs.008 held by screening is rejected through the
// console API and, separately, with `corridor case reject` against a hub process. The answer is
// a success, the message is never delivered, and the sender gets a schema-valid pacs.002 RJCT
// from the hub's BIC that does not quote the officer's note. MT still answers with an MT 199.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCorridorClient } from "../../src/client/index.js";
import { corridorBic } from "../../src/network/index.js";
import type { SanctionsList } from "../../src/screening/index.js";
import {
  checkMt, checkMx, parseMx, readMxBody, serializeXml,
} from "../../src/standards/index.js";
import { createControlsHub, payment } from "../support/controls.js";
import type { ControlsHub } from "../support/controls.js";
import { pacs008, testUetr } from "../support/messages.js";
import { distBuilt, jsonLines, runCli, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";
import {
  testdataPresent, xmllintPresent, xsdVerdict,
} from "../support/shared-testdata.js";

const eu = "EUBKDEFFXXX";
const us = "USBKUS33XXX";
const listed = "Zoran Fictivic";
const note = "True match: UN entry 1, same date of birth";
const noteWords = /TRUE MATCH|DATE OF BIRTH|UN ENTRY/i;

const unList: SanctionsList = { id: "test-un", title: "Test UN", format: "un-sc", version: "v1",
  entities: [{ id: "1", kind: "person", names: [{ full: "ZORAN FICTIVIC", kind: "primary",
    weak: false }], identifiers: [], countries: [], addresses: [], birthDates: [],
  programmes: ["TEST"] }] };

/** A valid pacs.008 from eu to us whose creditor is the listed person. */
function heldPacs008(reference: string, n: number): string {
  const clean = pacs008({ sender: eu, receiver: us, reference, uetr: testUetr(n) });
  const held = clean.replace("<Cdtr><Nm>Jane Roe</Nm>", `<Cdtr><Nm>${listed}</Nm>`);
  expect(held).not.toBe(clean);
  return held;
}

/** The sender's rejection notice for a pacs.008: valid by our checks and the ISO XSDs. */
function expectRejectionPacs002(xml: string, about: { reference: string; uetr: string }) {
  expect(checkMx(xml)).toEqual([]);
  const parsed = parseMx(xml);
  if (!parsed.ok) throw new Error("Cannot parse the rejection notice");
  expect(parsed.value.header).toMatchObject({ from: corridorBic, to: eu,
    messageDefinition: "pacs.002.001.10" });
  expect(readMxBody(parsed.value)).toMatchObject({ type: "pacs.002.001.10", model: {
    status: "RJCT", reasonCode: "RR04", originalMessageId: about.reference,
    originalMessageType: "pacs.008.001.08", originalUetr: about.uetr } });
  expect(xml).not.toMatch(noteWords);
  // The ISO XSDs via xmllint, where the shared test data and xmllint are installed.
  if (testdataPresent && xmllintPresent && parsed.value.appHdr !== undefined) {
    expect(xsdVerdict(serializeXml(parsed.value.appHdr), "head.001.001.02")).toBe("");
    expect(xsdVerdict(serializeXml(parsed.value.document), "pacs.002.001.10")).toBe("");
  }
}

function expectRejectionMt199(text: string, reference: string) {
  expect(checkMt(text)).toEqual([]);
  expect(text).toContain(`{1:F01${corridorBic.slice(0, 8)}A${corridorBic.slice(8)}`);
  expect(text).toContain(`{2:I199${eu.slice(0, 8)}X${eu.slice(8)}N}`);
  expect(text).toContain(":79:/REJT/SANCTIONS SCREENING");
  expect(text).toContain(reference);
  expect(text).not.toMatch(noteWords);
}

describe("rejecting a held payment through the console API", () => {
  let hub: ControlsHub | undefined;
  afterEach(async () => { await hub?.close(); hub = undefined; });

  async function setUp() {
    hub = await createControlsHub({ start: Date.UTC(2026, 10, 26, 9), lists: [unList] });
    await hub.addBank(eu);
    await hub.addBank(us);
    return { hub, anna: await hub.addAccount("anna", "compliance") };
  }

  /** The message's status as its sender reads it (GET /v1/messages/:id, signed). */
  async function statusOf(current: ControlsHub, id: string) {
    const bank = current.banks.get(eu);
    if (bank === undefined) throw new Error("Cannot find the sender's test bank");
    const target = `/v1/messages/${id}`;
    const response = await current.app.request(target, { method: "GET",
      headers: bank.signer.headersFor({ method: "GET", target, body: Buffer.alloc(0) }) });
    expect(response.status).toBe(200);
    return await response.json() as { status: string; osn: number | null };
  }

  async function rejectOnlyCase(current: ControlsHub, officer: string) {
    const open = await current.call(officer, { method: "GET", path: "/v1/cases?status=open" });
    const cases = open.json.cases as { id: string }[];
    expect(cases).toHaveLength(1);
    const caseId = cases[0]?.id ?? "";
    // Rejection is one officer's decision (the safe direction); release takes two.
    const rejected = await current.call(officer, { method: "POST",
      path: `/v1/cases/${caseId}/reject`, body: { note } });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ stage: "rejected", case: { status: "rejected" } });
    const shown = await current.call(officer, { method: "GET", path: `/v1/cases/${caseId}` });
    expect(shown.json).toMatchObject({ case: { status: "rejected", decidedBy: "anna" } });
  }

  it("POST /v1/cases/:id/reject on a held pacs.008 sends the sender a valid pacs.002 RJCT",
    async () => {
      const { hub, anna } = await setUp();
      const held = await hub.send(eu, heldPacs008("MXHIT1", 11));
      expect(held).toMatchObject({ status: "ACK", disposition: "held" });
      await rejectOnlyCase(hub, anna);
      expect(await statusOf(hub, String(held.id))).toMatchObject({ status: "rejected",
        osn: null });
      expect((await hub.inbox(us)).messages).toEqual([]);
      const notices = (await hub.inbox(eu)).messages;
      expect(notices.map((m) => m.type)).toEqual(["rejection-notification"]);
      expectRejectionPacs002(String(notices[0]?.payload),
        { reference: "MXHIT1", uetr: testUetr(11) });
    });

  it("POST /v1/cases/:id/reject on a held MT 103 still sends the sender an MT 199", async () => {
    const { hub, anna } = await setUp();
    const held = await hub.send(eu, payment({ from: eu, to: us, reference: "MTHIT1",
      beneficiary: listed.toUpperCase(), uetrN: 12 }));
    expect(held).toMatchObject({ status: "ACK", disposition: "held" });
    await rejectOnlyCase(hub, anna);
    expect(await statusOf(hub, String(held.id))).toMatchObject({ status: "rejected", osn: null });
    expect((await hub.inbox(us)).messages).toEqual([]);
    const notices = (await hub.inbox(eu)).messages;
    expect(notices.map((m) => m.type)).toEqual(["rejection-notification"]);
    expectRejectionMt199(String(notices[0]?.payload), "MTHIT1");
  });
});

const unXml = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>ZORAN</FIRST_NAME><SECOND_NAME>FICTIVIC</SECOND_NAME>
<UN_LIST_TYPE>Test</UN_LIST_TYPE></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;

describe.skipIf(!distBuilt())("corridor case reject (needs dist/: npm run build)", () => {
  const work = mkdtempSync(join(tmpdir(), "corridor-mx-reject-"));
  const data = join(work, "data");
  const account = join(data, "accounts", "anna.json");
  let hub: HubProcess | undefined;

  beforeAll(async () => {
    writeFileSync(join(work, "un.xml"), unXml);
    const imported = await runCli(["lists", "import", "--data", data, join(work, "un.xml")]);
    expect(imported.code, imported.stderr).toBe(0);
    hub = await startHubProcess(data, ["--screening", "enforced"]);
    for (const [bic, name] of [[eu, "eu"], [us, "us"]] as const) {
      expect((await runCli(["keygen", "--out", join(work, name)])).code).toBe(0);
      const added = await runCli(["participant", "add", "--bic", bic, "--name", name,
        "--public-key", join(work, `${name}.pub`), "--data", data]);
      expect(added.code, added.stderr).toBe(0);
    }
    const officer = await runCli(["account", "add", "--name", "anna", "--role", "compliance",
      "--data", data]);
    expect(officer.code, officer.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const asOfficer = ["--data", data, "--as-account", account];
  const inbox = async (bic: string, name: string) => jsonLines((await runCli(["inbox",
    "--as", bic, "--key", join(work, `${name}.key`), "--hub", hub?.url ?? "", "--wait", "1"]))
    .stdout);

  it("rejects held MX and MT payments with exit 0; the sender gets a pacs.002 and an MT 199",
    async () => {
      writeFileSync(join(work, "mx.xml"), heldPacs008("CLIMX1", 21));
      writeFileSync(join(work, "mt.txt"), payment({ from: eu, to: us, reference: "CLIMT1",
        beneficiary: listed.toUpperCase(), uetrN: 22 }));
      const sent = await runCli(["send", "--as", eu, "--key", join(work, "eu.key"),
        "--hub", hub?.url ?? "", join(work, "mx.xml"), join(work, "mt.txt")]);
      expect(sent.code, sent.stdout + sent.stderr).toBe(0);
      const answers = jsonLines(sent.stdout);
      expect(answers.map((a) => [a.status, a.disposition])).toEqual([["ACK", "held"],
        ["ACK", "held"]]);

      const open = jsonLines((await runCli(["case", "list", "--status", "open",
        ...asOfficer])).stdout)[0]?.cases as { id: string }[];
      expect(open).toHaveLength(2);
      for (const { id } of open) {
        const rejected = await runCli(["case", "reject", id, "--note", note, ...asOfficer]);
        expect(rejected.code, rejected.stdout + rejected.stderr).toBe(0);
        expect(jsonLines(rejected.stdout)[0]).toMatchObject({ stage: "rejected",
          case: { status: "rejected" } });
        const shown = await runCli(["case", "show", id, ...asOfficer]);
        expect(jsonLines(shown.stdout)[0]).toMatchObject({ case: { status: "rejected",
          decidedBy: "anna" } });
      }

      const client = createCorridorClient({ bic: eu, hubUrl: hub?.url ?? "",
        privateKeyPem: readFileSync(join(work, "eu.key"), "utf8") });
      for (const answer of answers) {
        expect(await client.status(String(answer.id))).toMatchObject({ status: "rejected",
          osn: null });
      }
      expect(await inbox(us, "us")).toEqual([]);
      const notices = await inbox(eu, "eu");
      expect(notices.map((m) => m.type)).toEqual(["rejection-notification",
        "rejection-notification"]);
      const payloads = notices.map((m) => String(m.payload));
      const mx = payloads.find((payload) => payload.startsWith("<"));
      const mt = payloads.find((payload) => payload.startsWith("{1:"));
      expectRejectionPacs002(mx ?? "", { reference: "CLIMX1", uetr: testUetr(21) });
      expectRejectionMt199(mt ?? "", "CLIMT1");
    }, 60_000);
});
