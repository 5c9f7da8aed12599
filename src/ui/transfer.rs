//! Moving the ledger in and out as JSON files: export, import (merge or replace), raw export.
//! Export also writes CSV and XLSX for Excel (the 「Excel 表格」 menu of `table_import`).

use leptos::prelude::*;

use super::browser;
use super::state::{AppState, MergeSession, Pending, Screen};
use crate::core::exchange::json::{fill_missing_ids, read_ledger, write_ledger};
use crate::core::exchange::merge;
use crate::core::exchange::table_export::{cases_to_csv, cases_to_xlsx};
use crate::core::exchange::vault::{self, Key};
use crate::core::ledger::model::{Case, Ledger};
use crate::core::ledger::text::format_date;
use crate::storage;

/// A download's file name with today's date: 积案台账-20260301.json.
pub(super) fn dated_name(stem: &str, ext: &str) -> String {
    format!("{stem}-{}.{ext}", format_date(browser::today()).replace('-', ""))
}

/// Exports the whole ledger, or only the cases the table shows (`only_shown`). An encrypted
/// ledger is exported encrypted with the same passphrase.
pub fn export_ledger(state: AppState, only_shown: bool) {
    let key = state.key.get_untracked();
    export_with(state, only_shown, key.as_ref());
}

/// Exports sealed with `key` when one is given.
pub fn export_with(state: AppState, only_shown: bool, key: Option<&Key>) {
    let json = state.ledger.with_untracked(|l| {
        if only_shown {
            let shown = state.rows.get_untracked();
            let part = Ledger {
                cases: shown.into_iter().map(|i| l.cases[i].clone()).collect(),
                ..l.clone_settings()
            };
            write_ledger(&part, Some(browser::now()), true)
        } else {
            write_ledger(l, Some(browser::now()), true)
        }
    });
    let text = match key {
        Some(key) => match (storage::random(), storage::random()) {
            (Ok(a), Ok(b)) => key.seal(&json, [a, b]),
            _ => return state.warn("浏览器无法提供加密所需的随机数，未导出。"),
        },
        None => json,
    };
    let stem = match (only_shown, key.is_some()) {
        (true, true) => "积案台账-筛选结果-加密",
        (true, false) => "积案台账-筛选结果",
        (false, true) => "积案台账-加密",
        (false, false) => "积案台账",
    };
    if browser::download(&dated_name(stem, "json"), "application/json", &text).is_err() {
        state.warn("浏览器未能生成导出文件，请重试。");
    } else if !only_shown {
        // Only a file of the whole ledger is a backup.
        state.note_export();
    }
}

/// What an export writes: the JSON exchange file, or a spreadsheet for Excel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

/// Exports in `format`, first asking "all or only those shown?" when the table hides cases.
pub fn start_export(state: AppState, format: Format) {
    if some_hidden(state) {
        state.pending.set(Some(Pending::Export(format)));
    } else {
        export_in(state, format, false);
    }
}

fn export_in(state: AppState, format: Format, only_shown: bool) {
    match format {
        Format::Json => export_ledger(state, only_shown),
        Format::Csv | Format::Xlsx => export_table(state, format == Format::Xlsx, only_shown),
    }
}

/// Exports the cases as a spreadsheet (XLSX or CSV), all or only those the table shows (in its
/// order). A spreadsheet is never encrypted: Excel could not open it. So an encrypted ledger
/// says so after the download.
pub fn export_table(state: AppState, xlsx: bool, only_shown: bool) {
    let stem = if only_shown { "积案台账-筛选结果" } else { "积案台账" };
    let result = state.ledger.with_untracked(|l| {
        let cases: Vec<&Case> = if only_shown {
            state.rows.with_untracked(|rows| rows.iter().map(|&i| &l.cases[i]).collect())
        } else {
            l.cases.iter().collect()
        };
        if xlsx {
            let bytes = cases_to_xlsx(&cases, &l.campaign);
            browser::download_bytes(
                &dated_name(stem, "xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &bytes,
            )
        } else {
            browser::download(
                &dated_name(stem, "csv"),
                "text/csv;charset=utf-8",
                &cases_to_csv(&cases, &l.campaign),
            )
        }
    });
    if result.is_err() {
        state.warn("浏览器未能生成导出文件，请重试。");
    } else if state.key.with_untracked(Option::is_some) {
        state.inform("已导出表格文件。注意：Excel/CSV 文件不加密，任何人拿到都能打开，请妥善保管，用完删除。");
    }
}

/// Reads an imported file's ledger and asks what to do with it.
pub fn offer_import(state: AppState, file_name: String, json: &str) {
    match read_ledger(json) {
        Ok(mut incoming) => {
            fill_missing_ids(&mut incoming, browser::new_id);
            state.notice.set(None);
            state.pending.set(Some(Pending::Import { file_name, incoming }));
        }
        Err(reason) => {
            state.warn(format!("无法导入《{file_name}》，当前台账没有任何改动。{reason}"))
        }
    }
}

/// The dialog for an encrypted file: its passphrase, then the usual import.
pub fn sealed_import(state: AppState, file_name: String, sealed: String) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let name = file_name.clone();
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let (sealed, name) = (sealed.clone(), name.clone());
        set_timeout(
            move || {
                match vault::open(&sealed, &passphrase.get_untracked()) {
                    Ok((json, _)) => offer_import(state, name, &json),
                    Err(e) => error.set(Some(e.to_string())),
                }
                busy.set(false);
            },
            std::time::Duration::from_millis(30),
        );
    };
    view! {
        <form on:submit=open>
            <h2>"导入加密的台账文件"</h2>
            <p>"文件《" {file_name} "》已加密。请输入导出时设置的密码。"</p>
            <label class="field"><span class="label">"文件密码"</span>
                <input type="password" id="file-passphrase" autofocus
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="buttons">
                <button type="submit" class="primary" disabled=move || busy.get()>{move || if busy.get() { "正在解密…" } else { "解密并导入" }}</button>
                <button type="button" on:click=move |_| state.pending.set(None)>"取消"</button>
            </div>
        </form>
    }
}

