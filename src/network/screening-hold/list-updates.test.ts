// Unit tests of sanctions list updates: reload() swaps the lists into the gate, audits each list
// with its version change, and re-screens by the names added or changed only; reloadIfChanged()
// does nothing while the source's signature stays the same.
import { describe, expect, it } from "vitest";
import {
  fakeClock, memoryAudit, sequentialIds, testDigests,
} from "../../../test/support/memory-stores.js";
import type { ListEntity, SanctionsList, Screener } from "../../screening/index.js";
import type { AuditLog } from "../audit/audit-log.js";
import { auditEntryHash, auditGenesisHash } from "../audit/chain.js";
import type { AuditDraft } from "../audit/chain.js";
import type { RescreenOutcome } from "../compliance/compliance-service.js";
import type { MessageId } from "../types.js";
import { createListUpdates } from "./list-updates.js";
import type { ListSource } from "./list-updates.js";
import { createScreeningGate } from "./screening-gate.js";

const person = (id: string, full: string): ListEntity => ({ id, kind: "person",
  names: [{ full, kind: "primary", weak: false }], identifiers: [], countries: [],
  addresses: [], birthDates: [], programmes: ["TEST"] });

const kuznetsov = person("E1", "Vladislav Petrovich Kuznetsov");
const shevchuk = person("E2", "Oleksandr Hryhorovych Shevchuk");
const sdnV1: SanctionsList = { id: "test-sdn", title: "Test SDN", format: "ftm",
  version: "v1", entities: [kuznetsov] };
const sdnV2: SanctionsList = { ...sdnV1, version: "v2", entities: [kuznetsov, shevchuk] };
const un: SanctionsList = { id: "test-un", title: "Test UN", format: "un-sc", version: "2026-01",
  entities: [] };

/** A list source the test changes, as `corridor lists import` changes the data directory. */
function mutableSource(initial: readonly SanctionsList[]) {
  let lists = initial;
  let signature = 0;
  const loads = { count: 0 };
  const source: ListSource = {
    load: () => { loads.count += 1; return lists; },
    signature: () => `sig-${signature}`,
  };
  return { source, loads,
    set: (next: readonly SanctionsList[]) => { lists = next; signature += 1; } };
}

function build(initial: readonly SanctionsList[]) {
  const clock = fakeClock(5_000);
  const lists = mutableSource(initial);
  const gate = createScreeningGate({ mode: "enforced", lists: initial, threshold: 0.8,
    ids: sequentialIds<MessageId>() });
  const audit: AuditLog = memoryAudit<AuditDraft>({ genesisHash: auditGenesisHash,
    hashOf: (prevHash, draft) => auditEntryHash(testDigests, prevHash, draft) });
  const deltas: Screener[] = [];
  const rescreened: RescreenOutcome = { screened: 7, held: 1, casesUpdated: 0, partial: false };
  const updates = createListUpdates({ source: lists.source, gate, audit, clock, initial,
    initialSignature: lists.source.signature(),
    rescreen: (delta) => { deltas.push(delta); return Promise.resolve(rescreened); } });
  const details = async () => (await audit.entries({ afterSeq: 0, limit: 100 }))
    .map((entry): unknown[] => [entry.kind, entry.actor, entry.subject,
      JSON.parse(entry.detail) as unknown]);
  return { updates, gate, lists, deltas, rescreened, details, loads: lists.loads };
}

/** Which listed entities a screener finds for a name (at the hold threshold). */
function found(screener: Screener | undefined, name: string): string[] {
  return (screener?.screenName(name, { threshold: 0.8 }) ?? []).map((hit) => hit.entityId);
}

