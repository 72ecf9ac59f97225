// The console tells everyone when a hub does not screen: in real headless Chromium, a hub the
// operator started with screening off shows a banner on every page; the demo hub, which screens
// by its list, shows none.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../../src/main/demo/network.js";
import type { DemoNetwork } from "../../src/main/demo/network.js";
import { browserTestsAvailable, launchChromium } from "../support/chromium.js";

const available = browserTestsAvailable();

describe.skipIf(!available)("screening banner in Chromium (skipped without /usr/bin/chromium " +
  "or a built console)", () => {
  let browser: Browser;
  const demos: DemoNetwork[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const demo of demos) await demo.stop();
  });

  /** Signs in as the operator; `screeningRead` settles once the shell has asked the hub. */
  async function operatorPage(screening: "enforced" | "off"):
    Promise<{ page: Page; screeningRead: Promise<unknown> }> {
    const demo = await startDemo({ dataDir: mkdtempSync(join(tmpdir(), "corridor-banner-")),
      host: "127.0.0.1", port: 0, banks: 4, rate: 0, screening });
    demos.push(demo);
    const login = demo.logins.find((entry) => entry.role === "operator");
    if (login === undefined) throw new Error("Cannot find the demo's operator login");
    const page = await (await browser.newContext()).newPage();
    await page.goto(demo.consoleUrl);
    await page.getByLabel("Account").fill(login.name);
    await page.getByLabel("Password").fill(login.password);
    const screeningRead = page.waitForResponse((response) =>
      response.url().endsWith("/console/api/screening") && response.status() === 200);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    return { page, screeningRead };
  }

  it("shows on every page of a hub started with screening off", async () => {
    const { page } = await operatorPage("off");
    const banner = page.getByTestId("screening-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Screening is off/);
    expect(await banner.getAttribute("role")).toBe("alert");
    await page.getByRole("link", { name: "Compliance" }).click();
    await page.waitForURL(/#\/compliance$/);
    expect(await page.getByTestId("screening-banner").isVisible()).toBe(true);
    await page.context().close();
  }, 60_000);

  it("is absent on a hub that screens by a list in force", async () => {
    const { page, screeningRead } = await operatorPage("enforced");
    await screeningRead;
    expect(await page.getByTestId("screening-banner").count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
