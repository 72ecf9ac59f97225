// Debian's Chromium for the browser tests, driven by playwright-core: whether it can run here,
// and a headless launch with the flags this machine's closed network needs.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";
const root = resolve(import.meta.dirname, "..", "..");

/** Chromium is installed and the console is built; in CI their absence is a failure. */
export function browserTestsAvailable(): boolean {
  const available = existsSync(chromiumPath) &&
    existsSync(join(root, "console", "dist", "index.html"));
  if (!available && process.env.CI === "true") {
    throw new Error(`Cannot run browser tests: need ${chromiumPath} and console/dist ` +
      "(npm run build)");
  }
  return available;
}

/** Headless, without the background traffic a closed network refuses; a fresh profile each. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
}
