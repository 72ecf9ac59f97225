// The storage error translation: which driver errors mean "the store is unavailable", and that
// everything else (constraint and SQL errors, assertion failures, bugs) passes through unchanged.
import { AssertionError as NodeAssertionError } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AssertionError, StorageError, isStorageError } from "../../lib/index.js";
import { translateStorageError, withStorageErrors } from "./storage-errors.js";

/** An error as node-postgres raises it for a server's ErrorResponse. */
function postgresError(code: string, message: string): Error {
  const error = new pg.DatabaseError(message, message.length, "error");
  error.code = code;
  error.severity = "ERROR";
  return error;
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A real SQLITE_BUSY: another connection holds the write lock and nobody waits. */
function realSqliteBusy(): unknown {
  const path = join(mkdtempSync(join(tmpdir(), "corridor-busy-")), "busy.db");
  const holder = new Database(path);
  const writer = new Database(path, { timeout: 0 });
  try {
    holder.exec("CREATE TABLE t (x INTEGER)");
    holder.exec("BEGIN EXCLUSIVE");
    writer.exec("INSERT INTO t VALUES (1)");
    return undefined;
  } catch (error) {
    return error;
  } finally {
    writer.close();
    holder.close();
  }
}

function translated(error: unknown): unknown {
  return translateStorageError(error, "run \"getParticipant\" on the test store");
}

describe("translateStorageError()", () => {
  const unavailable: [string, unknown][] = [
    ["SQLSTATE 08006 (connection failure)", postgresError("08006", "connection failure")],
    ["SQLSTATE 57P01 (administrator shutdown)",
      postgresError("57P01", "terminating connection due to administrator command")],
    ["SQLSTATE 53300 (too many connections)",
      postgresError("53300", "sorry, too many clients already")],
    ["ECONNREFUSED", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["SQLITE_BUSY", withCode("database is locked", "SQLITE_BUSY")],
    ["SQLITE_BUSY_SNAPSHOT", withCode("database is locked", "SQLITE_BUSY_SNAPSHOT")],
    ["SQLITE_FULL", withCode("database or disk is full", "SQLITE_FULL")],
    ["SQLITE_IOERR_WRITE", withCode("disk I/O error", "SQLITE_IOERR_WRITE")],
    ["node-postgres' lost connection", new Error("Connection terminated unexpectedly")],
    ["node-postgres' connect timeout", new Error("Connection terminated due to connection " +
      "timeout", { cause: new Error("Connection terminated unexpectedly") })],
    ["an AggregateError of ECONNREFUSEDs (IPv6 and IPv4)", new AggregateError([
      withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED"),
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")], "")],
    ["a cause chain", new Error("Cannot commit", { cause: new Error("Cannot send", {
      cause: postgresError("08006", "connection failure") }) })],
  ];
  it.each(unavailable)("translateStorageError() makes %s a StorageError unavailable",
    (_name, error) => {
      const result = translated(error);
      expect(isStorageError(result)).toBe(true);
      const storage = result as StorageError;
      expect(storage.kind).toBe("unavailable");
      expect(storage.cause).toBe(error);
      expect(storage.message).toMatch(
        /^Cannot run "getParticipant" on the test store: [a-z][^.:]*[^.]$/);
    });

  it("translateStorageError() says what is wrong without the driver's text", () => {
    const error = postgresError("57P01", "terminating connection due to administrator command");
    expect((translated(error) as Error).message).toBe(
      "Cannot run \"getParticipant\" on the test store: the database is restarting");
    const refused = (translated(withCode("connect ECONNREFUSED 10.0.0.7:5432", "ECONNREFUSED")) as
      Error).message;
    expect(refused).not.toMatch(/10\.0\.0\.7|ECONNREFUSED/);
  });

  it("translateStorageError() recognises a real better-sqlite3 SQLITE_BUSY", () => {
    const busy = realSqliteBusy();
    expect((busy as { code?: unknown }).code).toBe("SQLITE_BUSY");
    expect(isStorageError(translated(busy))).toBe(true);
  });

  it("translateStorageError() recognises a real refused node-postgres connection", async () => {
    // Nothing listens on port 1; "localhost" may resolve to ::1 and 127.0.0.1 (AggregateError).
    const client = new pg.Client({ host: "localhost", port: 1, connectionTimeoutMillis: 2_000 });
    const refused = await client.connect().then(() => undefined, (error: unknown) => error);
    await client.end().catch(() => undefined);
    expect(refused).toBeDefined();
    expect(isStorageError(translated(refused))).toBe(true);
  });

  const untouched: [string, unknown][] = [
    ["a unique violation (23505)", postgresError("23505", "duplicate key value violates " +
      "unique constraint \"messages_pkey\"")],
    ["a syntax error (42601)", postgresError("42601", "syntax error at or near \"SELEC\"")],
    ["a statement timeout (57014)", postgresError("57014", "canceling statement due to " +
      "statement timeout")],
    ["SQLITE_CONSTRAINT_UNIQUE", withCode("UNIQUE constraint failed: rma.receiver",
      "SQLITE_CONSTRAINT_UNIQUE")],
    ["SQLITE_LOCKED (a statement of the same connection)", withCode("database table is locked",
      "SQLITE_LOCKED")],
    ["SQLITE_CORRUPT", withCode("database disk image is malformed", "SQLITE_CORRUPT")],
    ["an AssertionError", new AssertionError("a submitting sender is a participant")],
    ["an AssertionError caused by a lost connection", new AssertionError("x", {
      cause: withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED") })],
    ["an error caused by an AssertionError caused by a lost connection", new Error("x", {
      cause: new AssertionError("y", { cause: new Error("Connection terminated unexpectedly") }),
    })],
    ["node:assert's AssertionError", new NodeAssertionError({ message: "x" })],
    ["a plain TypeError", new TypeError("Cannot read properties of undefined (reading 'bic')")],
    ["better-sqlite3 on a closed database",
      new TypeError("The database connection is not open")],
    ["node-postgres on a client the hub ended", new Error("Client was closed and is not " +
      "queryable")],
    ["node-postgres on a pool the hub ended", new Error("Cannot use a pool after calling end " +
      "on the pool")],
    ["a string", "ECONNREFUSED"],
    ["undefined", undefined],
  ];
  it.each(untouched)("translateStorageError() returns %s unchanged", (_name, error) => {
    expect(translated(error)).toBe(error);
  });

  it("translateStorageError() returns a StorageError unchanged (no double wrapping)", () => {
    const once = translated(withCode("database is locked", "SQLITE_BUSY"));
    expect(translated(once)).toBe(once);
  });

  it("translateStorageError() looks no deeper than four causes", () => {
    let error: Error = withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED");
    for (let i = 0; i < 3; i += 1) error = new Error(`wrap ${i}`, { cause: error });
    expect(isStorageError(translated(error))).toBe(true);
    error = new Error("wrap 3", { cause: error });
    expect(translated(error)).toBe(error);
  });
});

describe("withStorageErrors()", () => {
  const busy = (): never => { throw withCode("database is locked", "SQLITE_BUSY"); };
  const bug = new AssertionError("a receiver with queued messages is a participant");

  it("withStorageErrors() sync: a driver error thrown during the call becomes a rejection",
    async () => {
      const store = withStorageErrors({ name: "kept", read: () => Promise.resolve(busy()),
        assertive: (): Promise<void> => { throw bug; }, sum: (a: number, b: number) =>
          Promise.resolve(a + b) }, { store: "SQLite", calls: "sync" });
      expect(store.name).toBe("kept");
      expect(await store.sum(2, 3)).toBe(5);
      const pending = store.read();
      await expect(pending).rejects.toBeInstanceOf(StorageError);
      await expect(pending).rejects.toThrow(
        "Cannot run \"read\" on the SQLite store: the database file is locked by another " +
        "connection");
      await expect(store.assertive()).rejects.toBe(bug);
    });

  it("withStorageErrors() async: rejections are translated, other results pass through",
    async () => {
      const unsubscribe = (): void => undefined;
      const store = withStorageErrors({
        query: () => Promise.reject(postgresError("57P01", "terminating connection")),
        conflict: () => Promise.reject(postgresError("23505", "duplicate key")),
        assertive: () => Promise.reject(bug),
        subscribe: () => unsubscribe,
      }, { store: "PostgreSQL", calls: "async" });
      await expect(store.query()).rejects.toMatchObject({ name: "StorageError",
        kind: "unavailable" });
      await expect(store.conflict()).rejects.toMatchObject({ code: "23505" });
      await expect(store.assertive()).rejects.toBe(bug);
      expect(store.subscribe()).toBe(unsubscribe);
    });

  it("withStorageErrors() refuses a class instance, whose methods it would lose", () => {
    class Store { read(): Promise<void> { return Promise.resolve(); } }
    expect(() => withStorageErrors(new Store(), { store: "SQLite", calls: "sync" }))
      .toThrow(AssertionError);
  });
});
