// The data directory's files are their owner's alone: the SQLite database, its -wal and -shm
// files and the secrets are 0600 even in a directory others may read (which the hub warns
// about), and files an older hub left readable are made 0600 when it starts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import type { LogFields, Logger } from "../../src/lib/index.js";
import { startHub } from "../../src/main/hub.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";

interface Line { level: string; message: string; fields: LogFields }

/** A Logger that keeps every line. */
function capturingLogger(lines: Line[]): Logger {
  const at = (level: string) => (fields: LogFields, message: string) => {
    lines.push({ level, message, fields });
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"),
    child: () => capturingLogger(lines) };
}

/** The permission bits of a file, as octal text ("600"). */
function modeOf(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

/** A fresh directory with mode 0755 whatever the umask, as an operator might have made it. */
function openDirectory(label: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `corridor-modes-${label}-`)), "data");
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  return dir;
}

const databaseFiles = ["corridor.db", "corridor.db-wal", "corridor.db-shm"];
const ownerOnlyFiles = [...databaseFiles, "operator-credentials.json", "hub.json"];

/** A hub started in-process on `dir`; its log lines; stopped by the caller. */
async function hubIn(dir: string) {
  const lines: Line[] = [];
  const hub = await startHub({ dataDir: dir, host: "127.0.0.1", port: 0, screening: "off",
    logger: capturingLogger(lines) });
  const dataDirWarnings = () => lines.filter((line) => line.level === "warn" &&
    line.message.startsWith("Data directory"));
  return { hub, lines, dataDirWarnings };
}

describe("the SQLite store's file modes", () => {
  it("openSqliteStore() creates the database, -wal and -shm 0600 in a 0755 directory",
    async () => {
      const dir = openDirectory("store");
      const store = openSqliteStore({ path: join(dir, "corridor.db") });
      await store.upsertAccount({ name: "olga", role: "operator", tokenHash: "ab",
        passwordHash: undefined, createdAt: 0 });
      for (const name of databaseFiles) {
        expect(existsSync(join(dir, name)), name).toBe(true);
        expect(modeOf(join(dir, name)), name).toBe("600");
      }
      await store.close();
    });

  it("openSqliteStore() makes a database and WAL left 0644 owner-only before opening them",
    async () => {
      const dir = openDirectory("older");
      for (const name of ["corridor.db", "corridor.db-wal"]) {
        writeFileSync(join(dir, name), "", { mode: 0o644 });
        chmodSync(join(dir, name), 0o644);
      }
      const store = openSqliteStore({ path: join(dir, "corridor.db") });
      for (const name of databaseFiles) expect(modeOf(join(dir, name)), name).toBe("600");
      await store.close();
    });
});

describe("a hub's data directory", () => {
  it("startHub() keeps the store and the secrets 0600 in a 0755 directory and warns once",
    async () => {
      const dir = openDirectory("hub");
      const { hub, dataDirWarnings } = await hubIn(dir);
      try {
        for (const name of ownerOnlyFiles) {
          expect(existsSync(join(dir, name)), name).toBe(true);
          expect(modeOf(join(dir, name)), name).toBe("600");
        }
        // The directory's mode is the operator's to choose: warned about, not changed.
        expect(modeOf(dir)).toBe("755");
        expect(dataDirWarnings()).toHaveLength(1);
        expect(dataDirWarnings()[0]?.message).toContain("mode 755");
      } finally {
        await hub.stop();
      }
    });

  it("startHub() says nothing about a 0700 directory", async () => {
    const dir = openDirectory("quiet");
    chmodSync(dir, 0o700);
    const { hub, dataDirWarnings } = await hubIn(dir);
    await hub.stop();
    expect(dataDirWarnings()).toEqual([]);
  });

  it("startHub() makes the secrets and the database an older hub left 0644 owner-only",
    async () => {
      const dir = openDirectory("upgrade");
      await (await hubIn(dir)).hub.stop();
      for (const name of ["corridor.db", "operator-credentials.json", "hub.json"]) {
        chmodSync(join(dir, name), 0o644);
      }
      const { hub } = await hubIn(dir);
      try {
        for (const name of ownerOnlyFiles) expect(modeOf(join(dir, name)), name).toBe("600");
      } finally {
        await hub.stop();
      }
    });

  it.skipIf(!distBuilt())("`corridor serve` does the same in its own process (needs dist/)",
    async () => {
      const dir = openDirectory("serve");
      const hub = await startHubProcess(dir);
      try {
        for (const name of ownerOnlyFiles) expect(modeOf(join(dir, name)), name).toBe("600");
      } finally {
        await hub.stop();
      }
    });
});
