// Seeded random bytes after a valid signed session handshake, against a hub process: whatever
// frames they make, the hub never exits, /health answers and a session still delivers. A failure
// names its seed; CORRIDOR_FUZZ_SEED replays one.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../src/client/index.js";
import type { InboxMessage } from "../../src/client/index.js";
import { seededRandom } from "../../src/lib/index.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";
import {
  addBank, clientFrame, healthStatus, openRawSession, pollUntil,
} from "./session-raw.js";

const seed = Number(process.env.CORRIDOR_FUZZ_SEED ?? 20_251_205);
/** Connections fuzzed, each with up to 4 frames: every one is a signed login (an fsync). */
const connections = 60;
const work = mkdtempSync(join(tmpdir(), "corridor-session-fuzz-"));
const data = join(work, "data");
let hub: HubProcess;

/** Random bytes shaped like frames (any opcode, bits and lengths) or not shaped at all. */
function randomBytes(random: () => number): Buffer {
  const pick = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => pick(256)));
  const frames: Buffer[] = [];
  for (let n = 1 + pick(4); n > 0; n -= 1) {
    if (random() < 0.25) {
      frames.push(bytes(1 + pick(64)));
      continue;
    }
    const payload = random() < 0.5 ? bytes(pick(200))
      : Buffer.from(JSON.stringify({ type: ["ack", "submit", "x"][pick(3)], osn: pick(9),
        items: [{ ref: pick(9), payload: bytes(pick(30)).toString("latin1") }] }));
    const lengths = [payload.length, pick(126), 126 + pick(65_410), 2 ** (16 + pick(40))];
    // Mostly well-formed headers, so that the frames reach the session's own handling too.
    const opcode = random() < 0.7 ? [1, 1, 1, 2, 0, 8, 9, 10][pick(8)]! : pick(16);
    frames.push(clientFrame({ opcode, fin: random() < 0.95, payload,
      rsv: random() < 0.1 ? 1 + pick(7) : 0, masked: random() < 0.95,
      declaredLength: lengths[random() < 0.7 ? 0 : 1 + pick(3)]! }));
  }
  return Buffer.concat(frames);
}

describe.skipIf(!distBuilt())("session fuzz (needs dist/: npm run build)", () => {
  beforeAll(async () => { hub = await startHubProcess(data); });
  afterAll(async () => { await hub.stop(); });

  it(`session: ${connections} connections of random frames never stop the hub (seed ${seed})`,
    async () => {
      const sender = await addBank("FUZZUS33XXX", { work, data });
      const receiver = await addBank("FUZZJPJTXXX", { work, data });
      const random = seededRandom(seed);
      const closeCodes = new Map<string, number>();
      for (let n = 0; n < connections; n += 1) {
        const raw = await openRawSession(hub.url, sender);
        raw.socket.write(randomBytes(random));
        // The hub closes after an error; else our end makes it close (a frame may be partial).
        raw.socket.end();
        await raw.closed;
        const code = String(raw.reader.closeCode ?? "none");
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
        expect(hub.child.exitCode, `seed ${seed}, connection ${n}`).toBeNull();
      }
      console.info(`session fuzz seed ${seed}: close codes ` +
        JSON.stringify(Object.fromEntries(closeCodes)));
      expect(await healthStatus(hub.url), `seed ${seed}`).toBe(200);

      const received: InboxMessage[] = [];
      const inbox = openSession({ hubUrl: hub.url, bic: receiver.bic,
        privateKeyPem: receiver.privateKeyPem,
        onMessages: (batch) => { received.push(...batch); } });
      const out = openSession({ hubUrl: hub.url, bic: sender.bic,
        privateKeyPem: sender.privateKeyPem });
      const answers = await out.submit([mt103({ sender: sender.bic, receiver: receiver.bic,
        reference: "AFTERFUZZ", uetr: testUetr(8_001) })]);
      expect(answers.map((answer) => answer.status), `seed ${seed}`).toEqual(["ACK"]);
      expect(await pollUntil(() => received.length, (count) => count >= 1,
        { attempts: 200, everyMs: 25 }), `seed ${seed}`).toBe(1);
      out.close();
      inbox.close();
    }, 120_000);
});
