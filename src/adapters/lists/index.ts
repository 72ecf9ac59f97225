// The list adapters' surface: importers for the official list formats and the list store.
export { detectFormat } from "./detect.js";
export { parseListFile } from "./parse-list-file.js";
export type { ParseOptions } from "./parse-list-file.js";
export type { ImportProblemCode, ImportResult } from "./parse-tools.js";
export {
  dataDirDefault, dataDirListSource, importFiles, importList, listSummaries, loadListStore,
} from "./list-store.js";
export type {
  ImportFilesOptions, ImportOutcome, ImportPhase, ListSummary, ListVersionRecord,
} from "./list-store.js";
export { parseNamesCsv, readNamesCsv } from "./names-csv.js";
export type { NameRow } from "./names-csv.js";
