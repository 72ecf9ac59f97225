// Test support for the session security suite: a signed WebSocket upgrade over a raw TCP socket,
// hand-built client frames (any bits, any length), a reader of the hub's frames, the hub's
// metrics and its resident memory, and banks onboarded to a hub process.
import { readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import type { Socket } from "node:net";
import { join } from "node:path";
import { expect } from "vitest";
import { makeBank } from "../support/harness.js";
import type { TestBank } from "../support/harness.js";
import { runCli } from "../support/process-hub.js";

/** Onboards a new bank to a hub process through `corridor participant add`. */
export async function addBank(bic: string, options: { work: string; data: string }):
  Promise<TestBank> {
  const bank = makeBank(bic);
  const keyFile = join(options.work, `${bic}.pub`);
  writeFileSync(keyFile, bank.publicKeyPem);
  const add = () => runCli(["participant", "add", "--bic", bic, "--name", bic,
    "--public-key", keyFile, "--data", options.data]);
  // A hub whose event loop runs late (a busy machine, a flood just served) sheds the request
  // with 503 hub-overloaded: retried, a bounded number of times.
  let added = await add();
  const shed = () => added.code !== 0 && added.stdout.includes("hub-overloaded");
  for (let attempt = 1; attempt < 20 && shed(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    added = await add();
  }
  expect(added.code, `${added.stdout}${added.stderr}`).toBe(0);
  return bank;
}

/** One frame from the hub (servers never mask). */
export interface HubFrame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payload: Buffer;
}

/** Parses the hub's frames as bytes arrive; `closeCode` is set once a close frame came. */
export class FrameReader {
  readonly frames: HubFrame[] = [];
  bytes = 0;
  closeCode: number | undefined;
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (let frame = this.next(); frame !== undefined; frame = this.next()) {
      if (frame.opcode === 8) {
        this.closeCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
      }
      this.frames.push(frame);
    }
  }

  /** The text frames received so far, parsed as JSON. */
  json(): Record<string, unknown>[] {
    return this.frames.filter((frame) => frame.opcode === 1)
      .map((frame) => JSON.parse(frame.payload.toString("utf8")) as Record<string, unknown>);
  }

  /** The next whole frame; the pending chunks are joined only once it has fully arrived. */
  private next(): HubFrame | undefined {
    if (this.size < 2) return undefined;
    const head = Buffer.concat(this.chunks, Math.min(this.size, 10));
    const first = head[0]!;
    let length = head[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (head.length < 4) return undefined;
      length = head.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (head.length < 10) return undefined;
      length = Number(head.readBigUInt64BE(2));
      offset = 10;
    }
    if (this.size < offset + length) return undefined;
    const all = Buffer.concat(this.chunks, this.size);
    this.chunks = [all.subarray(offset + length)];
    this.size = all.length - offset - length;
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f,
      payload: all.subarray(offset, offset + length) };
  }
}

/** A client frame with every bit chosen by the test; masked unless `masked` is false. */
export function clientFrame(options: { opcode: number; payload?: Buffer; fin?: boolean;
  rsv?: number; masked?: boolean; declaredLength?: number }): Buffer {
  const payload = options.payload ?? Buffer.alloc(0);
  const length = options.declaredLength ?? payload.length;
  const masked = options.masked ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | options.opcode;
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, maskBit | length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  const body = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([header, mask, body]);
}

/** A masked text frame carrying `value` as JSON. */
export function jsonFrame(value: unknown): Buffer {
  return clientFrame({ opcode: 1, payload: Buffer.from(JSON.stringify(value), "utf8") });
}

export interface RawSession {
  readonly socket: Socket;
  readonly reader: FrameReader;
  /** Resolves when the TCP connection is closed (either side). */
  readonly closed: Promise<void>;
  /** Error codes the socket reported (a reset by the hub is one). */
  readonly errors: string[];
}

/** Opens a signed /v1/session upgrade on a raw socket and resolves once the hub answered 101. */
export function openRawSession(hubUrl: string, bank: TestBank): Promise<RawSession> {
  const url = new URL(hubUrl);
  const target = "/v1/session";
  const signed = bank.signer.headersFor({ method: "GET", target, body: Buffer.alloc(0) });
  const lines = [`GET ${target} HTTP/1.1`, `Host: ${url.host}`, "Upgrade: websocket",
    "Connection: Upgrade", "Sec-WebSocket-Version: 13",
    `Sec-WebSocket-Key: ${Buffer.from("corridor-sec-key").toString("base64")}`,
    ...Object.entries(signed).map(([name, value]) => `${name}: ${value}`)];
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const reader = new FrameReader();
    const errors: string[] = [];
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    let head = Buffer.alloc(0);
    socket.on("error", (error: NodeJS.ErrnoException) => { errors.push(error.code ?? "unknown"); });
    const onHead = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onHead);
      const status = head.subarray(0, end).toString("latin1").split("\r\n")[0] ?? "";
      if (!status.includes(" 101 ")) {
        reject(new Error(`Cannot open raw session: ${status}`));
        socket.destroy();
        return;
      }
      socket.on("data", (data: Buffer) => reader.push(data));
      if (head.length > end + 4) reader.push(head.subarray(end + 4));
      resolve({ socket, reader, closed, errors });
    };
    socket.on("data", onHead);
    socket.once("connect", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    socket.once("close", () => reject(new Error("Cannot open raw session: connection closed")));
  });
}

/** Polls `check` up to `attempts` times, `everyMs` apart; the last value either way. */
export async function pollUntil<T>(check: () => Promise<T> | T, done: (value: T) => boolean,
  options: { attempts: number; everyMs: number }): Promise<T> {
  let value = await check();
  for (let attempt = 1; attempt < options.attempts && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
    value = await check();
  }
  return value;
}

/**
 * GET /metrics. A hub that sheds load answers 503 hub-overloaded with Retry-After while it is
 * busy (a flood has just been served): retried then, a bounded number of times.
 */
async function metricsText(hubUrl: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${hubUrl}/metrics`);
    const text = await response.text();
    if (response.status === 200) return text;
    if (response.status !== 503 || !text.includes("hub-overloaded") || attempt >= 30) {
      throw new Error(`Cannot read /metrics: ${response.status} ${text}`);
    }
    const seconds = Number(response.headers.get("retry-after") ?? "1");
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

/** A counter from the hub's /metrics, 0 when it was never counted. */
export async function metric(hubUrl: string, series: string): Promise<number> {
  const text = await metricsText(hubUrl);
  const line = text.split("\n").find((row) => row.startsWith(`corridor_${series} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
}

/** The hub's /health status code. */
export async function healthStatus(hubUrl: string): Promise<number> {
  return (await fetch(`${hubUrl}/health`)).status;
}

/** Resident memory of a process in bytes (Linux: VmRSS in /proc/<pid>/status). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (match === null) throw new Error(`Cannot read VmRSS of process ${pid}`);
  return Number(match[1]) * 1024;
}
