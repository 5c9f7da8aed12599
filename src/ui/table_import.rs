//! Excel in, Excel out: the header menu that imports a CSV/XLSX 台账 and exports the ledger as
//! CSV or XLSX (through `transfer`), and the import screen (column mapping, live preview with
//! row errors, confirm).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::state::{AppState, MergeSession, Screen};
use super::transfer::{start_export, Format};
use crate::core::exchange::merge;
use crate::core::exchange::table_import::headers::MIN_NAMED;
use crate::core::exchange::table_import::memory::Memory;
use crate::core::exchange::table_import::values::{options, parse_cell_date, DateCell};
use crate::core::exchange::table_import::{
    apply, error_rows_csv, file_kind, guess_layout, guess_mapping, guess_sheet, incoming,
    layout_at, plan_import, read_csv, read_xlsx, unrecognised_values, Context, Field, FileKind,
    ImportPlan, Layout, Mapping, Table, MAX_LISTED_ERRORS,
};
use crate::core::exchange::xlsx::column_name;
use crate::core::ledger::text::date_text;
use crate::storage;

/// A chosen spreadsheet on its way in: the file's sheets and how the clerk maps them.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub file_name: String,
    /// "GBK", "UTF-8" … for CSV; `None` for XLSX.
    pub encoding: Option<&'static str>,
    /// The workbook's sheets (one for CSV).
    pub tables: Vec<Table>,
    /// Index into `tables` of the sheet being imported.
    pub sheet: usize,
    pub layout: Layout,
    pub mapping: Mapping,
    /// Put before 序号 when the sheet has no 案件编号.
    pub number_prefix: String,
    /// The mapping comes from the last file with the same headers (`table_import::memory`).
    pub remembered: bool,
}

impl Session {
    fn new(file_name: String, encoding: Option<&'static str>, tables: Vec<Table>) -> Session {
        let mut session = Session {
            file_name,
            encoding,
            tables,
            sheet: 0,
            layout: Layout::default(),
            mapping: Mapping::default(),
            number_prefix: "导入-".into(),
            remembered: false,
        };
        session.choose_sheet(guess_sheet(&session.tables));
        session
    }

    fn table(&self) -> &Table {
        &self.tables[self.sheet]
    }

    /// Takes another sheet, guessing its header and columns afresh.
    fn choose_sheet(&mut self, sheet: usize) {
        self.sheet = sheet.min(self.tables.len() - 1);
        self.layout = guess_layout(self.table());
        self.match_columns();
    }

    /// Takes another header row, matching the columns afresh.
    fn choose_header(&mut self, at: usize) {
        self.layout = layout_at(self.table(), at.min(self.table().rows.len() - 1));
        self.match_columns();
    }

    /// The mapping a clerk confirmed for these headers before, else the guess.
    fn match_columns(&mut self) {
        let memory = Memory::read(storage::import_mapping().as_deref());
        let recalled = memory.recall(&self.layout.headers);
        self.remembered = recalled.is_some();
        self.mapping = recalled.unwrap_or_else(|| guess_mapping(&self.layout.headers));
    }

    /// Remembers the confirmed mapping when it is not the guess.
    fn remember(&self) {
        let mut memory = Memory::read(storage::import_mapping().as_deref());
        memory.remember(&self.layout.headers, &self.mapping, &guess_mapping(&self.layout.headers));
        storage::save_import_mapping(&memory.to_text());
    }

    fn plan(&self, ledger: &crate::core::ledger::model::Ledger) -> ImportPlan {
        let now = browser::now();
        let context =
            Context { ledger, today: now.date(), now, number_prefix: self.number_prefix.trim() };
        plan_import(self.table(), &self.layout, &self.mapping, &context)
    }

    /// "B 列 · 编号", the way a column is offered in the mapping.
    fn column_label(&self, column: usize) -> String {
        let header = self.layout.headers.get(column).map(|h| h.trim()).unwrap_or("");
        let letter = column_name(column);
        if header.is_empty() {
            format!("{letter} 列")
        } else {
            format!("{letter} 列 · {header}")
        }
    }

    /// The first non-empty value below the header in a column, to show what it holds; a date
    /// column shows the date, not Excel's serial number.
    fn sample(&self, field: Field, column: usize) -> String {
        let text = self.first_value(column);
        match parse_cell_date(&text, self.table().serial_dates) {
            Ok(DateCell::Date(date)) if field.is_date() => date_text(Some(date)),
            _ => text,
        }
    }

