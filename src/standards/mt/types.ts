// The registry of supported message types: message type + validation flag (block 3 tag 119)
// to its spec. Types not listed here still get header, character set and field format checks.
import type { MtMessage } from "./model.js";
import { mt103RemitSpec, mt103Spec, mt103StpSpec } from "./mt103.js";
import { mt192Spec } from "./mt192.js";
import { mt196Spec } from "./mt196.js";
import { mt199Spec } from "./mt199.js";
import { mt202CovSpec, mt202Spec } from "./mt202.js";
import { mt205Spec } from "./mt205.js";
import { mt292Spec } from "./mt292.js";
import { mt296Spec } from "./mt296.js";
import { mt299Spec } from "./mt299.js";
import { mt900Spec } from "./mt900.js";
import { mt910Spec } from "./mt910.js";
import { mt940Spec } from "./mt940.js";
import { mt941Spec } from "./mt941.js";
import { mt942Spec } from "./mt942.js";
import { mt950Spec } from "./mt950.js";
import type { MtTypeSpec } from "./spec.js";

const specs: readonly MtTypeSpec[] = [
  mt103Spec, mt103StpSpec, mt103RemitSpec, mt202Spec, mt202CovSpec, mt205Spec, mt199Spec,
  mt299Spec, mt192Spec, mt292Spec, mt196Spec, mt296Spec, mt900Spec, mt910Spec, mt940Spec,
  mt950Spec, mt941Spec, mt942Spec,
];

/** Message type -> validation flag ("" for core) -> spec: two lookups, no key string built. */
const byType = new Map<string, Map<string, MtTypeSpec>>();
for (const spec of specs) {
  const variants = byType.get(spec.messageType) ?? new Map<string, MtTypeSpec>();
  variants.set(spec.variant, spec);
  byType.set(spec.messageType, variants);
}

/** Supported message types with their variants, e.g. "103", "103 STP", "202 COV". */
export const supportedMtTypes: readonly string[] = specs.map((spec) =>
  spec.variant === "" ? spec.messageType : `${spec.messageType} ${spec.variant}`);

/** The validation flag of block 3 tag 119 ("" when absent). */
export function validationFlagOf(message: MtMessage): string {
  const tags = message.userHeader;
  if (tags === undefined) return "";
  for (const tag of tags) if (tag.tag === "119") return tag.value;
  return "";
}

export function messageTypeOf(message: MtMessage): string {
  return message.applicationHeader?.messageType ?? "";
}

/** Core specs (no validation flag) by the number of a three-digit message type. */
const coreByNumber: (MtTypeSpec | undefined)[] = new Array<MtTypeSpec | undefined>(1000)
  .fill(undefined);
for (const spec of specs) if (spec.variant === "") coreByNumber[Number(spec.messageType)] = spec;

/** "103" -> 103; -1 unless exactly three digits. */
function typeNumber(messageType: string): number {
  if (messageType.length !== 3) return -1;
  let number = 0;
  for (let index = 0; index < 3; index += 1) {
    const digit = messageType.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/** The spec for a message type and validation flag, or undefined when not supported. */
export function specFor(messageType: string, flag: string): MtTypeSpec | undefined {
  const number = flag === "" ? typeNumber(messageType) : -1;
  if (number >= 0) return coreByNumber[number];
  return byType.get(messageType)?.get(flag);
}

/** Is `messageType` supported at all (with any variant)? */
export function isSupportedType(messageType: string): boolean {
  return byType.get(messageType)?.has("") === true;
}
