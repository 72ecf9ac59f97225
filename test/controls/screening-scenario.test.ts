// Screening scenario: a payment naming a listed person in another transliteration is
// held; one officer cannot release it alone, two can; a rejection notifies the sender (MT 199);
// a list update holds a queued message that now hits; security refusals are audited.
import { afterEach, describe, expect, it } from "vitest";
import type { SanctionsList } from "../../src/screening/index.js";
import { createControlsHub, payment } from "../support/controls.js";
import type { ControlsHub } from "../support/controls.js";

const person = (id: string, name: string) => ({ id, kind: "person" as const,
  names: [{ full: name, kind: "primary" as const, weak: false }], identifiers: [],
  countries: ["ru"], addresses: [], birthDates: [], programmes: ["RUSSIA-EO14024"] });

const listV1: SanctionsList = { id: "test-sdn", title: "Test SDN", format: "ftm", version: "v1",
  entities: [person("E1", "Vladislav Petrovich Kuznetsov")] };
const listV2: SanctionsList = { ...listV1, version: "v2",
  entities: [...listV1.entities, person("E2", "Oleksandr Hryhorovych Shevchuk")] };

const eu = "EUBKDEFFXXX";
const us = "USBKUS33XXX";
let hub: ControlsHub | undefined;
afterEach(async () => { await hub?.close(); hub = undefined; });

async function setUp() {
  hub = await createControlsHub({ start: Date.UTC(2022, 2, 1, 9), lists: [listV1] });
  await hub.addBank(eu);
  await hub.addBank(us);
  return { hub, anna: await hub.addAccount("anna", "compliance"),
    boris: await hub.addAccount("boris", "compliance"),
    olga: await hub.addAccount("olga", "operator"),
    audrey: await hub.addAccount("audrey", "auditor") };
}

