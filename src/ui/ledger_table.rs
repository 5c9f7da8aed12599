//! The ledger table (台账): every case, sortable columns, Excel-like filters, a search box over
//! all text, and the cases overdue or due soon flagged in colour and in words.

use leptos::prelude::*;

use super::ledger_print::{PrintPreview, PrintSettings};
use super::row_window::RowWindow;
use super::state::{AppState, Screen};
use crate::core::ledger::model::{Case, Category, Flag, Status};
use crate::core::ledger::text::date_text;
use crate::core::reports::query::{
    or_unfilled, Column, DueFilter, Facts, Filter, PacketFilter, SortOrder,
};
use crate::core::reports::stats::urgency_counts;
use crate::core::rules::deadline::Urgency;
use crate::core::rules::procedure::Stage;

/// A summary's cell shows two lines (`.clamp`): at its widest (40rem) never more than this
/// many characters, and laying out the rest of a long summary cost much of a redraw's layout
/// (bench). The whole summary is the cell's tooltip; a cut one ends in "…" however wide it is.
const SUMMARY_SHOWN_CHARS: usize = 200;

/// What one table row shows: a few fields, not the whole case with its packet and log.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    number: String,
    petitioner: String,
    summary: String,
    /// The start of the summary that the cell can show.
    summary_shown: String,
    lead: String,
    unit: String,
    due: String,
    urgency: Urgency,
    status: &'static str,
    /// The 《信访工作条例》 stage when it is not plain handling, and its running limit's flag.
    stage: Option<&'static str>,
    stage_urgency: Urgency,
    ready: bool,
    packet: String,
    packet_class: &'static str,
}

impl Row {
    fn new(case: &Case, facts: &Facts) -> Row {
        Row {
            id: case.id.clone(),
            number: case.number.clone(),
            petitioner: case.petitioner.name.clone(),
            summary: case.summary.clone(),
            summary_shown: match case.summary.char_indices().nth(SUMMARY_SHOWN_CHARS) {
                Some((cut, _)) => format!("{}…", &case.summary[..cut]),
                None => case.summary.clone(),
            },
            lead: case.lead.clone(),
            unit: case.responsible_unit.clone(),
            due: date_text(facts.due),
            urgency: facts.urgency,
            status: case.status.label(),
            stage: (!matches!(facts.stage, Stage::Handling | Stage::NotStarted | Stage::Finished))
                .then(|| facts.stage.label()),
            stage_urgency: facts.stage_urgency,
            ready: facts.ready,
            packet: facts.packet_label(),
            packet_class: match (facts.ready, &facts.returned) {
                (true, _) => "badge ok",
                (false, Some(_)) => "badge missing",
                (false, None) => "badge partial",
            },
        }
    }
}

fn urgency_class(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue(_) => "overdue",
        Urgency::DueSoon(_) | Urgency::OutOfRange => "due-soon",
        _ => "",
    }
}

