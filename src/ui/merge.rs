//! The merge preview: what merging an imported file will add, update and keep, and for every
//! case that differs, the two versions side by side with a choice per field. Nothing changes
//! until 「确认合并」; the rules are in `core::exchange::merge`.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Screen};
use crate::core::exchange::merge::{self, Conflict, MergePlan, Pick, Picks};
use crate::core::ledger::text::format_minute;

fn time_text(t: Option<NaiveDateTime>) -> String {
    t.map(format_minute).unwrap_or_else(|| "未记录".into())
}

fn or_empty(text: String) -> String {
    if text.is_empty() {
        "（空）".into()
    } else {
        text
    }
}

#[component]
pub fn MergeScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The plan does not change while the screen is open; only the choices do.
    let Some(session) = state.merge.get_untracked() else {
        return view! { <p class="empty">"没有待合并的文件。"</p> }.into_any();
    };
    let file_name = session.file_name.clone();
    let plan = session.plan;
    let error = RwSignal::new(None::<String>);

    let counts =
        move || state.merge.with(|m| m.as_ref().map(|m| m.plan.counts(&m.picks).describe()));
    let set_all = move |choose: fn(&MergePlan) -> Picks| {
        error.set(None);
        state.merge.update(|m| {
            if let Some(m) = m {
                m.picks = choose(&m.plan);
            }
        });
    };
    let cancel = move |_| {
        state.go(Screen::Ledger);
        state.inform("已取消合并，台账没有任何改动。");
    };
    let confirm = {
        let file_name = file_name.clone();
        move |_| {
            let now = browser::now();
            let result = state.merge.with_untracked(|m| {
                m.as_ref().map(|m| {
                    state
                        .ledger
                        .with_untracked(|ledger| merge::apply(ledger, &m.plan, &m.picks, now))
                })
            });
            match result {
                Some(Ok((merged, counts))) => {
                    state.change(|ledger| *ledger = merged);
                    state.go(Screen::Ledger);
                    state.inform(format!("已合并《{file_name}》：{}。", counts.describe()));
                }
                Some(Err(reason)) => error.set(Some(reason)),
                None => state.go(Screen::Ledger),
            }
        }
    };

    let conflicts = plan
        .conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| conflict_view(state, i, c.clone(), error))
        .collect_view();
    let has_conflicts = !plan.conflicts.is_empty();
    view! {
        <section class="merge">
            <div class="toolbar">
                <h2>"合并导入：《" {file_name} "》"</h2>
            </div>
            <p class="merge-counts" id="merge-counts" role="status"><strong>"确认后将："</strong>{counts}"。"</p>
            {plan.settings_differ.then(|| view! {
                <p class="muted">"文件中的专项工作设置或结案审核标准与本台账不同，合并时保留本台账的设置。"</p>
            })}
            {has_conflicts.then(|| view! {
                <p>
                    "以下 " <strong>{plan.conflicts.len()}</strong>
                    " 件案件两边内容不同。请逐项选择采用哪一边：默认采用最后修改时间较新的一边，办理情况默认两边合并（不丢记录）。"
                </p>
                <div class="buttons">
                    <button on:click=move |_| set_all(MergePlan::newer_picks)>"全部采用较新的"</button>
                    <button on:click=move |_| set_all(MergePlan::mine_picks)>"全部保留本台账的"</button>
                </div>
            })}
            {conflicts}
            {case_list("added", "新增的案件", true, plan.added.iter().map(|c| format!("{} {} {}", c.number, c.petitioner.name, c.summary)).collect())}
            {case_list("identical", "两边相同、跳过的案件", false, plan.identical.clone())}
            {case_list("deleted-here", "本机已删除、不会重新加入的案件（如仍需要，可到「回收站」恢复）", true, plan.deleted_here.clone())}
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="merge-error">{e}</p> })}
            <div class="buttons sticky">
                <button class="primary" on:click=confirm>"确认合并"</button>
                <button on:click=cancel>"取消"</button>
            </div>
        </section>
    }
    .into_any()
}

/// A list of cases the merge adds or leaves alone, one line each; nothing when empty.
fn case_list(
    class: &'static str,
    title: &'static str,
    open: bool,
    lines: Vec<String>,
) -> Option<impl IntoView> {
    (!lines.is_empty()).then(|| {
        let count = lines.len();
        view! {
            <details class=format!("merge-list {class}") open=open>
                <summary>{title} "（" {count} " 件）"</summary>
                <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </details>
        }
    })
}

fn conflict_view(
    state: AppState,
    i: usize,
    conflict: Conflict,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let newer =
        if conflict.theirs_newer { "导入文件较新" } else { "本台账较新（或相同）" };
    let rows = conflict
        .fields
        .into_iter()
        .enumerate()
        .map(|(j, field)| {
            let name = format!("c{i}-f{j}");
            let radio = move |pick: Pick, text: String| {
                let checked = move || state.merge.with(|m| m.as_ref().and_then(|m| m.picks.get(i)?.get(j).copied()) == Some(pick));
                let choose = move |_| {
                    error.set(None);
                    state.merge.update(|m| {
                        if let Some(p) = m.as_mut().and_then(|m| m.picks.get_mut(i)?.get_mut(j)) {
                            *p = pick;
                        }
                    });
                };
                view! {
                    <label class="pick">
                        <input type="radio" name=name.clone() prop:checked=checked on:change=choose/>
                        <span class="value">{text}</span>
                    </label>
                }
            };
            view! {
                <tr>
                    <th scope="row">{field.label}</th>
                    <td class="mine">{radio(Pick::Mine, or_empty(field.mine))}</td>
                    <td class="theirs">
                        {radio(Pick::Theirs, or_empty(field.theirs))}
                        {field.can_combine.then(|| radio(Pick::Both, "两边的记录都保留（合并）".into()))}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="conflict">
            <h3>
                "案件 " {conflict.mine.number.clone()}
                {conflict.by_number.then_some("（案件编号相同，按同一案件处理）")}
            </h3>
            <p class="muted">
                "本台账最后修改：" {time_text(conflict.mine.updated_at)} "；导入文件最后修改："
                {time_text(conflict.theirs.updated_at)} "（" {newer} "）"
            </p>
            <table class="diff">
                <thead><tr><th>"项目"</th><th>"本台账"</th><th>"导入文件"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </article>
    }
}
