// Running the campaign (issue 4): time limits flagged, Excel-like filters and sort, the
// workflow with its log, the dashboard, campaign settings and the monthly CSV — from file://.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { ARTIFACTS, ledgerNumbers, screenshot, withApp } from "./harness.mjs";
import { day } from "./fixtures.mjs";

mkdirSync(ARTIFACTS, { recursive: true });
let page;

/** Each test in a fresh browser on the campaign ledger (or `ledger`), so that it runs alone. */
const fresh = (fn, ledger = LEDGER) => () => withApp(async (p) => { page = p; await fn(); }, { ledger });

const THIS_MONTH = day(0).slice(0, 7);

function kase(number, fields) {
  return {
    id: `id-${number}`, number, summary: `${number} 反映的问题`, status: "化解中",
    petitioner: { name: `信访人${number.slice(-1)}`, contact: "", residence: "" }, ...fields,
  };
}

// A ledger under the 90-day rule: one overdue case, one due in 5 days, one closed this month,
// one not yet assigned, and one whose packet is incomplete waiting to be submitted.
const LEDGER = {
  format: "jiean-ledger", version: 2, standard: "liuyou",
  campaign: {
    name: "积案化解专项行动", starts_on: day(-200), ends_on: day(100), deadline_rule: "交办之日起90日",
    targets: [{ rate: "办结率", percent: 50, by: day(30) }],
  },
  cases: [
    kase("JA-001", { assigned_on: day(-100), lead: "王副县长", responsible_unit: "县自然资源局", category: "土地征用",
      progress: [{ date: day(-3), text: "召开协调会" }] }),
    kase("JA-002", { assigned_on: day(-85), lead: "李副县长", responsible_unit: "县人社局", category: "劳动保障", flags: ["重复访"] }),
    kase("JA-003", { assigned_on: day(-60), lead: "王副县长", responsible_unit: "县自然资源局", status: "已办结",
      outcome: "已化解", resolution: "诉求合理解决到位", packet: { documents: [], closed_on: day(0) } }),
    kase("JA-004", { status: "排查登记" }),
    kase("JA-005", { assigned_on: day(-10), lead: "李副县长", responsible_unit: "县人社局", category: "劳动保障" }),
  ],
};

/** The ledger after the workflow test: JA-003 came back (反弹) and is being handled again. */
const REOPENED = {
  ...LEDGER,
  cases: LEDGER.cases.map((c) => c.number !== "JA-003" ? c
    : { ...c, status: "化解中", outcome: null, resolution: null, rebounds: 1, packet: { documents: [], closed_on: null } }),
};

/** The ledger after the settings test: the 60-day rule of 《信访工作条例》. */
const SIXTY_DAYS = { ...LEDGER, campaign: { ...LEDGER.campaign, deadline_rule: "交办之日起60日，经批准可延期30日" } };

const row = (number) => page.locator("table.cases tbody tr", { has: page.locator("td.number", { hasText: number }) });

test("overdue and soon-due cases are flagged in words and counted", fresh(async () => {
  assert.match(await row("JA-001").getAttribute("class"), /overdue/);
  assert.match(await row("JA-001").locator("td.date").textContent(), new RegExp(`^${day(-10)}逾期10天$`));
  assert.match(await row("JA-002").locator("td.date").textContent(), /5天后到期$/);
  assert.equal(await row("JA-005").locator(".due-badge").count(), 0);
  assert.equal(await page.locator("#overdue-count").textContent(), "逾期 1 件");
  assert.equal(await page.locator("#due-soon-count").textContent(), "7日内到期 1 件");
  await screenshot(page, "campaign-ledger");
  await page.locator("#overdue-count").click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-001"]);
  assert.equal(await page.locator("#active-filters .chip").textContent(), "时限：已逾期 ✕");
  await page.locator("#clear-filters").click();
  assert.equal((await ledgerNumbers(page)).length, 5);
}));

