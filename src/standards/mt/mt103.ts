// MT 103 Single Customer Credit Transfer: core, STP (119:STP) and REMIT (119:REMIT) specs, the
// network validated rules C1-C18, and a typed accessor.
import { assert } from "../../lib/index.js";
import type { Problem } from "../../lib/index.js";
import {
  currencyOf, firstLine, hasAccountLine, optionOf, partiesOf, ruleProblem,
} from "./field-access.js";
import { tagKey } from "./fields.js";
import type { MtField, MtMessage } from "./model.js";
import { commodityCurrencies } from "./reference-data.js";
import { rule } from "./spec.js";
import type { MtFieldRule, MtTypeSpec } from "./spec.js";

const repeats = { max: 10 };

function rules103(variant: "" | "STP" | "REMIT"): MtFieldRule[] {
  const stp = variant === "STP";
  return [
    rule("20", "", 1), rule("13C", "", { min: 0, ...repeats }), rule("23B", "", 1),
    rule("23E", "", { min: 0, ...repeats }), rule("26T", "", 0), rule("32A", "", 1), rule("33B", "",
      0),
    rule("36", "", 0), rule("50a", "AFK", 1),
    ...(stp ? [] : [rule("51A", "", 0)]),
    rule("52a", stp ? "A" : "AD", 0), rule("53a", stp ? "AB" : "ABD", 0),
    rule("54a", stp ? "A" : "ABD", 0), rule("55a", stp ? "A" : "ABD", 0),
    rule("56a", stp ? "A" : "ACD", 0), rule("57a", stp ? "A" : "ABCD", 0),
    rule("59a", "-AF", 1),
    ...(variant === "REMIT" ? [] : [rule("70", "", 0)]),
    rule("71A", "", 1), rule("71F", "", { min: 0, ...repeats }), rule("71G", "", 0), rule("72", "",
      0),
    rule("77B", "", 0), ...(variant === "REMIT" ? [rule("77T", "", 1)] : []),
  ];
}

/** Countries of rule C2 (D49): EU/EEA plus the listed territories (UHB MT 103 C2). */
const euroCountries = new Set(("AD AT BE BG BV CH CY CZ DE DK ES EE FI FR GB GF GI GP GR HU IE " +
  "IS IT LI LT LU LV MC MQ MT NL NO PL PM PT RE RO SE SI SJ SK SM TF VA").split(" "));
const bankOperationCodes = new Set(["CRED", "CRTS", "SPAY", "SPRI", "SSTD"]);
const instructionCodeWords = new Set(["CHQB", "CORT", "HOLD", "INTC", "PHOB", "PHOI", "PHON",
  "REPA", "SDVA", "TELB", "TELE", "TELI"]);
const stpInstructionCodes = new Set(["CORT", "INTC", "SDVA", "REPA"]);
const chargeCodes = new Set(["BEN", "OUR", "SHA"]);

/**
 * The fields the MT 103 rules look at, found in one pass instead of one scan per rule: the first
 * field of each exact tag they use, every 23E and 71F, and the first 53a-59a of any option
 * (what fieldByTag, fieldsByTag and fieldByNumber would return).
 */
interface Fields103 {
  f23B?: MtField;
  f32A?: MtField;
  f33B?: MtField;
  f36?: MtField;
  f71A?: MtField;
  f71G?: MtField;
  readonly all23E: MtField[];
  readonly all71F: MtField[];
  /** Every 23B, 23E and 71A in field order: the fields with code words. */
  readonly coded: MtField[];
  /** Index n - 53 holds the first field numbered n (53 to 59), any option letter. */
  readonly parties: (MtField | undefined)[];
}

/** Number 53-59 of a 2-3 character tag as 0-6 (fieldByNumber's match), or -1. */
function partySlot(tag: string): number {
  if (tag.length !== 2 && tag.length !== 3 || tag.charCodeAt(0) !== 53 /* 5 */) return -1;
  const slot = tag.charCodeAt(1) - 51;
  return slot >= 0 && slot <= 6 ? slot : -1;
}

const key23B = tagKey("23B");
const key23E = tagKey("23E");
const key32A = tagKey("32A");
const key33B = tagKey("33B");
const key36 = tagKey("36");
const key71A = tagKey("71A");
const key71F = tagKey("71F");
const key71G = tagKey("71G");

/** Files one field by its tag key (tagKey: numbers compare faster than tag strings). */
function fileField(index: Fields103, field: MtField): void {
  switch (tagKey(field.tag)) {
    case key23B: index.f23B ??= field; index.coded.push(field); break;
    case key23E: index.all23E.push(field); index.coded.push(field); break;
    case key32A: index.f32A ??= field; break;
    case key33B: index.f33B ??= field; break;
    case key36: index.f36 ??= field; break;
    case key71A: index.f71A ??= field; index.coded.push(field); break;
    case key71F: index.all71F.push(field); break;
    case key71G: index.f71G ??= field; break;
    default: {
      const slot = partySlot(field.tag);
      if (slot >= 0 && index.parties[slot] === undefined) index.parties[slot] = field;
    }
  }
}

