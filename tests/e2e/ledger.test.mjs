// The ledger as a clerk uses it, from dist/jiean.html opened from disk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { day } from "./fixtures.mjs";
import { APP, ARTIFACTS, openBrowser, openApp, createCase, fillField, ledgerNumbers, screenshot, withApp } from "./harness.mjs";

mkdirSync(ARTIFACTS, { recursive: true });
let page;

/** Each test in a fresh browser on `ledger` (none: an empty one), so that it runs alone. */
const fresh = (fn, ledger) => () => withApp(async (p) => { page = p; await fn(); }, { ledger });



const FIRST = {
  "案件编号": "JA-2026-001",
  "交办来源": "省",
  "交办文号": "皖国土资函[2009]371号",
  "交办日期": "2026-03-01",
  "信访人": "张三",
  "联系方式": "139 0000 0001",
  "诉求摘要": "要求提高征地补偿标准，反映村集体土地被征用后补偿款未足额发放。",
  "问题类别": "土地征用",
  "包案领导": "王副县长",
  "包案领导联系电话": "0551-6788 1234",
  "责任单位": "县自然资源局",
  "办结时限": "2026-05-30",
};

/** The case FIRST as the form registers it. */
const REGISTERED = {
  id: "case-1", number: "JA-2026-001", source: "省", assignment_ref: "皖国土资函[2009]371号", assigned_on: "2026-03-01",
  registered_on: "2026-03-01", petitioner: { name: "张三", contact: "139 0000 0001" }, summary: FIRST["诉求摘要"],
  category: "土地征用", lead: "王副县长", lead_contact: "0551-6788 1234", responsible_unit: "县自然资源局",
  deadline: "2026-05-30", status: "排查登记",
};
const ONE = { format: "jiean-ledger", version: 4, cases: [REGISTERED] };

/** The ledger after the tests of editing and of search: FIRST in handling with its log, and two more. */
const THREE = {
  format: "jiean-ledger", version: 4,
  cases: [
    { ...REGISTERED, status: "化解中", stability_owner: "赵六", progress: [
      { date: day(0), text: "状态：已交办 → 化解中" }, { date: "2026-04-02", text: "召开协调会，明确补偿方案" },
      { date: "2026-03-10", text: "约谈信访人，听取诉求" }, { date: "2026-03-01", text: "状态：排查登记 → 已交办" }] },
    { id: "case-2", number: "JA-2026-002", petitioner: { name: "王五" }, summary: "企业改制后社保未接续", deadline: "2026-12-31" },
    { id: "case-3", number: "JA-2026-003", petitioner: { name: "李四" }, summary: "小区物业收费不合理", deadline: "2026-04-15" },
  ],
};

test("the single file is self-contained and forbids the network", () => {
  const html = readFileSync(APP, "utf8");
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/i);
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /connect-src 'none'/);
  assert.match(html, /default-src 'none'/);
});

test("the form explains what is missing in Chinese and saves nothing", fresh(async () => {
  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  await page.getByRole("button", { name: "登记案件" }).click();
  await assert.doesNotReject(page.getByText("请填写案件编号").waitFor());
  await page.getByText("请填写诉求摘要").waitFor();
  await fillField(page, "包案领导", "张三、李四");
  await page.getByText("每件积案只能有一名包案领导").waitFor();
  await screenshot(page, "form-errors");
  // The form holds typed text: 取消 asks before throwing it away.
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "取消" }).click();
  assert.deepEqual(await ledgerNumbers(page), []);
}));

test("a clerk registers a case and it survives a reload", fresh(async () => {
  await createCase(page, FIRST);
  await page.getByText("已登记案件 JA-2026-001").waitFor();
  assert.match(await page.locator("dl.fields").first().textContent(), /包案领导王副县长包案领导联系电话0551-6788 1234/);
  await screenshot(page, "case-page");
  await page.reload();
  await page.locator("section.ledger").waitFor();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001"]);
  const row = page.locator("table.cases tbody tr").first();
  assert.match(await row.textContent(), /张三.*王副县长.*县自然资源局.*2026-05-30.*排查登记/);
}));

