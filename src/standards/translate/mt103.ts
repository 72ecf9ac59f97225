// MT103 <-> pacs.008.001.08 following the CBPR+ translation conventions: 20 -> MsgId/InstrId,
// 121 -> UETR, 32A -> settlement amount and date, 50a/59a -> debtor/creditor, 70 -> remittance.
import type { MxAccount, MxAgent, MxParty } from "../iso20022/common.js";
import type { Pacs008 } from "../iso20022/pacs-008.js";
import {
  amountOf, currencyOf, fieldByNumber, fieldByTag, fieldsByTag, firstLine, partiesOf,
} from "../mt/field-access.js";
import { isBic } from "../bic/bic.js";
import { bicOfAddress } from "../mt/accessors.js";
import type { MtField, MtMessage } from "../mt/model.js";
import {
  cut, fitLines, isoDate, mtAmountOf, mtDate, mxAmountOf, type LossLog,
} from "./losses.js";
import {
  mtAgentField, mtPartyField, mxAccountOf, mxAgentOf, mxPartyOf, readMtParty,
} from "./mt-parties.js";

export interface MtFieldOut {
  readonly tag: string;
  readonly value: readonly string[];
}

const chargeBearers: Readonly<Record<string, string>> = { OUR: "DEBT", BEN: "CRED", SHA: "SHAR" };

export function agentOf(field: MtField | undefined): MxAgent | undefined {
  return field === undefined ? undefined : mxAgentOf(readMtParty(field));
}

/** The account line of an agent field, when it is an account and not a clearing code. */
export function agentAccountOf(field: MtField | undefined): MxAccount | undefined {
  if (field === undefined) return undefined;
  const account = readMtParty(field).account;
  return account === undefined || account.startsWith("/") ? undefined : mxAccountOf(account);
}

/** Logs the account line of a field whose account has no place in the MX message. */
export function logAgentAccount(field: MtField | undefined, log: LossLog): void {
  const account = agentAccountOf(field);
  if (account !== undefined) {
    log.add(`:${field?.tag ?? ""}:`, `dropped account "${account.iban ?? account.other ?? ""}"`);
  }
}

function bicAgent(address: string): MxAgent | undefined {
  return address === "" ? undefined : { bic: bicOfAddress(address) };
}

/** Splits field 72 into code words (/INS/, /ACC/ ...) with their text. */
export function codeWords(field: MtField | undefined): { code: string; text: string }[] {
  const words: { code: string; text: string }[] = [];
  for (const line of field?.lines ?? []) {
    const match = /^\/([A-Z0-9]{1,8})\/(.*)$/.exec(line);
    const last = words[words.length - 1];
    if (match !== null) words.push({ code: match[1] ?? "", text: match[2] ?? "" });
    else if (line.startsWith("//") && last !== undefined) last.text += ` ${line.slice(2)}`;
    else if (last !== undefined) last.text += ` ${line}`;
    else words.push({ code: "", text: line });
  }
  return words;
}

/** The instructed amount (33B), exchange rate (36) and charges (71A/71F/71G) of an MT103. */
function chargesOf(fields: readonly MtField[], sender: MxAgent | undefined): Partial<Pacs008> {
  const instructed = fieldByTag(fields, "33B");
  const rate = fieldByTag(fields, "36");
  return {
    ...(instructed === undefined ? {} : { instructedAmount: { currency: currencyOf(instructed),
      value: mxAmountOf(amountOf(instructed)) } }),
    ...(rate === undefined ? {} : { exchangeRate: mxAmountOf(firstLine(rate)) }),
    chargeBearer: chargeBearers[firstLine(fieldByTag(fields, "71A"))] ?? "SHAR",
    charges: [...fieldsByTag(fields, "71F"), ...fieldsByTag(fields, "71G")].map((field) => ({
      amount: { currency: currencyOf(field), value: mxAmountOf(amountOf(field)) },
      ...(sender === undefined ? {} : { agent: sender }),
    })),
  };
}

/** The /INS/ code word of field 72 when it names a BIC (the previous instructing agent). */
export function previousAgentWord(fields: readonly MtField[])
  : { code: string; text: string } | undefined {
  return codeWords(fieldByTag(fields, "72"))
    .find((word) => word.code === "INS" && isBic(word.text.trim()));
}

