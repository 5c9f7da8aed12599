// Excel in, Excel out: importing a 台账 from CSV (GBK, UTF-8 with BOM) and XLSX, and exporting
// the ledger as CSV and XLSX. The fixtures are described in tests/fixtures/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { openBrowser, openApp, createCase, ledgerNumbers, screenshot, ARTIFACTS, withApp, loadLedger, KEY } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, "../fixtures", name);

/** Chooses a file through the header's 「Excel 表格」 menu, as a clerk does. */
async function chooseThroughMenu(page, path) {
  await page.locator("details.menu summary").click();
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "从 Excel/CSV 导入…" }).click(),
  ]);
  await chooser.setFiles(path);
}

/** Chooses a file (path or {name, mimeType, buffer}) directly on the hidden input. */
async function choose(page, file) {
  await page.locator("#import-table-file").setInputFiles(file);
}

const mappingSelect = (page, field) => page.getByRole("combobox", { name: `${field}的来源列`, exact: true });
const selectedText = (select) => select.evaluate((s) => s.selectedOptions[0].textContent);

async function exportFrom(page, name) {
  await page.locator("details.menu summary").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return download;
}

test("a GBK CSV from Chinese Excel: guessed columns, one corrected, a row error, confirmed", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "OLD-1", "诉求摘要": "已在台账中的案件" });
    await chooseThroughMenu(page, fixture("ledger-gbk.csv"));

    const screen = page.locator("section.table-import");
    await screen.waitFor();
    assert.match(await screen.textContent(), /ledger-gbk\.csv.*CSV 文件（简体中文编码）/);
    // The title row above the header was recognised and skipped.
    assert.match(await selectedText(page.getByRole("combobox", { name: "表头所在行" })), /^第 2 行：序号 \| 编号 \| 信访人/);

    // Columns guessed from the usual Chinese headers.
    assert.equal(await selectedText(mappingSelect(page, "案件编号")), "B 列 · 编号");
    assert.equal(await selectedText(mappingSelect(page, "诉求摘要")), "E 列 · 反映问题");
    assert.equal(await selectedText(mappingSelect(page, "交办日期")), "I 列 · 交办时间");
    assert.equal(await selectedText(mappingSelect(page, "联系方式")), "D 列 · 联系电话");
    assert.equal(await selectedText(mappingSelect(page, "办理情况")), "M 列 · 化解进展");
    assert.equal(await selectedText(mappingSelect(page, "稳控责任人")), "（不导入）");
    assert.match(await screen.textContent(), /未导入的列：L 列 · 维稳责任。/);

    // Another header row can be chosen; the columns are matched again from it.
    const headerRow = page.getByRole("combobox", { name: "表头所在行" });
    await headerRow.selectOption({ index: 0 });
    assert.equal(await selectedText(mappingSelect(page, "案件编号")), "（不导入）");
    assert.match(await page.locator("#import-summary").textContent(), /没有找到可识别的表头（如 案件编号、信访人、诉求摘要、包案领导）。请选择表头所在行。/);
    await headerRow.selectOption({ index: 1 });
    assert.equal(await selectedText(mappingSelect(page, "案件编号")), "B 列 · 编号");

    // The clerk says where 稳控责任人 is; the sample and the preview follow.
    await mappingSelect(page, "稳控责任人").selectOption({ label: "L 列 · 维稳责任" });
    await screen.getByText("* 为必填字段。", { exact: true }).waitFor();
    assert.match(await page.locator("#import-summary").textContent(), /可导入 2 件案件；1 行有错误，不会导入/);
    const errors = page.locator(".import-errors li");
    assert.deepEqual(await errors.allTextContents(), [
      "第 4 行：「办结时限」列：“2026/2/30”不是有效日期，请按 年-月-日 填写，如 2026-03-01",
    ]);
    const preview = page.locator("table.preview tbody tr");
    assert.equal(await preview.count(), 2);
    assert.match(await preview.first().textContent(), /XF-2026-001张建国征地补偿款未足额发放.*2026-03-012026-05-30化解中/);
    await screenshot(page, "table-import-gbk");

    // The bad rows can be taken back to Excel, with the reason beside them.
    const [bad] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载错误行（CSV）" }).click()]);
    assert.equal(bad.suggestedFilename(), "ledger-gbk-错误行.csv");
    const badLines = readFileSync(await bad.path(), "utf8").split("\r\n");
    assert.equal(badLines[0], "\ufeff序号,编号,信访人,联系电话,反映问题,问题类别,包案领导,责任单位,交办时间,办结时限,办理状态,维稳责任,化解进展,原行号,错误原因");
    assert.match(badLines[1], /^2,XF-2026-002,李秀英,.*,2026\/2\/30,已交办,周主任,,4,「办结时限」列：“2026\/2\/30”不是有效日期/);
    assert.equal(badLines.length, 3);

    await page.getByRole("button", { name: "导入 2 件案件" }).click();
    await page.locator("section.ledger").waitFor();
    assert.match(await page.locator("#notice").textContent(), /已从《ledger-gbk\.csv》导入 2 件案件；1 行有错误，未导入/);
    assert.deepEqual((await ledgerNumbers(page)).sort(), ["OLD-1", "XF-2026-001", "XF-2026-003"]);

    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    const imported = saved.cases.find((c) => c.number === "XF-2026-001");
    assert.equal(imported.stability_owner, "刘所长");
    assert.equal(imported.petitioner.contact, "13800138000");
    assert.equal(imported.assigned_on, "2026-03-01");
    assert.deepEqual(imported.progress, [{ date: "2026-03-05", text: "首次约谈信访人" }]);
    assert.match(imported.id, /^[0-9a-f]{32}$/);
    assert.equal(saved.cases.find((c) => c.number === "XF-2026-003").summary, "企业改制后社保接续问题，\"集体\"反映");

    await page.locator("table.cases td.number", { hasText: "XF-2026-001" }).click();
    await page.locator("section.case-page").getByText("刘所长").first().waitFor();
  });
});

