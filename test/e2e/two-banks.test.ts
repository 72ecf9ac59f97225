// End to end through the public CLI: a hub process, two banks onboarded with `corridor`
// commands, MT and MX exchanged both ways with bytes equal on arrival, and a hub restart
// between send and receive.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mt103, pacs008, testUetr } from "../support/messages.js";
import { distBuilt, jsonLines, runCli, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const work = mkdtempSync(join(tmpdir(), "corridor-e2e-"));
const data = join(work, "data");
let hub: HubProcess;
const us = "BANKUS33XXX";
const jp = "BANKJPJTXXX";

describe.skipIf(!distBuilt())("two banks through the CLI (needs dist/: npm run build)", () => {
  beforeAll(async () => {
    hub = await startHubProcess(data);
    for (const [bic, name] of [[us, "us"], [jp, "jp"]] as const) {
      expect((await runCli(["keygen", "--out", join(work, name)])).code).toBe(0);
      const added = await runCli(["participant", "add", "--bic", bic, "--name", `Bank ${name}`,
        "--public-key", join(work, `${name}.pub`), "--data", data]);
      expect(added.code, added.stderr).toBe(0);
    }
  });
  afterAll(async () => { await hub.stop(); });

  const send = (as: string, key: string, files: string[]) => runCli(["send", "--as", as,
    "--key", join(work, `${key}.key`), "--hub", hub.url, ...files]);
  const inbox = (as: string, key: string, out: string) => runCli(["inbox", "--as", as,
    "--key", join(work, `${key}.key`), "--hub", hub.url, "--ack", "--out", out, "--wait", "2"]);

  it("lists the participants it onboarded", async () => {
    const listed = await runCli(["participant", "list", "--json", "--data", data]);
    expect(jsonLines(listed.stdout).map((row) => row.bic)).toEqual([jp, us]);
  });

  it("exchanges MT and MX both ways with the exact bytes", async () => {
    const files = {
      usMt: mt103({ sender: us, receiver: jp, reference: "US-MT-1", uetr: testUetr(101) }),
      usMx: pacs008({ sender: us, receiver: jp, reference: "US-MX-1", uetr: testUetr(102) }),
      jpMt: mt103({ sender: jp, receiver: us, reference: "JP-MT-1", uetr: testUetr(103) }),
      jpMx: pacs008({ sender: jp, receiver: us, reference: "JP-MX-1", uetr: testUetr(104) }),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
    const fromUs = await send(us, "us", [join(work, "usMt"), join(work, "usMx")]);
    expect(fromUs.code, fromUs.stdout).toBe(0);
    expect(jsonLines(fromUs.stdout).map((l) => [l.status, l.isn, l.uetr])).toEqual([
      ["ACK", 1, testUetr(101)], ["ACK", 2, testUetr(102)]]);
    expect((await send(jp, "jp", [join(work, "jpMt"), join(work, "jpMx")])).code).toBe(0);

    const jpOut = join(work, "jp-in");
    const jpLines = jsonLines((await inbox(jp, "jp", jpOut)).stdout);
    expect(jpLines.map((l) => [l.osn, l.sender, l.format])).toEqual([[1, us, "MT"], [2, us, "MX"]]);
    expect(jpLines.map((l) => l.payload)).toEqual([files.usMt, files.usMx]);
    const written = readdirSync(jpOut).sort().map((f) => readFileSync(join(jpOut, f), "utf8"));
    expect(written).toEqual([files.usMt, files.usMx]);
    const usLines = jsonLines((await inbox(us, "us", join(work, "us-in"))).stdout);
    expect(usLines.map((l) => l.payload)).toEqual([files.jpMt, files.jpMx]);
    expect(jsonLines((await inbox(jp, "jp", jpOut)).stdout)).toEqual([]);
  });

  it("NAKs through the CLI with exit code 1 and the code", async () => {
    writeFileSync(join(work, "forged"), mt103({ sender: jp, receiver: us, reference: "F" }));
    const result = await send(us, "us", [join(work, "forged")]);
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)[0]).toMatchObject({ status: "NAK",
      code: "sender-not-authorised" });
  });

  it("delivers what was ACKed before a hub restart", async () => {
    writeFileSync(join(work, "before"), mt103({ sender: us, receiver: jp, reference: "RESTART",
      uetr: testUetr(105) }));
    expect((await send(us, "us", [join(work, "before")])).code).toBe(0);
    await hub.stop("SIGTERM");
    hub = await startHubProcess(data);
    const lines = jsonLines((await inbox(jp, "jp", join(work, "jp-in-2"))).stdout);
    expect(lines.map((l) => [l.osn, l.uetr])).toEqual([[3, testUetr(105)]]);
  });
});
