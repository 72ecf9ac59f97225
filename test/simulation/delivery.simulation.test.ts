// Deterministic simulation of the hub spine (STYLE.md §8): several banks in one process on a
// simulated clock with seeded randomness; answers and inbox pages are lost on the way, banks
// re-send with PDE, and the hub crashes and restarts on its durable store. An auditor then
// checks the invariants. Every failure names its seed so that it can be replayed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { withPossibleDuplicateEmission } from "../../src/client/index.js";
import { createHubDeps } from "../../src/main/hub.js";
import { contentValidator } from "../../src/main/validation.js";
import type { HttpDeps } from "../../src/interfaces/index.js";
import type { MessageStore } from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";
import { mt103, testUetr } from "../support/messages.js";

/** mulberry32: a small seeded generator, so every run of a seed is the same run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const banks = ["SIMAUS33XXX", "SIMBGB2LXXX", "SIMCJPJTXXX", "SIMDCHZZXXX"] as Bic[];

interface Hub { store: MessageStore; deps: HttpDeps }

function senderOf(text: string): Bic {
  const sender = banks.find((bank) => text.includes(`F01${bank.slice(0, 8)}A`));
  expect(sender).toBeDefined();
  return sender!;
}

function openHub(path: string, now: () => number): Hub {
  const store = openSqliteStore({ path });
  const deps = createHubDeps(store, { clock: { now }, validateContent: contentValidator });
  return { store, deps };
}

interface World {
  /** Messages each bank has sent and seen ACKed: reference -> message id. */
  acked: Map<string, string>;
  /** Sent but the answer was lost: references to re-send with PDE. */
  unanswered: Map<string, string>;
  /** What each receiving application has processed, in order: [osn, id, reference]. */
  processed: Map<Bic, { osn: number; id: string }[]>;
  /** The highest OSN each receiving application has processed (its checkpoint). */
  checkpoint: Map<Bic, number>;
}

async function step(hub: Hub, world: World, rng: () => number, n: number): Promise<void> {
  const roll = rng();
  const sender = banks[Math.floor(rng() * banks.length)]!;
  if (roll < 0.45) {
    const others = banks.filter((bank) => bank !== sender);
    const receiver = others[Math.floor(rng() * others.length)]!;
    const reference = `S${n}`;
    const text = mt103({ sender, receiver, reference, uetr: testUetr(n) });
    const answer = await hub.deps.intake.submit(sender, Buffer.from(text));
    expect(answer.status).toBe("ACK");
    if (rng() < 0.2) world.unanswered.set(reference, text);
    else if (answer.status === "ACK") world.acked.set(reference, answer.id);
  } else if (roll < 0.6 && world.unanswered.size > 0) {
    // The bank never saw the answer: it re-sends, sometimes marked PDE, sometimes as is.
    const [reference, text] = [...world.unanswered][0]!;
    world.unanswered.delete(reference);
    const again = await hub.deps.intake.submit(senderOf(text), Buffer.from(
      rng() < 0.5 ? withPossibleDuplicateEmission(text) : text));
    expect(again.status).toBe("ACK");
    if (again.status === "ACK") world.acked.set(reference, again.id);
  } else {
    const receiver = sender;
    const checkpoint = world.checkpoint.get(receiver) ?? 0;
    const page = await hub.deps.delivery.fetchInbox(receiver, { after: checkpoint,
      limit: 1 + Math.floor(rng() * 8), waitMs: 0 });
    if (rng() < 0.15) return; // the page is lost on the way: nothing processed, nothing acked
    const seen = world.processed.get(receiver) ?? [];
    for (const delivered of page) {
      if (delivered.osn <= (world.checkpoint.get(receiver) ?? 0)) continue; // SDK de-duplication
      seen.push({ osn: delivered.osn, id: delivered.message.id });
      world.checkpoint.set(receiver, delivered.osn);
    }
    world.processed.set(receiver, seen);
    if (rng() < 0.7) await hub.deps.delivery.ack(receiver, world.checkpoint.get(receiver) ?? 0);
  }
}

async function simulate(seed: number): Promise<void> {
  const rng = random(seed);
  const path = join(mkdtempSync(join(tmpdir(), `corridor-sim-${seed}-`)), "hub.db");
  let time = Date.UTC(2026, 10, 26, 9);
  const now = () => time;
  let hub = openHub(path, now);
  for (const bic of banks) {
    await hub.deps.directory.upsert({ bic, name: bic, publicKeyPem: "-", parent: undefined,
      status: "active", createdAt: time });
  }
  const world: World = { acked: new Map(), unanswered: new Map(), processed: new Map(),
    checkpoint: new Map() };
  for (let n = 1; n <= 400; n += 1) {
    time += Math.floor(rng() * 2_000);
    if (rng() < 0.03) {
      // Crash and restart: whatever was only in memory is gone; the store is what remains.
      await hub.deps.intake.drain();
      await hub.store.close();
      hub = openHub(path, now);
    }
    await step(hub, world, rng, n);
  }
  for (const [reference, text] of world.unanswered) {
    const answer = await hub.deps.intake.submit(senderOf(text), Buffer.from(
      withPossibleDuplicateEmission(text)));
    if (answer.status === "ACK") world.acked.set(reference, answer.id);
  }
  for (const bank of banks) {
    for (;;) {
      const page = await hub.deps.delivery.fetchInbox(bank, {
        after: world.checkpoint.get(bank) ?? 0, limit: 100, waitMs: 0 });
      if (page.length === 0) break;
      const seen = world.processed.get(bank) ?? [];
      for (const delivered of page) seen.push({ osn: delivered.osn, id: delivered.message.id });
      world.processed.set(bank, seen);
      world.checkpoint.set(bank, page[page.length - 1]!.osn);
      await hub.deps.delivery.ack(bank, world.checkpoint.get(bank)!);
    }
  }
  audit(world);
  await hub.store.close();
}

/** The invariants: gap-free OSNs, each ACKed message processed exactly once, nothing else. */
function audit(world: World): void {
  const processedIds: string[] = [];
  for (const [bank, seen] of world.processed) {
    expect(seen.map((entry) => entry.osn), `OSNs of ${bank}`).toEqual(
      seen.map((_entry, index) => index + 1));
    processedIds.push(...seen.map((entry) => entry.id));
  }
  expect(new Set(processedIds).size, "no message processed twice").toBe(processedIds.length);
  expect(new Set(processedIds), "exactly the ACKed messages").toEqual(
    new Set(world.acked.values()));
}

describe("simulation: lost answers, lost pages, PDE re-sends and crash-restarts", () => {
  for (const seed of [1, 7, 42, 1234, 20261126]) {
    it(`keeps every invariant with seed ${seed}`, async () => {
      await simulate(seed);
    });
  }
});
