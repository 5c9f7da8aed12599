// Ledgers that move between units: merging a file with a conflict, hostile text, the 回收站.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ARTIFACTS, withApp, createCase, ledgerNumbers, screenshot } from "./harness.mjs";

mkdirSync(ARTIFACTS, { recursive: true });

async function exportLedger(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出台账" }).first().click()]);
  return JSON.parse(readFileSync(await download.path(), "utf8"));
}

function writeLedger(name, ledger) {
  const file = join(tmpdir(), name);
  writeFileSync(file, JSON.stringify(ledger, null, 2));
  return file;
}

async function importForMerge(page, file) {
  await page.setInputFiles("#import-file", file);
  await page.getByRole("dialog").getByRole("button", { name: "合并到当前台账" }).click();
  await page.locator("section.merge").waitFor();
}

test("a township's ledger merges in: a conflict is shown field by field and resolved", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "JA-2026-001", "诉求摘要": "要求提高征地补偿标准", "包案领导": "王副县长", "责任单位": "县自然资源局" });
    await page.getByRole("button", { name: "← 返回台账" }).click();
    await createCase(page, { "案件编号": "JA-2026-002", "诉求摘要": "物业纠纷" });
    await page.getByRole("button", { name: "← 返回台账" }).click();
    const sent = await exportLedger(page);

    // The township worked on JA-2026-001 later than we did, and registered a new case.
    const theirs = structuredClone(sent);
    const mine = theirs.cases.find((c) => c.number === "JA-2026-001");
    mine.lead = "李副县长";
    mine.handler = "乡镇信访办 周七";
    mine.progress = [{ date: "2026-04-02", text: "乡镇：召开协调会" }];
    mine.updated_at = "2099-01-01T08:00:00";
    theirs.cases.push({ id: "f".repeat(32), number: "XZ-2026-01", summary: "乡镇新登记的案件", updated_at: "2099-01-01T08:00:00" });
    const file = writeLedger("township.json", theirs);

    // Meanwhile the county logged progress on the same case.
    await page.locator("table.cases tbody tr", { hasText: "JA-2026-001" }).click();
    const log = page.locator("form.add-progress");
    await log.locator("input[type=date]").fill("2026-03-10");
    await log.locator("textarea").fill("县里：约谈信访人");
    await log.getByRole("button", { name: "添加记录" }).click();
    await page.locator("ol.log li", { hasText: "县里：约谈信访人" }).waitFor();

    // Cancelling the preview changes nothing.
    await importForMerge(page, file);
    await page.getByRole("button", { name: "取消" }).click();
    await page.getByText("已取消合并，台账没有任何改动。").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-002"]);

    await importForMerge(page, file);
    const counts = page.locator("#merge-counts");
    assert.match(await counts.textContent(), /新增 1 件，更新 1 件，保留本台账内容 0 件，相同跳过 1 件/);
    const conflict = page.locator("article.conflict");
    assert.equal(await conflict.count(), 1);
    assert.match(await conflict.locator("h3").textContent(), /JA-2026-001/);
    assert.match(await conflict.textContent(), /导入文件较新/);
    const rows = conflict.locator("tbody tr");
    assert.deepEqual(await rows.locator("th").allTextContents(), ["包案领导", "承办人", "办理情况"]);
    const row = (label) => rows.filter({ has: page.locator("th", { hasText: new RegExp(`^${label}$`) }) });
    // Defaults: the newer side, and both progress logs.
    assert.equal(await row("包案领导").locator("td.theirs input").isChecked(), true);
    assert.equal(await row("办理情况").getByLabel("两边的记录都保留（合并）").isChecked(), true);
    assert.match(await row("包案领导").locator("td.mine").textContent(), /王副县长/);
    assert.match(await row("包案领导").locator("td.theirs").textContent(), /李副县长/);
    await screenshot(page, "merge-preview");

    // The shortcuts, then a hand-made choice: keep our 包案领导, both logs.
    await page.getByRole("button", { name: "全部保留本台账的" }).click();
    assert.match(await counts.textContent(), /更新 0 件，保留本台账内容 1 件/);
    await page.getByRole("button", { name: "全部采用较新的" }).click();
    assert.equal(await row("办理情况").locator("td.theirs input").first().isChecked(), true);
    await row("包案领导").locator("td.mine input").check();
    await row("办理情况").getByLabel("两边的记录都保留（合并）").check();
    assert.match(await counts.textContent(), /新增 1 件，更新 1 件/);
    await page.getByRole("button", { name: "确认合并" }).click();

    await page.getByText("已合并《township.json》：新增 1 件，更新 1 件，保留本台账内容 0 件，相同跳过 1 件。").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-002", "XZ-2026-01"]);
    await page.locator("table.cases tbody tr", { hasText: "JA-2026-001" }).click();
    const fields = await page.locator("dl.fields").first().textContent();
    assert.match(fields, /包案领导王副县长/);
    assert.match(fields, /承办人乡镇信访办 周七/);
    assert.equal(await page.locator("ol.log li").count(), 2);
    await page.locator("ol.log li", { hasText: "乡镇：召开协调会" }).waitFor();
    await page.locator("ol.log li", { hasText: "县里：约谈信访人" }).waitFor();

    // Saved: a reload shows the merged ledger.
    await page.reload();
    await page.locator("section.ledger").waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["JA-2026-001", "JA-2026-002", "XZ-2026-01"]);
  });
});

