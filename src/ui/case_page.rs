//! The case page: every field of one case and its 办理情况 log, where progress is recorded.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Pending, Screen};
use crate::core::ledger::limits::case_problems;
use crate::core::ledger::model::{mask_id_number, Case};
use crate::core::ledger::text::{date_text, parse_date};

fn or_blank(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_string()
    } else {
        text.to_string()
    }
}

fn date_or_blank(date: Option<NaiveDate>) -> String {
    or_blank(&date_text(date))
}

#[component]
pub fn CasePage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let case_id = StoredValue::new(id);
    // The standard and campaign are part of what the page shows: verdict and time limit depend on them.
    let case = Memo::new(move |_| {
        state.ledger.with(|l| {
            (case_id.with_value(|id| l.find(id).cloned()), l.standard.clone(), l.campaign.clone())
        })
    });

    move || {
        let Some(case) = case.get().0 else {
            return view! {
                <section class="case-page">
                    <p class="empty">"找不到这件案件，可能已被删除。"</p>
                    <button on:click=move |_| state.go(Screen::Ledger)>"返回台账"</button>
                </section>
            }
            .into_any();
        };
        let id = case.id.clone();
        let (edit_id, delete_id) = (id.clone(), id.clone());
        view! {
            <section class="case-page">
                <div class="toolbar no-print">
                    <button on:click=move |_| state.go(Screen::Ledger)>"← 返回台账"</button>
                    <span class="spacer"></span>
                    <button class="primary" on:click=move |_| state.go(Screen::EditCase(edit_id.clone()))>"编辑"</button>
                    <button on:click=|_| browser::print()>"打印"</button>
                    <button class="danger" on:click=move |_| state.pending.set(Some(Pending::Delete { id: delete_id.clone() }))>"删除"</button>
                </div>
                <h2>"案件 " {case.number.clone()} " " <span class="status">{case.status.label()}</span></h2>
                {out_of_limits(&case)}
                <CaseFields case=case.clone()/>
                <super::time_limits::TimeLimits case=case.clone()/>
                <super::workflow::WorkflowPanel case=case.clone()/>
                <super::packet::PacketSection case=case.clone()/>
                <ProgressLog case=case/>
            </section>
        }
        .into_any()
    }
}

/// Values outside the limits every way in shares (`core::ledger::limits`), as a ledger stored by an
/// earlier version or changed by hand may hold: named so that the clerk corrects them.
fn out_of_limits(case: &Case) -> Option<impl IntoView> {
    let problems = case_problems(case);
    (!problems.is_empty()).then(|| {
        view! {
            <div class="form-error out-of-limits" role="alert">
                "此案件有超出范围的数据，请点「编辑」改正（否则导出的台账文件无法再导入）："
                <ul>{problems.iter().map(|p| view! { <li>{p.describe()}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[component]
fn CaseFields(case: Case) -> impl IntoView {
    let flags = case.flags.iter().map(|f| f.label()).collect::<Vec<_>>().join("、");
    let rows: Vec<(&str, String)> = vec![
        ("案件编号", case.number.clone()),
        ("交办来源", or_blank(case.source.map(|s| s.label()).unwrap_or_default())),
        ("交办文号", or_blank(&case.assignment_ref)),
        ("交办日期", date_or_blank(case.assigned_on)),
        ("登记日期", date_or_blank(case.registered_on)),
        ("信访形式", or_blank(&case.channel)),
        ("信访人", or_blank(&case.petitioner.name)),
        ("联系方式", or_blank(&case.petitioner.contact)),
        ("户籍地/常住地", or_blank(&case.petitioner.residence)),
        ("涉及人数", case.people_count.map(|n| n.to_string()).unwrap_or_else(|| "—".into())),
        ("问题类别", or_blank(case.category.map(|c| c.label()).unwrap_or_default())),
        ("案件特征", or_blank(&flags)),
        ("包案领导", or_blank(&case.lead)),
        ("责任单位", or_blank(&case.responsible_unit)),
        ("协办单位", or_blank(&case.assisting_units.join("、"))),
        ("承办人", or_blank(&case.handler)),
        ("稳控责任人", or_blank(&case.stability_owner)),
        ("手动设定的办结时限", date_or_blank(case.deadline)),
        ("状态", case.status.label().to_string()),
    ];
    let id_number = case.petitioner.id_number.clone();
    // 身份证号 stands after 信访人.
    let mut rows = rows;
    let after =
        rows.split_off(rows.iter().position(|(l, _)| *l == "信访人").map_or(rows.len(), |i| i + 1));
    let row =
        |(label, value): (&str, String)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    view! {
        <dl class="fields">
            {rows.into_iter().map(row).collect_view()}
            {(!id_number.is_empty()).then(|| view! { <IdNumber id=id_number/> })}
            {after.into_iter().map(row).collect_view()}
            <div class="wide"><dt>"诉求摘要"</dt><dd class="prose">{case.summary.clone()}</dd></div>
            <div class="wide"><dt>"化解措施"</dt><dd class="prose">{or_blank(&case.plan)}</dd></div>
            <div class="wide"><dt>"备注"</dt><dd class="prose remarks">{or_blank(&case.remarks)}</dd></div>
        </dl>
    }
}

/// 身份证号, masked until the clerk asks to see it (and masked in print either way).
#[component]
fn IdNumber(id: String) -> impl IntoView {
    let shown = RwSignal::new(false);
    let masked = mask_id_number(&id);
    view! {
        <div class="id-number"><dt>"身份证号"</dt><dd>
            <span class="id-text">{move || if shown.get() { id.clone() } else { masked.clone() }}</span>
            " "
            <button type="button" class="plain no-print" on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { "隐藏" } else { "显示" }}
            </button>
        </dd></div>
    }
}

#[component]
fn ProgressLog(case: Case) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(case.id.clone());
    let date = RwSignal::new(date_text(Some(browser::today())));
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let entry_date = match parse_date(&date.get_untracked()) {
            Ok(Some(d)) => d,
            Ok(None) => return error.set(Some("请填写日期".into())),
            Err(message) => return error.set(Some(message)),
        };
        let entry = text.get_untracked();
        if entry.trim().is_empty() {
            return error.set(Some("请填写办理情况".into()));
        }
        error.set(None);
        // Refused (a text over the limits): what was typed stays in the box.
        if state.change_case(&id.get_value(), |case| case.add_progress(entry_date, &entry)) {
            text.set(String::new());
        }
    };

    view! {
        <section class="progress">
            <h3>"办理情况"</h3>
            <form class="add-progress no-print" on:submit=add novalidate>
                <input type="date" aria-label="日期" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                <textarea rows="2" placeholder="记录本次办理情况，如：约谈信访人、召开协调会、答复意见……" aria-label="办理情况"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary">"添加记录"</button>
                {move || error.get().map(|m| view! { <span class="error">{m}</span> })}
            </form>
            <super::workflow::ProgressEntries case=case/>
        </section>
    }
}
