// Back-pressure of one streaming session over a fake socket: frames in processing bounded,
// reading paused while the client does not read, resumed below half the limit, stall closes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  sessionBufferedBytesMax, sessionBufferedStallMsMax, sessionFramesInFlightMax,
} from "../../limits.js";
import { createSessionFlow } from "./session-flow.js";
import type { FlowSocket } from "./session-flow.js";

/** A socket whose writes stay queued until the test flushes them, oldest first. */
function fakeSocket() {
  const queue: { bytes: number; written: (error?: Error | null) => void }[] = [];
  const calls: string[] = [];
  const socket: FlowSocket & { bufferedAmount: number } = {
    bufferedAmount: 0,
    send: (text, written) => {
      queue.push({ bytes: text.length, written });
      socket.bufferedAmount += text.length;
    },
    pause: () => { calls.push("pause"); },
    resume: () => { calls.push("resume"); },
  };
  const flush = (frames: number) => {
    for (const frame of queue.splice(0, frames)) {
      socket.bufferedAmount -= frame.bytes;
      frame.written(null);
    }
  };
  return { socket, calls, flush };
}

function events() {
  return { onWritable: vi.fn(), onStalled: vi.fn(), onPaused: vi.fn() };
}

const quarter = "x".repeat(sessionBufferedBytesMax / 4);

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe("createSessionFlow()", () => {
  it("createSessionFlow() runs at most sessionFramesInFlightMax frames, then the rest in order",
    () => {
      const { socket, calls } = fakeSocket();
      const on = events();
      const flow = createSessionFlow(socket, on);
      const started: number[] = [];
      const finish: (() => void)[] = [];
      for (let n = 0; n < sessionFramesInFlightMax + 2; n += 1) {
        flow.admit((done) => { started.push(n); finish.push(done); });
      }
      expect(started).toEqual(Array.from({ length: sessionFramesInFlightMax }, (_v, n) => n));
      expect(calls).toEqual(["pause"]);
      expect(on.onPaused).toHaveBeenCalledWith("frames");
      finish[0]!();
      expect(started.at(-1)).toBe(sessionFramesInFlightMax);
      expect(calls).toEqual(["pause"]);
      finish[1]!();
      finish[2]!();
      expect(started).toHaveLength(sessionFramesInFlightMax + 2);
      expect(calls).toEqual(["pause", "resume"]);
    });

  it("createSessionFlow() stops delivering and reading over the limit, resumes below half", () => {
    const { socket, calls, flush } = fakeSocket();
    const on = events();
    const flow = createSessionFlow(socket, on);
    for (let n = 0; n < 4; n += 1) flow.send(quarter);
    expect(flow.writable()).toBe(true);
    flow.send("x");
    expect(flow.writable()).toBe(false);
    expect(calls).toEqual(["pause"]);
    expect(on.onPaused).toHaveBeenCalledWith("buffered");
    flush(2);
    expect(socket.bufferedAmount).toBe(sessionBufferedBytesMax / 2 + 1);
    expect(flow.writable()).toBe(false);
    flush(1);
    expect(flow.writable()).toBe(true);
    expect(calls).toEqual(["pause", "resume"]);
    expect(on.onWritable).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(sessionBufferedStallMsMax);
    expect(on.onStalled).not.toHaveBeenCalled();
  });

  it("createSessionFlow() reports a client over the limit for sessionBufferedStallMsMax", () => {
    const { socket } = fakeSocket();
    const on = events();
    const flow = createSessionFlow(socket, on);
    for (let n = 0; n < 5; n += 1) flow.send(quarter);
    vi.advanceTimersByTime(sessionBufferedStallMsMax - 1);
    expect(on.onStalled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(on.onStalled).toHaveBeenCalledTimes(1);
  });

  it("createSessionFlow() after closed() keeps no timer and runs no queued frame", () => {
    const { socket, calls } = fakeSocket();
    const on = events();
    const flow = createSessionFlow(socket, on);
    for (let n = 0; n < 5; n += 1) flow.send(quarter);
    const finish: (() => void)[] = [];
    let started = 0;
    for (let n = 0; n < sessionFramesInFlightMax + 1; n += 1) {
      flow.admit((done) => { started += 1; finish.push(done); });
    }
    flow.closed();
    finish[0]!();
    flow.admit(() => { started += 1; });
    vi.advanceTimersByTime(sessionBufferedStallMsMax);
    expect(started).toBe(sessionFramesInFlightMax);
    expect(on.onStalled).not.toHaveBeenCalled();
    expect(calls).toEqual(["pause"]);
  });
});
