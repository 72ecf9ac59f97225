// The refusal recorder: counts per (kind, code, actor, route) in a bounded table, an "other" row
// per kind past the bound, one audit entry per row at each flush, counts kept when it fails.
import { describe, expect, it } from "vitest";
import {
  fakeClock, memoryAudit, testDigests,
} from "../../../test/support/memory-stores.js";
import { refusalActorCharsMax, refusalSamplesPerRowMax } from "../../limits.js";
import { auditEntryHash, auditGenesisHash } from "./chain.js";
import type { AuditDraft } from "./chain.js";
import { createRefusalRecorder, refusalKinds, sanitiseRefusalText } from "./refusals.js";
import type { RefusalKind } from "./refusals.js";

function setUp(options: { rowsMax?: number } = {}) {
  const clock = fakeClock(1_000_000);
  const audit = memoryAudit<AuditDraft>({ genesisHash: auditGenesisHash,
    hashOf: (prevHash, draft) => auditEntryHash(testDigests, prevHash, draft) });
  const counted = new Map<string, number>();
  const metrics = { count: (name: string, labels: Record<string, string>) => {
    const key = `${name}:${labels.kind ?? ""}`;
    counted.set(key, (counted.get(key) ?? 0) + 1);
  } };
  const recorder = createRefusalRecorder({ audit, clock, metrics }, options);
  const details = async () => (await audit.entries({ afterSeq: 0, limit: 10_000 }))
    .map((entry) => ({ entry, detail: JSON.parse(entry.detail) as { count: number;
      refusal: RefusalKind; code: string; summary: string; overflow?: boolean;
      samples: { detail?: string; actor?: string }[] } }));
  return { clock, audit, counted, recorder, details };
}

describe("createRefusalRecorder()", () => {
  it("counts refusals per row and appends one summarised entry per row at the flush", async () => {
    const { clock, recorder, details } = setUp();
    for (let i = 0; i < 1_000; i += 1) {
      recorder.record({ kind: "signature", code: "key-unknown", actor: "BANKXXXXXXX",
        route: "POST /v1/messages", detail: `10.0.0.${i % 7}` });
    }
    recorder.record({ kind: "bearer", code: "account-unauthenticated", actor: "unknown",
      route: "GET /v1/cases" });
    expect(recorder.size()).toBe(2);
    clock.advance(60_000);
    expect(await recorder.flush()).toBe(2);
    expect(recorder.size()).toBe(0);
    const entries = await details();
    expect(entries.map(({ entry }) => [entry.kind, entry.actor, entry.subject])).toEqual([
      ["refusal", "BANKXXXXXXX", "POST /v1/messages"], ["refusal", "unknown", "GET /v1/cases"]]);
    expect(entries[0]?.detail).toMatchObject({ count: 1_000, refusal: "signature",
      code: "key-unknown", summary: "1000 refusals of kind signature with code key-unknown " +
        "from \"BANKXXXXXXX\" in the last 60 s" });
    expect(entries[0]?.detail.samples.map((s) => s.detail)).toEqual(
      ["10.0.0.0", "10.0.0.1", "10.0.0.2"].slice(0, refusalSamplesPerRowMax));
    expect(await recorder.flush()).toBe(0);
  });

  it("counts refusals past the bound in one \"other\" row per kind, never drops one", async () => {
    const { recorder, details, counted } = setUp({ rowsMax: 4 });
    for (let i = 0; i < 10_000; i += 1) {
      recorder.record({ kind: "console-login", code: "login-invalid", actor: `junk${i}`,
        route: "/console/api/login" });
    }
    recorder.record({ kind: "session", code: "signature-missing", actor: "x", route: "/v1" });
    expect(recorder.size()).toBe(4 + 2);
    expect(await recorder.flush()).toBe(6);
    const entries = await details();
    const total = (kind: RefusalKind) => entries.filter(({ detail }) => detail.refusal === kind)
      .reduce((sum, { detail }) => sum + detail.count, 0);
    expect(total("console-login")).toBe(10_000);
    expect(total("session")).toBe(1);
    const other = entries.filter(({ detail }) => detail.overflow === true);
    expect(other.map(({ entry, detail }) => [entry.actor, detail.refusal, detail.count]))
      .toEqual([["other", "console-login", 9_996], ["other", "session", 1]]);
    expect(other[0]?.detail.samples.map((s) => s.actor)).toEqual(["junk4", "junk5", "junk6"]);
    expect(counted.get("refusals_total:console-login")).toBe(10_000);
    expect(counted.get("refusals_total:session")).toBe(1);
  });

  it("keeps the counts for the next flush when the append fails", async () => {
    const { recorder, audit, details } = setUp({ rowsMax: 2 });
    for (const actor of ["a", "b", "c", "a"]) {
      recorder.record({ kind: "bearer", code: "role-forbidden", actor, route: "/v1/cases" });
    }
    const append = audit.append;
    audit.append = () => Promise.reject(new Error("Cannot append: the store is gone"));
    await expect(recorder.flush()).rejects.toThrow(/store is gone/);
    recorder.record({ kind: "bearer", code: "role-forbidden", actor: "d", route: "/v1/cases" });
    audit.append = append;
    // The table was full again (a, b), so "d" joined c in the "other" row.
    expect(await recorder.flush()).toBe(3);
    expect((await details()).map(({ entry, detail }) => [entry.actor, detail.count]))
      .toEqual([["a", 2], ["b", 1], ["other", 2]]);
  });

  it("sanitiseRefusalText() keeps printable ASCII within the bound, no field separator", () => {
    expect(sanitiseRefusalText("olga|x\n\u00e9", 100)).toBe("olga?x??");
    expect(sanitiseRefusalText("", 100)).toBe("(none)");
    expect(sanitiseRefusalText("a".repeat(10_000), refusalActorCharsMax))
      .toHaveLength(refusalActorCharsMax);
    expect(refusalKinds).toHaveLength(5);
  });
});
