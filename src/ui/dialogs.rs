//! The confirmation dialog for whatever is pending (delete, import, discarding stored data,
//! emptying the 回收站).

use leptos::prelude::*;

use super::state::{AppState, Pending};
use super::{transfer, workflow};

#[component]
pub fn Dialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cancel = move |_| state.pending.set(None);
    move || {
        let pending = state.pending.get()?;
        let body = match pending {
            Pending::Delete { id } => {
                let number = state.ledger.with_untracked(|l| l.find(&id).map(|c| c.number.clone()))?;
                view! {
                    <h2>"删除案件"</h2>
                    <p>"确定删除案件 " <strong>{number}</strong> " 吗？删除的案件移入回收站，清空回收站之前都可以恢复。"</p>
                    <div class="buttons">
                        <button class="danger" on:click=move |_| {
                            state.pending.set(None);
                            state.delete(&id);
                        }>"确定删除"</button>
                        <button on:click=cancel>"取消"</button>
                    </div>
                }
                .into_any()
            }
            Pending::Import { file_name, incoming } => transfer::import_choices(state, file_name, incoming).into_any(),
            Pending::Export(format) => transfer::export_choices(state, format).into_any(),
            Pending::ImportSealed { file_name, sealed } => transfer::sealed_import(state, file_name, sealed).into_any(),
            Pending::Move { id, mv, warning } => {
                let label = mv.label();
                view! {
                    <h2>"请确认：" {label}</h2>
                    <p>{warning}</p>
                    <div class="buttons">
                        <button class="primary" on:click=move |_| {
                            state.pending.set(None);
                            workflow::perform(state, &id, mv.clone());
                        }>"仍要" {label}</button>
                        <button on:click=cancel>"取消"</button>
                    </div>
                }
                .into_any()
            }
            Pending::DiscardUnreadable => view! {
                <h2>"清除无法读取的数据"</h2>
                <p>"清除后，浏览器中原有的（无法读取的）数据将被当前台账覆盖，无法找回。请确认已经点击「导出原始数据」保存了一份。"</p>
                <div class="buttons">
                    <button class="danger" on:click=move |_| {
                        state.pending.set(None);
                        state.discard_unreadable();
                    }>"已导出，清除"</button>
                    <button on:click=cancel>"取消"</button>
                </div>
            }
            .into_any(),
            Pending::EmptyTrash => {
                let count = state.local.with_untracked(|l| l.trash.len());
                view! {
                    <h2>"清空回收站"</h2>
                    <p>"回收站中的 " <strong>{count}</strong> " 件案件将被彻底删除，无法恢复。"</p>
                    <div class="buttons">
                        <button class="danger" on:click=move |_| {
                            state.pending.set(None);
                            state.empty_trash();
                        }>"彻底删除"</button>
                        <button on:click=cancel>"取消"</button>
                    </div>
                }
                .into_any()
            }
        };
        Some(view! {
            <div class="overlay no-print">
                <div class="dialog" role="dialog" aria-modal="true">{body}</div>
            </div>
        })
    }
}
