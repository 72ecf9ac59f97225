// Durability across crashes: a client streams submissions while the hub is killed with SIGKILL;
// after a restart, every message the client saw ACKed is delivered exactly once, in OSN order,
// and nothing appears that the hub never ACKed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCorridorClient, withPossibleDuplicateEmission } from "../../src/client/index.js";
import type { InboxMessage } from "../../src/client/index.js";
import { onboard } from "../../src/main/bench/bench-support.js";
import { makeBank } from "../support/harness.js";
import type { TestBank } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const data = join(mkdtempSync(join(tmpdir(), "corridor-crash-")), "data");
let hub: HubProcess | undefined;
afterAll(async () => { await hub?.stop("SIGKILL"); });

async function drainInbox(url: string, bank: TestBank): Promise<InboxMessage[]> {
  const client = createCorridorClient({ hubUrl: url, bic: bank.bic,
    privateKeyPem: bank.privateKeyPem });
  const all: InboxMessage[] = [];
  for (;;) {
    const page = await client.inbox({ limit: 500 });
    if (page.length === 0) return all;
    all.push(...page);
    await client.ack(client.lastOsn());
  }
}

describe.skipIf(!distBuilt())("SIGKILL while a client is sending (needs dist/)", () => {
  it("delivers every ACKed message exactly once in OSN order after restart", async () => {
    const sender = makeBank("CRSHUS33XXX");
    const receiver = makeBank("CRSHJPJTXXX");
    hub = await startHubProcess(data);
    await onboard(hub.url, data, [sender, receiver]);
    const payloads = new Map<string, string>();
    const acked = new Map<string, string>();
    const unanswered: string[] = [];
    let killed = false;
    const client = createCorridorClient({ hubUrl: hub.url, bic: sender.bic,
      privateKeyPem: sender.privateKeyPem, submitAttemptsMax: 1 });
    const worker = async (lane: number) => {
      for (let n = 0; n < 400; n += 1) {
        const reference = `C${lane}-${n}`;
        const payload = mt103({ sender: sender.bic, receiver: receiver.bic, reference,
          uetr: testUetr(lane * 1000 + n) });
        payloads.set(reference, payload);
        try {
          const answer = await client.submit(payload);
          if (answer.status !== "ACK") throw new Error(`NAK ${answer.code}`);
          acked.set(reference, answer.id);
        } catch {
          unanswered.push(reference);
          if (killed) return;
        }
        if (!killed && acked.size >= 300) {
          killed = true;
          await hub?.stop("SIGKILL");
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(worker));
    expect(killed).toBe(true);
    const ackedBeforeCrash = new Map(acked);

    hub = await startHubProcess(data);
    const retry = createCorridorClient({ hubUrl: hub.url, bic: sender.bic,
      privateKeyPem: sender.privateKeyPem });
    for (const reference of unanswered) {
      // The sender does not know whether these landed: it re-sends them marked PDE.
      const answer = await retry.submit(withPossibleDuplicateEmission(payloads.get(reference)!));
      expect(answer.status).toBe("ACK");
      if (answer.status === "ACK") {
        expect(ackedBeforeCrash.has(reference)).toBe(false);
        acked.set(reference, answer.id);
      }
    }

    const delivered = await drainInbox(hub.url, receiver);
    expect(delivered.map((m) => m.osn)).toEqual(delivered.map((_m, index) => index + 1));
    const deliveredIds = delivered.map((m) => m.id);
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    expect(new Set(deliveredIds)).toEqual(new Set(acked.values()));
    for (const [reference, id] of ackedBeforeCrash) {
      const message = delivered.find((m) => m.id === id);
      expect(message?.payload, reference).toBe(payloads.get(reference));
    }
  });
});
