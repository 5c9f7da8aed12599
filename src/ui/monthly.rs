//! 月报: the monthly report for a chosen month as a printable A4 table and as CSV for Excel.
//! The numbers come from `core::reports::report`.

use leptos::prelude::*;

use super::browser;
use super::state::AppState;
use crate::core::ledger::text::YEARS;
use crate::core::reports::report::{
    monthly, to_csv, Month, MonthlyReport, UnitCounts, DEFINITIONS,
};

#[component]
pub fn MonthlyReportScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let month = RwSignal::new(Month::of(browser::today()));
    let report = Memo::new(move |_| {
        let mut report =
            state.ledger.with(|l| monthly(&l.cases, &l.campaign, month.get(), browser::today()));
        // Units in pinyin order, the one without a name last.
        let rank = super::collate::ranks(report.units.iter().map(|u| u.unit.as_str()));
        crate::core::ledger::sorting::sort_by_key(&mut report.units, |u| {
            (u.unit.starts_with('（'), rank.get(&u.unit).copied())
        });
        report
    });
    let campaign = move || state.ledger.with(|l| l.campaign.name.clone());

    let export = move |_| {
        let text = report.with_untracked(|r| to_csv(r, &campaign()));
        let name = format!("信访积案月报-{}.csv", month.get_untracked().iso());
        if browser::download(&name, "text/csv;charset=utf-8", &text).is_err() {
            state.warn("浏览器未能生成导出文件，请重试。");
        }
    };

    view! {
        <section class="monthly">
            <div class="toolbar no-print">
                <label class="filter">"月份 "
                    <input type="month" aria-label="月份" prop:value=move || month.get().iso()
                        min=format!("{}-01", YEARS.start()) max=format!("{}-12", YEARS.end())
                        on:change=move |ev| match Month::parse(&event_target_value(&ev)) {
                            Ok(m) => month.set(m),
                            Err(reason) => state.warn(format!("月份：{reason}")),
                        }/>
                </label>
                <span class="spacer"></span>
                <button class="primary" id="export-monthly-csv" on:click=export>"导出 CSV（Excel）"</button>
                <button on:click=|_| browser::print()>"打印"</button>
                <span class="hint">"打印时请选择 A4 纸、横向。"</span>
            </div>
            <article class="sheet landscape">{move || report.with(|r| sheet(r, &campaign()))}</article>
        </section>
    }
}

fn counts_cells(c: &UnitCounts) -> impl IntoView {
    [c.new, c.closed, c.resolved, c.overdue, c.open].map(|n| view! { <td class="num">{n}</td> })
}

fn mark(flag: bool) -> &'static str {
    if flag {
        "✓"
    } else {
        ""
    }
}

fn sheet(report: &MonthlyReport, campaign: &str) -> AnyView {
    let title = format!("{}信访积案月报", report.month.title());
    view! {
        <h1>{title}</h1>
        {(!campaign.is_empty()).then(|| view! { <p class="subtitle">{campaign.to_string()}</p> })}
        <table class="sheet-grid" id="monthly-summary">
            <thead><tr><th>"责任单位"</th><th>"新增"</th><th>"办结"</th><th>"化解"</th><th>"逾期"</th><th>"未办结"</th></tr></thead>
            <tbody>
                {report.units.iter().map(|u| view! { <tr><td>{u.unit.clone()}</td>{counts_cells(&u.counts)}</tr> }).collect_view()}
                <tr class="total"><th>"合计"</th>{counts_cells(&report.total)}</tr>
            </tbody>
        </table>
        <h2>"案件明细"</h2>
        {if report.units.is_empty() {
            view! { <p class="empty">"本月没有未办结或办结的案件。"</p> }.into_any()
        } else {
            view! {
                <table class="sheet-grid details" id="monthly-details">
                    <thead><tr>
                        <th>"责任单位"</th><th>"案件编号"</th><th>"信访人"</th><th>"包案领导"</th><th>"状态"</th><th>"办结时限"</th>
                        <th>"新增"</th><th>"办结"</th><th>"化解"</th><th>"逾期"</th><th>"最新办理情况"</th>
                    </tr></thead>
                    <tbody>
                        {report.units.iter().flat_map(|u| u.cases.iter().map(move |l| (u.unit.clone(), l.clone()))).map(|(unit, l)| view! {
                            <tr class:overdue=l.overdue>
                                <td>{unit}</td><td>{l.number}</td><td>{l.petitioner}</td><td>{l.lead}</td><td>{l.status}</td>
                                <td class="date">{l.due}</td>
                                <td class="mark">{mark(l.new)}</td><td class="mark">{mark(l.closed)}</td>
                                <td class="mark">{mark(l.resolved)}</td><td class="mark">{if l.overdue { "逾期" } else { "" }}</td>
                                <td>{l.latest.map(|(date, text)| format!("{date} {text}")).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        <p class="definitions">"口径：" {DEFINITIONS}</p>
    }
    .into_any()
}
