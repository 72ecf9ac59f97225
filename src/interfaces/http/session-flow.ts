// Back-pressure for one streaming session: stops reading a client's frames while enough are in
// processing or while the client is not reading what the hub sends, and closes it if it stays so.
import { assert } from "../../lib/index.js";
import {
  sessionBufferedBytesMax, sessionBufferedStallMsMax, sessionFramesInFlightMax,
} from "../../limits.js";

/** The part of ws's WebSocket the flow uses (a fake in unit tests). */
export interface FlowSocket {
  /** Bytes queued for the socket and not yet taken by the kernel. */
  readonly bufferedAmount: number;
  /** The callback runs once the frame is written out, or with an error if it never will be. */
  send(text: string, written: (error?: Error | null) => void): void;
  /** Stops (and restarts) reading the client's bytes: unread frames wait in its socket. */
  pause(): void;
  resume(): void;
}

export interface FlowEvents {
  /** Deliveries may go on: the client took enough of what was queued. */
  readonly onWritable: () => void;
  /** The client stayed over sessionBufferedBytesMax for sessionBufferedStallMsMax. */
  readonly onStalled: () => void;
  /** Reading was paused: the client is not reading, or enough of its frames are in processing. */
  readonly onPaused: (reason: "buffered" | "frames") => void;
}

export interface SessionFlow {
  /** Queues a frame for the client. Answers are always sent; deliveries check writable(). */
  send(text: string): void;
  /** Whether the client is under its buffer limit, so that more deliveries may be sent. */
  writable(): boolean;
  /** Runs a client frame's work now, or after the earlier ones, with at most a few at once. */
  admit(work: (done: () => void) => void): void;
  /** The session closed: no timer outlives it, and queued work is dropped. */
  closed(): void;
}

export function createSessionFlow(socket: FlowSocket, events: FlowEvents): SessionFlow {
  const waiting: ((done: () => void) => void)[] = [];
  let inFlight = 0;
  let over = false;
  let paused = false;
  let ended = false;
  let stallTimer: NodeJS.Timeout | undefined;

  const updateReading = (): void => {
    const pause = over || inFlight >= sessionFramesInFlightMax || waiting.length > 0;
    if (pause === paused || ended) return;
    paused = pause;
    if (pause) {
      events.onPaused(over ? "buffered" : "frames");
      socket.pause();
    } else {
      socket.resume();
    }
  };
  const checkBuffered = (): void => {
    if (ended) return;
    if (!over && socket.bufferedAmount > sessionBufferedBytesMax) {
      over = true;
      stallTimer = setTimeout(events.onStalled, sessionBufferedStallMsMax);
      updateReading();
    } else if (over && socket.bufferedAmount <= sessionBufferedBytesMax / 2) {
      over = false;
      clearTimeout(stallTimer);
      stallTimer = undefined;
      updateReading();
      events.onWritable();
    }
  };
  const start = (work: (done: () => void) => void): void => {
    inFlight += 1;
    let finished = false;
    work(() => {
      assert(!finished, "a frame's work finishes once");
      finished = true;
      inFlight -= 1;
      const next = waiting.shift();
      if (next !== undefined && !ended) start(next);
      updateReading();
    });
  };

  return {
    send: (text) => {
      // Node passes null once written; an error means the socket closed, and the session's
      // close handler cleans up.
      socket.send(text, (error) => { if (!(error instanceof Error)) checkBuffered(); });
      checkBuffered();
    },
    writable: () => !over,
    admit: (work) => {
      if (ended) return;
      if (inFlight < sessionFramesInFlightMax && waiting.length === 0) start(work);
      else waiting.push(work);
      updateReading();
    },
    closed: () => {
      ended = true;
      clearTimeout(stallTimer);
      waiting.length = 0;
    },
  };
}