/** 23E codes: CHQB, HOLD, PHOB, TELB are for the creditor agent; the others for the next agent. */
function instructionsOf(fields: readonly MtField[]): Pick<Pacs008, "instructionsForCreditorAgent"
  | "instructionsForNextAgent"> {
  const codes = fieldsByTag(fields, "23E").map((field) => {
    const [code = "", ...rest] = firstLine(field).split("/");
    return { code, ...(rest.length === 0 ? {} : { information: rest.join("/") }) };
  });
  const forCreditorAgent = ["CHQB", "HOLD", "PHOB", "TELB"];
  const used = previousAgentWord(fields);
  const words = codeWords(fieldByTag(fields, "72")).filter((word) => word !== used);
  return {
    instructionsForCreditorAgent: codes.filter((c) => forCreditorAgent.includes(c.code)),
    instructionsForNextAgent: [
      ...codes.filter((c) => !forCreditorAgent.includes(c.code))
        .map((c) => `/${c.code}/${c.information ?? ""}`),
      ...words.map((word) => `/${word.code}/${word.text}`.slice(0, 140)),
    ],
  };
}

function logUnmapped(fields: readonly MtField[], log: LossLog): void {
  for (const tag of ["13C", "26T", "55A", "55B", "55D"]) {
    const field = fieldByTag(fields, tag);
    if (field !== undefined) {
      log.add(`:${tag}:`, `dropped "${field.lines.join(" ")}": not carried by this translation`);
    }
  }
}

function optionalAgent<K extends string>(key: K, field: MtField | undefined)
  : { [P in K]?: MxAgent } {
  const agent = agentOf(field);
  return (agent === undefined ? {} : { [key]: agent }) as { [P in K]?: MxAgent };
}

/** Debtor, creditor, their accounts and agents of an MT103 or MT202 COV sequence B. */
export function customerPartiesOf(fields: readonly MtField[]): Pick<Pacs008, "debtor"
  | "creditor" | "debtorAccount" | "creditorAccount"> {
  const debtor = readMtParty(fieldByNumber(fields, "50") ?? { tag: "50K", lines: [], line: 0 });
  const creditor = readMtParty(fieldByNumber(fields, "59") ?? { tag: "59", lines: [], line: 0 });
  const debtorAccount = mxAccountOf(debtor.account);
  const creditorAccount = mxAccountOf(creditor.account);
  return {
    debtor: mxPartyOf(debtor), creditor: mxPartyOf(creditor),
    ...(debtorAccount === undefined ? {} : { debtorAccount }),
    ...(creditorAccount === undefined ? {} : { creditorAccount }),
  };
}

/** Message and payment identification, amount and date (fields 20, 121, 32A). */
export function identificationOf(message: MtMessage, fields: readonly MtField[])
  : Pick<Pacs008, "messageId" | "createdAt" | "instructionId" | "uetr" | "settlementAmount"
  | "settlementDate" | "endToEndId"> {
  const reference = firstLine(fieldByTag(fields, "20"));
  const amount = fieldByTag(fields, "32A");
  const date = isoDate(firstLine(amount).slice(0, 6));
  const uetr = message.userHeader?.find((tag) => tag.tag === "121")?.value;
  const related = firstLine(fieldByTag(fields, "21"));
  const remittance = fieldByTag(fields, "70")?.lines.join("") ?? "";
  const endToEnd = /\/ROC\/([^/]+)/.exec(remittance)?.[1] ?? (related === "" ? undefined : related);
  return {
    messageId: reference, createdAt: `${date}T00:00:00+00:00`, instructionId: reference,
    endToEndId: endToEnd ?? "NOTPROVIDED",
    ...(uetr === undefined ? {} : { uetr }),
    settlementAmount: { currency: amount === undefined ? "" : currencyOf(amount),
      value: amount === undefined ? "" : mxAmountOf(amountOf(amount)) },
    settlementDate: date,
  };
}