test("a UTF-8 CSV with BOM and an XLSX written by LibreOffice import; numbers already held go to the merge preview", async () => {
  await withApp(async (page) => {
    await choose(page, fixture("ledger-utf8-bom.csv"));
    const screen = page.locator("section.table-import");
    await screen.getByText("CSV 文件（UTF-8 编码）").waitFor();
    assert.equal(await selectedText(mappingSelect(page, "案件编号")), "A 列 · 案件编号");
    assert.equal(await selectedText(mappingSelect(page, "诉求摘要")), "C 列 · 诉求");
    assert.equal(await page.locator(".import-errors").count(), 0);
    assert.equal(await page.getByRole("button", { name: "下载错误行（CSV）" }).isVisible(), false);
    await page.getByRole("button", { name: "导入 2 件案件" }).click();
    await page.locator("section.ledger").waitFor();

    await choose(page, fixture("ledger-libreoffice.xlsx"));
    await screen.getByText(/ledger-libreoffice\.xlsx》：Excel 工作簿，共 4 行有内容/).waitFor();
    assert.equal(await selectedText(mappingSelect(page, "涉及人数")), "C 列 · 涉及人数");
    const preview = page.locator("table.preview tbody tr");
    assert.equal(await preview.count(), 3);
    // Dates stored as Excel serial numbers come out as dates.
    assert.match(await preview.first().textContent(), /XLSX-001周八耕地被占用未获补偿郑县长县农业农村局2026-02-102026-05-11化解中/);
    await screenshot(page, "table-import-xlsx");
    await page.getByRole("button", { name: "导入 3 件案件" }).click();
    await page.locator("section.ledger").waitFor();
    assert.deepEqual((await ledgerNumbers(page)).sort(), ["BOM-001", "BOM-002", "XLSX-001", "XLSX-002", "XLSX-003"]);
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    const bom = saved.cases.find((c) => c.number === "BOM-002");
    assert.deepEqual([bom.assigned_on, bom.deadline, bom.status], ["2026-04-03", "2026-07-02", "化解中"]);
    const xlsx = saved.cases.find((c) => c.number === "XLSX-002");
    assert.deepEqual([xlsx.people_count, xlsx.category, xlsx.flags], [5, "烂尾楼/房产证", ["越级访", "集体访"]]);

    // The same file again: every 案件编号 is already in the ledger; the merge preview finds
    // nothing changed.
    await choose(page, fixture("ledger-libreoffice.xlsx"));
    await page.locator("#import-summary").getByText("3 件台账中已有（XLSX-001、XLSX-002、XLSX-003），按表中内容更新").waitFor();
    await page.getByRole("button", { name: "核对改动（新增 0 件，更新 3 件）…" }).click();
    await page.locator("#merge-counts").getByText("新增 0 件，更新 0 件，保留本台账内容 0 件，相同跳过 3 件").waitFor();
    await page.getByRole("button", { name: "取消" }).click();
    await page.locator("section.ledger").waitFor();
    assert.equal((await ledgerNumbers(page)).length, 5);
  });
});

