// Deterministic simulation of the hub: several banks in one process on a simulated
// clock with seeded randomness. Links lose answers and inbox pages, duplicate submissions and
// pages, and deliver pages late (out of order); banks re-send with PDE; some payments name a
// listed party and are held, and two compliance officers decide them (one of them sometimes
// tries to approve their own proposal); the hub crashes and restarts on its durable store. An
// auditor then checks the invariants. Every failure names its seed so that it can be replayed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/index.js";
import { seededRandom } from "../../src/lib/index.js";
import { withPossibleDuplicateEmission } from "../../src/client/index.js";
import { createHubDeps } from "../../src/main/hub.js";
import type { CaseRecord, DeliveredMessage } from "../../src/network/index.js";
import type { SanctionsList } from "../../src/screening/index.js";
import type { Bic } from "../../src/standards/index.js";
import { mt103, testUetr } from "../support/messages.js";

const banks = ["SIMAUS33XXX", "SIMBGB2LXXX", "SIMCJPJTXXX", "SIMDCHZZXXX"] as Bic[];
const officers = [{ name: "cora", role: "compliance" as const },
  { name: "carl", role: "compliance" as const }];

/** Fictional listed parties (no real list is bundled with tests). */
const listedNames = ["VIKTOR SIMULOV KRASNODARSKY", "ROGUE HARBOUR SHIPPING"];
const simulationList: SanctionsList = { id: "simulation", title: "Simulation list (fictional)",
  format: "ftm", version: "1", entities: listedNames.map((name, index) => ({
    id: `SIM${index}`, kind: index === 0 ? "person" as const : "organisation" as const,
    names: [{ full: name, kind: "primary" as const, weak: false }], identifiers: [],
    countries: [], addresses: [], birthDates: [], programmes: ["SIMULATION"] })) };

type Hub = ReturnType<typeof openHub>;

function openHub(path: string, now: () => number) {
  const store = openSqliteStore({ path });
  const deps = createHubDeps(store, { clock: { now }, screening: "enforced",
    lists: [simulationList] });
  return { store, deps };
}

function senderOf(text: string): Bic {
  const sender = banks.find((bank) => text.includes(`F01${bank.slice(0, 8)}A`));
  expect(sender).toBeDefined();
  return sender!;
}

interface World {
  readonly rng: () => number;
  /** Messages each bank has sent and seen ACKed: reference -> message id. */
  readonly acked: Map<string, string>;
  /** Sent but the answer was lost: references to re-send with PDE. */
  readonly unanswered: Map<string, string>;
  /** References of payments that name a listed party. */
  readonly flagged: Set<string>;
  /** What each receiving application has processed, in order (system notices included). */
  readonly processed: Map<Bic, { osn: number; id: string; system: boolean }[]>;
  /** The highest OSN each receiving application has processed (its checkpoint). */
  readonly checkpoint: Map<Bic, number>;
  /** Inbox pages held up on the link, handed to their bank later than newer ones. */
  readonly late: { bank: Bic; page: readonly DeliveredMessage[] }[];
}

const pick = <T>(rng: () => number, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)]!;

async function submit(hub: Hub, world: World, n: number): Promise<void> {
  const { rng } = world;
  const sender = pick(rng, banks);
  const receiver = pick(rng, banks.filter((bank) => bank !== sender));
  const reference = `S${n}`;
  const flagged = rng() < 0.1;
  if (flagged) world.flagged.add(reference);
  const text = mt103({ sender, receiver, reference, uetr: testUetr(n),
    ...(flagged ? { beneficiary: pick(rng, listedNames) } : {}) });
  const answer = await hub.deps.intake.submit(sender, Buffer.from(text));
  expect(answer.status).toBe("ACK");
  if (answer.status !== "ACK") return;
  if (rng() < 0.1) {
    // The link duplicates the submission: the copy gets the original ACK, not a second message.
    const copy = await hub.deps.intake.submit(sender, Buffer.from(text));
    expect(copy.status === "ACK" ? copy.id : copy.status).toBe(answer.id);
  }
  if (rng() < 0.2) world.unanswered.set(reference, text);
  else world.acked.set(reference, answer.id);
}

async function resend(hub: Hub, world: World): Promise<void> {
  // The bank never saw the answer: it re-sends, sometimes marked PDE, sometimes as is.
  const [reference, text] = [...world.unanswered][0]!;
  world.unanswered.delete(reference);
  const again = await hub.deps.intake.submit(senderOf(text), Buffer.from(
    world.rng() < 0.5 ? withPossibleDuplicateEmission(text) : text));
  expect(again.status).toBe("ACK");
  if (again.status === "ACK") world.acked.set(reference, again.id);
}

/** The receiving application: skips what its checkpoint covers (SDK de-duplication by OSN). */
function process(world: World, bank: Bic, page: readonly DeliveredMessage[]): void {
  const seen = world.processed.get(bank) ?? [];
  for (const delivered of page) {
    if (delivered.osn <= (world.checkpoint.get(bank) ?? 0)) continue;
    seen.push({ osn: delivered.osn, id: delivered.message.id,
      system: delivered.message.format === "system" });
    world.checkpoint.set(bank, delivered.osn);
  }
  world.processed.set(bank, seen);
}

