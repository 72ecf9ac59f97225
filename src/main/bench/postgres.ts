// The PostgreSQL store benchmark: durable submission throughput of `corridor serve` on SQLite (the
// baseline), on PostgreSQL with one node, and on PostgreSQL with two nodes sharing one database.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { openSession } from "../../client/index.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

const cli = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "bin",
  "corridor.js");

interface Node { url: string; child: ChildProcess }
interface Bank { bic: string; privateKeyPem: string; publicKeyPem: string }

async function startNode(dataDir: string, store: string): Promise<Node> {
  mkdirSync(dataDir, { recursive: true });
  // The hubs' stderr is the bench's: warnings only, not a line per onboarding request.
  const child = spawn(process.execPath, [cli, "serve", "--data", dataDir, "--port", "0",
    "--store", store, "--screening", "off"], { stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CORRIDOR_LOG_LEVEL: process.env.CORRIDOR_LOG_LEVEL ?? "warn" } });
  const info = join(dataDir, "hub.json");
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (existsSync(info)) {
      const parsed = JSON.parse(readFileSync(info, "utf8")) as { url: string; pid: number };
      if (parsed.pid === child.pid) return { url: parsed.url, child };
    }
    if (child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 25));
  }
  child.kill("SIGKILL");
  throw new Error(`Cannot start a hub node on "${store.split("@").pop() ?? ""}" for the bench`);
}

function stopNode(node: Node): Promise<void> {
  return new Promise((done) => {
    if (node.child.exitCode !== null) { done(); return; }
    node.child.once("exit", () => done());
    node.child.kill("SIGTERM");
    setTimeout(() => node.child.kill("SIGKILL"), 5_000).unref();
  });
}

function bank(bic: string): Bank {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { bic, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

async function onboard(node: Node, dataDir: string, banks: readonly Bank[]): Promise<void> {
  const { token } = JSON.parse(readFileSync(join(dataDir, "operator-credentials.json"),
    "utf8")) as { token: string };
  for (const entry of banks) {
    const response = await fetch(`${node.url}/v1/participants`, { method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ bic: entry.bic, name: entry.bic,
        publicKeyPem: entry.publicKeyPem }) });
    if (response.status >= 300) throw new Error(`Cannot onboard ${entry.bic}: ${response.status}`);
  }
}

function mt103(sender: string, receiver: string, n: number): string {
  const lt = (bic: string) => `${bic.slice(0, 8)}A${bic.slice(8)}`;
  const lines = [`:20:PG${n}`, ":23B:CRED", ":32A:261126USD1234,56", ":50K:/12345678901234",
    "ORDERING CUSTOMER NAME", "1 LONG STREET NAME", ":59:/98765432109876",
    "BENEFICIARY CUSTOMER NAME", "2 OTHER STREET NAME", ":71A:SHA"];
  return `{1:F01${lt(sender)}0000000000}{2:I103${lt(receiver)}N}` +
    `{3:{121:e3b0c442-98fc-4c14-9afb-${n.toString(16).padStart(12, "0")}}}` +
    `{4:\r\n${lines.join("\r\n")}\r\n-}`;
}

