// The screening layer's public surface (`corridor/screening`): sanctions lists, name
// normalisation, matching and decisions. Pure: loading list files is an adapter's job.
export { identifierKey, listFormats } from "./entity.js";
export type {
  EntityKind, EntityName, Identifier, IdentifierScheme, ListEntity, ListFormat, NameKind,
  SanctionsList,
} from "./entity.js";
export { countryCode } from "./countries.js";
export { foldName, isLegalForm, tokeniseName } from "./normalise.js";
export type { NameToken, TokenRole } from "./normalise.js";
export { jaroWinkler, phoneticKey, tokenSimilarity } from "./similarity.js";
export { createScreener, holdThresholdDefault } from "./screener.js";
export type {
  Explanation, Hit, ScreenOptions, Screener, ScreenerStats, ScreeningWork,
} from "./screener.js";
export type { TokenAlignment } from "./scoring.js";
export type { ScoreFactor } from "./factors.js";
export { diffLists, entityFingerprint } from "./versions.js";
export type { ListDelta } from "./versions.js";
