// `corridor demo --scenario sanctions-2022` in-process on a temp data dir with a very fast
// scenario clock: the right banks go dark at each step, the carve-outs keep trading, request
// signatures keep working in real time, and a second run resumes instead of duplicating.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mt103 } from "../../src/main/demo/messages.js";
import type { Party } from "../../src/main/demo/messages.js";
import { startDemo } from "../../src/main/demo/network.js";
import type { DemoNetwork } from "../../src/main/demo/network.js";
import {
  createScenarioClock, runScenario2022, scenario2022StartAt,
} from "../../src/main/demo/scenario-2022.js";
import type { ScenarioStepReport } from "../../src/main/demo/scenario-2022.js";
import type { Bic } from "../../src/standards/index.js";

const eu345 = ["VOLGRUMMXXX", "NEVARUMMXXX", "KAMARUMMXXX", "SVIRRUMMXXX", "BAIKRUMMXXX",
  "DONNRUMMXXX", "AMURRUMMXXX", "OKARRUMMXXX"];
const belarus = ["GOMEBY2XXXX", "MINSBY2XXXX"];
const sber = "URALRUMMXXX";
const gazprom = "ONEGRUMMXXX";
const abroad = ["VOLGATAAXXX", "NEVAAT2WXXX"];   // subsidiaries outside Russia: out of scope
const us = "HUDSUS33XXX";
const de = "RHEIDEFFXXX";

let dataDir = "";
let demo: DemoNetwork;
let counter = 0;
const lines: string[] = [];

function party(country: string): Party {
  return { name: "Maria Keller", street: "1 Market Street", town: "Hamburg", country,
    account: `${country}123456789` };
}

async function pay(from: string, to: string) {
  counter += 1;
  const text = mt103({ sender: from, receiver: to, reference: `SCN${counter}`,
    uetr: randomUUID(), currency: "EUR", minorUnits: 12_345n, valueDate: "220315",
    ordering: party(from.slice(4, 6)), beneficiary: party(to.slice(4, 6)),
    remittance: `INVOICE ${counter}` });
  const [answer] = await demo.submit(from, [text]);
  return answer;
}

async function statusOf(bic: string) {
  return (await demo.hub.deps.directory.find(bic as Bic))?.status;
}

describe("runScenario2022()", () => {
  let reports: readonly ScenarioStepReport[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "corridor-scenario-"));
    const clock = createScenarioClock({ startAt: scenario2022StartAt, secondsPerDay: 0.1,
      real: { now: () => Date.now() } });
    demo = await startDemo({ dataDir, host: "127.0.0.1", port: 0, banks: 34, rate: 20,
      policyClock: clock });
    expect((await pay(us, "VOLGRUMMXXX"))?.status).toBe("ACK");
    const result = await runScenario2022(demo, { clock, log: (line) => lines.push(line) });
    if (!result.ok) throw new Error(result.problems[0]?.message);
    reports = result.value;
  });

  afterAll(async () => {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runScenario2022() applies the three acts in order with their exclusions", () => {
    expect(reports.map((r) => r.label)).toEqual(["EU 2022/345", "EU 2022/398", "EU 2022/879"]);
    expect([...reports[0]?.excluded ?? []].sort()).toEqual([...eu345].sort());
    expect([...reports[1]?.excluded ?? []].sort()).toEqual(belarus);
    expect(reports[2]?.excluded).toEqual([sber]);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp("^2022-03-12: EU 2022/345 " +
      "in force: 8 participants excluded \\(.*\\), \\d+ queued messages? aborted$")));
    expect(lines).toContainEqual(expect.stringMatching(/skipping ahead/));
    expect(lines.filter((line) => line.includes("proposed by")).map((l) => l.slice(0, 10)))
      .toEqual(["2022-03-01", "2022-03-09", "2022-06-03"]);
  });

  it("runScenario2022() proposes with one operator and approves with the other", async () => {
    const policies = await demo.hub.deps.controls?.policies.list() ?? [];
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.status).toBe("applied");
      expect(policy.proposedBy).toBe("olga.operator");
      expect(policy.approvedBy).toBe("omar.operator");
      expect(policy.proposedAt).toBeLessThan(Date.UTC(2022, 5, 15));
    }
  });

  it("runScenario2022() leaves excluded banks dark and the carve-outs trading", async () => {
    for (const bic of [...eu345, ...belarus, sber]) expect(await statusOf(bic)).toBe("excluded");
    for (const bic of [gazprom, ...abroad]) expect(await statusOf(bic)).toBe("active");
    expect(await pay(us, "VOLGRUMMXXX")).toMatchObject({ status: "NAK",
      code: "receiver-excluded" });
    expect(await pay(de, sber)).toMatchObject({ status: "NAK", code: "receiver-excluded" });
    expect((await pay(gazprom, us))?.status).toBe("ACK");
    expect((await pay(us, gazprom))?.status).toBe("ACK");
    const fromAustria = await pay("NEVAAT2WXXX", de);
    expect(fromAustria?.status).toBe("ACK");
    const id = fromAustria?.status === "ACK" ? fromAustria.id : "";
    let status: string | undefined;
    for (let round = 0; round < 100; round += 1) {
      status = (await demo.hub.store.getMessage(id as never))?.status;
      if (status === "acknowledged") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe("acknowledged");
  });

  it("runScenario2022() resumes the policies of an earlier run instead of proposing again",
    async () => {
      const clock = createScenarioClock({ startAt: scenario2022StartAt, secondsPerDay: 0.01,
        real: { now: () => Date.now() } });
      const again: string[] = [];
      const result = await runScenario2022(demo, { clock, log: (line) => again.push(line) });
      expect(result.ok).toBe(true);
      expect(await demo.hub.deps.controls?.policies.list()).toHaveLength(3);
      expect(again.filter((line) => line.includes("resumed from an earlier run"))).toHaveLength(3);
    });
});
