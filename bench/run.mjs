// Benchmark driver: dist/jiean.html opened from file:// in headless Chromium with ledgers of
// several sizes already in local storage, against a static page of the same rows (the floor).
// Run through scripts/bench.sh, which builds the file and generates the ledgers first.
//
// How it measures (all in the page, with performance.now(), so Playwright's round trips are not
// counted):
// - open: navigation start (performance.now() = 0) → every row in the table, the main thread free
//   (a task after the rows appeared) and a frame rendered after that (requestAnimationFrame, then
//   a task). The same for the static page.
// - keystroke, filter, sort: the event is dispatched in the page; "app work" runs until the first
//   task after it (every microtask, i.e. Leptos's reactive updates, has run) plus a forced style
//   and layout of the page; "frame" adds requestAnimationFrame and a task (the frame is drawn).
// - import: the app's own file input gets the file (DataTransfer) and a change event; "to
//   dialog" is read + parse + validation until the confirmation dialog shows; "replace" is the
//   confirm click until the table shows all rows and a frame is drawn, with the save (setItem,
//   wrapped here to time it) inside it.
// - export: the click on 导出台账 runs the whole export synchronously (serialise, Blob, download
//   link); its duration is timed around click(); the download itself is checked.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, readFileSync, writeFileSync, statSync, existsSync } from "node:fs";
import { tmpdir, cpus, totalmem, loadavg } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, "..");
const OUT = join(here, "out");

// Everything the driver knows about the app's page, in one place. Keep these to stable hooks so
// the benchmark survives new filters and columns in the ledger table.
const SEL = {
  ledger: "section.ledger",
  rows: "table.cases tbody tr",
  rowNumber: "table.cases tbody tr td.number",
  count: "#row-count",
  search: "section.ledger input[type=search]",
  // The status filter and the option chosen in it (by its text, about a third of the cases);
  // option 0 is 全部.
  filter: 'section.ledger select[aria-label="按状态筛选"]',
  filterOption: "化解中",
  // The 责任单位 filter, its first unit chosen (its options are every unit in the ledger).
  unitFilter: 'section.ledger select[aria-label="按责任单位筛选"]',
  sortButtons: "table.cases th button.sort",
  sortColumn: 1, // 信访人
  importInput: "input[type=file]#import-file",
  dialog: "[role=dialog]",
  replaceButton: "替换当前台账",
  exportButton: "button.export-ledger",
  // One edit: a progress entry added on a case page (the app saves the whole ledger on each change).
  progressText: "form.add-progress textarea",
  progressSubmit: "form.add-progress button[type=submit]",
  progressEntries: "ol.log li",
  storageKey: "jiean/ledger",
};
const SEARCH_KEY = "拆"; // one keystroke that narrows the ledger to a few per cent of the cases
// The app's User Timing mark when its search index is built (in slices, after the table is drawn).
const INDEX_MARK = "jiean:search-index";
const QUOTA_UNITS = 5 * 1024 * 1024; // Chromium: 10 MiB per origin, two bytes per UTF-16 unit

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")).map(([k, v]) => [k, v ?? "true"]),
);
// A size is a case count, with "b" after it for brief cases (`cargo xtask gen-ledger --brief`).
const SIZES = (args.sizes ?? "100,2000,5000,20000b").split(",");
const RUNS = Number(args.runs ?? 5);
const PROFILE = args.profile === "true";
// Experiment: extra CSS put into the app after each open, before the interactions (not the open).
const EXTRA_CSS = args.css && args.css !== "true" ? args.css : "";
const APP = join(ROOT, "dist", PROFILE ? "jiean-profiling.html" : "jiean.html");
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN",
];

