// Words (issue 15): every screen and dialog a clerk meets shows plain Chinese. Latin words are
// allowed only where clerks use them: the programs and file kinds of their office (Excel, WPS,
// CSV, UTF-8 and Unicode as Excel's 另存为 names them), browser names and their menus (Chrome, Edge, Firefox,
// Cookie), A4 paper, MB, U盘; file names and extensions; case numbers; Excel column letters (B 列); and
// user data in “…” or 《…》. Anything else — a JSON key, an English error, a cipher's name —
// fails, unless it is inside a closed 「详细」 fold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { screenshot, withApp } from "./harness.mjs";
import { ledger60 } from "./fixtures.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ALLOWED = new Set(["Excel", "WPS", "CSV", "UTF-8", "Unicode", "A4", "MB", "KB", "Chrome", "Edge", "Firefox", "Cookie"]);
let page;

/** Each test in a fresh browser on the 60-case ledger, so that it runs alone. */
const fresh = (fn) => () => withApp(async (p) => { page = p; await fn(); }, { ledger: ledger60() });

/** The Latin words of a text a clerk reads, less the allowed ones. */
function latinWords(text) {
  const cleaned = text
    .replace(/《[^》]*》/g, " ")
    .replace(/“[^”]*”/g, " ")
    .replace(/[\w\-.]*\.(json|html|xlsx|xls|csv)\b/gi, " ")
    .replace(/\b[A-Z]{1,3} ?列/g, " ")
    .replace(/U盘/g, " ")
    .replace(/\b[A-Z]{1,4}-\d{4}-\d{1,4}\b|\b[A-Z]{1,4}-\d{1,4}\b(?!-)/g, " ");
  return (cleaned.match(/[A-Za-z][\w-]*/g) ?? []).filter((w) => !ALLOWED.has(w));
}

test("the allow-list lets through only what clerks use", () => {
  assert.deepEqual(latinWords("从 Excel 工作簿（.xlsx）或 CSV 导入《ledger-2026.json》，B 列 · 编号，JA-2026-001"), []);
  assert.deepEqual(latinWords("「交办日期」（assigned_on）有误（unexpected end of hex escape）"), ["assigned_on", "unexpected", "end", "of", "hex", "escape"]);
  assert.deepEqual(latinWords("AES-256-GCM 加密；约 524 万字符；JSON 文件"), ["AES-256-GCM", "JSON"]);
});

/** Fails when the page shows a Latin word outside the allow-list: its text as rendered (closed
 * <details> folds hidden), and the placeholders, tooltips and accessible names of its controls. */
async function plain(name) {
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll("[placeholder], [title], [aria-label]")) {
      if (el.closest("details:not([open])") && !el.closest("details > summary")) continue;
      for (const a of ["placeholder", "title", "aria-label"]) parts.push(el.getAttribute(a) ?? "");
    }
    return parts.join("\n");
  });
  assert.deepEqual([...new Set(latinWords(text))], [], `Latin words on ${name}`);
}

const tab = (name) => page.locator(".topbar .tab", { hasText: name }).click();
const back = () => page.getByRole("button", { name: "← 返回台账" }).click();

async function importFile(name, text) {
  const file = join(tmpdir(), name);
  writeFileSync(file, text);
  await page.setInputFiles("#import-file", file);
  await page.locator("#notice").waitFor();
}

