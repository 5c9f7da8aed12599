// The clerk's day with a 60-case ledger (issue 15): the 台账 printed as Excel would (A4
// landscape, few pages, page numbers), and the same 逾期 / 未办结 figures on every screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ARTIFACTS, ledgerNumbers, withApp } from "./harness.mjs";
import { ledger60 } from "./fixtures.mjs";

mkdirSync(ARTIFACTS, { recursive: true });
let page;

/** Each test in a fresh browser on the 60-case ledger, so that it runs alone. */
const fresh = (fn) => () => withApp(async (p) => { page = p; await fn(); }, { ledger: ledger60() });




/** Page count and sizes (points) of a PDF, read from its page objects. */
function pdfPages(pdf) {
  const text = pdf.toString("latin1");
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
  const pages = (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  return { pages, boxes };
}

/** Renders a PDF's pages to PNG (60 dpi) for looking at, when poppler is installed. */
function pngs(pdfPath, prefix) {
  if (!existsSync("/usr/bin/pdftoppm")) return;
  execFileSync("pdftoppm", ["-png", "-r", "60", pdfPath, join(ARTIFACTS, prefix)]);
}

test("the 60-case ledger prints on a few A4 landscape pages, numbered, every row once", fresh(async () => {
  await page.locator("th button.sort", { hasText: "信访人" }).click();
  const inTable = await ledgerNumbersAll();
  await page.locator("#print-ledger").click();
  await page.locator("#ledger-print").waitFor();
  const footers = await page.locator("#ledger-print .print-footer").allTextContents();
  const m = footers.length;
  assert.ok(m >= 2 && m <= 8, `${m} pages`);
  assert.deepEqual(footers, footers.map((_, i) => `第 ${i + 1} 页 共 ${m} 页`));
  // Every page repeats the header row; every case printed once, in the table's order.
  assert.equal(await page.locator("#ledger-print thead").count(), m);
  const printed = await page.locator("#ledger-print tbody tr td:nth-child(2) .cell").allTextContents();
  assert.deepEqual(printed, inTable);
  const title = await page.locator("#ledger-print .print-title").textContent();
  assert.match(title, /信访积案台账（2026年信访积案化解专项行动）/);
  assert.match(title, /筛选条件：无（全部案件）　共 60 件　打印日期：\d{4}年\d{1,2}月\d{1,2}日/);
  // Names are never one character wide: 信访人 and 包案领导 fit on one or two lines.
  const narrow = await page.evaluate(() => {
    const cells = [...document.querySelectorAll("#ledger-print tbody td:nth-child(3) .cell")];
    return Math.max(...cells.map((c) => c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight)));
  });
  assert.ok(narrow <= 1.5, `信访人 takes ${narrow} lines`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: join(ARTIFACTS, "print-preview-1366.png") });

  const pdfPath = join(ARTIFACTS, "ledger-60.pdf");
  const pdf = await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const { pages, boxes } = pdfPages(pdf);
  assert.equal(pages, m, "the PDF has exactly the pages the app numbered: none overflows");
  for (const [w, h] of boxes) assert.ok(w > h && Math.abs(w - 842) < 3 && Math.abs(h - 595) < 3, `A4 landscape, got ${w}×${h}`);
  pngs(pdfPath, "ledger-60-page");

  // A filter in force prints in the title with the count, the overdue mark in words.
  await page.locator("#close-preview").click();
  await page.locator("#overdue-count").click();
  await page.locator("#print-ledger").click();
  const filtered = await page.locator("#ledger-print .print-title p").textContent();
  assert.match(filtered, /筛选条件：时限：已逾期　共 \d+ 件（台账共 60 件）/);
  const marks = await page.locator("#ledger-print .print-mark.overdue").allTextContents();
  assert.ok(marks.length > 0 && marks.every((t) => /^逾期\d+天$/.test(t)), marks.join());
  const filteredPdf = join(ARTIFACTS, "ledger-overdue.pdf");
  await page.pdf({ path: filteredPdf, preferCSSPageSize: true });
  pngs(filteredPdf, "ledger-overdue-page");

  // Fewer columns, chosen by the clerk; the title names the unit.
  await page.getByLabel("填报单位（印在标题中）").fill("某某县信访局");
  await page.locator("#print-setup .check", { hasText: "结案材料" }).locator("input").uncheck();
  await page.locator("#print-setup .check", { hasText: "最新办理情况" }).locator("input").check();
  const heads = await page.locator("#ledger-print .print-page").first().locator("th").allTextContents();
  assert.deepEqual(heads, ["序号", "案件编号", "信访人", "诉求摘要", "包案领导", "责任单位", "办结时限", "状态", "最新办理情况"]);
  assert.match(await page.locator("#ledger-print h1").textContent(), /^某某县信访局信访积案台账/);
  await page.locator("#close-preview").click();
  await page.locator("#clear-filters").click();
  await page.setViewportSize({ width: 1280, height: 860 });
}));

