//! The case page's 办理流程 panel: where the case stands, its time limit, and the moves that
//! make sense from here. The rules are `core::rules::workflow`; this only asks and shows.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::browser;
use super::packet::verdict_of;
use super::state::{AppState, Pending};
use crate::core::ledger::model::{Case, Outcome, Resolution, Status};
use crate::core::ledger::text::{date_text, parse_date};
use crate::core::rules::deadline::Urgency;
use crate::core::rules::workflow::{self, Move};

/// Asks the core whether the move may be made on `on`: refused → `refused` gets the reason
/// (shown next to the button); a warning → confirm first.
pub fn request(state: AppState, id: &str, mv: Move, on: NaiveDate, refused: impl Fn(String)) {
    let checked = state.ledger.with_untracked(|l| {
        l.find(id).map(|case| {
            workflow::check_date(case, &mv, on, browser::today())
                .and_then(|()| workflow::check(case, &mv, &verdict_of(l, case)))
        })
    });
    match checked {
        None => {}
        Some(Err(reason)) => refused(reason),
        Some(Ok(Some(warning))) => {
            state.pending.set(Some(Pending::Move { id: id.to_string(), mv, on, warning }))
        }
        Some(Ok(None)) => perform(state, id, mv, on),
    }
}

/// Makes the move, logged with its date.
pub fn perform(state: AppState, id: &str, mv: Move, on: NaiveDate) {
    let label = mv.label();
    let mut result = Ok(());
    let kept = state.change_case(id, |case| result = workflow::apply(case, mv, on));
    match result {
        Ok(()) if kept => {
            state.inform(format!("已{label}（{}），并记入办理情况。", date_text(Some(on))))
        }
        // Refused by the limits: change_case said why.
        Ok(()) => {}
        Err(reason) => state.warn(reason),
    }
}

