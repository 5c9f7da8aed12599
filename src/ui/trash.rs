//! 回收站: deleted cases, restorable until the clerk empties it. Kept in this browser only.

use leptos::prelude::*;

use super::state::{AppState, Pending, Screen};
use crate::core::ledger::text::format_minute;

#[component]
pub fn TrashScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let empty = move || state.local.with(|l| l.trash.is_empty());
    let rows = move || {
        state.local.with(|l| {
            l.trash
                .iter()
                .map(|d| {
                    let id = d.case.id.clone();
                    view! {
                        <tr>
                            <td class="number">{d.case.number.clone()}</td>
                            <td>{d.case.petitioner.name.clone()}</td>
                            <td class="summary"><div class="clamp">{d.case.summary.clone()}</div></td>
                            <td class="date">{format_minute(d.deleted_at)}</td>
                            <td><button on:click=move |_| state.restore_deleted(&id)>"恢复"</button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="trash">
            <div class="toolbar">
                <h2>"回收站"</h2>
                <button on:click=move |_| state.go(Screen::Ledger)>"← 返回台账"</button>
                <button class="danger" disabled=empty on:click=move |_| state.pending.set(Some(Pending::EmptyTrash))>
                    "清空回收站"
                </button>
            </div>
            <p class="muted">
                "删除的案件保存在这里，随时可以恢复，直到清空回收站。回收站只保存在本浏览器中，不随导出的台账文件发送。"
            </p>
            {move || if empty() {
                view! { <p class="empty">"回收站是空的。"</p> }.into_any()
            } else {
                view! {
                    <table class="cases trash-list">
                        <thead><tr><th>"案件编号"</th><th>"信访人"</th><th>"诉求摘要"</th><th>"删除时间"</th><th></th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
