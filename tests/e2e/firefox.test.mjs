// The same single file in Firefox ESR, driven through geckodriver (WebDriver) with
// selenium-webdriver. Playwright cannot drive Debian's Firefox here: its own Firefox build comes
// from a download site this network does not reach, and its WebDriver BiDi mode needs
// `emulation.setMediaFeaturesOverride`, which Firefox ESR 153 does not implement. So the full
// suite runs in Chromium and this file covers what differs in Firefox: start-up (the
// windows-1252 page, DecompressionStream, wasm), the form and storage, storage kept per file
// path, and the passphrase (Argon2id and AES-GCM in wasm).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Builder, By, until } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { APP } from "./harness.mjs";

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const GECKODRIVER = process.env.GECKODRIVER ?? join(process.env.HOME ?? "/root", ".cargo/bin/geckodriver");
let driver, profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "jiean-firefox-"));
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments("-headless", "-profile", profile)
    .setPreference("intl.accept_languages", "zh-CN")
    // Firefox's default, which geckodriver's automation profile turns off: each file:// page is
    // its own origin, with its own local storage.
    .setPreference("security.fileuri.strict_origin_policy", true)
    .setPreference("network.proxy.type", 0);
  driver = await new Builder()
    .forBrowser("firefox")
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER))
    .build();
  await driver.manage().setTimeouts({ implicit: 0, pageLoad: 30000, script: 30000 });
});

after(async () => {
  await driver?.quit();
  rmSync(profile, { recursive: true, force: true });
});

const $ = (css) => driver.wait(until.elementLocated(By.css(css)), 30000);
const byText = (tag, text) => driver.wait(until.elementLocated(By.xpath(`//${tag}[contains(normalize-space(.), "${text}")]`)), 30000);

async function field(label, value) {
  const input = await driver.findElement(By.xpath(`//label[contains(@class,"field")][span[@class="label" and starts-with(normalize-space(.), "${label}")]]//*[self::input or self::textarea]`));
  await input.clear();
  await input.sendKeys(value);
}

async function numbers() {
  const cells = await driver.findElements(By.css("table.cases tbody td.number"));
  return Promise.all(cells.map((c) => c.getText()));
}

async function openAt(path) {
  await driver.get(pathToFileURL(path).href);
  await $("section.ledger");
}

test("Firefox starts the app, saves a case and keeps it across a reload", async () => {
  await openAt(APP);
  assert.equal(await driver.executeScript("return document.characterSet"), "windows-1252");
  await (await byText("button", "新建案件")).click();
  await field("案件编号", "FX-001");
  await field("信访人", "赵六");
  await field("诉求摘要", "火狐浏览器中登记的案件");
  await (await byText("button", "登记案件")).click();
  await $("section.case-page");
  await driver.navigate().refresh();
  await $("table.cases");
  assert.deepEqual(await numbers(), ["FX-001"]);
  const search = await $("input[type=search]");
  await search.sendKeys("没有这个词");
  await byText("p", "没有符合搜索和筛选条件的案件");
  await search.clear();
  await search.sendKeys(" ");
});

test("in Firefox a moved copy of the file has its own, empty storage", async () => {
  const folder = mkdtempSync(join(tmpdir(), "moved-"));
  const moved = join(folder, "jiean.html");
  copyFileSync(APP, moved);
  await openAt(moved);
  await byText("p", "台账中还没有案件");
  await openAt(APP);
  await $("table.cases");
  assert.deepEqual(await numbers(), ["FX-001"], "still there under the original path");
});

test("Firefox encrypts with a passphrase and opens with it", async () => {
  await openAt(APP);
  await (await byText("button", "设置")).click();
  await (await $("#new-passphrase")).sendKeys("火狐中的测试密码");
  await (await $("#repeat-passphrase")).sendKeys("火狐中的测试密码");
  await (await $("#understood")).click();
  await (await byText("button", "设置密码并加密")).click();
  await byText("p", "已设置密码");
  const stored = await driver.executeScript("return localStorage.getItem('jiean/ledger')");
  assert.match(stored, /^\{"format":"jiean-encrypted"/);
  assert.doesNotMatch(stored, /FX-001|赵六/);
  await driver.navigate().refresh();
  await (await $("#unlock-passphrase")).sendKeys("火狐中的测试密码");
  await (await byText("button", "打开台账")).click();
  await $("table.cases");
  assert.deepEqual(await numbers(), ["FX-001"]);
});
