// No panic from data, and one set of limits on every way in (issue "Nothing lost, ever"): a stored
// ledger with dates at the end of the calendar opens and shows its problem; a 30,000-character
// text is refused by the form, and a text at the limit survives form → export → import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ARTIFACTS, withApp, openBrowser, openApp, createCase, fillField, ledgerNumbers, screenshot, loadLedger, KEY } from "./harness.mjs";

mkdirSync(ARTIFACTS, { recursive: true });

const storedLedger = () => ({
  format: "jiean-ledger",
  version: 2,
  campaign: { deadline_rule: "交办之日起60日，经批准可延期30日" },
  cases: [
    // The last day chrono (and the app) can hold: +90 days leaves the calendar.
    { id: "edge-1", number: "JA-EDGE-1", summary: "交办日期在日历尽头", assigned_on: "+262142-12-31", status: "化解中" },
    // A limit set by hand near the end, plus an approved extension.
    {
      id: "edge-2", number: "JA-EDGE-2", summary: "手动时限加延期", deadline: "+262142-12-20", status: "化解中",
      packet: { extension: { days: 30, approver: "王局长", approved_on: "2026-04-20" } },
    },
    { id: "ok-1", number: "JA-OK-1", summary: "正常案件", assigned_on: "2026-03-01", status: "化解中", lead: "王副县长", responsible_unit: "县自然资源局" },
  ],
});

test("a stored ledger with dates at the end of the calendar opens, shows the problem, and exports", async () => {
  await withApp(async (page) => {
    // Written as something outside the app could: no checksum beside it.
    await loadLedger(page, storedLedger());
    assert.deepEqual(await ledgerNumbers(page), ["JA-EDGE-1", "JA-EDGE-2", "JA-OK-1"]);
    // Told on opening which cases hold values out of range.
    await page.getByText(/台账中有超出范围的数据.*2 件案件（JA-EDGE-1、JA-EDGE-2）/).waitFor();
    const edgeRow = page.locator("table.cases tbody tr", { hasText: "JA-EDGE-1" });
    assert.match(await edgeRow.textContent(), /日期超出范围/);
    await screenshot(page, "robust-edge-ledger");

    // The case page names the value and the form refuses it until corrected.
    await edgeRow.click();
    const note = page.locator(".out-of-limits");
    await note.waitFor();
    assert.match(await note.textContent(), /「交办日期」年份 262142 不合理（应在 1900 至 2100 年之间）/);
    assert.match(await page.locator("section.case-page").textContent(), /日期超出范围，无法计算办结时限/);
    await screenshot(page, "robust-edge-case");
    await page.getByRole("button", { name: "编辑" }).click();
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.locator(".field.invalid", { hasText: "交办日期" }).getByText(/年份 262142 不合理/).waitFor();
    await fillField(page, "交办日期", "2026-03-01");
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.getByText("已保存对案件 JA-EDGE-1 的修改。").waitFor();
    assert.equal(await page.locator(".out-of-limits").count(), 0);

    // The rest works: statistics, monthly report (also a month typed out of range), export.
    await page.getByRole("button", { name: "← 返回台账" }).click();
    await page.getByRole("button", { name: "统计" }).click();
    await page.locator("section.dashboard").waitFor();
    await page.getByRole("button", { name: "月报" }).click();
    const month = page.getByLabel("月份");
    await month.evaluate((input) => { input.type = "text"; input.value = "262142-12"; input.dispatchEvent(new Event("change", { bubbles: true })); });
    await page.getByText(/月份：年份 262142 不合理/).waitFor();
    await page.locator("#monthly-summary").waitFor();
    await page.getByRole("button", { name: "台账", exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出台账" }).click()]);
    const file = join(tmpdir(), `robust-edge-${Date.now()}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, "utf8"));
    assert.deepEqual(exported.cases.map((c) => c.number), ["JA-EDGE-1", "JA-EDGE-2", "JA-OK-1"]);
    assert.equal(exported.cases[1].deadline, "+262142-12-20", "the stored value is kept as it was");
  });
});

test("a 30,000-character text is refused by the form; a text at the limit survives export and import", async () => {
  const long = "诉".repeat(30000);
  const atLimit = "长".repeat(20000);
  let file;
  await withApp(async (page) => {
    await page.getByRole("button", { name: "＋ 新建案件" }).click();
    await fillField(page, "案件编号", "JA-LONG-1");
    await fillField(page, "诉求摘要", long);
    await page.getByRole("button", { name: "登记案件" }).click();
    await page.locator(".field.invalid", { hasText: "诉求摘要" }).getByText("内容过长（30000 字，上限 20000 字）").waitFor();
    await screenshot(page, "robust-long-text-refused");
    await fillField(page, "诉求摘要", atLimit);
    await fillField(page, "化解措施", atLimit);
    await page.getByRole("button", { name: "登记案件" }).click();
    await page.locator("section.case-page").waitFor();
    // A progress note over the limit is refused, and what was typed stays in the box.
    const note = page.locator("form.add-progress textarea");
    await note.fill("记".repeat(20001));
    await page.locator("form.add-progress").getByRole("button", { name: "添加记录" }).click();
    await page.getByText("未保存：「第 1 条办理情况的内容」过长（20001 字，上限 20000 字）。").waitFor();
    assert.equal((await note.inputValue()).length, 20001);
    assert.equal(await page.locator("ol.log li").count(), 0);
    await page.getByRole("button", { name: "← 返回台账" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出台账" }).click()]);
    file = join(tmpdir(), `robust-long-${Date.now()}.json`);
    await download.saveAs(file);
  });
  const other = await openBrowser();
  try {
    const fresh = await other.page();
    await openApp(fresh);
    await fresh.setInputFiles("#import-file", file);
    await fresh.getByRole("dialog").getByRole("button", { name: "合并到当前台账" }).click();
    await fresh.getByRole("button", { name: "确认合并" }).click();
    await fresh.getByText(/新增 1 件/).first().waitFor();
    assert.deepEqual(await ledgerNumbers(fresh), ["JA-LONG-1"]);
    const stored = JSON.parse(await fresh.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(stored.cases[0].summary, atLimit);
    assert.equal(stored.cases[0].plan, atLimit);
    assert.deepEqual(other.network, []);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.close();
  }
});