test("every screen and dialog speaks plain Chinese", fresh(async () => {
  await plain("台账");
  await page.locator("details.menu summary").click();
  await plain("Excel 表格 menu");
  await page.locator("details.menu summary").click();
  await page.locator("#overdue-count").click();
  await plain("台账 filtered");
  await page.getByRole("button", { name: "导出台账" }).first().click();
  await page.getByRole("dialog").waitFor();
  await plain("导出 dialog");
  await page.keyboard.press("Escape");
  await page.locator("#clear-filters").click();
  await page.locator("#print-ledger").click();
  await plain("打印预览");
  await page.locator("#close-preview").click();

  // A case in 办结待审: its page, the review sheet, the contents, the forms of its moves.
  await page.getByLabel("按状态筛选").selectOption("办结待审");
  await page.locator("table.cases tbody tr").first().click();
  await page.locator("section.case-page").waitFor();
  await plain("案件");
  await page.getByRole("button", { name: "审核通过，办结…" }).click();
  await page.getByRole("button", { name: "确认办结" }).click();
  await page.locator("#workflow-message").waitFor();
  await plain("办结 refused");
  await page.getByRole("button", { name: "退回补办…" }).click();
  await page.getByRole("button", { name: "确认退回补办" }).click();
  await plain("退回补办 form refused");
  await page.getByRole("button", { name: "结案审核表" }).click();
  await plain("结案审核表");
  await page.getByRole("button", { name: "← 返回案件" }).click();
  await page.getByRole("button", { name: "卷宗目录" }).click();
  await plain("卷宗目录");
  await page.getByRole("button", { name: "← 返回案件" }).click();
  await page.getByRole("button", { name: "编辑" }).click();
  await plain("编辑案件");
  await page.getByRole("button", { name: "取消" }).click();
  await page.getByRole("button", { name: "删除", exact: true }).click();
  await page.getByRole("dialog", { name: "删除案件" }).waitFor();
  await plain("删除 dialog");
  await page.keyboard.press("Escape");
  await back();
  await page.locator("#clear-filters").click();

  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  await page.getByRole("button", { name: "登记案件" }).click();
  await plain("登记 with errors");
  await page.getByRole("button", { name: "取消" }).click();

  for (const t of ["统计", "月报", "设置"]) {
    await tab(t);
    await plain(t);
  }
  await page.getByRole("button", { name: "设置密码并加密" }).click();
  await page.locator("#passphrase-error").waitFor();
  await plain("设置 passphrase refused");
  await page.locator(".trash-button").click();
  await plain("回收站");
  await tab("台账");

  // Files that cannot be imported: cut short, foreign, broken fields, a broken spreadsheet.
  const good = JSON.stringify({ format: "jiean-ledger", version: 3, cases: [{ number: "XF-2023-001", summary: "x" }] }, null, 2);
  await importFile("cut.json", good.slice(0, good.length / 2));
  // The refusal takes focus, under the toolbar whose button asked for it.
  await page.waitForFunction(() => document.activeElement?.id === "notice");
  assert.match(await page.locator("#notice").textContent(), /文件不是完整的台账文件（第 \d+ 行第 \d+ 列附近内容有误）/);
  await plain("import of a cut file");
  await importFile("escape.json", good.replace('"x"', '"x\\ud800"'));
  await plain("import of a broken escape");
  await importFile("types.json", JSON.stringify({
    format: "jiean-ledger", version: 3,
    cases: [{ number: "XF-2023-001", summary: "x", assigned_on: "2023-13-01", people_count: "三", flags: "重复访", progress: [{ text: "无日期" }] },
      { number: "XF-2023-001", summary: "y", petitioner: "张三", packet: { documents: [{ item: 9 }] } }],
  }));
  assert.match(await page.locator("#notice").textContent(), /第 1 件案件（XF-2023-001）的「交办日期」不是日期：“2023-13-01”/);
  await plain("import of wrong types");
  await importFile("dup.json", good.replace('"number": "XF-2023-001"', '"number": "XF-2023-001", "number": "XF-2023-002"'));
  await plain("import of a duplicate key");
  await page.locator("#import-table-file").setInputFiles({ name: "坏表格.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\x03\x04 broken") });
  await page.locator("#notice").waitFor();
  await plain("import of a broken workbook");

  // The Excel import screen, with a row error and kept values.
  await page.locator("#import-table-file").setInputFiles(resolve(here, "../fixtures/ledger-gbk.csv"));
  await page.locator("section.table-import").waitFor();
  await plain("Excel import");
  await screenshot(page, "words-import");
  await page.getByRole("button", { name: "取消" }).click();

  // A sheet whose every row is wrong: nothing to import, the button off and the reason beside it.
  await page.locator("#import-table-file").setInputFiles({ name: "全错.csv", mimeType: "text/csv",
    buffer: Buffer.from("\ufeff案件编号,诉求摘要,交办日期\nQC-1,,2026-13-01\nQC-2,,2026-02-30\n") });
  const none = page.getByRole("button", { name: "导入 0 件案件" });
  await none.waitFor();
  assert.equal(await none.isDisabled(), true);
  assert.equal(await page.locator("#import-nothing").textContent(), "没有可导入的案件：每一行都有错误，见上方列表。");
  assert.equal(await none.getAttribute("aria-describedby"), "import-nothing");
  await plain("Excel import with nothing to import");
  await page.getByRole("button", { name: "取消" }).click();
}));
