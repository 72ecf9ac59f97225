// Request bodies are limited per route while they stream, before anyone authenticates: a body
// over its route's limit is answered 413 body-too-large and its connection closed, and a hub
// streamed hundreds of MiB by an unauthenticated client grows by less than 4x the largest limit.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/interfaces/index.js";
import { bodyBytesMaxFor } from "../../src/interfaces/http/body-limits.js";
import { httpBodyBytesMax, httpControlBodyBytesMax } from "../../src/limits.js";
import { createTestHub } from "../support/harness.js";
import type { TestHub } from "../support/harness.js";
import { mt103, testUetr } from "../support/messages.js";
import { distBuilt, startHubProcess } from "../support/process-hub.js";
import type { HubProcess } from "../support/process-hub.js";

const chunkBytes = 64 * 1024;
const origin = "http://localhost";

/** A body of `total` bytes that is only produced as it is read; `pulled` counts what was. */
function countedStream(total: number): { stream: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) {
        controller.close();
        return;
      }
      const size = Math.min(chunkBytes, total - pulled);
      pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => pulled };
}

/** A streamed (chunked) request: no Content-Length, as a client that hides the size sends. */
function streamed(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}):
  RequestInit {
  return { method: "POST", body, headers, duplex: "half" };
}

describe("body limits in-process", () => {
  let hub: TestHub;
  let app: ReturnType<typeof createHttpApp>;
  beforeEach(async () => {
    hub = await createTestHub();
    app = createHttpApp({ ...hub.deps, console: { staticDir: undefined,
      connectedSessions: () => new Map() } });
  });
  afterEach(async () => { await hub.close(); });

  it("bodyBytesMaxFor() gives submissions the message limit and every other route less", () => {
    expect(bodyBytesMaxFor("POST", "/v1/messages")).toBe(httpBodyBytesMax);
    for (const [method, path] of [["POST", "/console/api/login"], ["POST", "/v1/inbox/ack"],
      ["POST", "/v1/policies"], ["POST", "/v1/participants"], ["PUT", "/v1/messages"]]) {
      expect(bodyBytesMaxFor(method ?? "", path ?? "")).toBe(httpControlBodyBytesMax);
    }
    expect(httpControlBodyBytesMax).toBeLessThan(httpBodyBytesMax);
  });

  it("a Content-Length over the limit is answered 413 before the body is read", async () => {
    for (const [path, limit] of [["/v1/messages", httpBodyBytesMax],
      ["/console/api/login", httpControlBodyBytesMax]] as const) {
      const body = countedStream(limit + 1);
      const response = await app.request(path, { ...streamed(body.stream,
        { "content-length": String(limit + 1), "content-type": "application/json", origin }) });
      expect(response.status).toBe(413);
      expect(response.headers.get("connection")).toBe("close");
      const text = await response.text();
      expect(text.split("\n").filter((line) => line !== "")).toHaveLength(1);
      expect(JSON.parse(text)).toEqual({ error: { code: "body-too-large", location: "body",
        message: `Cannot read request: body over ${limit} bytes` } });
      expect(body.pulled()).toBe(0);
    }
  });

  it("a streamed body is refused once past the limit, reading at most one chunk more",
    async () => {
      for (const [path, limit] of [["/v1/messages", httpBodyBytesMax],
        ["/console/api/login", httpControlBodyBytesMax], ["/v1/policies",
          httpControlBodyBytesMax]] as const) {
        const body = countedStream(400 * 1024 * 1024);
        const response = await app.request(path, streamed(body.stream,
          { "content-type": "application/json", origin }));
        expect(response.status, path).toBe(413);
        expect(await response.json()).toMatchObject({ error: { code: "body-too-large" } });
        expect(body.pulled()).toBeGreaterThan(limit);
        expect(body.pulled()).toBeLessThanOrEqual(limit + chunkBytes);
      }
    });

  it("a body within its limit reaches the route unchanged, streamed or not", async () => {
    const login = JSON.stringify({ name: "nobody", password: "x".repeat(100) });
    const answer = await app.request("/console/api/login", { method: "POST", body: login,
      headers: { "content-type": "application/json", origin, host: "localhost" } });
    expect(answer.status).toBe(401);
    const payload = Buffer.from(mt103({ sender: hub.a.bic, receiver: hub.b.bic,
      reference: "BODY1", uetr: testUetr(1) }));
    const headers = hub.a.signer.headersFor({ method: "POST", target: "/v1/messages",
      body: payload });
    const chunks = [payload.subarray(0, 100), payload.subarray(100)];
    const stream = new ReadableStream<Uint8Array>({ pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    } });
    const submitted = await app.request("/v1/messages", streamed(stream, headers));
    expect(submitted.status).toBe(201);
    expect(await submitted.json()).toMatchObject({ status: "ACK" });
  });

  it("a body cut off by the connection is a 400 for the log, not a 500", async () => {
    const lost = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({ pull(controller) {
      if (sent) controller.error(lost);
      sent = true;
      controller.enqueue(new Uint8Array(10));
    } });
    const response = await app.request("/v1/messages", streamed(stream));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "body-incomplete" } });
  });
});

/** A field of /proc/<pid>/status, in KiB. */
function statusKiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m")
    .exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (match === null) throw new Error(`Cannot read ${field} of process ${pid}`);
  return Number(match[1]);
}

