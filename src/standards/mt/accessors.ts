// Typed views of the supported payment types (MT 103, MT 202/202 COV, MT 205): references,
// amounts as minor units, parties as lines. Read after validateMt found no problems.
import { fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import { fieldByNumber, fieldByTag, fieldsByTag, firstLine, partiesOf, userHeaderValue }
  from "./field-access.js";
import type { MtField, MtMessage } from "./model.js";
import { currencyDecimals } from "./reference-data.js";
import { messageTypeOf, validationFlagOf } from "./types.js";

export interface MtMoney {
  readonly currency: string;
  readonly minorUnits: bigint;
}

/** "1234,5" in EUR -> 123450n minor units; undefined when the amount has too many decimals. */
export function moneyOf(currency: string, amount: string): MtMoney | undefined {
  const decimals = currencyDecimals.get(currency);
  const [whole = "", fraction = ""] = amount.split(",");
  if (decimals === undefined || fraction.length > decimals) return undefined;
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return undefined;
  return { currency, minorUnits: BigInt(whole + fraction.padEnd(decimals, "0")) };
}

/** A minor-unit amount in SWIFT notation: 123450n EUR -> "1234,5" (trailing zeros dropped). */
export function formatMtAmount(money: MtMoney): string {
  const decimals = currencyDecimals.get(money.currency) ?? 2;
  const digits = money.minorUnits.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${whole},${fraction}`;
}

/** BIC11 of a 12-character LT address: drop the LT code (9th character). */
export function bicOfAddress(address: string): string {
  return address.length === 12 ? `${address.slice(0, 8)}${address.slice(9)}` : address;
}

/** YYMMDD -> YYYY-MM-DD (SWIFT dates in payments are 20YY). */
export function isoDateOf(yymmdd: string): string {
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

export interface MtPaymentView {
  readonly messageType: string;
  readonly variant: string;
  /** BIC11 of sender and receiver, from the headers. */
  readonly sender: string;
  readonly receiver: string;
  readonly uetr?: string;
  /** Field 20. */
  readonly reference: string;
  /** Field 21 (MT 202/205). */
  readonly relatedReference?: string;
  /** Field 32A as ISO date and money. */
  readonly valueDate: string;
  readonly settlementAmount: MtMoney;
  /** Field 33B (MT 103, MT 202 COV). */
  readonly instructedAmount?: MtMoney;
  /** Party fields by number ("50", "52", ... "59"), whichever option was used. */
  readonly parties: Readonly<Record<string, MtField>>;
  /** Field 70 lines (remittance information), 71A charges, 72 lines. */
  readonly remittance?: readonly string[];
  readonly charges?: string;
  readonly senderToReceiver?: readonly string[];
}

function moneyField(field: MtField | undefined, offset: number): MtMoney | undefined {
  const line = firstLine(field);
  return field === undefined ? undefined
    : moneyOf(line.slice(offset, offset + 3), line.slice(offset + 3));
}

/** A typed view of an MT 103, 202, 202 COV or 205. */
export function paymentOf(message: MtMessage): Result<MtPaymentView> {
  const type = messageTypeOf(message);
  const fields = message.text?.kind === "fields" ? message.text.fields : [];
  const settled = fieldByTag(fields, "32A");
  const money = moneyField(settled, 6);
  if (!["103", "202", "205"].includes(type) || settled === undefined || money === undefined) {
    return fail("mt-not-a-payment", "block4",
      `Cannot read MT ${type} as a payment: it needs a valid 32A and type 103, 202 or 205`);
  }
  const parties: Record<string, MtField> = {};
  for (const number of ["50", "51", "52", "53", "54", "55", "56", "57", "58", "59"]) {
    const field = fieldByNumber(fields, number);
    if (field !== undefined) parties[number] = field;
  }
  const instructed = moneyField(fieldByTag(fields, "33B"), 0);
  const related = fieldByTag(fields, "21");
  const uetr = userHeaderValue(message, "121");
  const remittance = fieldByTag(fields, "70");
  const charges = fieldByTag(fields, "71A");
  const info = fieldsByTag(fields, "72")[0];
  return ok({
    messageType: type, variant: validationFlagOf(message),
    sender: bicOfAddress(partiesOf(message).sender),
    receiver: bicOfAddress(partiesOf(message).receiver),
    reference: firstLine(fieldByTag(fields, "20")), valueDate: isoDateOf(firstLine(settled)),
    settlementAmount: money, parties,
    ...(uetr === undefined ? {} : { uetr }),
    ...(related === undefined ? {} : { relatedReference: firstLine(related) }),
    ...(instructed === undefined ? {} : { instructedAmount: instructed }),
    ...(remittance === undefined ? {} : { remittance: remittance.lines }),
    ...(charges === undefined ? {} : { charges: firstLine(charges) }),
    ...(info === undefined ? {} : { senderToReceiver: info.lines }),
  });
}
