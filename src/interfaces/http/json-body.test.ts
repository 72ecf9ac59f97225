// parseJsonObject(): malformed text and non-objects are a body-invalid value, never an exception.
import { describe, expect, it } from "vitest";
import { parseJsonObject } from "./json-body.js";

describe("parseJsonObject()", () => {
  it("parseJsonObject() returns the object of well-formed JSON", () => {
    expect(parseJsonObject('{"bic":"BANKUS33XXX"}', "add participant"))
      .toEqual({ ok: true, value: { bic: "BANKUS33XXX" } });
  });

  it("parseJsonObject() answers body-invalid for malformed text, arrays and scalars", () => {
    for (const text of ["{", "", "not json", "[1]", "null", "42", '"text"']) {
      expect(parseJsonObject(text, "grant RMA")).toEqual({ ok: false, problems: [{
        code: "body-invalid", location: "body",
        message: "Cannot grant RMA: body must be a JSON object" }] });
    }
  });
});
