// Accessibility (issue 15): axe-core on every screen and dialog — no critical, serious or
// moderate finding — and the keyboard alone registers a case, moves it, and uses the dialogs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ARTIFACTS, withApp } from "./harness.mjs";
import { ledger60 } from "./fixtures.mjs";

mkdirSync(ARTIFACTS, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let page;

/** Each test in a fresh browser on the 60-case ledger, so that it runs alone. */
const fresh = (fn) => () => withApp(async (p) => { page = p; await fn(); }, { ledger: ledger60() });



/** Runs axe-core in the page (the CSP forbids script tags: its source is evaluated) and
 * returns the findings that matter. */
async function axe(name) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => ["critical", "serious", "moderate"].includes(v.impact))
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  assert.deepEqual(found, [], `axe on ${name}`);
}

const tab = (name) => page.locator(".topbar .tab", { hasText: name }).click();

test("axe finds nothing on the screens", fresh(async () => {
  await axe("台账");
  await page.locator("#overdue-count").click();
  await axe("台账 filtered");
  await page.locator("#clear-filters").click();
  await page.locator("#print-ledger").click();
  await axe("打印预览");
  await page.locator("#close-preview").click();
  await page.locator("table.cases tbody tr").first().click();
  await page.locator("section.case-page").waitFor();
  await axe("案件");
  await page.getByRole("button", { name: "编辑" }).click();
  await axe("编辑案件");
  await page.getByRole("button", { name: "取消" }).click();
  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  await page.getByRole("button", { name: "登记案件" }).click();
  await axe("登记 with errors");
  await tab("统计");
  await axe("统计");
  await tab("月报");
  await axe("月报");
  await tab("设置");
  await axe("设置");
  await page.locator(".trash-button").click();
  await axe("回收站");
  await tab("台账");
}));

test("dialogs: focus moves in and stays, Escape closes, focus returns, each has a name", fresh(async () => {
  await page.locator("table.cases tbody tr").first().click();
  const remove = page.getByRole("button", { name: "删除", exact: true });
  await remove.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "删除案件" });
  await dialog.waitFor();
  await axe("删除 dialog");
  await page.waitForFunction(() => document.activeElement?.closest(".dialog"));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "取消", "the safe choice has focus");
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest(".dialog")), "Tab stays in the dialog");
  }
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "删除", "focus returns to the button");

  await page.getByRole("button", { name: "导出台账" }).first().click();
  await page.getByRole("dialog").waitFor().catch(() => {});
  if (await page.getByRole("dialog").count()) {
    await axe("导出 dialog");
    await page.keyboard.press("Escape");
  }
  await page.getByRole("button", { name: "← 返回台账" }).click();
}));

test("the keyboard alone registers a case and moves it; a refusal is said next to the button", fresh(async () => {
  await page.locator(".topbar .actions button.primary").focus();
  await page.keyboard.press("Enter");
  await page.locator("form.case-form").waitFor();
  // The first field to fill has focus after a refused save, in view.
  await page.locator("form.case-form button[type=submit]").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.closest(".field.invalid"));
  const inView = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, "the first field to correct is in view");
  await page.keyboard.type("KB-001");
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.tagName === "TEXTAREA")); i++) {
    await page.keyboard.press("Tab");
  }
  await page.keyboard.type("键盘登记的案件");
  await page.locator("form.case-form button[type=submit]").focus();
  await page.keyboard.press("Enter");
  await page.locator("section.case-page").waitFor();

  // 交办 without a leader: refused, the reason next to the button, with focus.
  await page.getByRole("button", { name: "交办", exact: true }).focus();
  await page.keyboard.press("Enter");
  const message = page.locator("#workflow-message");
  await message.waitFor();
  assert.match(await message.textContent(), /交办前须确定包案领导和责任单位/);
  await page.waitForFunction(() => document.activeElement?.id === "workflow-message");
  await page.screenshot({ path: join(ARTIFACTS, "workflow-refused.png") });
  await axe("案件 with a refusal");
}));

test("the keyboard alone sends a packet back, submits it again and answers the dialog", fresh(async () => {
  await page.getByLabel("按状态筛选").selectOption("办结待审");
  await page.locator("table.cases tbody tr").first().locator("td.number a").focus();
  await page.keyboard.press("Enter");
  await page.locator("section.case-page").waitFor();
  const active = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
  await page.getByRole("button", { name: "退回补办…" }).focus();
  await page.keyboard.press("Enter");
  // The form opens on its first field, the 审核人.
  await page.waitForFunction(() => document.activeElement?.id === "move-first");
  // Confirming without the 审核人 is refused next to the button, with focus.
  await page.keyboard.press("Tab");
  await page.keyboard.type("缺少送达回证");
  await page.keyboard.press("Tab");
  assert.equal(await active(), "确认退回补办");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "workflow-message");
  assert.match(await page.locator("#workflow-message").textContent(), /请填写审核人/);
  await page.locator("#move-first").focus();
  await page.keyboard.type("李审核");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator(".steps .step.current", { hasText: "化解中" }).waitFor();
  assert.match(await page.locator("#verdict").textContent(), /退回补办（李审核 \d+年\d+月\d+日退回：缺少送达回证）/);
  await axe("案件 sent back");

  // 提交办结审核 of a failing packet asks first: Escape keeps the case, Enter on 仍要 submits.
  const submit = page.getByRole("button", { name: "提交办结审核" });
  await submit.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest(".dialog"));
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await active(), "提交办结审核", "focus returns to the button");
  await page.keyboard.press("Enter");
  await dialog.waitFor();
  for (let i = 0; i < 4 && (await active()) !== "仍要提交办结审核"; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator(".steps .step.current", { hasText: "办结待审" }).waitFor();
}));

test("leaving a changed form asks first, and staying keeps what was typed", fresh(async () => {
  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  await page.locator("form.case-form input[type=text]").first().fill("半填的案件");
  let asked = 0;
  const stay = (d) => { asked++; d.dismiss(); };
  page.once("dialog", stay);
  await tab("统计");
  assert.equal(asked, 1);
  assert.equal(await page.locator("form.case-form input[type=text]").first().inputValue(), "半填的案件");
  page.once("dialog", stay);
  await page.getByRole("button", { name: "取消" }).click();
  assert.equal(asked, 2);
  await page.locator("form.case-form").waitFor();
  page.once("dialog", (d) => { asked++; d.accept(); });
  await page.getByRole("button", { name: "取消" }).click();
  await page.locator("section.ledger").waitFor();
  assert.equal(asked, 3);
  // An unchanged form leaves without a question.
  await page.getByRole("button", { name: "＋ 新建案件" }).click();
  await tab("统计");
  await page.locator("section.dashboard").waitFor();
  assert.equal(asked, 3);
  await tab("台账");
}));
