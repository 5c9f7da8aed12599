//! The confirmation dialog for whatever is pending (delete, import, discarding stored data,
//! emptying the 回收站). As a modal dialog should: focus moves in and stays there, Escape
//! closes it, focus goes back to where it was, and its heading names it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{AppState, Pending};
use super::{transfer, workflow};

/// Focuses the dialog's first text field, else its primary button, else its last button (取消
/// in every dialog: a stray Enter must not delete).
fn focus_into_dialog() {
    let Some(dialog) = dialog_element() else { return };
    let pick = |selector: &str| dialog.query_selector(selector).ok().flatten();
    let target = pick("input:not([type=hidden]):not([disabled]), textarea, select")
        .or_else(|| pick("button.primary"))
        .or_else(|| pick("button:last-of-type"))
        .or_else(|| pick("button"));
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Focuses the dialog's first control (`first`) or its last (Tab past either end wraps round).
fn focus_end(first: bool) {
    let Some(dialog) = dialog_element() else { return };
    let controls = "input:not([type=hidden]), select, textarea, button, a[href]";
    let target = if first {
        dialog.query_selector(controls).ok().flatten()
    } else {
        dialog.query_selector(".buttons button:last-child").ok().flatten()
    };
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Names the dialog by its heading (`aria-labelledby`), whichever body it shows.
fn name_dialog() {
    if let Some(heading) = dialog_element().and_then(|d| d.query_selector("h2").ok().flatten()) {
        heading.set_id("dialog-title");
    }
}

/// The dialog's element, when one is open.
fn dialog_element() -> Option<web_sys::Element> {
    document().query_selector(".dialog").ok().flatten()
}

#[component]
pub fn Dialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cancel = move |_| state.pending.set(None);
    // Where focus was before the dialog opened, to return it there.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let open = state.pending.with(Option::is_some);
        if open && was_open != Some(true) {
            let active = document().active_element().and_then(|e| e.dyn_into().ok());
            opener.set_value(active);
            request_animation_frame(focus_into_dialog);
        } else if !open && was_open == Some(true) {
            if let Some(el) = opener.get_value().filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
            opener.set_value(None);
        }
        open
    });
    // Tab out of the dialog (past its last control, or into the page behind) comes back in.
    let focus_in = window_event_listener(leptos::ev::focusin, move |ev| {
        let Some(dialog) = dialog_element() else { return };
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        // Later, not inside this handler: focusing fires `focusin` again.
        if target.is_some_and(|t| !dialog.contains(Some(&t))) {
            request_animation_frame(focus_into_dialog);
        }
    });
    on_cleanup(move || focus_in.remove());
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            state.pending.set(None);
        }
    };
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
            Pending::Move { id, mv, on, warning } => {
                let label = mv.label();
                view! {
                    <h2>"请确认：" {label}</h2>
                    <p>{warning}</p>
                    <div class="buttons">
                        <button class="primary" on:click=move |_| {
                            state.pending.set(None);
                            workflow::perform(state, &id, mv.clone(), on);
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
        request_animation_frame(name_dialog);
        Some(view! {
            <div class="overlay no-print" on:keydown=on_key>
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
                    <span class="focus-trap" tabindex="0" on:focus=|_| focus_end(false)></span>
                    {body}
                    <span class="focus-trap" tabindex="0" on:focus=|_| focus_end(true)></span>
                </div>
            </div>
        })
    }
}
