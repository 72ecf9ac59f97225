// MT 103 Single Customer Credit Transfer: core, STP (119:STP) and REMIT (119:REMIT) specs, the
// network validated rules C1-C18 (swift-primer §4.2), and a typed accessor.
import type { Problem } from "../../lib/index.js";
import {
  currencyOf, fieldByNumber, fieldByTag, fieldsByTag, firstLine, hasAccountLine,
  instructionCodes, optionOf, partiesOf, ruleProblem,
} from "./field-access.js";
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

/** Code words of 23B (T36), 23E (T47) and 71A (T08). */
function codeWordRules(fields: readonly MtField[], stp: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const field of fields) {
    const code = firstLine(field).slice(0, 4);
    if (field.tag === "23B" && !bankOperationCodes.has(code)) {
      problems.push(ruleProblem("T36", field, `Cannot accept 23B "${code}": unknown code word`));
    }
    const allowed = stp ? stpInstructionCodes : instructionCodeWords;
    if (field.tag === "23E" && !allowed.has(code)) {
      problems.push(ruleProblem("T47", field, `Cannot accept 23E "${code}": unknown code word`));
    }
    if (field.tag === "71A" && !chargeCodes.has(firstLine(field))) {
      problems.push(ruleProblem("T08", field,
        `Cannot accept 71A "${firstLine(field)}": must be BEN, OUR or SHA`));
    }
  }
  return problems;
}

/** C1 (D75), C2 (D49), C16 (D51), C17 (C02) and C08 commodities: the amount rules. */
function amountRules(fields: readonly MtField[], message: MtMessage): Problem[] {
  const problems: Problem[] = [];
  const settled = fieldByTag(fields, "32A");
  const instructed = fieldByTag(fields, "33B");
  const rate = fieldByTag(fields, "36");
  if (settled === undefined) return problems;
  const currency = currencyOf(settled);
  for (const field of [settled, instructed]) {
    if (field !== undefined && commodityCurrencies.has(currencyOf(field))) {
      problems.push(ruleProblem("C08", field,
        `Cannot accept ${field.tag}: commodity "${currencyOf(field)}" is not a payment currency`));
    }
  }
  const needsRate = instructed !== undefined && currencyOf(instructed) !== currency;
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
  const charges = [...fieldsByTag(fields, "71F"), ...fieldsByTag(fields, "71G")];
  if (charges.length > 0 && instructed === undefined) {
    problems.push(ruleProblem("D51", charges[0] ?? settled,
      "Cannot accept message: 33B is mandatory when 71F or 71G is present"));
  }
  const receiverCharges = fieldByTag(fields, "71G");
  if (receiverCharges !== undefined && currencyOf(receiverCharges) !== currency) {
    problems.push(ruleProblem("C02", receiverCharges,
      "Cannot accept 71G: its currency must be the currency of 32A"));
  }
  return problems;
}

const serviceLevels = new Set(["SPRI", "SSTD", "SPAY"]);

/** C3-C6, C8, C10-C13: what 23B SPRI/SSTD/SPAY allows in 23E, 53a-57a and 59a. */
function serviceLevelRules(fields: readonly MtField[]): Problem[] {
  const problems: Problem[] = [];
  const operation = firstLine(fieldByTag(fields, "23B"));
  if (!serviceLevels.has(operation)) return problems;
  const add = (code: string, field: MtField | undefined, text: string): void => {
    if (field !== undefined) problems.push(ruleProblem(code, field,
      `Cannot accept message: ${text}`));
  };
  for (const field of fieldsByTag(fields, "23E")) {
    if (operation !== "SPRI") add("E02", field, `23E is not allowed with 23B ${operation}`);
    else if (!["SDVA", "TELB", "PHOB", "INTC"].includes(firstLine(field).slice(0, 4))) {
      add("E01", field, "with 23B SPRI, 23E may only be SDVA, TELB, PHOB or INTC");
    }
  }
  const f53 = fieldByNumber(fields, "53");
  if (f53?.tag === "53D") add("E03", f53, `53a must not use option D with 23B ${operation}`);
  if (f53?.tag === "53B" && !firstLine(f53).startsWith("/")) {
    add("E04", f53, "53B needs a party identifier with this 23B");
  }
  const f54 = fieldByNumber(fields, "54");
  if (f54 !== undefined && f54.tag !== "54A") add("E05", f54, "54a must use option A");
  const f55 = fieldByNumber(fields, "55");
  if (f55 !== undefined && f55.tag !== "55A") add("E07", f55, "55a must use option A");
  const f56 = fieldByNumber(fields, "56");
  if (f56 !== undefined && operation === "SPRI") add("E16", f56, "56a is not allowed with SPRI");
  if (f56 !== undefined && operation !== "SPRI" && !["56A", "56C"].includes(f56.tag)) {
    add("E17", f56, "56a must use option A or C");
  }
  const f57 = fieldByNumber(fields, "57");
  if (f57 !== undefined && !["57A", "57C", "57D"].includes(f57.tag)) {
    add("E09", f57, "57a must use option A, C or D");
  }
  const f59 = fieldByNumber(fields, "59");
  if (f59 !== undefined && !hasAccountLine(f59)) add("E10", f59, "59a needs an account");
  return problems;
}

