// Four-eyes on people: one operator cannot defeat maker-checker or four-eyes through accounts it
// creates. An operator or compliance account proposed over the API waits, without a token, for
// a second operator outside the proposer's lineage; approvals of accounts, policies and releases
// refuse related accounts; every refusal is audited; independent people still get through.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { addAccountInDataDir } from "../../src/main/accounts.js";
import type { SanctionsList } from "../../src/screening/index.js";
import { createControlsHub, payment } from "../support/controls.js";
import type { ControlsHub } from "../support/controls.js";

const listed: SanctionsList = { id: "test-sdn", title: "Test SDN", format: "ftm", version: "v1",
  entities: [{ id: "E1", kind: "person", identifiers: [], countries: ["ru"], addresses: [],
    names: [{ full: "Vladislav Petrovich Kuznetsov", kind: "primary", weak: false }],
    birthDates: [], programmes: ["RUSSIA-EO14024"] }] };
const eu = "EUBKDEFFXXX";
const us = "USBKUS33XXX";
const reference = "Council Regulation (EU) 2022/345, Art. 5h";

let hub: ControlsHub | undefined;
afterEach(async () => { await hub?.close(); hub = undefined; });

/** A hub whose only operators are olga and omar, both the hub's own (independent). */
async function setUp() {
  hub = await createControlsHub({ start: Date.UTC(2022, 2, 1, 9), lists: [listed] });
  await hub.addBank(eu);
  await hub.addBank(us);
  return { hub, olga: await hub.addAccount("olga", "operator"),
    omar: await hub.addAccount("omar", "operator") };
}

type Answer = Awaited<ReturnType<ControlsHub["call"]>>;

const propose = (on: ControlsHub, token: string, body: { name: string; role: string }) =>
  on.call(token, { method: "POST", path: "/v1/accounts", body });
const approve = (on: ControlsHub, token: string, name: string) =>
  on.call(token, { method: "POST", path: `/v1/accounts/${name}/approve` });
const codeOf = (answer: Answer) => (answer.json.error as { code?: string } | undefined)?.code;

/** An account proposed by one operator and approved by another; its token. */
async function twoOperators(on: ControlsHub, tokens: { maker: string; checker: string },
  body: { name: string; role: string }): Promise<string> {
  expect((await propose(on, tokens.maker, body)).status).toBe(202);
  const approved = await approve(on, tokens.checker, body.name);
  expect(approved.json).toMatchObject({ stage: "activated", account: { status: "active" } });
  return String(approved.json.token);
}

/** Every refusal in the audit chain: [actor, subject, code]. */
async function refusals(on: ControlsHub): Promise<string[][]> {
  return (await on.store.entries({ afterSeq: 0, limit: 10_000 }))
    .filter((entry) => entry.kind === "refusal")
    .map((entry) => [entry.actor, entry.subject,
      (JSON.parse(entry.detail) as { code: string }).code]);
}

async function proposePolicy(on: ControlsHub, token: string): Promise<string> {
  const proposed = await on.call(token, { method: "POST", path: "/v1/policies",
    body: { reference, institutions: ["USBKUS33"], effectiveAt: Date.UTC(2022, 2, 2) } });
  expect(proposed.status).toBe(201);
  return (proposed.json.policy as { id: string }).id;
}

async function heldCase(on: ControlsHub, officer: string, n: number): Promise<string> {
  const held = await on.send(eu, payment({ from: eu, to: us, reference: `HIT${n}`,
    beneficiary: "VLADISLAV KUZNETSOV", uetrN: n }));
  expect(held).toMatchObject({ status: "ACK", disposition: "held" });
  const { cases } = (await on.call(officer, { method: "GET", path: "/v1/cases?status=open" }))
    .json as { cases: { id: string; reference: string }[] };
  return cases.find((c) => c.reference === `HIT${n}`)?.id ?? "";
}

describe("accounts are maker-checker", () => {
  it("an operator's new operator is pending, without a token, until another approves", async () => {
    const { hub, olga } = await setUp();
    const proposed = await propose(hub, olga, { name: "oscar", role: "operator" });
    expect(proposed.status).toBe(202);
    expect(proposed.json).toMatchObject({ stage: "proposed", account: { name: "oscar",
      status: "pending", createdBy: "olga", lineage: ["olga", "CORRIDOR"] } });
    expect(proposed.json.token).toBeUndefined();
    expect(await hub.store.findAccount({ name: "oscar" }))
      .toMatchObject({ status: "pending", tokenHash: undefined });
    const self = await approve(hub, olga, "oscar");
    expect([self.status, codeOf(self)]).toEqual([403, "approver-must-differ-from-maker"]);
    const listed = (await hub.call(olga, { method: "GET", path: "/v1/accounts" })).json
      .accounts as Record<string, unknown>[];
    expect(listed.find((a) => a.name === "oscar")).toEqual({ name: "oscar", role: "operator",
      status: "pending", createdBy: "olga", lineage: ["olga", "CORRIDOR"], approvedBy: null,
      proposal: { role: "operator", by: "olga", at: Date.UTC(2022, 2, 1, 9) },
      createdAt: Date.UTC(2022, 2, 1, 9) });
    expect(JSON.stringify(listed)).not.toContain("tokenHash");
    expect(await refusals(hub)).toEqual([["olga", "oscar", "approver-must-differ-from-maker"]]);
  });

  it("an auditor made alone only reads, and cannot be promoted by its creator's kin", async () => {
    const { hub, olga, omar } = await setUp();
    const aude = await propose(hub, olga, { name: "aude", role: "auditor" });
    expect(aude.status).toBe(201);
    const audeToken = String(aude.json.token);
    const policyId = await proposePolicy(hub, omar);
    const byAuditor = await hub.call(audeToken, { method: "POST",
      path: `/v1/policies/${policyId}/approve` });
    expect([byAuditor.status, codeOf(byAuditor)]).toEqual([403, "role-forbidden"]);
    const petra = await twoOperators(hub, { maker: olga, checker: omar },
      { name: "petra", role: "operator" });
    expect((await propose(hub, olga, { name: "aude", role: "operator" })).status).toBe(202);
    const byKin = await approve(hub, petra, "aude");
    expect(codeOf(byKin)).toBe("approver-related-to-maker");
    expect((await hub.store.findAccount({ name: "aude" }))?.role).toBe("auditor");
    expect((await approve(hub, omar, "aude")).json).toMatchObject({ stage: "promoted",
      account: { role: "operator", createdBy: "olga", approvedBy: "omar" } });
    expect(await refusals(hub)).toEqual([
      ["aude", `POST /v1/policies/${policyId}/approve`, "role-forbidden"],
      ["petra", "aude", "approver-related-to-maker"]]);
  });
});

