// The adapters layer's public surface: implementations of the network's ports.
export { openSqliteStore } from "./storage/sqlite/sqlite-store.js";
export type { SqliteStoreOptions } from "./storage/sqlite/sqlite-store.js";
export { migrations } from "./storage/migrations.js";
export { openPostgresStore } from "./storage/postgres/postgres-store.js";
export type { PostgresStore, PostgresStoreOptions } from "./storage/postgres/postgres-store.js";
export { describeUrl as describePostgresUrl } from "./storage/postgres/pool.js";
export { createIdSource, nodeDigests, systemClock } from "./system/system.js";
export { createLogger, parseLogLevel } from "./system/logger.js";
export { createValidationPool } from "./system/validation-pool.js";
export type {
  ValidationPool, ValidationPoolOptions, ValidationWorker,
} from "./system/validation-pool.js";
export type { LoggerOptions, LogLevel } from "./system/logger.js";
export {
  dataDirDefault, dataDirListSource, importFiles, importList, listSummaries, loadListStore,
  parseListFile, parseNamesCsv, readNamesCsv,
} from "./lists/index.js";
export type { ImportOutcome, ListSummary, NameRow } from "./lists/index.js";