/** Resets the peak (VmHWM) to the current RSS; false where the kernel does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EINVAL" || code === "ENOENT") {
      return false;
    }
    throw error;
  }
}

interface Streamed { readonly status: number | undefined; readonly sentBytes: number }

/**
 * Streams `totalBytes` of "a" as one POST (chunked unless `declared`), without waiting for
 * anything but the socket; stops when the hub answers or closes. `sample` runs between writes.
 */
function streamPost(url: string, options: { path: string; totalBytes: number;
  declared: boolean; headers?: Record<string, string>; sample: () => void }): Promise<Streamed> {
  const { hostname, port } = new URL(url);
  const chunk = Buffer.alloc(chunkBytes, 0x61);
  return new Promise((resolve) => {
    let sentBytes = 0;
    let status: number | undefined;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve({ status, sentBytes });
    };
    const req = request({ hostname, port, path: options.path, method: "POST", agent: false,
      headers: { "content-type": "application/json", origin: url, ...options.headers,
        ...(options.declared ? { "content-length": String(options.totalBytes) } : {}) } });
    req.on("response", (response) => {
      status = response.statusCode;
      response.resume();
      response.on("end", settle);
      response.on("error", settle);
    });
    // EPIPE or ECONNRESET: the hub closed the socket while this client was still writing.
    req.on("error", settle);
    req.on("close", settle);
    const pump = (): void => {
      while (!settled && sentBytes < options.totalBytes) {
        options.sample();
        sentBytes += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!settled) req.end();
    };
    pump();
  });
}

describe.skipIf(!distBuilt() || !existsSync("/proc/self/status"))(
  "body limits in the hub's own process (needs dist/: npm run build; Linux /proc)", () => {
    let hub: HubProcess;
    let log = "";
    beforeAll(async () => {
      hub = await startHubProcess(join(mkdtempSync(join(tmpdir(), "corridor-bodies-")), "d"));
      hub.child.stderr?.on("data", (chunk: Buffer) => { log += chunk.toString(); });
    });
    afterAll(async () => { await hub.stop(); });

    const attacks = [
      { name: "a 400 MiB chunked submission", path: "/v1/messages", declared: false,
        totalBytes: 400 * 1024 * 1024 },
      { name: "a 400 MiB submission with its Content-Length", path: "/v1/messages",
        declared: true, totalBytes: 400 * 1024 * 1024 },
      { name: "200 MiB of JSON to the console sign-in, chunked", path: "/console/api/login",
        declared: false, totalBytes: 200 * 1024 * 1024 },
      { name: "200 MiB of JSON to the console sign-in with its Content-Length",
        path: "/console/api/login", declared: true, totalBytes: 200 * 1024 * 1024 },
    ];

    it("grows by less than 4x the largest limit under each attack, and still serves",
      async () => {
        const pid = hub.child.pid ?? 0;
        const growthMaxKiB = 4 * Math.max(httpBodyBytesMax, httpControlBodyBytesMax) / 1024;
        // The same requests, small, first: the hub's code is compiled and its heap sized.
        for (const attack of attacks) {
          await streamPost(hub.url, { ...attack, totalBytes: 4 * httpBodyBytesMax,
            sample: () => undefined });
        }
        const report: string[] = [];
        for (const attack of attacks) {
          // Best of three: the hub's own jobs (list checks, policy ticks) allocate now and then
          // too; memory the attack costs shows in every round.
          const rounds: { growthKiB: number; sentBytes: number }[] = [];
          for (let round = 0; round < 3; round += 1) {
            const peakReset = resetPeak(pid);
            const before = statusKiB(pid, "VmRSS");
            let sampled = before;
            const result = await streamPost(hub.url, { ...attack,
              sample: () => { sampled = Math.max(sampled, statusKiB(pid, "VmRSS")); } });
            const peak = Math.max(sampled, statusKiB(pid, "VmRSS"),
              peakReset ? statusKiB(pid, "VmHWM") : 0);
            // Answered 413 or cut off while sending; either way long before the whole body.
            if (result.status !== undefined) expect(result.status, attack.name).toBe(413);
            expect(result.sentBytes, attack.name).toBeLessThan(attack.totalBytes / 8);
            rounds.push({ growthKiB: peak - before, sentBytes: result.sentBytes });
          }
          const growthKiB = Math.min(...rounds.map((round) => round.growthKiB));
          report.push(`${attack.name}: +${growthKiB} KiB (rounds ` +
            `${rounds.map((round) => round.growthKiB).join(", ")} KiB; sent at most ` +
            `${Math.max(...rounds.map((round) => round.sentBytes))} bytes)`);
          expect(growthKiB, report.join("; ")).toBeLessThan(growthMaxKiB);
        }
        console.log(`RSS growth (limit ${growthMaxKiB} KiB): ${report.join("; ")}`);
        // The hub logged each refusal as a 413 (polled: the line follows the answer).
        for (let attempt = 0; attempt < 100; attempt += 1) {
          if ((log.match(/"status":413/g) ?? []).length >= 4 * attacks.length) break;
          await new Promise((done) => setTimeout(done, 50));
        }
        expect((log.match(/"status":413/g) ?? []).length).toBeGreaterThanOrEqual(
          4 * attacks.length);
        expect((await fetch(`${hub.url}/health`)).status).toBe(200);
      });
  });
