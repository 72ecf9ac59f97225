// Screening fails closed, end to end through the CLI: a hub started without a list refuses
// payments (screening-unavailable) and says why on /health and /metrics; a list import lets them
// through; only `--screening off` runs a hub without screening, and that is shown and audited.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, jsonLines, runCli, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const us = "BANKUS33XXX";
const jp = "BANKJPJTXXX";
const running: HubProcess[] = [];
afterEach(async () => { for (const hub of running.splice(0)) await hub.stop(); });

/** A hub started with `args`, two banks onboarded, and a way to send files as the US bank. */
async function network(label: string, args: readonly string[]) {
  const work = mkdtempSync(join(tmpdir(), `corridor-screening-${label}-`));
  const data = join(work, "data");
  const hub = await startHubProcess(data, args);
  running.push(hub);
  for (const [bic, name] of [[us, "us"], [jp, "jp"]] as const) {
    expect((await runCli(["keygen", "--out", join(work, name)])).code).toBe(0);
    const added = await runCli(["participant", "add", "--bic", bic, "--name", `Bank ${name}`,
      "--public-key", join(work, `${name}.pub`), "--data", data]);
    expect(added.code, added.stderr).toBe(0);
  }
  const send = async (name: string, text: string) => {
    writeFileSync(join(work, name), text);
    const sent = await runCli(["send", "--as", us, "--key", join(work, "us.key"),
      "--hub", hub.url, join(work, name)]);
    return jsonLines(sent.stdout)[0] ?? {};
  };
  return { work, data, send, hub };
}

/** A free-format MT199 (not a payment). */
function mt199(options: { sender: string; receiver: string; reference: string }): string {
  const lt = (bic: string) => `${bic.slice(0, 8)}A${bic.slice(8)}`;
  return `{1:F01${lt(options.sender)}0000000000}{2:I199${lt(options.receiver)}N}` +
    `{4:\r\n:20:${options.reference}\r\n:79:PLEASE CONFIRM RECEIPT\r\n-}`;
}

async function health(hub: HubProcess): Promise<Record<string, unknown>> {
  return await (await fetch(`${hub.url}/health`)).json() as Record<string, unknown>;
}

describe.skipIf(!distBuilt())("screening mode through the CLI (needs dist/: npm run build)", () => {
  it("refuses payments while no list is in force, and accepts them once one is imported",
    async () => {
      const net = await network("enforced", ["--screening", "enforced"]);
      const { hub } = net;
      expect(await health(hub)).toMatchObject({ status: "ok",
        screening: { mode: "enforced", lists: [], acceptsPayments: false } });
      const refused = await net.send("p1", mt103({ sender: us, receiver: jp,
        reference: "NOLIST1", uetr: testUetr(1) }));
      expect(refused).toMatchObject({ status: "NAK", code: "screening-unavailable" });
      const note = await net.send("n1", mt199({ sender: us, receiver: jp,
        reference: "NOTE1" }));
      expect(note).toMatchObject({ status: "ACK" });
      const metrics = await (await fetch(`${hub.url}/metrics`)).text();
      expect(metrics).toContain("corridor_screening_enforced 1");
      expect(metrics).toContain("corridor_screening_accepts_payments 0");

      const listFile = join(net.work, "names.csv");
      writeFileSync(listFile, "source,entity_number,type,programs,name\n" +
        "Specially Designated Nationals (SDN) - Treasury Department,99001,Individual,TEST," +
        "Ivan Listedperson\n");
      const imported = await runCli(["lists", "import", listFile, "--data", net.data]);
      expect(imported.code, imported.stderr).toBe(0);
      // The hub picks up the new list within its list check period; poll with a bound.
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const screening = (await health(hub)).screening as { acceptsPayments: boolean };
        if (screening.acceptsPayments) break;
        await new Promise((done) => setTimeout(done, 100));
      }
      const accepted = await net.send("p2", mt103({ sender: us, receiver: jp,
        reference: "LISTED2", uetr: testUetr(2) }));
      expect(accepted).toMatchObject({ status: "ACK", disposition: "queued" });
      const held = await net.send("p3", mt103({ sender: us, receiver: jp, reference: "LISTED3",
        uetr: testUetr(4), beneficiary: "IVAN LISTEDPERSON" }));
      expect(held).toMatchObject({ status: "ACK", disposition: "held" });
    });

  it("runs without screening only when told, and shows and audits it", async () => {
    const net = await network("off", ["--screening", "off"]);
    const { hub } = net;
    expect(await health(hub)).toMatchObject({ screening: { mode: "off", acceptsPayments: true } });
    expect(await (await fetch(`${hub.url}/metrics`)).text())
      .toContain("corridor_screening_enforced 0");
    const sent = await net.send("p1", mt103({ sender: us, receiver: jp,
      reference: "OFF1", uetr: testUetr(3) }));
    expect(sent).toMatchObject({ status: "ACK", disposition: "queued" });
    await hub.stop();
    const audit = await runCli(["audit", "verify", "--data", net.data]);
    expect(audit.code, audit.stderr).toBe(0);
    const store = openSqliteStore({ path: join(net.data, "corridor.db") });
    const entries = await store.entries({ afterSeq: 0, limit: 1_000 });
    await store.close();
    const starts = entries.filter((entry) => entry.kind === "hub");
    expect(starts.map((entry) => JSON.parse(entry.detail) as unknown))
      .toContainEqual({ screening: "off", lists: [] });
  });

  it("refuses an unknown screening mode with a one-line usage error", async () => {
    const data = join(mkdtempSync(join(tmpdir(), "corridor-screening-bad-")), "data");
    const started = await runCli(["serve", "--data", data, "--port", "0",
      "--screening", "maybe"]);
    expect(started.code).not.toBe(0);
    expect(started.stderr).toContain('Cannot use --screening "maybe": give enforced or off');
    expect(started.stderr).not.toMatch(/\n\s+at /);
  });
});
