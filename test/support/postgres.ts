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

/** Drops every database this process created. */
export async function dropFreshDatabases(): Promise<void> {
  for (const { admin, name } of created.splice(0)) {
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