describe("screening in flight", () => {
  it("holds a transliterated listed name; release takes two officers", async () => {
    const { hub, anna, boris, olga } = await setUp();
    const clean = await hub.send(eu, payment({ from: eu, to: us, reference: "CLEAN1" }));
    expect(clean).toMatchObject({ status: "ACK", disposition: "queued" });
    const held = await hub.send(eu, payment({ from: eu, to: us, reference: "HIT1",
      beneficiary: "VLADYSLAV PETROVYCH KUZNIETSOV", uetrN: 2 }));
    expect(held).toMatchObject({ status: "ACK", disposition: "held" });
    expect(JSON.stringify(held)).not.toContain("KUZNETSOV");
    const inbox = await hub.inbox(us);
    expect(inbox.messages.map((m) => m.reference)).toEqual(["CLEAN1"]);

    const list = await hub.call(anna, { method: "GET", path: "/v1/cases?status=open" });
    const cases = list.json.cases as { id: string; hits: { entityId: string; party:
      { location: string } }[] }[];
    expect(cases).toHaveLength(1);
    const caseId = cases[0]?.id ?? "";
    expect(cases[0]?.hits[0]).toMatchObject({ entityId: "E1", party: { location: "59" } });

    const byOperator = await hub.call(olga, { method: "POST", path: `/v1/cases/${caseId}/release` });
    expect(byOperator.status).toBe(403);
    const first = await hub.call(anna, { method: "POST", path: `/v1/cases/${caseId}/release`,
      body: { note: "namesake: different date of birth" } });
    expect(first.json.stage).toBe("proposed");
    const again = await hub.call(anna, { method: "POST", path: `/v1/cases/${caseId}/release` });
    expect(again.json).toMatchObject({ error: { code: "approver-must-differ-from-proposer" } });
    expect((await hub.inbox(us)).messages.map((m) => m.reference)).not.toContain("HIT1");
    const second = await hub.call(boris, { method: "POST", path: `/v1/cases/${caseId}/release` });
    expect(second.json.stage).toBe("released");
    expect((await hub.inbox(us)).messages.map((m) => m.reference)).toContain("HIT1");
  });

  it("a rejection notifies the sender with an MT 199 and never delivers", async () => {
    const { hub, anna } = await setUp();
    const held = await hub.send(eu, payment({ from: eu, to: us, reference: "HIT2",
      beneficiary: "VLADISLAV KUZNETSOV", uetrN: 3 }));
    expect(held.disposition).toBe("held");
    const { cases } = (await hub.call(anna, { method: "GET", path: "/v1/cases" })).json as
      { cases: { id: string }[] };
    const caseId = cases[0]?.id ?? "";
    const noReason = await hub.call(anna, { method: "POST", path: `/v1/cases/${caseId}/reject` });
    expect(noReason.status).toBe(400);
    const rejected = await hub.call(anna, { method: "POST", path: `/v1/cases/${caseId}/reject`,
      body: { note: "true match, SDN E1" } });
    expect(rejected.json.stage).toBe("rejected");
    const notices = (await hub.inbox(eu)).messages;
    expect(notices.map((m) => m.type)).toEqual(["rejection-notification"]);
    expect(String(notices[0]?.payload)).toContain("{2:I199");
    expect(String(notices[0]?.payload)).toContain("/REJT/");
    expect((await hub.inbox(us)).messages).toHaveLength(0);
    const message = await hub.store.getMessage(String(held.id) as never);
    expect(message?.status).toBe("rejected");
  });

  it("a list update holds a queued message that now hits", async () => {
    const { hub, anna } = await setUp();
    const queued = await hub.send(eu, payment({ from: eu, to: us, reference: "LATER1",
      remittance: "INVOICE 7 FOR OLEKSANDR SHEVCHUK", uetrN: 4 }));
    expect(queued.disposition).toBe("queued");
    hub.lists.set([listV2]);
    const outcome = await hub.deps.controls.lists.reload("anna");
    expect(outcome).toMatchObject({ held: 1, partial: false });
    expect((await hub.store.getMessage(String(queued.id) as never))?.status).toBe("held");
    expect((await hub.inbox(us)).messages).toHaveLength(0);
    const { cases } = (await hub.call(anna, { method: "GET", path: "/v1/cases" })).json as
      { cases: { openedBy: string; hits: { entityId: string }[] }[] };
    expect(cases[0]).toMatchObject({ openedBy: "list-update", hits: [{ entityId: "E2" }] });
  });

  it("refuses participants, self-approval and operators, and audits every refusal", async () => {
    const { hub, anna, olga, audrey } = await setUp();
    await hub.send(eu, payment({ from: eu, to: us, reference: "HIT3",
      beneficiary: "VLADISLAV KUZNETSOV", uetrN: 5 }));
    const bank = await hub.app.request("/v1/cases", { method: "GET" });
    expect(bank.status).toBe(401);
    expect((await hub.call(audrey, { method: "GET", path: "/v1/policies" })).status).toBe(200);
    expect((await hub.call(anna, { method: "POST", path: "/v1/policies",
      body: { reference: "x" } })).status).toBe(403);
    const proposed = await hub.call(olga, { method: "POST", path: "/v1/policies", body: {
      reference: "Test regulation 1", institutions: ["USBKUS33"], effectiveAt: 0 } });
    const policyId = (proposed.json.policy as { id: string }).id;
    const self = await hub.call(olga, { method: "POST", path: `/v1/policies/${policyId}/approve` });
    expect(self.json).toMatchObject({ error: { code: "approver-must-differ-from-maker" } });
    // Refusals of known officers are audited at once; an unauthenticated caller is counted and
    // written with the recorder's next flush (bounded cost under a flood).
    await hub.deps.refusals.flush();
    const refusals = (await hub.store.entries({ afterSeq: 0, limit: 10_000 }))
      .filter((entry) => entry.kind === "refusal")
      .map((entry) => (JSON.parse(entry.detail) as { code: string }).code);
    expect(refusals).toEqual(["role-forbidden", "approver-must-differ-from-maker",
      "account-unauthenticated"]);
    const verdict = await hub.call(audrey, { method: "GET", path: "/v1/audit/verify" });
    expect(verdict.json).toMatchObject({ ok: true });
  });
});
