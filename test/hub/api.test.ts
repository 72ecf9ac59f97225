// The participant API through the Hono app in-process: ACK/NAK, duplicates, delivery, and every
// rejection the hub spine names (forged sender, wrong key, replay, tampered body, reading another
// bank's inbox or message, oversize, garbage bytes).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mtMessageCharsMax } from "../../src/limits.js";
import { createTestHub, makeBank } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { mt103, pacs008, testUetr } from "../support/messages.js";

let hub: TestHub;
beforeEach(async () => { hub = await createTestHub(); });
afterEach(async () => { await hub.close(); });

const submit = (body: string | Buffer, bank = hub.a) =>
  hub.signed(bank, { method: "POST", path: "/v1/messages", body });

describe("POST /v1/messages", () => {
  it("ACKs an MT103 with id, ISN and UETR, then a duplicate with the same answer", async () => {
    const message = mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "REF1",
      uetr: testUetr(7) });
    const first = await submit(message);
    expect(first.status).toBe(201);
    const ack = await first.json() as Record<string, unknown>;
    expect(ack).toMatchObject({ status: "ACK", isn: 1, uetr: testUetr(7), type: "MT103",
      format: "MT", disposition: "queued" });
    const again = await submit(message);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: ack.id, isn: 1, disposition: "duplicate" });
    const pde = await submit(`${message}{5:{PDE:}}`);
    expect(await pde.json()).toMatchObject({ id: ack.id, disposition: "duplicate" });
  });

  it("ACKs a pacs.008 and routes a BIC8 receiver to its head office", async () => {
    const response = await submit(pacs008({ sender: hub.a.bic, receiver: "BANKJPJT",
      reference: "MX1", uetr: testUetr(8) }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ type: "pacs.008.001.08", format: "MX",
      uetr: testUetr(8) });
  });

  it.each([
    ["a forged sender", () => mt103({ sender: "BANKJPJTXXX", receiver: "BANKUS33XXX",
      reference: "X" }), "sender-not-authorised", "block1"],
    ["an unknown receiver", () => mt103({ sender: "BANKUS33XXX", receiver: "NOSUCHXXXXX",
      reference: "X" }), "receiver-unknown", "block2"],
    ["garbage bytes", () => "hello, this is not a message", "format-unknown", "message"],
    ["a broken basic header", () => "{1:F01BANK}{2:I103BANKJPJTAXXXN}{4:\r\n:20:X\r\n-}",
      "H01", "block1"],
    ["an oversize MT", () => mt103({ sender: "BANKUS33XXX", receiver: "BANKJPJTXXX",
      reference: "X" }).replace(":71A:SHA", `:70:${"A".repeat(mtMessageCharsMax)}\r\n:71A:SHA`),
    "M50", "message"],
    ["a character outside the X set", () => mt103({ sender: "BANKUS33XXX",
      receiver: "BANKJPJTXXX", reference: "X" }).replace("JANE ROE", "JANE R\u00d6E"),
    "M60", "block4"],
    ["an MX with a DOCTYPE", () => `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>` +
      pacs008({ sender: "BANKUS33XXX", receiver: "BANKJPJTXXX", reference: "X" })
        .replace(/^<\?xml[^>]*>/, ""), "xml-unsafe", "/"],
  ])("NAKs %s with the right code and location", async (_name, build, code, location) => {
    const response = await submit(build());
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: "NAK", code, location });
  });

  it("NAKs an MT field error with FIN's code and the field's line (content validation)", async () => {
    const response = await submit(mt103({ sender: hub.a.bic, receiver: hub.b.bic,
      reference: "V1" }).replace(":23B:CRED", ":23B:XXXX"));
    expect(await response.json()).toMatchObject({ status: "NAK", code: "T36", location: "23B",
      line: 3 });
  });

  it("NAKs an MX schema error with its XML path", async () => {
    const response = await submit(pacs008({ sender: hub.a.bic, receiver: hub.b.bic,
      reference: "V2" }).replace("<ChrgBr>SHAR</ChrgBr>", "<ChrgBr>NONE</ChrgBr>"));
    const nak = await response.json() as { status: string; location: string };
    expect(nak.status).toBe("NAK");
    expect(nak.location).toContain("ChrgBr");
  });

  it("NAKs bytes that are not UTF-8", async () => {
    const response = await submit(Buffer.from([0x7b, 0x31, 0x3a, 0xff, 0xfe]));
    expect(await response.json()).toMatchObject({ code: "encoding-invalid" });
  });
});

