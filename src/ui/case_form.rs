//! The form to register a new case or edit one, with inline validation messages from the core.

use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Screen};
use crate::core::ledger::draft::{CaseDraft, Field, FieldError};
use crate::core::ledger::model::{Case, Category, Flag, Source, Status};

/// Read and write access to one text of the draft.
#[derive(Clone, Copy)]
struct Slot {
    get: fn(&CaseDraft) -> &String,
    set: fn(&mut CaseDraft) -> &mut String,
}

macro_rules! slot {
    ($field:ident) => {
        Slot { get: |d| &d.$field, set: |d| &mut d.$field }
    };
}

#[derive(Clone, Copy)]
enum Input {
    Text,
    Date,
    Number,
    Area,
    Choice(&'static [&'static str]),
}

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

    let field = move |label: &'static str,
                      slot: Slot,
                      input: Input,
                      check: Option<Field>,
                      hint: &'static str| {
        field_view(draft, errors, label, slot, input, check, hint)
    };

    view! {
        <form class="case-form" on:submit=save novalidate>
            <h2>{if is_new { "登记新案件" } else { "编辑案件" }}</h2>
            <p class="hint">"带 * 的为必填项；其他信息不清楚时可以先空着，以后再补。"</p>
            <Show when=move || errors.with(|e| !e.is_empty())>
                <p class="form-error" role="alert">"还有 " {move || errors.with(Vec::len)} " 处需要修改，见下方红字。"</p>
            </Show>

            <fieldset>
                <legend>"交办信息"</legend>
                {field("案件编号 *", slot!(number), Input::Text, Some(Field::Number), "本台账内唯一，如 JA-2026-001")}
                {field("交办来源", slot!(source), Input::Choice(Source::LABELS), None, "")}
                {field("交办文号", slot!(assignment_ref), Input::Text, Some(Field::AssignmentRef), "如 皖国土资函[2009]371号")}
                {field("交办日期", slot!(assigned_on), Input::Date, Some(Field::AssignedOn), "")}
                {field("登记日期", slot!(registered_on), Input::Date, Some(Field::RegisteredOn), "")}
                {field("信访形式", slot!(channel), Input::Text, Some(Field::Channel), "来信、来访、网上信访、12345 热线等")}
            </fieldset>

            <fieldset>
                <legend>"信访人与诉求"</legend>
                {field("信访人", slot!(petitioner_name), Input::Text, Some(Field::PetitionerName), "集体访填写代表人")}
                {field("身份证号", slot!(petitioner_id_number), Input::Text, Some(Field::PetitionerIdNumber), "台账和打印中只显示前 6 位和后 4 位")}
                {field("联系方式", slot!(petitioner_contact), Input::Text, Some(Field::PetitionerContact), "")}
                {field("户籍地/常住地", slot!(petitioner_residence), Input::Text, Some(Field::PetitionerResidence), "")}
                {field("涉及人数", slot!(people_count), Input::Number, Some(Field::PeopleCount), "")}
                {field("诉求摘要 *", slot!(summary), Input::Area, Some(Field::Summary), "信访人反映的问题和诉求")}
                {field("问题类别", slot!(category), Input::Choice(Category::LABELS), None, "")}
                <div class="field flags">
                    <span class="label">"案件特征"</span>
                    <div class="checks">
                        {Flag::ALL.iter().map(|flag| {
                            let flag = *flag;
                            view! {
                                <label class="check">
                                    <input type="checkbox"
                                        prop:checked=move || draft.with(|d| d.flags.contains(&flag))
                                        on:change=move |_| draft.update(|d| d.toggle_flag(flag))/>
                                    {flag.label()}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </div>
            </fieldset>

            <fieldset>
                <legend>"责任落实"</legend>
                {field("包案领导", slot!(lead), Input::Text, Some(Field::Lead), "只填一名领导（一案一名包案领导）")}
                {field("责任单位", slot!(responsible_unit), Input::Text, Some(Field::ResponsibleUnit), "主办单位")}
                {field("协办单位", slot!(assisting_units), Input::Area, Some(Field::AssistingUnits), "多个单位用顿号“、”分隔或分行填写")}
                {field("承办人", slot!(handler), Input::Text, Some(Field::Handler), "")}
                {field("稳控责任人", slot!(stability_owner), Input::Text, Some(Field::StabilityOwner), "")}
                {field("化解措施", slot!(plan), Input::Area, Some(Field::Plan), "")}
                {field("备注", slot!(remarks), Input::Area, Some(Field::Remarks), "")}
            </fieldset>

            <fieldset>
                <legend>{if is_new { "时限与状态" } else { "时限" }}</legend>
                {field("办结时限", slot!(deadline), Input::Date, Some(Field::Deadline),
                    "一般留空：按「设置」中的时限规则从交办日期自动计算；只有另有规定时才手动填写")}
                // After registration the status changes only through the 办理流程 on the case page,
                // so that every change is logged.
                {is_new.then(|| field("状态", slot!(status), Input::Choice(Status::LABELS), None,
                    "录入已在办理中的旧案时可选其当前状态"))}
            </fieldset>

            <div class="buttons sticky">
                <button type="submit" class="primary">{if is_new { "登记案件" } else { "保存修改" }}</button>
                <button type="button" on:click=cancel>"取消"</button>
            </div>
        </form>
    }
}

fn field_view(
    draft: RwSignal<CaseDraft>,
    errors: Memo<Vec<FieldError>>,
    label: &'static str,
    slot: Slot,
    input: Input,
    check: Option<Field>,
    hint: &'static str,
) -> impl IntoView {
    let message = move || {
        let field = check?;
        errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message.clone()))
    };
    let value = move || draft.with(|d| (slot.get)(d).clone());
    let set =
        move |ev: leptos::ev::Event| draft.update(|d| *(slot.set)(d) = event_target_value(&ev));
    let wide = matches!(input, Input::Area);
    let control = match input {
        Input::Area => view! { <textarea rows="3" prop:value=value on:input=set></textarea> }.into_any(),
        Input::Choice(options) => view! {
            <select on:change=set>
                <option value="" selected=move || value().is_empty()>"（未填）"</option>
                {options.iter().map(|o| view! { <option value=*o selected=move || value() == *o>{*o}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Input::Date => view! { <input type="date" prop:value=value on:input=set/> }.into_any(),
        Input::Number => view! { <input type="number" min="1" step="1" prop:value=value on:input=set/> }.into_any(),
        Input::Text => view! { <input type="text" prop:value=value on:input=set/> }.into_any(),
    };
    view! {
        <label class="field" class:wide=wide class:invalid=move || message().is_some()>
            <span class="label">{label}</span>
            {control}
            {(!hint.is_empty()).then(|| view! { <span class="hint">{hint}</span> })}
            {move || message().map(|m| view! { <span class="error">{m}</span> })}
        </label>
    }
}
