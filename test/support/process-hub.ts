// Runs `corridor` commands and hub processes for end-to-end tests (dist/ must be built).
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

export const cliPath = resolve(import.meta.dirname, "..", "..", "bin", "corridor.js");

export function distBuilt(): boolean {
  return existsSync(resolve(import.meta.dirname, "..", "..", "dist", "main", "cli.js"));
}

export interface CliResult { code: number; stdout: string; stderr: string }

export function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: options.cwd, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        done({ code, stdout, stderr });
      });
  });
}

export function jsonLines(text: string): Record<string, unknown>[] {
  return text.split("\n").filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHubProcess(dataDir: string, extra: readonly string[] = []):
  Promise<HubProcess> {
  const info = join(dataDir, "hub.json");
  rmSync(info, { force: true });
  // Durability and delivery tests carry no lists: they say so unless they choose a mode.
  const screening = extra.includes("--screening") ? [] : ["--screening", "off"];
  const child = spawn(process.execPath, [cliPath, "serve", "--data", dataDir, "--port", "0",
    ...screening, ...extra], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const parsed = readHubInfo(info);
    if (parsed !== undefined) {
      if (parsed.pid === child.pid) {
        return {
          url: parsed.url, child,
          stop: (signal = "SIGTERM") => new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) { done(); return; }
            child.once("exit", () => done());
            child.kill(signal);
          }),
        };
      }
    }
    if (child.exitCode !== null) throw new Error(`Cannot start hub: ${stderr}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`Cannot start hub: no hub.json after 10 s; ${stderr}`);
}

/** hub.json as the hub wrote it, or undefined while it is absent or being written. */
export function readHubInfo(path: string): { url: string; pid: number } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as { url: string; pid: number };
  } catch {
    return undefined;
  }
}