describe("an operator's creations are not independent checkers", () => {
  it("neither the creator nor its creations approve each other's policies or accounts",
    async () => {
      const { hub, olga, omar } = await setUp();
      const petra = await twoOperators(hub, { maker: olga, checker: omar },
        { name: "petra", role: "operator" });
      const byOlga = await proposePolicy(hub, olga);
      expect(codeOf(await hub.call(petra, { method: "POST",
        path: `/v1/policies/${byOlga}/approve` }))).toBe("approver-related-to-maker");
      const byPetra = await proposePolicy(hub, petra);
      expect(codeOf(await hub.call(olga, { method: "POST",
        path: `/v1/policies/${byPetra}/approve` }))).toBe("approver-related-to-maker");
      expect((await propose(hub, petra, { name: "pia", role: "compliance" })).status).toBe(202);
      expect(codeOf(await approve(hub, olga, "pia"))).toBe("approver-related-to-maker");
      const { policies } = (await hub.call(omar, { method: "GET", path: "/v1/policies" }))
        .json as { policies: { status: string }[] };
      expect(policies.map((policy) => policy.status)).toEqual(["proposed", "proposed"]);
      expect(await refusals(hub)).toEqual([
        ["petra", byOlga, "approver-related-to-maker"],
        ["olga", byPetra, "approver-related-to-maker"],
        ["olga", "pia", "approver-related-to-maker"]]);
    });

  it("two officers one operator proposed cannot release a held payment together", async () => {
    const { hub, olga, omar } = await setUp();
    const carla = await twoOperators(hub, { maker: olga, checker: omar },
      { name: "carla", role: "compliance" });
    const colm = await twoOperators(hub, { maker: olga, checker: omar },
      { name: "colm", role: "compliance" });
    const caseId = await heldCase(hub, carla, 1);
    const first = await hub.call(carla, { method: "POST", path: `/v1/cases/${caseId}/release` });
    expect(first.json.stage).toBe("proposed");
    const second = await hub.call(colm, { method: "POST", path: `/v1/cases/${caseId}/release` });
    expect([second.status, codeOf(second)]).toEqual([403, "approver-related-to-proposer"]);
    expect((await hub.inbox(us)).messages).toEqual([]);
    expect(await refusals(hub)).toEqual([["colm", caseId, "approver-related-to-proposer"]]);
  });
});

describe("independent people still get through", () => {
  it("two hub-made operators each propose an officer; those officers release", async () => {
    const { hub, olga, omar } = await setUp();
    const carla = await twoOperators(hub, { maker: olga, checker: omar },
      { name: "carla", role: "compliance" });
    const cleo = await twoOperators(hub, { maker: omar, checker: olga },
      { name: "cleo", role: "compliance" });
    const caseId = await heldCase(hub, carla, 2);
    await hub.call(carla, { method: "POST", path: `/v1/cases/${caseId}/release` });
    const released = await hub.call(cleo, { method: "POST",
      path: `/v1/cases/${caseId}/release` });
    expect(released.json).toMatchObject({ stage: "released", case: { proposedBy: "carla",
      decidedBy: "cleo" } });
    expect((await hub.inbox(us)).messages.map((m) => m.reference)).toEqual(["HIT2"]);
    const policyId = await proposePolicy(hub, olga);
    expect((await hub.call(omar, { method: "POST", path: `/v1/policies/${policyId}/approve` }))
      .json).toMatchObject({ policy: { status: "approved", approvedBy: "omar" } });
    expect(await refusals(hub)).toEqual([]);
  });

  it("the data dir's holder creates accounts as the hub, audited with CORRIDOR", async () => {
    const data = mkdtempSync(join(tmpdir(), "corridor-bootstrap-"));
    await openSqliteStore({ path: join(data, "corridor.db") }).close();
    const created = await addAccountInDataDir({ data, name: "omar", role: "operator" });
    expect(created).toMatchObject({ ok: true, value: { stage: "created", record: {
      status: "active", createdBy: "CORRIDOR", lineage: ["CORRIDOR"] } } });
    expect(await addAccountInDataDir({ data, name: "omar", role: "auditor" }))
      .toMatchObject({ ok: false, problems: [{ code: "account-exists" }] });
    const store = openSqliteStore({ path: join(data, "corridor.db") });
    const entries = await store.entries({ afterSeq: 0, limit: 100 });
    await store.close();
    expect(entries.map((e) => [e.kind, e.actor, e.subject])).toEqual([
      ["account", "CORRIDOR", "omar"], ["refusal", "CORRIDOR", "omar"]]);
  });
});