// Runs in every page before its own scripts: timing helpers and a wrapped setItem.
const IN_PAGE = String.raw`
(() => {
  const B = (window.__bench = { sets: [] });
  // The app's wasm instance, to read its memory size.
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...a) {
    return instantiate.apply(this, a).then((r) => { B.wasm = r.instance ?? r; return r; });
  };
  const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const frame = () => new Promise((r) => requestAnimationFrame(() => task().then(r)));
  B.task = task;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const t0 = performance.now();
    try { return setItem.call(this, k, v); } finally { B.sets.push({ key: k, length: v.length, start: t0, end: performance.now() }); }
  };
  // Open: record when all expected rows are in the DOM, then when the thread is free and a frame is drawn.
  B.open = new Promise((resolve) => {
    const expect = Number(new URLSearchParams(location.search).get("bench-expect") || 0);
    if (!expect) return;
    const check = () => {
      if (document.querySelectorAll(${JSON.stringify(SEL.rows)}).length < expect) return false;
      observer.disconnect();
      const rows = performance.now();
      task().then(() => { const idle = performance.now(); frame().then(() => resolve({ rows, idle, frame: performance.now() })); });
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  });
  // An interaction: act(), then wait at task boundaries until done() holds.
  B.measure = async (act, done, timeoutMs = 60000) => {
    const t0 = performance.now();
    act();
    await task();
    while (!done()) {
      if (performance.now() - t0 > timeoutMs) throw new Error("timed out waiting for the page");
      await task();
    }
    const script = performance.now();
    document.body.getBoundingClientRect().height; // forces style and layout
    const layout = performance.now();
    await frame();
    return { script: script - t0, work: layout - t0, frame: performance.now() - t0, t0 };
  };
})();
`;

const splitText = (xs) => `${ms(median(xs.map((x) => x.scriptMs)))} / ${ms(median(xs.map((x) => x.layoutMs)))}`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : "–");

async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "jiean-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true, args: FLAGS, acceptDownloads: true, locale: "zh-CN", viewport: { width: 1280, height: 860 },
  });
  await context.addInitScript(IN_PAGE);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors, async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Opens `url` and returns the open timings; `expect` rows must appear. */
async function open(page, url, expect) {
  // Timestamps are taken in the page from navigation start, so waiting here costs nothing.
  // The rows to wait for travel in the query string, which a file:// page ignores.
  await page.goto(`${url}?bench-expect=${expect}`, { waitUntil: "domcontentloaded" });
  return page.evaluate(() => Promise.race([
    window.__bench.open,
    new Promise((_, fail) => setTimeout(() => fail(new Error(`open: rows did not appear (expected ${location.search}, ${document.querySelectorAll("table.cases tbody tr").length} in the page); page says: ${document.body.innerText.slice(0, 120)}`)), 60000)),
  ]));
}

/** Milliseconds from navigation start to the page's search index being built (the app marks it). */
async function indexBuilt(page) {
  return page.evaluate((mark) => new Promise((resolve) => {
    const t0 = performance.now();
    const poll = () => {
      const [m] = performance.getEntriesByName(mark);
      if (m) resolve(m.startTime);
      else if (performance.now() - t0 > 30000) resolve(NaN);
      else setTimeout(poll, 10);
    };
    poll();
  }), INDEX_MARK);
}

/** The longest string local storage takes, found by halving (Chromium counts UTF-16 units). */
async function probeQuota(page) {
  return page.evaluate(() => {
    const fits = (n, ch) => { try { localStorage.setItem("bench-probe", ch.repeat(n)); return true; } catch { return false; } finally { localStorage.removeItem("bench-probe"); } };
    const largest = (ch) => { let lo = 0, hi = 1 << 25; while (hi - lo > 1024) { const mid = (lo + hi) >> 1; if (fits(mid, ch)) lo = mid; else hi = mid; } return lo; };
    return { ascii: largest("a"), cjk: largest("案") };
  });
}