#[component]
pub fn LedgerTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let total = move || state.ledger.with(|l| l.cases.len());
    let matching = move || state.rows.with(Vec::len);
    // Only the matching rows in view are in the page (`row_window`).
    let window = RowWindow::new(Signal::derive(matching));
    let rows = Memo::new(move |_| {
        let drawn = window.drawn.get();
        state.rows.with(|rows| {
            state.facts.with(|facts| {
                state.ledger.with(|l| {
                    rows.get(drawn)
                        .unwrap_or_default()
                        .iter()
                        .map(|&i| Row::new(&l.cases[i], &facts[i]))
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    // Printing uses the print view with every matching row: 「打印…」 opens its preview, and
    // Ctrl+P draws it through `beforeprint`.
    let print = expect_context::<PrintSettings>();
    let before_print =
        window_event_listener(leptos::ev::beforeprint, move |_| print.printing.set(true));
    let after_print =
        window_event_listener(leptos::ev::afterprint, move |_| print.printing.set(false));
    on_cleanup(move || {
        before_print.remove();
        after_print.remove();
    });
    let filters_text = Signal::derive(move || active_filters_text(state));
    // The same definitions as 统计 and 月报 (`core::reports::stats`).
    let counts =
        Memo::new(move |_| state.facts.with(|f| urgency_counts(f.iter().map(|f| &f.urgency))));
    let overdue = Memo::new(move |_| counts.get().0);
    let due_soon = Memo::new(move |_| counts.get().1);
    let show_due = move |due: DueFilter| state.filter.update(|f| f.due = Some(due));

    let header = move |column: Column| {
        let sorted = move || state.sort.get().filter(|o| o.column == column);
        let aria = move || match sorted() {
            Some(o) if o.descending => "descending",
            Some(_) => "ascending",
            None => "none",
        };
        let arrow = move || match sorted() {
            Some(o) if o.descending => " ▼",
            Some(_) => " ▲",
            None => "",
        };
        view! {
            <th aria-sort=aria class=format!("col-{column:?}").to_lowercase()>
                <button class="sort" title="点击排序，再点一次反向"
                    on:click=move |_| state.sort.update(|s| *s = Some(SortOrder::clicked(*s, column)))>
                    {column.label()}{arrow}
                </button>
            </th>
        }
    };

    view! {
        <section class="ledger">
            <div class="toolbar no-print">
                <input type="search" class="search" placeholder="搜索：编号、姓名、诉求、单位、办理情况……（空格分隔多个词）"
                    aria-label="搜索台账"
                    prop:value=move || state.search.get()
                    on:input=move |ev| state.search.set(event_target_value(&ev))/>
                <span class="count" id="row-count">
                    {move || {
                        let shown = matching();
                        if shown == total() { format!("共 {shown} 件") } else { format!("显示 {shown} 件 / 共 {} 件", total()) }
                    }}
                </span>
                <button class="alert-count overdue" id="overdue-count" title="只看已逾期的案件"
                    disabled=move || overdue.get() == 0 on:click=move |_| show_due(DueFilter::Overdue)>
                    "逾期 " {move || overdue.get()} " 件"
                </button>
                <button class="alert-count due-soon" id="due-soon-count" title="只看7日内到期的案件"
                    disabled=move || due_soon.get() == 0 on:click=move |_| show_due(DueFilter::DueSoon)>
                    "7日内到期 " {move || due_soon.get()} " 件"
                </button>
                <span class="spacer"></span>
                <button id="print-ledger" aria-haspopup="true" on:click=move |_| print.open.set(true)>"打印…"</button>
            </div>
            <Filters/>
            <PrintPreview filters=filters_text/>
            <Show when=move || total() == 0>
                <div class="empty">
                    <p>"台账中还没有案件。"</p>
                    <p>"点击右上角「＋ 新建案件」登记第一件积案；已有 Excel 台账的，点击「Excel 表格」导入；其他单位发来的台账文件，点击「导入台账」。"</p>
                </div>
            </Show>
            <Show when=move || { total() > 0 && !print.open.get() }>
                <div class="row-gap" node_ref=window.start style:height=move || window.gaps().0></div>
                <table class="cases">
                    <thead><tr>{Column::ALL.iter().map(|c| header(*c)).collect_view()}</tr></thead>
                    <tbody node_ref=window.body>
                        // Keyed by what a row shows: a row still in the window is not drawn again.
                        <For each=move || rows.get() key=Row::clone let:row>
                            {
                                let (id, title) = (row.id, row.summary);
                                let urgency = urgency_class(row.urgency);
                                view! {
                                    <tr class=urgency on:click=move |_| state.go(Screen::Case(id.clone()))>
                                        <td class="number"><a href="#" on:click=|ev| ev.prevent_default()>{row.number}</a></td>
                                        <td class="name">{row.petitioner}</td>
                                        <td class="summary" title=title><div class="clamp">{row.summary_shown}</div></td>
                                        <td class="name">{row.lead}</td>
                                        <td class="unit">{row.unit}</td>
                                        <td class="date">{row.due}
                                            {(!urgency.is_empty()).then(|| view! { <span class=format!("due-badge {urgency}")>{row.urgency.label()}</span> })}
                                        </td>
                                        <td><span class="status">{row.status}</span>
                                            {row.stage.map(|stage| {
                                                let flag = urgency_class(row.stage_urgency);
                                                view! {
                                                    <span class="stage">{stage}</span>
                                                    {(!flag.is_empty()).then(|| view! { <span class=format!("due-badge {flag}")>{row.stage_urgency.label()}</span> })}
                                                }
                                            })}
                                        </td>
                                        <td class="packet-col"><span class=row.packet_class>
                                            {if row.ready { "✓ " } else { "" }}{row.packet}</span></td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <div class="row-gap" style:height=move || window.gaps().1></div>
                <Show when=move || matching() == 0>
                    <p class="empty">"没有符合搜索和筛选条件的案件。"
                        <button class="plain" on:click=move |_| clear_all(state)>"清除搜索和筛选"</button>
                    </p>
                </Show>
            </Show>
        </section>
    }
}

fn clear_all(state: AppState) {
    state.search.set(String::new());
    state.filter.set(Filter::default());
}

/// The filters in force as one line, for the printed table.
fn active_filters_text(state: AppState) -> String {
    let mut parts: Vec<String> =
        state.filter.with(|f| f.active().into_iter().map(|(_, text)| text).collect());
    let search = state.search.get();
    if !search.trim().is_empty() {
        parts.insert(0, format!("搜索：{}", search.trim()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("筛选条件：{}", parts.join("；"))
    }
}

/// A select over a filter's values; "全部" clears it.
fn filter_select(
    label: &'static str,
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    current: impl Fn(&Filter) -> Option<String> + Send + Sync + Copy + 'static,
    set: impl Fn(&mut Filter, Option<String>) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Worked out when the ledger changes, not when the choice does (责任单位 and 包案领导 sort
    // every case's name by pinyin).
    let options = Memo::new(move |_| options());
    let current = move || state.filter.with(&current);
    // One binding on the select, not one subscription per option: a ledger with hundreds of
    // 责任单位 made every filter change update each option (bench profile).
    let value = move || current().unwrap_or_else(|| "*".into());
    view! {
        <label class="filter">
            <span>{label}</span>
            <select aria-label=format!("按{label}筛选") class:active=move || current().is_some() prop:value=value
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    state.filter.update(|f| set(f, (value != "*").then_some(value)));
                }>
                <option value="*">"全部"</option>
                {move || {
                    let chosen = value();
                    options.get().into_iter().map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// Choices for a closed set of Chinese-named values.
fn labels(
    labels: &'static [&'static str],
) -> impl Fn() -> Vec<(String, String)> + Send + Sync + 'static {
    move || labels.iter().map(|l| (l.to_string(), l.to_string())).collect()
}

/// The filter bar and the chips of the filters in force.
#[component]
fn Filters() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The distinct 责任单位 and 包案领导 in the ledger, in pinyin order; "" stands for cases without one.
    let names = move |pick: fn(&Case) -> &str| {
        move || {
            let mut names: Vec<String> =
                state.ledger.with(|l| l.cases.iter().map(|c| pick(c).trim().to_string()).collect());
            crate::core::ledger::sorting::sort(&mut names);
            names.dedup();
            // Pinyin order, as Excel lists them.
            super::collate::sorted(names)
                .into_iter()
                .map(|n| (n.clone(), or_unfilled(&n).to_string()))
                .collect()
        }
    };
    let label_of = |value: Option<&'static str>| value.map(str::to_string);
    let active = move || state.filter.with(Filter::active);
    view! {
        <div class="filters no-print" role="group" aria-label="筛选">
            {filter_select("状态", labels(Status::LABELS), move |f| label_of(f.status.map(|s| s.label())),
                |f, v| f.status = v.and_then(|v| Status::from_label(&v)))}
            {filter_select("责任单位", names(|c| &c.responsible_unit), |f| f.unit.clone(),
                |f, v| f.unit = v)}
            {filter_select("包案领导", names(|c| &c.lead), |f| f.lead.clone(), |f, v| f.lead = v)}
            {filter_select("类别", labels(Category::LABELS), move |f| label_of(f.category.map(|c| c.label())),
                |f, v| f.category = v.and_then(|v| Category::from_label(&v)))}
            {filter_select("特征", labels(Flag::LABELS), move |f| label_of(f.flag.map(|c| c.label())),
                |f, v| f.flag = v.and_then(|v| Flag::from_label(&v)))}
            {filter_select("时限", labels(DueFilter::LABELS), move |f| label_of(f.due.map(|d| d.label())),
                |f, v| f.due = v.and_then(|v| DueFilter::from_label(&v)))}
            {filter_select("结案材料", labels(PacketFilter::LABELS), move |f| label_of(f.packet.map(|p| p.label())),
                |f, v| f.packet = v.and_then(|v| PacketFilter::from_label(&v)))}
        </div>
        <Show when=move || !active().is_empty()>
            <div class="chips no-print" id="active-filters">
                <span>"正在筛选："</span>
                {move || active().into_iter().map(|(key, text)| view! {
                    <button class="chip" title="取消这个筛选条件" on:click=move |_| state.filter.update(|f| f.clear(key))>
                        {text} " ✕"
                    </button>
                }).collect_view()}
                <button class="plain" id="clear-filters" on:click=move |_| clear_all(state)>"清除全部筛选"</button>
            </div>
        </Show>
    }
}
