// PostgreSQL for tests: the URL CI gives (CORRIDOR_TEST_POSTGRES_URL), fresh databases made from
// it and dropped afterwards, and a cluster restart helper for the outage test.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import pg from "pg";

/** The test database URL; outside CI its absence skips, in CI it fails loudly. */
export function postgresTestUrl(): string | undefined {
  const url = process.env.CORRIDOR_TEST_POSTGRES_URL;
  if ((url === undefined || url === "") && process.env.CI === "true") {
    throw new Error("Cannot run PostgreSQL tests: CORRIDOR_TEST_POSTGRES_URL is not set in CI");
  }
  return url === "" ? undefined : url;
}

const created: { admin: string; name: string }[] = [];
let counter = 0;

/** Creates an empty database beside the one `baseUrl` names; returns its URL. */
export async function freshPostgresDatabase(baseUrl: string, label: string): Promise<string> {
  counter += 1;
  const base = new URL(baseUrl);
  const name = `${base.pathname.slice(1)}_${label}_${process.pid}_${counter}`
    .toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 60);
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  created.push({ admin: baseUrl, name });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Databases dropped at once: each DROP waits on its own checkpoint, so a few at a time. */
const dropsInParallelMax = 8;

/** Drops every database this process created, a few at a time (a suite creates dozens). */
export async function dropFreshDatabases(): Promise<void> {
  const pending = created.splice(0);
  const worker = async (): Promise<void> => {
    for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
      await dropDatabase(next);
    }
  };
  await Promise.all(Array.from({ length: dropsInParallelMax }, worker));
}

async function dropDatabase({ admin, name }: { admin: string; name: string }): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch {
    // The cluster may be restarting; a leftover test database is harmless.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The local cluster's pg_ctlcluster arguments ("15 main"), when this machine runs one. */
export function localCluster(): [string, string] | undefined {
  try {
    const versions = readdirSync("/etc/postgresql");
    const version = versions[0];
    return version === undefined ? undefined : [version, "main"];
  } catch {
    return undefined;
  }
}

export function pgCtl(action: "stop" | "start" | "restart"): void {
  const cluster = localCluster();
  if (cluster === undefined) throw new Error("Cannot control PostgreSQL: no local cluster");
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...cluster, action],
    { stdio: "ignore", timeout: 60_000 });
}

/** Advisory lock key that the restart test takes exclusively and other PostgreSQL tests share. */
const clusterLockKey = "7206879014061212499";

async function lockCluster(baseUrl: string, mode: "shared" | "exclusive"): Promise<pg.Client> {
  for (let attempt = 0; ; attempt += 1) {
    const client = new pg.Client({ connectionString: baseUrl });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query(mode === "shared" ? "SELECT pg_advisory_lock_shared($1)"
        : "SELECT pg_advisory_lock($1)", [clusterLockKey]);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      // The cluster may be restarting under the restart test: wait and try again.
      if (attempt >= 240) throw error;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
}

/**
 * Holds the cluster in shared mode while a test file uses PostgreSQL, so that the restart test
 * (exclusive) never restarts it under another file; returns the release function.
 */
export async function shareCluster(baseUrl: string): Promise<() => Promise<void>> {
  const client = await lockCluster(baseUrl, "shared");
  return async () => { await client.end().catch(() => undefined); };
}

/** Waits until no other test file uses the cluster; the lock ends with the restart itself. */
export async function ownCluster(baseUrl: string): Promise<() => Promise<void>> {
  const client = await lockCluster(baseUrl, "exclusive");
  return async () => { await client.end().catch(() => undefined); };
}

/** True when the cluster answers a query within a second. */
export async function clusterAnswers(baseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 1_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
