// Seeded malformed HTTP against a hub process: request lines, headers, chunked framing and
// bodies mutated at random, each on its own connection. Whatever they are, the hub never exits,
// answers each with a status or a close, and /health still answers. A failure names its seed;
// CORRIDOR_FUZZ_SEED replays one.
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/lib/index.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const seed = Number(process.env.CORRIDOR_FUZZ_SEED ?? 20_261_205);
/** Connections fuzzed: every mutation many times over; about 2 s against a local hub. */
const connections = 1_000;
/** How long one connection may stay open before the test gives up on it (not asserted). */
const connectionWaitMs = 5_000;
let hub: HubProcess;

const routes = ["/v1/messages", "/v1/inbox?limit=5", "/v1/inbox/ack", "/console/api/login",
  "/v1/participants", "/v1/cases", "/health", "/metrics", "/v1/session", "/%00%ff", "//..//"];
const methods = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "CONNECT", "G\u0000T", ""];

/** One request text: mostly the shape of a real one, with one or more parts broken. */
function request(random: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const junk = (n: number) => Buffer.from(Array.from({ length: Math.floor(random() * n) },
    () => Math.floor(random() * 256)));
  const body = random() < 0.5 ? junk(400) : Buffer.from(JSON.stringify({ name: "x".repeat(
    Math.floor(random() * 300)), password: junk(20).toString("latin1") }));
  const headers = [
    `Host: ${pick(["localhost", "", "a".repeat(9_000), "127.0.0.1:1"])}`,
    pick(["Content-Type: application/json", "Content-Type: text/plain", "Content-Type:"]),
    pick([`Content-Length: ${body.length}`, "Content-Length: -1", "Content-Length: 1e9",
      `Content-Length: ${body.length}\r\nContent-Length: 3`, "Transfer-Encoding: chunked",
      "Transfer-Encoding: chunked, identity", ""]),
    pick(["Signature-Input: sig1=();created=1", "Signature: sig1=:AAAA:", "Authorization: Bearer",
      "Cookie: corridor_console=zz", "Upgrade: websocket\r\nConnection: Upgrade", "X: \u0001"]),
  ];
  const chunked = headers.some((line) => line.includes("chunked")) && random() < 0.8;
  const framed = chunked ? Buffer.concat([Buffer.from(`${pick(["5", "ffffffff", "z", "0"])}\r\n`),
    body.subarray(0, 5), Buffer.from(pick(["\r\n0\r\n\r\n", "\r\n", ""]))]) : body;
  const head = `${pick(methods)} ${pick(routes)} ${pick(["HTTP/1.1", "HTTP/1.0", "HTTP/9",
    ""])}\r\n${headers.join("\r\n")}\r\n${pick(["\r\n", "\n", ""])}`;
  const whole = Buffer.concat([Buffer.from(head, "latin1"), framed]);
  // Now and then a cut in the middle: the connection ends where it ends.
  return random() < 0.2 ? whole.subarray(0, Math.floor(random() * whole.length)) : whole;
}

/** Sends one request and resolves when the hub answers anything or closes the connection. */
function exchange(url: URL, bytes: Buffer): Promise<"answered" | "closed" | "open"> {
  return new Promise((done) => {
    const socket = connect(Number(url.port), url.hostname);
    const timer = setTimeout(() => { socket.destroy(); done("open"); }, connectionWaitMs);
    let answered = false;
    socket.on("data", () => { answered = true; });
    socket.on("error", () => undefined);
    socket.on("close", () => { clearTimeout(timer); done(answered ? "answered" : "closed"); });
    socket.write(bytes, () => socket.end());
  });
}

describe.skipIf(!distBuilt())(`malformed HTTP against a hub process (seed ${seed}; needs dist/)`,
  () => {
    beforeAll(async () => {
      hub = await startHubProcess(join(mkdtempSync(join(tmpdir(), "corridor-http-fuzz-")), "d"));
    }, 60_000);
    afterAll(async () => { await hub?.stop(); });

    it("the hub answers or closes every connection and keeps serving", async () => {
      const random = seededRandom(seed);
      const url = new URL(hub.url);
      const outcomes = { answered: 0, closed: 0, open: 0 };
      for (let sent = 0; sent < connections; sent += 1) {
        outcomes[await exchange(url, request(random))] += 1;
        expect(hub.child.exitCode, `hub exited after connection ${sent}, seed ${seed}`)
          .toBeNull();
      }
      // Every connection ended with an answer or a close: none left hanging by the hub.
      expect(outcomes.open, `seed ${seed}`).toBe(0);
      expect(outcomes.answered).toBeGreaterThan(connections / 2);
      expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    }, 120_000);
  });