async function receive(hub: Hub, world: World): Promise<void> {
  const { rng } = world;
  const bank = pick(rng, banks);
  const page = await hub.deps.delivery.fetchInbox(bank, {
    after: world.checkpoint.get(bank) ?? 0, limit: 1 + Math.floor(rng() * 8), waitMs: 0 });
  const link = rng();
  if (link < 0.15) return; // lost on the way: nothing processed, nothing acked
  if (link < 0.25) {
    world.late.push({ bank, page }); // held up: arrives after newer pages
    return;
  }
  process(world, bank, page);
  if (link < 0.35) process(world, bank, page); // duplicated by the link
  const late = world.late.findIndex((entry) => entry.bank === bank);
  if (late >= 0) process(world, bank, world.late.splice(late, 1)[0]!.page);
  if (rng() < 0.7) await hub.deps.delivery.ack(bank, world.checkpoint.get(bank) ?? 0);
}

/** An officer proposes, approves or rejects a held payment; approving one's own is refused. */
async function decide(hub: Hub, world: World): Promise<void> {
  const compliance = hub.deps.controls.compliance;
  const cases = await compliance.listCases(["open", "release-proposed"]);
  if (cases.length === 0) return;
  const record = pick(world.rng, cases);
  const officer = pick(world.rng, officers);
  const rejecting = world.rng() < 0.15;
  const outcome = rejecting
    ? await compliance.reject(record.id, { officer, note: "simulated rejection" })
    : await compliance.release(record.id, { officer });
  const ownProposal = record.status === "release-proposed" && record.proposedBy === officer.name;
  if (!rejecting && ownProposal) {
    expect(outcome.ok ? "released" : outcome.problems[0]?.code)
      .toBe("approver-must-differ-from-proposer");
  } else {
    expect(outcome.ok ? "decided" : outcome.problems[0]?.code).toBe("decided");
  }
}

async function step(hub: Hub, world: World, n: number): Promise<void> {
  const roll = world.rng();
  if (roll < 0.4) await submit(hub, world, n);
  else if (roll < 0.5 && world.unanswered.size > 0) await resend(hub, world);
  else if (roll < 0.62) await decide(hub, world);
  else await receive(hub, world);
}

async function finish(hub: Hub, world: World): Promise<void> {
  for (const [reference, text] of world.unanswered) {
    const answer = await hub.deps.intake.submit(senderOf(text), Buffer.from(
      withPossibleDuplicateEmission(text)));
    if (answer.status === "ACK") world.acked.set(reference, answer.id);
  }
  for (const { bank, page } of world.late.splice(0)) process(world, bank, page);
  for (const bank of banks) {
    for (;;) {
      const page = await hub.deps.delivery.fetchInbox(bank, {
        after: world.checkpoint.get(bank) ?? 0, limit: 100, waitMs: 0 });
      if (page.length === 0) break;
      process(world, bank, page);
      await hub.deps.delivery.ack(bank, world.checkpoint.get(bank)!);
    }
  }
}

async function simulate(seed: number): Promise<void> {
  const rng = seededRandom(seed);
  const path = join(mkdtempSync(join(tmpdir(), `corridor-sim-${seed}-`)), "hub.db");
  let time = Date.UTC(2026, 10, 26, 9);
  const now = () => time;
  let hub = openHub(path, now);
  for (const bic of banks) {
    await hub.deps.directory.upsert({ bic, name: bic, publicKeyPem: "-", parent: undefined,
      status: "active", createdAt: time });
  }
  const world: World = { rng, acked: new Map(), unanswered: new Map(), flagged: new Set(),
    processed: new Map(), checkpoint: new Map(), late: [] };
  for (let n = 1; n <= 500; n += 1) {
    time += Math.floor(rng() * 2_000);
    if (rng() < 0.03) {
      // Crash and restart: whatever was only in memory is gone; the store is what remains.
      await hub.deps.intake.drain();
      await hub.store.close();
      hub = openHub(path, now);
    }
    await step(hub, world, n);
  }
  await finish(hub, world);
  audit(world, await hub.deps.controls.compliance.listCases());
  expect((await hub.deps.controls.verifyAudit()).ok, "the audit chain verifies").toBe(true);
  await hub.store.close();
}

/**
 * The invariants: gap-free OSNs; no message processed twice; a payment naming a listed party is
 * processed only after two different officers released it; every other ACKed payment exactly
 * once; what was held and not released never reaches its receiver.
 */
function audit(world: World, cases: readonly CaseRecord[]): void {
  const processed = [...world.processed].flatMap(([bank, seen]) => {
    expect(seen.map((entry) => entry.osn), `OSNs of ${bank}`).toEqual(
      seen.map((_entry, index) => index + 1));
    return seen;
  }).filter((entry) => !entry.system); // notices to senders are not payments
  const ids = processed.map((entry) => entry.id);
  expect(new Set(ids).size, "no message processed twice").toBe(ids.length);
  const caseOf = new Map(cases.map((record) => [record.messageId as string, record]));
  for (const [reference, id] of world.acked) {
    const record = caseOf.get(id);
    expect(record !== undefined, `payment ${reference} held iff it names a listed party`)
      .toBe(world.flagged.has(reference));
    const released = record === undefined || record.status === "released";
    expect(ids.includes(id), `payment ${reference} processed iff not held or released`)
      .toBe(released);
    if (record?.status === "released") {
      expect(record.proposedBy, `case of ${reference} proposed`).toBeDefined();
      expect(record.decidedBy, `case of ${reference} approved by another officer`)
        .not.toBe(record.proposedBy);
    }
  }
  const ackedIds = new Set(world.acked.values());
  expect(ids.filter((id) => !ackedIds.has(id)), "nothing but ACKed payments processed")
    .toEqual([]);
  expect(cases.some((record) => record.status === "released"), "some holds released").toBe(true);
}

describe("simulation: lossy, duplicating and reordering links, holds and crash-restarts", () => {
  for (const seed of [1, 7, 42, 1234, 20261126]) {
    it(`keeps every invariant with seed ${seed}`, async () => {
      await simulate(seed);
    });
  }
});