test("a duplicate case number is refused", fresh(async () => {
  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  await fillField(page, "案件编号", "JA-2026-001");
  await fillField(page, "诉求摘要", "另一件");
  await page.getByRole("button", { name: "登记案件" }).click();
  await page.getByText("案件编号“JA-2026-001”已存在").waitFor();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "取消" }).click();
}, ONE));

test("editing a case and logging progress, newest first", fresh(async () => {
  await page.locator("table.cases tbody tr", { hasText: "JA-2026-001" }).click();
  await page.getByRole("button", { name: "编辑" }).click();
  assert.equal(await page.locator("label.field", { hasText: "状态" }).count(), 0, "status changes only through the workflow");
  await fillField(page, "稳控责任人", "赵六");
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.getByText("已保存对案件 JA-2026-001 的修改").waitFor();
  assert.match(await page.locator("dl.fields").first().textContent(), /稳控责任人赵六/);
  await page.getByRole("button", { name: "交办", exact: true }).click();
  await page.getByRole("button", { name: "开始化解" }).click();
  await page.locator(".steps .step.current", { hasText: "化解中" }).waitFor();

  const log = page.locator("form.add-progress");
  await log.locator("input[type=date]").fill("2026-03-10");
  await log.locator("textarea").fill("约谈信访人，听取诉求");
  await log.getByRole("button", { name: "添加记录" }).click();
  await page.locator("ol.log li", { hasText: "约谈信访人" }).waitFor();
  await log.locator("input[type=date]").fill("2026-04-02");
  await log.locator("textarea").fill("召开协调会，明确补偿方案");
  await log.getByRole("button", { name: "添加记录" }).click();
  await page.locator("ol.log li", { hasText: "召开协调会" }).waitFor();
  // Newest first: 开始化解 today, the entries typed, 交办 on the case's 交办日期 (2026-03-01).
  assert.deepEqual(await page.locator("ol.log time").allTextContents(), [day(0), "2026-04-02", "2026-03-10", "2026-03-01"]);
  await screenshot(page, "case-with-log");

  await page.reload();
  await page.locator("table.cases tbody tr", { hasText: "JA-2026-001" }).click();
  assert.match(await page.locator("h2").first().textContent(), /化解中/);
  assert.equal(await page.locator("ol.log li").count(), 4);
  await page.getByRole("button", { name: "← 返回台账" }).click();
}, ONE));

