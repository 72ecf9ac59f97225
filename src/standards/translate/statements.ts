// MT <-> MX for cash management: MT940/950 <-> camt.053, MT941/942 <-> camt.052 and MT900/910
// <-> camt.054. Balances (60a/62a/64/65), entries (61 + 86) and notifications (32A, 72).
import { fail, ok, type Result } from "../../lib/index.js";
import type { MxBody } from "../iso20022/build.js";
import type { MxBalance, MxEntry, MxStatement, MxStatementType } from "../iso20022/camt-053.js";
import { fieldByTag, firstLine } from "../mt/field-access.js";
import type { MtField, MtMessage } from "../mt/model.js";
import { cut, fitLines, isoDate, mtAmountOf, mtDate, mxAmountOf, type LossLog }
  from "./losses.js";
import type { MtOut } from "./exceptions.js";
import type { MtFieldOut } from "./mt103.js";
import { mxAccountOf } from "./mt-parties.js";

const entryPattern =
  /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?([\d,]+)([NFS][A-Z0-9]{3})(.*?)(?:\/\/(.{0,16}))?$/;
const balanceTypes: Readonly<Record<string, string>> = {
  "60F": "OPBD", "60M": "OPBD", "62F": "CLBD", "62M": "CLBD", "64": "CLAV", "65": "FWAV",
};

function balanceOf(field: MtField): MxBalance {
  const line = firstLine(field);
  return { type: balanceTypes[field.tag] ?? "OPBD", creditDebit: line[0] === "D" ? "DBIT" : "CRDT",
    date: isoDate(line.slice(1, 7)), amount: { currency: line.slice(7, 10),
      value: mxAmountOf(line.slice(10)) } };
}

function entryOf(field: MtField, currency: string, next: MtField | undefined): MxEntry | undefined {
  const match = entryPattern.exec(firstLine(field));
  if (match === null) return undefined;
  const value = isoDate(match[1] ?? "");
  const mark = match[3] ?? "C";
  const reference = (match[7] ?? "").trim();
  const information = [...field.lines.slice(1), ...(next?.tag === "86" ? next.lines : [])]
    .join(" ").trim();
  return {
    amount: { currency, value: mxAmountOf(match[5] ?? "") },
    creditDebit: mark.endsWith("D") ? "DBIT" : "CRDT",
    ...(mark.startsWith("R") ? { reversal: true } : {}),
    status: "BOOK", valueDate: value,
    ...(match[2] === undefined ? {} : {
      bookingDate: `${value.slice(0, 4)}-${match[2].slice(0, 2)}-${match[2].slice(2, 4)}` }),
    bankTransactionCode: match[6] ?? "NMSC",
    ...(reference === "" || reference === "NONREF" ? {} : { endToEndId: reference }),
    ...(match[8] === undefined || match[8] === "" ? {} : { servicerReference: match[8] }),
    ...(information === "" ? {} : { additionalInformation: information.slice(0, 500) }),
  };
}

function statementType(mtType: string): MxStatementType | undefined {
  if (mtType === "940" || mtType === "950") return "camt.053.001.08";
  if (mtType === "941" || mtType === "942") return "camt.052.001.08";
  if (mtType === "900" || mtType === "910") return "camt.054.001.08";
  return undefined;
}

function notificationEntry(fields: readonly MtField[], credit: boolean, log: LossLog): MxEntry {
  const amount = firstLine(fieldByTag(fields, "32A"));
  for (const field of fields.filter((f) => /^(50|52|56)/.test(f.tag))) {
    log.add(`:${field.tag}:`, `dropped "${field.lines.join(" ")}": not carried by camt.054`);
  }
  const related = firstLine(fieldByTag(fields, "21"));
  const narrative = fieldByTag(fields, "72")?.lines.join(" ");
  return { amount: { currency: amount.slice(6, 9), value: mxAmountOf(amount.slice(9)) },
    creditDebit: credit ? "CRDT" : "DBIT", status: "BOOK", valueDate: isoDate(amount),
    bankTransactionCode: "NTRF", ...(related === "" ? {} : { endToEndId: related }),
    ...(narrative === undefined ? {} : { additionalInformation: narrative }) };
}

