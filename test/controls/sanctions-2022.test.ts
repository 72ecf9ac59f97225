// 2022 replayed on a moved clock: EU Regulation 2022/345 (seven banks and their
// majority-owned Russian subsidiaries, from 12 March), 2022/398 (Belarus, from 20 March) and
// 2022/879 (the Sberbank-like bank, from 14 June). At each step: who can send and receive, what
// was NAKed or aborted with which code, every affected sender notified, no ACKed message lost.
import { afterAll, describe, expect, it } from "vitest";
import { createControlsHub, payment } from "../support/controls.js";
import type { ControlsHub } from "../support/controls.js";

const day = (month: number, date: number, hour = 0) => Date.UTC(2022, month - 1, date, hour);
const eu = "EUBKDEFFXXX";
const us = "USBKUS33XXX";
const cn = "CNBKCNBJXXX";
const annex = ["RUAARUMM", "RUBBRUMM", "RUCCRUMM", "RUDDRUMM", "RUEERUMM", "RUFFRUMM",
  "RUGGRUMM"];
const russianSubsidiary = "RUASRUMMXXX";   // 100 % owned by RUAARUMM
const austrianSubsidiary = "RUAUAT2LXXX";  // owned by RUAARUMM, not Russian: out of scope
const carvedOut = "RUBSRUMMXXX";           // owned by RUBBRUMM, carved out by name
const sber = "SBERRUMMXXX";
const gazprom = "GAZPRUMMXXX";
const belarus = ["BYAABY2X", "BYBBBY2X", "BYCCBY2X"];
const belarusbank = "BYDDBY2XXXX";

let hub: ControlsHub;
let counter = 0;
const acked: { id: string; from: string; to: string }[] = [];

async function send(from: string, to: string) {
  counter += 1;
  const answer = await hub.send(from, payment({ from, to, reference: `REF${counter}`,
    uetrN: counter, amount: `${counter}00,00` }));
  if (answer.status === "ACK") acked.push({ id: String(answer.id), from, to });
  return answer;
}

async function propose(token: string, body: Record<string, unknown>) {
  const response = await hub.call(token, { method: "POST", path: "/v1/policies", body });
  expect(response.status).toBe(201);
  return (response.json.policy as { id: string }).id;
}

