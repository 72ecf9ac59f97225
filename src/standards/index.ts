// The standards layer's public surface (`corridor/standards`): pure SWIFT MT and ISO 20022
// parsing, validation, rendering and translation, plus BIC and other identifiers. No I/O.

// --- Identifiers ---
export { bic8Of, countryOfBic, headOfficeOf, isBic, parseBic } from "./bic/bic.js";
export type { Bic, Bic8, BicProblemCode } from "./bic/bic.js";
