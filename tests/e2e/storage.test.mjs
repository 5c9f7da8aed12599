// Local storage that must lose nothing: unreadable data, a full quota, two tabs, ledgers stored by
// earlier versions, the backup reminder and the quota meter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ARTIFACTS, openBrowser, openApp, withApp, createCase, ledgerNumbers, screenshot, loadLedger, KEY } from "./harness.mjs";


test("unreadable stored data is never overwritten without the user's say", async () => {
  await withApp(async (page) => {
    for (const stored of ['{"format":"jiean-ledger","version":1,"cases":[{"number":', '{"format":"jiean-ledger","version":5,"cases":[]}']) {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, stored]);
      await page.reload();
      const banner = page.locator("#unreadable-banner");
      await banner.waitFor();
      assert.match(await banner.textContent(), /无法读取.*程序不会覆盖它/);

      // Work done now is kept in the page but not written over the stored text.
      await createCase(page, { "案件编号": "NEW-1", "诉求摘要": "新登记" });
      await page.locator("#save-error").getByText("为免覆盖").waitFor();
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), stored);
    }
    await screenshot(page, "unreadable-storage");

    const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出原始数据" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /无法读取的原始数据-\d{8}\.txt$/);
    assert.equal(readFileSync(await download.path(), "utf8"), stored);

    await page.getByRole("button", { name: "清除并重新开始" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "已导出，清除" }).click();
    assert.equal(await page.locator("#unreadable-banner").count(), 0);
    assert.equal(await page.locator("#save-error").count(), 0);
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.deepEqual(saved.cases.map((c) => c.number), ["NEW-1"]);
  });
});

test("a full storage quota is reported, the ledger stays in the page, and export still works", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "Q-1", "诉求摘要": "配额测试" });
    // Another file:// page filled the shared local storage to the brim.
    await page.evaluate(() => {
      let chunk = 1 << 20, i = 0;
      while (chunk >= 1) {
        try { localStorage.setItem(`other-page-${i++}`, "x".repeat(chunk)); } catch { chunk >>= 1; }
      }
    });
    const log = page.locator("form.add-progress");
    await log.locator("textarea").fill("存储已满时添加的记录");
    await log.getByRole("button", { name: "添加记录" }).click();
    const banner = page.locator("#save-error");
    await banner.getByText("浏览器存储空间已满").waitFor();
    assert.match(await banner.textContent(), /请立即点击「导出台账」/);
    await page.locator("ol.log li", { hasText: "存储已满时添加的记录" }).waitFor();
    await screenshot(page, "quota-exceeded");

    const [download] = await Promise.all([page.waitForEvent("download"), banner.getByRole("button", { name: "导出台账" }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(exported.cases[0].progress[0].text, "存储已满时添加的记录");

    // Once space is freed, the next change saves everything and the warning goes away.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("other-page-")).forEach((k) => localStorage.removeItem(k)));
    await log.locator("textarea").fill("清理后再次记录");
    await log.getByRole("button", { name: "添加记录" }).click();
    await page.locator("ol.log li", { hasText: "清理后再次记录" }).waitFor();
    assert.equal(await banner.count(), 0);
    await page.reload();
    await page.locator("section.ledger").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["Q-1"]);
    await page.locator("table.cases tbody tr").first().click();
    assert.equal(await page.locator("ol.log li").count(), 2);
  });
});