test("a choice that would give two cases one number is refused and nothing changes", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "A-1", "诉求摘要": "甲" });
    await page.getByRole("button", { name: "← 返回台账" }).click();
    await createCase(page, { "案件编号": "A-2", "诉求摘要": "乙" });
    const sent = await exportLedger(page);
    const theirs = structuredClone(sent);
    theirs.cases[0].number = "A-2";
    theirs.cases[0].updated_at = "2099-01-01T08:00:00";
    theirs.cases.pop();
    await importForMerge(page, writeLedger("clash.json", theirs));
    await page.getByRole("button", { name: "确认合并" }).click();
    await page.locator("#merge-error").getByText("案件编号 A-2 将出现两次").waitFor();
    await page.getByRole("button", { name: "全部保留本台账的" }).click();
    assert.equal(await page.locator("#merge-error").count(), 0);
    await page.getByRole("button", { name: "确认合并" }).click();
    await page.getByText(/保留本台账内容 1 件/).waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["A-1", "A-2"]);
  });
});

test("markup and script in a file's texts show as plain text and never run", async () => {
  await withApp(async (page) => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const file = writeLedger("hostile.json", {
      format: "jiean-ledger", version: 2,
      cases: [{ number: "<b>B-1</b>", summary: hostile, petitioner: { name: "<i>张三</i>" }, progress: [{ date: "2026-03-01", text: hostile }] }],
    });
    await importForMerge(page, file);
    assert.match(await page.locator("details.added").textContent(), /<b>B-1<\/b>/);
    await page.getByRole("button", { name: "确认合并" }).click();
    await page.getByText(/新增 1 件/).waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["<b>B-1</b>"]);
    assert.equal(await page.locator("table.cases td.summary").textContent(), hostile);
    await page.locator("table.cases tbody tr").first().click();
    assert.match(await page.locator("ol.log").textContent(), /<script>window.__pwned=2<\/script>/);
    assert.equal(await page.locator("main img, main b, main i, main script").count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});

test("a file of every problem is refused with a list naming case and field, and the ledger stays", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "KEEP-1", "诉求摘要": "原有案件" });
    await page.getByRole("button", { name: "← 返回台账" }).click();
    const file = writeLedger("bad.json", {
      format: "jiean-ledger", version: 2,
      cases: [
        { number: "A", summary: "x", assigned_on: "2026-02-30" },
        { number: "A", summary: "" },
        { number: "C", summary: "z", people_count: -2, status: "已作废" },
      ],
    });
    await page.setInputFiles("#import-file", file);
    const notice = page.locator("#notice");
    await notice.getByText("第 1 件案件（A）的「交办日期」不是日期：“2026-02-30”").waitFor();
    const text = await notice.textContent();
    assert.match(text, /第 2 件案件（A）缺少诉求摘要/);
    assert.match(text, /第 2 件案件（A）的案件编号与前面的案件重复/);
    assert.match(text, /第 3 件案件（C）的「涉及人数」应为不小于 0 的整数，文件中是“-2”/);
    assert.match(text, /当前台账没有任何改动/);
    await screenshot(page, "import-problems");
    assert.deepEqual(await ledgerNumbers(page), ["KEEP-1"]);

    const deep = join(tmpdir(), "deep.json");
    writeFileSync(deep, `{"format":"jiean-ledger","version":2,"cases":[${"[".repeat(5000)}${"]".repeat(5000)}]}`);
    await page.setInputFiles("#import-file", deep);
    await notice.getByText(/嵌套超过 16 层/).waitFor();
    assert.deepEqual(await ledgerNumbers(page), ["KEEP-1"]);
  });
});

