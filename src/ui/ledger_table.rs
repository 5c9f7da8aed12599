//! The ledger table (台账): every case, sortable columns, a search box over all text.

use leptos::prelude::*;

use super::browser;
use super::packet::verdict_of;
use super::state::{AppState, PacketFilter, Screen};
use crate::core::model::{date_text, Case};
use crate::core::query::{Column, SearchIndex, SortOrder};

/// What one table row shows: a few fields, not the whole case with its packet and log.
#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    number: String,
    petitioner: String,
    summary: String,
    lead: String,
    unit: String,
    deadline: String,
    status: &'static str,
    ready: bool,
    packet: String,
}

impl Row {
    fn new(case: &Case, (ready, packet): &(bool, String)) -> Row {
        Row {
            id: case.id.clone(),
            number: case.number.clone(),
            petitioner: case.petitioner.name.clone(),
            summary: case.summary.clone(),
            lead: case.lead.clone(),
            unit: case.responsible_unit.clone(),
            deadline: date_text(case.deadline),
            status: case.status.label(),
            ready: *ready,
            packet: packet.clone(),
        }
    }
}

#[component]
pub fn LedgerTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let total = move || state.ledger.with(|l| l.cases.len());
    // Search texts and closure verdicts change only with the ledger, not with each keystroke.
    let index = Memo::new(move |_| state.ledger.with(|l| SearchIndex::new(&l.cases)));
    let verdicts = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.cases.iter().map(|case| verdict_of(state, case)).map(|v| (v.ready(), v.summary())).collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        let query = state.search.get();
        let order = state.sort.get();
        let filter = state.packet_filter.get();
        index.with(|index| {
            verdicts.with(|verdicts| {
                state.ledger.with(|l| {
                    index
                        .rows(&l.cases, &query, order)
                        .into_iter()
                        .filter(|&i| match filter {
                            PacketFilter::All => true,
                            PacketFilter::Ready => verdicts[i].0,
                            PacketFilter::NeedsMore => !verdicts[i].0,
                        })
                        .map(|i| Row::new(&l.cases[i], &verdicts[i]))
                        .collect::<Vec<Row>>()
                })
            })
        })
    });

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
                <label class="filter">"结案材料 "
                    <select aria-label="按结案材料筛选" on:change=move |ev| state.packet_filter.set(match event_target_value(&ev).as_str() {
                        "ready" => PacketFilter::Ready,
                        "more" => PacketFilter::NeedsMore,
                        _ => PacketFilter::All,
                    })>
                        <option value="all" selected=move || state.packet_filter.get() == PacketFilter::All>"全部"</option>
                        <option value="ready" selected=move || state.packet_filter.get() == PacketFilter::Ready>"可以上报"</option>
                        <option value="more" selected=move || state.packet_filter.get() == PacketFilter::NeedsMore>"退回补办"</option>
                    </select>
                </label>
                <span class="count" id="row-count">
                    {move || {
                        let shown = rows.with(Vec::len);
                        if shown == total() { format!("共 {shown} 件") } else { format!("显示 {shown} 件 / 共 {} 件", total()) }
                    }}
                </span>
                <button on:click=|_| browser::print()>"打印"</button>
            </div>
            <h2 class="print-only">"信访积案台账"</h2>
            <Show when=move || total() == 0>
                <div class="empty">
                    <p>"台账中还没有案件。"</p>
                    <p>"点击右上角「＋ 新建案件」登记第一件积案，或点击「导入台账」打开其他单位发来的台账文件。"</p>
                </div>
            </Show>
            <Show when=move || { total() > 0 }>
                <table class="cases">
                    <thead><tr>{Column::ALL.iter().map(|c| header(*c)).collect_view()}<th class="packet-col">"结案材料"</th></tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|row| {
                            let (id, title) = (row.id, row.summary.clone());
                            view! {
                                <tr on:click=move |_| state.go(Screen::Case(id.clone()))>
                                    <td class="number"><a href="#" on:click=|ev| ev.prevent_default()>{row.number}</a></td>
                                    <td>{row.petitioner}</td>
                                    <td class="summary" title=title><div class="clamp">{row.summary}</div></td>
                                    <td>{row.lead}</td>
                                    <td>{row.unit}</td>
                                    <td class="date">{row.deadline}</td>
                                    <td><span class="status">{row.status}</span></td>
                                    <td class="packet-col"><span class=if row.ready { "badge ok" } else { "badge missing" }>
                                        {if row.ready { "✓ " } else { "✗ " }}{row.packet}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="empty">"没有符合搜索条件的案件。"
                        <button class="plain" on:click=move |_| {
                            state.search.set(String::new());
                            state.packet_filter.set(PacketFilter::All);
                        }>"清除搜索和筛选"</button>
                    </p>
                </Show>
            </Show>
        </section>
    }
}
