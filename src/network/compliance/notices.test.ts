// Unit tests of rejectionNotice(): the pacs.002 passes the MX checks for every kind of hub BIC,
// the MT 199 passes the MT checks, and neither quotes the officer's note.
import { describe, expect, it } from "vitest";
import { checkMt, checkMx, parseMx, readMxBody } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import type { MessageId } from "../types.js";
import type { CaseRecord } from "./case.js";
import { corridorBic, rejectionNotice } from "./notices.js";

const uetr = "e3b0c442-98fc-4c14-9afb-000000000007";
const note = "true match, SDN E1 KUZNETSOV";
const at = "2026-11-26T10:15:00.000Z";

function rejected(format: "MT" | "MX"): CaseRecord {
  return {
    id: "C01JH0000000000000000000042", messageId: "01JH0000000000000000000042" as MessageId,
    sender: "EUBKDEFFXXX" as Bic, receiver: "USBKUS33XXX" as Bic, format,
    type: format === "MX" ? "pacs.008.001.08" : "MT103", reference: "HIT-7", uetr,
    status: "rejected", openedBy: "intake", openedAt: 0, hits: [], proposedBy: undefined,
    proposedAt: undefined, decidedBy: "anna", decidedAt: 1, notes: [{ by: "anna", at: 1,
      text: note }], version: 2, updatedAt: 1, updatedBy: "anna",
  };
}

describe("rejectionNotice()", () => {
  const hubs: readonly (readonly [string, Bic])[] = [
    ["the default hub BIC", corridorBic],
    ["a hub BIC8 with a real country", "CLRHDEFF" as Bic],
    ["a hub branch BIC11", "CRDRCHBB100" as Bic],
    ["a hub BIC in Kosovo (XK, which SWIFT uses)", "CLRHXKPR" as Bic],
  ];

  it.each(hubs)("rejectionNotice() builds a pacs.002 RJCT that passes checkMx() from %s",
    (_, hub) => {
      const xml = rejectionNotice({ record: rejected("MX"), at, reason: note,
        ...(hub === corridorBic ? {} : { hub }) });
      expect(checkMx(xml)).toEqual([]);
      const parsed = parseMx(xml);
      if (!parsed.ok) throw new Error("Cannot parse the notice");
      expect(parsed.value.header).toMatchObject({ from: hub, to: "EUBKDEFFXXX",
        messageDefinition: "pacs.002.001.10" });
      expect(readMxBody(parsed.value)).toMatchObject({ type: "pacs.002.001.10", model: {
        status: "RJCT", reasonCode: "RR04", originalMessageId: "HIT-7",
        originalMessageType: "pacs.008.001.08", originalUetr: uetr } });
    });

  it("rejectionNotice() never quotes the officer's note, in MX or MT", () => {
    for (const format of ["MX", "MT"] as const) {
      const text = rejectionNotice({ record: rejected(format), at, reason: note });
      expect(text.toUpperCase()).not.toContain("KUZNETSOV");
      expect(text.toUpperCase()).not.toContain("SDN");
    }
  });

  it("rejectionNotice() builds an MT 199 /REJT/ that passes checkMt() from the hub BIC", () => {
    const text = rejectionNotice({ record: rejected("MT"), at, reason: note });
    expect(checkMt(text)).toEqual([]);
    expect(text).toContain(`{1:F01${corridorBic.slice(0, 8)}A${corridorBic.slice(8)}`);
    expect(text).toContain("{2:I199EUBKDEFFXXXXN}");
    expect(text).toContain(`{3:{121:${uetr}}}`);
    expect(text).toContain(":79:/REJT/SANCTIONS SCREENING");
  });

  it("rejectionNotice() refuses a hub BIC whose country is not ISO 3166 (no exemption)", () => {
    expect(() => rejectionNotice({ record: rejected("MX"), at, hub: "CRDRZZ22XXX" as Bic }))
      .toThrow(/"ZZ" is not a country code/);
  });
});