test("deleted cases wait in the 回收站 until it is emptied, across reloads", async () => {
  await withApp(async (page) => {
    for (const number of ["T-1", "T-2"]) {
      await createCase(page, { "案件编号": number, "诉求摘要": `待删除 ${number}` });
      await page.getByRole("button", { name: "← 返回台账" }).click();
    }
    for (const number of ["T-1", "T-2"]) {
      await page.locator("table.cases tbody tr", { hasText: number }).click();
      await page.getByRole("button", { name: "删除", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "确定删除" }).click();
      await page.locator("#undo-banner").waitFor();
    }
    assert.deepEqual(await ledgerNumbers(page), []);
    // Undo still works right after a deletion, and takes the case out of the 回收站.
    await page.getByRole("button", { name: "撤销删除" }).click();
    assert.deepEqual(await ledgerNumbers(page), ["T-2"]);
    await page.reload();
    await page.locator("section.ledger").waitFor();

    await page.getByRole("button", { name: "回收站（1）" }).click();
    const trash = page.locator("section.trash");
    assert.match(await trash.locator("tbody").textContent(), /T-1.*待删除 T-1/);
    await screenshot(page, "trash");
    await trash.getByRole("button", { name: "恢复" }).click();
    await page.getByText("已从回收站恢复案件 T-1").waitFor();
    await trash.getByText("回收站是空的。").waitFor();
    await page.getByRole("button", { name: "← 返回台账" }).click();
    assert.deepEqual(await ledgerNumbers(page), ["T-2", "T-1"]);

    // Emptying asks first, then the cases are gone for good.
    await page.locator("table.cases tbody tr", { hasText: "T-1" }).click();
    await page.getByRole("button", { name: "删除", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确定删除" }).click();
    await page.getByRole("button", { name: "回收站（1）" }).click();
    await trash.getByRole("button", { name: "清空回收站" }).click();
    await page.getByRole("dialog").getByText("回收站中的 1 件案件将被彻底删除").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "彻底删除" }).click();
    await page.getByText("已清空回收站，1 件案件已彻底删除").waitFor();
    assert.equal(await page.getByRole("button", { name: "清空回收站" }).isDisabled(), true);
    await page.reload();
    await page.locator("section.ledger").waitFor();
    assert.equal(await page.getByRole("button", { name: /^回收站$/ }).count(), 1);
    assert.deepEqual(await ledgerNumbers(page), ["T-2"]);
  });
});

test("a case deleted here is not brought back by merging a file that still holds it", async () => {
  await withApp(async (page) => {
    await createCase(page, { "案件编号": "D-1", "诉求摘要": "本机删除的案件" });
    await page.getByRole("button", { name: "← 返回台账" }).click();
    const file = writeLedger("still-has-it.json", await exportLedger(page));
    await page.locator("table.cases tbody tr", { hasText: "D-1" }).click();
    await page.getByRole("button", { name: "删除", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确定删除" }).click();

    await importForMerge(page, file);
    assert.match(await page.locator("#merge-counts").textContent(), /新增 0 件.*本机已删除（在回收站中）未重新加入 1 件/);
    assert.match(await page.locator("details.deleted-here").textContent(), /D-1/);
    await page.getByRole("button", { name: "确认合并" }).click();
    await page.getByText(/已合并《still-has-it\.json》/).waitFor();
    assert.deepEqual(await ledgerNumbers(page), []);
    await page.getByRole("button", { name: "回收站（1）" }).waitFor();
  });
});
