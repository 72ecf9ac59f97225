// The demo's messages must pass the hub's own intake checks, in MT and in MX form.
import { describe, expect, it } from "vitest";
import { checkMt, checkMx, readEnvelope } from "../../standards/index.js";
import { asMx, mt103, mt199, mt202Cov, mt940 } from "./messages.js";
import type { PaymentDraft } from "./messages.js";

const draft: PaymentDraft = {
  sender: "VOLGRUMMXXX", receiver: "RHEIDEFFXXX", reference: "DEMO-1", currency: "USD",
  uetr: "7c6e2b1a-4f3d-4c2b-9a1e-0123456789ab", minorUnits: 1_234_56n, valueDate: "260301",
  ordering: { name: "Anna Sidorova", street: "12 Lenina St", town: "Kazan", country: "RU",
    account: "40817810" },
  beneficiary: { name: "Fischer Maschinenbau GmbH", street: "Hafenstr 3", town: "Bremen",
    country: "DE", account: "DE89370400440532013000" },
  remittance: "INVOICE 4711",
};

function problemsOf(text: string): readonly { code: string }[] {
  const envelope = readEnvelope(text);
  expect(envelope.ok).toBe(true);
  return text.startsWith("{1:") ? checkMt(text) : checkMx(text);
}

describe("demo messages", () => {
  it("mt103() and its pacs.008 form pass intake checks", () => {
    const text = mt103(draft);
    expect(problemsOf(text)).toEqual([]);
    const mx = asMx(text, "2026-03-01T10:00:00Z");
    expect(mx).toContain("pacs.008");
    expect(problemsOf(mx ?? "")).toEqual([]);
  });

  it("mt202Cov() and its pacs.009 COV form pass intake checks", () => {
    const text = mt202Cov(draft, { correspondent: "HUDSUS33XXX", reference: "COV-1" });
    expect(problemsOf(text)).toEqual([]);
    const mx = asMx(text, "2026-03-01T10:00:00Z");
    expect(mx).toContain("pacs.009");
    expect(problemsOf(mx ?? "")).toEqual([]);
  });

  it("mt199() replies and mt940() statements (and camt.053) pass intake checks", () => {
    expect(problemsOf(mt199({ sender: "RHEIDEFFXXX", receiver: "VOLGRUMMXXX",
      reference: "ST-1", related: "DEMO-1", text: "CREDITED TO BENEFICIARY" }))).toEqual([]);
    const statement = mt940({ sender: "HUDSUS33XXX", receiver: "VOLGRUMMXXX",
      reference: "STMT-1", account: "HUDS-VOLG-USD", currency: "USD", date: "260301",
      openingMinor: 100_000_00n, entries: [{ minorUnits: -1_234_56n, reference: "DEMO-1" },
        { minorUnits: 50_00n, reference: "DEMO-2" }] });
    expect(problemsOf(statement)).toEqual([]);
    const mx = asMx(statement, "2026-03-01T18:00:00Z");
    expect(mx).toContain("camt.053");
    expect(problemsOf(mx ?? "")).toEqual([]);
  });
});
