// PostgreSQL stopped and started under load: the hub NAKs or refuses while the database is down
// (never an ACK without a durable commit), recovers by itself, and delivers everything it ACKed.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestSigner } from "../../src/client/index.js";
import { mt103, testUetr } from "../support/messages.js";
import {
  clusterAnswers, dropFreshDatabases, freshPostgresDatabase, localCluster, ownCluster, pgCtl,
  postgresTestUrl,
} from "../support/postgres.js";
import { distBuilt, runCli, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const baseUrl = postgresTestUrl();
const controllable = localCluster() !== undefined && existsSync("/usr/bin/pg_ctlcluster");
const work = mkdtempSync(join(tmpdir(), "corridor-pg-restart-"));
const data = join(work, "data");
const us = "BANKUS33XXX";
const jp = "BANKJPJTXXX";
let hub: HubProcess | undefined;

function signedFetch(name: string, bic: string) {
  const signer = createRequestSigner({ bic,
    privateKeyPem: readFileSync(join(work, `${name}.key`), "utf8") });
  return async (method: string, target: string, body = Buffer.alloc(0)) => {
    try {
      const response = await fetch((hub?.url ?? "") + target, { method,
        headers: { ...signer.headersFor({ method, target, body }),
          "content-type": "application/octet-stream" },
        ...(method === "GET" ? {} : { body }), signal: AbortSignal.timeout(20_000) });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try { json = JSON.parse(text) as Record<string, unknown>; } catch { json = { text }; }
      return { status: response.status, json };
    } catch (error) {
      return { status: 599, json: { error: String(error) } };
    }
  };
}

describe.skipIf(baseUrl === undefined || !distBuilt() || !controllable)(
  "PostgreSQL restart under load (needs CORRIDOR_TEST_POSTGRES_URL, dist/, a local cluster " +
  "pg_ctlcluster can restart)", () => {
    beforeAll(async () => {
      const database = await freshPostgresDatabase(baseUrl ?? "", "restart");
      hub = await startHubProcess(data, ["--store", database]);
      for (const [bic, name] of [[us, "us"], [jp, "jp"]] as const) {
        expect((await runCli(["keygen", "--out", join(work, name)])).code).toBe(0);
        const added = await runCli(["participant", "add", "--bic", bic, "--name", `Bank ${name}`,
          "--public-key", join(work, `${name}.pub`), "--data", data]);
        expect(added.code, added.stderr).toBe(0);
      }
    }, 60_000);
    afterAll(async () => {
      // Whatever happened, leave the cluster running for everyone else.
      if (!(await clusterAnswers(baseUrl ?? ""))) {
        try { pgCtl("start"); } catch { /* already starting */ }
      }
      await hub?.stop("SIGKILL");
      await dropFreshDatabases();
    }, 120_000);

    it("NAKs while the database is down, recovers alone, and loses nothing it ACKed", async () => {
      const send = signedFetch("us", us);
      const receive = signedFetch("jp", jp);
      const acked = new Set<string>();
      const refused: string[] = [];
      let sent = 0;
      let running = true;
      const submitter = async (): Promise<void> => {
        while (running && sent < 5_000) {
          sent += 1;
          const text = mt103({ sender: us, receiver: jp, reference: `PGR-${sent}`,
            uetr: testUetr(sent) });
          const reply = await send("POST", "/v1/messages", Buffer.from(text));
          if (reply.json.status === "ACK") acked.add(String(reply.json.id));
          else {
            const error = reply.json.error as { code?: unknown } | undefined;
            const code = reply.json.code ?? error?.code;
            refused.push(`${reply.status} ${typeof code === "string" ? code : "(no code)"}`);
          }
          if (reply.json.status !== "ACK") await new Promise((done) => setTimeout(done, 50));
        }
      };
      const load = Promise.all([submitter(), submitter(), submitter()]);
      await new Promise((done) => setTimeout(done, 1_000));
      const ackedBefore = acked.size;
      expect(ackedBefore).toBeGreaterThan(0);

      const release = await ownCluster(baseUrl ?? "");
      try {
        pgCtl("stop");
        // Answers to requests committed before the stop may still arrive for a moment.
        await new Promise((done) => setTimeout(done, 1_000));
        const refusedAtStop = refused.length;
        const ackedWhileDown = acked.size;
        await new Promise((done) => setTimeout(done, 2_000));
        const health = await send("GET", "/health");
        expect(health.status).toBe(503);
        expect(acked.size, "no ACK while the database is down").toBe(ackedWhileDown);
        expect(refused.length).toBeGreaterThan(refusedAtStop);
        // Every refusal is 503 storage-unavailable (a NAK, or the API's answer when a store
        // read fails first): never a 4xx, a plain 500 or an ACK.
        expect(refused.filter((answer) => answer !== "503 storage-unavailable")).toEqual([]);
      } finally {
        pgCtl("start");
        await release();
      }
      const ackedAtStart = acked.size;
      for (let i = 0; i < 300 && acked.size <= ackedAtStart + 20; i += 1) {
        await new Promise((done) => setTimeout(done, 100));
      }
      running = false;
      await load;
      expect(acked.size).toBeGreaterThan(ackedAtStart + 20);

      const delivered = new Map<number, string>();
      for (let round = 0; round < 200; round += 1) {
        const reply = await receive("GET", "/v1/inbox?limit=1000&wait=1");
        expect(reply.status).toBe(200);
        const page = reply.json.messages as { osn: number; id: string }[];
        if (page.length === 0) break;
        for (const message of page) {
          expect(delivered.has(message.osn)).toBe(false);
          delivered.set(message.osn, message.id);
        }
        const last = Math.max(...page.map((message) => message.osn));
        expect((await receive("POST", "/v1/inbox/ack",
          Buffer.from(JSON.stringify({ osn: last })))).status).toBe(200);
      }
      const ids = new Set(delivered.values());
      expect(ids.size).toBe(delivered.size);
      for (const id of acked) expect(ids.has(id), `ACKed ${id} delivered`).toBe(true);
      expect([...delivered.keys()].sort((a, b) => a - b))
        .toEqual(Array.from({ length: delivered.size }, (_, i) => i + 1));
    }, 120_000);
  });