test("files that are not a spreadsheet are refused in Chinese and the ledger is untouched", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "KEEP-1", "诉求摘要": "不应被改动" });
    await page.getByRole("link", { name: "信访积案台账" }).click();
    const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
    const cases = [
      [{ name: "旧台账.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }, /无法导入《旧台账\.xls》：这是旧版 Excel 97-2003 工作簿（\.xls）.*当前台账没有任何改动/],
      [{ name: "坏文件.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\x03\x04 truncated") }, /无法导入《坏文件\.xlsx》：文件已损坏或不是有效的 Excel（\.xlsx）文件/],
      [{ name: "空.csv", mimeType: "text/csv", buffer: Buffer.from("\r\n") }, /无法导入《空\.csv》：文件是空的/],
      [{ name: "照片.csv", mimeType: "text/csv", buffer: Buffer.from("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "latin1") }, /无法导入《照片\.csv》：文件不是表格文件（CSV 或 \.xlsx）/],
    ];
    for (const [file, message] of cases) {
      await choose(page, file);
      const notice = page.locator("#notice");
      await notice.waitFor();
      assert.match(await notice.textContent(), message);
      await notice.getByRole("button", { name: "关闭" }).click();
    }
    assert.equal(await page.locator("section.table-import").count(), 0);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before);
  });
});

