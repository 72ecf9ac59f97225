// The data directory: the SQLite store, the operator's credentials (mode 0600) and hub.json
// telling local CLI commands where the running hub listens. Every file in it that holds a
// secret or a message is its owner's alone (0600), whatever the directory's own mode.
import {
  chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "../lib/index.js";

export const defaultDataDir = "./corridor-data";

export interface DataDirPaths {
  readonly root: string;
  readonly database: string;
  readonly operatorCredentials: string;
  readonly hubInfo: string;
}

export function dataDirPaths(dir: string): DataDirPaths {
  const root = resolve(dir);
  return {
    root,
    database: join(root, "corridor.db"),
    operatorCredentials: join(root, "operator-credentials.json"),
    hubInfo: join(root, "hub.json"),
  };
}

/** Permission bits that let anyone but the owner in: group and others, read, write or search. */
const sharedBits = 0o077;

/**
 * Creates the directory (0700) if it is missing. One that exists keeps its mode, which is the
 * operator's to choose, but a directory others may open is warned about: the files the hub
 * writes there are 0600 anyway (the store sees to its own), and secrets an older hub left
 * readable are made so here.
 */
export function ensureDataDir(paths: DataDirPaths, options: { logger: Logger }): void {
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  const mode = statSync(paths.root).mode & 0o777;
  if ((mode & sharedBits) !== 0) {
    options.logger.warn({ dataDir: paths.root, mode: mode.toString(8) },
      `Data directory "${paths.root}" is open to others (mode ${mode.toString(8)}): its files ` +
      "are kept 0600, but give it mode 0700 (chmod 700) so that others cannot list or add files");
  }
  for (const secret of [paths.operatorCredentials, paths.hubInfo]) ownerOnly(secret);
}

/** Makes an existing file readable and writable by its owner only; a missing one is left so. */
function ownerOnly(path: string): void {
  if (existsSync(path) && (statSync(path).mode & sharedBits) !== 0) chmodSync(path, 0o600);
}

/** Writes a secret file readable by its owner only; readers never see it half written. */
export function writeSecretFile(path: string, content: string): void {
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, content, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, path);
}

export function readJsonFile(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}
