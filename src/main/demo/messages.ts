// The demo's message builders: MT103 and MT202 COV through a correspondent, MT199 status
// replies, MT940 statements, and their ISO 20022 forms (pacs.008, pacs.009 COV, camt.053)
// through the project's own translator. Every message is checked again by the hub at intake.
import { buildMt, formatMtAmount, renderMt, translate } from "../../standards/index.js";
import type { MtFieldInput } from "../../standards/index.js";

export interface Party {
  readonly name: string;
  readonly street: string;
  readonly town: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly account: string;
}

export interface PaymentDraft {
  readonly sender: string;
  readonly receiver: string;
  readonly reference: string;
  readonly uetr: string;
  readonly currency: string;
  readonly minorUnits: bigint;
  /** YYMMDD value date. */
  readonly valueDate: string;
  readonly ordering: Party;
  readonly beneficiary: Party;
  readonly remittance: string;
}

/** Option F (structured): CBPR+ wants town and country for every party from November 2026. */
function partyLines(party: Party): string[] {
  return [`/${party.account}`, `1/${party.name.slice(0, 33)}`, `2/${party.street.slice(0, 33)}`,
    `3/${party.country}/${party.town.slice(0, 30)}`];
}

function amount(draft: { currency: string; minorUnits: bigint }): string {
  return formatMtAmount({ currency: draft.currency, minorUnits: draft.minorUnits });
}

export function mt103(draft: PaymentDraft): string {
  const fields: MtFieldInput[] = [
    { tag: "20", value: draft.reference }, { tag: "23B", value: "CRED" },
    { tag: "32A", value: `${draft.valueDate}${draft.currency}${amount(draft)}` },
    { tag: "33B", value: `${draft.currency}${amount(draft)}` },
    { tag: "50F", value: partyLines(draft.ordering) },
    { tag: "59F", value: partyLines(draft.beneficiary) },
    { tag: "70", value: draft.remittance.slice(0, 35) }, { tag: "71A", value: "SHA" },
  ];
  return renderMt(buildMt({ sender: draft.sender, receiver: draft.receiver, messageType: "103",
    userHeader: [{ tag: "121", value: draft.uetr }], fields }));
}

/** The cover for a payment sent direct: the sender's correspondent pays the receiver. */
export function mt202Cov(draft: PaymentDraft, cover: { correspondent: string; reference: string }):
  string {
  const fields: MtFieldInput[] = [
    { tag: "20", value: cover.reference }, { tag: "21", value: draft.reference },
    { tag: "32A", value: `${draft.valueDate}${draft.currency}${amount(draft)}` },
    { tag: "58A", value: draft.receiver },
    { tag: "50F", value: partyLines(draft.ordering) },
    { tag: "59F", value: partyLines(draft.beneficiary) },
    { tag: "70", value: draft.remittance.slice(0, 35) },
  ];
  return renderMt(buildMt({ sender: draft.sender, receiver: cover.correspondent,
    messageType: "202", userHeader: [{ tag: "119", value: "COV" },
      { tag: "121", value: draft.uetr }], fields }));
}

/** A free-format status reply about a received payment. */
export function mt199(input: { sender: string; receiver: string; reference: string;
  related: string; text: string }): string {
  return renderMt(buildMt({ sender: input.sender, receiver: input.receiver, messageType: "199",
    fields: [{ tag: "20", value: input.reference }, { tag: "21", value: input.related },
      { tag: "79", value: input.text.slice(0, 50) }] }));
}

/** A correspondent's end-of-day statement of a client's nostro account. */
export function mt940(input: { sender: string; receiver: string; reference: string;
  account: string; currency: string; date: string; openingMinor: bigint;
  entries: readonly { minorUnits: bigint; reference: string }[] }): string {
  let balance = input.openingMinor;
  const lines: MtFieldInput[] = [];
  for (const entry of input.entries) {
    balance += entry.minorUnits;
    const mark = entry.minorUnits < 0n ? "D" : "C";
    const abs = entry.minorUnits < 0n ? -entry.minorUnits : entry.minorUnits;
    lines.push({ tag: "61", value: `${input.date}${mark}${amount({ currency: input.currency,
      minorUnits: abs })}NTRF${entry.reference.slice(0, 16)}//${entry.reference.slice(0, 16)}` });
  }
  const balanceField = (minor: bigint) => `${minor < 0n ? "D" : "C"}${input.date}` +
    `${input.currency}${amount({ currency: input.currency, minorUnits: minor < 0n ? -minor
      : minor })}`;
  return renderMt(buildMt({ sender: input.sender, receiver: input.receiver, messageType: "940",
    fields: [{ tag: "20", value: input.reference }, { tag: "25", value: input.account },
      { tag: "28C", value: "1/1" }, { tag: "60F", value: balanceField(input.openingMinor) },
      ...lines, { tag: "62F", value: balanceField(balance) }] }));
}

/** The ISO 20022 form of an MT message (pacs.008, pacs.009 COV, camt.053), when it maps. */
export function asMx(mtText: string, createdAt: string): string | undefined {
  const translated = translate(mtText, "mx", { createdAt });
  return translated.ok ? translated.value.text : undefined;
}
