// Component models shared by ISO 20022 messages (amount, account, postal address, agent,
// party) with readers from the element tree and builders back to elements.
import { assert } from "../../lib/index.js";
import { at, attributeOf, childrenOf, container, el, textAt } from "./tree.js";
import type { XmlElement } from "./xml.js";

/** An amount exactly as ISO 20022 writes it: a decimal string and an ISO 4217 currency. */
export interface MxAmount {
  readonly currency: string;
  readonly value: string;
}

export interface MxAccount {
  readonly iban?: string;
  /** Any other identification (Othr/Id), e.g. a domestic account number. */
  readonly other?: string;
}

export interface MxPostalAddress {
  readonly department?: string;
  readonly streetName?: string;
  readonly buildingNumber?: string;
  readonly postCode?: string;
  readonly townName?: string;
  readonly countrySubDivision?: string;
  readonly country?: string;
  readonly addressLines: readonly string[];
}

/** A financial institution: BranchAndFinancialInstitutionIdentification6. */
export interface MxAgent {
  readonly bic?: string;
  readonly clearingSystem?: string;
  readonly clearingMemberId?: string;
  readonly lei?: string;
  readonly name?: string;
  readonly address?: MxPostalAddress;
}

/** A party (PartyIdentification135): name, address and one identifier. */
export interface MxParty {
  readonly name?: string;
  readonly address?: MxPostalAddress;
  readonly anyBic?: string;
  readonly lei?: string;
  /** Organisation or private identification (Othr/Id). */
  readonly otherId?: string;
  readonly country?: string;
}

type Optional<T> = { -readonly [K in keyof T]?: T[K] | undefined };

/** Copies only the defined values, as exactOptionalPropertyTypes requires. */
export function defined<T extends object>(value: Optional<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = entry;
  return out as T;
}

export function readAmount(element: XmlElement | undefined): MxAmount | undefined {
  if (element === undefined) return undefined;
  return { currency: attributeOf(element, "Ccy") ?? "", value: element.text.trim() };
}

export function buildAmount(name: string, amount: MxAmount | undefined): XmlElement | undefined {
  if (amount === undefined) return undefined;
  assert(amount.value !== "", "an amount has a value");
  return el(name, amount.value, { attributes: [{ name: "Ccy", value: amount.currency }] });
}

export function readAccount(element: XmlElement | undefined): MxAccount | undefined {
  if (element === undefined) return undefined;
  return defined<MxAccount>({ iban: textAt(element, "Id/IBAN"),
    other: textAt(element, "Id/Othr/Id") });
}

export function buildAccount(name: string, account: MxAccount | undefined): XmlElement | undefined {
  if (account === undefined) return undefined;
  const id = account.iban !== undefined ? el("IBAN", account.iban)
    : el("Othr", [el("Id", account.other)]);
  return el(name, [el("Id", [id])]);
}

export function readAddress(element: XmlElement | undefined): MxPostalAddress | undefined {
  if (element === undefined) return undefined;
  return defined<MxPostalAddress>({
    department: textAt(element, "Dept"),
    streetName: textAt(element, "StrtNm"),
    buildingNumber: textAt(element, "BldgNb"),
    postCode: textAt(element, "PstCd"),
    townName: textAt(element, "TwnNm"),
    countrySubDivision: textAt(element, "CtrySubDvsn"),
    country: textAt(element, "Ctry"),
    addressLines: childrenOf(element, "AdrLine").map((line) => line.text),
  });
}

export function buildAddress(address: MxPostalAddress | undefined): XmlElement | undefined {
  if (address === undefined) return undefined;
  return el("PstlAdr", [
    el("Dept", address.department), el("StrtNm", address.streetName),
    el("BldgNb", address.buildingNumber), el("PstCd", address.postCode),
    el("TwnNm", address.townName), el("CtrySubDvsn", address.countrySubDivision),
    el("Ctry", address.country), ...address.addressLines.map((line) => el("AdrLine", line)),
  ]);
}

export function readAgent(element: XmlElement | undefined): MxAgent | undefined {
  const institution = at(element, "FinInstnId");
  if (institution === undefined) return undefined;
  return defined<MxAgent>({
    bic: textAt(institution, "BICFI"),
    clearingSystem: textAt(institution, "ClrSysMmbId/ClrSysId/Cd"),
    clearingMemberId: textAt(institution, "ClrSysMmbId/MmbId"),
    lei: textAt(institution, "LEI"),
    name: textAt(institution, "Nm"),
    address: readAddress(at(institution, "PstlAdr")),
  });
}

export function buildAgent(name: string, agent: MxAgent | undefined): XmlElement | undefined {
  if (agent === undefined) return undefined;
  const clearing = agent.clearingMemberId === undefined ? undefined : el("ClrSysMmbId", [
    el("ClrSysId", [el("Cd", agent.clearingSystem)]), el("MmbId", agent.clearingMemberId)]);
  return container(name, [container("FinInstnId", [el("BICFI", agent.bic), clearing,
    el("LEI", agent.lei), el("Nm", agent.name), buildAddress(agent.address)])]);
}

export function readParty(element: XmlElement | undefined): MxParty | undefined {
  if (element === undefined) return undefined;
  return defined<MxParty>({
    name: textAt(element, "Nm"),
    address: readAddress(at(element, "PstlAdr")),
    anyBic: textAt(element, "Id/OrgId/AnyBIC"),
    lei: textAt(element, "Id/OrgId/LEI"),
    otherId: textAt(element, "Id/OrgId/Othr/Id") ?? textAt(element, "Id/PrvtId/Othr/Id"),
    country: textAt(element, "CtryOfRes"),
  });
}

export function buildParty(name: string, party: MxParty | undefined): XmlElement | undefined {
  if (party === undefined) return undefined;
  const organisation = el("OrgId", [el("AnyBIC", party.anyBic), el("LEI", party.lei),
    el("Othr", [el("Id", party.otherId)])]);
  return container(name, [el("Nm", party.name), buildAddress(party.address),
    el("Id", [organisation]), el("CtryOfRes", party.country)]);
}
