// Unit tests of MT <-> MX translation with our own fixtures: mappings, losses and refusals.
import { describe, expect, it } from "vitest";
import { checkMx, parseMx, readMxBody } from "../iso20022/index.js";
import { checkMt } from "../mt/validate.js";
import { translate } from "./translate.js";

const uetr = "8a562c67-ca16-48ba-b074-65581be6f001";
const mt103 = [
  "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:" + uetr + "}}{4:",
  ":20:REF-0001", ":23B:CRED", ":32A:261126EUR1234,5", ":33B:EUR1234,5",
  ":50F:/BE71096123456769", "1/ACME TRADING NV", "2/RUE DE LA LOI 1", "3/BE/BRUSSELS",
  ":52A:BANKBEBB", ":57A:BANKDEFF",
  ":59F:/DE89370400440532013000", "1/MUELLER GMBH", "2/HAUPTSTRASSE 5", "3/DE/BERLIN",
  ":70:/ROC/E2E-77/INV 2026-11", ":71A:SHA", ":72:/INS/ABNANL2A", "-}",
].join("\r\n");

const mt202cov = [
  "{1:F01BANKBEBBAXXX0000000000}{2:I202BANKDEFFXXXXN}{3:{119:COV}{121:" + uetr + "}}{4:",
  ":20:COV-0001", ":21:E2E-1", ":32A:261126USD1000,", ":52A:BANKBEBB", ":57A:CITIUS33",
  ":58A:BANKUS33", ":50K:/123456", "JOHN DOE", ":59:/987654", "JANE ROE", ":70:INVOICE 1",
  "-}",
].join("\r\n");

describe("translate()", () => {
  it("translate() maps an MT103 to a valid pacs.008 with the CBPR+ conventions", () => {
    const result = translate(mt103, "mx");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe("pacs.008.001.08");
    expect(checkMx(result.value.text)).toEqual([]);
    const parsed = parseMx(result.value.text);
    if (!parsed.ok) throw new Error("Cannot parse the translation");
    const body = readMxBody(parsed.value);
    if (body.type !== "pacs.008.001.08") throw new Error("Cannot see a pacs.008");
    expect(body.model).toMatchObject({
      messageId: "REF-0001", instructionId: "REF-0001", endToEndId: "E2E-77", uetr,
      settlementAmount: { currency: "EUR", value: "1234.5" }, settlementDate: "2026-11-26",
      chargeBearer: "SHAR", previousInstructingAgent: { bic: "ABNANL2A" },
      debtor: { name: "ACME TRADING NV", address: { townName: "BRUSSELS", country: "BE" } },
      debtorAccount: { iban: "BE71096123456769" },
      creditorAccount: { iban: "DE89370400440532013000" },
    });
    expect(parsed.value.header?.from).toBe("BANKBEBBXXX");
  });

  it("translate() brings a pacs.008 back to an MT103 the MT validator accepts", () => {
    const mx = translate(mt103, "mx");
    if (!mx.ok) throw new Error("Cannot translate to MX");
    const back = translate(mx.value.text, "mt");
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.type).toBe("MT103");
    expect(checkMt(back.value.text)).toEqual([]);
    expect(back.value.text).toContain(":50F:/BE71096123456769\r\n1/ACME TRADING NV");
    expect(back.value.text).toContain("{121:" + uetr + "}");
  });

  it("translate() reports truncation of a long MX name when going to MT", () => {
    const mx = translate(mt103, "mx");
    if (!mx.ok) throw new Error("Cannot translate to MX");
    const long = "A VERY LONG CREDITOR NAME THAT DOES NOT FIT INTO THIRTY FIVE COLUMNS " +
      "AND GOES ON FOR QUITE A WHILE LONGER THAN TWO LINES OF MT";
    const edited = mx.value.text.replace("<Nm>MUELLER GMBH</Nm>", `<Nm>${long}</Nm>`);
    const back = translate(edited, "mt");
    if (!back.ok) throw new Error("Cannot translate back");
    expect(back.value.losses.some((loss) => loss.where === ":59a:" &&
      loss.what.startsWith("truncated"))).toBe(true);
  });

  it("translate() maps MT202 COV to pacs.009 COV with the underlying customer transfer", () => {
    const result = translate(mt202cov, "mx");
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const parsed = parseMx(result.value.text);
    if (!parsed.ok) throw new Error("Cannot parse");
    const body = readMxBody(parsed.value);
    if (body.type !== "pacs.009.001.08") throw new Error("Cannot see a pacs.009");
    expect(body.model.underlying?.debtor.name).toBe("JOHN DOE");
    expect(body.model.creditor.bic).toBe("BANKUS33");
    expect(parsed.value.header?.businessService).toBe("swift.cbprplus.cov.02");
    const back = translate(result.value.text, "mt");
    if (!back.ok) throw new Error("Cannot translate back");
    expect(back.value.type).toBe("MT202COV");
    expect(checkMt(back.value.text)).toEqual([]);
  });

  it("translate() logs dropped fields that pacs.008 cannot carry", () => {
    const withTime = mt103.replace(":20:REF-0001", ":13C:/SNDTIME/1200+0100\r\n:20:REF-0001");
    const result = translate(withTime, "mx");
    if (!result.ok) throw new Error("Cannot translate");
    expect(result.value.losses).toContainEqual({ where: ":13C:",
      what: "dropped \"/SNDTIME/1200+0100\": not carried by this translation" });
  });

  it("translate() refuses unsupported types and same-format requests with a reason", () => {
    const mt101 = mt103.replace("I103", "I101");
    const refused = translate(mt101, "mx");
    expect(refused.ok ? "" : refused.problems[0]?.code).toBe("translate-not-supported");
    const same = translate(mt103, "mt");
    expect(same.ok ? "" : same.problems[0]?.code).toBe("translate-same-format");
  });

  it("translate() maps an MT940 statement to camt.053 and back", () => {
    const mt940 = ["{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:", ":20:STMT-1",
      ":25:BE71096123456769", ":28C:7/1", ":60F:C261125EUR100,",
      ":61:2611261126D25,5NTRFREF-1//B-1",
      ":86:RENT", ":62F:C261126EUR74,5", "-}"].join("\r\n");
    const result = translate(mt940, "mx");
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.type).toBe("camt.053.001.08");
    const back = translate(result.value.text, "mt");
    if (!back.ok) throw new Error("Cannot translate back");
    expect(back.value.text).toContain(":61:2611261126D25,5NTRFREF-1//B-1");
    expect(back.value.text).toContain(":62F:C261126EUR74,5");
    expect(checkMt(back.value.text)).toEqual([]);
  });
});
