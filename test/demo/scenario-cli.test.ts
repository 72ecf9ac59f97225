// `corridor demo --scenario` as a process: usage errors exit 2, and a fast replay prints its
// steps to stderr while the demo keeps serving, then stops cleanly on SIGINT (needs dist/).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliPath, distBuilt, runCli } from "../support/process-hub.js";

const dataDir = mkdtempSync(join(tmpdir(), "corridor-scenario-cli-"));

describe.skipIf(!distBuilt())("corridor demo --scenario (needs dist/: npm run build)", () => {
  afterAll(() => { rmSync(dataDir, { recursive: true, force: true }); });

  it("corridor demo rejects an unknown scenario and a speed out of range", async () => {
    const unknown = await runCli(["demo", "--scenario", "brexit", "--data", dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Cannot run scenario "brexit"');
    const tooFast = await runCli(["demo", "--scenario", "sanctions-2022", "--speed", "0",
      "--data", dataDir]);
    expect(tooFast.code).toBe(2);
    expect(tooFast.stderr).toContain('Cannot use --speed "0"');
  });

  it("corridor demo --scenario sanctions-2022 replays the three acts, then stops on SIGINT",
    async () => {
      const child = spawn(process.execPath, [cliPath, "demo", "--scenario", "sanctions-2022",
        "--speed", "0.1", "--port", "0", "--rate", "5", "--data", dataDir]);
      let stderr = "";
      const complete = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 45_000);
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes("replay complete")) { clearTimeout(timer); resolve(true); }
        });
      });
      const finished = await complete;
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGINT");
      expect(finished, stderr).toBe(true);
      expect(stderr).toMatch(/2022-03-12: EU 2022\/345 in force: 8 participants excluded/);
      expect(stderr).toMatch(/2022-03-20: EU 2022\/398 in force: 2 participants excluded/);
      expect(stderr).toMatch(/2022-06-14: EU 2022\/879 in force: 1 participant excluded/);
      expect(stderr).toContain("still connected in RU and BY: ONEGRUMMXXX");
      expect(await exited).toBe(0);
    });
});
