// The closure check as a reviewer uses it: fill a packet step by step and watch the verdict, under
// each standard; and the 《信访工作条例》 time limits with how each date was computed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, openBrowser, openApp, createCase, fillField, ledgerNumbers, screenshot } from "./harness.mjs";

let browser, page;

before(async () => {
  browser = await openBrowser();
  page = await browser.page();
  await openApp(page);
  await createCase(page, {
    "案件编号": "JA-2026-009",
    "交办文号": "皖国土资函[2009]371号",
    "交办日期": "2026-03-01",
    "信访人": "张三",
    "诉求摘要": "要求落实征地补偿款",
    "包案领导": "王副县长",
    "责任单位": "县自然资源局",
    "承办人": "李四",
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

/** Adds (or, with `edit`, changes) a document through the item's inline form; `ticks` are the
 * 答复意见书 review points to tick off the paper. */
async function addDoc(n, kind, fields = {}, { edit = false, ticks = [] } = {}) {
  if (edit) await item(n).getByRole("button", { name: "修改" }).first().click();
  else await item(n).getByRole("button", { name: `＋ ${kind}` }).click();
  const form = page.locator("form.doc-editor");
  for (const [label, value] of Object.entries(fields)) {
    const control = form.locator("label", { has: page.locator("span.label", { hasText: new RegExp(`^${label}$`) }) }).locator("input, select");
    if ((await control.evaluate((e) => e.tagName)) === "SELECT") await control.selectOption(value);
    else await control.fill(value);
  }
  for (const tick of ticks) await form.locator(".reply-checks label", { hasText: tick }).locator("input").check();
  await form.getByRole("button", { name: "保存材料" }).click();
  await form.waitFor({ state: "detached" });
}

const REPLY_TICKS = ["写明查明的事实", "写明处理依据", "逐项答复", "告知复查途径", "加盖责任单位公章"];

/** Sets a closure-date field of the packet (changes save on `change`). */
async function setDate(label, value) {
  const input = page.locator(".closure-dates").locator("label", { hasText: label }).locator("input");
  await input.fill(value);
  await input.dispatchEvent("change");
}

async function openCase(number) {
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
  await page.locator("table.cases tbody tr", { hasText: number }).click();
  await page.locator("section.case-page").waitFor();
}

async function saveSettings(f) {
  await page.locator(".topbar .tab", { hasText: "设置" }).click();
  await f();
  await page.getByRole("button", { name: "保存设置" }).click();
  await page.getByText("已保存专项工作设置").waitFor();
}

async function badge(n) {
  return (await item(n).locator("header .badge").textContent()).trim();
}

test("an empty packet is sent back naming all six items", async () => {
  assert.match(await verdict().textContent(), /材料 0\/6 齐全：还有 \d+ 处需要补办或更正.*审核标准：六有.*六有齐全 0\/6/);
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
  // The same 文号 in （） brackets is the same number; item 2 still needs the 台帐 as well.
  await addDoc(2, "交办函", { "文号": "皖国土资函（2009）371号" }, { edit: true });
  assert.equal(await badge(2), "! 需补正");
  assert.match(await item(2).textContent(), /缺少交办案件台帐/);
  await addDoc(2, "交办案件台帐");
  assert.equal(await badge(2), "✓ 齐全");

  await addDoc(3, "会议纪要", { "确定的包案领导": "王副县长", "确定的责任单位": "县自然资源局" });
  assert.equal(await badge(3), "✓ 齐全");

  await addDoc(4, "查办报告", { "签字人": "李四" });
  assert.match(await item(4).textContent(), /须由包案领导“王副县长”签字（现签字人：李四）/);
  await addDoc(4, "查办报告", { "签字人": "王 副县长、李四", "页数": "5" }, { edit: true });
  assert.equal(await badge(4), "✓ 齐全");

  await addDoc(5, "答复意见书", { "日期": "2026-04-01" }, { ticks: REPLY_TICKS.slice(0, 3) });
  assert.match(await item(5).textContent(), /缺少回访记录/);
  assert.match(await item(5).textContent(), /答复意见书未核对到：告知复查途径及30日申请期限、加盖责任单位公章（非内设部门章）/);
  await addDoc(5, "答复意见书", {}, { edit: true, ticks: REPLY_TICKS });
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
  assert.match(await verdict().textContent(), /六有齐全 6\/6.*未填写办结日期/);
  // A reply dated after the 办结日期 is sent back.
  await setDate("办结日期", "2026-03-31");
  await item(5).getByText("答复日期 2026-04-01 晚于办结日期 2026-03-31").waitFor();
  await setDate("办结日期", "2026-06-05");
  await verdict().getByText("超期 6 天").waitFor();
  // Extensions are a campaign setting (allowed, 30 days, by default) under the 90-day rule too.
  await setDate("延期天数", "10");
  await verdict().getByText("延期须写明批准的领导和批准日期").waitFor();
  await setDate("延期批准领导", "县长");
  // Approved the day after the limit (2026-05-30) had passed: refused.
  await setDate("批准日期", "2026-05-31");
  await verdict().getByText("时限届满后才批准的延期不予认可").waitFor();
  // Approved on the limit day itself: in time, but the petitioner must be told.
  await setDate("批准日期", "2026-05-30");
  await verdict().getByText("缺少延期告知书").waitFor();
  await addDoc(5, "延期告知书", { "日期": "2026-05-30" });
  await verdict().getByText("✓ 可以上报").waitFor();
  await screenshot(page, "packet-ready");

  // A campaign that approves no extensions sends the same packet back, and says why.
  await saveSettings(() => page.locator("#extensions-allowed").uncheck());
  await openCase("JA-2026-009");
  await verdict().getByText("本专项工作设置为不允许延期").waitFor();
  await saveSettings(() => page.locator("#extensions-allowed").check());
  await openCase("JA-2026-009");
  await verdict().getByText("✓ 可以上报").waitFor();

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
  assert.deepEqual(status.map((s) => s.trim()), ["✓ 可以上报", "材料 0/6 齐全"]);
  const filter = page.getByLabel("按结案材料筛选");
  await filter.selectOption("可以上报");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-009"]);
  await filter.selectOption("材料未齐全");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-010"]);
  await filter.selectOption("全部");
});

test("the packet is reviewed to 可以上报 under each standard, counting that standard's items", async () => {
  await page.locator("table.cases tbody tr", { hasText: "JA-2026-009" }).click();
  await page.getByLabel("审核标准").selectOption({ label: "七个一" });
  await verdict().getByText("审核标准：七个一").waitFor();
  assert.match(await verdict().textContent(), /缺少化解方案.*七个一齐全 6\/7|七个一齐全 6\/7.*缺少化解方案/);
  await page.getByRole("button", { name: "编辑" }).click();
  await fillField(page, "化解措施", "依法核算补偿，分两期支付");
  await page.getByRole("button", { name: "保存修改" }).click();
  await verdict().getByText("✓ 可以上报").waitFor();
  assert.match(await page.locator("#verdict-count").textContent(), /七个一齐全 7\/7/);
  await screenshot(page, "packet-ready-qigeyi");

  await page.getByLabel("审核标准").selectOption({ label: "结案报告三要件" });
  await verdict().getByText("审核标准：结案报告三要件").waitFor();
  assert.match(await verdict().textContent(), /可以上报/);
  assert.match(await page.locator("#verdict-count").textContent(), /结案报告三要件齐全 3\/3/);
  // The report's seal is one of the three requirements here.
  await item(4).getByRole("button", { name: "修改" }).first().click();
  await page.locator("form.doc-editor label", { hasText: "加盖单位公章" }).locator("input").uncheck();
  await page.locator("form.doc-editor").getByRole("button", { name: "保存材料" }).click();
  await verdict().getByText("结案报告三要件齐全 2/3").waitFor();
  await item(4).getByRole("button", { name: "修改" }).first().click();
  await page.locator("form.doc-editor label", { hasText: "加盖单位公章" }).locator("input").check();
  await page.locator("form.doc-editor").getByRole("button", { name: "保存材料" }).click();
  await verdict().getByText("✓ 可以上报").waitFor();
  await screenshot(page, "packet-ready-jiean-baogao");

  await page.getByLabel("审核标准").selectOption({ label: "六有" });
  await verdict().getByText("✓ 可以上报").waitFor();
  assert.match(await page.locator("#verdict-count").textContent(), /六有齐全 6\/6/);
});

test("the case page explains how each time limit was computed", async () => {
  await openCase("JA-2026-009");
  const limits = page.locator("#limit-explanations");
  assert.match(await limits.textContent(),
    /办结 2026-06-09 = 台账填写的办结时限 2026-05-30（手动设定，不按规则计算） \+ 经批准延期 10 日；已于 2026-04-01 完成/);
  // The reply of 2026-04-01 opened the 30-day window for 复查 (第三十五条).
  assert.match(await limits.textContent(), /申请复查 2026-05-01 = 答复意见书 2026-04-01 起 30 日（收到书面答复之日起30日内可请求复查，《信访工作条例》第三十五条）/);

  // A case the office registered itself: 15 days to decide on 受理 (第二十二、二十三条).
  await openCase("JA-2026-010");
  const registered = (await page.locator("section.case-page").textContent()).match(/登记日期(\d{4}-\d\d-\d\d)/)[1];
  assert.match(await page.locator("#stage-now").textContent(), /^登记受理/);
  assert.match(await limits.textContent(), new RegExp(`作出受理决定并告知 \\d{4}-\\d\\d-\\d\\d = 登记日期 ${registered} 起 15 日（登记之日起15日内决定是否受理并告知信访人，《信访工作条例》第二十二、二十三条）`));
  const time = page.locator("#time-limits");
  await time.getByLabel("受理日期").fill(registered);
  await time.getByLabel("受理日期").dispatchEvent("change");
  await page.locator("#limit-explanations", { hasText: "结案材料中缺少受理告知书" }).waitFor();

  // The campaign counts its limit from 受理 under the 60-day rule (第三十四条); 听证 days are not counted.
  await saveSettings(async () => {
    await page.getByLabel("60日（《信访工作条例》第三十四条）").check();
    await page.getByLabel("自受理日期起算").check();
  });
  await openCase("JA-2026-010");
  await time.getByLabel("办理阶段听证天数").fill("5");
  await time.getByLabel("办理阶段听证天数").dispatchEvent("change");
  await page.locator("#limit-explanations", { hasText: "听证 5 日不计入" }).waitFor();
  assert.match(await limits.textContent(), new RegExp(`办结 \\d{4}-\\d\\d-\\d\\d = 受理日期 ${registered} 起 60 日（受理日期起60日，《信访工作条例》第三十四条） \\+ 听证 5 日不计入`));
  assert.match(await page.locator("#stage-now").textContent(), /^办理/);
  await screenshot(page, "case-time-limits");

  // 统计 counts the cases per stage.
  await page.locator(".topbar .tab", { hasText: "统计" }).click();
  const stages = page.locator("#stage-counts");
  assert.match(await stages.locator("tr", { hasText: "办理" }).first().textContent(), /办理1/);
  assert.match(await stages.textContent(), /已答复或已办结1/);
  await screenshot(page, "dashboard-stages");
  // Back to the plan's 90 days from 交办 for the prints below.
  await saveSettings(async () => {
    await page.getByLabel("90日（各地积案化解工作方案）").check();
    await page.getByLabel("自交办日期起算").check();
  });
});

test("the review sheet and the contents print on A4", async () => {
  await openCase("JA-2026-009");
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
  // In 六有 order: 基本案情 3 pages, 交办函, 台帐, 会议纪要, 查办报告 5 pages, 答复意见书, 回访记录,
  // 延期告知书, 稳控方案.
  assert.deepEqual(await rows.locator("td:last-child").allTextContents(), ["1–3", "4", "5", "6", "7–11", "12", "13", "14", "15"]);
  assert.match(await page.locator("article.contents-sheet").textContent(), /共 15 页/);
  await page.emulateMedia({ media: "print" });
  writeFileSync(join(ARTIFACTS, "contents.pdf"), await page.pdf({ format: "A4", printBackground: true }));
  await page.emulateMedia({ media: "screen" });
});