/** Every row's 编号 in the table's order, all rows drawn. */
async function ledgerNumbersAll() {
  const more = page.getByRole("button", { name: "全部显示" });
  if (await more.count()) await more.click();
  return ledgerNumbers(page);
}

test("the toolbar, 统计 and 月报 give the same 逾期, and no unit has more overdue than open", fresh(async () => {
  if (await page.locator("#close-preview").count()) await page.locator("#close-preview").click();
  const toolbar = Number((await page.locator("#overdue-count").textContent()).match(/\d+/)[0]);
  assert.ok(toolbar > 0);
  await page.locator(".topbar .tab", { hasText: "统计" }).click();
  const card = Number(await page.locator("#card-overdue .value").textContent());
  assert.equal(card, toolbar, "统计 逾期未办结 = toolbar 逾期");
  await page.locator("#card-overdue").click();
  await page.locator("section.ledger").waitFor();
  assert.equal((await ledgerNumbersAll()).length, toolbar, "the card opens as many cases as it says");
  await page.locator("#clear-filters").click();
  await page.locator(".topbar .tab", { hasText: "月报" }).click();
  const total = await page.locator("#monthly-summary tr.total td").allTextContents();
  assert.equal(Number(total[3]), toolbar, "月报 合计 逾期 = toolbar 逾期");
  for (const row of await page.locator("#monthly-summary tbody tr:not(.total)").all()) {
    const cells = (await row.locator("td").allTextContents()).map(Number);
    assert.ok(cells[4] <= cells[5], `逾期 ${cells[4]} ≤ 未办结 ${cells[5]}`);
  }
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
}));

test("statistics and monthly report print without buttons, hints or stranded headings", fresh(async () => {
  for (const [tab, name] of [["统计", "dashboard"], ["月报", "monthly"]]) {
    await page.locator(".topbar .tab", { hasText: tab }).click();
    await page.waitForTimeout(200);
    const path = join(ARTIFACTS, `print-${name}.pdf`);
    const pdf = await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
    assert.ok(pdfPages(pdf).pages >= 1);
    pngs(path, `print-${name}-page`);
    await page.emulateMedia({ media: "print" });
    const text = await page.evaluate(() => document.body.innerText);
    const controls = await page.evaluate(() => [...document.querySelectorAll("button:not(.card), input, select")]
      .filter((e) => e.getClientRects().length > 0).length);
    const links = await page.evaluate(() => [...document.querySelectorAll("a")]
      .filter((a) => a.getClientRects().length > 0 && getComputedStyle(a).textDecorationLine !== "none").length);
    await page.emulateMedia({ media: null });
    assert.equal(controls, 0, `${tab}: no control prints`);
    assert.equal(links, 0, `${tab}: no link prints as a link`);
    for (const word of ["点击查看", "去设置", "打印", "导出", "月份"]) assert.ok(!text.includes(word), `${tab} prints 「${word}」`);
  }
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
}));