function indexFields(fields: readonly MtField[]): Fields103 {
  const index: Fields103 = { all23E: [], all71F: [], coded: [], parties: [] };
  for (const field of fields) fileField(index, field);
  return index;
}

function party(index: Fields103, number: 53 | 54 | 55 | 56 | 57 | 59): MtField | undefined {
  return index.parties[number - 53];
}

/** The four-character code word at the start of a field's first line. */
function codeWord(field: MtField): string {
  return firstLine(field).slice(0, 4);
}

/** Code words of 23B (T36), 23E (T47) and 71A (T08), in field order. */
function codeWordRules(index: Fields103, stp: boolean, problems: Problem[]): void {
  for (const field of index.coded) {
    const tag = field.tag;
    if (tag === "23B" && !bankOperationCodes.has(codeWord(field))) {
      problems.push(ruleProblem("T36", field,
        `Cannot accept 23B "${codeWord(field)}": unknown code word`));
    }
    const allowed = stp ? stpInstructionCodes : instructionCodeWords;
    if (tag === "23E" && !allowed.has(codeWord(field))) {
      problems.push(ruleProblem("T47", field,
        `Cannot accept 23E "${codeWord(field)}": unknown code word`));
    }
    if (tag === "71A" && !chargeCodes.has(firstLine(field))) {
      problems.push(ruleProblem("T08", field,
        `Cannot accept 71A "${firstLine(field)}": must be BEN, OUR or SHA`));
    }
  }
}

/** Where currencyOf reads the currency of this field. */
function currencyAt(field: MtField): number {
  return field.tag === "32A" ? 6 : 0;
}

/** currencyOf(field) === currency, without cutting the field's currency out. */
function hasCurrency(field: MtField, currency: string): boolean {
  if (currency.length !== 3) return currencyOf(field) === currency;
  return firstLine(field).startsWith(currency, currencyAt(field));
}

assert([...commodityCurrencies].every((code) => code.startsWith("X")),
  "commodity codes start with X");

/** C08: a commodity (XAU, XAG, XPD, XPT) as the currency of 32A or 33B. */
function commodityRule(field: MtField, problems: Problem[]): void {
  // Every commodity code starts with X: most currencies are ruled out without a slice.
  if (firstLine(field).charCodeAt(currencyAt(field)) !== 88 /* X */) return;
  if (!commodityCurrencies.has(currencyOf(field))) return;
  problems.push(ruleProblem("C08", field,
    `Cannot accept ${field.tag}: commodity "${currencyOf(field)}" is not a payment currency`));
}

/** C1 (D75), C2 (D49), C16 (D51), C17 (C02) and C08 commodities: the amount rules. */
function amountRules(index: Fields103, message: MtMessage, problems: Problem[]): void {
  const settled = index.f32A;
  const instructed = index.f33B;
  const rate = index.f36;
  if (settled === undefined) return;
  const currency = currencyOf(settled);
  commodityRule(settled, problems);
  if (instructed !== undefined) commodityRule(instructed, problems);
  const needsRate = instructed !== undefined && !hasCurrency(instructed, currency);
  if (needsRate !== (rate !== undefined)) {
    problems.push(ruleProblem("D75", rate ?? instructed ?? settled, needsRate
      ? "Cannot accept message: 36 is mandatory when 33B's currency differs from 32A's"
      : "Cannot accept message: 36 is only allowed when 33B's currency differs from 32A's"));
  }
  const { sender, receiver } = partiesOf(message);
  const inEurope = euroCountries.has(sender.slice(4, 6)) && euroCountries.has(receiver.slice(4, 6));
  if (inEurope && instructed === undefined) {
    problems.push(ruleProblem("D49", settled,
      "Cannot accept message: 33B is mandatory between two EU/EEA BICs"));
  }
  const firstCharge = index.all71F[0] ?? index.f71G;
  if (firstCharge !== undefined && instructed === undefined) {
    problems.push(ruleProblem("D51", firstCharge,
      "Cannot accept message: 33B is mandatory when 71F or 71G is present"));
  }
  const receiverCharges = index.f71G;
  if (receiverCharges !== undefined && !hasCurrency(receiverCharges, currency)) {
    problems.push(ruleProblem("C02", receiverCharges,
      "Cannot accept 71G: its currency must be the currency of 32A"));
  }
}

const serviceLevels = new Set(["SPRI", "SSTD", "SPAY"]);
const spriInstructionCodes = new Set(["SDVA", "TELB", "PHOB", "INTC"]);

