//! 统计: counts and rates overall and by 责任单位 / 包案领导 / 类别, progress against the
//! campaign's targets, and SVG charts drawn here (no network, readable in black and white).
//! The numbers come from `core::reports::stats`.

use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Screen};
use crate::core::ledger::campaign::Rate;
use crate::core::reports::query::{DueFilter, Filter};
use crate::core::reports::stats::{dashboard, Tally, TargetProgress, DENOMINATOR};

/// Opens the ledger showing only the cases `filter` selects.
fn show_cases(state: AppState, filter: Filter) {
    state.search.set(String::new());
    state.filter.set(filter);
    state.go(Screen::Ledger);
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = browser::today();
    let (mut board, campaign) = state
        .ledger
        .with_untracked(|l| (dashboard(&l.cases, &l.campaign, today), l.campaign.clone()));
    // Groups in pinyin order, as Excel sorts them.
    for groups in [&mut board.by_unit, &mut board.by_lead, &mut board.by_category] {
        super::collate::sort_groups(groups);
    }
    let all = board.overall.clone();
    let card = |label: &'static str, count: usize, note: String| {
        view! { <div class="card"><div class="label">{label}</div><div class="value">{count}</div><div class="note">{note}</div></div> }
    };
    let title = if campaign.name.is_empty() {
        "统计".to_string()
    } else {
        format!("统计：{}", campaign.name)
    };

    view! {
        <section class="dashboard">
            <div class="toolbar no-print">
                <span class="spacer"></span>
                <button on:click=|_| browser::print()>"打印"</button>
            </div>
            <h2>{title}</h2>
            <p class="hint">"截至 " {crate::core::ledger::text::format_date(today)} "；共 " {all.cases} " 件案件，其中 "
                {all.cases - all.assigned} " 件尚在“排查登记”，不计入比率。"</p>
            <div class="cards" id="dashboard-cards">
                {card("交办案件", all.assigned, "各项比率的分母".into())}
                {card("已办结", all.closed, format!("办结率 {}", all.percent_text(Rate::Closed)))}
                {card("已化解", all.resolved, format!("化解率 {}", all.percent_text(Rate::Resolved)))}
                {card("息诉息访", all.settled, format!("息诉息访率 {}", all.percent_text(Rate::Settled)))}
                {card("未办结", all.open, "含排查登记、办结待审".into())}
                <button class="card overdue" id="card-overdue" title="在台账中查看逾期案件"
                    on:click=move |_| show_cases(state, Filter { due: Some(DueFilter::Overdue), ..Filter::default() })>
                    <div class="label">"逾期未办结"</div><div class="value">{all.overdue}</div><div class="note no-print">"点击查看"</div>
                </button>
                <button class="card due-soon" title="在台账中查看7日内到期的案件"
                    on:click=move |_| show_cases(state, Filter { due: Some(DueFilter::DueSoon), ..Filter::default() })>
                    <div class="label">"7日内到期"</div><div class="value">{all.due_soon}</div><div class="note no-print">"点击查看"</div>
                </button>
            </div>

            <h3>"目标任务进度"</h3>
            {if board.targets.is_empty() {
                view! { <p class="empty">"尚未设置目标任务。" <button class="plain no-print" on:click=move |_| state.go(Screen::Settings)>"去设置"</button></p> }.into_any()
            } else {
                view! { <div class="targets" id="target-progress">{board.targets.iter().map(target_bar).collect_view()}</div> }.into_any()
            }}

            <super::time_limits::StageTable/>

            <h3>"比率的口径"</h3>
            <dl class="definitions">
                {Rate::ALL.iter().map(|r| view! { <div><dt>{r.label()}</dt><dd>{r.numerator()} " ÷ " {DENOMINATOR}</dd></div> }).collect_view()}
                <div><dt>"逾期"</dt><dd>"尚未办理完毕（未提交办结审核或已被退回，含排查登记）且已超过办结时限的案件数，与台账的“逾期”、月报的“逾期”口径相同；办结时限按「设置」中的规则计算，手动填写的优先。"</dd></div>
                <div><dt>"未办结"</dt><dd>"状态不是“已办结”的案件数（含排查登记、办结待审）。"</dd></div>
            </dl>

            <h3>"各责任单位比率"</h3>
            {rate_chart(&board.by_unit)}
            {breakdown("按责任单位", "责任单位", &board.by_unit, state, |f, name| {
                f.unit = Some(name);
                true
            })}
            {breakdown("按包案领导", "包案领导", &board.by_lead, state, |f, name| {
                f.lead = Some(name);
                true
            })}
            {breakdown("按问题类别", "问题类别", &board.by_category, state, |f, name| {
                f.category = crate::core::ledger::model::Category::from_label(&name);
                f.category.is_some()
            })}
        </section>
    }
}

