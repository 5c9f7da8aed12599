// Privacy on a shared office PC (issue 7): the passphrase, what another page can see, the idle
// lock, tampering, the stored checksum, encrypted files, and no network request in a whole session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openBrowser, openApp, createCase, ledgerNumbers, screenshot, APP_URL, withApp, KEY } from "./harness.mjs";

const PASSPHRASE = "县信访局2026台账";

async function openSettings(page) {
  await page.locator(".topbar .tab", { hasText: "设置" }).click();
  await page.locator("#where-data-lives").waitFor();
}

async function setPassphrase(page, passphrase = PASSPHRASE) {
  await openSettings(page);
  await page.locator("#new-passphrase").fill(passphrase);
  await page.locator("#repeat-passphrase").fill(passphrase);
  await page.locator("#understood").check();
  await page.getByRole("button", { name: "设置密码并加密" }).click();
  await page.locator("#notice").getByText("已设置密码").waitFor({ timeout: 20000 });
}

async function unlock(page, passphrase = PASSPHRASE) {
  await page.locator("#unlock-passphrase").fill(passphrase);
  await page.getByRole("button", { name: "打开台账" }).click();
}

test("with a passphrase the ledger is stored only encrypted and opens with it", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-001", "信访人": "张三", "联系方式": "139 0000 0001", "诉求摘要": "征地补偿" });
    await openSettings(page);
    assert.match(await page.locator("#where-data-lives").textContent(), /只保存在这台电脑的这个浏览器.*Firefox.*导出的台账文件就是备份/s);
    assert.match(await page.locator(".security").textContent(), /密码无法找回/);

    // Mistakes are explained and change nothing.
    await page.locator("#new-passphrase").fill("短密码");
    await page.getByRole("button", { name: "设置密码并加密" }).click();
    await page.locator("#passphrase-error").getByText("至少需要 8 个字符").waitFor();
    await page.locator("#new-passphrase").fill(PASSPHRASE);
    await page.locator("#repeat-passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "设置密码并加密" }).click();
    await page.locator("#passphrase-error").getByText("请先勾选").waitFor();
    assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /SEC-001/);
    await screenshot(page, "privacy-settings");

    await setPassphrase(page);
    const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
    assert.match(stored, /^\{"format":"jiean-encrypted"/);
    assert.doesNotMatch(stored, /SEC-001|张三|139/);

    await page.reload();
    await page.locator("#unlock-passphrase").waitFor();
    await screenshot(page, "privacy-unlock");
    await unlock(page, "wrong passphrase");
    await page.locator("#unlock-error").getByText("密码不正确").waitFor({ timeout: 20000 });
    await unlock(page);
    await page.locator("section.ledger").waitFor({ timeout: 20000 });
    assert.deepEqual(await ledgerNumbers(page), ["SEC-001"]);

    // Changes stay encrypted.
    await createCase(page, { "案件编号": "SEC-002", "诉求摘要": "物业纠纷" });
    const again = await page.evaluate((k) => localStorage.getItem(k), KEY);
    assert.match(again, /^\{"format":"jiean-encrypted"/);
    assert.doesNotMatch(again, /SEC-002/);

    // Changing the passphrase re-encrypts; removing it stores plain text again.
    await openSettings(page);
    await page.locator("#current-passphrase").fill("not the one");
    await page.locator("#new-passphrase").fill("另一个足够长的密码");
    await page.locator("#repeat-passphrase").fill("另一个足够长的密码");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.locator("#passphrase-error").getByText("密码不正确").waitFor({ timeout: 20000 });
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), again, "nothing changed");
    await page.locator("#current-passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByText("已修改密码").waitFor({ timeout: 20000 });
    await page.reload();
    await unlock(page, PASSPHRASE);
    await page.locator("#unlock-error").getByText("密码不正确").waitFor({ timeout: 20000 });
    await unlock(page, "另一个足够长的密码");
    await page.locator("section.ledger").waitFor({ timeout: 20000 });
    await openSettings(page);
    await page.locator("#current-passphrase").fill("另一个足够长的密码");
    await page.getByRole("button", { name: "取消密码（不再加密）" }).click();
    await page.getByText("已取消密码").waitFor({ timeout: 20000 });
    assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /^\{"format":"jiean-ledger".*SEC-002/);
  });
});

