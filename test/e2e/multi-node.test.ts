// Two `corridor serve` processes on one PostgreSQL database form one hub: the sender talks to one
// node, the receiver to the other; each node is SIGKILLed mid-stream and restarted. Every ACKed
// message arrives exactly once in OSN order, and the obsolescence job warns each message once.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestSigner, withPossibleDuplicateEmission } from "../../src/client/index.js";
import { mt103, testUetr } from "../support/messages.js";
import {
  dropFreshDatabases, freshPostgresDatabase, postgresTestUrl, shareCluster,
} from "../support/postgres.js";
import { distBuilt, runCli, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const baseUrl = postgresTestUrl();
const work = mkdtempSync(join(tmpdir(), "corridor-multi-"));
const dataDirs = [join(work, "node1"), join(work, "node2")];
const us = "BANKUS33XXX";
const jp = "BANKJPJTXXX";
const gb = "BANKGB2LXXX";
const total = 240;
const jobPeriodMs = 300;

let database = "";
const nodes: (HubProcess | undefined)[] = [undefined, undefined];

const startNode = async (index: number): Promise<void> => {
  nodes[index] = await startHubProcess(dataDirs[index] ?? "", ["--store", database,
    "--obsolescence-check-ms", String(jobPeriodMs)]);
};

interface Reply { status: number; json: Record<string, unknown> }

function bank(name: string, bic: string) {
  const signer = createRequestSigner({ bic,
    privateKeyPem: readFileSync(join(work, `${name}.key`), "utf8") });
  let node = name === "us" ? 0 : 1;
  let failovers = 0;
  const request = async (method: string, target: string, body = Buffer.alloc(0)):
    Promise<Reply> => {
    const url = nodes[node]?.url;
    try {
      if (url === undefined) throw new Error("node down");
      const response = await fetch(url + target, { method,
        headers: { ...signer.headersFor({ method, target, body }),
          "content-type": "application/octet-stream" },
        ...(method === "GET" ? {} : { body }), signal: AbortSignal.timeout(5_000) });
      return { status: response.status, json: await response.json() as Record<string, unknown> };
    } catch {
      node = 1 - node; // what a load balancer does when a node stops answering
      failovers += 1;
      return { status: 599, json: {} };
    }
  };
  return { request, failovers: () => failovers };
}

describe.skipIf(baseUrl === undefined || !distBuilt())(
  "multi-node hub on PostgreSQL (needs CORRIDOR_TEST_POSTGRES_URL and dist/)", () => {
    let release: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      release = await shareCluster(baseUrl ?? "");
      database = await freshPostgresDatabase(baseUrl ?? "", "multinode");
      mkdirSync(dataDirs[1] ?? "", { recursive: true });
      await startNode(0);
      // Every node of one hub uses the same operator credentials.
      copyFileSync(join(dataDirs[0] ?? "", "operator-credentials.json"),
        join(dataDirs[1] ?? "", "operator-credentials.json"));
      await startNode(1);
      for (const [bic, name] of [[us, "us"], [jp, "jp"], [gb, "gb"]] as const) {
        expect((await runCli(["keygen", "--out", join(work, name)])).code).toBe(0);
        const added = await runCli(["participant", "add", "--bic", bic, "--name", `Bank ${name}`,
          "--public-key", join(work, `${name}.pub`), "--data", dataDirs[0] ?? ""]);
        expect(added.code, added.stderr).toBe(0);
      }
    }, 180_000);
    afterAll(async () => {
      await Promise.all(nodes.map((node) => node?.stop("SIGKILL") ?? Promise.resolve()));
      await dropFreshDatabases();
      await release?.();
    });

    it("delivers every ACKed message once in OSN order across node kills", async () => {
      const sender = bank("us", us);
      const receiver = bank("jp", jp);
      const acked = new Map<string, number>();
      const submitOne = async (n: number, to: string): Promise<void> => {
        let text = mt103({ sender: us, receiver: to, reference: `MN-${n}`, uetr: testUetr(n) });
        if (to === gb) text = text.replace(/N\}\{3:/, "N1}{3:");
        for (let attempt = 0; attempt < 200; attempt += 1) {
          const reply = await sender.request("POST", "/v1/messages", Buffer.from(text));
          if (reply.json.status === "ACK") {
            if (to === jp) acked.set(String(reply.json.id), Number(reply.json.isn));
            return;
          }
          expect(reply.status === 599 || reply.status >= 500, JSON.stringify(reply)).toBe(true);
          text = withPossibleDuplicateEmission(text);
          await new Promise((done) => setTimeout(done, 50));
        }
        throw new Error(`Cannot submit message ${n}: no node answered`);
      };
      for (let n = 1; n <= 5; n += 1) await submitOne(10_000 + n, gb);

      const delivered = new Map<number, { id: string }>();
      let sending = true;
      const receive = async (): Promise<void> => {
        for (let round = 0; round < 2_000; round += 1) {
          if (!sending && delivered.size >= acked.size) return;
          const reply = await receiver.request("GET", "/v1/inbox?limit=25&wait=1");
          if (reply.status !== 200) { await new Promise((d) => setTimeout(d, 50)); continue; }
          const page = reply.json.messages as
            { osn: number; id: string; possibleDuplicate: boolean }[];
          for (const message of page) {
            const earlier = delivered.get(message.osn);
            if (earlier !== undefined) {
              expect(message.possibleDuplicate).toBe(true);
              expect(message.id).toBe(earlier.id);
              continue;
            }
            delivered.set(message.osn, { id: message.id });
          }
          const last = Math.max(0, ...page.map((m) => m.osn));
          // Ack only every other page, so that a kill leaves unacknowledged deliveries behind.
          if (last > 0 && round % 2 === 0) {
            await receiver.request("POST", "/v1/inbox/ack",
              Buffer.from(JSON.stringify({ osn: last })));
          }
        }
      };
      const receiving = receive();
      // Four submitters in parallel, so that each kill lands while requests are in flight.
      let next = 0;
      const kill = async (index: number): Promise<void> => {
        const node = nodes[index];
        nodes[index] = undefined;
        await node?.stop("SIGKILL");
        setTimeout(() => { void startNode(index); }, 300);
      };
      const submitter = async (): Promise<void> => {
        while (next < total) {
          next += 1;
          const n = next;
          if (n === Math.floor(total / 3)) await kill(0);
          if (n === Math.floor((2 * total) / 3)) await kill(1);
          await submitOne(n, jp);
        }
      };
      await Promise.all([submitter(), submitter(), submitter(), submitter()]);
      sending = false;
      await receiving;
      expect(sender.failovers()).toBeGreaterThan(0);
      expect(receiver.failovers()).toBeGreaterThan(0);

      expect(acked.size).toBe(total);
      const osns = [...delivered.keys()].sort((a, b) => a - b);
      expect(osns).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(new Set([...delivered.values()].map((d) => d.id))).toEqual(new Set(acked.keys()));
      // One sender's messages keep their ISN order in the receiver's stream.
      const isns = osns.map((osn) => acked.get(delivered.get(osn)?.id ?? "") ?? 0);
      expect(isns).toEqual([...isns].sort((x, y) => x - y));
      expect(new Set(isns).size).toBe(total);
    }, 180_000);

    it("runs the obsolescence job on one node per period: one warning per message", async () => {
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        const lease = async () => (await client.query<{ runs: string; due_at: string }>(
          "SELECT runs, due_at FROM job_leases WHERE name = 'obsolescence'")).rows[0];
        let before = await lease();
        for (let i = 0; i < 100 && before === undefined; i += 1) {
          await new Promise((done) => setTimeout(done, 100));
          before = await lease();
        }
        expect(before).toBeDefined();
        await client.query("UPDATE messages SET obsolete_at = 0 WHERE receiver = $1", [gb]);
        let warnings: { reference: string; n: string }[] = [];
        for (let i = 0; i < 100 && warnings.length < 5; i += 1) {
          await new Promise((done) => setTimeout(done, 100));
          warnings = (await client.query<{ reference: string; n: string }>(`SELECT reference,
            count(*) AS n FROM messages WHERE type = 'non-delivery-warning' GROUP BY reference`))
            .rows;
        }
        await new Promise((done) => setTimeout(done, 4 * jobPeriodMs));
        warnings = (await client.query<{ reference: string; n: string }>(`SELECT reference,
          count(*) AS n FROM messages WHERE type = 'non-delivery-warning' GROUP BY reference`))
          .rows;
        expect(warnings).toHaveLength(5);
        expect(warnings.every((row) => row.n === "1")).toBe(true);
        const after = await lease();
        const runs = Number(after?.runs) - Number(before?.runs);
        // A run needs due_at reached and moves it a period past its own start, so runs are at
        // least a period apart on the lease's own record (no clock read here). Two nodes ticking
        // every period without the lease would run it twice as often and fail this.
        expect(runs * jobPeriodMs).toBeLessThanOrEqual(Number(after?.due_at) -
          Number(before?.due_at));
        expect(runs).toBeGreaterThanOrEqual(1);
      } finally {
        await client.end();
      }
    }, 60_000);
  });