/// Whether the ledger table hides some cases right now (search or filters).
fn some_hidden(state: AppState) -> bool {
    state.rows.with_untracked(Vec::len) < state.ledger.with_untracked(|l| l.cases.len())
}

/// The export dialog's body when a search or filter is active: everything, or what is shown.
pub fn export_choices(state: AppState, format: Format) -> impl IntoView {
    let (shown, total) =
        (state.rows.with_untracked(Vec::len), state.ledger.with_untracked(|l| l.cases.len()));
    let export = move |only_shown| {
        state.pending.set(None);
        export_in(state, format, only_shown);
    };
    view! {
        <h2>"导出台账"</h2>
        <p>"台账正按搜索或筛选条件显示 " <strong>{shown}</strong> " 件（共 " {total} " 件）。"</p>
        <p class="hint">"用于备份时请导出全部案件。"</p>
        <div class="buttons">
            <button class="primary" on:click=move |_| export(false)>{format!("导出全部 {total} 件")}</button>
            <button id="export-shown" on:click=move |_| export(true)>{format!("只导出显示的 {shown} 件")}</button>
            <button on:click=move |_| state.pending.set(None)>"取消"</button>
        </div>
    }
}

pub fn export_unreadable(state: AppState) {
    let raw = state.health.with_untracked(|h| match h {
        super::state::StorageHealth::Unreadable { raw, .. } => raw.clone(),
        _ => String::new(),
    });
    if browser::download(&dated_name("积案台账-无法读取的原始数据", "txt"), "text/plain", &raw)
        .is_err()
    {
        state.warn("浏览器未能生成导出文件，请重试。");
    }
}

#[component]
pub fn ExportButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <button class="export-ledger" title="把整个台账保存为台账文件（.json），用于备份或报送"
            on:click=move |_| start_export(state, Format::Json)>
            "导出台账"
        </button>
    }
}

#[component]
pub fn ImportButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = browser::chosen_file(&ev) else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let file_name = file.name();
            match browser::read_text(&file).await {
                Ok(text) if vault::is_sealed(&text) => {
                    state.pending.set(Some(Pending::ImportSealed { file_name, sealed: text }))
                }
                Ok(text) => offer_import(state, file_name, &text),
                Err(reason) => {
                    state.warn(format!("无法导入《{file_name}》，当前台账没有任何改动。{reason}"))
                }
            }
        });
    };
    view! {
        <button title="从台账文件（.json）导入案件" on:click=move |_| {
            if let Some(input) = input.get() { input.click(); }
        }>"导入台账"</button>
        <input type="file" accept=".json,application/json" class="hidden" id="import-file"
            node_ref=input on:change=on_change/>
    }
}

/// The import dialog's body: how many cases the file holds and what to do with them.
pub fn import_choices(state: AppState, file_name: String, incoming: Ledger) -> impl IntoView {
    let current = state.ledger.with_untracked(|l| l.cases.len());
    let count = incoming.cases.len();
    let for_replace = incoming.clone();
    let name = file_name.clone();
    let preview = move |_| {
        state.pending.set(None);
        let plan = state.ledger.with_untracked(|l| {
            state.local.with_untracked(|local| merge::plan(l, &incoming, |id| local.in_trash(id)))
        });
        let picks = plan.default_picks();
        state.merge.set(Some(MergeSession { file_name: name.clone(), plan, picks }));
        state.go(Screen::Merge);
    };
    let replace = move |_| {
        state.pending.set(None);
        let incoming = for_replace.clone();
        // Cases the file does not hold go to the 回收站 rather than being lost.
        let dropped: Vec<_> = state.ledger.with_untracked(|l| {
            l.cases.iter().filter(|c| incoming.find(&c.id).is_none()).cloned().collect()
        });
        let kept = dropped.len();
        let now = browser::now();
        state.local.update(|local| local.throw_away(dropped, now));
        state.change(|ledger| *ledger = incoming);
        let mut text = format!("已用导入的文件替换台账，现有 {count} 件案件。");
        if kept > 0 {
            text += &format!("原台账中不在文件里的 {kept} 件案件已移入回收站。");
        }
        state.inform(text);
    };
    view! {
        <h2>"导入台账"</h2>
        <p>"文件《" {file_name} "》包含 " <strong>{count}</strong> " 件案件；当前台账有 " {current} " 件。"</p>
        <ul class="choices">
            <li>"「合并到当前台账」：按案件逐件比对，新案件加入，相同的跳过，两边不同的逐项列出供您选择。确认前不会改动台账。"</li>
            <li>"「替换当前台账」：当前台账将被文件内容取代，不在文件中的案件移入回收站。建议先导出备份。"</li>
        </ul>
        <div class="buttons">
            <button class="primary" on:click=preview>"合并到当前台账"</button>
            <button class="danger" on:click=replace>"替换当前台账"</button>
            <button on:click=move |_| state.pending.set(None)>"取消"</button>
        </div>
    }
}