/** Senders on the given nodes (round robin) submit `perSender` messages each; msg/s ACKed. */
async function measure(nodes: readonly Node[], options: { senders: readonly Bank[];
  receiver: string; perSender: number; frame: number }): Promise<number> {
  const sessions = options.senders.map((sender, index) => openSession({
    hubUrl: nodes[index % nodes.length]?.url ?? "", bic: sender.bic,
    privateKeyPem: sender.privateKeyPem }));
  await Promise.all(sessions.map((session) => session.ready));
  const started = performance.now();
  let acked = 0;
  await Promise.all(sessions.map(async (session, index) => {
    for (let from = 0; from < options.perSender; from += options.frame) {
      const count = Math.min(options.frame, options.perSender - from);
      const payloads = Array.from({ length: count }, (_v, i) =>
        mt103(options.senders[index]?.bic ?? "", options.receiver,
          index * 10_000_000 + from + i + 1));
      const answers = await session.submit(payloads);
      acked += answers.filter((answer) => answer.status === "ACK").length;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  for (const session of sessions) session.close();
  if (acked !== options.senders.length * options.perSender) {
    throw new Error(`Cannot measure: ${acked} of ${options.senders.length * options.perSender} ` +
      "ACKed");
  }
  return acked / seconds;
}

/** Connects to the bench's PostgreSQL, or says why it cannot: the suite then skips it. */
async function connectAdmin(baseUrl: string):
  Promise<{ ok: true; admin: pg.Client } | { ok: false; reason: string }> {
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    // connect() fails only for want of a database to use (refused, timed out, authentication,
    // no such database): that is a machine without PostgreSQL, not a failed measurement.
    if (!(error instanceof Error)) throw error;
    return { ok: false, reason: error.message };
  }
  return { ok: true, admin };
}

/** Runs `body` on a fresh database, dropped afterwards. */
async function withDatabase<Value>(admin: pg.Client, options: { baseUrl: string;
  log: (line: string) => void }, body: (url: string) => Promise<Value>): Promise<Value> {
  const name = `corridor_bench_${process.pid}_${Math.floor(performance.now())}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(options.baseUrl);
    url.pathname = `/${name}`;
    return await body(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) => {
      options.log(`postgres bench: Cannot drop database ${name}: drop it by hand`);
      throw error;
    });
  }
}

interface Setup { store: (workDir: string) => string; nodes: 1 | 2 }

async function runSetup(name: string, setup: Setup, options: BenchOptions & {
  perSender: number }): Promise<number> {
  const dirs = [join(options.workDir, `${name}-1`), join(options.workDir, `${name}-2`)];
  const store = setup.store(options.workDir);
  const first = await startNode(dirs[0] ?? "", store);
  const nodes = [first];
  try {
    const receiver = bank("BENCHJPJXXX");
    const senders = ["BENCHUSAXXX", "BENCHUSBXXX", "BENCHUSCXXX", "BENCHUSDXXX"].map(bank);
    await onboard(first, dirs[0] ?? "", [receiver, ...senders]);
    if (setup.nodes === 2) {
      mkdirSync(dirs[1] ?? "", { recursive: true });
      copyFileSync(join(dirs[0] ?? "", "operator-credentials.json"),
        join(dirs[1] ?? "", "operator-credentials.json"));
      nodes.push(await startNode(dirs[1] ?? "", store));
    }
    const rate = await measure(nodes, { senders, receiver: receiver.bic,
      perSender: options.perSender, frame: 250 });
    options.log(`postgres bench: ${name}: ${Math.round(rate)} msg/s`);
    return rate;
  } finally {
    await Promise.all(nodes.map(stopNode));
  }
}

export const postgresBenchSuite: BenchSuite = {
  name: "postgres",
  description: "Durable submissions per second through `corridor serve` (streaming session, four " +
    "senders): SQLite baseline, PostgreSQL with one node and with two nodes on one database",
  run: async (options) => {
    const baseUrl = process.env.CORRIDOR_BENCH_POSTGRES_URL ??
      process.env.CORRIDOR_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const perSender = options.quick ? 1_000 : 5_000;
    const sqlite = await runSetup("sqlite", { store: (dir) => `sqlite:${join(dir, "bench.db")}`,
      nodes: 1 }, { ...options, perSender });
    const baseline = { name: "sqlite, 1 node", value: sqlite };
    const figures: BenchFigure[] = [{ name: baseline.name, value: sqlite, unit: "msg/s" }];
    const connected = await connectAdmin(baseUrl);
    if (!connected.ok) {
      options.log(`postgres bench: skipped PostgreSQL: ${connected.reason}`);
      return figures;
    }
    try {
      for (const nodes of [1, 2] as const) {
        const rate = await withDatabase(connected.admin, { baseUrl, log: options.log },
          (url) => runSetup(`postgres-${nodes}`, { store: () => url, nodes },
            { ...options, perSender }));
        figures.push({ name: `postgres, ${nodes} node${nodes === 1 ? "" : "s"}`, value: rate,
          unit: "msg/s", baseline, ratio: rate / sqlite,
          note: "ACKed after a durable commit; one local PostgreSQL 15, default settings" });
      }
    } finally {
      await connected.admin.end();
    }
    return figures;
  },
};
