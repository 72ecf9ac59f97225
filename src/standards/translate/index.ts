// MT <-> MX translation (CBPR+ mappings) with every truncation or loss reported.
export { translate } from "./translate.js";
export type {
  TranslateOptions, TranslateProblemCode, TranslateTarget, Translation,
} from "./translate.js";
export type { TranslationLoss } from "./losses.js";
