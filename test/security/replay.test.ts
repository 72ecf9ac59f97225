// Replays of captured participant requests (RFC 9421) are refused: sent again as they were,
// with the signature's base64 spelled another way, after the hub restarts on its data dir, and
// to the other node of a PostgreSQL hub. HTTP refusals are counted in /metrics.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHub } from "../../src/main/hub.js";
import type { Hub } from "../../src/main/hub.js";
import { createTestHub, makeBank } from "../support/harness.js";
import type { TestBank, TestHub } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import {
  dropFreshDatabases, freshPostgresDatabase, postgresTestUrl, shareCluster,
} from "../support/postgres.js";
import { distBuilt, runCli, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

type Headers = Record<string, string>;
const inbox = "/v1/inbox?limit=10";
const session = "/v1/session";
const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function signed(bank: TestBank, method: string, target: string,
  body: Buffer = Buffer.alloc(0)): Headers {
  return bank.signer.headersFor({ method, target, body });
}

/**
 * The same signature bytes spelled another way: Node's base64 decoder takes each of these.
 * An Ed25519 signature is 64 bytes, 86 characters and `==`: the last character carries 2 bits
 * of the signature and 4 unused ones.
 */
const respellings: Record<string, (base64: string) => string> = {
  "padding stripped": (base64) => base64.replace(/=+$/, ""),
  "unused bits flipped": (base64) => {
    const body = base64.replace(/=+$/, "");
    const last = base64Alphabet.indexOf(body.slice(-1));
    return `${body.slice(0, -1)}${base64Alphabet[last ^ 1] ?? ""}${"=".repeat(
      base64.length - body.length)}`;
  },
  "padding doubled": (base64) => `${base64}==`,
};

function respelled(headers: Headers, how: string): Headers {
  const match = /^sig1=:(.+):$/.exec(headers.signature ?? "");
  const respell = respellings[how];
  if (match?.[1] === undefined || respell === undefined) throw new Error(`Cannot respell ${how}`);
  expect(Buffer.from(respell(match[1]), "base64")).toEqual(Buffer.from(match[1], "base64"));
  return { ...headers, signature: `sig1=:${respell(match[1])}:` };
}

async function errorCode(response: Response): Promise<string | undefined> {
  return (await response.json() as { error?: { code?: string } }).error?.code;
}

/** The count of HTTP authentication refusals with this code in the /metrics text. */
function refusals(metrics: string, code: string): number {
  const line = metrics.split("\n")
    .find((text) => text.startsWith(`corridor_auth_failures_total{code="${code}"} `));
  return line === undefined ? 0 : Number(line.split(" ")[1]);
}

/** Opens a raw session with these headers: 101 when it opened, else the refusal's status. */
function handshake(url: string, headers: Headers): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + session, { headers });
    ws.on("open", () => { ws.close(); resolve({ status: 101 }); });
    ws.on("unexpected-response", (_request, response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => { text += chunk.toString("utf8"); });
      response.on("end", () => resolve({ status: response.statusCode ?? 0,
        code: (JSON.parse(text) as { error: { code: string } }).error.code }));
    });
    ws.on("error", reject);
  });
}

const payment = (sender: TestBank, receiver: TestBank, n: number): Buffer =>
  Buffer.from(mt103({ sender: sender.bic, receiver: receiver.bic, reference: `RP-${n}`,
    uetr: testUetr(n) }));

describe("replayed requests on one hub", () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await createTestHub(); });
  afterAll(async () => { await hub.close(); });

  const get = (headers: Headers) => hub.app.request(inbox, { headers });
  const metrics = async () => (await hub.app.request("/metrics")).text();

  it("a captured GET /v1/inbox sent again is refused 401 signature-replayed and counted",
    async () => {
      const body = payment(hub.a, hub.b, 1);
      const submitted = await hub.app.request("/v1/messages", { method: "POST", body,
        headers: signed(hub.a, "POST", "/v1/messages", body) });
      expect(submitted.status).toBe(201);
      const captured = signed(hub.b, "GET", inbox);
      const first = await get(captured);
      expect(first.status).toBe(200);
      expect((await first.json() as { messages: unknown[] }).messages).toHaveLength(1);
      const before = refusals(await metrics(), "signature-replayed");
      const replay = await get(captured);
      expect(replay.status).toBe(401);
      expect(await errorCode(replay)).toBe("signature-replayed");
      expect(refusals(await metrics(), "signature-replayed")).toBe(before + 1);
    });

  for (const how of Object.keys(respellings)) {
    it(`a captured signature with its ${how} is refused 401 signature-invalid`, async () => {
      const captured = signed(hub.b, "GET", inbox);
      const early = await get(respelled(captured, how));
      expect(early.status).toBe(401);
      expect(await errorCode(early)).toBe("signature-invalid");
      expect((await get(captured)).status, "a refused spelling does not use up the original")
        .toBe(200);
      const before = refusals(await metrics(), "signature-invalid");
      const late = await get(respelled(captured, how));
      expect(late.status).toBe(401);
      expect(await errorCode(late)).toBe("signature-invalid");
      expect(refusals(await metrics(), "signature-invalid")).toBe(before + 1);
    });
  }

  it("a Content-Digest whose base64 is not canonical is refused 401 digest-mismatch", async () => {
    const captured = signed(hub.b, "GET", inbox);
    // SHA-256 is 32 bytes, 43 characters and `=`: the last character has 2 unused bits.
    const digest = /^sha-256=:(.+)=:$/.exec(captured["content-digest"] ?? "")?.[1] ?? "";
    const last = base64Alphabet.indexOf(digest.slice(-1));
    const flipped = `sha-256=:${digest.slice(0, -1)}${base64Alphabet[last ^ 1] ?? ""}=:`;
    const response = await get({ ...captured, "content-digest": flipped });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "digest-mismatch",
      message: "Cannot authenticate: Content-Digest is not canonical base64" } });
  });
});