/** Sender, receiver, reimbursement and intermediary agents (headers, 53a, 54a, 56a, 72 /INS/). */
export function routingOf(message: MtMessage, fields: readonly MtField[])
  : Pick<Pacs008, "settlementMethod" | "instructingAgent" | "instructedAgent"
  | "instructingReimbursementAgent" | "instructedReimbursementAgent" | "intermediaryAgent1"
  | "previousInstructingAgent"> {
  const { sender, receiver } = partiesOf(message);
  const instructing = bicAgent(sender);
  const instructed = bicAgent(receiver);
  const previous = previousAgentWord(fields);
  const reimbursed = fieldByNumber(fields, "53") !== undefined ||
    fieldByNumber(fields, "54") !== undefined;
  return {
    settlementMethod: reimbursed ? "COVE" : "INDA",
    ...optionalAgent("instructingReimbursementAgent", fieldByNumber(fields, "53")),
    ...optionalAgent("instructedReimbursementAgent", fieldByNumber(fields, "54")),
    ...optionalAgent("intermediaryAgent1", fieldByNumber(fields, "56")),
    ...(previous === undefined ? {} : { previousInstructingAgent: { bic: previous.text.trim() } }),
    ...(instructing === undefined ? {} : { instructingAgent: instructing }),
    ...(instructed === undefined ? {} : { instructedAgent: instructed }),
  };
}

function agentAccounts(fields: readonly MtField[]): Partial<Pacs008> {
  const debtorAgentAccount = agentAccountOf(fieldByNumber(fields, "52"));
  const intermediaryAgent1Account = agentAccountOf(fieldByNumber(fields, "56"));
  const creditorAgentAccount = agentAccountOf(fieldByNumber(fields, "57"));
  return {
    ...(debtorAgentAccount === undefined ? {} : { debtorAgentAccount }),
    ...(intermediaryAgent1Account === undefined ? {} : { intermediaryAgent1Account }),
    ...(creditorAgentAccount === undefined ? {} : { creditorAgentAccount }),
  };
}

export function mt103ToPacs008(message: MtMessage, fields: readonly MtField[], log: LossLog)
  : Pacs008 {
  const { sender, receiver } = partiesOf(message);
  logUnmapped(fields, log);
  logAgentAccount(fieldByNumber(fields, "53"), log);
  logAgentAccount(fieldByNumber(fields, "54"), log);
  const remittance = fieldByTag(fields, "70");
  return {
    ...identificationOf(message, fields),
    ...routingOf(message, fields),
    debtorAgent: agentOf(fieldByNumber(fields, "52")) ?? bicAgent(sender) ?? {},
    creditorAgent: agentOf(fieldByNumber(fields, "57")) ?? bicAgent(receiver) ?? {},
    ...agentAccounts(fields),
    ...chargesOf(fields, bicAgent(sender)),
    ...customerPartiesOf(fields),
    ...instructionsOf(fields),
    remittance: remittance === undefined ? [] : [remittance.lines.join("")],
    regulatoryReporting: fieldByTag(fields, "77B")?.lines
      .map((line) => cut(line, { max: 35, where: ":77B:" }, log)) ?? [],
  } as Pacs008;
}

export function agentField(
  base: string,
  party: { readonly agent: MxAgent | undefined; readonly account?: MxAccount | undefined },
  log: LossLog,
): MtFieldOut[] {
  const { agent, account } = party;
  if (agent === undefined || (agent.bic === undefined && agent.name === undefined &&
    agent.clearingMemberId === undefined)) return [];
  return [mtAgentField(base, { agent, account }, log)];
}

export function amountField(
  tag: string,
  input: { readonly prefix: string; readonly amount: { currency: string; value: string } },
  log: LossLog,
): MtFieldOut[] {
  const { prefix, amount: value } = input;
  const amount = mtAmountOf(value.value);
  if (amount === undefined) {
    log.add(`:${tag}:`, `dropped amount "${value.value}": longer than 15 characters`);
    return [];
  }
  return [{ tag, value: [`${prefix}${value.currency}${amount}`] }];
}

/** Fields 50a, 52a, [53a, 54a,] 56a, 57a and 59a of a customer transfer, in MT order. */
export function pacs008Parties(
  model: {
    readonly debtor: MxParty; readonly creditor: MxParty;
    readonly debtorAccount?: MxAccount | undefined;
    readonly creditorAccount?: MxAccount | undefined;
    readonly debtorAgent?: MxAgent | undefined; readonly creditorAgent?: MxAgent | undefined;
    readonly intermediaryAgent1?: MxAgent | undefined;
    readonly debtorAgentAccount?: MxAccount | undefined;
    readonly intermediaryAgent1Account?: MxAccount | undefined;
    readonly creditorAgentAccount?: MxAccount | undefined;
  },
  log: LossLog,
  reimbursement: readonly MtFieldOut[] = [],
): MtFieldOut[] {
  return [
    mtPartyField("50", { party: model.debtor, account: model.debtorAccount }, log),
    ...agentField("52", { agent: model.debtorAgent, account: model.debtorAgentAccount }, log),
    ...reimbursement,
    ...agentField("56", { agent: model.intermediaryAgent1,
      account: model.intermediaryAgent1Account }, log),
    ...agentField("57", { agent: model.creditorAgent, account: model.creditorAgentAccount }, log),
    mtPartyField("59", { party: model.creditor, account: model.creditorAccount }, log),
  ];
}

