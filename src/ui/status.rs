//! How safe the ledger is in this browser: whether the last change is on disk, how full local
//! storage is, when it was last backed up (exported), and the one banner for the storage health
//! (refused, unreadable, changed elsewhere…), each state matched in one place.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::state::{AppState, Pending, SaveState, StorageHealth};
use super::transfer::{self, ExportButton};
use crate::core::exchange::local::{backup_status, quota_status};

#[component]
pub fn StorageStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    // 「稍后提醒」 hides the backup reminder until the page is opened again.
    let snoozed = RwSignal::new(false);
    let quota = Memo::new(move |_| quota_status(state.stored.get()));
    let backup = move || state.local.with(|l| backup_status(l, browser::now()));
    let saved = move || match (state.health.with(|h| h.refusal().is_some()), state.unsaved.get()) {
        (true, true) => "修改未保存",
        _ => match state.save_state.get() {
            SaveState::Idle => "",
            SaveState::Saving => "正在保存…",
            SaveState::Saved => "已保存",
            SaveState::InBrowser => "已交浏览器保存",
        },
    };
    view! {
        <div class="storage-status no-print" id="storage-status">
            <span class="save-state" id="save-state"
                title="「已保存」表示修改已写入这台电脑的磁盘，即使浏览器随即被关闭或断电也不会丢失"
                data-state=move || format!("{:?}", state.save_state.get())>{saved}</span>
            <span class="quota" title="浏览器为这台电脑上双击打开的所有网页共用一块存储空间，表示已用去多少">
                <meter min="0" max="100" low="60" high=crate::core::exchange::local::QUOTA_WARN_PERCENT optimum="0"
                    value=move || quota.with(|q| q.percent.min(100))></meter>
                " " {move || quota.with(|q| q.text.clone())}
            </span>
            <span class="backup">{move || backup().text}</span>
        </div>
        {move || quota.with(|q| q.warn.clone()).map(|text| view! {
            <div class="banners no-print">
                <div class="banner error" role="alert" id="quota-warning">
                    <p>{text}</p>
                    <ExportButton/>
                </div>
            </div>
        })}
        {move || (!snoozed.get()).then(backup).and_then(|b| b.remind).map(|text| view! {
            <div class="banners no-print">
                <div class="banner info" role="status" id="backup-reminder">
                    <p>{text}</p>
                    <ExportButton/>
                    <button class="plain" on:click=move |_| snoozed.set(true)>"稍后提醒"</button>
                </div>
            </div>
        })}
    }
}

/// Why the changes in this page are not saved, for the 「修改未能保存」 banner: a failed write, or
/// a change refused by the health (not shown for refused storage, whose banner says it all).
pub fn save_error(state: AppState) -> Option<String> {
    state.health.with(|health| match health {
        StorageHealth::Failed(reason) => Some(reason.clone()),
        StorageHealth::Unavailable(_) | StorageHealth::Locked { .. } => None,
        other => other.refusal().filter(|_| state.unsaved.get()),
    })
}