/** Opens the first case awaiting review (filtered: the table draws only the rows in view). */
async function awaitingCase() {
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
  await page.getByLabel("按状态筛选").selectOption("办结待审");
  await page.locator("table.cases tbody tr").first().click();
  await page.locator("section.case-page").waitFor();
}

// 1280×720 at 125 % scaling is a 1024×576 CSS-pixel window drawn with 1.25 device pixels each.
test("screens at 1280×720 (125 %), 1366×768 and 1920×1080 fit the width", fresh(async () => {
  const cdp = await page.context().newCDPSession(page);
  for (const [w, h, scale] of [[1024, 576, 1.25], [1366, 768, 1], [1920, 1080, 1]]) {
    await cdp.send("Emulation.setDeviceMetricsOverride", { width: w, height: h, deviceScaleFactor: scale, mobile: false });
    const fits = async (name) => {
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(ARTIFACTS, `screen-${name}-${w}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} at ${w}px is ${overflow}px wider than the window`);
    };
    for (const tab of ["台账", "统计", "月报"]) {
      await page.locator(".topbar .tab", { hasText: tab }).click();
      await fits(tab);
    }
    await awaitingCase();
    await fits("案件");
    await page.getByRole("button", { name: "退回补办…" }).click();
    await page.getByRole("button", { name: "确认退回补办" }).click();
    await page.locator("#workflow-message").waitFor();
    const [message, button] = await Promise.all(["#workflow-message", "text=确认退回补办"].map((s) => page.locator(s).boundingBox()));
    assert.ok(Math.abs(message.y - button.y) < 200, "the refusal is next to the button");
    await fits("案件-退回");
    await page.getByRole("button", { name: "编辑" }).click();
    await fits("编辑");
    await page.getByRole("button", { name: "取消" }).click();
    await page.getByRole("button", { name: "← 返回台账" }).click();
    await page.locator("#clear-filters").click();
  }
  await cdp.send("Emulation.clearDeviceMetricsOverride");
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.locator(".topbar .tab", { hasText: "台账" }).click();
}));

/** The text of each page of a PDF, when poppler is installed. */
function pageTexts(pdfPath, pages) {
  if (!existsSync("/usr/bin/pdftotext")) return null;
  return Array.from({ length: pages }, (_, i) =>
    execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), "-layout", pdfPath, "-"]).toString());
}

test("the 结案审核表 prints dates as 年月日 and never its signature alone on a page", fresh(async () => {
  // A case with a long 诉求摘要 and an empty packet: the most findings, the longest sheet.
  await awaitingCase();
  await page.getByRole("button", { name: "编辑" }).click();
  const summary = page.locator("form.case-form textarea").first();
  await summary.fill("反映房屋拆迁安置房迟迟未交付，全家长期租房居住，生活困难，要求尽快安置并补发过渡费。".repeat(6));
  await page.locator("form.case-form button[type=submit]").click();
  await page.locator("section.case-page").waitFor();
  await page.getByRole("button", { name: "结案审核表" }).click();
  await page.locator("article.review-sheet").waitFor();
  const sheet = await page.locator("article.review-sheet").textContent();
  assert.doesNotMatch(sheet, /\d{4}-\d{2}-\d{2}/, "dates as 年月日");
  assert.match(sheet, /交办日期\d{4}年\d{1,2}月\d{1,2}日/);
  const path = join(ARTIFACTS, "print-review-sheet.pdf");
  const pdf = await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
  const { pages } = pdfPages(pdf);
  pngs(path, "print-review-sheet-page");
  const texts = pageTexts(path, pages);
  if (texts) {
    const signed = texts.findIndex((t) => t.includes("审核人（签字）"));
    assert.ok(signed >= 0, "the signature line prints");
    const text = texts[signed];
    assert.ok(text.includes("系统审核结论"), "the conclusion prints with the signature");
    assert.ok(text.includes("稳控措施") || text.includes("时限及其他") || signed === 0, "a part of the table prints with the signature");
  }
}));
