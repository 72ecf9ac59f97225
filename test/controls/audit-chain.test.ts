// The audit chain: every message state change is chained by the store itself; an edit
// made behind the hub's back is found by verify, which names the first entry that does not match.
import { describe, expect, it } from "vitest";
import { createControlsHub, payment } from "../support/controls.js";

describe("audit chain", () => {
  it("verify names the first entry edited behind the hub's back", async () => {
    const hub = await createControlsHub({ start: Date.UTC(2022, 2, 1) });
    try {
      await hub.addBank("EUBKDEFFXXX");
      await hub.addBank("USBKUS33XXX");
      for (let n = 1; n <= 3; n += 1) {
        await hub.send("EUBKDEFFXXX", payment({ from: "EUBKDEFFXXX", to: "USBKUS33XXX",
          reference: `AUD${n}`, uetrN: n }));
      }
      await hub.inbox("USBKUS33XXX");
      const before = await hub.deps.controls?.verifyAudit();
      expect(before).toMatchObject({ ok: true, entries: 6 });
      const kinds = (await hub.store.entries({ afterSeq: 0, limit: 100 }))
        .map((e) => JSON.parse(e.detail).status as string);
      expect(kinds).toEqual(["queued", "queued", "queued", "delivered", "delivered", "delivered"]);
      hub.store.database.prepare("UPDATE audit_log SET detail = ? WHERE seq = 4")
        .run(JSON.stringify({ status: "aborted" }));
      const after = await hub.deps.controls?.verifyAudit();
      expect(after).toMatchObject({ ok: false, firstBad: { seq: 4, problem: "hash-mismatch" } });
      hub.store.database.prepare("DELETE FROM audit_log WHERE seq = 4").run();
      const deleted = await hub.deps.controls?.verifyAudit();
      expect(deleted).toMatchObject({ ok: false, firstBad: { seq: 5, problem: "sequence-gap" } });
    } finally {
      await hub.close();
    }
  });
});
