// Runs the storage contract against PostgreSQL when CORRIDOR_TEST_POSTGRES_URL names a database
// (CI always gives one); each store opened gets a fresh schema-less database of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations, openPostgresStore } from "../../src/adapters/index.js";
import type { PostgresStore } from "../../src/adapters/index.js";
import type { MessageId, Submission } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import { describeCoordinationContract } from "./coordination.contract.js";
import { describeReplayWindowContract } from "./replay-window.contract.js";
import { describeStoreContract } from "./store.contract.js";
import {
  dropFreshDatabases, freshPostgresDatabase, postgresTestUrl, shareCluster,
} from "../support/postgres.js";

const url = postgresTestUrl();

describe.skipIf(url === undefined)("PostgreSQL store (needs CORRIDOR_TEST_POSTGRES_URL)", () => {
  it("is configured", () => { expect(url).toBeDefined(); });
});

if (url !== undefined) {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => { release = await shareCluster(url); }, 150_000);
  afterAll(async () => { await dropFreshDatabases(); await release?.(); });
  describeStoreContract("PostgreSQL", async () => {
    const store = await openPostgresStore({ url: await freshPostgresDatabase(url, "contract") });
    return { store, editAuditDetail: async (seq: number, detail: string) => {
      await store.pool.query("UPDATE audit_log SET detail = $1 WHERE seq = $2", [detail, seq]);
    } };
  });
  describeCoordinationContract("PostgreSQL", twoNodes);
  describeReplayWindowContract("PostgreSQL", { openNodes: twoNodes,
    open: async () => openPostgresStore({ url: await freshPostgresDatabase(url, "replays") }),
    records: async (store) => Number((await store.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM replay_window")).rows[0]?.n) });
}

const pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtest\n-----END PUBLIC KEY-----\n";
const bankA = "BANKDEFFXXX" as Bic;
const bankB = "BANKGB2LXXX" as Bic;

function submission(n: number, overrides: Partial<Submission> = {}): Submission {
  return {
    id: `P${String(n).padStart(8, "0")}` as MessageId, sender: bankA, receiver: bankB,
    format: "MT", type: "MT103", reference: `REF${n}`, uetr: undefined, priority: "normal",
    deliveryMonitoring: 0, possibleDuplicate: false, dedupeKey: `key-${n}`,
    payload: Buffer.from(`payload ${n}`), createdAt: 1_000, obsoleteAt: 9_000_000,
    initialStatus: "queued", ...overrides,
  };
}

async function twoNodes(label: string): Promise<[PostgresStore, PostgresStore]> {
  const database = await freshPostgresDatabase(url ?? "", label);
  const [one, two] = await Promise.all([openPostgresStore({ url: database }),
    openPostgresStore({ url: database })]);
  for (const bic of [bankA, bankB]) {
    await one.upsertParticipant({ bic, name: bic, publicKeyPem: pem, parent: undefined,
      status: "active", createdAt: 1 });
  }
  return [one, two];
}

describe.skipIf(url === undefined)("PostgreSQL store start", () => {
  it("openPostgresStore() migrates once when two nodes start together", async () => {
    const [one, two] = await twoNodes("migrate");
    const versions = await one.pool.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version");
    expect(versions.rows.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
    await Promise.all([one.close(), two.close()]);
  });

  it("openPostgresStore() fails with a clear error when the database is unreachable", async () => {
    await expect(openPostgresStore({ url: "postgres://postgres@127.0.0.1:1/none",
      connectTimeoutMs: 1_000 })).rejects.toThrow(
      /^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none: .+/);
  });
});

describe.skipIf(url === undefined)("PostgreSQL store across nodes", () => {
  it("claimInbox() from two nodes at once hands each message one gap-free OSN", async () => {
    const [one, two] = await twoNodes("claims");
    const total = 400;
    const commits = [];
    for (let start = 0; start < total; start += 50) {
      const batch = Array.from({ length: 50 }, (_, i) => submission(start + i + 1));
      commits.push((start / 50) % 2 === 0 ? one.commitSubmissions(batch)
        : two.commitSubmissions(batch));
    }
    const outcomes = (await Promise.all(commits)).flat();
    expect(outcomes.map((o) => o.isn).sort((a, b) => a - b))
      .toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const seen = new Map<number, string>();
    const isnByOsn = new Map<number, number>();
    for (let round = 0; round < 100 && seen.size < total; round += 1) {
      const pages = await Promise.all([one, two].map((store) =>
        store.claimInbox({ receiver: bankB, afterOsn: total, limit: 37, now: 5 })));
      for (const delivered of pages.flat()) {
        expect(delivered.possibleDuplicate).toBe(false);
        expect(seen.has(delivered.osn)).toBe(false);
        seen.set(delivered.osn, delivered.message.id);
        isnByOsn.set(delivered.osn, delivered.message.isn ?? 0);
      }
    }
    expect([...seen.keys()].sort((a, b) => a - b))
      .toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(seen.values()).size).toBe(total);
    // One sender's messages keep their ISN order in the receiver's OSN order.
    const isns = [...isnByOsn].sort(([a], [b]) => a - b).map(([, isn]) => isn);
    expect(isns).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await Promise.all([one.close(), two.close()]);
  });

  it("counts() stays exact while two nodes commit, claim and acknowledge at once", async () => {
    const [one, two] = await twoNodes("counts");
    await Promise.all([0, 1, 2, 3].map((k) => (k % 2 === 0 ? one : two).commitSubmissions(
      Array.from({ length: 50 }, (_, i) => submission(k * 50 + i + 1)))));
    await Promise.all([one, two].map((store) =>
      store.claimInbox({ receiver: bankB, afterOsn: 0, limit: 60, now: 5 })));
    await Promise.all([one.ackInbox(bankB, { uptoOsn: 50, now: 6 }),
      two.commitSubmissions([submission(999)])]);
    const direct = await one.pool.query<{ status: string; n: string }>(
      "SELECT status, count(*) AS n FROM messages GROUP BY status");
    const counted = Object.fromEntries(direct.rows.map((row) => [row.status, Number(row.n)]));
    expect(counted.acknowledged).toBe(50);
    expect(Object.values(counted).reduce((sum, n) => sum + n, 0)).toBe(201);
    expect(await two.counts()).toMatchObject(counted);
    await Promise.all([one.close(), two.close()]);
  });

  it("commitSubmissions() from two nodes answers one original per dedupe key", async () => {
    const [one, two] = await twoNodes("dedupe");
    const same = (n: number) => submission(n, { dedupeKey: "shared" });
    const [a, b] = await Promise.all([one.commitSubmissions([same(1)]),
      two.commitSubmissions([same(2)])]);
    const kinds = [a[0]?.kind, b[0]?.kind].sort();
    expect(kinds).toEqual(["duplicate", "stored"]);
    expect(a[0]?.isn).toBe(1);
    expect(b[0]?.isn).toBe(1);
    await Promise.all([one.close(), two.close()]);
  });
});

describe.skipIf(url === undefined)("PostgreSQL control stores", () => {
  it("commits a held message with its case, releases it once, and chains the audit", async () => {
    const [one, two] = await twoNodes("controls");
    const held = submission(1, { initialStatus: "held", hold: { caseId: "C-1", hits: [] } });
    await one.commitSubmissions([held]);
    const opened = await two.getCase("C-1");
    expect(opened?.messageId).toBe(held.id);
    expect((await two.listCases({ limit: 10 })).map((c) => c.id)).toEqual(["C-1"]);
    if (opened === undefined) return;
    const next = { ...opened, version: opened.version + 1, updatedAt: 5 };
    expect(await one.transitionCase({ next, fromVersion: opened.version, messageTo: "queued" }))
      .toBe("ok");
    expect(await two.transitionCase({ next, fromVersion: opened.version, messageTo: "queued" }))
      .toBe("conflict");
    expect((await two.getMessage(held.id))?.status).toBe("queued");
    const entries = await two.entries({ afterSeq: 0, limit: 100 });
    expect(entries.length).toBeGreaterThanOrEqual(3);
    entries.slice(1).forEach((entry, index) =>
      expect(entry.prevHash).toBe(entries[index]?.hash));
    await Promise.all([one.close(), two.close()]);
  });
});