/// Focuses the element with `id` once it is drawn (a message just shown).
pub fn focus_when_drawn(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
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
    // The 审核人 of the ledger's latest 退回补办: usually the same reviewer again.
    let reviewer = RwSignal::new(
        state.ledger.with_untracked(|l| workflow::last_reviewer(&l.cases)).unwrap_or_default(),
    );
    // The move's date: 交办 on the 交办日期 on record, other moves today; the clerk may change it.
    let today = browser::today();
    let move_date = RwSignal::new(date_text(Some(workflow::default_date(
        &case,
        case.status == Status::Registered,
        today,
    ))));
    // Why the last move was refused, shown under the buttons and focused.
    let message = RwSignal::new(None::<String>);
    let refuse = move |reason: String| {
        message.set(Some(reason));
        focus_when_drawn("workflow-message");
    };
    let go = move |mv: Move| match parse_date(&move_date.get_untracked()) {
        Ok(Some(on)) => {
            message.set(None);
            request(state, &id.get_value(), mv, on, refuse)
        }
        Ok(None) => refuse("请填写办理日期。".into()),
        Err(reason) => refuse(reason),
    };

    // A move's form opens with its first field focused, for the keyboard.
    let open_form = move |form: &'static str| {
        open.set(Some(form));
        focus_when_drawn("move-first");
    };
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
            <button class="primary" on:click=move |_| open_form("approve")>"审核通过，办结…"</button>
            <button on:click=move |_| open_form("send-back")>"退回补办…"</button>
        }
        .into_any(),
        Status::Closed => view! { <button on:click=move |_| open_form("rebound")>"反弹，重新办理…"</button> }.into_any(),
    };
    let choice = |label: &'static str,
                  id: Option<&'static str>,
                  options: &'static [&'static str],
                  value: RwSignal<String>| {
        view! {
            <label class="field">
                <span class="label">{label}</span>
                <select id=id aria-label=label on:change=move |ev| value.set(event_target_value(&ev))>
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
            _ => refuse("请选择办结结果和化解方式（四个到位）。".into()),
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
                {(case.rebounds > 0).then(|| view! { <div><dt>"反弹次数"</dt><dd>{case.rebounds}</dd></div> })}
            </dl>
            <div class="buttons no-print">
                <label class="move-date">"办理日期 "
                    <input type="date" aria-label="办理日期" prop:value=move || move_date.get()
                        on:input=move |ev| move_date.set(event_target_value(&ev))/>
                </label>
                {buttons}
            </div>
            {move || open.get().map(|form| match form {
                "approve" => view! {
                    <div class="move-form no-print">
                        {choice("办结结果", Some("move-first"), Outcome::LABELS, outcome)}
                        {choice("化解方式（四个到位）", None, Resolution::LABELS, resolution)}
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
                        go(if kind == "send-back" {
                            Move::SendBack { reason: text, reviewer: reviewer.get_untracked() }
                        } else {
                            Move::Rebound { note: text }
                        });
                    };
                    view! {
                        <div class="move-form no-print">
                            {(kind == "send-back").then(|| view! {
                                <label class="field"><span class="label">"审核人 *"</span>
                                    <input type="text" id="move-first" aria-required="true"
                                        placeholder="退回补办的审核人姓名" prop:value=move || reviewer.get()
                                        on:input=move |ev| reviewer.set(event_target_value(&ev))/>
                                </label>
                            })}
                            <label class="field"><span class="label">{label}</span>
                                <textarea rows="2" aria-label=label placeholder=placeholder aria-required=(kind == "send-back").then_some("true")
                                    id=(kind != "send-back").then_some("move-first")
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
            // Under the form whose confirmation was refused, or under the buttons.
            {move || message.get().map(|m| view! {
                <p class="move-message no-print" id="workflow-message" role="alert" tabindex="-1">{m}</p>
            })}
        </section>
    }
}

/// The 办理情况 log, newest first: the clerk's own entries can be corrected or removed (the
/// change itself is logged); the entries written by moves and corrections cannot.
#[component]
pub fn ProgressEntries(case: Case) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(case.id.clone());
    // The entry being corrected: its position, date and text as typed.
    let editing = RwSignal::new(None::<(usize, String, String)>);
    let error = RwSignal::new(None::<String>);
    let change = move |f: &dyn Fn(&mut Case) -> Result<(), String>| {
        let mut result = Ok(());
        state.change_case(&id.get_value(), |case| result = f(case));
        if let Err(reason) = result {
            error.set(Some(reason));
            focus_when_drawn("progress-error");
        }
    };
    let save = move |_| {
        let Some((at, date, text)) = editing.get_untracked() else { return };
        match parse_date(&date) {
            Ok(Some(day)) => {
                change(&|case| workflow::correct_progress(case, at, day, &text, browser::today()))
            }
            Ok(None) => error.set(Some("请填写日期。".into())),
            Err(reason) => error.set(Some(reason)),
        }
    };
    if case.progress.is_empty() {
        return view! { <p class="empty">"还没有办理情况记录。"</p> }.into_any();
    }
    let entries = case.progress.into_iter().enumerate().map(|(at, e)| {
        let (date, text) = (date_text(Some(e.date)), e.text.clone());
        let logged = workflow::is_logged(&e.text);
        let is_editing = move || editing.with(|e| e.as_ref().is_some_and(|(i, ..)| *i == at));
        let start = {
            let (date, text) = (date.clone(), text.clone());
            move |_| {
                error.set(None);
                editing.set(Some((at, date.clone(), text.clone())));
            }
        };
        let shown = view! { <time>{date.clone()}</time><p>{text.clone()}</p> };
        view! {
            <li class:logged=logged>
                <Show when=is_editing fallback=move || ()>
                    <div class="edit-progress no-print">
                        <input type="date" aria-label="更正日期"
                            prop:value=move || editing.with(|e| e.as_ref().map(|e| e.1.clone()).unwrap_or_default())
                            on:input=move |ev| editing.update(|e| if let Some(e) = e { e.1 = event_target_value(&ev) })/>
                        <textarea rows="2" aria-label="更正办理情况"
                            prop:value=move || editing.with(|e| e.as_ref().map(|e| e.2.clone()).unwrap_or_default())
                            on:input=move |ev| editing.update(|e| if let Some(e) = e { e.2 = event_target_value(&ev) })></textarea>
                        <button class="primary" on:click=save>"保存更正"</button>
                        <button on:click=move |_| editing.set(None)>"取消"</button>
                    </div>
                </Show>
                {shown}
                {(!logged).then(|| view! {
                    <span class="entry-actions no-print">
                        <button class="plain" aria-label=format!("更正 {date} 的办理情况") on:click=start>"更正"</button>
                        <button class="plain" aria-label=format!("删除 {date} 的办理情况")
                            on:click=move |_| change(&|case| workflow::remove_progress(case, at, browser::today()))>"删除"</button>
                    </span>
                })}
            </li>
        }
    });
    view! {
        {move || error.get().map(|m| view! { <p class="error" id="progress-error" role="alert" tabindex="-1">{m}</p> })}
        <ol class="log">{entries.collect_view()}</ol>
    }
    .into_any()
}