test("the ledger exports as CSV for Chinese Excel and as XLSX that imports again", async () => {
  await withApp(async (page) => {
    // A stored ledger with one case, as the app keeps it.
    const ledger = {
      format: "jiean-ledger", version: 2,
      cases: [{
        id: "c1", number: "001", summary: "征地补偿，\"款项\"未到位", assigned_on: "2026-03-01", registered_on: "2026-02-20",
        petitioner: { name: "张三", contact: "13800138000", residence: "" }, lead: "王副县长", responsible_unit: "县自然资源局",
        deadline: "2026-05-20", status: "化解中", flags: ["重复访", "集体访"],
        progress: [{ date: "2026-04-01", text: "召开协调会" }, { date: "2026-03-05", text: "首次约谈" }],
      }, { id: "c2", number: "002", summary: "另一件", status: "排查登记" }],
    };
    await loadLedger(page, ledger);
    assert.deepEqual(await ledgerNumbers(page), ["001", "002"]);

    // The menu closes on Escape and on a click elsewhere.
    const menu = page.locator("details.menu");
    await menu.locator("summary").click();
    assert.equal(await menu.getAttribute("open"), "");
    await page.keyboard.press("Escape");
    assert.equal(await menu.getAttribute("open"), null);
    await menu.locator("summary").click();
    await page.locator("section.ledger").click({ position: { x: 5, y: 5 } });
    assert.equal(await menu.getAttribute("open"), null);

    const csv = await exportFrom(page, "导出 CSV");
    assert.match(csv.suggestedFilename(), /^积案台账-\d{8}\.csv$/);
    const bytes = readFileSync(await csv.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark for Excel");
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    assert.equal(lines[0], "案件编号,交办来源,交办文号,交办日期,登记日期,信访形式,信访人,身份证号,联系方式,户籍地/常住地,涉及人数,诉求摘要,问题类别,案件特征,包案领导,包案领导联系电话,责任单位,协办单位,承办人,稳控责任人,化解措施,办结时限,延期天数,延期批准人,延期批准日期,状态,办结日期,办结结果,化解方式（四个到位）,反弹次数,办理情况,备注,到期日（按时限规则和延期计算）");
    assert.equal(lines[1], '001,,,2026-03-01,2026-02-20,,张三,,13800138000,,,"征地补偿，""款项""未到位",,重复访、集体访,王副县长,,县自然资源局,,,,,2026-05-20,,,,化解中,,,,,"2026-03-05 首次约谈\n2026-04-01 召开协调会",,2026-05-20');
    assert.match(lines[2], /^002,/);
    assert.equal(lines[3], "");

    const xlsx = await exportFrom(page, "导出 Excel（.xlsx）");
    assert.match(xlsx.suggestedFilename(), /^积案台账-\d{8}\.xlsx$/);
    const workbook = readFileSync(await xlsx.path());
    assert.equal(workbook.subarray(0, 4).toString("latin1"), "PK\x03\x04");
    // Kept for a look in a spreadsheet program.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(resolve(ARTIFACTS, "exported-ledger.xlsx"), workbook);

    // The exported workbook reads back: every column is recognised, the cases are held and
    // nothing changed.
    await choose(page, { name: "导出的台账.xlsx", mimeType: "application/octet-stream", buffer: workbook });
    await page.locator("section.table-import").waitFor();
    // Only the columns import alone reads (序号, 包案领导职务 …) stay unmapped.
    assert.deepEqual(await page.locator("table.mapping tr.unmapped th").allTextContents(), ["序号", "包案领导职务", "是否办结", "回访情况"]);
    await page.locator("#import-summary").getByText("2 件台账中已有（001、002），按表中内容更新").waitFor();
    await page.getByRole("button", { name: /^核对改动/ }).click();
    await page.locator("#merge-counts").getByText("更新 0 件，保留本台账内容 0 件，相同跳过 2 件").waitFor();
    await page.getByRole("button", { name: "取消" }).click();
    await page.locator("section.ledger").waitFor();

    // Edited in Excel (one cell of the exported sheet), the file updates the case through the
    // merge preview: it shows the case and the field that change.
    const edited = bytes.toString("utf8").replace(",王副县长,,县自然资源局,", ",王副县长,,县财政局,");
    await choose(page, { name: "改过的台账.csv", mimeType: "text/csv", buffer: Buffer.from(edited, "utf8") });
    await page.getByRole("button", { name: "核对改动（新增 0 件，更新 2 件）…" }).click();
    await page.locator("#merge-counts").getByText("更新 1 件，保留本台账内容 0 件，相同跳过 1 件").waitFor();
    const conflict = page.locator("article.conflict");
    assert.equal(await conflict.count(), 1);
    assert.match(await conflict.locator("h3").textContent(), /案件 001/);
    assert.deepEqual(await conflict.locator("table.diff tbody th").allTextContents(), ["责任单位"]);
    assert.match(await conflict.locator("td.theirs").textContent(), /县财政局/);
    await screenshot(page, "table-import-update-merge");
    await page.getByRole("button", { name: "确认合并" }).click();
    await page.locator("section.ledger").waitFor();
    await page.locator("table.cases td.number", { hasText: "001" }).click();
    await page.locator("section.case-page").getByText("县财政局").first().waitFor();
    await page.getByRole("link", { name: "信访积案台账" }).click();

    // While a search hides cases, the export asks, and can take only the cases shown.
    await page.getByRole("searchbox", { name: "搜索台账" }).fill("张三");
    await page.locator("details.menu summary").click();
    await page.getByRole("button", { name: "导出 CSV" }).click();
    await page.getByRole("dialog").getByText("台账正按搜索或筛选条件显示 1 件（共 2 件）").waitFor();
    const [shown] = await Promise.all([page.waitForEvent("download"), page.locator("#export-shown").click()]);
    assert.match(shown.suggestedFilename(), /^积案台账-筛选结果-\d{8}\.csv$/);
    const shownLines = readFileSync(await shown.path(), "utf8").split("\r\n");
    assert.deepEqual(shownLines.map((l) => l.slice(0, 4)), ["\ufeff案件编", "001,", ""]);
    await page.getByRole("searchbox", { name: "搜索台账" }).fill("");

    // Into an empty ledger it brings the cases back with their leading zeros and dates (the
    // journal of the merge above goes too).
    await page.evaluate(async () => {
      localStorage.clear();
      for (const db of await indexedDB.databases()) {
        await new Promise((done) => { const r = indexedDB.deleteDatabase(db.name); r.onsuccess = r.onerror = r.onblocked = done; });
      }
    });
    await page.reload();
    await page.locator("section.ledger").waitFor();
    await choose(page, { name: "导出的台账.xlsx", mimeType: "application/octet-stream", buffer: workbook });
    await page.locator("section.table-import").waitFor();
    await page.getByRole("button", { name: "导入 2 件案件" }).click();
    await page.locator("section.ledger").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["001", "002"]);
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    const back = saved.cases[0];
    assert.deepEqual([back.summary, back.assigned_on, back.deadline, back.status, back.flags], ["征地补偿，\"款项\"未到位", "2026-03-01", "2026-05-20", "化解中", ["重复访", "集体访"]]);
    assert.deepEqual(back.progress, ledger.cases[0].progress);
    assert.equal(back.petitioner.contact, "13800138000");

    // A spreadsheet cannot be encrypted: from an encrypted ledger the export says so.
    await page.locator(".topbar .tab", { hasText: "设置" }).click();
    await page.locator("#new-passphrase").fill("足够长的测试密码123");
    await page.locator("#repeat-passphrase").fill("足够长的测试密码123");
    await page.locator("#understood").check();
    await page.getByRole("button", { name: "设置密码并加密" }).click();
    await page.locator("#notice").getByText("已设置密码").waitFor({ timeout: 20000 });
    const plain = await exportFrom(page, "导出 Excel（.xlsx）");
    assert.equal(readFileSync(await plain.path()).subarray(0, 2).toString("latin1"), "PK");
    await page.locator("#notice").getByText("Excel/CSV 文件不加密").waitFor();
  });
});

