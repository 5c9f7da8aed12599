//! The browser shell: Leptos components that render the state and call the core.

mod browser;
mod case_form;
mod case_page;
mod dashboard;
mod dialogs;
mod ledger_table;
mod merge;
mod monthly;
mod packet;
mod security;
mod settings;
mod sheets;
mod state;
mod status;
mod table_import;
mod transfer;
mod trash;
mod workflow;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use state::{AppState, NoticeKind, Screen};

#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(root) = document.get_element_by_id("app") {
        leptos::mount::mount_to(root.unchecked_into(), App).forget();
    }
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::load();
    if let Some(notice) = state.ledger.with_untracked(crate::core::limits::ledger_notice) {
        state.warn(notice);
    }
    state.watch_other_tabs();
    security::lock_when_idle(state);
    provide_context(state);

    let screen = move || match state.screen.get() {
        Screen::Ledger => ledger_table::LedgerTable().into_any(),
        Screen::NewCase => view! { <case_form::CaseForm editing=None/> }.into_any(),
        Screen::EditCase(id) => view! { <case_form::CaseForm editing=Some(id)/> }.into_any(),
        Screen::Case(id) => view! { <case_page::CasePage id=id/> }.into_any(),
        Screen::ReviewSheet(id) => view! { <sheets::ReviewSheet id=id/> }.into_any(),
        Screen::Contents(id) => view! { <sheets::Contents id=id/> }.into_any(),
        Screen::Dashboard => dashboard::Dashboard().into_any(),
        Screen::MonthlyReport => monthly::MonthlyReportScreen().into_any(),
        Screen::Settings => settings::Settings().into_any(),
        Screen::TableImport => table_import::ImportScreen().into_any(),
        Screen::Trash => trash::TrashScreen().into_any(),
        Screen::Merge => merge::MergeScreen().into_any(),
    };
    let tab = move |screen: Screen, label: &'static str| {
        let (target, here) = (screen.clone(), screen);
        let current = Memo::new(move |_| {
            let now = state.screen.get();
            now == here
                || (here == Screen::Ledger
                    && matches!(now, Screen::Case(_) | Screen::EditCase(_) | Screen::NewCase))
        });
        view! {
            <button class="tab" class:current=current aria-current=move || current.get().then_some("page")
                on:click=move |_| state.go(target.clone())>{label}</button>
        }
    };
    let trash_count = move || state.local.with(|l| l.trash.len());

    // An encrypted ledger not yet opened shows only the unlock screen.
    let open = move || state.locked.with(Option::is_none);
    view! {
        <Show when=open fallback=|| view! {
            <header class="topbar"><h1>"信访积案台账"</h1></header>
            <Banners/>
            <main><security::UnlockScreen/></main>
        }>
        <header class="topbar no-print">
            <h1>
                <a href="#" on:click=move |ev| { ev.prevent_default(); state.go(Screen::Ledger); }>
                    "信访积案台账"
                </a>
            </h1>
            <nav class="tabs">
                {tab(Screen::Ledger, "台账")}
                {tab(Screen::Dashboard, "统计")}
                {tab(Screen::MonthlyReport, "月报")}
                {tab(Screen::Settings, "设置")}
            </nav>
            <nav class="actions">
                <Show when=move || state.key.with(Option::is_some)>
                    <button id="lock-now" title="锁定台账，再次打开须输入密码" on:click=move |_| {
                        if !state.lock() {
                            state.warn("修改尚未保存，为免丢失，暂不能锁定。请先按提示导出台账。");
                        }
                    }>"🔒 锁定"</button>
                </Show>
                <button class="primary" on:click=move |_| state.go(Screen::NewCase)>"＋ 新建案件"</button>
                <transfer::ExportButton/>
                <transfer::ImportButton/>
                <table_import::TableMenu/>
                <button class="trash-button" title="删除的案件可在这里恢复" on:click=move |_| state.go(Screen::Trash)>
                    "回收站" {move || match trash_count() { 0 => String::new(), n => format!("（{n}）") }}
                </button>
            </nav>
        </header>
        <Banners/>
        <status::StorageStatus/>
        <main>{screen}</main>
        <dialogs::Dialog/>
        </Show>
    }
}

/// Messages that must not be missed: unsaved changes, unreadable stored data, the last action.
#[component]
fn Banners() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="banners no-print">
            {move || state.unreadable.get().map(|(_, reason)| view! {
                <div class="banner error" role="alert" id="unreadable-banner">
                    <p>
                        <strong>"浏览器中保存的台账无法读取。"</strong>{reason}
                        "为防止数据丢失，程序不会覆盖它，当前修改也不会保存。请先导出原始数据交技术人员处理，确认不再需要后再清除。"
                    </p>
                    <button on:click=move |_| transfer::export_unreadable(state)>"导出原始数据"</button>
                    <button class="danger" on:click=move |_| state.pending.set(Some(state::Pending::DiscardUnreadable))>
                        "清除并重新开始"
                    </button>
                </div>
            })}
            {move || state.altered.get().then(|| view! {
                <div class="banner error" role="alert" id="altered-banner">
                    <p>
                        <strong>"浏览器中保存的台账被本程序以外的程序改动过（校验不符）。"</strong>
                        "可能是其他网页、其他版本的 jiean.html 或人为修改。下方显示的是改动后的内容，请核对；确认无误后点「确认使用」，此后的修改才会保存。如有疑问，请先「导出台账」交技术人员核查。"
                    </p>
                    <button class="primary" on:click=move |_| state.accept_altered()>"确认使用"</button>
                    <transfer::ExportButton/>
                </div>
            })}
            {move || state.changed_elsewhere.get().then(|| view! {
                <div class="banner error" role="alert" id="changed-elsewhere">
                    <p>
                        <strong>"台账已在另一个浏览器窗口或标签页中被修改。"</strong>
                        "为免互相覆盖，本窗口不再保存修改。请点击「重新载入」查看最新台账；本窗口中尚未保存的内容可先「导出台账」。"
                    </p>
                    <button class="primary" on:click=|_| { let _ = window().location().reload(); }>"重新载入"</button>
                </div>
            })}
            {move || state.save_error.get().map(|reason| view! {
                <div class="banner error" role="alert" id="save-error">
                    <p>
                        <strong>"修改未能保存到浏览器："</strong>{reason}"。"
                        "台账仍在本页面中，关闭页面将会丢失。请立即点击「导出台账」保存文件。"
                    </p>
                    <transfer::ExportButton/>
                </div>
            })}
            {move || state.undo.get().map(|deleted| view! {
                <div class="banner info" role="status" id="undo-banner">
                    <p>"已删除案件 " {deleted.case.number} "。"</p>
                    <button on:click=move |_| state.undo_delete()>"撤销删除"</button>
                    <button class="plain" on:click=move |_| state.undo.set(None)>"关闭"</button>
                </div>
            })}
            {move || state.notice.get().map(|notice| {
                let class = match notice.kind { NoticeKind::Info => "banner info", NoticeKind::Error => "banner error" };
                view! {
                    <div class=class role="status" id="notice">
                        <p>{notice.text}</p>
                        <button class="plain" on:click=move |_| state.notice.set(None)>"关闭"</button>
                    </div>
                }
            })}
        </div>
    }
}
