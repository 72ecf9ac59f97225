// A validation thread for tests that must see what the hub does while a message is on a thread:
// it counts the task as started (gate[1]), checks it like the real thread, then holds the answer
// until the test opens the gate (gate[0] = 1). The gate is an Int32Array over shared memory,
// handed over as piscina's workerData: { gate }.
import { workerData } from "piscina";
import validate from "./validation-worker-source.mjs";

export default function validateBehindGate(task) {
  const gate = workerData.gate;
  Atomics.add(gate, 1, 1);
  Atomics.notify(gate, 1);
  const answer = validate(task);
  // Blocks this thread only; the hub's event loop goes on.
  Atomics.wait(gate, 0, 0);
  return answer;
}