test("another page from another folder sees only ciphertext", async () => {
  await withApp(async (page, browser) => {
    await createCase(page, { "案件编号": "SEC-101", "信访人": "李四", "诉求摘要": "拆迁安置" });
    await setPassphrase(page);
    // Any HTML file opened from disk shares Chromium's one file:// local storage.
    const folder = mkdtempSync(join(tmpdir(), "other-tool-"));
    const spy = join(folder, "spy.html");
    writeFileSync(spy, `<!doctype html><meta charset="utf-8"><pre id="dump"></pre>
      <script>document.getElementById("dump").textContent = JSON.stringify(Object.fromEntries(Object.entries(localStorage)));</script>`);
    const other = await browser.context.newPage();
    await other.goto(pathToFileURL(spy).href);
    const seen = JSON.parse(await other.locator("#dump").textContent());
    assert.ok(seen[KEY], "the other page can read the key");
    assert.match(seen[KEY], /^\{"format":"jiean-encrypted"/);
    assert.doesNotMatch(JSON.stringify(seen), /SEC-101|李四|拆迁/);
    assert.ok(Object.keys(seen).every((k) => k.startsWith("jiean/")), "every key of the app is namespaced");
    await other.close();
  });
});

test("a damaged encrypted ledger is told apart from a wrong passphrase", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-201", "诉求摘要": "劳动争议" });
    await setPassphrase(page);
    await page.evaluate((k) => {
      const envelope = JSON.parse(localStorage.getItem(k));
      const data = envelope.data;
      envelope.data = data.slice(0, 40) + (data[40] === "A" ? "B" : "A") + data.slice(41);
      localStorage.setItem(k, JSON.stringify(envelope));
    }, KEY);
    await page.reload();
    await unlock(page);
    await page.locator("#unlock-error").getByText("已被改动或损坏").waitFor({ timeout: 20000 });

    // No way forward with this copy: keep it as a file, then start again (e.g. from a backup).
    await page.locator("#forgot").click();
    const sealed = await page.evaluate((k) => localStorage.getItem(k), KEY);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出加密的台账" }).click()]);
    assert.equal(readFileSync(await download.path(), "utf8"), sealed);
    const clear = page.getByRole("button", { name: "清除并重新开始" });
    assert.equal(await clear.isDisabled(), true, "only after the clerk confirms");
    await page.locator("#confirm-start-over").check();
    await clear.click();
    await page.locator("section.ledger").waitFor();
    await page.getByText("已清除这台电脑上的加密台账").waitFor();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  });
});

test("the ledger locks itself after the idle time", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-301", "诉求摘要": "环境污染" });
    await setPassphrase(page);
    await page.locator(".topbar .tab", { hasText: "台账" }).click();
    await page.clock.fastForward("05:00");
    assert.deepEqual(await ledgerNumbers(page), ["SEC-301"], "not yet: 10 minutes by default");
    await page.clock.fastForward("06:00");
    await page.locator("#unlock-passphrase").waitFor();
    await page.getByText("台账已自动锁定").waitFor();
    assert.equal(await page.locator("table.cases").count(), 0, "the ledger left the page");
    await screenshot(page, "privacy-idle-locked");
    await unlock(page);
    await page.locator("section.ledger").waitFor({ timeout: 20000 });
    assert.deepEqual(await ledgerNumbers(page), ["SEC-301"]);
    await page.locator("#lock-now").click();
    await page.locator("#unlock-passphrase").waitFor();
  }, { clock: true });
});