describe("POST /v1/messages on a hub that cannot screen", () => {
  it("NAKs a payment 503 screening-unavailable with Retry-After while no list is in force",
    async () => {
      const unscreened = await createTestHub({ screening: "enforced" });
      try {
        const response = await unscreened.signed(unscreened.a, { method: "POST",
          path: "/v1/messages", body: mt103({ sender: unscreened.a.bic,
            receiver: unscreened.b.bic, reference: "NOLIST", uetr: testUetr(77) }) });
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("1");
        expect(await response.json()).toMatchObject({ status: "NAK",
          code: "screening-unavailable", location: "hub" });
        expect(await unscreened.store.counts()).toMatchObject({ queued: 0, held: 0 });
      } finally {
        await unscreened.close();
      }
    });
});

describe("participant authentication", () => {
  const path = "/v1/inbox";

  it("refuses an unknown key id", async () => {
    const stranger = makeBank("STRAGB2LXXX");
    const response = await hub.signed(stranger, { method: "GET", path });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "key-unknown" } });
  });

  it("refuses a signature made with the wrong key", async () => {
    const impostor = { ...makeBank("BANKUS33XXX") };
    const response = await hub.signed(impostor, { method: "GET", path });
    expect(await response.json()).toMatchObject({ error: { code: "signature-invalid" } });
  });

  it("refuses a replayed signature", async () => {
    const body = Buffer.alloc(0);
    const headers = hub.a.signer.headersFor({ method: "GET", target: path, body });
    expect((await hub.app.request(path, { headers })).status).toBe(200);
    const replay = await hub.app.request(path, { headers });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: "signature-replayed" } });
  });

  it("refuses a tampered body and a tampered target", async () => {
    const message = mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "T1" });
    const headers = hub.a.signer.headersFor({ method: "POST", target: "/v1/messages",
      body: Buffer.from(message) });
    const tampered = await hub.app.request("/v1/messages", { method: "POST", headers,
      body: message.replace("1000,00", "9000,00") });
    expect(await tampered.json()).toMatchObject({ error: { code: "digest-mismatch" } });
    const getHeaders = hub.a.signer.headersFor({ method: "GET", target: "/v1/inbox?after=1",
      body: Buffer.alloc(0) });
    const moved = await hub.app.request("/v1/inbox?after=0", { headers: getHeaders });
    expect(await moved.json()).toMatchObject({ error: { code: "signature-invalid" } });
  });

  it("refuses a creation time outside the window", async () => {
    const old = makeBank("BANKUS33XXX", { now: () => Date.now() - 3_600_000 });
    await hub.deps.directory.upsert({ bic: old.bic, name: "A", publicKeyPem: old.publicKeyPem,
      parent: undefined, status: "active", createdAt: 0 });
    const response = await hub.signed(old, { method: "GET", path });
    expect(await response.json()).toMatchObject({ error: { code: "signature-expired" } });
  });

  it("refuses unsigned requests", async () => {
    const response = await hub.app.request(path);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "signature-missing" } });
  });
});