test("search and sort as in Excel", fresh(async () => {
  await createCase(page, { "案件编号": "JA-2026-003", "信访人": "李四", "诉求摘要": "小区物业收费不合理", "办结时限": "2026-04-15" });
  await page.getByRole("button", { name: "← 返回台账" }).click();
  await createCase(page, { "案件编号": "JA-2026-002", "信访人": "王五", "诉求摘要": "企业改制后社保未接续", "办结时限": "2026-12-31" });
  await page.getByRole("button", { name: "← 返回台账" }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-003", "JA-2026-002"]);

  await page.getByRole("button", { name: "办结时限" }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-003", "JA-2026-001", "JA-2026-002"]);
  await page.getByRole("button", { name: /办结时限/ }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-002", "JA-2026-001", "JA-2026-003"]);
  await page.getByRole("button", { name: /^编号/ }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-002", "JA-2026-003"]);

  const search = page.getByRole("searchbox", { name: "搜索台账" });
  await search.fill("协调会");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001"]);
  await search.fill("物业");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-003"]);
  assert.equal(await page.locator("#row-count").textContent(), "显示 1 件 / 共 3 件");
  await search.fill("没有这个词");
  await page.getByText("没有符合搜索和筛选条件的案件").waitFor();
  await page.getByRole("button", { name: "清除搜索和筛选" }).click();
  assert.equal((await ledgerNumbers(page)).length, 3);
  await screenshot(page, "ledger-table");
}, { ...THREE, cases: [THREE.cases[0]] }));

/** `n` cases, each with its own number and summary; case i's summary names 第i号. */
const many = (n) => ({
  format: "jiean-ledger", version: 4,
  cases: Array.from({ length: n }, (_, i) => ({
    id: `m-${i}`, number: `JA-2025-${String(i).padStart(4, "0")}`, petitioner: { name: "群众" },
    summary: `第${i}号信访事项：反映宅基地纠纷`, deadline: "2026-12-31",
  })),
});
const searchIndexBuilt = (page) => page.waitForFunction(() => performance.getEntriesByName("jiean:search-index").length > 0);

test("search finds every case of a ledger larger than one slice of its index, and what an edit changed", fresh(async () => {
  // The index is built in slices of 250 cases after the table is drawn (ui/indexes.rs).
  const search = page.getByRole("searchbox", { name: "搜索台账" });
  await searchIndexBuilt(page);
  await search.fill("第1234号");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2025-1234"]);
  await search.fill("第12");
  assert.equal(await page.locator("#row-count").textContent(), "显示 111 件 / 共 1300 件", "第12, 第120–129, 第1200–1299");

  // An edit: the index is built again, and finds the new words, not the old.
  await search.fill("第1299号");
  await page.locator("table.cases tbody tr", { hasText: "JA-2025-1299" }).click();
  await page.getByRole("button", { name: "编辑" }).click();
  await fillField(page, "诉求摘要", "反映山林权属争议");
  await page.evaluate(() => performance.clearMarks("jiean:search-index"));
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.getByRole("button", { name: "← 返回台账" }).click();
  await searchIndexBuilt(page);
  await search.fill("");
  await search.fill("山林权属");
  assert.deepEqual(await ledgerNumbers(page), ["JA-2025-1299"]);
  await search.fill("第1299号");
  await page.getByText("没有符合搜索和筛选条件的案件").waitFor();
}, many(1300)));

test("信访人 sorts by pinyin as Excel does, also after a name is changed", fresh(async () => {
  const names = async () => page.locator("table.cases tbody td:nth-child(2)").allTextContents();
  await page.locator("th button.sort", { hasText: "信访人" }).click();
  assert.deepEqual(await names(), ["阿强", "李四", "王五", "张三", "赵六"]);
  await page.locator("table.cases tbody tr", { hasText: "张三" }).click();
  await page.getByRole("button", { name: "编辑" }).click();
  await fillField(page, "信访人", "毕某");
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.getByRole("button", { name: "← 返回台账" }).click();
  assert.deepEqual(await names(), ["阿强", "毕某", "李四", "王五", "赵六"], "the new name ranked too");
  await page.locator("th button.sort", { hasText: "信访人" }).click();
  assert.deepEqual(await names(), ["赵六", "王五", "李四", "毕某", "阿强"]);
}, { format: "jiean-ledger", version: 4, cases: ["张三", "李四", "赵六", "阿强", "王五"].map((name, i) => ({
  id: `p-${i}`, number: `JA-2026-10${i}`, petitioner: { name }, summary: "诉求", deadline: "2026-12-31" })) }));

test("delete asks first and can be undone", fresh(async () => {
  await page.locator("table.cases tbody tr", { hasText: "JA-2026-003" }).click();
  await page.getByRole("button", { name: "删除" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("确定删除案件 JA-2026-003").waitFor();
  await screenshot(page, "delete-confirm");
  await dialog.getByRole("button", { name: "取消" }).click();
  assert.equal(await page.getByRole("dialog").count(), 0);

  await page.getByRole("button", { name: "删除" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "确定删除" }).click();
  await page.locator("#undo-banner").waitFor();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-002"]);
  await page.getByRole("button", { name: "撤销删除" }).click();
  assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-002", "JA-2026-003"]);
  await page.reload();
  await page.locator("section.ledger").waitFor();
  assert.equal((await ledgerNumbers(page)).length, 3, "the undone deletion is saved too");
}, THREE));

test("export, then import into a fresh browser gives the same ledger", fresh(async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出台账" }).click()]);
  assert.match(download.suggestedFilename(), /^积案台账-\d{8}\.json$/);
  const file = join(tmpdir(), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(exported.format, "jiean-ledger");
  assert.equal(exported.version, 4);
  assert.equal(exported.local, undefined, "the 回收站 and backup record stay in the browser");
  assert.equal(exported.cases.length, 3);

  const other = await openBrowser();
  try {
    const fresh = await other.page();
    await openApp(fresh);
    assert.deepEqual(await ledgerNumbers(fresh), []);
    await fresh.setInputFiles("#import-file", file);
    const dialog = fresh.getByRole("dialog");
    await dialog.getByText("包含 3 件案件").waitFor();
    await screenshot(fresh, "import-confirm");
    await dialog.getByRole("button", { name: "合并到当前台账" }).click();
    await fresh.locator("#merge-counts").getByText("新增 3 件，更新 0 件，保留本台账内容 0 件，相同跳过 0 件").waitFor();
    await fresh.getByRole("button", { name: "确认合并" }).click();
    await fresh.getByText(/已合并《积案台账-\d{8}\.json》：新增 3 件/).waitFor();
    assert.deepEqual(await ledgerNumbers(fresh), await ledgerNumbers(page));
    await fresh.locator("table.cases tbody tr", { hasText: "JA-2026-001" }).click();
    assert.equal(await fresh.locator("ol.log li").count(), 4);
    assert.match(await fresh.locator("dl.fields").first().textContent(), /皖国土资函\[2009\]371号/);

    // Importing the same file again adds nothing and says so.
    await fresh.setInputFiles("#import-file", file);
    await fresh.getByRole("dialog").getByRole("button", { name: "合并到当前台账" }).click();
    await fresh.getByRole("button", { name: "确认合并" }).click();
    await fresh.getByText("新增 0 件，更新 0 件，保留本台账内容 0 件，相同跳过 3 件").waitFor();
    assert.deepEqual(other.network, []);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.close();
  }
}, THREE));

test("a malformed or foreign file is refused and the ledger is unchanged", fresh(async () => {
  const before = await ledgerNumbers(page);
  const cases = [
    ["broken.json", '{"format": "jiean-ledger",\n "version": 1,\n "cases": [ }', /文件不是完整的台账文件（第 3 行/],
    ["other.json", '{"name": "别的文件"}', /这不是积案台账文件/],
    ["newer.json", '{"format": "jiean-ledger", "version": 9, "cases": []}', /更新版本.*格式版本 9/],
    ["bad-date.json", '{"format": "jiean-ledger", "version": 1, "cases": [{"number": "X", "summary": "y", "deadline": "2026-13-01"}]}', /第 1 件案件（X）的「办结时限」不是日期：“2026-13-01”/],
  ];
  for (const [name, text, message] of cases) {
    const file = join(tmpdir(), name);
    writeFileSync(file, text);
    await page.setInputFiles("#import-file", file);
    const notice = page.locator("#notice");
    await notice.getByText(message).waitFor();
    assert.match(await notice.textContent(), /当前台账没有任何改动/);
    assert.equal(await page.getByRole("dialog").count(), 0);
    assert.deepEqual(await ledgerNumbers(page), before);
  }
  await screenshot(page, "import-error");
  await page.reload();
  await page.locator("section.ledger").waitFor();
  assert.deepEqual(await ledgerNumbers(page), before);
}, THREE));

test("replacing the ledger from a file asks first", fresh(async () => {
  const file = join(tmpdir(), "one-case.json");
  writeFileSync(file, JSON.stringify({ format: "jiean-ledger", version: 1, cases: [{ number: "XZ-1", summary: "乡镇报来的案件" }] }));
  await page.setInputFiles("#import-file", file);
  await page.getByRole("dialog").getByRole("button", { name: "替换当前台账" }).click();
  await page.getByText("已用导入的文件替换台账，现有 1 件案件。原台账中不在文件里的 3 件案件已移入回收站。").waitFor();
  assert.deepEqual(await ledgerNumbers(page), ["XZ-1"]);
  await page.getByRole("button", { name: "回收站（3）" }).waitFor();
}, THREE));
