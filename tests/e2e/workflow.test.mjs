// Workflow moves carry their date, checked against the case's history; the clerk's 办理情况
// entries are corrected or removed with the change itself logged (issue 15).
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp, loadLedger } from "./harness.mjs";
import { day } from "./fixtures.mjs";

const LEDGER = {
  format: "jiean-ledger", version: 2, standard: "liuyou",
  campaign: { name: "", deadline_rule: "交办之日起90日", targets: [] },
  cases: [{
    id: "w1", number: "WF-001", summary: "反映征地补偿问题", status: "已交办", lead: "王副县长", responsible_unit: "县自然资源局",
    assigned_on: day(-30), petitioner: { name: "张三", contact: "", residence: "" },
    progress: [{ date: day(-30), text: "状态：排查登记 → 已交办" }, { date: day(-20), text: "约谈信访人" }].reverse(),
  }],
};

test("a move is dated by the clerk within the case's history; entries are corrected with a log", async () => {
  await withApp(async (page) => {
    await loadLedger(page, LEDGER);
    await page.locator("table.cases tbody tr").first().click();
    const date = page.getByLabel("办理日期");
    await date.fill(day(-40));
    await page.getByRole("button", { name: "开始化解" }).click();
    await page.locator("#workflow-message").waitFor();
    assert.match(await page.locator("#workflow-message").textContent(), new RegExp(`办理日期 ${day(-40)} 早于本案的交办日期`));
    await date.fill(day(-10));
    await page.getByRole("button", { name: "开始化解" }).click();
    await page.getByText(`已开始化解（${day(-10)}）`).waitFor();
    const log = () => page.locator("ol.log li").allTextContents();
    assert.match((await log())[0], new RegExp(`^${day(-10)}状态：已交办 → 化解中`));

    // The move's log entry has no 更正 / 删除; the clerk's entry has.
    const entry = page.locator("ol.log li", { hasText: "约谈信访人" });
    assert.equal(await page.locator("ol.log li", { hasText: "状态：已交办" }).getByRole("button").count(), 0);
    await entry.getByRole("button", { name: `更正 ${day(-20)} 的办理情况` }).click();
    await page.getByLabel("更正办理情况").fill("约谈信访人及其家属");
    await page.getByRole("button", { name: "保存更正" }).click();
    await page.locator("ol.log li", { hasText: "约谈信访人及其家属" }).waitFor();
    assert.ok((await log()).some((t) => t.includes(`更正办理情况：原为「${day(-20)} 约谈信访人」`)));
    await page.getByRole("button", { name: `删除 ${day(-20)} 的办理情况` }).click();
    await page.locator("ol.log li", { hasText: "删除办理情况：" }).waitFor();
    assert.equal((await log()).filter((t) => t.startsWith(`${day(-20)}约谈`)).length, 0);
    await page.reload();
    await page.locator("table.cases tbody tr").first().click();
    assert.ok((await log()).some((t) => t.includes(`删除办理情况：「${day(-20)} 约谈信访人及其家属」`)), "kept after a reload");
  });
});