describe("inbox and message status", () => {
  it("delivers in OSN order, redelivers unacked as possible duplicates, and keeps bytes", async () => {
    const messages = [1, 2, 3].map((n) => mt103({ sender: hub.a.bic, receiver: hub.b.bic,
      reference: `R${n}`, uetr: testUetr(n) }));
    for (const message of messages) expect((await submit(message)).status).toBe(201);
    const first = await (await hub.signed(hub.b, { method: "GET", path: "/v1/inbox?limit=2" }))
      .json() as { messages: { osn: number; payload: string; possibleDuplicate: boolean }[] };
    expect(first.messages.map((m) => [m.osn, m.possibleDuplicate])).toEqual([[1, false],
      [2, false]]);
    expect(first.messages[0]?.payload).toBe(messages[0]);
    await hub.signed(hub.b, { method: "POST", path: "/v1/inbox/ack", body: "{\"osn\":1}" });
    const second = await (await hub.signed(hub.b, { method: "GET", path: "/v1/inbox" }))
      .json() as { messages: { osn: number; possibleDuplicate: boolean }[] };
    expect(second.messages.map((m) => [m.osn, m.possibleDuplicate])).toEqual([[2, true],
      [3, false]]);
  });

  it("lets only the sender or receiver read a message, and nobody another's inbox", async () => {
    const ack = await (await submit(mt103({ sender: hub.a.bic, receiver: hub.b.bic,
      reference: "S1" }))).json() as { id: string };
    const third = makeBank("BANKGB2LXXX");
    await hub.deps.directory.upsert({ bic: third.bic, name: "C", publicKeyPem: third.publicKeyPem,
      parent: undefined, status: "active", createdAt: 0 });
    const path = `/v1/messages/${ack.id}`;
    expect((await hub.signed(hub.a, { method: "GET", path })).status).toBe(200);
    expect(await (await hub.signed(hub.b, { method: "GET", path })).json())
      .toMatchObject({ status: "queued", sender: hub.a.bic });
    const snoop = await hub.signed(third, { method: "GET", path });
    expect(snoop.status).toBe(404);
    const inbox = await (await hub.signed(third, { method: "GET", path: "/v1/inbox" }))
      .json() as { messages: unknown[] };
    expect(inbox.messages).toEqual([]);
  });

  it("sends the sender a delivery notification when block 2 asks for one", async () => {
    const message = mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "DN1" })
      .replace(/\{2:I103(\w{12})N\}/, "{2:I103$1N2}");
    await submit(message);
    await hub.signed(hub.b, { method: "GET", path: "/v1/inbox" });
    await hub.signed(hub.b, { method: "POST", path: "/v1/inbox/ack", body: "{\"osn\":1}" });
    const notices = await (await hub.signed(hub.a, { method: "GET", path: "/v1/inbox" }))
      .json() as { messages: { format: string; type: string; payload: string }[] };
    expect(notices.messages.map((m) => [m.format, m.type])).toEqual([
      ["system", "delivery-notification"]]);
    expect(JSON.parse(notices.messages[0]?.payload ?? "{}")).toMatchObject({ reference: "DN1" });
  });

  it("rejects a malformed inbox query and ack body", async () => {
    expect((await hub.signed(hub.b, { method: "GET", path: "/v1/inbox?limit=0" })).status)
      .toBe(400);
    expect((await hub.signed(hub.b, { method: "POST", path: "/v1/inbox/ack", body: "nope" }))
      .status).toBe(400);
  });
});

describe("operator endpoints and service endpoints", () => {
  it("adds participants only with an operator token and checks the BIC and key", async () => {
    const bank = makeBank("NEWBFRPPXXX");
    const body = JSON.stringify({ bic: "NEWBFRPP", name: "New Bank", publicKeyPem: bank.publicKeyPem });
    const headers = { "content-type": "application/json" };
    expect((await hub.app.request("/v1/participants", { method: "POST", headers, body })).status)
      .toBe(401);
    // The refusal is counted now and audited with the recorder's next flush.
    expect(hub.deps.metrics.counterValue("refusals_total", { kind: "bearer" })).toBe(1);
    expect(await hub.deps.refusals.flush()).toBe(1);
    const auth = { ...headers, authorization: `Bearer ${hub.operatorToken}` };
    const created = await hub.app.request("/v1/participants", { method: "POST", headers: auth, body });
    expect(created.status).toBe(201);
    const bad = await hub.app.request("/v1/participants", { method: "POST", headers: auth,
      body: JSON.stringify({ bic: "NEWB", name: "X", publicKeyPem: bank.publicKeyPem }) });
    expect(await bad.json()).toMatchObject({ error: { code: "bic-format-invalid" } });
  });

  it("documents every /v1 route it serves in the OpenAPI document", async () => {
    const openapi = await (await hub.app.request("/v1/openapi.json")).json() as
      { paths: Record<string, Record<string, unknown>> };
    const missing = hub.app.routes
      .filter((route) => route.path.startsWith("/v1/") && route.method !== "ALL")
      .map((route) => [route.method.toLowerCase(), route.path.replace(/:(\w+)/g, "{$1}")])
      .filter(([method, path]) => openapi.paths[path ?? ""]?.[method ?? ""] === undefined)
      .map(([method, path]) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it("serves health, metrics and the OpenAPI document", async () => {
    // This hub's test said screening is off: /health and /metrics say so too.
    expect(await (await hub.app.request("/health")).json()).toEqual({ status: "ok",
      screening: { mode: "off", lists: [], acceptsPayments: true } });
    await submit("garbage");
    const metrics = await (await hub.app.request("/metrics")).text();
    expect(metrics).toContain("corridor_naks_total{code=\"format-unknown\"} 1");
    expect(metrics).toContain("corridor_screening_enforced 0");
    const openapi = await (await hub.app.request("/v1/openapi.json")).json() as
      { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain("/v1/inbox/ack");
  });
});
