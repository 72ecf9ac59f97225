// Full content validation for the hub's intake: the MT and ISO 20022 checkers, by format.
import type { ContentValidator } from "../network/index.js";

/** Until the standards modules land their checkers, the envelope checks alone apply. */
export const contentValidator: ContentValidator | undefined = undefined;