    fn first_value(&self, column: usize) -> String {
        self.table()
            .rows
            .iter()
            .skip(self.layout.data_at())
            .filter_map(|(_, cells)| cells.get(column).map(|c| c.trim()).filter(|c| !c.is_empty()))
            .next()
            .map(|c| c.chars().take(40).collect())
            .unwrap_or_default()
    }
}

/// Reads a chosen file into a session, or says in Chinese why it cannot.
async fn open_file(file: &web_sys::File) -> Result<Session, String> {
    let bytes = browser::read_bytes(file).await?;
    let (encoding, tables) = match file_kind(&bytes)? {
        FileKind::Xlsx => (None, read_xlsx(&bytes)?),
        FileKind::Text(encoding) => {
            let text = browser::decode_text(&bytes, encoding.label())?;
            (Some(encoding.name()), vec![read_csv(&text)?])
        }
    };
    if tables.iter().all(|t| t.rows.is_empty()) {
        return Err("工作簿中没有任何数据。".into());
    }
    Ok(Session::new(file.name(), encoding, tables))
}

/// The header's 「Excel 表格」 menu: import from CSV/XLSX, export as XLSX or CSV.
#[component]
pub fn TableMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = state.import_session;
    let input = NodeRef::<leptos::html::Input>::new();
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = browser::chosen_file(&ev) else { return };
        wasm_bindgen_futures::spawn_local(async move {
            match open_file(&file).await {
                Ok(opened) => {
                    state.notice.set(None);
                    session.set(Some(opened));
                    state.go(Screen::TableImport);
                }
                Err(reason) => state
                    .warn(format!("无法导入《{}》：{reason} 当前台账没有任何改动。", file.name())),
            }
        });
    };
    // Like any menu it closes on Escape and on a click elsewhere.
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        let inside = menu.get_untracked().is_some_and(|m| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|t| m.contains(Some(&t)))
        });
        if !inside {
            close();
        }
    });
    on_cleanup(move || outside.remove());
    view! {
        <details class="menu" node_ref=menu on:keydown=move |ev| if ev.key() == "Escape" { close(); }>
            <summary>"Excel 表格"</summary>
            <div class="menu-items">
                <button title="从 Excel 工作簿（.xlsx）或 CSV 文件导入案件" on:click=move |_| {
                    close();
                    if let Some(input) = input.get() { input.click(); }
                }>"从 Excel/CSV 导入…"</button>
                <button title="把台账导出为 Excel 工作簿" on:click=move |_| { close(); start_export(state, Format::Xlsx); }>"导出 Excel（.xlsx）"</button>
                <button title="把台账导出为 CSV，Excel 和 WPS 均可打开" on:click=move |_| { close(); start_export(state, Format::Csv); }>"导出 CSV"</button>
            </div>
        </details>
        <input type="file" class="hidden" id="import-table-file"
            accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            node_ref=input on:change=on_change/>
    }
}

