//! The printed 台账: a print view of its own, separate from the on-screen table, with every
//! row the search and filters select, split into A4 landscape pages by `core::reports::print` so that
//! each page has its header row and 「第 N 页 共 M 页」. Drawn only while the clerk previews or
//! prints, so the table pays nothing for it.

use leptos::prelude::*;

use super::browser;
use super::state::AppState;
use crate::core::ledger::text::chinese_date;
use crate::core::reports::print::{Cell, Layout, PrintColumn};

/// What the clerk chose for printing, kept while the page is open.
#[derive(Clone, Copy)]
pub struct PrintSettings {
    /// The preview with its choices is open.
    pub open: RwSignal<bool>,
    /// The browser is printing (between `beforeprint` and `afterprint`).
    pub printing: RwSignal<bool>,
    pub columns: RwSignal<Vec<PrintColumn>>,
    /// 填报单位, printed in the title.
    pub unit: RwSignal<String>,
}

impl PrintSettings {
    pub fn new() -> PrintSettings {
        PrintSettings {
            open: RwSignal::new(false),
            printing: RwSignal::new(false),
            columns: RwSignal::new(PrintColumn::DEFAULT.to_vec()),
            unit: RwSignal::new(String::new()),
        }
    }

    /// Whether the print view is in the page.
    pub fn shown(&self) -> bool {
        self.open.get() || self.printing.get()
    }
}

/// The preview: choices of title and columns, the 打印 button, and the pages as they print.
#[component]
pub fn PrintPreview(filters: Signal<String>) -> impl IntoView {
    let print = expect_context::<PrintSettings>();
    let toggle = move |column: PrintColumn| {
        print.columns.update(|chosen| match chosen.iter().position(|c| *c == column) {
            Some(at) if chosen.len() > 1 => {
                chosen.remove(at);
            }
            Some(_) => {}
            None => chosen.push(column),
        })
    };
    view! {
        <Show when=move || print.open.get()>
            <section class="print-setup no-print" id="print-setup" aria-label="打印设置">
                <h2>"打印台账"</h2>
                <p class="hint">"按 A4 纸横向打印当前搜索和筛选出的全部案件；每页重复表头并标注页码。下方即打印效果。"</p>
                <label class="field unit-name">
                    <span class="label">"填报单位（印在标题中）"</span>
                    <input type="text" placeholder="如：某某县信访局" prop:value=move || print.unit.get()
                        on:input=move |ev| print.unit.set(event_target_value(&ev))/>
                </label>
                <fieldset class="print-columns">
                    <legend>"打印的列"</legend>
                    {PrintColumn::ALL.iter().map(|column| {
                        let column = *column;
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || print.columns.with(|c| c.contains(&column))
                                    on:change=move |_| toggle(column)/>
                                {column.label()}
                            </label>
                        }
                    }).collect_view()}
                    <button type="button" class="plain" on:click=move |_| print.columns.set(PrintColumn::DEFAULT.to_vec())>
                        "恢复默认列"
                    </button>
                </fieldset>
                <div class="buttons">
                    <button class="primary" id="print-now" on:click=move |_| browser::print()>"打印"</button>
                    <button id="close-preview" on:click=move |_| print.open.set(false)>"关闭预览"</button>
                </div>
            </section>
        </Show>
        <Show when=move || print.shown()>
            <div class="print-scroll"><LedgerPrint filters=filters/></div>
        </Show>
    }
}

/// The pages of the printed 台账.
#[component]
fn LedgerPrint(filters: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let print = expect_context::<PrintSettings>();
    let today = browser::today();
    let pages = Memo::new(move |_| {
        let layout = print.columns.with(|c| Layout::new(c));
        let rows: Vec<Vec<Cell>> = state.rows.with(|rows| {
            state.facts.with(|facts| {
                state.ledger.with(|l| {
                    rows.iter()
                        .enumerate()
                        .map(|(n, &i)| layout.cells(n + 1, &l.cases[i], &facts[i]))
                        .collect()
                })
            })
        });
        let heights: Vec<f64> = rows.iter().map(|r| layout.row_height(r)).collect();
        let pages: Vec<Vec<Vec<Cell>>> =
            layout.paginate(&heights).into_iter().map(|range| rows[range].to_vec()).collect();
        (layout, pages)
    });
    let title = move || {
        let campaign = state.ledger.with(|l| l.campaign.name.clone());
        let unit = print.unit.get();
        let mut title = format!("{}信访积案台账", unit.trim());
        if !campaign.trim().is_empty() {
            title.push_str(&format!("（{}）", campaign.trim()));
        }
        title
    };
    let summary = move || {
        let (shown, total) = (state.rows.with(Vec::len), state.ledger.with(|l| l.cases.len()));
        let count = if shown == total {
            format!("共 {shown} 件")
        } else {
            format!("共 {shown} 件（台账共 {total} 件）")
        };
        let filters = filters.get();
        let filters = if filters.is_empty() {
            "筛选条件：无（全部案件）".to_string()
        } else {
            filters
        };
        format!("{filters}　{count}　打印日期：{}", chinese_date(Some(today)))
    };

    move || {
        let (layout, pages) = pages.get();
        let count = pages.len();
        let columns = &layout.columns;
        let pages = pages
            .into_iter()
            .enumerate()
            .map(|(n, rows)| {
                let colgroup = columns
                    .iter()
                    .map(|(_, w)| view! { <col style=format!("width:{w:.2}mm")/> })
                    .collect_view();
                let header = columns.iter().map(|(c, _)| view! { <th>{c.label()}</th> }).collect_view();
                let head = if n == 0 {
                    view! {
                        <header class="print-title">
                            <h1>{title()}</h1>
                            <p>{summary()}</p>
                        </header>
                    }
                    .into_any()
                } else {
                    view! { <header class="print-running">{title()} "（续）"</header> }.into_any()
                };
                let body = rows.into_iter().map(|cells| {
                    let overdue = cells.iter().any(|c| c.overdue);
                    view! {
                        <tr class:overdue=overdue>
                            {cells.into_iter().map(|cell| view! {
                                <td><div class="cell">{cell.text}</div>
                                    {cell.mark.map(|m| view! { <div class="print-mark" class:overdue=cell.overdue>{m}</div> })}
                                </td>
                            }).collect_view()}
                        </tr>
                    }
                });
                view! {
                    <section class="print-page">
                        {head}
                        <table class="print-grid">
                            <colgroup>{colgroup}</colgroup>
                            <thead><tr>{header}</tr></thead>
                            <tbody>{body.collect_view()}</tbody>
                        </table>
                        <footer class="print-footer">
                            <span>{format!("第 {} 页 共 {count} 页", n + 1)}</span>
                        </footer>
                    </section>
                }
            })
            .collect_view();
        view! { <div class="ledger-print" id="ledger-print">{pages}</div> }
    }
}
