// Both stores at their boundary: a database that is locked, gone or restarting makes a method
// reject with StorageError "unavailable"; a constraint, a bug or a closed store does not.
import { mkdtempSync } from "node:fs";
import { createServer, connect } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStore, openSqliteStore } from "../../src/adapters/index.js";
import { AssertionError, StorageError, isStorageError } from "../../src/lib/index.js";
import type { Logger, LogFields } from "../../src/lib/index.js";
import type { Participant, PolicyRecord } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import {
  dropFreshDatabases, freshPostgresDatabase, postgresTestUrl, shareCluster,
} from "../support/postgres.js";

const bic = "BANKDEFFXXX" as Bic;
const participant: Participant = { bic, name: "Bank DE", publicKeyPem: "key", parent: undefined,
  status: "active", createdAt: 0 };

function policy(id: string): PolicyRecord {
  return { id, action: "exclude", reference: "Council Regulation (EU) 2022/345",
    institutions: ["BANKDEFF"], includeSubsidiaries: false, subsidiaryCountries: [],
    countries: [], carveOuts: [], direction: "both", effectiveAt: 5_000, queued: "abort",
    lifts: undefined, status: "proposed", proposedBy: "maker", proposedAt: 2_000,
    approvedBy: undefined, approvedAt: undefined, appliedAt: undefined, outcome: undefined,
    liftedBy: undefined, version: 1, updatedAt: 2_000, updatedBy: "maker" };
}

function onDisk(): string {
  return join(mkdtempSync(join(tmpdir(), "corridor-store-errors-")), "corridor.db");
}

describe("SQLite store errors", () => {
  it("upsertParticipant() rejects with StorageError unavailable while another connection " +
    "holds the write lock",
    async () => {
      const path = onDisk();
      const store = openSqliteStore({ path });
      // Fail at once instead of after the store's busy timeout.
      store.database.pragma("busy_timeout = 0");
      const other = new Database(path);
      other.exec("BEGIN EXCLUSIVE");
      try {
        const pending = store.upsertParticipant(participant);
        await expect(pending).rejects.toBeInstanceOf(StorageError);
        await expect(pending).rejects.toMatchObject({ kind: "unavailable",
          message: "Cannot run \"upsertParticipant\" on the SQLite store: the database file " +
            "is locked by another connection", cause: { code: "SQLITE_BUSY" } });
      } finally {
        other.exec("ROLLBACK");
        other.close();
      }
      await store.upsertParticipant(participant);
      expect(await store.getParticipant(bic)).toEqual(participant);
      await store.close();
    });

  it("insertPolicy() and trafficBuckets() reject with a constraint violation and a failed " +
    "assertion unchanged", async () => {
    const store = openSqliteStore({ path: ":memory:" });
    await store.insertPolicy(policy("P-1"));
    const duplicate = await store.insertPolicy(policy("P-1")).catch((error: unknown) => error);
    expect(isStorageError(duplicate)).toBe(false);
    expect(duplicate).toMatchObject({ code: "SQLITE_CONSTRAINT_PRIMARYKEY" });
    // A traffic query off the stored buckets is a caller's bug: an assertion, as a rejection.
    await expect(store.trafficBuckets({ bucketMs: 1, since: 0, limit: 10 }))
      .rejects.toBeInstanceOf(AssertionError);
    await store.close();
  });

  it("getParticipant() on a closed store rejects with better-sqlite3's TypeError, not " +
    "StorageError",
    async () => {
      // Only the hub closes its store, when it stops: a call after that is a shutdown-order
      // bug, not an outage to retry, so it must not answer 503 or NAK storage-unavailable.
      const store = openSqliteStore({ path: ":memory:" });
      await store.close();
      const pending = store.getParticipant(bic);
      await expect(pending).rejects.toBeInstanceOf(TypeError);
      await expect(pending).rejects.toThrow("The database connection is not open");
      await expect(store.ping()).rejects.not.toBeInstanceOf(StorageError);
    });
});

interface Relay {
  /** Listens (again, on the same port once it has one). */
  listen(): Promise<void>;
  url(): string;
  /** Drops every connection and stops listening: the database is gone. */
  cut(): Promise<void>;
}

/** A TCP relay to PostgreSQL that the test can cut and restore, as a restart would. */
function relay(target: URL): Relay {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = (): Promise<void> => new Promise((resolve) => {
    server = createServer((incoming) => {
      const upstream = connect(Number(target.port === "" ? 5432 : target.port), target.hostname);
      for (const socket of [incoming, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => { incoming.destroy(); upstream.destroy(); });
      }
      incoming.pipe(upstream).pipe(incoming);
    });
    server.listen(port, "127.0.0.1", () => {
      port = (server?.address() as AddressInfo).port;
      resolve();
    });
  });
  return {
    url: () => {
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    cut: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server?.close(() => resolve());
    }),
    listen,
  };
}

function recordingLogger(lines: string[]): Logger {
  const record = (_fields: LogFields, message: string): void => { lines.push(message); };
  const logger: Logger = { debug: record, info: record, warn: record, error: record,
    child: () => logger };
  return logger;
}

const baseUrl = postgresTestUrl();

describe.skipIf(baseUrl === undefined)("PostgreSQL store errors (needs " +
  "CORRIDOR_TEST_POSTGRES_URL)", () => {
  // The restart test stops the cluster only when no file shares it.
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => { release = await shareCluster(baseUrl ?? ""); }, 150_000);
  afterAll(async () => {
    await dropFreshDatabases();
    await release?.();
  });

  it("listParticipants(), ping() and commitSubmissions() reject with StorageError unavailable " +
    "while the database is unreachable, and recover", async () => {
    const database = new URL(await freshPostgresDatabase(baseUrl ?? "", "store_errors"));
    const link = relay(database);
    await link.listen();
    const lines: string[] = [];
    const store = await openPostgresStore({ url: link.url(), connectTimeoutMs: 1_000,
      logger: recordingLogger(lines) });
    try {
      await store.upsertParticipant(participant);
      await store.insertPolicy(policy("P-1"));
      const duplicate = await store.insertPolicy(policy("P-1")).catch((error: unknown) => error);
      expect(isStorageError(duplicate)).toBe(false);
      expect(duplicate).toMatchObject({ code: "23505" });

      // node-postgres destroys a connection whose query failed: open an idle one again.
      expect(await store.getParticipant(bic)).toEqual(participant);
      expect(store.pool.idleCount).toBeGreaterThan(0);
      await link.cut();
      // The pool hears that its idle connection dropped, reports it and discards it.
      for (let i = 0; i < 100 && lines.length === 0; i += 1) {
        await new Promise((done) => setTimeout(done, 20));
      }
      expect(lines).toEqual(["PostgreSQL dropped an idle connection; the pool opens another"]);
      for (const call of [() => store.listParticipants(), () => store.ping(),
        () => store.commitSubmissions([])]) {
        const error = await call().then(() => undefined, (rejected: unknown) => rejected);
        expect(isStorageError(error), String(error)).toBe(true);
        expect(error).toMatchObject({ kind: "unavailable" });
        expect((error as Error).message).toMatch(/^Cannot run "\w+" on the PostgreSQL store: /);
      }
      await link.listen();
      expect(await store.getParticipant(bic)).toEqual(participant);
    } finally {
      await store.close();
      await link.cut();
    }
  });
});
