// A pathological MX cannot stall the hub: while one bank's 78 KB pacs.008 with 19,000 sibling
// problems is on a validation thread, /health and another bank's small payment are answered.
// The order of the answers is asserted, never a duration: the thread holds its answer behind a
// gate the test opens only after the other two are in, so the order is the same on any machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createValidationPool } from "../../src/adapters/index.js";
import type { ValidationPool } from "../../src/adapters/index.js";
import { mxMessageBytesMax, validationInlineBytesMax } from "../../src/limits.js";
import { contentValidator } from "../../src/network/index.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { pacs008, testUetr } from "../support/messages.js";

/** [0]: the gate (1 = open); [1]: messages the thread has started to check. */
const gate = new Int32Array(new SharedArrayBuffer(8));
let pool: ValidationPool;
let hub: TestHub;

beforeAll(async () => {
  pool = createValidationPool({ threads: 1, queue: 8, inlineBytesMax: validationInlineBytesMax,
    idleMs: 60_000, closeMs: 5_000, inline: contentValidator, worker: {
      file: new URL("../support/validation-worker-gated.mjs", import.meta.url), data: { gate } } });
  hub = await createTestHub({ validateContent: pool.validate });
});

afterAll(async () => {
  // Opened in any case, so that a failed test does not leave the thread waiting.
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  await pool.close();
  await hub.close();
});

/** Atomics.waitAsync (ES2024): in Node 20, not in the ES2023 library the project compiles to. */
type WaitAsync = (array: Int32Array, index: number, value: number) =>
  { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Resolves once the validation thread has started on a message. */
function startedOnThread(): Promise<void> {
  const waiting = waitAsync(gate, 1, 0);
  return waiting.async ? waiting.value.then(() => undefined) : Promise.resolve();
}

describe("a pathological MX on a validation thread", () => {
  it("/health and a small payment are answered before the pathological MX", async () => {
    const flood = "<X/>".repeat(19_000);
    const big = pacs008({ sender: hub.a.bic, receiver: hub.b.bic, reference: "BIG",
      uetr: testUetr(1) }).replace("</CdtTrfTxInf>", `<RmtInf>${flood}</RmtInf></CdtTrfTxInf>`);
    expect(big.length).toBeGreaterThan(19_000 * 4);
    expect(big.length).toBeLessThanOrEqual(mxMessageBytesMax);
    const small = pacs008({ sender: hub.b.bic, receiver: hub.a.bic, reference: "SMALL",
      uetr: testUetr(2) });
    expect(small.length).toBeLessThanOrEqual(validationInlineBytesMax);

    const events: string[] = [];
    const bigAnswer = hub.signed(hub.a, { method: "POST", path: "/v1/messages", body: big })
      .then((response) => { events.push("big answered"); return response; });
    // Had the check run on the event loop, the big answer would come first and fail the order.
    await Promise.race([startedOnThread().then(() => { events.push("big on a thread"); }),
      bigAnswer]);
    const health = await hub.app.request("/health");
    events.push(`health ${health.status}`);
    const smallAnswer = await hub.signed(hub.b, { method: "POST", path: "/v1/messages",
      body: small });
    events.push(`small ${smallAnswer.status}`);
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const bigResponse = await bigAnswer;

    expect(events).toEqual(["big on a thread", "health 200", "small 201", "big answered"]);
    expect(await smallAnswer.json()).toMatchObject({ status: "ACK", type: "pacs.008.001.08" });
    expect(bigResponse.status).toBe(422);
    expect(await bigResponse.json()).toMatchObject({ status: "NAK",
      code: "schema-unexpected-element" });
    expect(pool.usage().pooled).toBe(1);
  });
});
