// The console in real headless Chromium (Debian's, driven by playwright-core) against a hub
// running the demo network: sign-in per role, traffic moving, a held message released with
// four-eyes, and an exclusion policy proposed, approved and seen on the participants page.
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../../src/main/demo/network.js";
import type { DemoNetwork } from "../../src/main/demo/network.js";
import { browserTestsAvailable, launchChromium } from "../support/chromium.js";

/**
 * Removes the 403 that a refused four-eyes step logs in the browser, once it has been logged:
 * the console event can arrive after the page has already shown the refusal.
 */
async function dropExpectedRefusal(errors: string[]): Promise<void> {
  const refused = (e: string): boolean => /status of 403/.test(e);
  await expect.poll(() => errors.some(refused)).toBe(true);
  errors.splice(0, errors.length, ...errors.filter((e) => !refused(e)));
}
const root = resolve(import.meta.dirname, "..", "..");
const results = join(root, "test-results");
const available = browserTestsAvailable();

describe.skipIf(!available)("console in Chromium (skipped without /usr/bin/chromium or a " +
  "built console)", () => {
  let demo: DemoNetwork;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(results, { recursive: true });
    demo = await startDemo({ dataDir: mkdtempSync(join(tmpdir(), "corridor-browser-")),
      host: "127.0.0.1", port: 0, banks: 34, rate: 40 });
    // playwright-core gives each launch a fresh temporary --user-data-dir of its own.
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const login = (role: string, index = 0) => {
    const found = demo.logins.filter((l) => l.role === role)[index];
    if (found === undefined) throw new Error(`Cannot find a demo login for ${role}`);
    return found;
  };

  async function signIn(name: string, password: string, viewport = { width: 1280, height: 800 }):
    Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${name}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${name}: ${error.message}`));
    await page.goto(demo.consoleUrl);
    await page.getByLabel("Account").fill(name);
    await page.getByLabel("Password").fill(password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    return page;
  }

  it("every role signs in and sees traffic move on the overview", async () => {
    for (const role of ["operator", "compliance", "auditor"]) {
      const { name, password } = login(role);
      const page = await signIn(name, password);
      await expect.poll(async () => Number(await page.getByTestId("rate").textContent()),
        { timeout: 20_000 }).toBeGreaterThan(0);
      const first = await page.getByTestId("rate").textContent();
      await expect.poll(async () => page.getByTestId("rate").textContent(),
        { timeout: 20_000, interval: 1_000 }).not.toBe(first);
      await page.locator(".chart canvas").first().waitFor();
      await page.screenshot({ path: join(results, `overview-${role}.png`) });
      await page.context().close();
    }
    // The README's screenshot is refreshed only on request, so that a test run leaves the
    // working tree as it found it.
    if (process.env["CORRIDOR_UPDATE_SCREENSHOT"] === "1") {
      copyFileSync(join(results, "overview-operator.png"), join(root, "docs", "images",
        "overview.png"));
    }
    const phone = await signIn(login("auditor").name, login("auditor").password,
      { width: 390, height: 844 });
    await phone.screenshot({ path: join(results, "overview-phone.png"), fullPage: true });
    // At phone width nothing pushes the page sideways, and every chart and tile fits the screen
    // (a wide table may scroll inside its own box, never the page).
    // Runs in the page (the test's own TypeScript has no DOM types, hence a string).
    const layout = await phone.evaluate(`({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      outside: [...document.querySelectorAll("canvas, .chart, nav, h1, [data-testid]")]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.left < -1 || box.right > window.innerWidth + 1);
        }).map((element) => element.tagName + (element.className ? "." + element.className : "")),
    })`);
    expect(layout).toEqual({ overflow: 0, outside: [] });
    await phone.context().close();
    expect(errors).toEqual([]);
  }, 120_000);

  it("a held message is released by two officers, not one", async () => {
    const first = await signIn(login("compliance", 0).name, login("compliance", 0).password);
    await first.goto(`${demo.consoleUrl}#/compliance`);
    const held = first.locator("article.case[data-case]").first();
    await held.waitFor({ timeout: 60_000 });
    const caseId = await held.getAttribute("data-case") ?? "";
    await held.locator("h2 a").click();
    await first.getByRole("heading", { name: "Parsed fields" }).waitFor();
    await first.screenshot({ path: join(results, "held-message.png") });
    await first.goto(`${demo.consoleUrl}#/compliance`);
    const mine = first.locator(`article[data-case="${caseId}"]`);
    await mine.getByRole("button", { name: "Propose release" }).click();
    await expect.poll(async () => first.getByRole("status").textContent()).toContain(caseId);
    await mine.getByRole("button", { name: "Approve release" }).click();
    await expect.poll(async () => first.getByRole("status").textContent())
      .toMatch(/differ|same|four-eyes|approver/i);
    await first.screenshot({ path: join(results, "release-refused-same-officer.png") });
    // The refusal is a 403 answer the browser logs; it is the expected outcome, not an error.
    await dropExpectedRefusal(errors);
    const second = await signIn(login("compliance", 1).name, login("compliance", 1).password);
    await second.goto(`${demo.consoleUrl}#/compliance`);
    await second.locator(`article[data-case="${caseId}"]`)
      .getByRole("button", { name: "Approve release" }).click();
    await expect.poll(async () => second.getByRole("status").textContent())
      .toMatch(/released/i);
    await second.screenshot({ path: join(results, "release-approved.png") });
    await first.context().close();
    await second.context().close();
    expect(errors).toEqual([]);
  }, 120_000);

  it("an exclusion policy proposed by one operator and approved by another excludes", async () => {
    const maker = await signIn(login("operator", 0).name, login("operator", 0).password);
    await maker.goto(`${demo.consoleUrl}#/policies`);
    await maker.getByLabel("Legal reference").fill("Demo Regulation 2026/1, Art. 1");
    await maker.getByLabel("Institutions (BIC8)").fill("KARUIRTH");
    await maker.getByRole("button", { name: /Propose/ }).click();
    await expect.poll(async () => maker.getByRole("status").textContent())
      .toMatch(/another operator/);
    const row = maker.locator("tr[data-policy]", { hasText: "Demo Regulation 2026/1" });
    const policyId = await row.getAttribute("data-policy") ?? "";
    await row.getByRole("button", { name: "Approve" }).click();
    await expect.poll(async () => maker.getByRole("status").textContent()).toContain(policyId);
    expect(await maker.getByRole("status").textContent()).not.toMatch(/^Approved/);
    await dropExpectedRefusal(errors);
    const checker = await signIn(login("operator", 1).name, login("operator", 1).password);
    await checker.goto(`${demo.consoleUrl}#/policies`);
    await checker.locator(`tr[data-policy="${policyId}"]`)
      .getByRole("button", { name: "Approve" }).click();
    await expect.poll(async () => checker.getByRole("status").textContent())
      .toBe(`Approved ${policyId}`);
    await checker.screenshot({ path: join(results, "policy-approved.png") });
    await checker.goto(`${demo.consoleUrl}#/participants`);
    await expect.poll(async () => checker.locator('tr[data-bic="KARUIRTHXXX"] .badge')
      .textContent(), { timeout: 20_000 }).toBe("excluded");
    await checker.screenshot({ path: join(results, "participant-excluded.png") });
    await maker.context().close();
    await checker.context().close();
    expect(errors).toEqual([]);
  }, 120_000);
});
