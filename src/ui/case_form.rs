//! The form to register a new case or edit one, with inline validation messages from the core.

use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Screen};
use crate::core::ledger::draft::{CaseDraft, FieldError};
use crate::core::ledger::fields::{Field, Kind, Section};
use crate::core::ledger::model::{Case, Flag};

#[component]
pub fn CaseForm(editing: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let base = editing
        .as_ref()
        .and_then(|id| state.ledger.with_untracked(|l| l.find(id).cloned()))
        .unwrap_or_else(|| Case { id: browser::new_id(), ..Case::default() });
    let is_new = editing.is_none();
    let draft = RwSignal::new(if is_new {
        CaseDraft::new_case(browser::today())
    } else {
        CaseDraft::from_case(&base)
    });
    let base = StoredValue::new(base);
    let attempted = RwSignal::new(false);
    // Any change from the form as opened guards leaving it (tabs, 取消, closing the page).
    let guard = expect_context::<super::LeaveGuard>();
    let opened = draft.get_untracked();
    Effect::new(move |_| guard.0.set(draft.with(|d| *d != opened)));
    on_cleanup(move || guard.0.set(false));

    let check = move || {
        state.ledger.with(|l| draft.with(|d| d.to_case(&base.get_value(), l, browser::now())))
    };
    // Messages appear after the first save attempt and then follow every keystroke.
    let errors =
        Memo::new(
            move |_| if attempted.get() { check().err().unwrap_or_default() } else { Vec::new() },
        );

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        match check() {
            Ok(case) => {
                guard.0.set(false);
                let (id, number) = (case.id.clone(), case.number.clone());
                state.upsert(case);
                state.go(Screen::Case(id));
                state.inform(if is_new {
                    format!("已登记案件 {number}。")
                } else {
                    format!("已保存对案件 {number} 的修改。")
                });
            }
            // The first field to correct comes into view with focus, once the messages are drawn.
            Err(_) => request_animation_frame(|| {
                use wasm_bindgen::JsCast;
                let first = document()
                    .query_selector(
                        ".field.invalid input, .field.invalid textarea, .field.invalid select",
                    )
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(el) = first {
                    if let Ok(Some(field)) = el.closest(".field") {
                        field.scroll_into_view_with_bool(true);
                    }
                    let _ = el.focus();
                }
            }),
        }
    };
    let cancel = move |_| match base.with_value(|b| (is_new, b.id.clone())) {
        (true, _) => guard.go(state, Screen::Ledger),
        (false, id) => guard.go(state, Screen::Case(id)),
    };

    // The fields of the field list, by fieldset. After registration the status changes only
    // through the 办理流程 on the case page, so that every change is logged.
    let fieldset = move |section: Section| {
        let legend = match section {
            Section::Limits if !is_new => "时限",
            section => section.label(),
        };
        let fields = Field::in_section(section)
            .filter(|f| is_new || *f != Field::Status)
            .map(|f| field_view(draft, errors, f))
            .collect_view();
        view! { <fieldset><legend>{legend}</legend>{fields}</fieldset> }
    };

    view! {
        <form class="case-form" on:submit=save novalidate>
            <h2>{if is_new { "登记新案件" } else { "编辑案件" }}</h2>
            <p class="hint">"带 * 的为必填项；其他信息不清楚时可以先空着，以后再补。"</p>
            <Show when=move || errors.with(|e| !e.is_empty())>
                <p class="form-error" role="alert">"还有 " {move || errors.with(Vec::len)} " 处需要修改，见下方红字。"</p>
            </Show>

            {Section::ALL.iter().map(|s| fieldset(*s)).collect_view()}

            <div class="buttons sticky">
                <button type="submit" class="primary">{if is_new { "登记案件" } else { "保存修改" }}</button>
                <button type="button" on:click=cancel>"取消"</button>
            </div>
        </form>
    }
}

/// 案件特征: a check box for each flag.
fn flags_view(draft: RwSignal<CaseDraft>) -> AnyView {
    let checks = Flag::ALL.iter().map(|flag| {
        let flag = *flag;
        view! {
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || draft.with(|d| d.flags.contains(&flag))
                    on:change=move |_| draft.update(|d| d.toggle_flag(flag))/>
                {flag.label()}
            </label>
        }
    });
    view! {
        <div class="field flags">
            <span class="label">{Field::Flags.label()}</span>
            <div class="checks">{checks.collect_view()}</div>
        </div>
    }
    .into_any()
}

fn field_view(draft: RwSignal<CaseDraft>, errors: Memo<Vec<FieldError>>, field: Field) -> AnyView {
    let spec = field.spec();
    if spec.kind == Kind::Flags {
        return flags_view(draft);
    }
    let message =
        move || errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message.clone()));
    let value = move || draft.with(|d| d.get(field).to_string());
    let set = move |ev: leptos::ev::Event| draft.update(|d| d.set(field, &event_target_value(&ev)));
    let wide = matches!(spec.kind, Kind::Prose | Kind::Names);
    let control = match spec.kind {
        Kind::Prose | Kind::Names => view! { <textarea rows="3" prop:value=value on:input=set></textarea> }.into_any(),
        Kind::Choice(options) => view! {
            <select on:change=set>
                <option value="" selected=move || value().is_empty()>"（未填）"</option>
                {options.iter().map(|o| view! { <option value=*o selected=move || value() == *o>{*o}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::Date => view! { <input type="date" prop:value=value on:input=set/> }.into_any(),
        Kind::Count => view! { <input type="number" min="1" step="1" prop:value=value on:input=set/> }.into_any(),
        Kind::Text | Kind::Flags | Kind::Log => view! { <input type="text" prop:value=value on:input=set/> }.into_any(),
    };
    let hint = spec.hint;
    view! {
        <label class="field" class:wide=wide class:invalid=move || message().is_some()>
            <span class="label">{field.form_label()}</span>
            {control}
            {(!hint.is_empty()).then(|| view! { <span class="hint">{hint}</span> })}
            {move || message().map(|m| view! { <span class="error">{m}</span> })}
        </label>
    }
    .into_any()
}