/// Escapes text for HTML. The import screen's tables are rendered as HTML text: they show
/// cells of an untrusted file, so every cell goes through here.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The header-row choices: the first rows with their texts.
fn header_options(s: &Session) -> String {
    let mut html = String::new();
    for (i, (row, cells)) in s.table().rows.iter().enumerate().take(15) {
        let text: String = cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let text: String = text.chars().take(60).collect();
        let selected = if i == s.layout.header_at { " selected" } else { "" };
        html += &format!(r#"<option value="{i}"{selected}>第 {row} 行：{}</option>"#, esc(&text));
    }
    html
}

/// The sheet choices, for a workbook of several sheets.
fn sheet_options(s: &Session) -> String {
    let mut html = String::new();
    for (i, table) in s.tables.iter().enumerate() {
        let selected = if i == s.sheet { " selected" } else { "" };
        let name = if table.name.is_empty() {
            format!("第 {} 个工作表", i + 1)
        } else {
            table.name.clone()
        };
        html += &format!(
            r#"<option value="{i}"{selected}>工作表「{}」（{} 行有内容）</option>"#,
            esc(&name),
            table.rows.len()
        );
    }
    html
}

/// One row per ledger field: its source column (a select) and a sample value.
fn mapping_rows(s: &Session) -> String {
    let width = s.table().width();
    let mut html = String::from("<thead><tr><th>台账字段</th><th>取自文件的列</th><th>示例（第一条数据）</th></tr></thead><tbody>");
    for (slot, &field) in Field::ALL.iter().enumerate() {
        let chosen = s.mapping.get(field);
        let label = field.label();
        let mark = if field.required() { " *" } else { "" };
        let note = match field {
            Field::Number if chosen.is_none() => "（未选时自动编号）",
            _ => "",
        };
        let class = if chosen.is_none() { r#" class="unmapped""# } else { "" };
        let none = if chosen.is_none() { " selected" } else { "" };
        html += &format!(
            r#"<tr{class}><th scope="row">{label}{mark}{note}</th><td><select data-field="{slot}" aria-label="{label}的来源列"><option value=""{none}>（不导入）</option>"#
        );
        for c in 0..width {
            let selected = if chosen == Some(c) { " selected" } else { "" };
            html +=
                &format!(r#"<option value="{c}"{selected}>{}</option>"#, esc(&s.column_label(c)));
        }
        let sample = chosen.map(|c| s.sample(field, c)).unwrap_or_default();
        html += &format!(r#"</select></td><td class="sample">{}</td></tr>"#, esc(&sample));
    }
    html + "</tbody>"
}

/// The columns no field takes (headers only), so that nothing is left out unnoticed.
fn unused_columns(s: &Session) -> String {
    let unused: Vec<String> = (0..s.table().width())
        .filter(|c| {
            !s.mapping.uses(*c) && s.layout.headers.get(*c).is_some_and(|h| !h.trim().is_empty())
        })
        .map(|c| s.column_label(c))
        .collect();
    if unused.is_empty() {
        "* 为必填字段。".into()
    } else {
        format!("* 为必填字段。未导入的列：{}。", unused.join("、"))
    }
}

/// The preview: what importing would do, the row errors, and the first cases.
fn preview(s: &Session, plan: &ImportPlan) -> String {
    if s.layout.named < MIN_NAMED {
        let name = &s.table().name;
        let sheet =
            if name.is_empty() { String::new() } else { format!("工作表「{name}」中") };
        return format!(
            r#"<h3>预览</h3><p class="import-summary" id="import-summary">{}没有找到可识别的表头（如 案件编号、信访人、诉求摘要、包案领导）。请选择表头所在行{}。</p>"#,
            esc(&sheet),
            if s.tables.len() > 1 { "，或换一个工作表" } else { "" }
        );
    }
    let errors = plan.errors.len();
    let mut summary = format!("可导入 {} 件案件", plan.cases.len());
    if errors > 0 {
        summary += &format!("；{errors} 行有错误，不会导入");
    }
    if !plan.updates.is_empty() {
        let numbers: Vec<&str> =
            plan.updates.iter().take(20).map(|(_, c)| c.number.as_str()).collect();
        let more = if plan.updates.len() > 20 { " 等" } else { "" };
        summary += &format!(
            "；{} 件台账中已有（{}{more}），按表中内容更新：确认前在合并预览中逐项核对改动",
            plan.updates.len(),
            numbers.join("、")
        );
    }
    if !plan.footers.is_empty() {
        summary += &format!("；跳过表尾 {} 行（填表人、审核人、合计等）", plan.footers.len());
    }
    let mut html = format!(
        r#"<h3>预览</h3><p class="import-summary" id="import-summary">{}。</p>"#,
        esc(&summary)
    );
    if plan.generated_numbers && !plan.cases.is_empty() {
        html += r#"<p class="hint" id="import-numbers">表中没有「案件编号」列：编号按序号自动生成，前缀可在上方修改。</p>"#;
    }
    html += &kept_values(plan);
    if errors > 0 {
        html += r#"<div class="import-errors" role="alert"><p><strong>以下行有错误，不会导入：</strong></p><ul>"#;
        for error in plan.errors.iter().take(MAX_LISTED_ERRORS) {
            html += &format!("<li>{}</li>", esc(&error.message()));
        }
        html += "</ul>";
        if errors > MAX_LISTED_ERRORS {
            html += &format!("<p>另有 {} 行有错误。</p>", errors - MAX_LISTED_ERRORS);
        }
        html += "</div>";
    }
    if !plan.cases.is_empty() {
        html += r#"<table class="cases preview"><thead><tr><th>行</th><th>案件编号</th><th>信访人</th><th>诉求摘要</th><th>包案领导</th><th>责任单位</th><th>交办日期</th><th>办结时限</th><th>状态</th></tr></thead><tbody>"#;
        for (row, case) in plan.cases.iter().take(PREVIEW_ROWS) {
            let cells = [
                row.to_string(),
                case.number.clone(),
                case.petitioner.name.clone(),
                case.summary.clone(),
                case.lead.clone(),
                case.responsible_unit.clone(),
                date_text(case.assigned_on),
                date_text(case.deadline),
                case.status.label().to_string(),
            ];
            html += "<tr>";
            for cell in cells {
                html += &format!("<td>{}</td>", esc(&cell));
            }
            html += "</tr>";
        }
        html += "</tbody></table>";
        if plan.cases.len() > PREVIEW_ROWS {
            html += &format!(r#"<p class="hint">仅显示前 {PREVIEW_ROWS} 件。</p>"#);
        }
    }
    html
}

/// The value-mapping step: each value of a named column that the guess does not recognise, with
/// a choice of the field's values or 原样保留.
fn value_rows(s: &Session) -> String {
    let columns = unrecognised_values(s.table(), &s.layout, &s.mapping);
    if columns.is_empty() {
        return String::new();
    }
    let mut html = String::from(
        r#"<h3>取值对应</h3><p class="hint">以下取值本程序不认识：请为每个取值选择对应的选项；选「原样保留」的按原文写入案件的备注。</p><table class="mapping"><thead><tr><th>列</th><th>文件中的取值</th><th>行数</th><th>对应为</th></tr></thead><tbody>"#,
    );
    for column in &columns {
        let slot = Field::ALL.iter().position(|f| *f == column.field).unwrap_or(0);
        let label = column.field.label();
        let name = match column.header.as_str() {
            header if header == label => format!("「{header}」列"),
            header => format!("「{header}」列（{label}）"),
        };
        for (written, count, chosen) in &column.values {
            let keep = if chosen.is_none() { " selected" } else { "" };
            html += &format!(
                r#"<tr><td>{}</td><td>{}</td><td>{count}</td><td><select data-field="{slot}" data-written="{}" aria-label="“{}”对应为"><option value=""{keep}>原样保留</option>"#,
                esc(&name),
                esc(written),
                esc(written),
                esc(written)
            );
            for label in options(column.field) {
                let selected = if *chosen == Some(label) { " selected" } else { "" };
                html += &format!("<option{selected}>{label}</option>");
            }
            html += "</select></td></tr>";
        }
        if column.more > 0 {
            html += &format!(
                r#"<tr><td colspan="4" class="hint">{}另有 {} 行的取值未列出，将原样保留。</td></tr>"#,
                esc(&name),
                column.more
            );
        }
    }
    html + "</tbody></table>"
}

/// Once per column, the values kept as written in 备注 because the field has no such value.
fn kept_values(plan: &ImportPlan) -> String {
    if plan.kept.is_empty() {
        return String::new();
    }
    let mut html = String::from(
        r#"<div class="import-kept" id="import-kept"><p><strong>以下内容无法对应到本程序的选项，已原样保留在各案件的「备注」中：</strong></p><ul>"#,
    );
    for (header, values) in &plan.kept {
        let listed: Vec<String> =
            values.iter().take(12).map(|(v, n)| format!("“{v}”（{n} 件）")).collect();
        let more =
            if values.len() > 12 { format!(" 等 {} 种", values.len()) } else { String::new() };
        html += &format!("<li>「{}」列：{}{more}</li>", esc(header), esc(&listed.join("、")));
    }
    html + "</ul></div>"
}

/// The first cases the preview shows.
const PREVIEW_ROWS: usize = 20;

/// The import screen: which column fills which field, a live preview, and the confirmation.
/// Its tables are rendered as escaped HTML text with one delegated change handler: the same
/// screen built from typed views cost the page several times the bytes.
#[component]
pub fn ImportScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = state.import_session;
    let plan =
        Memo::new(move |_| session.with(|s| s.as_ref().map(|s| state.ledger.with(|l| s.plan(l)))));
    let cancel = move |_| {
        session.set(None);
        state.go(Screen::Ledger);
    };
    let confirm = move |_| {
        let Some(plan) = session
            .with_untracked(|s| s.as_ref().map(|s| state.ledger.with_untracked(|l| s.plan(l))))
        else {
            return;
        };
        let file_name =
            session.with_untracked(|s| s.as_ref().map(|s| s.file_name.clone()).unwrap_or_default());
        session.with_untracked(|s| s.as_ref().map(Session::remember));
        let not_imported = plan.errors.len();
        let mut text = String::new();
        if not_imported > 0 {
            text = format!("；{not_imported} 行有错误，未导入，请在原文件中改正后再导入这些行");
        }
        session.set(None);
        if !plan.updates.is_empty() {
            // Cases the ledger holds are updated through the merge preview, field by field.
            let plan = state.ledger.with_untracked(|l| {
                let incoming = incoming(l, plan, browser::new_id);
                state
                    .local
                    .with_untracked(|local| merge::plan(l, &incoming, |id| local.in_trash(id)))
            });
            let picks = plan.default_picks();
            state.merge.set(Some(MergeSession { file_name, plan, picks }));
            state.go(Screen::Merge);
            if !text.is_empty() {
                state.inform(format!("{}。", text.trim_start_matches('；')));
            }
            return;
        }
        let mut added = (0, Vec::new());
        state.change(|ledger| added = apply(ledger, plan, browser::new_id));
        let (added, skipped) = added;
        text = format!("已从《{file_name}》导入 {added} 件案件{text}");
        if !skipped.is_empty() {
            text += &format!("；{} 件台账中已有，未改动（{}）", skipped.len(), skipped.join("、"));
        }
        state.go(Screen::Ledger);
        state.inform(text + "。");
    };
    let on_header = move |ev: leptos::ev::Event| {
        if let Ok(at) = event_target_value(&ev).parse::<usize>() {
            session.update(|s| {
                if let Some(s) = s {
                    s.choose_header(at);
                }
            });
        }
    };
    let on_sheet = move |ev: leptos::ev::Event| {
        if let Ok(sheet) = event_target_value(&ev).parse::<usize>() {
            session.update(|s| {
                if let Some(s) = s {
                    s.choose_sheet(sheet);
                }
            });
        }
    };
    let on_prefix = move |ev: leptos::ev::Event| {
        let prefix = event_target_value(&ev);
        session.update(|s| {
            if let Some(s) = s {
                s.number_prefix = prefix;
            }
        });
    };
    let mapping_table = NodeRef::<leptos::html::Table>::new();
    // One handler for every column select of the mapping table.
    let on_mapping = move |ev: leptos::ev::Event| {
        let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let Some(field) = select.get_attribute("data-field").and_then(|f| f.parse::<usize>().ok())
        else {
            return;
        };
        let column = event_target_value(&ev).parse::<usize>().ok();
        session.update(|s| {
            if let (Some(s), Some(&field)) = (s, Field::ALL.get(field)) {
                s.mapping.set(field, column);
            }
        });
        // The table is drawn anew; keyboard users keep their place on the same select.
        let table = mapping_table;
        request_animation_frame(move || {
            let select = table.get().and_then(|t| {
                t.query_selector(&format!(r#"select[data-field="{field}"]"#)).ok().flatten()
            });
            if let Some(select) = select.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = select.focus();
            }
        });
    };
    // One handler for every value select of the value-mapping table.
    let on_value = move |ev: leptos::ev::Event| {
        let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let field = select.get_attribute("data-field").and_then(|f| f.parse::<usize>().ok());
        let (Some(field), Some(written)) = (field, select.get_attribute("data-written")) else {
            return;
        };
        let label = event_target_value(&ev);
        session.update(|s| {
            if let (Some(s), Some(&field)) = (s, Field::ALL.get(field)) {
                s.mapping.set_value(
                    field,
                    &written,
                    Some(label.as_str()).filter(|l| !l.is_empty()),
                );
            }
        });
    };
    let with = move |f: fn(&Session) -> String| {
        move || session.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let intro = move || {
        session.with(|s| {
            let Some(s) = s else { return "没有正在导入的表格。请从右上角「Excel 表格」菜单选择文件。".to_string() };
            let source = match s.encoding {
                Some(encoding) => format!("CSV 文件（{encoding}）"),
                None if s.tables.len() > 1 => format!("Excel 工作簿，共 {} 个工作表，已选「{}」", s.tables.len(), s.table().name),
                None => "Excel 工作簿".to_string(),
            };
            let two_rows = if s.layout.header_rows == 2 { "（两行表头已合并读取）" } else { "" };
            let matched = if s.remembered { "已按上次导入同样表头的文件时确认的对应关系填好" } else { "已按表头自动匹配" };
            format!(
                "文件《{}》：{source}，共 {} 行有内容{two_rows}。请核对每个台账字段取自文件的哪一列（{matched}），下方预览会随之更新。",
                s.file_name,
                s.table().rows.len()
            )
        })
    };
    let count = move || {
        plan.with(|p| p.as_ref().map(|p| (p.cases.len(), p.updates.len())).unwrap_or((0, 0)))
    };
    let confirm_label = move || match count() {
        (added, 0) => format!("导入 {added} 件案件"),
        (added, updated) => format!("核对改动（新增 {added} 件，更新 {updated} 件）…"),
    };
    let has_errors = move || plan.with(|p| p.as_ref().is_some_and(|p| !p.errors.is_empty()));
    // Why the import button is off, said next to it.
    let nothing = move || {
        plan.with(|p| match p {
            Some(p) if !p.cases.is_empty() || !p.updates.is_empty() => None,
            Some(p) if !p.errors.is_empty() => {
                Some("没有可导入的案件：每一行都有错误，见上方列表。")
            }
            Some(_) => Some("没有可导入的案件：表头下面没有数据行。"),
            None => Some("没有可导入的案件：请先核对表头所在行和各列。"),
        })
    };
    let download_errors = move |_| {
        let Some((name, csv)) = session.with_untracked(|s| {
            let s = s.as_ref()?;
            let errors = plan.with_untracked(|p| p.as_ref().map(|p| p.errors.clone()))?;
            let stem = s.file_name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(&s.file_name);
            Some((
                format!("{stem}-错误行.csv"),
                error_rows_csv(s.table(), &s.layout, &s.mapping, &errors),
            ))
        }) else {
            return;
        };
        if browser::download(&name, "text/csv;charset=utf-8", &csv).is_err() {
            state.warn("浏览器未能生成文件，请重试。");
        }
    };
    view! {
        <section class="table-import">
            <h2>"从表格导入案件"</h2>
            <p>{intro}</p>
            <label class="field header-row">
                <span class="label">"表头所在行"</span>
                <select aria-label="表头所在行" on:change=on_header inner_html=with(header_options)></select>
            </label>
            <label class="field header-row" style:display=move || session.with(|s| s.as_ref().is_none_or(|s| s.tables.len() < 2)).then_some("none")>
                <span class="label">"工作表"</span>
                <select aria-label="工作表" on:change=on_sheet inner_html=with(sheet_options)></select>
            </label>
            <label class="field header-row" style:display=move || session.with(|s| s.as_ref().is_none_or(|s| s.mapping.get(Field::Number).is_some())).then_some("none")>
                <span class="label">"自动编号前缀"</span>
                <input type="text" aria-label="自动编号前缀" prop:value=move || session.with(|s| s.as_ref().map(|s| s.number_prefix.clone()).unwrap_or_default()) on:change=on_prefix/>
            </label>
            <table class="mapping" node_ref=mapping_table on:change=on_mapping inner_html=with(mapping_rows)></table>
            <p class="hint">{with(unused_columns)}</p>
            <div class="import-values" id="import-values" on:change=on_value inner_html=with(value_rows)></div>
            <div inner_html=move || session.with(|s| plan.with(|p| match (s, p) {
                (Some(s), Some(p)) => preview(s, p),
                _ => String::new(),
            }))></div>
            <div class="buttons sticky">
                <button class="primary" id="confirm-table-import" disabled=move || count() == (0, 0) on:click=confirm
                    aria-describedby=move || nothing().map(|_| "import-nothing")>
                    {confirm_label}
                </button>
                {move || nothing().map(|why| view! { <span class="hint" id="import-nothing">{why}</span> })}
                <button on:click=cancel>"取消"</button>
                <button class="plain" title="把有错误的行连同错误原因存为 CSV，在 Excel 中改正后再导入"
                    class:hidden=move || !has_errors() on:click=download_errors>"下载错误行（CSV）"</button>
            </div>
        </section>
    }
}
