// MT party and agent fields (50a, 52a-58a, 59a) to ISO 20022 parties, agents and accounts,
// and back. Name and address go from 4 x 35 characters to 140 + structured and back: every
// truncation is logged.
import type { MxAccount, MxAgent, MxParty, MxPostalAddress } from "../iso20022/common.js";
import { isValidIban } from "../iso20022/code-lists.js";
import type { MtField } from "../mt/model.js";
import { fitLines, toXCharacters, type LossLog } from "./losses.js";

/** A party field as written in MT: account line, BIC or name and address lines. */
export interface MtPartyText {
  readonly account?: string;
  readonly bic?: string;
  readonly name?: string;
  readonly addressLines: readonly string[];
  readonly country?: string;
  readonly town?: string;
}

/** MT clearing-code prefixes (//FW...) and their ISO 20022 clearing system codes. */
const clearingCodes: Readonly<Record<string, string>> = {
  FW: "USABA", SC: "GBDSC", BL: "DEBLZ", AT: "ATBLZ", AU: "AUBSB", CC: "CACPA", CH: "USPID",
  CP: "USPID", ES: "ESNCC", IT: "ITNCC", NZ: "NZNCC", PL: "PLKNR", RU: "RUCBC", SW: "CHBCC",
};

function optionOf(field: MtField): string {
  return field.tag.slice(2);
}

/** Reads an MT party or agent field (options A, B, C, D, F, K and no letter). */
export function readMtParty(field: MtField): MtPartyText {
  const lines = [...field.lines];
  let account: string | undefined;
  if (lines[0]?.startsWith("/") === true || (optionOf(field) === "F" && /^[A-Z]{4}\//
    .test(lines[0] ?? ""))) {
    account = lines.shift()?.replace(/^\/([CD]\/)?/, "");
  }
  const option = optionOf(field);
  if (option === "A") return { ...(account === undefined ? {} : { account }),
    bic: lines[0] ?? "", addressLines: [] };
  if (option === "F") return readStructured(lines, account);
  const [name, ...addressLines] = lines;
  return { ...(account === undefined ? {} : { account }),
    ...(name === undefined ? {} : { name }), addressLines };
}

function readStructured(lines: readonly string[], account: string | undefined): MtPartyText {
  const names: string[] = [];
  const address: string[] = [];
  let country: string | undefined;
  let town: string | undefined;
  for (const line of lines) {
    const [number, ...rest] = line.split("/");
    const value = rest.join("/");
    if (number === "1") names.push(value);
    else if (number === "2") address.push(value);
    else if (number === "3") {
      country = rest[0];
      town = rest.slice(1).join("/");
    }
  }
  return { ...(account === undefined ? {} : { account }), name: names.join(" "),
    addressLines: address, ...(country === undefined ? {} : { country }),
    ...(town === undefined || town === "" ? {} : { town }) };
}

export function mxAccountOf(account: string | undefined): MxAccount | undefined {
  if (account === undefined || account === "" || account.startsWith("/")) return undefined;
  return isValidIban(account) ? { iban: account } : { other: account };
}

function mxAddressOf(text: MtPartyText): MxPostalAddress | undefined {
  if (text.addressLines.length === 0 && text.country === undefined) return undefined;
  return { ...(text.town === undefined ? {} : { townName: text.town }),
    ...(text.country === undefined ? {} : { country: text.country }),
    addressLines: text.addressLines.slice(0, 7) };
}

export function mxPartyOf(text: MtPartyText): MxParty {
  const address = mxAddressOf(text);
  return { ...(text.name === undefined ? {} : { name: text.name }),
    ...(address === undefined ? {} : { address }),
    ...(text.bic === undefined ? {} : { anyBic: text.bic }) };
}

export function mxAgentOf(text: MtPartyText): MxAgent {
  const clearing = /^\/([A-Z]{2})(.+)$/.exec(text.account ?? "");
  const system = clearing === null ? undefined : clearingCodes[clearing[1] ?? ""];
  const address = mxAddressOf(text);
  return {
    ...(text.bic === undefined ? {} : { bic: text.bic }),
    ...(system === undefined || clearing === null ? {} :
      { clearingSystem: system, clearingMemberId: clearing[2] ?? "" }),
    ...(text.name === undefined ? {} : { name: text.name }),
    ...(address === undefined ? {} : { address }),
  };
}