/** C3-C6, C8, C10-C13: what 23B SPRI/SSTD/SPAY allows in 23E, 53a-57a and 59a. */
function serviceLevelRules(index: Fields103, problems: Problem[]): void {
  const operation = firstLine(index.f23B);
  if (!serviceLevels.has(operation)) return;
  const add = (code: string, field: MtField | undefined, text: string): void => {
    if (field !== undefined) problems.push(ruleProblem(code, field,
      `Cannot accept message: ${text}`));
  };
  for (const field of index.all23E) {
    if (operation !== "SPRI") add("E02", field, `23E is not allowed with 23B ${operation}`);
    else if (!spriInstructionCodes.has(codeWord(field))) {
      add("E01", field, "with 23B SPRI, 23E may only be SDVA, TELB, PHOB or INTC");
    }
  }
  const f53 = party(index, 53);
  if (f53?.tag === "53D") add("E03", f53, `53a must not use option D with 23B ${operation}`);
  if (f53?.tag === "53B" && !firstLine(f53).startsWith("/")) {
    add("E04", f53, "53B needs a party identifier with this 23B");
  }
  const f54 = party(index, 54);
  if (f54 !== undefined && f54.tag !== "54A") add("E05", f54, "54a must use option A");
  const f55 = party(index, 55);
  if (f55 !== undefined && f55.tag !== "55A") add("E07", f55, "55a must use option A");
  const f56 = party(index, 56);
  if (f56 !== undefined && operation === "SPRI") add("E16", f56, "56a is not allowed with SPRI");
  if (f56 !== undefined && operation !== "SPRI" && f56.tag !== "56A" && f56.tag !== "56C") {
    add("E17", f56, "56a must use option A or C");
  }
  const f57 = party(index, 57);
  if (f57 !== undefined && f57.tag !== "57A" && f57.tag !== "57C" && f57.tag !== "57D") {
    add("E09", f57, "57a must use option A, C or D");
  }
  const f59 = party(index, 59);
  if (f59 !== undefined && !hasAccountLine(f59)) add("E10", f59, "59a needs an account");
}

/** Does any 23E carry one of these code words? */
function has23E(index: Fields103, words: readonly string[]): boolean {
  return index.all23E.some((field) => words.includes(codeWord(field)));
}

/** C7 (E06), C9 (C81), C14 (E18), C15 (E13, D50, E15), C18 (E44, E45). */
function presenceRules(index: Fields103, problems: Problem[]): void {
  const add = (code: string, field: MtField, text: string): void => {
    problems.push(ruleProblem(code, field, `Cannot accept message: ${text}`));
  };
  const f55 = party(index, 55);
  const has = (number: 53 | 54 | 56 | 57): boolean => party(index, number) !== undefined;
  if (f55 !== undefined && (!has(53) || !has(54))) add("E06", f55, "55a needs 53a and 54a");
  const f56 = party(index, 56);
  if (f56 !== undefined && !has(57)) add("C81", f56, "56a needs 57a");
  const f59 = party(index, 59);
  if (f59 !== undefined && hasAccountLine(f59) && has23E(index, ["CHQB"])) {
    add("E18", f59, "59a must not have an account when 23E is CHQB");
  }
  const at71A = index.f71A;
  const senderCharges = index.all71F[0];
  const receiverCharges = index.f71G;
  if (at71A !== undefined) {
    const charges = firstLine(at71A);
    if (charges === "OUR" && senderCharges !== undefined) {
      add("E13", senderCharges, "71F is not allowed with 71A OUR");
    }
    if (charges === "SHA" && receiverCharges !== undefined) {
      add("D50", receiverCharges, "71G is not allowed with 71A SHA");
    }
    if (charges === "BEN" && (senderCharges === undefined || receiverCharges !== undefined)) {
      add("E15", receiverCharges ?? at71A, "71A BEN needs 71F and forbids 71G");
    }
  }
  const f23E = index.all23E[0];
  if (f23E !== undefined && !has(56) && has23E(index, ["TELI", "PHOI"])) {
    add("E44", f23E, "23E TELI or PHOI needs 56a");
  }
  if (f23E !== undefined && !has(57) && has23E(index, ["TELE", "PHON"])) {
    add("E45", f23E, "23E TELE or PHON needs 57a");
  }
}

/** STP extras: 59a account mandatory (a 59F/59 without account fails). */
function stpRules(index: Fields103, problems: Problem[]): void {
  const f59 = party(index, 59);
  if (f59 === undefined || hasAccountLine(f59) || optionOf(f59) === "A" &&
    firstLine(f59).startsWith("/")) return;
  problems.push(ruleProblem("E10", f59,
    "Cannot accept message: MT 103 STP needs an account in 59a"));
}

function networkRules103(stp: boolean) {
  return (fields: readonly MtField[], message: MtMessage): Problem[] => {
    const problems: Problem[] = [];
    const index = indexFields(fields);
    codeWordRules(index, stp, problems);
    amountRules(index, message, problems);
    serviceLevelRules(index, problems);
    presenceRules(index, problems);
    if (stp) stpRules(index, problems);
    return problems;
  };
}

function spec103(variant: "" | "STP" | "REMIT"): MtTypeSpec {
  return {
    messageType: "103", variant, rules: rules103(variant), copyOfOriginal: false,
    title: `Single Customer Credit Transfer${variant === "" ? "" : ` (${variant})`}`,
    uetrRequired: true, networkRules: networkRules103(variant === "STP"),
  };
}

export const mt103Spec = spec103("");
export const mt103StpSpec = spec103("STP");
export const mt103RemitSpec = spec103("REMIT");