test("filters combine like Excel's, show themselves, and clear in one click", fresh(async () => {
  await page.getByLabel("按责任单位筛选").selectOption("县人社局");
  assert.deepEqual(await ledgerNumbers(page), ["JA-002", "JA-005"]);
  await page.getByLabel("按特征筛选").selectOption("重复访");
  assert.deepEqual(await ledgerNumbers(page), ["JA-002"]);
  assert.equal(await page.locator("#row-count").textContent(), "显示 1 件 / 共 5 件");
  assert.deepEqual(await page.locator("#active-filters .chip").allTextContents(), ["责任单位：县人社局 ✕", "特征：重复访 ✕"]);
  await screenshot(page, "campaign-filters");
  await page.locator("#active-filters .chip", { hasText: "特征" }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-002", "JA-005"]);
  await page.getByLabel("按责任单位筛选").selectOption("（未填写）");
  assert.deepEqual(await ledgerNumbers(page), ["JA-004"]);
  await page.getByLabel("按状态筛选").selectOption("已办结");
  await page.getByText("没有符合搜索和筛选条件的案件").waitFor();
  await page.locator("#clear-filters").click();

  // Sort by the effective time limit (from the 90-day rule): empty last, then reversed.
  await page.locator("th button.sort", { hasText: "办结时限" }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-001", "JA-002", "JA-003", "JA-005", "JA-004"]);
  await page.locator("th button.sort", { hasText: "办结时限" }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-005", "JA-003", "JA-002", "JA-001", "JA-004"]);
}));

test("export offers the filtered set while a filter is on", fresh(async () => {
  await page.getByLabel("按包案领导筛选").selectOption("王副县长");
  await page.getByRole("button", { name: "导出台账" }).first().click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-shown").click()]);
  assert.match(download.suggestedFilename(), /^积案台账-筛选结果-\d{8}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.deepEqual(exported.cases.map((c) => c.number).sort(), ["JA-001", "JA-003"]);
  assert.equal(exported.campaign.name, "积案化解专项行动", "settings travel with the file");
  await page.locator("#clear-filters").click();
}));

test("the workflow refuses what makes no sense, warns, and logs every move", fresh(async () => {
  await row("JA-004").click();
  await page.getByRole("button", { name: "交办", exact: true }).click();
  await page.getByText("交办前须确定包案领导和责任单位").waitFor();
  await page.getByRole("button", { name: "← 返回台账" }).click();

  await row("JA-005").click();
  await page.getByRole("button", { name: "提交办结审核" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("结案材料尚未达到六有标准").waitFor();
  await screenshot(page, "campaign-submit-warning");
  await dialog.getByRole("button", { name: "仍要提交办结审核" }).click();
  await page.locator(".steps .step.current", { hasText: "办结待审" }).waitFor();
  assert.equal(await page.locator("ol.log li").first().textContent(), `${day(0)}状态：化解中 → 办结待审`);

  await page.getByRole("button", { name: "审核通过，办结…" }).click();
  await page.getByLabel("办结结果").selectOption("已化解");
  await page.getByLabel("化解方式（四个到位）").selectOption("困难帮扶到位");
  await page.getByRole("button", { name: "确认办结" }).click();
  await page.getByText("不能办结，请退回补办").waitFor();

  await page.getByRole("button", { name: "退回补办…" }).click();
  await page.getByLabel("退回原因").fill("缺少回访记录");
  // The 审核人 is required: refused next to the button, and the message takes focus.
  await page.getByRole("button", { name: "确认退回补办" }).click();
  const refusal = page.locator("#workflow-message");
  await refusal.getByText("请填写审核人").waitFor();
  // Focus moves once the message is drawn (the next frame), so wait for it rather than read it at once.
  await page.waitForFunction(() => document.activeElement?.id === "workflow-message", null, { timeout: 5000 });
  await page.getByLabel("审核人 *").fill("张三");
  await page.getByRole("button", { name: "确认退回补办" }).click();
  await page.locator(".steps .step.current", { hasText: "化解中" }).waitFor();
  assert.equal(await page.locator("ol.log li").first().textContent(), `${day(0)}退回补办：缺少回访记录（审核人：张三；状态：办结待审 → 化解中）；原办结日期 ${day(0)} 作废`);
  // Who returned it and when, on the case page and in the table.
  const [y, m, d] = day(0).split("-").map(Number);
  const returned = `退回补办（张三 ${y}年${m}月${d}日退回：缺少回访记录）`;
  assert.match(await page.locator("#verdict").textContent(), new RegExp(`✗ ${returned.replace(/[()（）]/g, ".")}`));
  await screenshot(page, "campaign-workflow");
  await page.getByRole("button", { name: "← 返回台账" }).click();
  assert.equal((await row("JA-005").locator("td.packet-col").textContent()).trim(), returned);

  // The next 退回补办 offers the same 审核人.
  await row("JA-003").click();
  await page.getByRole("button", { name: "反弹，重新办理…" }).click();
  await page.getByLabel("反弹情况").fill("再次赴省上访");
  await page.getByRole("button", { name: "确认重新办理" }).click();
  await page.locator(".steps .step.current", { hasText: "化解中" }).waitFor();
  assert.match(await page.locator("ol.log li").first().textContent(), /反弹，重新办理（第1次）/);
  await page.getByRole("button", { name: "提交办结审核" }).click();
  const again = page.getByRole("dialog");
  await again.getByRole("button", { name: "仍要提交办结审核" }).click();
  await page.getByRole("button", { name: "退回补办…" }).click();
  assert.equal(await page.getByLabel("审核人 *").inputValue(), "张三");
  await page.getByLabel("退回原因").fill("缺少结案报告");
  await page.getByRole("button", { name: "确认退回补办" }).click();
  await page.locator(".steps .step.current", { hasText: "化解中" }).waitFor();
  await page.getByRole("button", { name: "← 返回台账" }).click();
}));

test("the dashboard counts, rates and targets follow their definitions", fresh(async () => {
  await page.locator(".topbar .tab", { hasText: "统计" }).click();
  const cards = page.locator("#dashboard-cards");
  await cards.waitFor();
  // After the rebound: 4 assigned (JA-004 is 排查登记), none closed.
  assert.match(await cards.locator(".card", { hasText: "交办案件" }).textContent(), /交办案件4/);
  assert.match(await cards.locator(".card", { hasText: "已办结" }).textContent(), /已办结0办结率 0\.0%/);
  assert.match(await page.locator("#target-progress").textContent(), /办结率目标50%.*还差2件/);
  assert.match(await page.locator(".definitions").textContent(), /状态为“已办结”的案件数 ÷ 交办案件数/);
  assert.equal(await page.locator("#unit-chart rect.bar").count(), 9, "three rates for each of three units");
  await screenshot(page, "campaign-dashboard");
  await page.locator("#card-overdue").click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-001"]);
  await page.locator("#clear-filters").click();
}, REOPENED));

test("settings change the time-limit rule and the deadlines follow", fresh(async () => {
  await page.locator(".topbar .tab", { hasText: "设置" }).click();
  await page.getByLabel("60日（《信访工作条例》第三十四条）").check();
  await page.getByRole("button", { name: "＋ 添加目标" }).click();
  await page.getByRole("button", { name: "保存设置" }).click();
  await page.getByText("请选择指标").waitFor();
  await screenshot(page, "campaign-settings-errors");
  await page.getByLabel("指标").nth(1).selectOption("化解率");
  await page.getByLabel("目标比例").nth(1).fill("85");
  await page.getByLabel("完成期限").nth(1).fill(day(60));
  await page.getByRole("button", { name: "保存设置" }).click();
  await page.getByText("已保存专项工作设置").waitFor();
  assert.match(await page.locator("#target-progress").textContent(), /化解率目标85%/);
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
  // JA-002 was assigned 85 days ago: 60 days have passed 25 days ago.
  assert.match(await row("JA-002").locator("td.date").textContent(), /逾期25天$/);
  assert.equal(await page.locator("#overdue-count").textContent(), "逾期 2 件");
}));

test("the monthly report prints per unit and exports CSV that Excel reads", fresh(async () => {
  await page.locator(".topbar .tab", { hasText: "月报" }).click();
  await page.locator("#monthly-summary").waitFor();
  assert.equal(await page.getByLabel("月份").inputValue(), THIS_MONTH);
  const total = await page.locator("#monthly-summary tr.total").textContent();
  assert.match(total, /^合计/);
  await screenshot(page, "campaign-monthly");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-monthly-csv").click()]);
  assert.equal(download.suggestedFilename(), `信访积案月报-${THIS_MONTH}.csv`);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark for Excel");
  const lines = bytes.subarray(3).toString("utf8").split(/\r?\n/);
  assert.match(lines[0], /^\d{4}年\d{1,2}月信访积案月报（积案化解专项行动）$/);
  assert.equal(lines[1], "责任单位,新增,办结,化解,逾期,未办结");
  const detail = lines.find((l) => l.startsWith("县自然资源局,JA-001,"));
  assert.ok(detail, lines.join("\n"));
  assert.match(detail, new RegExp(`,${day(-40)},,,,是,${day(-3)},召开协调会$`), "60-day limit, overdue, latest entry");
}, SIXTY_DAYS));

const BIG = Array.from({ length: 450 }, (_, i) => kase(`BIG-${String(i).padStart(3, "0")}`, { responsible_unit: i % 2 ? "甲单位" : "乙单位" }));

test("a large ledger draws only the rows in view, any of them when scrolled to, and all of them for print", () => withApp(async (p) => {
  const rows = p.locator("table.cases tbody tr");
  const drawn = () => rows.count();
  const numbers = () => p.locator("table.cases tbody td.number").allTextContents();
  const drawnNumber = (pattern) => p.waitForFunction((source) => [...document.querySelectorAll("table.cases td.number")].some((td) => new RegExp(source).test(td.textContent)), pattern.source);
  await rows.first().waitFor();
  assert.match(await p.locator("#row-count").textContent(), /共 450 件/);
  const atTop = await drawn();
  assert.ok(atTop >= 10 && atTop < 60, `${atTop} rows drawn at the top`);
  assert.equal((await numbers())[0], "BIG-000");
  // The page is as tall as all the rows: scrolling to its end shows the last cases.
  await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await drawnNumber(/^BIG-449$/);
  assert.ok(!(await numbers()).includes("BIG-000"));
  assert.ok((await drawn()) < 60);
  assert.ok(await p.locator("table.cases tbody tr", { hasText: "BIG-449" }).isVisible());
  // Half way down, the cases there.
  await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await drawnNumber(/^BIG-2[0-4]\d$/);
  // A filter narrows the rows; the window still follows.
  await p.getByLabel("按责任单位筛选").selectOption("甲单位");
  await p.waitForFunction(() => document.querySelector("#row-count").textContent.includes("显示 225 件"));
  await rows.first().waitFor();
  assert.ok((await numbers()).every((n) => Number(n.slice(4)) % 2 === 1), "only 甲单位 rows");
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForFunction(() => document.querySelector("table.cases td.number")?.textContent === "BIG-001");
  // Printing draws every matching row, and the window comes back after.
  await p.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  // Printing (Ctrl+P) draws the print view with every matching row; the table stays a window.
  await p.waitForFunction(() => document.querySelectorAll("#ledger-print tbody tr").length === 225);
  assert.ok((await p.locator("table.cases tbody tr").count()) < 225);
  await p.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await p.locator("#ledger-print").waitFor({ state: "detached" });
}, { ledger: { ...LEDGER, cases: BIG } }));
