// RMA through the public API: an operator grants and revokes; with enforcement on, messages the
// receiver has not authorised are NAKed rma-missing, and authorisations can be limited by type.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRmaGate, rmaCovers } from "../../src/network/index.js";
import type { RmaRecord } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { mt103, pacs008, testUetr } from "../support/messages.js";

let hub: TestHub;
beforeEach(async () => { hub = await createTestHub({ enforceRma: true }); });
afterEach(async () => { await hub.close(); });

const operator = (method: string, path: string, body?: unknown) => hub.app.request(path, {
  method, headers: { authorization: `Bearer ${hub.operatorToken}`,
    "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("rmaCovers()", () => {
  const record = (types: string[]): RmaRecord => ({ receiver: "BANKJPJTXXX" as Bic,
    sender: "BANKUS33XXX" as Bic, types, grantedBy: "olga", grantedAt: 0 });
  it("covers every type when none is listed, and type prefixes otherwise", () => {
    expect(rmaCovers(record([]), "MT202")).toBe(true);
    expect(rmaCovers(record(["pacs.008"]), "pacs.008.001.08")).toBe(true);
    expect(rmaCovers(record(["pacs.008"]), "pacs.009.001.08")).toBe(false);
    expect(rmaCovers(record(["MT103"]), "MT103")).toBe(true);
    expect(rmaCovers(record(["MT103"]), "MT1030")).toBe(false);
  });
});

describe("RMA enforcement", () => {
  it("NAKs without an authorisation, ACKs after a grant, and limits by type", async () => {
    const mt = mt103({ sender: hub.a.bic, receiver: hub.b.bic, reference: "R1",
      uetr: testUetr(1) });
    const first = await hub.signed(hub.a, { method: "POST", path: "/v1/messages", body: mt });
    expect(await first.json()).toMatchObject({ status: "NAK", code: "rma-missing" });
    const granted = await operator("POST", "/v1/rma", { receiver: hub.b.bic, sender: hub.a.bic,
      types: ["MT103"] });
    expect(granted.status).toBe(201);
    const second = await hub.signed(hub.a, { method: "POST", path: "/v1/messages", body: mt });
    expect(await second.json()).toMatchObject({ status: "ACK" });
    const mx = pacs008({ sender: hub.a.bic, receiver: hub.b.bic, reference: "R2" });
    const third = await hub.signed(hub.a, { method: "POST", path: "/v1/messages", body: mx });
    expect(await third.json()).toMatchObject({ status: "NAK", code: "rma-missing" });
    const listed = await (await operator("GET", "/v1/rma")).json() as { rma: unknown[] };
    expect(listed.rma).toHaveLength(1);
  });

  it("refuses grants from non-operators and for unknown participants", async () => {
    const anonymous = await hub.app.request("/v1/rma", { method: "POST",
      body: JSON.stringify({ receiver: hub.b.bic, sender: hub.a.bic }) });
    expect(anonymous.status).toBe(401);
    const unknown = await operator("POST", "/v1/rma", { receiver: "NOBKGB2LXXX",
      sender: hub.a.bic });
    expect(await unknown.json()).toMatchObject({ error: { code: "participant-unknown" } });
    const badType = await operator("POST", "/v1/rma", { receiver: hub.b.bic, sender: hub.a.bic,
      types: ["payments"] });
    expect(await badType.json()).toMatchObject({ error: { code: "rma-types-invalid" } });
  });

  it("takes a revoke into account once the gate's cache expires", async () => {
    let now = 1_000_000;
    const gate = createRmaGate({ rma: hub.store, clock: { now: () => now } });
    await hub.store.putRma({ receiver: hub.b.bic, sender: hub.a.bic, types: [],
      grantedBy: "olga", grantedAt: 0 });
    expect(await gate(hub.a.bic, hub.b.bic, "MT103")).toBeUndefined();
    await operator("DELETE", `/v1/rma?receiver=${hub.b.bic}&sender=${hub.a.bic}`);
    now += 5_000;
    expect(await gate(hub.a.bic, hub.b.bic, "MT103")).toMatchObject({ code: "rma-missing" });
  });
});