/// One target as a bar: the current rate filled, the target marked, both also in words.
fn target_bar(progress: &TargetProgress) -> impl IntoView {
    let (width, height) = (600.0, 34.0);
    let current = progress.percent.unwrap_or(0.0).clamp(0.0, 100.0);
    let target = progress.target.percent.min(100) as f64;
    let x = |percent: f64| percent / 100.0 * width;
    let class = if progress.met() { "target met" } else { "target" };
    view! {
        <div class=class>
            <p>{progress.describe()} "（当前 " {progress.percent.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".into())} "）"</p>
            <svg viewBox=format!("0 0 {width} {height}") width="100%" role="img"
                aria-label=progress.describe()>
                <rect x="0" y="6" width=width height="16" class="track"/>
                <rect x="0" y="6" width=x(current) height="16" class="fill"/>
                <line x1=x(target) x2=x(target) y1="0" y2="28" class="marker"/>
                <text x=x(target).min(width - 60.0) y="33" class="marker-label">{format!("目标 {}%", progress.target.percent)}</text>
            </svg>
        </div>
    }
}

/// Horizontal grouped bars, one group per unit, one bar per rate, each labelled with its value.
fn rate_chart(groups: &[(String, Tally)]) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p class="empty">"暂无数据。"</p> }.into_any();
    }
    let (name_width, bar_width, bar, gap) = (170.0, 380.0, 12.0, 10.0);
    let group_height = bar * 3.0 + gap;
    let height = 24.0 + group_height * groups.len() as f64;
    let rates =
        [(Rate::Closed, "closed"), (Rate::Resolved, "resolved"), (Rate::Settled, "settled")];
    let legend = rates.iter().enumerate().map(|(i, (rate, class))| {
        let x = name_width + i as f64 * 120.0;
        view! {
            <rect x=x y="4" width="12" height="12" class=format!("swatch {class}")/>
            <text x=x + 16.0 y="14">{rate.label()}</text>
        }
    });
    let bars = groups.iter().enumerate().map(|(g, (name, tally))| {
        let top = 24.0 + g as f64 * group_height;
        let rows = rates.iter().enumerate().map(|(i, (rate, class))| {
            let y = top + i as f64 * bar;
            let percent = tally.percent(*rate).unwrap_or(0.0);
            let w = percent / 100.0 * bar_width;
            view! {
                <rect x=name_width y=y width=w height=bar - 2.0 class=format!("bar {class}")/>
                <text x=name_width + w + 4.0 y=y + bar - 3.0 class="value">{tally.percent_text(*rate)}</text>
            }
        });
        let short: String = name.chars().take(11).collect();
        view! {
            <text x="0" y=top + bar * 2.0 - 2.0 class="name">{short}<title>{name.clone()}</title></text>
            {rows.collect_view()}
        }
    });
    view! {
        <svg class="chart" id="unit-chart" viewBox=format!("0 0 {} {height}", name_width + bar_width + 60.0) width="100%"
            role="img" aria-label="各责任单位办结率、化解率、息诉息访率">
            {legend.collect_view()}
            {bars.collect_view()}
        </svg>
    }
    .into_any()
}

/// A table of counts and rates per group; a group's name opens the ledger filtered to it
/// (when `select` can express the group as a filter).
fn breakdown(
    title: &'static str,
    column: &'static str,
    groups: &[(String, Tally)],
    state: AppState,
    select: fn(&mut Filter, String) -> bool,
) -> impl IntoView {
    let rows = groups.iter().cloned().map(|(name, t)| {
        // Groups of cases without a name are "（未填写）": their filter value is empty.
        let value = if name.starts_with('（') { String::new() } else { name.clone() };
        let mut filter = Filter::default();
        let cell = if select(&mut filter, value) {
            view! {
                <a href="#" title="在台账中查看这些案件"
                    on:click=move |ev| { ev.prevent_default(); show_cases(state, filter.clone()); }>{name}</a>
            }
            .into_any()
        } else {
            name.into_any()
        };
        let overdue_class = if t.overdue > 0 { "num overdue" } else { "num" };
        view! {
            <tr>
                <td>{cell}</td>
                <td class="num">{t.cases}</td>
                <td class="num">{t.assigned}</td>
                <td class="num">{t.closed}</td>
                <td class="num">{t.percent_text(Rate::Closed)}</td>
                <td class="num">{t.percent_text(Rate::Resolved)}</td>
                <td class="num">{t.percent_text(Rate::Settled)}</td>
                <td class=overdue_class>{t.overdue}</td>
            </tr>
        }
    });
    view! {
        <h3>{title}</h3>
        <table class="cases stats">
            <thead><tr>
                <th>{column}</th><th>"案件数"</th><th>"交办"</th><th>"已办结"</th>
                <th>"办结率"</th><th>"化解率"</th><th>"息诉息访率"</th><th>"逾期"</th>
            </tr></thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
