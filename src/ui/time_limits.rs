//! The 《信访工作条例》 time limits on screen: on the case page, the procedure dates the clerk
//! records and every computed date with how it was computed; in 统计, the cases per stage.
//! The arithmetic is `core::rules::procedure`.

use leptos::prelude::*;

use super::browser;
use super::state::AppState;
use crate::core::ledger::model::Case;
use crate::core::ledger::packet::Procedure;
use crate::core::ledger::text::{date_text, parse_date};
use crate::core::rules::deadline::Urgency;
use crate::core::rules::procedure::{stage_counts, timeline, Stage};

/// "时限计算": the case's stage, each limit with its explanation, and the procedure dates.
#[component]
pub fn TimeLimits(case: Case) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = browser::today();
    let computed = state.ledger.with_untracked(|l| timeline(&l.campaign, &case, today));
    let id = StoredValue::new(case.id.clone());
    let procedure = case.packet.procedure.clone();

    let body = match computed {
        Err(out_of_range) => {
            view! { <p class="form-error">{out_of_range.to_string()}</p> }.into_any()
        }
        Ok(t) => {
            let stage = t.label();
            let limits = t.limits.clone();
            view! {
                <p class="stage-now">"当前阶段：" <strong id="stage-now">{stage}</strong></p>
                {if limits.is_empty() {
                    view! { <p class="empty">"台账未填写登记、交办或受理日期，暂无可计算的时限。"</p> }.into_any()
                } else {
                    view! {
                        <ol class="limits" id="limit-explanations">
                            {limits.into_iter().map(|l| {
                                let flag = match l.urgency(today) {
                                    Urgency::Overdue(_) => "overdue",
                                    Urgency::DueSoon(_) => "due-soon",
                                    _ => "",
                                };
                                let label = l.urgency(today).label();
                                view! {
                                    <li class=flag>
                                        <span class="what">{l.what}</span>
                                        {(!label.is_empty()).then(|| view! { <span class=format!("due-badge {flag}")>{label}</span> })}
                                        <div class="how">{l.explanation()}</div>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            }
            .into_any()
        }
    };

    let set = move |f: fn(&mut Procedure, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            state.change_case(&id.get_value(), |c| f(&mut c.packet.procedure, value));
        }
    };
    let days = |n: u32| if n == 0 { String::new() } else { n.to_string() };
    let hearing = procedure.hearing_days;
    view! {
        <section class="time-limits" id="time-limits">
            <h3>"时限计算（《信访工作条例》）"</h3>
            {body}
            <div class="closure-dates no-print">
                <label class="field"><span class="label">"受理日期"</span>
                    <input type="date" aria-label="受理日期" prop:value=date_text(procedure.accepted_on)
                        on:change=set(|p, v| p.accepted_on = parse_date(&v).ok().flatten())/></label>
                <label class="field"><span class="label">"复查申请日期"</span>
                    <input type="date" aria-label="复查申请日期" prop:value=date_text(procedure.review_requested_on)
                        on:change=set(|p, v| p.review_requested_on = parse_date(&v).ok().flatten())/></label>
                <label class="field"><span class="label">"复核申请日期"</span>
                    <input type="date" aria-label="复核申请日期" prop:value=date_text(procedure.recheck_requested_on)
                        on:change=set(|p, v| p.recheck_requested_on = parse_date(&v).ok().flatten())/></label>
                <label class="field"><span class="label">"听证天数（办理）"</span>
                    <input type="number" min="0" max="365" aria-label="办理阶段听证天数" prop:value=days(hearing.handling)
                        on:change=set(|p, v| p.hearing_days.handling = v.trim().parse().unwrap_or(0))/></label>
                <label class="field"><span class="label">"听证天数（复查）"</span>
                    <input type="number" min="0" max="365" aria-label="复查阶段听证天数" prop:value=days(hearing.review)
                        on:change=set(|p, v| p.hearing_days.review = v.trim().parse().unwrap_or(0))/></label>
                <label class="field"><span class="label">"听证天数（复核）"</span>
                    <input type="number" min="0" max="365" aria-label="复核阶段听证天数" prop:value=days(hearing.recheck)
                        on:change=set(|p, v| p.hearing_days.recheck = v.trim().parse().unwrap_or(0))/></label>
            </div>
            <p class="hint no-print">"答复、复查意见、复核意见的日期取自结案材料中答复意见书、复查意见书、复核意见书的日期；听证所用天数不计入该阶段的时限。"</p>
        </section>
    }
}

/// 统计: how many cases are in each stage, and how many are past or near its limit.
#[component]
pub fn StageTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts =
        state.ledger.with_untracked(|l| stage_counts(&l.campaign, &l.cases, browser::today()));
    view! {
        <h3>"按《信访工作条例》办理阶段"</h3>
        <table class="cases stats" id="stage-counts">
            <thead><tr><th>"阶段"</th><th>"案件数"</th><th>"逾期"</th><th>"7日内到期"</th></tr></thead>
            <tbody>
                {counts.into_iter().filter(|(s, c)| c.cases > 0 || !matches!(s, Stage::NotStarted)).map(|(stage, c)| view! {
                    <tr><td>{stage.label()}</td><td class="num">{c.cases}</td><td class="num">{c.overdue}</td><td class="num">{c.due_soon}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="hint">"登记受理15日（第二十二、二十三条）；办理按「设置」中的时限（第三十四条）；复查、复核各30日（第三十五、三十六条），听证天数不计入。复查、复核申请期是信访人的期限，不计逾期。"</p>
    }
}
