// Tests for ISO 9362 BIC parsing.
import { describe, expect, it } from "vitest";
import { bic8Of, countryOfBic, headOfficeOf, parseBic } from "./bic.js";

describe("parseBic()", () => {
  it("accepts a BIC8 and returns its BIC11 head office form", () => {
    const result = parseBic("DEUTDEFF");
    expect(result).toEqual({ ok: true, value: "DEUTDEFFXXX" });
  });
  it("accepts a BIC11 with a branch", () => {
    expect(parseBic("DEUTDEFF500")).toEqual({ ok: true, value: "DEUTDEFF500" });
  });
  it.each(["DEUT", "deutdeff", "DEUTDEFF5", "1EUTDEFF", "DEUT1EFF", "DEUTDEFF50000"])(
    "rejects %s", (text) => {
      const result = parseBic(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.code).toBe("bic-format-invalid");
    });
  it("gives the BIC8, head office and country of a BIC", () => {
    const result = parseBic("SABRRUMM012");
    if (!result.ok) throw new Error("expected a BIC");
    expect(bic8Of(result.value)).toBe("SABRRUMM");
    expect(headOfficeOf(result.value)).toBe("SABRRUMMXXX");
    expect(countryOfBic(result.value)).toBe("RU");
  });
});
