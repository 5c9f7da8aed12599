//! 专项工作设置: the campaign's name, dates, time-limit rule and targets, in one place. They are
//! stored with the ledger and travel in its JSON file.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::core::ledger::campaign::{Campaign, DeadlineRule, Rate, StartEvent, MAX_EXTENSION_DAYS};
use crate::core::ledger::campaign_draft::{LimitsDraft, TargetDraft};
use crate::core::ledger::text::date_text;

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.ledger.with_untracked(|l| l.campaign.clone());
    let name = RwSignal::new(current.name.clone());
    let starts_on = RwSignal::new(date_text(current.starts_on));
    let ends_on = RwSignal::new(date_text(current.ends_on));
    let limits = RwSignal::new(LimitsDraft::of(&current));
    let targets = RwSignal::new(
        current
            .targets
            .iter()
            .map(|t| TargetDraft {
                rate: t.rate.label().into(),
                percent: t.percent.to_string(),
                by: date_text(Some(t.by)),
            })
            .collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<String>::new());
    // Rows re-render only when one is added or removed, so typing keeps the focus.
    let target_count = Memo::new(move |_| targets.with(Vec::len));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = targets.with_untracked(|t| {
            Campaign::from_form(
                &name.get_untracked(),
                &starts_on.get_untracked(),
                &ends_on.get_untracked(),
                &limits.get_untracked(),
                t,
            )
        });
        match read {
            Ok(campaign) => {
                errors.set(Vec::new());
                state.change(|l| l.campaign = campaign);
                state.go(Screen::Dashboard);
                state.inform("已保存专项工作设置。办结时限和统计已按新设置重新计算。");
            }
            Err(list) => errors.set(list),
        }
    };
    let text = |value: RwSignal<String>, kind: &'static str, label: &'static str| {
        view! { <input type=kind aria-label=label prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/> }
    };
    let target_row = move |i: usize| {
        let get = move |f: fn(&TargetDraft) -> String| {
            move || targets.with(|t| t.get(i).map(f).unwrap_or_default())
        };
        let set = move |f: fn(&mut TargetDraft) -> &mut String| {
            move |ev: leptos::ev::Event| {
                targets.update(|t| {
                    if let Some(t) = t.get_mut(i) {
                        *f(t) = event_target_value(&ev)
                    }
                })
            }
        };
        let rate = get(|t| t.rate.clone());
        view! {
            <tr>
                <td><select aria-label="指标" on:change=set(|t| &mut t.rate)>
                    <option value="">"（请选择）"</option>
                    {Rate::LABELS.iter().map(|r| view! { <option value=*r selected=move || rate() == *r>{*r}</option> }).collect_view()}
                </select></td>
                <td><input type="number" min="0" max="100" aria-label="目标比例" class="percent"
                    prop:value=get(|t| t.percent.clone()) on:input=set(|t| &mut t.percent)/>" %"</td>
                <td><input type="date" aria-label="完成期限" prop:value=get(|t| t.by.clone()) on:input=set(|t| &mut t.by)/></td>
                <td><button type="button" class="plain" on:click=move |_| targets.update(|t| { t.remove(i); })>"删除"</button></td>
            </tr>
        }
    };

    view! {
        <div class="settings-page">
        <form class="settings case-form" on:submit=save novalidate>
            <h2>"专项工作设置"</h2>
            <p class="hint">"这些设置随台账一起保存，并包含在导出的台账文件中。"</p>
            <Show when=move || errors.with(|e| !e.is_empty())>
                <div class="form-error" role="alert">
                    <p>"设置未保存，请修改："</p>
                    <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <fieldset>
                <legend>"专项工作"</legend>
                <label class="field"><span class="label">"名称"</span>{text(name, "text", "专项工作名称")}
                    <span class="hint">"如：2026年信访积案化解专项行动"</span></label>
                <label class="field"><span class="label">"开始日期"</span>{text(starts_on, "date", "开始日期")}</label>
                <label class="field"><span class="label">"结束日期"</span>{text(ends_on, "date", "结束日期")}</label>
            </fieldset>
            <fieldset class="block">
                <legend>"办结时限规则"</legend>
                {DeadlineRule::ALL.iter().map(|r| {
                    let (label, name) = (r.label(), r.name());
                    view! {
                        <label class="check">
                            <input type="radio" name="deadline-rule" prop:checked=move || limits.with(|l| l.rule == label)
                                on:change=move |_| limits.update(|l| l.rule = label.to_string())/>
                            {name}
                        </label>
                    }
                }).collect_view()}
                <p class="label-line">"起算日："</p>
                {StartEvent::ALL.iter().map(|e| {
                    let label = e.label();
                    view! {
                        <label class="check">
                            <input type="radio" name="counts-from" prop:checked=move || limits.with(|l| l.counts_from == label)
                                on:change=move |_| limits.update(|l| l.counts_from = label.to_string())/>
                            "自" {label} "起算"
                        </label>
                    }
                }).collect_view()}
                <label class="check">
                    <input type="checkbox" id="extensions-allowed" prop:checked=move || limits.with(|l| l.extensions_allowed)
                        on:change=move |ev| limits.update(|l| l.extensions_allowed = event_target_checked(&ev))/>
                    "经领导批准可延期"
                </label>
                <label class="field"><span class="label">"最长延期天数"</span>
                    <input type="number" min="1" max=MAX_EXTENSION_DAYS aria-label="最长延期天数"
                        prop:disabled=move || limits.with(|l| !l.extensions_allowed)
                        prop:value=move || limits.with(|l| l.max_extension_days.clone())
                        on:input=move |ev| limits.update(|l| l.max_extension_days = event_target_value(&ev))/></label>
                <p class="hint">"未手动填写办结时限的案件，按此规则从所选起算日计算：各地积案化解工作方案从交办日期起算，《信访工作条例》第三十四条从受理日期起算。延期须在原时限届满前经领导批准（最多30日），并附延期告知书（见结案材料中的“延期”）。"</p>
            </fieldset>
            <fieldset class="block">
                <legend>"目标任务"</legend>
                <table class="targets">
                    <thead><tr><th>"指标"</th><th>"目标比例"</th><th>"完成期限"</th><th></th></tr></thead>
                    <tbody>{move || (0..target_count.get()).map(target_row).collect_view()}</tbody>
                </table>
                <button type="button" on:click=move |_| targets.update(|t| t.push(TargetDraft::default()))>"＋ 添加目标"</button>
                <p class="hint">"例如：化解率 65%，2026-06-30 前；化解率 85%，2026-12-31 前。比例均以交办案件数为分母，见「统计」页的说明。"</p>
            </fieldset>
            <div class="buttons sticky">
                <button type="submit" class="primary">"保存设置"</button>
                <button type="button" on:click=move |_| state.go(Screen::Ledger)>"取消"</button>
            </div>
        </form>
        <div class="settings case-form"><super::security::PassphraseSettings/></div>
        </div>
    }
}