async function cpuProfile(page, label, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  const result = await action();
  const { profile } = await cdp.send("Profiler.stop");
  writeFileSync(join(OUT, `${label}.cpuprofile`), JSON.stringify(profile));
  // Self time per function, then grouped: the browser outside script ("(program)": style, layout,
  // paint, parsing), garbage collection, DOM calls, string transfer between wasm and JS, Rust (wasm)
  // by crate, and the rest of the JS.
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const groups = new Map();
  const rust = new Map();
  const add = (map, k, v) => map.set(k, (map.get(k) ?? 0) + v);
  for (const node of profile.nodes) {
    const t = dt.get(node.id) ?? 0;
    const { functionName: name, url } = node.callFrame;
    if (!t || name === "(idle)") continue;
    let group;
    if (name === "(program)") group = "browser outside script (style, layout, paint, parse)";
    else if (name === "(garbage collector)") group = "garbage collection";
    else if (url.startsWith("wasm://") || name.includes("::")) {
      const crate = (name.match(/^<?([a-z_]+)(\[|::)/)?.[1]) ?? "other";
      const bucket = name.includes("jiean::core") ? "jiean::core" : name.startsWith("jiean") || name.includes("jiean::ui") ? "jiean::ui" : crate;
      group = `Rust (wasm): ${bucket}`;
      add(rust, name.replace(/::h[0-9a-f]{16}$/, ""), t);
    } else if (/^(decode|encode|encodeInto|getStringFromWasm0|passStringToWasm0|wasm-to-js|js-to-wasm)$/.test(name)) group = "string transfer wasm ↔ JS";
    else if (!url || /^(remove|insertBefore|appendChild|createElement|createTextNode|setAttribute|removeAttribute|replaceWith|before|after|append|getItem|setItem|addEventListener)$/.test(name)) group = `DOM / browser API (${name || "native"})`;
    else group = "JS (glue, page)";
    add(groups, group, t);
  }
  const sorted = (map, k) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
  const domTotal = [...groups.entries()].filter(([g]) => g.startsWith("DOM")).reduce((a, [, v]) => a + v, 0);
  const merged = new Map([...groups.entries()].filter(([g]) => !g.startsWith("DOM")));
  merged.set("DOM / browser API calls from script", domTotal);
  const top = [...sorted(merged, 12), ["— top Rust functions —", NaN], ...sorted(rust, 10)];
  await cdp.detach();
  return { result, top };
}

/** JS heap in use after a garbage collection, and the wasm memory's size (which only grows), MB. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  const wasm = await page.evaluate(() => window.__bench.wasm?.exports.memory.buffer.byteLength ?? NaN);
  return { js: usedSize / 2 ** 20, wasm: wasm / 2 ** 20 };
}

async function benchSize(size, core) {
  const n = parseInt(size, 10);
  const ledgerFile = join(OUT, `ledger-${size}.json`);
  const baselineFile = join(OUT, `baseline-${size}.html`);
  const baselineUrl = pathToFileURL(baselineFile).href;
  const appUrl = pathToFileURL(APP).href;
  const b = await launch();
  const { page } = b;
  const r = { n, size, open: [], base: [], baseAll: [], narrow: [], next: [], indexBuilt: [], clear: [], filter: [], unfilter: [], unit: [], ununit: [], sort: [], exp: [], impDialog: [], impReplace: [], impSave: [], edit: [], editSave: [], editBack: [] };
  const profiles = {};
  try {
    await page.goto(appUrl);
    await page.locator(SEL.ledger).waitFor();
    // The ledger file as a File in the page, through a scratch input outside the app.
    await page.evaluate(() => { const i = document.createElement("input"); i.type = "file"; i.id = "bench-src"; i.hidden = true; document.documentElement.append(i); });
    await page.setInputFiles("#bench-src", ledgerFile);

    const importOnce = async () => {
      const dialog = await page.evaluate(([sel]) => window.__bench.measure(() => {
        const input = document.querySelector(sel.importInput);
        const dt = new DataTransfer();
        dt.items.add(document.getElementById("bench-src").files[0]);
        input.files = dt.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }, () => !!document.querySelector(sel.dialog)), [SEL]);
      const replace = await page.evaluate(([sel, n]) => {
        window.__bench.sets.length = 0;
        return window.__bench.measure(() => {
          [...document.querySelectorAll(`${sel.dialog} button`)].find((b) => b.textContent.includes(sel.replaceButton)).click();
        }, () => !document.querySelector(sel.dialog) && document.querySelectorAll(sel.rows).length > 0 && document.querySelector(sel.count)?.textContent.includes(`共 ${n} 件`))
          .then((m) => ({ ...m, save: window.__bench.sets.filter((s) => s.key === sel.storageKey).map((s) => s.end - m.t0).pop() }));
      }, [SEL, n]);
      return { dialog, replace };
    };
    for (let i = 0; i < RUNS; i++) {
      // Each import starts from an empty ledger, so the table really draws every row.
      if (i > 0) {
        await page.evaluate((k) => { localStorage.removeItem(k); indexedDB.deleteDatabase("jiean"); }, SEL.storageKey);
        await page.reload();
        await page.locator(SEL.ledger).waitFor();
        await page.evaluate(() => { const i = document.createElement("input"); i.type = "file"; i.id = "bench-src"; i.hidden = true; document.documentElement.append(i); });
        await page.setInputFiles("#bench-src", ledgerFile);
      }
      const { dialog, replace } = await importOnce();
      r.impDialog.push(dialog.frame); r.impReplace.push(replace.frame); r.impSave.push(replace.save);
    }
    const stored = await page.evaluate((k) => { const v = localStorage.getItem(k); return { length: v.length, packed: v.startsWith("jiean-z1:") }; }, SEL.storageKey);
    r.stored = stored;
    // The table may draw only the first rows (it pages): the floor is a static page of those rows.
    const drawn = await page.locator(SEL.rows).count();
    r.drawn = drawn;
    let drawnUrl = baselineUrl;
    if (drawn < n) {
      const html = readFileSync(baselineFile, "utf8");
      let at = html.indexOf("<tbody>") + "<tbody>".length;
      for (let k = 0; k < drawn; k++) at = html.indexOf("</tr>", at) + "</tr>".length;
      const file = join(OUT, `baseline-${size}-first-${drawn}.html`);
      writeFileSync(file, html.slice(0, at) + html.slice(html.indexOf("</tbody>")));
      drawnUrl = pathToFileURL(file).href;
    }

    for (let i = 0; i < RUNS; i++) {
      const [download, t] = await Promise.all([
        page.waitForEvent("download"),
        page.evaluate((sel) => { const t0 = performance.now(); document.querySelector(sel).click(); return performance.now() - t0; }, SEL.exportButton),
      ]);
      r.exp.push(t);
      if (i === 0) {
        const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
        if (exported.cases.length !== n) throw new Error(`export holds ${exported.cases.length} cases, not ${n}`);
      }
    }

    // After the imports and exports: the wasm memory has grown to its peak (it never shrinks).
    r.memAfterWork = await memory(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((x) => [x.name, x.value * 1000]));
    // Where the time went, from Chromium's own counters: script (JS and wasm, with the DOM calls
    // they make) and style + layout.
    const split = async (f) => {
      const before = await metrics();
      const result = await f();
      const after = await metrics();
      const d = (k) => after[k] - before[k];
      return { ...result, scriptMs: d("ScriptDuration"), layoutMs: d("LayoutDuration") + d("RecalcStyleDuration") };
    };
    for (let i = 0; i < RUNS; i++) {
      const o = await open(page, appUrl, drawn);
      r.open.push(o.frame);
      if (i === 0) r.memOpen = await memory(page);
      if (EXTRA_CSS) await page.addStyleTag({ content: EXTRA_CSS });
      const step = (act, done) => split(() => page.evaluate(([sel, act, done, key, value, n]) => {
        const $ = (s) => document.querySelector(s);
        const rows = () => document.querySelectorAll(sel.rows).length;
        const acts = {
          type: () => { const s = $(sel.search); s.value = key; s.dispatchEvent(new InputEvent("input", { bubbles: true })); },
          clear: () => { const s = $(sel.search); s.value = ""; s.dispatchEvent(new InputEvent("input", { bubbles: true })); },
          filter: () => { const f = $(sel.filter); f.value = [...f.options].find((o) => o.textContent.trim() === value).value; f.dispatchEvent(new Event("change", { bubbles: true })); },
          unfilter: () => { const f = $(sel.filter); f.value = f.options[0].value; f.dispatchEvent(new Event("change", { bubbles: true })); },
          unit: () => { const f = $(sel.unitFilter); f.value = f.options[1].value; f.dispatchEvent(new Event("change", { bubbles: true })); },
          ununit: () => { const f = $(sel.unitFilter); f.value = f.options[0].value; f.dispatchEvent(new Event("change", { bubbles: true })); },
          sort: () => document.querySelectorAll(sel.sortButtons)[sel.sortColumn].click(),
        };
        const before = $(sel.count).textContent;
        const dones = {
          changed: () => $(sel.count).textContent !== before,
          sorted: () => document.querySelectorAll(sel.sortButtons)[sel.sortColumn].closest("th").getAttribute("aria-sort") !== "none",
        };
        return window.__bench.measure(acts[act], dones[done]).then((m) => ({ ...m, rows: rows() }));
      }, [SEL, act, done, SEARCH_KEY, SEL.filterOption, n]));
      // A clerk's first keystroke comes after the page has done its own work after opening
      // (the search index, timed here as a row of its own).
      r.indexBuilt.push(await indexBuilt(page));
      const narrow = await step("type", "changed");
      const clear = await step("clear", "changed");
      // The same keystroke again, later: it should take no longer than the first.
      const next = await step("type", "changed");
      await step("clear", "changed");
      const filter = await step("filter", "changed");
      const unfilter = await step("unfilter", "changed");
      const unit = await step("unit", "changed");
      const ununit = await step("ununit", "changed");
      const sort = await step("sort", "sorted");
      r.narrow.push(narrow.work); r.next.push(next.work); r.nextRows = next.rows; r.clear.push(clear.work); r.filter.push(filter.work); r.unfilter.push(unfilter.work); r.unit.push(unit.work); r.ununit.push(ununit.work); r.unitRows = unit.rows; r.sort.push(sort.work);
      r.narrowFrame = [...(r.narrowFrame ?? []), narrow.frame];
      r.nextFrame = [...(r.nextFrame ?? []), next.frame];
      r.clearFrame = [...(r.clearFrame ?? []), clear.frame];
      r.filterFrame = [...(r.filterFrame ?? []), filter.frame];
      r.sortFrame = [...(r.sortFrame ?? []), sort.frame];
      r.narrowRows = narrow.rows; r.filterRows = filter.rows;
      for (const [k, v] of Object.entries({ narrow, clear, filter, sort })) {
        (r[`${k}Split`] ??= []).push(v);
      }
      if (PROFILE && i === RUNS - 1) {
        await page.evaluate((k) => { localStorage.removeItem(k); indexedDB.deleteDatabase("jiean"); }, SEL.storageKey);
        await page.reload();
        await page.locator(SEL.ledger).waitFor();
        await page.evaluate(() => { const i = document.createElement("input"); i.type = "file"; i.id = "bench-src"; i.hidden = true; document.documentElement.append(i); });
        await page.setInputFiles("#bench-src", ledgerFile);
        profiles.import = (await cpuProfile(page, `import-${size}`, importOnce)).top;
        await open(page, appUrl, drawn);
        await indexBuilt(page);
        profiles.keystroke = (await cpuProfile(page, `keystroke-${size}`, () => step("type", "changed"))).top;
        profiles.clear = (await cpuProfile(page, `clear-${size}`, () => step("clear", "changed"))).top;
        profiles.filter = (await cpuProfile(page, `filter-${size}`, () => step("filter", "changed"))).top;
        await step("unfilter", "changed");
        profiles.sort = (await cpuProfile(page, `sort-${size}`, () => step("sort", "sorted"))).top;
        profiles.open = (await cpuProfile(page, `open-${size}`, () => open(page, appUrl, drawn))).top;
      }
    }
    // One edit on a case page, saved: click → stored → frame.
    const editOnce = async (i) => {
      await open(page, appUrl, drawn);
      await page.locator(SEL.rows).nth(i).click();
      await page.locator(SEL.progressText).fill(`基准测试添加的办理情况 ${i}`);
      return page.evaluate((sel) => {
        window.__bench.sets.length = 0;
        const before = document.querySelectorAll(sel.progressEntries).length;
        // Saved = the status bar says 已保存 (the journal's transaction is on disk), after it said 正在保存….
        const status = document.querySelector("#save-state");
        let t0 = performance.now(), saving = false;
        const onDisk = status ? new Promise((resolve) => {
          new MutationObserver(() => {
            if (status.dataset.state === "Saving") saving = true;
            else if (saving && status.dataset.state === "Saved") resolve(performance.now() - t0);
          }).observe(status, { attributes: true });
        }) : null;
        return window.__bench.measure(() => { t0 = performance.now(); document.querySelector(sel.progressSubmit).click(); },
          () => document.querySelectorAll(sel.progressEntries).length > before)
          .then(async (m) => ({ ...m, save: onDisk ? await onDisk : window.__bench.sets.filter((s) => s.key === sel.storageKey).map((s) => s.end - m.t0).pop() }));
      }, SEL);
    };
    // After the edit: back to the table (its facts are worked out again for the edited case).
    const backToTable = () => page.evaluate((sel) => window.__bench.measure(
      () => [...document.querySelectorAll("button")].find((b) => b.textContent.includes("返回台账")).click(),
      () => document.querySelectorAll(sel.rows).length > 0), SEL);
    for (let i = 0; i < RUNS; i++) {
      const edit = await editOnce(i);
      r.edit.push(edit.frame); r.editSave.push(edit.save);
      r.editBack.push((await backToTable()).frame);
      // The app writes the whole ledger at idle, 1.5 s after the last save or after an open that
      // found local storage behind the journal (ui/state.rs, COMPACT_AFTER_MS): each edit here
      // starts after that write, so that it is not measured together with it.
      await page.waitForTimeout(3000);
    }
    if (PROFILE) {
      await open(page, appUrl, drawn);
      await page.locator(SEL.rows).nth(RUNS).click();
      await page.locator(SEL.progressText).fill("基准测试添加的办理情况（剖析）");
      profiles.edit = (await cpuProfile(page, `edit-${size}`, () => page.evaluate((sel) => {
        const before = document.querySelectorAll(sel.progressEntries).length;
        return window.__bench.measure(() => document.querySelector(sel.progressSubmit).click(),
          () => document.querySelectorAll(sel.progressEntries).length > before);
      }, SEL))).top;
    }
    for (let i = 0; i < RUNS; i++) r.base.push((await open(page, drawnUrl, drawn)).frame);
    for (let i = 0; i < RUNS && drawn < n; i++) r.baseAll.push((await open(page, baselineUrl, n)).frame);
    // Last, as it leaves another ledger behind: the ledger as an Excel sheet (the app's own XLSX
    // export) brought in again: into the ledger
    // that holds its cases (preview, one mapping change, 核对改动 → merge preview) and into an
    // empty ledger (preview, one mapping change, 导入 → table). 2,000 rows at most.
    if (n <= 2000) {
      await open(page, appUrl, drawn);
      await page.locator("details.menu summary").click();
      const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出 Excel（.xlsx）" }).click()]);
      const sheetFile = join(OUT, `sheet-${size}.xlsx`);
      await xlsx.saveAs(sheetFile);
      const sheetStep = (act, want) => page.evaluate(([act, want]) => {
        const $ = (s) => document.querySelector(s);
        const acts = {
          choose: () => {
            const input = $("#import-table-file");
            const dt = new DataTransfer();
            dt.items.add($("#bench-src").files[0]);
            input.files = dt.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
          },
          // 稳控责任人 to 不导入 and back to its column: two changes, one is timed.
          remap: () => {
            const select = $('select[aria-label="稳控责任人的来源列"]');
            if (select.value !== "") window.__benchColumn = select.value;
            select.value = select.value === "" ? window.__benchColumn : "";
            select.dispatchEvent(new Event("change", { bubbles: true }));
          },
          confirm: () => $("#confirm-table-import").click(),
        };
        const dones = {
          summary: () => ($("#import-summary")?.textContent ?? "").includes(want),
          task: () => true,
          merge: () => !!$("#merge-counts"),
          table: () => ($("#row-count")?.textContent ?? "").includes(want),
        };
        const done = want.startsWith("=") ? dones[want.slice(1)] : act === "confirm" ? dones.table : dones.summary;
        return window.__bench.measure(acts[act], done, 300000).then((m) => m.frame);
      }, [act, want]);
      const fresh = async () => {
        await page.evaluate((k) => { localStorage.removeItem(k); indexedDB.deleteDatabase("jiean"); }, SEL.storageKey);
        await page.reload();
        await page.locator(SEL.ledger).waitFor();
      };
      const source = async () => {
        await page.evaluate(() => { if (!document.getElementById("bench-src")) { const i = document.createElement("input"); i.type = "file"; i.id = "bench-src"; i.hidden = true; document.documentElement.append(i); } });
        await page.setInputFiles("#bench-src", sheetFile);
      };
      r.sheetHeld = []; r.sheetHeldRemap = []; r.sheetMerge = []; r.sheetNew = []; r.sheetNewRemap = []; r.sheetImport = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) {
        await source();
        r.sheetHeld.push(await sheetStep("choose", "件台账中已有"));
        r.sheetHeldRemap.push(await sheetStep("remap", "=task"));
        await sheetStep("remap", "=task");
        r.sheetMerge.push(await sheetStep("confirm", "=merge"));
        await page.getByRole("button", { name: "取消" }).click();
        await page.locator(SEL.ledger).waitFor();
      }
      for (let i = 0; i < Math.min(RUNS, 3); i++) {
        await fresh();
        await source();
        r.sheetNew.push(await sheetStep("choose", `可导入 ${n} 件案件`));
        r.sheetNewRemap.push(await sheetStep("remap", "=task"));
        await sheetStep("remap", "=task");
        r.sheetImport.push(await sheetStep("confirm", `共 ${n} 件`));
      }
      console.log(`bench: sheet of ${n}: held ${r.sheetHeld} / remap ${r.sheetHeldRemap} / merge ${r.sheetMerge}; new ${r.sheetNew} / remap ${r.sheetNewRemap} / import ${r.sheetImport} ms`);
    }

    if (b.errors.length) throw new Error(`page errors: ${b.errors.join("; ")}`);
  } finally {
    await b.close();
  }
  return { r, core, profiles };
}

function coreTimes(size) {
  const out = execFileSync("cargo", ["xtask", "bench-core", "--ledger", join(OUT, `ledger-${size}.json`), "--runs", String(RUNS)], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop());
}

async function main() {
  const b = await launch();
  await b.page.goto(pathToFileURL(APP).href);
  const quota = await probeQuota(b.page);
  await b.close();

  const results = [];
  for (const n of SIZES) {
    const core = coreTimes(n);
    process.stderr.write(`bench: ${n} cases…\n`);
    results.push(await benchSize(n, core));
  }

  const htmlBytes = statSync(join(ROOT, "dist", "jiean.html")).size;
  const cols = results.map(({ r }) => `${r.n} ${r.size.endsWith("b") ? "brief " : ""}cases`);
  const row = (label, f) => `| ${label} | ${results.map(f).join(" | ")} |`;
  const m = (key) => ({ r }) => ms(median(r[key]));
  const lines = [
    `| measure (median of ${RUNS} runs, ms unless noted) | ${cols.join(" | ")} |`,
    `|---|${cols.map(() => "---:").join("|")}|`,
    row("rows the table draws on open", ({ r }) => `${r.drawn} of ${r.n}`),
    row("open → interactive table, app", m("open")),
    row("open → same rows, static baseline (no script)", m("base")),
    row("**open ratio app / baseline** (budget ≤ 1.5× at 2,000)", ({ r }) => `**${(median(r.open) / median(r.base)).toFixed(2)}×**`),
    row("(static page of all rows, for comparison)", ({ r }) => (r.baseAll.length ? ms(median(r.baseAll)) : "same")),
    row("open → search index built (in slices after the table is drawn)", m("indexBuilt")),
    row(`first search keystroke “${SEARCH_KEY}”: app work (→ rows shown)`, ({ r }) => `${ms(median(r.narrow))} (→ ${r.narrowRows})`),
    row(`the same keystroke again, later: app work (→ rows shown)`, ({ r }) => `${ms(median(r.next))} (→ ${r.nextRows})`),
    row("clear search (→ all rows): app work", m("clear")),
    row(`filter ${SEL.filterOption}: app work (→ rows shown)`, ({ r }) => `${ms(median(r.filter))} (→ ${r.filterRows})`),
    row("filter back to 全部: app work", m("unfilter")),
    row("filter by 责任单位 (its first unit) / back to 全部: app work (→ rows shown)", ({ r }) => `${ms(median(r.unit))} / ${ms(median(r.ununit))} (→ ${r.unitRows})`),
    row("sort by 信访人: app work", m("sort")),
    row("… of which script (JS + wasm + DOM calls) / style + layout: keystroke", ({ r }) => splitText(r.narrowSplit)),
    row("… of which script / style + layout: clear search", ({ r }) => splitText(r.clearSplit)),
    row("… of which script / style + layout: filter", ({ r }) => splitText(r.filterSplit)),
    row("… of which script / style + layout: sort", ({ r }) => splitText(r.sortSplit)),
    row("… first keystroke / again / clear / filter / sort, to next frame drawn", ({ r }) => [r.narrowFrame, r.nextFrame, r.clearFrame, r.filterFrame, r.sortFrame].map((x) => ms(median(x))).join(" / ")),
    row("import: choose file → confirm dialog (read + parse)", m("impDialog")),
    row("import: 替换 → saved to storage", m("impSave")),
    row("import: 替换 → table drawn", m("impReplace")),
    row("export: click → download ready (whole ledger)", m("exp")),
    row("one edit (add 办理情况 on a case page): click → saved (on disk: 已保存)", m("editSave")),
    row("one edit: click → frame drawn", m("edit")),
    row("one edit, then 返回台账: click → table drawn", m("editBack")),
    row("Excel sheet (the app's XLSX) of held cases: choose → preview / one mapping change / 核对改动 → merge preview", ({ r }) => (r.sheetHeld ? [r.sheetHeld, r.sheetHeldRemap, r.sheetMerge].map((x) => ms(median(x))).join(" / ") : "–")),
    row("Excel sheet into an empty ledger: choose → preview / one mapping change / 导入 → table drawn", ({ r }) => (r.sheetNew ? [r.sheetNew, r.sheetNewRemap, r.sheetImport].map((x) => ms(median(x))).join(" / ") : "–")),
    row("core, native: read_ledger (import parse)", ({ core }) => ms(core.ms.read_ledger_import)),
    row("core, native: write_ledger pretty (export)", ({ core }) => ms(core.ms.write_ledger_export)),
    row("core, native: save = write compact + pack", ({ core }) => ms(core.ms.write_ledger_save + core.ms.pack_for_storage)),
    row("core, native: load = unpack + read", ({ core }) => ms(core.ms.unpack_and_read_stored)),
    row("core, native: SearchIndex::new / keystroke / sort", ({ core }) => `${ms(core.ms.search_index_build)} / ${ms(core.ms.search_keystroke)} / ${ms(core.ms.sort_by_petitioner)}`),
    row("core, native: Excel sheet preview, CSV / XLSX (read + guess + plan)", ({ core }) => `${ms(core.ms.sheet_preview_csv)} / ${ms(core.ms.sheet_preview_xlsx)}`),
    row("core, native: Excel import, one mapping change (plan again)", ({ core }) => ms(core.ms.sheet_mapping_change)),
    row("core, native: Excel import, value-mapping list / one value choice (plan again)", ({ core }) => `${ms(core.ms.sheet_value_list)} / ${ms(core.ms.sheet_value_choice)}`),
    row("core, native: Excel sheet of held cases, plan updates / + merge preview plan", ({ core }) => `${ms(core.ms.sheet_update_plan)} / ${ms(core.ms.sheet_update_preview)}`),
    row("core, native: closure::check of every case", ({ core }) => `${ms(core.ms.closure_check_all)} (${core.ready} ready)`),
    row("export file size", ({ core }) => `${(core.export_bytes / 1048576).toFixed(1)} MB`),
    row("stored: plain JSON would take (UTF-16 units, % of quota)", ({ core }) => `${(core.json_utf16 / 1e6).toFixed(2)} M (${((100 * core.json_utf16) / QUOTA_UNITS).toFixed(0)} %)`),
    row("memory after open: JS heap / wasm memory (MB)", ({ r }) => `${r.memOpen.js.toFixed(1)} / ${r.memOpen.wasm.toFixed(0)}`),
    row("memory after imports and exports: JS heap / wasm memory, its peak (MB)", ({ r }) => `${r.memAfterWork.js.toFixed(1)} / ${r.memAfterWork.wasm.toFixed(0)}`),
    row("stored: as saved by the app (% of quota)", ({ r }) => `${(r.stored.length / 1e6).toFixed(2)} M${r.stored.packed ? " packed" : " plain"} (${((100 * r.stored.length) / QUOTA_UNITS).toFixed(1)} %)`),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${execFileSync(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim()} headless, Node ${process.version}`;
  const header = [
    `Benchmark of ${PROFILE ? "dist/jiean-profiling.html" : "dist/jiean.html"} (${(htmlBytes / 1024).toFixed(0)} KB; budget 600 KB), ${new Date().toISOString().slice(0, 10)}`,
    `Machine: ${machine}; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(" ")} (the machine is shared: expect noise).`,
    ...(EXTRA_CSS ? [`Experiment: interactions measured with extra CSS: \`${EXTRA_CSS}\``] : []),
    `Local-storage quota probed: ${quota.cjk.toLocaleString("en")} units of CJK text, ${quota.ascii.toLocaleString("en")} of ASCII (±1 KB).`,
    "",
  ];
  let text = header.concat(lines).join("\n") + "\n";
  for (const { r, profiles } of results) {
    for (const [what, top] of Object.entries(profiles)) {
      text += `\nCPU profile, ${what}, ${r.n} cases (self time, ms):\n` + top.map(([name, t]) => `  ${Number.isNaN(t) ? "".padStart(8) : t.toFixed(1).padStart(8)}  ${name.slice(0, 110)}`).join("\n") + "\n";
    }
  }
  process.stdout.write(text);
  writeFileSync(join(here, PROFILE || EXTRA_CSS || args.sizes ? "out/results-partial.md" : "results.md"), text);
}

await main();
