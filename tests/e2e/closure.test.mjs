// The 六有 closure check as a reviewer uses it: fill a packet step by step and watch the verdict.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, openBrowser, openApp, createCase, ledgerNumbers, screenshot } from "./harness.mjs";

let browser, page;

before(async () => {
  browser = await openBrowser();
  page = await browser.page();
  await openApp(page);
  await createCase(page, {
    "案件编号": "JA-2026-009",
    "交办文号": "皖国土资函[2009]371号",
    "交办日期": "2026-03-01",
    "信访人姓名": "张三",
    "诉求摘要": "要求落实征地补偿款",
    "包案领导": "王副县长",
    "责任单位": "县自然资源局",
    "具体承办人": "李四",
    "稳控责任人": "赵六",
    "办结时限": "2026-05-30",
  });
});

after(async () => {
  assert.deepEqual(browser.network, []);
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

const item = (n) => page.locator(`section.packet-item[data-item="${n}"]`);
const verdict = () => page.locator("#verdict");

/** Adds (or, with `edit`, changes) a document through the item's inline form. */
async function addDoc(n, kind, fields = {}, { edit = false } = {}) {
  if (edit) await item(n).getByRole("button", { name: "修改" }).first().click();
  else await item(n).getByRole("button", { name: `＋ ${kind}` }).click();
  const form = page.locator("form.doc-editor");
  for (const [label, value] of Object.entries(fields)) {
    const control = form.locator("label", { has: page.locator("span.label", { hasText: new RegExp(`^${label}$`) }) }).locator("input, select");
    if ((await control.evaluate((e) => e.tagName)) === "SELECT") await control.selectOption(value);
    else await control.fill(value);
  }
  await form.getByRole("button", { name: "保存材料" }).click();
  await form.waitFor({ state: "detached" });
}

async function badge(n) {
  return (await item(n).locator("header .badge").textContent()).trim();
}

test("an empty packet is sent back naming all six items", async () => {
  assert.match(await verdict().textContent(), /退回补办.*审核标准：六有.*六项材料齐全 0\/6/);
  for (let n = 1; n <= 6; n++) assert.equal(await badge(n), "✗ 缺少材料");
  assert.match(await item(2).textContent(), /第2项「交办案件台帐及交办函」没有材料，请补充交办函或交办案件台帐/);
  await screenshot(page, "packet-empty");
});

test("filling the packet step by step turns the verdict to 可以上报", async () => {
  await addDoc(1, "基本案情材料", { "标题": "张三信访基本情况", "页数": "3" });
  assert.equal(await badge(1), "✓ 齐全");

  await addDoc(2, "交办函", { "文号": "皖国土资函[2009]372号", "日期": "2026-03-01" });
  assert.equal(await badge(2), "! 需补正");
  assert.match(await item(2).textContent(), /交办函文号“皖国土资函\[2009\]372号”与台账交办文号“皖国土资函\[2009\]371号”不一致/);
  await addDoc(2, "交办函", { "文号": "皖国土资函〔2009〕371号" }, { edit: true });
  assert.equal(await badge(2), "✓ 齐全");

  await addDoc(3, "会议纪要", { "确定的包案领导": "王副县长", "确定的责任单位": "县自然资源局" });
  assert.equal(await badge(3), "✓ 齐全");

  await addDoc(4, "查办报告", { "签字人": "李四" });
  assert.match(await item(4).textContent(), /须由包案领导“王副县长”签字（现签字人：李四）/);
  await addDoc(4, "查办报告", { "签字人": "王 副县长、李四", "页数": "5" }, { edit: true });
  assert.equal(await badge(4), "✓ 齐全");

  await addDoc(5, "答复意见书", { "日期": "2026-04-01" });
  assert.match(await item(5).textContent(), /缺少回访记录/);
  await addDoc(5, "回访记录", { "日期": "2026-04-05", "信访人意见": "信访人拒签" });
  assert.match(await item(5).textContent(), /信访人拒签，回访人须在回访记录上注明原因/);
  await screenshot(page, "packet-partial");
  await item(5).getByRole("button", { name: "修改" }).nth(1).click();
  await page.locator("form.doc-editor input").nth(5).waitFor();
  const form = page.locator("form.doc-editor");
  await form.locator("label", { hasText: "不同意或拒签的原因" }).locator("input").fill("信访人认为补偿标准过低");
  await form.getByRole("button", { name: "保存材料" }).click();
  assert.equal(await badge(5), "✓ 齐全");

  await addDoc(6, "稳控方案", { "稳控责任人": "赵六", "日期": "2026-04-01" });
  assert.equal(await badge(6), "✓ 齐全");

  // All six items are in; only the time limit remains.
  assert.match(await verdict().textContent(), /六项材料齐全 6\/6.*未填写办结日期/);
  const dates = page.locator(".closure-dates");
  await dates.locator("label", { hasText: "办结日期" }).locator("input").fill("2026-06-05");
  await dates.locator("label", { hasText: "办结日期" }).locator("input").dispatchEvent("change");
  await verdict().getByText("超期 6 天").waitFor();
  await dates.locator("label", { hasText: "延期天数" }).locator("input").fill("10");
  await dates.locator("label", { hasText: "延期天数" }).locator("input").dispatchEvent("change");
  // The default 90-day rule (seed 000) has no extension; the 60-day rule (seed 004) has.
  await verdict().getByText("不设延期").waitFor();
  await page.locator(".topbar .tab", { hasText: "设置" }).click();
  await page.getByLabel("交办之日起60日，经批准可延期30日").check();
  await page.getByRole("button", { name: "保存设置" }).click();
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
  await page.locator("table.cases tbody tr").first().click();
  await verdict().getByText("延期须写明批准的领导和批准日期").waitFor();
  await dates.locator("label", { hasText: "延期批准领导" }).locator("input").fill("县长");
  await dates.locator("label", { hasText: "延期批准领导" }).locator("input").dispatchEvent("change");
  await dates.locator("label", { hasText: "批准日期" }).locator("input").fill("2026-05-25");
  await dates.locator("label", { hasText: "批准日期" }).locator("input").dispatchEvent("change");
  await verdict().getByText("✓ 可以上报").waitFor();
  await screenshot(page, "packet-ready");

  // The packet is saved with the ledger.
  await page.reload();
  await page.locator("table.cases tbody tr").first().click();
  assert.match(await verdict().textContent(), /可以上报/);
});

test("the ledger shows each case's packet status and filters on it", async () => {
  await page.getByRole("button", { name: "← 返回台账" }).click();
  await createCase(page, { "案件编号": "JA-2026-010", "诉求摘要": "材料未齐的案件" });
  await page.getByRole("button", { name: "← 返回台账" }).click();
  const status = await page.locator("td.packet-col").allTextContents();
  assert.deepEqual(status.map((s) => s.trim()), ["✓ 可以上报", "✗ 退回补办 0/6"]);
  const filter = page.getByLabel("按结案材料筛选");
  await filter.selectOption("可以上报");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-009"]);
  await filter.selectOption("退回补办");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-010"]);
  await filter.selectOption("全部");
});

test("changing the standard changes the verdict and says which was applied", async () => {
  await page.locator("table.cases tbody tr", { hasText: "JA-2026-009" }).click();
  await page.getByLabel("审核标准").selectOption({ label: "七个一" });
  await verdict().getByText("审核标准：七个一").waitFor();
  assert.match(await verdict().textContent(), /缺少化解方案/);
  await page.getByLabel("审核标准").selectOption({ label: "六有" });
  await verdict().getByText("✓ 可以上报").waitFor();
});

test("the review sheet and the contents print on A4", async () => {
  await page.getByRole("button", { name: "结案审核表" }).click();
  const sheet = page.locator("article.review-sheet");
  assert.match(await sheet.textContent(), /信访积案结案审核表.*JA-2026-009.*审核标准：六有.*系统审核结论：可以上报.*审核人（签字）/);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(join(ARTIFACTS, "review-sheet.pdf"), pdf);
  assert.equal(pdf.subarray(0, 4).toString(), "%PDF");
  assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, "the review sheet fits one A4 page");
  await page.emulateMedia({ media: "screen" });
  await screenshot(page, "review-sheet");

  await page.getByRole("button", { name: "← 返回案件" }).click();
  await page.getByRole("button", { name: "卷宗目录" }).click();
  const rows = page.locator("article.contents-sheet tbody tr");
  // In 六有 order: 基本案情 3 pages, 交办函, 会议纪要, 查办报告 5 pages, 答复意见书, 回访记录, 稳控方案.
  assert.deepEqual(await rows.locator("td:last-child").allTextContents(), ["1–3", "4", "5", "6–10", "11", "12", "13"]);
  assert.match(await page.locator("article.contents-sheet").textContent(), /共 13 页/);
  await page.emulateMedia({ media: "print" });
  writeFileSync(join(ARTIFACTS, "contents.pdf"), await page.pdf({ format: "A4", printBackground: true }));
  await page.emulateMedia({ media: "screen" });
});
