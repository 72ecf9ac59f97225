// Who sees per-participant metrics: the public /metrics has aggregate series only; the queue
// depth per receiver BIC needs an operator's bearer token, or the separate metrics listener
// (`corridor serve --metrics-listen HOST:PORT`) that serves /metrics alone.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/interfaces/index.js";
import { tokenHash } from "../../src/main/accounts.js";
import { startHub } from "../../src/main/hub.js";
import { createTestHub, makeBank } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, runCli, startHubProcess } from "../support/process-hub.js";

const perReceiver = /^corridor_queue_depth\{receiver=/m;

describe("/metrics on the API", () => {
  let hub: TestHub;
  const officerToken = "compliance-token-for-tests-0123456789";
  beforeEach(async () => {
    hub = await createTestHub();
    await hub.store.upsertAccount({ name: "carla", role: "compliance",
      tokenHash: tokenHash(officerToken), passwordHash: undefined, createdAt: 0 });
    const sent = await hub.signed(hub.a, { method: "POST", path: "/v1/messages",
      body: mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "METRICS1",
        uetr: testUetr(1) }) });
    expect(sent.status).toBe(201);
  });
  afterEach(async () => { await hub.close(); });

  const metrics = (headers: Record<string, string> = {}) =>
    hub.app.request("/metrics", { headers });

  it("without credentials has aggregate series only: no receiver, no BIC", async () => {
    const response = await metrics();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^corridor_messages\{status="queued"\} 1$/m);
    expect(text).not.toMatch(perReceiver);
    expect(text).not.toContain(hub.a.bic);
    expect(text).not.toContain(hub.b.bic);
  });

  it("with an operator's bearer token adds the queue depth per receiver BIC", async () => {
    const response = await metrics({ authorization: `Bearer ${hub.operatorToken}` });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(new RegExp(`^corridor_queue_depth\\{receiver="${hub.b.bic}"\\} 1$`,
      "m"));
    expect(text).toMatch(/^corridor_messages\{status="queued"\} 1$/m);
  });

  it("refuses another role's token and an unknown one instead of quietly answering less",
    async () => {
      const officer = await metrics({ authorization: `Bearer ${officerToken}` });
      expect(officer.status).toBe(403);
      expect(await officer.json()).toMatchObject({ error: { code: "role-forbidden" } });
      const unknown = await metrics({ authorization: "Bearer not-a-token-of-anyone-000" });
      expect(unknown.status).toBe(401);
      expect(await unknown.json()).toMatchObject({ error: { code: "account-unauthenticated" } });
    });

  it("createHttpApp(deps, { surface: \"metrics\" }) serves every series and nothing else",
    async () => {
      const app = createHttpApp(hub.deps, { surface: "metrics" });
      const text = await (await app.request("/metrics")).text();
      expect(text).toMatch(perReceiver);
      for (const [method, path] of [["GET", "/health"], ["GET", "/v1/openapi.json"],
        ["POST", "/v1/messages"], ["GET", "/v1/participants"], ["POST", "/console/api/login"]]) {
        expect((await app.request(path ?? "", { method: method ?? "GET" })).status, path)
          .toBe(404);
      }
    });
});

describe("the metrics listener", () => {
  it("startHub() with metricsListen serves per-receiver series there and not on the API",
    async () => {
      const hub = await startHub({
        dataDir: join(mkdtempSync(join(tmpdir(), "corridor-metrics-")), "d"),
        host: "127.0.0.1", port: 0, screening: "off",
        metricsListen: { host: "127.0.0.1", port: 0 } });
      try {
        const [sender, receiver] = [makeBank("METRUS33XXX"), makeBank("METRJPJTXXX")];
        for (const bank of [sender, receiver]) {
          await hub.deps.directory.upsert({ bic: bank.bic, name: bank.bic, parent: undefined,
            publicKeyPem: bank.publicKeyPem, status: "active", createdAt: 0 });
        }
        const answer = await hub.intake.submit(sender.bic, Buffer.from(mt103({
          sender: sender.bic, receiver: receiver.bic, reference: "LISTEN1", uetr: testUetr(2) })));
        expect(answer.status).toBe("ACK");
        expect(hub.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
        const listener = hub.metricsUrl ?? "";
        const full = await (await fetch(listener)).text();
        expect(full).toContain(`corridor_queue_depth{receiver="${receiver.bic}"} 1`);
        const publicText = await (await fetch(`${hub.url}/metrics`)).text();
        expect(publicText).not.toMatch(perReceiver);
        expect((await fetch(listener.replace(/\/metrics$/, "/health"))).status).toBe(404);
        expect((await fetch(listener.replace(/\/metrics$/, "/v1/messages"),
          { method: "POST", body: "x" })).status).toBe(404);
      } finally {
        await hub.stop();
      }
    });
});

describe.skipIf(!distBuilt())("corridor serve --metrics-listen (needs dist/)", () => {
  it("listens where asked and says where in hub.json", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "corridor-metrics-serve-")), "d");
    const hub = await startHubProcess(dir, ["--metrics-listen", "127.0.0.1:0"]);
    try {
      const info = JSON.parse(readFileSync(join(dir, "hub.json"), "utf8")) as
        { metricsUrl?: string };
      expect(info.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(info.metricsUrl ?? "");
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("corridor_screening_enforced 0");
    } finally {
      await hub.stop();
    }
  });

  it("refuses an address that is not HOST:PORT", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "corridor-metrics-bad-")), "d");
    const result = await runCli(["serve", "--data", dir, "--port", "0", "--screening", "off",
      "--metrics-listen", "9464"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("Cannot listen on \"9464\": give HOST:PORT");
  });
});
