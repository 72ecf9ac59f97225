// Party extraction: every name, BIC, account, address and free text a message carries, from any
// supported MT type (field by field, any option letter) or MX type (a walk of the Document).
import { assert } from "../../lib/index.js";
import { partiesPerMessageMax, partyTextCharsMax } from "../../limits.js";
import { moneyOf, parseMt, parseMx } from "../../standards/index.js";
import type { MtField, MtMessage, MxMessage, XmlElement } from "../../standards/index.js";
import type { ParsedContent } from "../ports.js";

export type PartyKind = "name" | "bic" | "account" | "address" | "free-text";

export interface MessageParty {
  readonly kind: PartyKind;
  /** What the party is: "50K ordering customer", "Cdtr", "CdtrAgt", "70 remittance" ... */
  readonly role: string;
  /** Where: an MT tag ("59F") or an XML path ("/Document/.../Cdtr/Nm"). */
  readonly location: string;
  readonly value: string;
  /** ISO 3166 country of the party, when the message gives one. */
  readonly country?: string;
  /** "YYYY-MM-DD" birth date of a person, when the message gives one (MT 50F line 4). */
  readonly birthDate?: string;
}

export interface MessageAmount {
  readonly currency: string;
  readonly minorUnits: bigint;
}

export interface MessageFacts {
  readonly parties: readonly MessageParty[];
  /** The interbank settlement amount (MT 32A/32B, MX IntrBkSttlmAmt), when there is one. */
  readonly amount: MessageAmount | undefined;
}

const mtRoles: Readonly<Record<string, string>> = {
  "50": "ordering customer", "51": "sending institution", "52": "ordering institution",
  "53": "sender's correspondent", "54": "receiver's correspondent",
  "55": "third reimbursement institution", "56": "intermediary", "57": "account with institution",
  "58": "beneficiary institution", "59": "beneficiary customer", "70": "remittance information",
  "72": "sender to receiver information", "77B": "regulatory reporting", "79": "narrative",
  "86": "information to account owner", "61": "statement line",
};

const freeTextTags = new Set(["70", "72", "77B", "79", "86"]);
const bicPattern = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Parties and amount of an MT or MX message; an unreadable message yields what could be read. */
export function extractFacts(
  format: "MT" | "MX",
  text: string,
  /** `parsed`, when given, is `text` already parsed by the content validator. */
  envelope: { sender: string; receiver: string; parsed?: ParsedContent | undefined },
): MessageFacts {
  const parties: MessageParty[] = [
    { kind: "bic", role: "sender", location: "sender", value: envelope.sender },
    { kind: "bic", role: "receiver", location: "receiver", value: envelope.receiver },
  ];
  const parsed = envelope.parsed;
  const amount = format === "MT"
    ? mtFacts(parsed?.format === "MT" ? parsed.message : parseMtMessage(text), parties)
    : mxFacts(parsed?.format === "MX" ? parsed.message : parseMxMessage(text), parties);
  assert(parties.length >= 2, "sender and receiver are always screened");
  return { parties: parties.slice(0, partiesPerMessageMax), amount };
}

function push(parties: MessageParty[], party: MessageParty): void {
  const value = party.value.trim().slice(0, partyTextCharsMax);
  if (value.length === 0 || parties.length >= partiesPerMessageMax) return;
  parties.push({ ...party, value });
}

// --- MT ---------------------------------------------------------------------------------------

function parseMtMessage(text: string): MtMessage | undefined {
  const parsed = parseMt(text);
  return parsed.ok ? parsed.value : undefined;
}

function parseMxMessage(text: string): MxMessage | undefined {
  const parsed = parseMx(text);
  return parsed.ok ? parsed.value : undefined;
}

function mtFacts(message: MtMessage | undefined, parties: MessageParty[]):
  MessageAmount | undefined {
  if (message === undefined) return undefined;
  const fields = mtFields(message);
  let amount: MessageAmount | undefined;
  for (const field of fields) {
    const number = field.tag.slice(0, 2);
    if (amount === undefined && (field.tag === "32A" || field.tag === "32B")) {
      const line = field.lines[0] ?? "";
      const offset = field.tag === "32A" ? 6 : 0;
      amount = moneyOf(line.slice(offset, offset + 3), line.slice(offset + 3));
    }
    if (freeTextTags.has(field.tag) || freeTextTags.has(number) && field.tag.length === 2) {
      mtFreeText(field, parties);
    } else if (/^5[0-9]/.test(number)) {
      mtPartyField(field, parties);
    }
  }
  return amount;
}

function mtFields(message: MtMessage): readonly MtField[] {
  return message.text?.kind === "fields" ? message.text.fields : [];
}

function mtFreeText(field: MtField, parties: MessageParty[]): void {
  const role = `${field.tag} ${mtRoles[field.tag] ?? mtRoles[field.tag.slice(0, 2)] ?? "text"}`;
  // 72 and 77B lines start with /CODE/ and continue with //; the code is not a name.
  const lines = field.lines.map((line) => line.replace(/^\/\/?([A-Z0-9]{1,8}\/)?/, ""));
  push(parties, { kind: "free-text", role, location: field.tag, value: lines.join(" ") });
}