test("ledgers as offices keep them import with the guessed mapping and no correction", async () => {
  await withApp(async (page) => {
    const screen = page.locator("section.table-import");
    const summary = page.locator("#import-summary");

    // Excel: merged title, 填报 line, two-row header, no 案件编号, a leader merged over three
    // cases, a hidden 身份证号 column, footers.
    await chooseThroughMenu(page, fixture("ledger-office.xlsx"));
    await screen.getByText(/两行表头已合并读取/).waitFor();
    assert.equal(await selectedText(mappingSelect(page, "包案领导职务")), "I 列 · 包案领导职务");
    assert.equal(await selectedText(mappingSelect(page, "身份证号")), "C 列 · 信访人身份证号");
    // Date cells show as dates, never as Excel's serial numbers; one sheet offers no sheet choice.
    assert.equal(await page.locator("table.mapping tr", { hasText: "登记日期" }).locator("td.sample").textContent(), "2021-03-02");
    assert.equal(await page.getByRole("combobox", { name: "工作表" }).isVisible(), false);
    assert.equal(await summary.textContent(), "可导入 4 件案件；跳过表尾 1 行（填表人、审核人、合计等）。");
    await page.locator("#import-numbers").getByText("编号按序号自动生成").waitFor();
    assert.match(await page.locator("#import-kept").textContent(), /「办结时限」列：“长期”（1 件）.*「问题类别」列：“城建”（1 件）/s);
    const preview = page.locator("table.preview tbody tr");
    assert.match(await preview.nth(1).textContent(), /导入-002李秀英房屋拆迁安置面积有异议陈国庆（县委常委、副县长）城关镇人民政府/);
    // The value-mapping step lists each value the guess does not know, kept as written until
    // the clerk chooses; a choice plans the preview again.
    const values = page.locator("#import-values");
    const cityBuilding = values.getByRole("combobox", { name: "“城建”对应为" });
    assert.equal(await selectedText(cityBuilding), "原样保留");
    assert.match(await values.textContent(), /「问题类别」列城建1原样保留/);
    await screenshot(page, "table-import-office");
    await cityBuilding.selectOption("物业管理");
    await page.waitForFunction(() => !document.querySelector("#import-kept").textContent.includes("城建"));
    assert.match(await page.locator("#import-kept").textContent(), /「办结时限」列：“长期”（1 件）/);
    assert.equal(await selectedText(values.getByRole("combobox", { name: "“城建”对应为" })), "物业管理");
    await screenshot(page, "table-import-value-mapping");
    await page.getByLabel("自动编号前缀").fill("2021积-");
    await page.getByLabel("自动编号前缀").press("Tab");
    await page.getByRole("button", { name: "导入 4 件案件" }).click();
    await page.locator("section.ledger").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["2021积-001", "2021积-002", "2021积-003", "2021积-004"]);

    // The next file with the same headers comes with the corrected mapping.
    await chooseThroughMenu(page, fixture("ledger-office.xlsx"));
    await screen.getByText(/已按上次导入同样表头的文件时确认的对应关系填好/).waitFor();
    assert.equal(await selectedText(values.getByRole("combobox", { name: "“城建”对应为" })), "物业管理");
    await page.getByRole("button", { name: "取消" }).click();
    // A spoilt memory is no memory: the guess again.
    await page.evaluate(() => localStorage.setItem("jiean/import-mapping", "{不是 JSON"));
    await chooseThroughMenu(page, fixture("ledger-office.xlsx"));
    await screen.getByText(/已按表头自动匹配/).waitFor();
    assert.equal(await selectedText(values.getByRole("combobox", { name: "“城建”对应为" })), "原样保留");
    await page.getByRole("button", { name: "取消" }).click();
    await page.locator("section.ledger").waitFor();

    // The 身份证号 is masked on the case page until asked for.
    await page.locator("table.cases td.number", { hasText: "2021积-001" }).click();
    const id = page.locator(".id-number");
    assert.equal(await id.locator(".id-text").textContent(), "320102********1234");
    await id.getByRole("button", { name: "显示" }).click();
    assert.equal(await id.locator(".id-text").textContent(), "320102196505051234");
    await page.locator("section.case-page").getByText("来访", { exact: true }).waitFor();
    await screenshot(page, "case-page-imported");
    await page.getByRole("link", { name: "信访积案台账" }).click();

    // Another system's export: inline strings, the ledger on the second sheet.
    await choose(page, fixture("ledger-second-sheet-inline.xlsx"));
    await screen.getByText(/共 2 个工作表，已选「信访事项台账」/).waitFor();
    assert.equal(await summary.textContent(), "可导入 3 件案件。");
    // The first sheet can be chosen, and says it holds no ledger.
    await page.getByRole("combobox", { name: "工作表" }).selectOption({ index: 0 });
    await summary.getByText("工作表「填表说明」中没有找到可识别的表头").waitFor();
    await page.getByRole("combobox", { name: "工作表" }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "导入 3 件案件" }).click();
    await page.locator("section.ledger").waitFor();

    // 矛盾纠纷排查化解台账 as a GBK CSV: group titles over blanks, 合计 and 填表人 below.
    await choose(page, fixture("ledger-dispute-gbk.csv"));
    assert.equal(await summary.textContent(), "可导入 3 件案件；跳过表尾 2 行（填表人、审核人、合计等）。");
    await page.getByLabel("自动编号前缀").fill("纠纷-");
    await page.getByLabel("自动编号前缀").press("Tab");
    await page.getByRole("button", { name: "导入 3 件案件" }).click();
    await page.locator("section.ledger").waitFor();

    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(saved.version, 4);
    const byNumber = (n) => saved.cases.find((c) => c.number === n);
    assert.equal(byNumber("2021积-004").category, "物业管理");
    const closed = byNumber("2021积-001");
    assert.deepEqual([closed.status, closed.outcome, closed.lead, closed.channel], ["已办结", "已化解", "陈国庆（县委常委、副县长）", "来访"]);
    assert.deepEqual(closed.progress.map((e) => e.date), ["2021-05-20", "2021-03-04"]);
    const system = byNumber("XF2024-0031");
    assert.deepEqual([system.registered_on, system.status, system.petitioner.name], ["2024-03-14", "化解中", "钱七"]);
    assert.equal(system.lead_contact, "13912345678");
    const dispute = byNumber("纠纷-001");
    assert.deepEqual([dispute.lead, dispute.status, dispute.packet.closed_on], ["郑伟（镇长）", "已办结", "2026-02-20"]);
    assert.equal(saved.cases.length, 10);

    // Search finds a case by its channel.
    await page.getByRole("searchbox", { name: "搜索台账" }).fill("12345热线");
    assert.deepEqual(await ledgerNumbers(page), ["2021积-004"]);
  });
});

test("spreadsheet bombs are refused with a message before memory is spent", async () => {
  await withApp(async (page) => {
    // An unmatched quote would swallow the rows after it into one cell.
    await choose(page, { name: "引号.csv", mimeType: "text/csv", buffer: Buffer.from("案件编号,诉求摘要\nA-1,正常\nA-2,\"没有结束\nA-3,x\n") });
    await page.locator("#notice").getByText("CSV 文件第 3 行的引号没有配对").waitFor();
    await page.locator("#notice").getByRole("button", { name: "关闭" }).click();
    // 100,002 columns.
    await choose(page, { name: "宽.csv", mimeType: "text/csv", buffer: Buffer.from(Array(100002).fill("x").join(",") + "\n") });
    await page.locator("#notice").getByText(/超过 256 列/).waitFor();
    assert.equal(await page.locator("section.table-import").count(), 0);
  });
});
