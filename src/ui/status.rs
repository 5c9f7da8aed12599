//! How safe the ledger is in this browser: how full local storage is and when it was last
//! backed up (exported), with a warning well before storage is full and a reminder to export.

use leptos::prelude::*;

use super::browser;
use super::state::AppState;
use super::transfer::ExportButton;
use crate::core::local::{backup_status, quota_status};

#[component]
pub fn StorageStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    // 「稍后提醒」 hides the backup reminder until the page is opened again.
    let snoozed = RwSignal::new(false);
    let quota = Memo::new(move |_| quota_status(state.stored.get()));
    let backup = move || state.local.with(|l| backup_status(l, browser::now()));
    view! {
        <div class="storage-status no-print" id="storage-status">
            <span class="quota" title="浏览器为所有本地网页共用约 524 万字符的存储空间">
                <meter min="0" max="100" low="60" high=crate::core::local::QUOTA_WARN_PERCENT optimum="0"
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