/** The fields of an MT103 carrying a pacs.008 (field order of the MT103 specification). */
export function pacs008ToMt103(model: Pacs008, log: LossLog): MtFieldOut[] {
  const reference = cut(model.instructionId ?? model.messageId, { max: 16, where: ":20:" }, log);
  const remittance = model.remittance.length === 0 ? [] : [{ tag: "70", value:
    fitLines(model.remittance, { width: 35, linesMax: 4, where: ":70:" }, log) }];
  const next = model.instructionsForNextAgent;
  const previous = model.previousInstructingAgent?.bic;
  const lines72 = fitLines([...(previous === undefined ? [] : [`/INS/${previous}`]), ...next],
    { width: 35, linesMax: 6, where: ":72:" }, log);
  if (model.endToEndId !== "NOTPROVIDED" && !model.remittance.join("").includes(model.endToEndId)) {
    log.add(":70:", `dropped EndToEndId "${model.endToEndId}": MT103 has no end-to-end reference`);
  }
  log.dropped("/Document/.../Purp/Cd", model.purpose, "MT103 has no purpose field");
  // 33B is written always (CBPR+: InstdAmt, else the settlement amount); 36 only across currencies.
  const instructed = model.instructedAmount ?? model.settlementAmount;
  const crossCurrency = instructed.currency !== model.settlementAmount.currency;
  if (!crossCurrency) {
    log.dropped(":36:", model.exchangeRate, "36 is only allowed when 33B and 32A differ");
  }
  const rate = crossCurrency ? model.exchangeRate?.replace(".", ",") : undefined;
  const cheque = model.instructionsForCreditorAgent.some((i) => i.code === "CHQB");
  const creditorAccount = cheque ? undefined : model.creditorAccount;
  if (cheque) log.dropped(":59a:", model.creditorAccount?.iban ?? model.creditorAccount?.other,
    "no creditor account with 23E CHQB (rule E18)");
  return [
    { tag: "20", value: [reference] }, { tag: "23B", value: ["CRED"] },
    ...model.instructionsForCreditorAgent.map((instruction) => ({ tag: "23E",
      value: [`${instruction.code ?? ""}${instruction.information === undefined ? ""
        : `/${cut(instruction.information, { max: 30, where: ":23E:" }, log)}`}`] })),
    ...amountField("32A", { prefix: mtDate(model.settlementDate ?? model.createdAt),
      amount: model.settlementAmount }, log),
    ...amountField("33B", { prefix: "", amount: instructed }, log),
    ...(rate === undefined ? [] : [{ tag: "36", value: [rate.includes(",") ? rate : `${rate},`] }]),
    ...pacs008Parties({ ...model, creditorAccount }, log, [
      ...agentField("53", { agent: model.instructingReimbursementAgent }, log),
      ...agentField("54", { agent: model.instructedReimbursementAgent }, log)]),
    ...remittance,
    { tag: "71A", value: [Object.entries(chargeBearers)
      .find(([, code]) => code === model.chargeBearer)?.[0] ?? "SHA"] },
    // 71F (sender's charges) goes with SHA and BEN, 71G (receiver's charges) with OUR (D50).
    ...model.charges.flatMap((charge) => amountField(model.chargeBearer === "DEBT" ? "71G"
      : "71F", { prefix: "", amount: charge.amount }, log)),
    ...(lines72.length === 0 ? [] : [{ tag: "72", value: lines72 }]),
    ...(model.regulatoryReporting.length === 0 ? [] : [{ tag: "77B", value: fitLines(
      model.regulatoryReporting, { width: 35, linesMax: 3, where: ":77B:" }, log) }]),
  ];
}
