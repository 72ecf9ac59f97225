// Shared pieces of the hub benchmarks: child processes for the hub and the bare server,
// onboarding banks, unique valid MT103 payloads, and percentiles.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const cliPath = resolve(here, "..", "..", "..", "bin", "corridor.js");

export interface BenchBank { bic: string; privateKeyPem: string; publicKeyPem: string }

export function benchBank(bic: string): BenchBank {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { bic, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

export interface Child { url: string; process: ChildProcess; stop(): Promise<void> }

function stopper(child: ChildProcess): () => Promise<void> {
  return () => new Promise<void>((done) => {
    if (child.exitCode !== null) { done(); return; }
    child.once("exit", () => done());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

export async function startBareServer(): Promise<Child> {
  const child = spawn(process.execPath, [join(here, "bare-http-server.js")],
    { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((done) => {
    child.stdout?.once("data", (chunk: Buffer) =>
      done((JSON.parse(chunk.toString()) as { port: number }).port));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop: stopper(child) };
}

/**
 * A hub process for a suite. The suite says whether it screens: "off" measures the spine alone
 * (screened-flow measures what screening adds). Warnings only on stderr: a request line each
 * would be the bench's output, not the hub's work.
 */
export async function startHubChild(dataDir: string, options: {
  screening: "enforced" | "off"; extra?: readonly string[];
}): Promise<Child> {
  const child = spawn(process.execPath, [cliPath, "serve", "--data", dataDir, "--port", "0",
    "--screening", options.screening, ...(options.extra ?? [])],
  { stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CORRIDOR_LOG_LEVEL: process.env.CORRIDOR_LOG_LEVEL ?? "warn" } });
  const info = join(dataDir, "hub.json");
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (existsSync(info)) {
      const parsed = JSON.parse(readFileSync(info, "utf8")) as { url: string; pid: number };
      if (parsed.pid === child.pid) {
        return { url: parsed.url, process: child, stop: stopper(child) };
      }
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error("Cannot start the hub for the benchmark");
}

export async function onboard(url: string, dataDir: string, banks: readonly BenchBank[]) {
  const { token } = JSON.parse(readFileSync(join(dataDir, "operator-credentials.json"), "utf8")) as
    { token: string };
  for (const bank of banks) {
    const response = await fetch(`${url}/v1/participants`, { method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ bic: bank.bic, name: bank.bic, publicKeyPem: bank.publicKeyPem }) });
    if (response.status >= 300) throw new Error(`Cannot onboard ${bank.bic}: ${response.status}`);
  }
}

/** A valid MT103 of about 600 bytes, unique per n (reference and UETR). */
export function benchMt103(sender: string, receiver: string, n: number): string {
  const lt = (bic: string) => `${bic.slice(0, 8)}A${bic.slice(8)}`;
  const hex = n.toString(16).padStart(12, "0");
  const lines = [`:20:B${n}`, ":23B:CRED", ":32A:261126USD1234,56", ":33B:USD1234,56",
    ":50K:/12345678901234", "ORDERING CUSTOMER NAME", "1 LONG STREET NAME", "NEW YORK NY 10001",
    ":52A:" + sender.slice(0, 8), ":57A:" + receiver.slice(0, 8),
    ":59:/98765432109876", "BENEFICIARY CUSTOMER NAME", "2 OTHER STREET NAME", "TOKYO 100 JP",
    ":70:INVOICE NUMBER " + String(n).padStart(12, "0"), ":71A:SHA"];
  return `{1:F01${lt(sender)}0000000000}{2:I103${lt(receiver)}N}` +
    `{3:{121:e3b0c442-98fc-4c14-9afb-${hex}}}{4:\r\n${lines.join("\r\n")}\r\n-}`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
