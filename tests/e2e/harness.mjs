// Shared set-up for the end-to-end tests: headless Debian Chromium, a fresh profile per browser,
// and the built single file opened from disk exactly as a clerk would (file://).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
export const APP = resolve(here, "../../dist/jiean.html");
export const APP_URL = pathToFileURL(APP).href;
export const ARTIFACTS = resolve(here, "artifacts");

/** Chromium's flags for every test: no network of its own, no first-run or sync. */
export const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN",
];

/** A browser with its own empty profile. `network` collects every request that is not the page itself. */
export async function openBrowser() {
  assert.ok(existsSync(APP), `missing ${APP}: build it first (cargo xtask dist)`);
  const profile = mkdtempSync(join(tmpdir(), "jiean-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    locale: "zh-CN",
    viewport: { width: 1280, height: 860 },
  });
  const network = [];
  const errors = [];
  context.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith("file://") && !url.startsWith("data:") && !url.startsWith("blob:")) network.push(url);
  });
  const browser = {
    context, network, errors,
    async page() {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return browser;
}

/** The local-storage key the app keeps its ledger under. */
export const KEY = "jiean/ledger";

/** Opens the app and waits until the ledger screen is interactive. */
export async function openApp(page) {
  await page.goto(APP_URL);
  await page.locator("section.ledger").waitFor({ timeout: 20000 });
}

/** Puts `ledger` (an object, or its text) in local storage as a file written outside the app
 * would be (no checksum beside it), and opens the app on it. */
export async function loadLedger(page, ledger) {
  const text = typeof ledger === "string" ? ledger : JSON.stringify(ledger);
  await page.evaluate(([k, v]) => { localStorage.setItem(k, v); localStorage.removeItem(`${k}-checksum`); }, [KEY, text]);
  await page.reload();
  await page.locator("section.ledger").waitFor({ timeout: 20000 });
}

/** Fills the case form's field by its visible label. */
export async function fillField(page, label, value) {
  const field = page.locator("label.field", { has: page.locator("span.label", { hasText: new RegExp(`^${label}( \\*)?$`) }) });
  const control = field.locator("input, textarea, select").first();
  if ((await control.evaluate((e) => e.tagName)) === "SELECT") await control.selectOption(value);
  else await control.fill(value);
}

/** Registers a case through the form, as a clerk would. */
export async function createCase(page, fields) {
  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  for (const [label, value] of Object.entries(fields)) await fillField(page, label, value);
  await page.getByRole("button", { name: "登记案件" }).click();
  await page.locator("section.case-page").waitFor();
}

/** The 编号 of every row in the ledger table, in order. The table draws only the rows in view
 * (a virtual window), so this scrolls it from top to bottom as a reader would, then back up. */
export async function ledgerNumbers(page) {
  const numbers = [];
  await page.evaluate(() => window.scrollTo(0, 0));
  for (;;) {
    // A frame and a task for the window to follow the scroll.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const drawn = await page.locator("table.cases tbody td.number").allTextContents();
    // The drawn rows overlap those already read: append what follows the overlap.
    let overlap = Math.min(numbers.length, drawn.length);
    while (overlap > 0 && numbers.slice(-overlap).join("\n") !== drawn.slice(0, overlap).join("\n")) overlap--;
    numbers.push(...drawn.slice(overlap));
    const atEnd = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY === before;
    });
    if (atEnd) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return numbers;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Runs `fn(page, browser)` in a fresh browser on the opened app; no network request and no
 * script error. `clock` installs Playwright's fake clock before the app starts; `ledger` is
 * loaded first (see `loadLedger`). */
export async function withApp(fn, { clock = false, ledger } = {}) {
  const browser = await openBrowser();
  try {
    const page = await browser.page();
    if (clock) await page.clock.install();
    await openApp(page);
    if (ledger) await loadLedger(page, ledger);
    await fn(page, browser);
    assert.deepEqual(browser.network, [], "the app must make no network request");
    assert.deepEqual(browser.errors, [], "no script errors");
  } finally {
    await browser.close();
  }
}
