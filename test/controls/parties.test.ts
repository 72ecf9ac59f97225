// Tests for party extraction: the facts are the same whether the message arrives as text or
// already parsed by the content validator (the intake hands it on to avoid a second parse).
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/network/index.js";
import { parseMt, parseMx } from "../../src/standards/index.js";
import { mt103, pacs008 } from "../support/messages.js";

const envelope = { sender: "BANKUS33XXX", receiver: "BANKJPJTXXX" };

describe("extractFacts()", () => {
  it("reads the same parties and amount from MT text and from the parsed MT", () => {
    const text = mt103({ ...envelope, reference: "P1" });
    const parsed = parseMt(text);
    if (!parsed.ok) throw new Error("expected a valid MT103");
    const fromText = extractFacts("MT", text, envelope);
    expect(fromText.parties.map((p) => p.value)).toContain("JANE ROE");
    expect(extractFacts("MT", text, { ...envelope,
      parsed: { format: "MT", message: parsed.value } })).toEqual(fromText);
  });

  it("reads the same parties and amount from MX text and from the parsed MX", () => {
    const text = pacs008({ ...envelope, reference: "P2" });
    const parsed = parseMx(text);
    if (!parsed.ok) throw new Error("expected a valid pacs.008");
    const fromText = extractFacts("MX", text, envelope);
    expect(fromText.parties.map((p) => p.value)).toContain("Jane Roe");
    expect(extractFacts("MX", text, { ...envelope,
      parsed: { format: "MX", message: parsed.value } })).toEqual(fromText);
  });
});