test("a plain ledger changed by something else is shown but not trusted", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-401", "诉求摘要": "社保" });
    await page.evaluate((k) => localStorage.setItem(k, localStorage.getItem(k).replace("SEC-401", "SEC-999")), KEY);
    await page.reload();
    const banner = page.locator("#altered-banner");
    await banner.waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["SEC-999"]);
    await screenshot(page, "privacy-altered");
    await createCase(page, { "案件编号": "SEC-402", "诉求摘要": "新案件" });
    await page.locator("#save-error").getByText("确认使用前不会保存").waitFor();
    assert.doesNotMatch(await page.evaluate((k) => localStorage.getItem(k), KEY), /SEC-402/);
    await page.getByRole("button", { name: "确认使用" }).click();
    assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /SEC-402/);
    await page.reload();
    await page.locator("section.ledger").waitFor();
    assert.equal(await page.locator("#altered-banner").count(), 0);
  });
});

/** What another local page could do: the checksum this app keeps (FNV-1a 64 over UTF-8). */
function fnv1a(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, "utf8")) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, "0");
}

test("an encrypted ledger replaced by a plain one with a valid checksum is flagged, not used silently", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-601", "信访人": "赵六", "诉求摘要": "拆迁" });
    await setPassphrase(page);
    assert.match(await page.locator("#shared-storage-limit").textContent(), /所有本地网页.*共用同一份存储.*本程序无法阻止.*导出的备份文件才是唯一可靠的保障/s);
    await page.locator("#save-state[data-state=Saved]").waitFor();

    // Another local page swaps in a plain ledger with a checksum that matches it.
    const plain = JSON.stringify({ format: "jiean-ledger", version: 2, cases: [{ id: "evil", number: "EVIL-1", summary: "替换的台账" }] });
    await page.evaluate(([k, v, sum]) => { localStorage.setItem(k, v); localStorage.setItem("jiean/ledger-checksum", sum); }, [KEY, plain, fnv1a(plain)]);
    await page.reload();
    const banner = page.locator("#downgraded-banner");
    await banner.waitFor();
    assert.match(await banner.textContent(), /原来设置了密码、加密保存，现在浏览器中却是未加密的台账/);
    assert.equal(await page.locator("#unlock-passphrase").count(), 0);
    assert.deepEqual(await ledgerNumbers(page), ["EVIL-1"]);
    await screenshot(page, "privacy-downgraded");

    // Nothing is saved over it until the clerk decides.
    await createCase(page, { "案件编号": "SEC-602", "诉求摘要": "新案件" });
    await page.locator("#save-error").getByText("确认使用前不会保存").waitFor();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), plain);
    await page.getByRole("button", { name: "确认使用（不加密）" }).click();
    await page.locator("#save-state[data-state=Saved]").waitFor();
    await page.reload();
    await page.locator("section.ledger").waitFor();
    assert.equal(await page.locator("#downgraded-banner").count(), 0, "accepted once, not asked again");
    assert.deepEqual(await ledgerNumbers(page), ["EVIL-1", "SEC-602"]);
  });
});

test("the idle lock time is kept inside the encrypted ledger: another page cannot turn it off", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-701", "诉求摘要": "锁定设置" });
    await setPassphrase(page);
    await page.locator(".lock-minutes select").selectOption("5");
    await page.locator("#save-state[data-state=Saved]").waitFor();
    // What earlier versions read, set to 「不自动锁定」 by another page, and the stored text
    // left alone (it is sealed: changing it would only make it unreadable).
    await page.evaluate(() => localStorage.setItem("jiean/lock-minutes", "0"));
    await page.reload();
    await unlock(page);
    await page.locator("section.ledger").waitFor({ timeout: 20000 });
    await openSettings(page);
    assert.equal(await page.locator(".lock-minutes select").inputValue(), "5");
    await page.locator(".topbar .tab", { hasText: "台账" }).click();
    await page.clock.fastForward("06:00");
    await page.locator("#unlock-passphrase").waitFor();
  }, { clock: true });
});

