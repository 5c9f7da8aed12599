//! The case page: every field of one case and its 办理情况 log, where progress is recorded.

use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Pending, Screen};
use crate::core::ledger::fields::{Field, Page};
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

/// The case's fields as the field list shows them on the page: rows, then the long texts across.
#[component]
fn CaseFields(case: Case) -> impl IntoView {
    let shown = |page: Page| Field::ALL.iter().copied().filter(move |f| f.spec().page == page);
    let rows = Field::ALL.iter().copied().filter_map(|field| {
        let value = field.show(&case);
        match field.spec().page {
            Page::Row => Some(
                view! { <div><dt>{field.page_label()}</dt><dd>{or_blank(&value)}</dd></div> }
                    .into_any(),
            ),
            Page::Masked if !value.is_empty() => Some(view! { <IdNumber id=value/> }.into_any()),
            _ => None,
        }
    });
    let wide = shown(Page::Wide).map(|field| {
        let class = format!("prose {}", field.spec().key);
        view! {
            <div class="wide"><dt>{field.page_label()}</dt><dd class=class>{or_blank(&field.show(&case))}</dd></div>
        }
    });
    view! {
        <dl class="fields">
            {rows.collect_view()}
            {wide.collect_view()}
        </dl>
    }
}

/// 身份证号, masked until the clerk asks to see it (and masked in print either way).
#[component]
fn IdNumber(id: String) -> impl IntoView {
    let shown = RwSignal::new(false);
    let masked = mask_id_number(&id);
    view! {
        <div class="id-number"><dt>{Field::IdNumber.page_label()}</dt><dd>
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