export function mtToStatement(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Result<MxBody> {
  const mtType = message.applicationHeader?.messageType ?? "";
  const type = statementType(mtType);
  if (type === undefined) {
    return fail("translate-not-supported", "block 2",
      `Cannot translate MT${mtType} to MX: no CBPR+ mapping for this message type`);
  }
  const balances = fields.filter((field) => balanceTypes[field.tag] !== undefined).map(balanceOf);
  const currency = balances[0]?.amount.currency ?? (fieldByTag(fields, "34F") === undefined
    ? firstLine(fieldByTag(fields, "32A")).slice(6, 9) : firstLine(fieldByTag(fields, "34F"))
      .slice(0, 3));
  const entries = fields.flatMap((field, index) => field.tag === "61"
    ? [entryOf(field, currency, fields[index + 1])].filter((e): e is MxEntry => e !== undefined)
    : []);
  for (const tag of ["34F", "90D", "90C", "25P", "28"]) {
    const field = fieldByTag(fields, tag);
    if (field !== undefined) log.add(`:${tag}:`, `dropped "${field.lines.join(" ")}"`);
  }
  const last = fields[fields.length - 1];
  const closing = last?.tag === "86" && fields[fields.length - 2]?.tag !== "61" ? last : undefined;
  const reference = firstLine(fieldByTag(fields, "20"));
  const timestamp = firstLine(fieldByTag(fields, "13D"));
  const account = mxAccountOf(firstLine(fieldByTag(fields, "25")));
  const model: MxStatement = {
    messageId: reference, statementId: reference,
    // 13D when given; otherwise the last balance or value date (MT statements carry no time).
    createdAt: timestamp === "" ? `${balances[balances.length - 1]?.date ??
      isoDate(firstLine(fieldByTag(fields, "32A")))}T00:00:00+00:00`
      : `${isoDate(timestamp)}T${timestamp.slice(6, 8)}:${timestamp.slice(8, 10)}:00${
        timestamp.slice(10, 13)}:${timestamp.slice(13, 15)}`,
    electronicSequenceNumber: String(Number(firstLine(fieldByTag(fields, "28C")).split("/")[0] ??
      "1") || 1),
    account: account ?? {}, ...(currency === "" ? {} : { accountCurrency: currency }),
    balances: type === "camt.054.001.08" ? [] : balances,
    entries: type === "camt.054.001.08" ? [notificationEntry(fields, mtType === "910", log)]
      : entries,
    ...(closing === undefined ? {}
      : { additionalInformation: closing.lines.join(" ").slice(0, 500) }),
  };
  return ok({ type, model });
}

function balanceField(balance: MxBalance, tag: string, log: LossLog): MtFieldOut {
  const amount = mtAmountOf(balance.amount.value) ?? "0,";
  if (mtAmountOf(balance.amount.value) === undefined) log.add(`:${tag}:`, "amount too long");
  return { tag, value: [`${balance.creditDebit === "DBIT" ? "D" : "C"}${
    mtDate(balance.date)}${balance.amount.currency}${amount}`] };
}

function entryFields(entry: MxEntry, log: LossLog): MtFieldOut[] {
  const mark = `${entry.reversal === true ? "R" : ""}${entry.creditDebit === "DBIT" ? "D" : "C"}`;
  const date = mtDate(entry.valueDate ?? entry.bookingDate ?? "");
  const booking = entry.bookingDate === undefined ? "" : `${entry.bookingDate.slice(5, 7)}${
    entry.bookingDate.slice(8, 10)}`;
  const code = /^[NFS][A-Z0-9]{3}$/.test(entry.bankTransactionCode) ? entry.bankTransactionCode
    : "NMSC";
  if (code !== entry.bankTransactionCode) {
    log.add(":61:", `bank transaction code "${entry.bankTransactionCode}" written as NMSC`);
  }
  const reference = cut(entry.endToEndId ?? entry.instructionId ?? "NONREF",
    { max: 16, where: ":61:" }, log);
  const servicer = entry.servicerReference === undefined ? ""
    : `//${cut(entry.servicerReference, { max: 16, where: ":61:" }, log)}`;
  const line = `${date}${booking}${mark}${mtAmountOf(entry.amount.value) ?? "0,"}${code}${
    reference}${servicer}`;
  const info = entry.additionalInformation === undefined ? [] : [{ tag: "86",
    value: fitLines([entry.additionalInformation], { width: 65, linesMax: 6, where: ":86:" },
      log) }];
  log.dropped(":61:", entry.uetr, "MT statements have no UETR");
  return [{ tag: "61", value: [line] }, ...info];
}

const mtBalanceTags: Readonly<Record<string, string>> = {
  OPBD: "60F", CLBD: "62F", CLAV: "64", FWAV: "65",
};

export function statementToMt(type: MxStatementType, model: MxStatement, log: LossLog): MtOut {
  const head = [{ tag: "20", value: [cut(model.messageId, { max: 16, where: ":20:" }, log)] },
    { tag: "25", value: [model.account.iban ?? model.account.other ?? "NOTPROVIDED"] }];
  if (type === "camt.054.001.08") return notificationToMt(model, head, log);
  const balances = model.balances.flatMap((balance) => {
    const tag = mtBalanceTags[balance.type];
    if (tag === undefined) log.add("/Bal", `dropped balance type "${balance.type}"`);
    return tag === undefined ? [] : [balanceField(balance, tag, log)];
  });
  const opening = balances.filter((field) => field.tag === "60F");
  const rest = balances.filter((field) => field.tag !== "60F")
    .sort((a, b) => a.tag.localeCompare(b.tag));
  const info = model.additionalInformation === undefined ? [] : [{ tag: "86", value: fitLines(
    [model.additionalInformation], { width: 65, linesMax: 6, where: ":86:" }, log) }];
  const sequence = { tag: "28C", value: [model.electronicSequenceNumber ?? "1"] };
  const entries = model.entries.flatMap((entry) => entryFields(entry, log));
  if (type === "camt.052.001.08") {
    const currency = model.accountCurrency ?? model.entries[0]?.amount.currency ?? "XXX";
    log.add(":34F:", "camt.052 has no floor limit: 34F written as zero");
    const stamp = model.createdAt;
    return { type: "942", fields: [...head, sequence, { tag: "34F", value: [`${currency}0,`] },
      { tag: "13D", value: [`${mtDate(stamp)}${stamp.slice(11, 13)}${stamp.slice(14, 16)}${
        stamp.length >= 25 ? `${stamp.slice(19, 22)}${stamp.slice(23, 25)}` : "+0000"}`] },
      ...entries, ...info] };
  }
  return { type: "940", fields: [...head, sequence, ...opening, ...entries, ...rest, ...info] };
}

function notificationToMt(model: MxStatement, head: MtOut["fields"], log: LossLog): MtOut {
  const entry = model.entries[0];
  if (model.entries.length > 1) log.add("/Ntry", `dropped ${model.entries.length - 1} entries`);
  if (entry === undefined) return { type: "900", fields: head };
  const date = mtDate(entry.valueDate ?? entry.bookingDate ?? model.createdAt);
  const credit = entry.creditDebit === "CRDT";
  if (credit) log.add(":52D:", "camt.054 names no ordering institution: 52D written NOTPROVIDED");
  return { type: credit ? "910" : "900", fields: [
    head[0] ?? { tag: "20", value: [""] },
    { tag: "21", value: [cut(entry.endToEndId ?? entry.instructionId ?? "NONREF",
      { max: 16, where: ":21:" }, log)] },
    ...head.slice(1),
    { tag: "32A",
      value: [`${date}${entry.amount.currency}${mtAmountOf(entry.amount.value) ?? ""}`] },
    ...(credit ? [{ tag: "52D", value: ["NOTPROVIDED"] }] : []),
    ...(entry.additionalInformation === undefined ? [] : [{ tag: "72", value: fitLines(
      [entry.additionalInformation], { width: 35, linesMax: 6, where: ":72:" }, log) }]),
  ] };
}