function accountLine(account: MxAccount | undefined): string | undefined {
  const id = account?.iban ?? account?.other;
  return id === undefined ? undefined : `/${id}`;
}

function addressText(address: MxPostalAddress | undefined): string[] {
  if (address === undefined) return [];
  const street = [address.streetName, address.buildingNumber].filter((p) => p !== undefined);
  const lines = [...(street.length > 0 ? [street.join(" ")] : []), ...address.addressLines];
  const place = [address.postCode, address.townName, address.countrySubDivision, address.country]
    .filter((part) => part !== undefined);
  return address.addressLines.length > 0 ? lines : [...lines, ...(place.length > 0
    ? [place.join(" ")] : [])];
}

/** Writes a party as MT option A (BIC), F (structured) or K / no letter (free format). */
export function mtPartyField(
  base: "50" | "59",
  party: { readonly party: MxParty; readonly account?: MxAccount | undefined },
  log: LossLog,
): { tag: string; value: string[] } {
  const { party: p, account } = party;
  const where = `:${base}a:`;
  const first = accountLine(account);
  if (p.anyBic !== undefined && p.name === undefined) {
    return { tag: `${base}A`, value: [...(first === undefined ? [] : [first]), p.anyBic] };
  }
  const address = p.address;
  if (address?.townName !== undefined && address.country !== undefined) {
    // Four lines after the identifier: up to two name lines, the rest street, then "3/".
    const names = fitLines([p.name ?? ""], { width: 33, linesMax: 2, where }, log)
      .map((line) => `1/${line}`);
    const streetParts = [address.streetName, address.buildingNumber]
      .filter((part) => part !== undefined).join(" ");
    const street = fitLines([...(streetParts === "" ? [] : [streetParts]), ...address.addressLines],
      { width: 33, linesMax: 3 - names.length, where }, log).map((line) => `2/${line}`);
    const place = toXCharacters(`3/${address.country}/${[address.townName, address.postCode]
      .filter((part) => part !== undefined).join(" ")}`, where, log);
    const lines = [...names, ...street, place.slice(0, 35)];
    if (place.length > 35) log.add(where, `truncated "${place.slice(35)}" of the town`);
    const identifier = first ?? (base === "50" ? "/NOTPROVIDED" : undefined);
    return { tag: `${base}F`,
      value: [...(identifier === undefined ? [] : [identifier]), ...lines] };
  }
  const text = fitLines([p.name ?? "", ...addressText(address)], { width: 35, linesMax: 4, where },
    log);
  return { tag: base === "50" ? "50K" : "59", value: [...(first === undefined ? [] : [first]),
    ...text] };
}

/** Writes an agent as MT option A (BIC) or D (name and address), with its account line. */
export function mtAgentField(
  base: string,
  agent: { readonly agent: MxAgent; readonly account?: MxAccount | undefined },
  log: LossLog,
): { tag: string; value: string[] } {
  const { agent: a, account } = agent;
  const clearing = a.clearingMemberId === undefined ? undefined : `//${Object.entries(clearingCodes)
    .find(([, code]) => code === a.clearingSystem)?.[0] ?? "XX"}${a.clearingMemberId}`;
  const first = accountLine(account) ?? clearing;
  if (a.bic !== undefined) {
    if (a.name !== undefined) {
      log.add(`:${base}A:`, `dropped name "${a.name}": option A has the BIC`);
    }
    return { tag: `${base}A`, value: [...(first === undefined ? [] : [first]), a.bic] };
  }
  const lines = fitLines([a.name ?? "", ...addressText(a.address)],
    { width: 35, linesMax: 4, where: `:${base}D:` }, log);
  return { tag: `${base}D`, value: [...(first === undefined ? [] : [first]), ...lines] };
}
