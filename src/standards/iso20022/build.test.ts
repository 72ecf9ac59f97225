// Unit tests of buildMx() for every supported message: a typed model becomes a schema-valid
// CBPR+ message whose model reads back unchanged.
import { describe, expect, it } from "vitest";
import type { MxBody } from "./build.js";
import { buildMx } from "./build.js";
import { readMxBody } from "./models.js";
import { checkMx, parseMx } from "./mx.js";

const header = { from: "BANKBEBBXXX", to: "BANKDEFFXXX", createdAt: "2026-11-26T10:00:00+00:00" };
const uetr = "8a562c67-ca16-48ba-b074-65581be6f001";
const at = "2026-11-26T10:00:00+00:00";
const eur = { currency: "EUR", value: "100.25" };
const original = { originalMessageId: "M-1", originalMessageType: "pacs.008.001.08",
  originalInstructionId: "I-1", originalEndToEndId: "E-1", originalUetr: uetr };
const address = { townName: "BERLIN", country: "DE", addressLines: ["HAUPTSTRASSE 5"] };
const settlement = {
  messageId: "M-1", createdAt: at, settlementMethod: "INDA", instructionId: "M-1",
  endToEndId: "E-1", uetr, settlementAmount: eur, settlementDate: "2026-11-26",
  instructingAgent: { bic: "BANKBEBBXXX" }, instructedAgent: { bic: "BANKDEFFXXX" },
  instructionsForCreditorAgent: [], instructionsForNextAgent: [], remittance: ["INVOICE 1"],
};
const statement = {
  messageId: "S-1", createdAt: at, statementId: "S-1", account: { iban: "BE71096123456769" },
  balances: [{ type: "OPBD", amount: eur, creditDebit: "CRDT", date: "2026-11-25" }],
  entries: [{ amount: eur, creditDebit: "DBIT", status: "BOOK", valueDate: "2026-11-26",
    bankTransactionCode: "NTRF", endToEndId: "E-1" }],
};

const bodies: readonly MxBody[] = [
  { type: "pacs.008.001.08", model: { ...settlement, chargeBearer: "SHAR", charges: [],
    debtor: { name: "ACME", address }, creditor: { name: "MUELLER", address },
    debtorAgent: { bic: "BANKBEBBXXX" }, creditorAgent: { bic: "BANKDEFFXXX" },
    regulatoryReporting: [] } },
  { type: "pacs.009.001.08", model: { ...settlement, remittance: [],
    debtor: { bic: "BANKBEBBXXX" }, creditor: { bic: "BANKUS33XXX" } } },
  { type: "pacs.009.001.08", model: { ...settlement, remittance: [],
    debtor: { bic: "BANKBEBBXXX" }, creditor: { bic: "BANKUS33XXX" },
    underlying: { debtor: { name: "ACME", address }, creditor: { name: "ROE", address },
      debtorAgent: { bic: "BANKBEBBXXX" }, creditorAgent: { bic: "BANKUS33XXX" },
      remittance: ["INVOICE 2"], instructionsForNextAgent: [] } } },
  { type: "pacs.002.001.10", model: { ...original, messageId: "R-1", createdAt: at,
    status: "RJCT", reasonCode: "AC04", additionalInformation: ["ACCOUNT CLOSED"] } },
  { type: "pacs.004.001.09", model: { ...original, messageId: "R-2", createdAt: at,
    settlementMethod: "INDA", returnedAmount: eur, settlementDate: "2026-11-26",
    chargeBearer: "SHAR", reasonCode: "AC04", additionalInformation: [] } },
  { type: "camt.056.001.08", model: { ...original, assignmentId: "C-1",
    assigner: { bic: "BANKBEBBXXX" }, assignee: { bic: "BANKDEFFXXX" }, createdAt: at,
    caseId: "C-1", caseCreator: { bic: "BANKBEBBXXX" }, reasonCode: "DUPL",
    additionalInformation: [] } },
  { type: "camt.029.001.09", model: { ...original, assignmentId: "A-1",
    assigner: { bic: "BANKDEFFXXX" }, assignee: { bic: "BANKBEBBXXX" }, createdAt: at,
    resolvedCaseId: "C-1", resolvedCaseCreator: { bic: "BANKBEBBXXX" }, confirmation: "CNCL",
    transactionStatus: "ACCR",
    additionalInformation: [] } },
  { type: "camt.052.001.08", model: statement },
  { type: "camt.053.001.08", model: statement },
  { type: "camt.054.001.08", model: { ...statement, balances: [] } },
];

describe("buildMx()", () => {
  for (const body of bodies) {
    it(`buildMx() builds a valid ${body.type} that reads back unchanged`, () => {
      const built = buildMx(body, header);
      if (!built.ok) throw new Error(JSON.stringify(built.problems));
      expect(checkMx(built.value.xml)).toEqual([]);
      const parsed = parseMx(built.value.xml);
      if (!parsed.ok) throw new Error("Cannot parse the built message");
      expect(readMxBody(parsed.value)).toEqual(body);
      expect(parsed.value.header?.businessMessageId).toBe(
        "assignmentId" in body.model ? body.model.assignmentId : body.model.messageId);
    });
  }

  it("buildMx() refuses a model that cannot be schema-valid, with the path", () => {
    const body: MxBody = { type: "pacs.008.001.08", model: { ...settlement, chargeBearer: "XX",
      charges: [], debtor: { name: "A" }, creditor: { name: "B" },
      debtorAgent: { bic: "BANKBEBBXXX" }, creditorAgent: { bic: "BANKDEFFXXX" },
      regulatoryReporting: [] } };
    const built = buildMx(body, header);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.problems[0]).toMatchObject({ code: "schema-invalid-value",
        location: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/ChrgBr" });
    }
  });
});
