// The list store in the data directory: <data>/lists/<list>/current.json (the list in force,
// which a running hub loads), versions/<seq>-<version>.json (every version kept) and
// history.json (when each version came in and its delta).
import {
  existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { assert, fail, ok } from "../../lib/index.js";
import {
  diffLists, type ListDelta, type ListFormat, type SanctionsList,
} from "../../screening/index.js";
import type { ListSource } from "../../network/index.js";
import { parseListFile } from "./parse-list-file.js";
import type { ImportResult } from "./parse-tools.js";

export const dataDirDefault = "./corridor-data";

export interface ListVersionRecord {
  readonly seq: number;
  readonly version: string;
  readonly importedAt: string;
  readonly source: string;
  readonly entities: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export interface ListSummary {
  readonly id: string;
  readonly title: string;
  readonly format: ListFormat;
  readonly version: string;
  readonly entities: number;
  readonly names: number;
  readonly versions: readonly ListVersionRecord[];
}

export interface ImportOutcome {
  readonly list: string;
  readonly title: string;
  readonly version: string;
  readonly entities: number;
  readonly seq: number;
  /** Same content as the version in force: nothing was written. */
  readonly unchanged: boolean;
  readonly delta: ListDelta;
}

function listsDir(dataDir: string): string {
  return join(dataDir, "lists");
}

function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

function readHistory(dataDir: string, id: string): ListVersionRecord[] {
  return readJson<ListVersionRecord[]>(join(listsDir(dataDir), id, "history.json")) ?? [];
}

/** The lists in force in a data directory, as the screening gate's list source. */
export function dataDirListSource(dataDir: string): ListSource {
  return { load: () => loadListStore(dataDir), signature: () => listsSignature(dataDir) };
}

/** Changes whenever `corridor lists import` writes a new current.json for any list. */
function listsSignature(dataDir: string): string {
  const dir = listsDir(dataDir);
  if (!existsSync(dir)) return "";
  return readdirSync(dir).sort().map((id) => {
    const file = join(dir, id, "current.json");
    if (!existsSync(file)) return id;
    const stat = statSync(file);
    return `${id}:${stat.mtimeMs}:${stat.size}`;
  }).join("|");
}

/** Reads the list in force for each list id in the data directory. */
export function loadListStore(dataDir: string): SanctionsList[] {
  const dir = listsDir(dataDir);
  if (!existsSync(dir)) return [];
  const lists: SanctionsList[] = [];
  for (const id of readdirSync(dir).sort()) {
    const list = readJson<SanctionsList>(join(dir, id, "current.json"));
    if (list !== undefined) lists.push(list);
  }
  return lists;
}

/** Stores a new version of a list, keeping older ones, and returns its delta. */
export function importList(
  dataDir: string,
  list: SanctionsList,
  options: { source: string; importedAt: string },
): ImportOutcome {
  assert(/^[a-z0-9_+-]+$/.test(list.id), "a list id is safe as a folder name");
  const dir = join(listsDir(dataDir), list.id);
  const previous = readJson<SanctionsList>(join(dir, "current.json")) ?? null;
  const delta = diffLists(previous, list);
  const history = readHistory(dataDir, list.id);
  const unchanged = previous !== null && delta.added.length === 0 && delta.removed.length === 0 &&
    delta.changed.length === 0 && previous.version === list.version;
  const seq = unchanged ? (history[history.length - 1]?.seq ?? 1) : history.length + 1;
  const base = { list: list.id, title: list.title, version: list.version,
    entities: list.entities.length, seq, unchanged, delta };
  if (unchanged) return base;
  const content = JSON.stringify(list);
  const safeVersion = list.version.replace(/[^A-Za-z0-9_-]/g, "_");
  const versionFile = `${String(seq).padStart(4, "0")}-${safeVersion}.json`;
  writeAtomic(join(dir, "versions", versionFile), content);
  history.push({ seq, version: list.version, importedAt: options.importedAt,
    source: basename(options.source), entities: list.entities.length,
    added: delta.added.length, removed: delta.removed.length, changed: delta.changed.length });
  writeAtomic(join(dir, "history.json"), JSON.stringify(history, null, 1));
  writeAtomic(join(dir, "current.json"), content);
  return base;
}

/** Summaries of the lists in force, with their version history. */
export function listSummaries(dataDir: string): ListSummary[] {
  return loadListStore(dataDir).map((list) => ({
    id: list.id, title: list.title, format: list.format, version: list.version,
    entities: list.entities.length,
    names: list.entities.reduce((n, e) => n + e.names.length, 0),
    versions: readHistory(dataDir, list.id),
  }));
}

export type ImportPhase = "read" | "parse" | "store" | "done";

export interface ImportFilesOptions {
  readonly dataDir: string;
  readonly format: ListFormat | "auto";
  readonly onProgress?: (file: string, index: number, phase: ImportPhase) => void;
  readonly importedAt: string;
}

/** Reads, parses and stores each file; companion CSVs given alongside are skipped. */
export function importFiles(
  paths: readonly string[],
  options: ImportFilesOptions,
): ImportResult<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  const progress = options.onProgress ?? ((): void => undefined);
  for (const [index, path] of paths.entries()) {
    progress(path, index, "read");
    if (!existsSync(path)) return fail("unreadable-file", path, "Cannot read list file: not found");
    const bytes = readFileSync(path);
    progress(path, index, "parse");
    const parsed = parseListFile(path, bytes, { format: options.format, readSibling: (name) => {
      const sibling = join(dirname(path), name);
      return existsSync(sibling) ? readFileSync(sibling) : undefined;
    } });
    if (!parsed.ok && parsed.problems[0]?.code === "companion-file" && paths.length > 1) continue;
    if (!parsed.ok) return parsed;
    progress(path, index, "store");
    for (const list of parsed.value) {
      outcomes.push(importList(options.dataDir, list, { source: path,
        importedAt: options.importedAt }));
    }
    progress(path, index, "done");
  }
  return ok(outcomes);
}
