//! The browser shell: Leptos components that render the state and call the core.

mod browser;
mod case_form;
mod case_page;
mod collate;
mod dashboard;
mod dialogs;
mod indexes;
mod ledger_print;
mod ledger_table;
mod merge;
mod monthly;
mod packet;
mod row_window;
mod security;
mod settings;
mod sheets;
mod state;
mod status;
mod table_import;
mod time_limits;
mod transfer;
mod trash;
mod workflow;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use state::{AppState, NoticeKind, Screen, StorageHealth};

/// Set while a form holds changes not saved: leaving it (a tab, 取消, closing the page) asks
/// first.
#[derive(Clone, Copy)]
pub struct LeaveGuard(pub RwSignal<bool>);

impl LeaveGuard {
    /// Whether the clerk may leave: nothing unsaved, or they confirm throwing it away.
    pub fn may_leave(self) -> bool {
        if !self.0.get_untracked() {
            return true;
        }
        let leave = window()
            .confirm_with_message("正在填写的案件信息尚未保存，离开后将丢失。确定离开吗？")
            .unwrap_or(false);
        if leave {
            self.0.set(false);
        }
        leave
    }

    /// Shows `screen` unless the clerk chooses to stay with unsaved changes.
    pub fn go(self, state: AppState, screen: Screen) {
        if self.may_leave() {
            state.go(screen);
        }
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    // Storage is read first (IndexedDB answers asynchronously); the boot message stays until then.
    wasm_bindgen_futures::spawn_local(async move {
        let stored = crate::storage::load().await;
        if let Some(boot) = document.get_element_by_id("boot") {
            boot.remove();
        }
        if let Some(root) = document.get_element_by_id("app") {
            leptos::mount::mount_to(root.unchecked_into(), move || {
                let state = AppState::load(stored);
                view! { <App state/> }
            })
            .forget();
        }
    });
}

#[component]
fn App(state: AppState) -> impl IntoView {
    if let Some(notice) = state.ledger.with_untracked(crate::core::ledger::limits::ledger_notice) {
        state.warn(notice);
    }
    state.watch_other_tabs();
    status::warn_before_closing(state);
    security::lock_when_idle(state);
    provide_context(state);
    provide_context(ledger_print::PrintSettings::new());
    let guard = LeaveGuard(RwSignal::new(false));
    provide_context(guard);
    // Closing or reloading the page with unsaved changes: the browser asks.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if guard.0.get_untracked() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || unload.remove());

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
                on:click=move |_| guard.go(state, target.clone())>{label}</button>
        }
    };
    let trash_count = move || state.local.with(|l| l.trash.len());

    // An encrypted ledger not yet opened shows only the unlock screen.
    let open = move || state.health.with(|h| !matches!(h, StorageHealth::Locked { .. }));
    view! {
        <Show when=open fallback=|| view! {
            <header class="topbar"><h1>"信访积案台账"</h1></header>
            <section class="notices" aria-label="提示"><Banners/></section>
            <main><security::UnlockScreen/></main>
        }>
        <header class="topbar no-print">
            <h1>
                <a href="#" on:click=move |ev| { ev.prevent_default(); guard.go(state, Screen::Ledger); }>
                    "信访积案台账"
                </a>
            </h1>
            <nav class="tabs" aria-label="页面">
                {tab(Screen::Ledger, "台账")}
                {tab(Screen::Dashboard, "统计")}
                {tab(Screen::MonthlyReport, "月报")}
                {tab(Screen::Settings, "设置")}
            </nav>
            <nav class="actions" aria-label="台账操作">
                <Show when=move || state.key.with(Option::is_some)>
                    <button id="lock-now" title="锁定台账，再次打开须输入密码" on:click=move |_| {
                        if !state.lock() {
                            state.warn("修改尚未保存，为免丢失，暂不能锁定。请先按提示导出台账。");
                        }
                    }>"🔒 锁定"</button>
                </Show>
                <button class="primary" on:click=move |_| guard.go(state, Screen::NewCase)>"＋ 新建案件"</button>
                <transfer::ExportButton/>
                <transfer::ImportButton/>
                <table_import::TableMenu/>
                <button class="trash-button" title="删除的案件可在这里恢复" on:click=move |_| guard.go(state, Screen::Trash)>
                    "回收站" {move || match trash_count() { 0 => String::new(), n => format!("（{n}）") }}
                </button>
            </nav>
        </header>
        <section class="notices" aria-label="提示与存储状态">
            <Banners/>
            <status::StorageStatus/>
        </section>
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
            {move || status::health_banner(state)}
            {move || status::save_error(state).map(|reason| view! {
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
                let (class, role) = match notice.kind {
                    NoticeKind::Info => ("banner info", "status"),
                    NoticeKind::Error => ("banner error", "alert"),
                };
                view! {
                    <div class=class role=role id="notice" tabindex="-1">
                        <p>{notice.text}</p>
                        <button class="plain" on:click=move |_| state.notice.set(None)>"关闭"</button>
                    </div>
                }
            })}
        </div>
    }
}