/** C7 (E06), C9 (C81), C14 (E18), C15 (E13, D50, E15), C18 (E44, E45). */
function presenceRules(fields: readonly MtField[]): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, field: MtField, text: string): void => {
    problems.push(ruleProblem(code, field, `Cannot accept message: ${text}`));
  };
  const f55 = fieldByNumber(fields, "55");
  const has = (number: string): boolean => fieldByNumber(fields, number) !== undefined;
  if (f55 !== undefined && (!has("53") || !has("54"))) add("E06", f55, "55a needs 53a and 54a");
  const f56 = fieldByNumber(fields, "56");
  if (f56 !== undefined && !has("57")) add("C81", f56, "56a needs 57a");
  const codes = instructionCodes(fields);
  const f59 = fieldByNumber(fields, "59");
  if (codes.includes("CHQB") && f59 !== undefined && hasAccountLine(f59)) {
    add("E18", f59, "59a must not have an account when 23E is CHQB");
  }
  const charges = firstLine(fieldByTag(fields, "71A"));
  const senderCharges = fieldsByTag(fields, "71F");
  const receiverCharges = fieldByTag(fields, "71G");
  const at71A = fieldByTag(fields, "71A");
  if (at71A !== undefined) {
    if (charges === "OUR" && senderCharges[0] !== undefined) {
      add("E13", senderCharges[0], "71F is not allowed with 71A OUR");
    }
    if (charges === "SHA" && receiverCharges !== undefined) {
      add("D50", receiverCharges, "71G is not allowed with 71A SHA");
    }
    if (charges === "BEN" && (senderCharges.length === 0 || receiverCharges !== undefined)) {
      add("E15", receiverCharges ?? at71A, "71A BEN needs 71F and forbids 71G");
    }
  }
  const f23E = fieldByTag(fields, "23E");
  if (f23E !== undefined && !has("56") && codes.some((code) => ["TELI", "PHOI"].includes(code))) {
    add("E44", f23E, "23E TELI or PHOI needs 56a");
  }
  if (f23E !== undefined && !has("57") && codes.some((code) => ["TELE", "PHON"].includes(code))) {
    add("E45", f23E, "23E TELE or PHON needs 57a");
  }
  return problems;
}

/** STP extras: 59a account mandatory (a 59F/59 without account fails). */
function stpRules(fields: readonly MtField[]): Problem[] {
  const f59 = fieldByNumber(fields, "59");
  if (f59 === undefined || hasAccountLine(f59) || optionOf(f59) === "A" &&
    firstLine(f59).startsWith("/")) return [];
  return [ruleProblem("E10", f59, "Cannot accept message: MT 103 STP needs an account in 59a")];
}

function networkRules103(stp: boolean) {
  return (fields: readonly MtField[], message: MtMessage): Problem[] => [
    ...codeWordRules(fields, stp), ...amountRules(fields, message),
    ...serviceLevelRules(fields), ...presenceRules(fields), ...(stp ? stpRules(fields) : []),
  ];
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