test("an encrypted file asks for its passphrase on import", async () => {
  await withApp(async (page, browser) => {
    await createCase(page, { "案件编号": "SEC-501", "信访人": "王五", "诉求摘要": "土地确权" });
    await openSettings(page);
    await page.locator("#file-passphrase-new").fill("发给市局的文件密码");
    await page.locator("#file-passphrase-repeat").fill("发给市局的文件密码");
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), page.locator("#export-sealed").click()]);
    assert.match(download.suggestedFilename(), /^积案台账-加密-\d{8}\.json$/);
    const file = join(mkdtempSync(join(tmpdir(), "sealed-")), download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, "utf8");
    assert.match(text, /^\{"format":"jiean-encrypted"/);
    assert.doesNotMatch(text, /SEC-501|王五/);

    const other = await openBrowser();
    try {
      const fresh = await other.page();
      await openApp(fresh);
      await fresh.setInputFiles("#import-file", file);
      const dialog = fresh.getByRole("dialog");
      await dialog.locator("#file-passphrase").fill("错误的文件密码啊");
      await dialog.getByRole("button", { name: "解密并导入" }).click();
      await dialog.getByText("密码不正确").waitFor({ timeout: 20000 });
      await dialog.locator("#file-passphrase").fill("发给市局的文件密码");
      await dialog.getByRole("button", { name: "解密并导入" }).click();
      await fresh.getByRole("dialog").getByRole("button", { name: "合并到当前台账" }).click({ timeout: 20000 });
      await fresh.getByRole("button", { name: "确认合并" }).click();
      assert.deepEqual(await ledgerNumbers(fresh), ["SEC-501"]);
      assert.deepEqual(other.network, []);
    } finally {
      await other.close();
    }
  });
});

test("a whole session — create, check, export, import, print — makes no network request", async () => {
  await withApp(async (page, browser) => {
    await createCase(page, { "案件编号": "NET-001", "诉求摘要": "全程无网络" });
    await page.locator("#verdict").waitFor();
    await page.getByRole("button", { name: "结案审核表" }).click();
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: join(tmpdir(), "session.pdf"), format: "A4" });
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "← 返回案件" }).click();
    await page.locator(".topbar .tab", { hasText: "台账" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出台账" }).click()]);
    await page.setInputFiles("#import-file", await download.path());
    await page.getByRole("dialog").getByRole("button", { name: "替换当前台账" }).click();
    await page.locator(".topbar .tab", { hasText: "统计" }).click();
    await page.locator(".topbar .tab", { hasText: "月报" }).click();
    assert.deepEqual(browser.network, []);
    assert.equal(new URL(page.url()).href, APP_URL, "never navigated away");
  });
});

test("the 回收站 is encrypted with the ledger, leaves the page on lock and comes back on unlock", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "SEC-701", "信访人": "赵六", "诉求摘要": "删除后仍须加密" });
    await page.getByRole("button", { name: "删除", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确定删除" }).click();
    await setPassphrase(page);
    const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
    assert.doesNotMatch(stored, /SEC-701|赵六/);

    await page.locator("#lock-now").click();
    await page.locator("#unlock-passphrase").waitFor();
    assert.doesNotMatch(await page.locator("body").textContent(), /SEC-701|回收站（1）/);
    await unlock(page);
    await page.locator("section.ledger").waitFor({ timeout: 20000 });
    await page.getByRole("button", { name: "回收站（1）" }).click();
    await page.locator("section.trash").getByRole("button", { name: "恢复" }).click();
    await page.getByText("已从回收站恢复案件 SEC-701").waitFor();
    await page.reload();
    await unlock(page);
    await page.locator("section.ledger").waitFor({ timeout: 20000 });
    assert.deepEqual(await ledgerNumbers(page), ["SEC-701"]);
  });
});