/// The banner of the storage health, if it needs one.
pub fn health_banner(state: AppState) -> Option<AnyView> {
    let health = state.health.get();
    Some(match health {
        StorageHealth::Ok | StorageHealth::Failed(_) | StorageHealth::Locked { .. } => return None,
        StorageHealth::Unavailable(reason) => view! {
            <div class="banner error" role="alert" id="unavailable-banner">
                <p>
                    <strong>{reason}"。"</strong>
                    "台账现在只在本页面中：可以照常登记、修改、导入、导出和打印，但"
                    <strong>"关闭页面后什么也不会保留"</strong>
                    "。请在关闭前点击「导出台账」保存文件，下次用「导入台账」打开。"
                </p>
                <p class="hint">
                    "要让浏览器保存台账（各版本菜单名称略有不同）：Chrome：「设置 → 隐私设置和安全性 → 网站设置 → Cookie 和网站数据」（新版为「设备端网站数据」），选「允许网站保存和读取 Cookie 数据」；Edge：「设置 → Cookie 和网站权限 → 管理和删除 Cookie 和站点数据」，打开「允许站点保存和读取 Cookie 数据」；360 浏览器：「设置 → 高级设置 → 内容设置 → Cookie」，选「允许设置本地数据」。改好后重新打开本文件。"
                    "如果该设置是灰色的、无法修改，说明单位的电脑管理员通过策略统一关闭了它，请联系信息技术管理员。"
                </p>
                <ExportButton/>
            </div>
        }
        .into_any(),
        StorageHealth::Unreadable { reason, .. } => view! {
            <div class="banner error" role="alert" id="unreadable-banner">
                <p>
                    <strong>"浏览器中保存的台账无法读取。"</strong>{reason}
                    "为防止数据丢失，程序不会覆盖它，当前修改也不会保存。请先导出原始数据交技术人员处理，确认不再需要后再清除。"
                </p>
                <button on:click=move |_| transfer::export_unreadable(state)>"导出原始数据"</button>
                <button class="danger" on:click=move |_| state.pending.set(Some(Pending::DiscardUnreadable))>
                    "清除并重新开始"
                </button>
            </div>
        }
        .into_any(),
        StorageHealth::Altered => view! {
            <div class="banner error" role="alert" id="altered-banner">
                <p>
                    <strong>"浏览器中保存的台账被本程序以外的程序改动过（校验不符）。"</strong>
                    "可能是其他网页、其他版本的 jiean.html 或人为修改。下方显示的是改动后的内容，请核对；确认无误后点「确认使用」，此后的修改才会保存。如有疑问，请先「导出台账」交技术人员核查。"
                </p>
                <button class="primary" on:click=move |_| state.accept_altered()>"确认使用"</button>
                <ExportButton/>
            </div>
        }
        .into_any(),
        StorageHealth::Downgraded => view! {
            <div class="banner error" role="alert" id="downgraded-banner">
                <p>
                    <strong>"这台电脑上的台账原来设置了密码、加密保存，现在浏览器中却是未加密的台账。"</strong>
                    "可能是其他本地网页或其他程序替换了它。下方显示的是这份未加密的内容，请核对；确认无误后点「确认使用（不加密）」，此后的修改才会保存，且不再加密。如有疑问，请先「导出台账」交技术人员核查，并用最近导出的加密备份恢复。"
                </p>
                <button class="primary" on:click=move |_| state.accept_altered()>"确认使用（不加密）"</button>
                <ExportButton/>
            </div>
        }
        .into_any(),
        StorageHealth::ChangedElsewhere => view! {
            <div class="banner error" role="alert" id="changed-elsewhere">
                <p>
                    <strong>"台账已在另一个浏览器窗口或标签页中被修改。"</strong>
                    "为免互相覆盖，本窗口不再保存修改。请点击「重新载入」查看最新台账；本窗口中尚未保存的内容可先「导出台账」。"
                </p>
                <button class="primary" on:click=|_| { let _ = window().location().reload(); }>"重新载入"</button>
            </div>
        }
        .into_any(),
    })
}

/// Asks before the tab closes while changes would be lost: a save not yet on disk, or changes
/// kept only in the page (storage refused or blocked) that were not exported since.
pub fn warn_before_closing(state: AppState) {
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            let writing = state.save_state.get_untracked() == SaveState::Saving;
            let in_memory =
                state.health.with_untracked(|h| matches!(h, StorageHealth::Unavailable(_)));
            let exported = state.local.with_untracked(|l| l.changes_since_export == 0);
            if writing || (state.unsaved.get_untracked() && !(in_memory && exported)) {
                ev.prevent_default();
                // Older Chromium asks only when a return value is set.
                ev.set_return_value("修改尚未保存，关闭页面将会丢失。");
            }
        },
    );
    let _ = window()
        .add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}
