// How the page starts and stops (web/guard.js, web/boot.js): the guard is plain ES3 so that old
// engines run it, scripts are locked once the wasm is compiled, and if the app stops the
// last-resort screen offers the stored data and a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "acorn";
import { APP, openBrowser, openApp, createCase, ledgerNumbers, screenshot } from "./harness.mjs";
import { scriptLockProbe } from "./old/csp.mjs";

test("the guard is ES3, so Internet Explorer (360's 兼容模式) runs it", () => {
  const guard = readFileSync(resolve(APP, "../../web/guard.js"), "utf8");
  assert.doesNotThrow(() => parse(guard, { ecmaVersion: 3 }));
});

// The page travels by USB stick and internal mail and is opened from disk on old PCs: its size
// is a budget (README, Benchmark), checked on every build.
test("the page stays within its 600 KB budget", () => {
  const kb = statSync(APP).size / 1024;
  assert.ok(kb <= 600, `dist/jiean.html is ${kb.toFixed(1)} KB, over the 600 KB budget`);
});

test("once started, no script, eval or wasm compilation is allowed", async () => {
  const browser = await openBrowser();
  try {
    const page = await browser.page();
    await openApp(page);
    assert.deepEqual(await page.evaluate(scriptLockProbe), { eval: "EvalError", wasm: "CompileError", inline: "blocked" });
    // The app's CSS travels packed with the wasm (xtask `payload`): the boot script applied it.
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("header.topbar")).backgroundColor), "rgb(29, 79, 145)");
    assert.deepEqual(browser.network, []);
  } finally {
    await browser.close();
  }
});

test("if the app stops, the last-resort screen offers the stored data and a reload", async () => {
  const browser = await openBrowser();
  try {
    const page = await browser.page();
    await openApp(page);
    await createCase(page, { "案件编号": "CRASH-1", "诉求摘要": "出错之前登记的案件" });
    await page.getByText("已登记案件 CRASH-1").waitFor();

    // The fault: a browser function the wasm calls throws (as a broken add-on or a browser bug
    // might). The error goes through the wasm's click handler and leaves the app unusable.
    await page.evaluate(() => {
      Date.prototype.getFullYear = () => { throw new Error("injected fault"); };
    });
    await page.getByRole("button", { name: "＋ 新建案件" }).click();
    const screen = page.getByRole("alert");
    await screen.getByText("程序出错，已停止运行").waitFor();
    assert.match(await screen.textContent(), /此前已保存的数据仍在本机浏览器中/);
    assert.equal(await page.locator("#app").count(), 0, "the dead app is gone, not left clickable");
    await screenshot(page, "crash-screen");
    assert.deepEqual(browser.errors, ["Error: injected fault"]);

    const [download] = await Promise.all([page.waitForEvent("download"), screen.getByRole("button", { name: "下载本机数据" }).click()]);
    assert.match(download.suggestedFilename(), /^信访积案台账-本机数据-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(saved.format, "jiean-local-storage");
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jiean/")));
    assert.deepEqual(Object.keys(saved.items).sort(), stored.sort());
    assert.match(saved.items["jiean/ledger"], /CRASH-1/);

    await screen.getByRole("button", { name: "重新打开" }).click();
    await page.locator("section.ledger").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["CRASH-1"]);
    assert.equal(await page.getByRole("alert").count(), 0);
    assert.deepEqual(browser.network, []);
  } finally {
    await browser.close();
  }
});
