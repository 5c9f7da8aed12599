//! The case page's 办理流程 panel: where the case stands, its time limit, and the moves that
//! make sense from here. The rules are `core::workflow`; this only asks and shows.

use leptos::prelude::*;

use super::browser;
use super::packet::verdict_of;
use super::state::{AppState, Pending};
use crate::core::campaign::Urgency;
use crate::core::model::{date_text, Case, Outcome, Resolution, Status};
use crate::core::workflow::{self, Move};

/// Asks the core whether the move may be made: refused → the reason; a warning → confirm first.
pub fn request(state: AppState, id: &str, mv: Move) {
    let checked = state.ledger.with_untracked(|l| {
        l.find(id).map(|case| workflow::check(case, &mv, &verdict_of(l, case)))
    });
    match checked {
        None => {}
        Some(Err(reason)) => state.warn(reason),
        Some(Ok(Some(warning))) => {
            state.pending.set(Some(Pending::Move { id: id.to_string(), mv, warning }))
        }
        Some(Ok(None)) => perform(state, id, mv),
    }
}

/// Makes the move, logged with today's date.
pub fn perform(state: AppState, id: &str, mv: Move) {
    let label = mv.label();
    let mut result = Ok(());
    let kept = state.change_case(id, |case| result = workflow::apply(case, mv, browser::today()));
    match result {
        Ok(()) if kept => state.inform(format!("已{label}，并记入办理情况。")),
        // Refused by the limits: change_case said why.
        Ok(()) => {}
        Err(reason) => state.warn(reason),
    }
}

#[component]
pub fn WorkflowPanel(case: Case) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(case.id.clone());
    let (deadline, rule, urgency) = state.ledger.with_untracked(|l| {
        (
            l.campaign.deadline(&case),
            l.campaign.deadline_rule,
            l.campaign.urgency(&case, browser::today()),
        )
    });
    // Which move's details form is open.
    let open = RwSignal::new(None::<&'static str>);
    let outcome = RwSignal::new(String::new());
    let resolution = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let go = move |mv: Move| request(state, &id.get_value(), mv);

    let steps = Status::ALL.iter().map(|s| {
        let class = if *s == case.status {
            "step current"
        } else if *s < case.status {
            "step done"
        } else {
            "step"
        };
        view! { <li class=class>{s.label()}</li> }
    });
    let deadline_text = match deadline {
        Ok(Some(d)) => format!("{}（{}）", date_text(Some(d.due())), d.explain(rule)),
        Ok(None) => "未定：请填写交办日期或办结时限".to_string(),
        Err(out_of_range) => out_of_range.to_string(),
    };
    let urgency_badge = match urgency {
        Urgency::Overdue(_) => Some(("due-badge overdue", urgency.label())),
        Urgency::DueSoon(_) | Urgency::OutOfRange => Some(("due-badge due-soon", urgency.label())),
        _ => None,
    };
    let buttons = match case.status {
        Status::Registered => view! { <button class="primary" on:click=move |_| go(Move::Assign)>"交办"</button> }.into_any(),
        Status::Assigned => view! { <button class="primary" on:click=move |_| go(Move::Start)>"开始化解"</button> }.into_any(),
        Status::InProgress => view! { <button class="primary" on:click=move |_| go(Move::Submit)>"提交办结审核"</button> }.into_any(),
        Status::AwaitingReview => view! {
            <button class="primary" on:click=move |_| open.set(Some("approve"))>"审核通过，办结…"</button>
            <button on:click=move |_| open.set(Some("send-back"))>"退回补办…"</button>
        }
        .into_any(),
        Status::Closed => view! { <button on:click=move |_| open.set(Some("rebound"))>"反弹，重新办理…"</button> }.into_any(),
    };
    let choice = |label: &'static str,
                  options: &'static [&'static str],
                  value: RwSignal<String>| {
        view! {
            <label class="field">
                <span class="label">{label}</span>
                <select aria-label=label on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">"（请选择）"</option>
                    {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let approve = move |_| {
        let picked = (
            Outcome::from_label(&outcome.get_untracked()),
            Resolution::from_label(&resolution.get_untracked()),
        );
        match picked {
            (Some(outcome), Some(resolution)) => go(Move::Approve { outcome, resolution }),
            _ => state.warn("请选择办结结果和化解方式（四个到位）。"),
        }
    };

    view! {
        <section class="workflow" id="workflow">
            <h3>"办理流程"</h3>
            <ol class="steps">{steps.collect_view()}</ol>
            <dl class="fields">
                <div><dt>"办结时限"</dt><dd id="case-deadline">{deadline_text}
                    {urgency_badge.map(|(class, text)| view! { <span class=class>{text}</span> })}</dd></div>
                {case.outcome.map(|o| view! { <div><dt>"办结结果"</dt><dd>{o.label()}</dd></div> })}
                {case.resolution.map(|r| view! { <div><dt>"化解方式"</dt><dd>{r.label()}</dd></div> })}
                {(case.rebounds > 0).then(|| view! { <div><dt>"反弹"</dt><dd>{format!("{} 次", case.rebounds)}</dd></div> })}
            </dl>
            <div class="buttons no-print">{buttons}</div>
            {move || open.get().map(|form| match form {
                "approve" => view! {
                    <div class="move-form no-print">
                        {choice("办结结果", Outcome::LABELS, outcome)}
                        {choice("化解方式（四个到位）", Resolution::LABELS, resolution)}
                        <div class="buttons">
                            <button class="primary" on:click=approve>"确认办结"</button>
                            <button on:click=move |_| open.set(None)>"取消"</button>
                        </div>
                    </div>
                }
                .into_any(),
                kind => {
                    let (label, placeholder) = if kind == "send-back" {
                        ("退回原因", "写明需要补办或重办的材料，如：缺少回访记录")
                    } else {
                        ("反弹情况", "如：信访人再次赴省上访，反映补偿未到位")
                    };
                    let confirm = move |_| {
                        let text = reason.get_untracked();
                        go(if kind == "send-back" { Move::SendBack { reason: text } } else { Move::Rebound { note: text } });
                    };
                    view! {
                        <div class="move-form no-print">
                            <label class="field"><span class="label">{label}</span>
                                <textarea rows="2" aria-label=label placeholder=placeholder
                                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                            </label>
                            <div class="buttons">
                                <button class="primary" on:click=confirm>{if kind == "send-back" { "确认退回补办" } else { "确认重新办理" }}</button>
                                <button on:click=move |_| open.set(None)>"取消"</button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
            })}
        </section>
    }
}
