// Unit tests of admission control: the pure shedding decision, and the middleware over a small
// Hono app whose handlers answer when the test says, so requests in flight are counted, never
// timed. The gauges are plain values the test sets.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { LogFields, Logger } from "../../lib/index.js";
import { admission, shedReason } from "./admission.js";
import type { AdmissionLimits, LoadReading } from "./admission.js";
import type { HttpEnv } from "./context.js";
import { createMetrics } from "./metrics.js";

const limits: AdmissionLimits = { requestsInFlightMax: 2, loopDelayMsMax: 100,
  requestsInFlightLateMax: 1, memoryBytesMax: 1_000, retryAfterSeconds: 3 };
const calm: LoadReading = { inFlight: 0, loopDelayMs: 0, memoryBytes: 0 };

interface Line { level: string; fields: LogFields; message: string }

function capturingLogger(lines: Line[]): Logger {
  const at = (level: string) => (fields: LogFields, message: string) => {
    lines.push({ level, fields, message });
  };
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"),
    error: at("error"), child: () => logger };
  return logger;
}

/** An app behind admission whose /v1/work answers only when the test releases it. */
function harness() {
  const gauges = { loopDelay: 0, memory: 0 };
  const lines: Line[] = [];
  const metrics = createMetrics();
  const waiting: (() => void)[] = [];
  const app = new Hono<HttpEnv>();
  app.use("*", admission({ metrics, logger: capturingLogger(lines), load: { limits,
    gauges: { loopDelayMs: () => gauges.loopDelay, memoryBytes: () => gauges.memory } } }));
  const parked = () => new Promise<void>((resolve) => { waiting.push(resolve); });
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.post("/v1/work", async (c) => { await parked(); return c.json({ done: true }, 201); });
  app.get("/v1/inbox", async (c) => { await parked(); return c.json({ messages: [] }); });
  /** Lets the app reach its handlers (a bounded number of turns). */
  const settle = async () => { for (let n = 0; n < 20; n += 1) await Promise.resolve(); };
  return {
    gauges, lines, metrics, waiting, settle,
    request: (method: string, path: string) => Promise.resolve(app.request(path, { method })),
    releaseAll: async () => { for (const release of waiting.splice(0)) release(); await settle(); },
  };
}

describe("shedReason()", () => {
  it("admits a request while every gauge is under its limit", () => {
    expect(shedReason({ inFlight: 1, loopDelayMs: 100, memoryBytes: 1_000 }, limits))
      .toBeUndefined();
  });

  it.each([
    [{ ...calm, inFlight: 2 }, "requests-in-flight"],
    [{ ...calm, loopDelayMs: 101, inFlight: 1 }, "loop-delay"],
    [{ ...calm, memoryBytes: 1_001 }, "memory"],
    [{ inFlight: 5, loopDelayMs: 500, memoryBytes: 5_000 }, "memory"],
    [{ inFlight: 5, loopDelayMs: 500, memoryBytes: 0 }, "loop-delay"],
  ] as const)("sheds %o for %s", (reading, reason) => {
    expect(shedReason(reading, limits)).toBe(reason);
  });

  it("admits while the loop is late as long as fewer than requestsInFlightLateMax are in flight",
    () => {
      expect(shedReason({ ...calm, loopDelayMs: 10_000 }, limits)).toBeUndefined();
    });
});

describe("admission()", () => {
  it("sheds past requestsInFlightMax with 503 hub-overloaded and Retry-After", async () => {
    const h = harness();
    const admitted = [h.request("POST", "/v1/work"), h.request("POST", "/v1/work")];
    await h.settle();
    expect(h.waiting).toHaveLength(2);
    const shed = await h.request("POST", "/v1/work");
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("3");
    const body = await shed.json() as { error: { code: string; location: string;
      message: string } };
    expect(body.error).toMatchObject({ code: "hub-overloaded", location: "hub" });
    expect(body.error.message).toMatch(/^Cannot accept POST \/v1\/work: the hub is overloaded/);
    expect(h.waiting, "the shed request never reached its handler").toHaveLength(2);
    await h.releaseAll();
    expect((await Promise.all(admitted)).map((response) => response.status)).toEqual([201, 201]);
    const again = h.request("POST", "/v1/work");
    await h.settle();
    await h.releaseAll();
    expect((await again).status, "answered requests leave the count").toBe(201);
    expect(h.metrics.counterValue("requests_shed_total", { reason: "requests-in-flight" }))
      .toBe(1);
  });

  it("answers /health whatever the gauges say, and does not count it", async () => {
    const h = harness();
    h.gauges.memory = 10_000;
    h.gauges.loopDelay = 10_000;
    const probes = await Promise.all(Array.from({ length: 5 },
      () => h.request("GET", "/health")));
    expect(probes.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await h.request("POST", "/v1/work")).status).toBe(503);
  });

  it("lowers the bound while the loop is late, sheds all on memory, admits again after",
    async () => {
      const h = harness();
      h.gauges.loopDelay = 150;
      const first = h.request("POST", "/v1/work");
      await h.settle();
      expect(h.waiting, "a late loop still admits one (requestsInFlightLateMax)").toHaveLength(1);
      expect((await h.request("POST", "/v1/work")).status).toBe(503);
      h.gauges.loopDelay = 0;
      h.gauges.memory = 2_000;
      await h.releaseAll();
      expect((await first).status).toBe(201);
      expect((await h.request("POST", "/v1/work")).status, "memory sheds even with none in flight")
        .toBe(503);
      h.gauges.memory = 0;
      const admitted = h.request("POST", "/v1/work");
      await h.settle();
      await h.releaseAll();
      expect((await admitted).status).toBe(201);
      expect(h.metrics.counterValue("requests_shed_total", { reason: "loop-delay" })).toBe(1);
      expect(h.metrics.counterValue("requests_shed_total", { reason: "memory" })).toBe(1);
    });

  it("does not count long-poll inbox reads in flight, but sheds them on memory", async () => {
    const h = harness();
    const polls = [1, 2, 3].map(() => h.request("GET", "/v1/inbox"));
    await h.settle();
    expect(h.waiting, "three waiting polls, past requestsInFlightMax").toHaveLength(3);
    const work = h.request("POST", "/v1/work");
    await h.settle();
    expect(h.waiting, "a submission is still admitted beside them").toHaveLength(4);
    h.gauges.memory = 2_000;
    expect((await h.request("GET", "/v1/inbox")).status).toBe(503);
    await h.releaseAll();
    expect((await Promise.all([...polls, work])).map((response) => response.status))
      .toEqual([200, 200, 200, 201]);
  });

  it("logs one warning when an episode of shedding starts and one line when it ends",
    async () => {
      const h = harness();
      h.gauges.memory = 5_000;
      for (let n = 0; n < 10; n += 1) await h.request("POST", "/v1/work");
      h.gauges.memory = 0;
      const admitted = h.request("POST", "/v1/work");
      await h.settle();
      await h.releaseAll();
      await admitted;
      expect(h.lines.map((line) => [line.level, line.fields.reason])).toEqual([
        ["warn", "memory"], ["info", "memory"]]);
      expect(h.lines[0]?.message).toMatch(/^Cannot admit requests: the hub is overloaded/);
      expect(h.lines[1]?.fields.shed).toBe(10);
    });
});
