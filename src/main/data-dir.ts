// The data directory: the SQLite store, the operator's credentials (mode 0600) and hub.json
// telling local CLI commands where the running hub listens.
import {
  chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";

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

export function ensureDataDir(paths: DataDirPaths): void {
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
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