function mtPartyField(field: MtField, parties: MessageParty[]): void {
  const option = field.tag.slice(2);
  const role = `${field.tag} ${mtRoles[field.tag.slice(0, 2)] ?? "party"}`;
  const at = { role, location: field.tag };
  let lines = [...field.lines];
  const first = lines[0] ?? "";
  if (first.startsWith("/") || (option === "F" && /^[A-Z]{4}\//.test(first))) {
    push(parties, { kind: "account", ...at, value: first.replace(/^\/([CD]\/)?/, "") });
    lines = lines.slice(1);
  }
  if (option === "A" || option === "") {
    const bic = lines[0] ?? "";
    if (option === "A" || bicPattern.test(bic)) {
      if (bicPattern.test(bic)) push(parties, { kind: "bic", ...at, value: bic });
      return;
    }
  }
  if (option === "F") { mtOptionF(lines, parties, at); return; }
  if (option === "B" || option === "C") {
    push(parties, { kind: "address", ...at, value: lines.join(" ") });
    return;
  }
  // Options K, D and no letter: name, then address lines.
  push(parties, { kind: "name", ...at, value: lines[0] ?? "" });
  push(parties, { kind: "address", ...at, value: lines.slice(1).join(" ") });
}

/** Option F (50F, 59F): numbered lines 1/ name, 2/ address, 3/ country/town, 4/ birth date. */
function mtOptionF(
  lines: readonly string[],
  parties: MessageParty[],
  at: { role: string; location: string },
): void {
  const byNumber = (n: string) => lines.filter((line) => line.startsWith(`${n}/`))
    .map((line) => line.slice(2));
  const country = /^([A-Z]{2})(\/|$)/.exec(byNumber("3")[0] ?? "")?.[1];
  const born = /^(\d{4})(\d{2})(\d{2})$/.exec(byNumber("4")[0] ?? "");
  push(parties, {
    kind: "name", ...at, value: byNumber("1").join(" "),
    ...(country === undefined ? {} : { country }),
    ...(born === null ? {} : { birthDate: `${born[1]}-${born[2]}-${born[3]}` }),
  });
  push(parties, { kind: "address", ...at, value: [...byNumber("2"), ...byNumber("3")].join(" ") });
}

// --- MX ---------------------------------------------------------------------------------------

const mxFreeTextElements = new Set(["Ustrd", "InstrInf", "AddtlInf", "AddtlRmtInf",
  "AddtlTxInf", "AddtlNtryInf", "RmtInf"]);

function mxFacts(message: MxMessage | undefined, parties: MessageParty[]):
  MessageAmount | undefined {
  if (message === undefined) return undefined;
  let amount: MessageAmount | undefined;
  // Depth-first walk with an explicit stack (no recursion over input; the tree is bounded).
  const stack: { element: XmlElement; path: string }[] = [
    { element: message.document, path: "/Document" }];
  while (stack.length > 0) {
    const entry = stack.pop();
    assert(entry !== undefined, "the stack is not empty");
    const { element, path } = entry;
    if (amount === undefined && element.name === "IntrBkSttlmAmt") {
      const currency = element.attributes.find((a) => a.name === "Ccy")?.value ?? "";
      amount = moneyOf(currency, element.text.replace(".", ","));
    }
    mxElement(element, path, parties);
    for (let index = element.children.length - 1; index >= 0; index -= 1) {
      const child = element.children[index];
      if (child !== undefined) stack.push({ element: child, path: `${path}/${child.name}` });
    }
  }
  return amount;
}

function mxElement(element: XmlElement, path: string, parties: MessageParty[]): void {
  const segments = path.split("/");
  const role = mxRole(segments);
  const location = path;
  const name = element.name === "PstlAdr" ? undefined
    : element.children.find((child) => child.name === "Nm");
  if (name !== undefined) {
    const country = countryOf(element);
    push(parties, { kind: "name", role: mxRole([...segments, "Nm"]), location: `${path}/Nm`,
      value: name.text, ...(country === undefined ? {} : { country }) });
  }
  switch (element.name) {
    case "BICFI": case "AnyBIC":
      push(parties, { kind: "bic", role, location, value: element.text });
      return;
    case "IBAN":
      push(parties, { kind: "account", role, location, value: element.text });
      return;
    case "PstlAdr":
      push(parties, { kind: "address", role, location,
        value: element.children.map((child) => child.text).join(" ") });
      return;
    default:
      if (mxFreeTextElements.has(element.name) && element.children.length === 0) {
        push(parties, { kind: "free-text", role, location, value: element.text });
      }
  }
}

/** The party an element belongs to: the nearest ancestor that is not a structural wrapper. */
function mxRole(segments: readonly string[]): string {
  const wrappers = new Set(["FinInstnId", "Pty", "Agt", "Nm", "BICFI", "AnyBIC", "Id", "OrgId",
    "PrvtId", "Othr", "IBAN", "PstlAdr", "Acct", "Ustrd", "RmtInf", "Strd"]);
  for (let index = segments.length - 2; index >= 0; index -= 1) {
    const name = segments[index] ?? "";
    if (!wrappers.has(name) && name !== "") return name;
  }
  return "Document";
}

/** The country of a party: its PstlAdr/Ctry, else its CtryOfRes, when present. */
function countryOf(party: XmlElement): string | undefined {
  const address = party.children.find((child) => child.name === "PstlAdr");
  const country = address?.children.find((child) => child.name === "Ctry") ??
    party.children.find((child) => child.name === "CtryOfRes");
  return country === undefined || !/^[A-Z]{2}$/.test(country.text) ? undefined : country.text;
}
