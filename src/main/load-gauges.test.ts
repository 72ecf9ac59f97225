// Unit tests of the load gauges' wiring: the admission limits in force (defaults from
// src/limits.ts, the operator's where given) and a sample that reads memory. Loop delay is
// measured in the overload benchmark, not asserted here: a test never times the wall clock.
import { describe, expect, it } from "vitest";
import {
  eventLoopDelayShedMs, httpRequestsInFlightLateMax, httpRequestsInFlightMax, hubMemoryShedBytes,
  overloadRetryAfterSeconds,
} from "../limits.js";
import { admissionLimits, quietLoadGauges, startLoadGauges } from "./load-gauges.js";

describe("admissionLimits()", () => {
  it("takes src/limits.ts by default and the operator's limits where given", () => {
    expect(admissionLimits()).toEqual({ requestsInFlightMax: httpRequestsInFlightMax,
      loopDelayMsMax: eventLoopDelayShedMs, requestsInFlightLateMax: httpRequestsInFlightLateMax,
      memoryBytesMax: hubMemoryShedBytes, retryAfterSeconds: overloadRetryAfterSeconds });
    expect(admissionLimits({ requestsInFlightMax: 4 }), "the late bound never passes the bound")
      .toMatchObject({ requestsInFlightMax: 4, requestsInFlightLateMax: 4,
        memoryBytesMax: hubMemoryShedBytes });
  });
});

describe("startLoadGauges()", () => {
  it("reads the memory in use at each sample; quiet gauges read nothing", () => {
    const gauges = startLoadGauges();
    try {
      gauges.sample();
      expect(gauges.memoryBytes()).toBeGreaterThan(0);
      expect(gauges.loopDelayMs()).toBeGreaterThanOrEqual(0);
    } finally {
      gauges.stop();
    }
    expect([quietLoadGauges.loopDelayMs(), quietLoadGauges.memoryBytes()]).toEqual([0, 0]);
  });
});