describe("replayed requests across a hub restart", () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "corridor-replay-")), "data");
  const a = makeBank("RPLAUS33XXX");
  const b = makeBank("RPLAJPJTXXX");
  let hub: Hub | undefined;
  afterEach(async () => { await hub?.stop(); hub = undefined; });

  const start = async (): Promise<Hub> => {
    hub = await startHub({ dataDir, host: "127.0.0.1", port: 0, screening: "off" });
    return hub;
  };

  it("a captured inbox read and session handshake are refused after the restart", async () => {
    const first = await start();
    for (const bank of [a, b]) {
      await first.deps.directory.upsert({ bic: bank.bic, name: bank.bic,
        publicKeyPem: bank.publicKeyPem, parent: undefined, status: "active", createdAt: 0 });
    }
    const body = payment(a, b, 2);
    expect((await fetch(`${first.url}/v1/messages`, { method: "POST", body,
      headers: signed(a, "POST", "/v1/messages", body) })).status).toBe(201);
    const read = signed(b, "GET", inbox);
    expect((await fetch(first.url + inbox, { headers: read })).status).toBe(200);
    const opened = signed(b, "GET", session);
    expect((await handshake(first.url, opened)).status).toBe(101);
    await first.stop();

    const second = await start();
    const replay = await fetch(second.url + inbox, { headers: read });
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe("signature-replayed");
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(refusals(metrics, "signature-replayed")).toBe(1);
    expect(await handshake(second.url, opened))
      .toEqual({ status: 401, code: "signature-replayed" });
  });
});

const baseUrl = postgresTestUrl();

describe.skipIf(baseUrl === undefined || !distBuilt())(
  "replayed requests across the nodes of a PostgreSQL hub (needs the URL and dist/)", () => {
    const work = mkdtempSync(join(tmpdir(), "corridor-replay-nodes-"));
    const dataDirs = [join(work, "node1"), join(work, "node2")];
    const a = makeBank("RPLBUS33XXX");
    const b = makeBank("RPLBJPJTXXX");
    const nodes: HubProcess[] = [];
    let release: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      release = await shareCluster(baseUrl ?? "");
      const database = await freshPostgresDatabase(baseUrl ?? "", "replays");
      mkdirSync(dataDirs[1] ?? "", { recursive: true });
      nodes.push(await startHubProcess(dataDirs[0] ?? "", ["--store", database]));
      // Every node of one hub uses the same operator credentials.
      copyFileSync(join(dataDirs[0] ?? "", "operator-credentials.json"),
        join(dataDirs[1] ?? "", "operator-credentials.json"));
      nodes.push(await startHubProcess(dataDirs[1] ?? "", ["--store", database]));
      for (const bank of [a, b]) {
        const key = join(work, `${bank.bic}.pub`);
        writeFileSync(key, bank.publicKeyPem);
        const added = await runCli(["participant", "add", "--bic", bank.bic, "--name", bank.bic,
          "--public-key", key, "--data", dataDirs[0] ?? ""]);
        expect(added.code, added.stderr).toBe(0);
      }
    }, 180_000);
    afterAll(async () => {
      await Promise.all(nodes.map((node) => node.stop()));
      await dropFreshDatabases();
      await release?.();
    });

    it("a request captured on one node is refused by the other, counted there", async () => {
      const [one, two] = nodes.map((node) => node.url);
      if (one === undefined || two === undefined) throw new Error("Cannot find both nodes");
      const body = payment(a, b, 3);
      expect((await fetch(`${one}/v1/messages`, { method: "POST", body,
        headers: signed(a, "POST", "/v1/messages", body) })).status).toBe(201);
      const read = signed(b, "GET", inbox);
      const first = await fetch(one + inbox, { headers: read });
      expect((await first.json() as { messages: unknown[] }).messages).toHaveLength(1);
      const replay = await fetch(two + inbox, { headers: read });
      expect(replay.status).toBe(401);
      expect(await errorCode(replay)).toBe("signature-replayed");
      const respelledReplay = await fetch(two + inbox,
        { headers: respelled(read, "padding stripped") });
      expect(await errorCode(respelledReplay)).toBe("signature-invalid");
      const metrics = await (await fetch(`${two}/metrics`)).text();
      expect(refusals(metrics, "signature-replayed")).toBe(1);
      expect(refusals(metrics, "signature-invalid")).toBe(1);
    });

    it("a session handshake captured on one node is refused by the other", async () => {
      const [one, two] = nodes.map((node) => node.url);
      if (one === undefined || two === undefined) throw new Error("Cannot find both nodes");
      const opened = signed(b, "GET", session);
      expect((await handshake(one, opened)).status).toBe(101);
      expect(await handshake(two, opened)).toEqual({ status: 401, code: "signature-replayed" });
    });
  });