describe("2022 replayed on a moved clock", () => {
  let olga = "";
  let piet = "";
  afterAll(async () => { await hub.close(); });

  it("1 March: the network runs, 2022/345 is proposed, previewed and approved", async () => {
    hub = await createControlsHub({ start: day(3, 1, 9) });
    olga = await hub.addAccount("olga", "operator");
    piet = await hub.addAccount("piet", "operator");
    for (const bic of [eu, us, cn, sber, gazprom, belarusbank]) await hub.addBank(bic);
    for (const bic8 of [...annex, ...belarus]) await hub.addBank(`${bic8}XXX`);
    await hub.addBank(russianSubsidiary, { parent: "RUAARUMM" });
    await hub.addBank(austrianSubsidiary, { parent: "RUAARUMM" });
    await hub.addBank(carvedOut, { parent: "RUBBRUMM" });
    expect((await send(eu, "RUAARUMMXXX")).status).toBe("ACK");
    expect((await send("RUAARUMMXXX", eu)).status).toBe("ACK");
    expect((await send(cn, russianSubsidiary)).status).toBe("ACK");
    expect((await send(us, eu)).status).toBe("ACK");

    const id = await propose(olga, { reference: "Council Regulation (EU) 2022/345, Art. 5h",
      institutions: annex, includeSubsidiaries: true, subsidiaryCountries: ["RU"],
      carveOuts: ["RUBSRUMM"], direction: "both", effectiveAt: day(3, 12) });
    const preview = await hub.call(piet, { method: "GET", path: `/v1/policies/${id}/preview` });
    const { participants, queued, traffic } = preview.json.preview as { participants:
      { bic: string; why: string }[]; queued: { count: number }; traffic: { corridors:
      { sender: string; receiver: string; count: number; amounts: unknown[] }[] } };
    expect(participants.map((p) => p.bic).sort()).toEqual(
      [...annex.map((b) => `${b}XXX`), russianSubsidiary].sort());
    expect(participants.find((p) => p.bic === russianSubsidiary)?.why).toBe(
      "subsidiary of RUAARUMM");
    expect(queued.count).toBe(3);
    expect(traffic.corridors).toContainEqual({ sender: eu, receiver: "RUAARUMMXXX", count: 1,
      amounts: [{ currency: "USD", total: "100" }] });
    const self = await hub.call(olga, { method: "POST", path: `/v1/policies/${id}/approve` });
    expect(self.status).toBe(403);
    const approved = await hub.call(piet, { method: "POST", path: `/v1/policies/${id}/approve` });
    expect(approved.json.policy).toMatchObject({ status: "approved", approvedBy: "piet" });

    await propose(olga, { reference: "Council Regulation (EU) 2022/398",
      institutions: belarus, includeSubsidiaries: true, subsidiaryCountries: ["BY"],
      effectiveAt: day(3, 20) }).then((belarusId) =>
      hub.call(piet, { method: "POST", path: `/v1/policies/${belarusId}/approve` }));
  });

  it("11 March: nothing applies before the effective time", async () => {
    hub.setTime(day(3, 11, 23));
    expect(await hub.deps.controls?.policies.applyDue()).toEqual([]);
    expect((await send("RUCCRUMMXXX", us)).status).toBe("ACK");
  });

  it("12 March: the seven banks and their Russian subsidiary are cut off", async () => {
    hub.setTime(day(3, 12, 0) + 1_000);
    const applied = await hub.deps.controls?.policies.applyDue() ?? [];
    expect(applied.map((p) => p.outcome?.aborted)).toEqual([4]);
    const refused = await hub.send("RUAARUMMXXX", payment({ from: "RUAARUMMXXX", to: eu,
      reference: "LATE1" }));
    expect(refused).toMatchObject({ http: 403, error: { code: "participant-inactive" } });
    expect(JSON.stringify(refused)).toContain("2022/345");
    const toExcluded = await send(us, russianSubsidiary);
    expect(toExcluded).toMatchObject({ status: "NAK", code: "receiver-excluded" });
    expect(String(toExcluded.reason)).toContain("2022/345");
    // Carve-outs and unlisted banks keep working.
    expect((await send(carvedOut, eu)).status).toBe("ACK");
    expect((await send(austrianSubsidiary, eu)).status).toBe("ACK");
    expect((await send(sber, eu)).status).toBe("ACK");
    expect((await send(eu, gazprom)).status).toBe("ACK");
    // Every sender of an aborted message was notified.
    const euNotices = (await hub.inbox(eu)).messages.filter((m) => m.format === "system");
    expect(euNotices.map((m) => m.type)).toEqual(["abort-notification"]);
    const cnNotices = (await hub.inbox(cn)).messages.filter((m) => m.format === "system");
    expect(cnNotices.map((m) => m.type)).toEqual(["abort-notification"]);
  });

  it("20 March: the Belarus policy applies; Belarusbank stays connected", async () => {
    hub.setTime(day(3, 20, 0) + 1_000);
    await hub.deps.controls?.policies.applyDue();
    expect((await send(eu, "BYAABY2XXXX")).code).toBe("receiver-excluded");
    expect((await send(eu, belarusbank)).status).toBe("ACK");
  });

  it("14 June: 2022/879 adds the Sberbank-like bank; the Gazprombank-like one stays", async () => {
    hub.setTime(day(6, 3, 9));
    const id = await propose(olga, { reference: "Council Regulation (EU) 2022/879",
      institutions: ["SBERRUMM"], includeSubsidiaries: true, subsidiaryCountries: ["RU"],
      effectiveAt: day(6, 14) });
    await hub.call(piet, { method: "POST", path: `/v1/policies/${id}/approve` });
    expect((await send(sber, us)).status).toBe("ACK");
    hub.setTime(day(6, 14, 0) + 1_000);
    await hub.deps.controls?.policies.applyDue();
    expect((await send(us, sber)).code).toBe("receiver-excluded");
    expect((await send(us, gazprom)).status).toBe("ACK");
    expect((await hub.inbox(us)).messages.filter((m) => m.type === "abort-notification"))
      .toHaveLength(0);
  });

  it("no ACKed message was lost: each is delivered or aborted with a notice", async () => {
    for (const bic of [eu, us, cn, gazprom, belarusbank]) await hub.inbox(bic);
    const noticesAbout = new Set<string>();
    for (const entry of acked) {
      const message = await hub.store.getMessage(entry.id as never);
      expect(["delivered", "aborted", "queued"]).toContain(message?.status);
      if (message?.status === "queued") {
        expect([sber, eu, us].includes(entry.to) || entry.to === "RUAARUMMXXX").toBe(true);
      }
      if (message?.status === "aborted") noticesAbout.add(entry.id);
    }
    const audit = await hub.deps.controls?.verifyAudit();
    expect(audit?.ok).toBe(true);
    expect(noticesAbout.size).toBeGreaterThan(0);
  });
});