test("a second tab never silently overwrites the first one's changes", async () => {
  const browser = await openBrowser();
  try {
    const first = await browser.page();
    await openApp(first);
    const second = await browser.context.newPage();
    await openApp(second);

    await createCase(first, { "案件编号": "TAB-1", "诉求摘要": "第一个窗口登记" });
    const banner = second.locator("#changed-elsewhere");
    await banner.waitFor();
    assert.match(await banner.textContent(), /另一个浏览器窗口或标签页中被修改/);
    await screenshot(second, "changed-elsewhere");

    // The stale tab's change is refused, not written over the first tab's case.
    await createCase(second, { "案件编号": "TAB-2", "诉求摘要": "第二个窗口登记" });
    await second.locator("#save-error").getByText("另一个窗口中被修改").waitFor();
    const stored = JSON.parse(await first.evaluate((k) => localStorage.getItem(k), KEY));
    assert.deepEqual(stored.cases.map((c) => c.number), ["TAB-1"]);

    await second.getByRole("button", { name: "重新载入" }).click();
    await second.locator("section.ledger").waitFor();
    assert.deepEqual(await ledgerNumbers(second), ["TAB-1"]);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

const FIXTURES = new URL("../fixtures/", import.meta.url);

test("ledgers stored by earlier versions load and are saved in the current format", async () => {
  await withApp(async (page) => {
    const v1 = readFileSync(new URL("stored-v1.json", FIXTURES), "utf8");
    await loadLedger(page, v1);
    assert.deepEqual(await ledgerNumbers(page), ["JA-2026-101", "JA-2026-102"]);
    await page.locator("table.cases tbody tr", { hasText: "JA-2026-102" }).click();
    assert.equal(await page.locator("ol.log li").count(), 2);
    await page.locator("form.add-progress textarea").fill("迁移后的第一条记录");
    await page.locator("form.add-progress").getByRole("button", { name: "添加记录" }).click();
    await page.locator("ol.log li", { hasText: "迁移后的第一条记录" }).waitFor();
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(saved.version, 4);
    assert.equal(saved.cases.length, 2);

    // Version 2 with a 回收站 and a backup record.
    const v2 = readFileSync(new URL("stored-v2.json", FIXTURES), "utf8");
    // As an earlier version left it: no checksum beside it.
    await loadLedger(page, v2);
    assert.deepEqual(await ledgerNumbers(page), ["JA-2026-008"]);
    await page.getByRole("button", { name: "回收站（1）" }).click();
    await page.locator("section.trash tbody").getByText("JA-2026-009").waitFor();
    assert.match(await page.locator("#storage-status").textContent(), /上次导出：2026-11-20 17:00.*此后 4 处修改未备份/);
    assert.equal(await page.locator("#altered-banner").count(), 0);
  });
});

test("the clerk is reminded to export after days without a backup, and an export resets it", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "B-1", "诉求摘要": "备份提醒" });
    const status = page.locator("#storage-status");
    assert.match(await status.textContent(), /尚未导出过备份，1 处修改未备份/);
    assert.equal(await page.locator("#backup-reminder").count(), 0);

    // Eleven days pass without an export (at 09:00 that day, so 10–11 whole days at any hour).
    await page.evaluate((k) => {
      const stored = JSON.parse(localStorage.getItem(k));
      const d = new Date(Date.now() - 11 * 86400e3);
      const p = (n) => String(n).padStart(2, "0");
      stored.local.unexported_since = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:00:00`;
      localStorage.setItem(k, JSON.stringify(stored));
      // Without its checksum the edited text is trusted once, as one from an earlier version.
      localStorage.removeItem("jiean/ledger-checksum");
    }, KEY);
    await page.reload();
    await page.locator("section.ledger").waitFor();
    const reminder = page.locator("#backup-reminder");
    await reminder.getByText(/台账从未导出备份，最早的修改已过去 1\d 天/).waitFor();
    await screenshot(page, "backup-reminder");
    await reminder.getByRole("button", { name: "稍后提醒" }).click();
    assert.equal(await reminder.count(), 0);
    await page.reload();
    await page.locator("section.ledger").waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), reminder.getByRole("button", { name: "导出台账" }).click()]);
    assert.match(download.suggestedFilename(), /^积案台账-\d{8}\.json$/);
    await reminder.waitFor({ state: "detached" });
    assert.match(await status.textContent(), /上次导出：\d{4}-\d\d-\d\d \d\d:\d\d（今天）$/);
    await page.reload();
    await page.locator("section.ledger").waitFor();
    assert.match(await status.textContent(), /上次导出：.*（今天）$/);
  });
});

test("a large ledger shows how full storage is and warns well before it is full", async () => {
  await withApp(async (page) => {
    const status = page.locator("#storage-status");
    assert.match(await status.textContent(), /存储空间已用 0%/);
    // 460 cases with long summaries of random characters: about 4.6 million characters that do
    // not compress (large ledgers are stored packed), over 80% of the quota.
    let seed = 7;
    const random = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 4294967296; };
    const text = (n) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20992))).join("");
    const cases = Array.from({ length: 460 }, (_, i) => ({
      number: `BIG-${String(i).padStart(3, "0")}`,
      summary: `第${i}件` + text(10000),
    }));
    const file = join(tmpdir(), "big-ledger.json");
    writeFileSync(file, JSON.stringify({ format: "jiean-ledger", version: 2, cases }));
    await page.setInputFiles("#import-file", file);
    await page.getByRole("dialog").getByRole("button", { name: "合并到当前台账" }).click();
    await page.getByRole("button", { name: "确认合并" }).click();
    await page.getByText(/新增 460 件/).waitFor({ timeout: 30000 });
    const warning = page.locator("#quota-warning");
    await warning.getByText(/浏览器的存储空间已用 \d\d%，即将用满/).waitFor();
    const percent = Number((await status.textContent()).match(/已用 (\d+)%/)[1]);
    assert.ok(percent >= 80 && percent < 100, `${percent}%`);
    const stored = await page.evaluate((k) => k.length + localStorage.getItem(k).length, KEY);
    assert.equal(percent, Math.ceil((stored * 100) / 5242880), "the meter measures what was written");
    await page.screenshot({ path: join(ARTIFACTS, "quota-warning.png") });
    await page.reload();
    await page.locator("section.ledger").waitFor();
    await warning.waitFor();
    assert.match(await status.textContent(), new RegExp(`已用 ${percent}%`));
  });
});

test("a large ledger is stored packed, reads back after a reload, and a damaged packed copy is refused", async () => {
  await withApp(async (page) => {
    // 60 cases with long summaries and logs: well over the 128 KB from which storage packs.
    const cases = Array.from({ length: 60 }, (_, i) => ({
      id: `big-${i}`, number: `BIG-${String(i).padStart(3, "0")}`,
      summary: `第${i}号：信访人反映征地补偿标准过低，要求重新核算补偿。`.repeat(20),
      progress: [{ date: "2026-03-01", text: `召开协调会，研究第${i}号案件化解方案。`.repeat(15) }],
    }));
    const file = join(tmpdir(), "big-ledger.json");
    writeFileSync(file, JSON.stringify({ format: "jiean-ledger", version: 1, cases }, null, 2));
    await page.setInputFiles("#import-file", file);
    await page.getByRole("dialog").getByRole("button", { name: "替换当前台账" }).click();
    await page.getByText("现有 60 件案件").waitFor();

    const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
    assert.ok(stored.startsWith("jiean-z1:"), "stored packed");
    assert.ok(stored.length * 4 < readFileSync(file, "utf8").length, `packed ${stored.length} units`);
    await page.reload();
    await page.locator("section.ledger").waitFor();
    const numbers = await ledgerNumbers(page);
    assert.equal(numbers.length, 60);
    assert.equal(numbers[59], "BIG-059");

    // A damaged packed copy is not read as an empty ledger and is not overwritten.
    const damaged = stored.slice(0, stored.length - 40);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
    await page.reload();
    const banner = page.locator("#unreadable-banner");
    await banner.waitFor();
    assert.match(await banner.textContent(), /压缩保存的数据已损坏/);
    await page.getByRole("button", { name: "清除并重新开始" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "已导出，清除" }).click();
    assert.equal(await page.locator("#unreadable-banner").count(), 0);
  });
});