describe("createListUpdates() reload()", () => {
  it("swaps the new versions into the gate and audits every list with its change", async () => {
    const hub = build([sdnV1]);
    hub.lists.set([sdnV2, un]);
    expect(await hub.updates.reload("olga")).toBe(hub.rescreened);
    expect(hub.gate.status().lists).toEqual([{ id: "test-sdn", version: "v2", entities: 2 },
      { id: "test-un", version: "2026-01", entities: 0 }]);
    expect(await hub.details()).toEqual([
      ["list-import", "olga", "test-sdn", { from: "v1", to: "v2", added: 1, changed: 0,
        removed: 0 }],
      ["list-import", "olga", "test-un", { from: null, to: "2026-01", added: 0, changed: 0,
        removed: 0 }],
    ]);
  });

  it("re-screens by the names added or changed, not the names already screened", async () => {
    const hub = build([sdnV1]);
    hub.lists.set([sdnV2]);
    await hub.updates.reload("olga");
    expect(hub.deltas).toHaveLength(1);
    expect(found(hub.deltas[0], "Oleksandr Hryhorovych Shevchuk")).toEqual(["E2"]);
    expect(found(hub.deltas[0], "Vladislav Petrovich Kuznetsov")).toEqual([]);
    const renamed = { ...sdnV2, version: "v3", entities: [person("E1", "Ivan Ivanovich Sidorov"),
      shevchuk] };
    hub.lists.set([renamed]);
    await hub.updates.reload("olga");
    expect(found(hub.deltas[1], "Ivan Ivanovich Sidorov")).toEqual(["E1"]);
    expect(found(hub.deltas[1], "Oleksandr Hryhorovych Shevchuk")).toEqual([]);
  });

  it("audits a reload without changes and re-screens nothing", async () => {
    const hub = build([sdnV1]);
    expect(await hub.updates.reload("olga")).toEqual({ screened: 0, held: 0, casesUpdated: 0,
      partial: false });
    expect(hub.deltas).toEqual([]);
    expect(await hub.details()).toEqual([["list-import", "olga", "test-sdn", { from: "v1",
      to: "v1", added: 0, changed: 0, removed: 0 }]]);
  });
});

describe("createListUpdates() reloadIfChanged()", () => {
  it("does nothing while the signature is unchanged, and reloads once it changes", async () => {
    const hub = build([sdnV1]);
    expect(await hub.updates.reloadIfChanged("CORRIDOR")).toBeUndefined();
    expect(await hub.updates.reloadIfChanged("CORRIDOR")).toBeUndefined();
    expect(hub.loads.count).toBe(0);
    expect(await hub.details()).toEqual([]);
    expect(hub.deltas).toEqual([]);
    hub.lists.set([sdnV2]);
    expect(await hub.updates.reloadIfChanged("CORRIDOR")).toBe(hub.rescreened);
    expect(hub.gate.status().lists).toEqual([{ id: "test-sdn", version: "v2", entities: 2 }]);
    expect(await hub.updates.reloadIfChanged("CORRIDOR"), "the new signature is remembered")
      .toBeUndefined();
    expect(hub.loads.count).toBe(1);
    expect(hub.deltas).toHaveLength(1);
  });
});

describe("createListUpdates() after a failed store", () => {
  it("reloadIfChanged() retries a reload whose audit entry could not be written", async () => {
    const clock = fakeClock(5_000);
    const lists = mutableSource([sdnV1]);
    const gate = createScreeningGate({ mode: "enforced", lists: [sdnV1], threshold: 0.8,
      ids: sequentialIds<MessageId>() });
    const real: AuditLog = memoryAudit<AuditDraft>({ genesisHash: auditGenesisHash,
      hashOf: (prevHash, draft) => auditEntryHash(testDigests, prevHash, draft) });
    let failures = 1;
    const audit: AuditLog = {
      entries: (query) => real.entries(query),
      append: (entries) => (failures-- > 0 ? Promise.reject(new Error("Cannot append: down"))
        : real.append(entries)),
    };
    const deltas: Screener[] = [];
    const updates = createListUpdates({ source: lists.source, gate, audit, clock,
      initial: [sdnV1], initialSignature: lists.source.signature(),
      rescreen: (delta) => {
        deltas.push(delta);
        return Promise.resolve({ screened: 1, held: 1, casesUpdated: 0, partial: false });
      } });
    lists.set([sdnV2]);
    await expect(updates.reloadIfChanged("CORRIDOR")).rejects.toThrow("down");
    // The gate already screens by v2; the audit entry and the re-screen are still owed.
    expect(gate.status().lists).toEqual([{ id: "test-sdn", version: "v2", entities: 2 }]);
    expect(deltas).toHaveLength(0);
    expect(await updates.reloadIfChanged("CORRIDOR")).toMatchObject({ held: 1 });
    expect(deltas).toHaveLength(1);
    expect((await real.entries({ afterSeq: 0, limit: 10 })).map((entry) => entry.detail))
      .toEqual([JSON.stringify({ from: "v1", to: "v2", added: 1, changed: 0, removed: 0 })]);
    expect(await updates.reloadIfChanged("CORRIDOR")).toBeUndefined();
  });
});

