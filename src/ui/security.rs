//! Privacy on a shared office PC: where the data lives (in plain words), the optional passphrase
//! that keeps the stored ledger encrypted, the unlock screen, and locking after idle time.
//! The cryptography is `core::exchange::vault`; storage goes through `storage`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{AppState, StorageHealth};
use crate::core::exchange::local::{Local, LOCK_MINUTES};
use crate::core::exchange::vault::{self, KdfParams, Key, MIN_PASSPHRASE_CHARS};
use crate::storage;

/// Runs `work` after the page has painted, so that "正在…" shows during the slow key derivation.
fn after_paint(work: impl FnOnce() + 'static) {
    set_timeout(work, Duration::from_millis(30));
}

/// Derives a new key with a fresh salt.
fn new_key(passphrase: &str) -> Result<Key, String> {
    Key::derive(passphrase, storage::random()?, KdfParams::default()).map_err(|e| e.to_string())
}

/// Where the data lives, for a clerk: seeds of trust rather than a manual.
#[component]
pub fn WhereDataLives() -> impl IntoView {
    view! {
        <section class="privacy" id="where-data-lives">
            <h3>"数据保存在哪里"</h3>
            <ul>
                <li>"台账只保存在" <strong>"这台电脑的这个浏览器"</strong> "里，程序不会把任何数据发到网上（本页面禁止一切网络连接）。"</li>
                <li>"换一个浏览器（如从 Edge 换到 360）或换一台电脑打开 jiean.html，看不到这里的台账。"</li>
                <li>"在 Firefox 浏览器中，台账跟着文件所在位置走：把 jiean.html 移动或改名后会显示为空台账（原台账仍在原位置的文件下）。"</li>
                <li>"清理浏览器数据会删除台账。" <strong>"导出的台账文件就是备份"</strong> "，请定期导出并妥善保存。"</li>
                <li>"状态栏显示「已保存」时，修改已写入这台电脑的磁盘，随即断电或浏览器崩溃也不会丢失；显示「正在保存…」时请稍候再关闭。"</li>
                <li id="shared-storage-limit">"浏览器的限制：Chrome、Edge、360 等浏览器让这台电脑上" <strong>"所有本地网页（双击打开的 .html 文件）共用同一份存储"</strong>
                    "，其他本地网页能读取、替换或删除这里保存的台账，本程序无法阻止。设置密码后，台账只以加密形式保存：没有密码无法读取，也无法悄悄改动内容或关闭自动锁定；"
                    "若加密的台账被换成未加密的，本程序会提示而不会直接使用。但别的网页仍可能把台账连同这些记录一起删除——所以" <strong>"导出的备份文件才是唯一可靠的保障"</strong>"。"</li>
            </ul>
        </section>
    }
}

/// The screen shown instead of the app while the stored ledger is encrypted and not opened.
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((sealed, found)) = state.health.with_untracked(|h| match h {
            StorageHealth::Locked { sealed, found } => Some((sealed.clone(), found.clone())),
            _ => None,
        }) else {
            return;
        };
        busy.set(true);
        error.set(None);
        after_paint(move || {
            match storage::unlock(&sealed, &found, &passphrase.get_untracked()) {
                Ok((opened, key)) => state.unlocked(opened, key),
                Err(reason) => error.set(Some(reason)),
            }
            passphrase.set(String::new());
            busy.set(false);
        });
    };
    // A lost passphrase: keep the sealed text as a file (it opens again if the passphrase comes
    // back), then start over, e.g. by importing the last exported backup.
    let forgot = RwSignal::new(false);
    let confirmed = RwSignal::new(false);
    let export_sealed = move |_| {
        let sealed = state.health.with_untracked(|h| match h {
            StorageHealth::Locked { sealed, .. } => sealed.clone(),
            _ => String::new(),
        });
        let name = super::transfer::dated_name("积案台账-加密", "json");
        if super::browser::download(&name, "application/json", &sealed).is_err() {
            error.set(Some("浏览器未能生成导出文件，请重试。".into()));
        }
    };
    let start_over = move |_| {
        state.start_over();
        state.inform("已清除这台电脑上的加密台账。可点击「导入台账」导入备份文件，或重新登记。");
    };
    view! {
        <form class="unlock" on:submit=unlock>
            <h2>"🔒 台账已加密"</h2>
            <p>"这台电脑上的台账设置了密码。请输入密码打开。"</p>
            <label class="field"><span class="label">"密码"</span>
                <input type="password" id="unlock-passphrase" autocomplete="current-password" autofocus
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="unlock-error">{e}</p> })}
            <div class="buttons">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "正在解密…" } else { "打开台账" }}
                </button>
            </div>
            <p class="hint">"忘记密码将无法打开这份台账，只能改用导出的备份文件。"
                <button type="button" class="plain" id="forgot" on:click=move |_| forgot.set(true)>"忘记密码？"</button></p>
            <Show when=move || forgot.get()>
                <div class="forgot">
                    <p>"密码无法找回。请先导出加密的台账保存好（日后想起密码，仍可用「导入台账」打开它），再清除这台电脑上的加密台账，然后导入最近导出的备份文件或重新登记。"</p>
                    <button type="button" on:click=export_sealed>"导出加密的台账"</button>
                    <label class="check"><input type="checkbox" id="confirm-start-over"
                        prop:checked=move || confirmed.get() on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                        "我已导出，确认清除这台电脑上的加密台账"</label>
                    <button type="button" class="danger" disabled=move || !confirmed.get() on:click=start_over>"清除并重新开始"</button>
                </div>
            </Show>
        </form>
    }
}

/// Locks an encrypted ledger after its idle minutes (kept inside the encrypted text, so that no
/// other page can change them) without keyboard or mouse use.
pub fn lock_when_idle(state: AppState) {
    let last_use = Rc::new(Cell::new(js_sys::Date::now()));
    if let Some(window) = web_sys::window() {
        let seen = last_use.clone();
        let touch =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || seen.set(js_sys::Date::now()));
        for event in ["pointerdown", "keydown", "wheel", "touchstart"] {
            let _ = window.add_event_listener_with_callback(event, touch.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        touch.forget();
    }
    set_interval(
        move || {
            let minutes = state.local.with_untracked(Local::lock_minutes);
            let idle_ms = js_sys::Date::now() - last_use.get();
            // A ledger that cannot be locked (unsaved changes) stays open; its banner says why.
            if minutes > 0 && idle_ms > minutes as f64 * 60_000.0 && state.lock() {
                state.inform(format!("已超过 {minutes} 分钟未操作，台账已自动锁定。"));
            }
        },
        Duration::from_secs(5),
    );
}

/// The settings section: set, change or remove the passphrase; idle lock time.
#[component]
pub fn PassphraseSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let encrypted = move || state.key.with(Option::is_some);
    let current = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let minutes = Memo::new(move |_| state.local.with(Local::lock_minutes));

    // Checks the typed current passphrase: it must open a text sealed with the ledger's key.
    let current_ok = move || -> Result<(), String> {
        let nonces = [storage::random()?, storage::random()?];
        let sealed = state.key.with_untracked(|key| key.as_ref().map(|key| key.seal("{}", nonces)));
        vault::open(&sealed.unwrap_or_default(), &current.get_untracked())
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let finish = move |text: &str| {
        for field in [current, first, second] {
            field.set(String::new());
        }
        understood.set(false);
        busy.set(false);
        state.inform(text.to_string());
    };
    // Saves under `key` (or plain), proved by opening what is written.
    let save_with = move |key: Option<Key>| -> Result<(), String> {
        state.reseal(key).map_err(|reason| format!("未能保存，台账保持原样：{reason}"))
    };
    let set_new = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p1, p2) = (first.get_untracked(), second.get_untracked());
        let problem = if p1.chars().count() < MIN_PASSPHRASE_CHARS {
            Some(format!("新密码至少需要 {MIN_PASSPHRASE_CHARS} 个字符。"))
        } else if p1 != p2 {
            Some("两次输入的新密码不一致。".to_string())
        } else if !encrypted() && !understood.get_untracked() {
            Some("请先勾选“我已知道忘记密码将无法恢复台账”。".to_string())
        } else {
            None
        };
        if let Some(problem) = problem {
            return error.set(Some(problem));
        }
        let changing = encrypted();
        busy.set(true);
        error.set(None);
        after_paint(move || {
            let result = if changing { current_ok() } else { Ok(()) }
                .and_then(|()| new_key(&p1))
                .and_then(|key| save_with(Some(key)));
            match result {
                Ok(()) if changing => finish("已修改密码，台账已用新密码重新加密保存。"),
                Ok(()) => finish(
                    "已设置密码：台账今后只以加密形式保存。请牢记密码，忘记密码将无法恢复台账。",
                ),
                Err(e) => {
                    busy.set(false);
                    error.set(Some(e));
                }
            }
        });
    };
    let remove = move |_| {
        busy.set(true);
        error.set(None);
        after_paint(move || match current_ok().and_then(|()| save_with(None)) {
            Ok(()) => finish("已取消密码：台账今后不加密保存。"),
            Err(e) => {
                busy.set(false);
                error.set(Some(e));
            }
        });
    };
    // An encrypted file for sending on: with the ledger's passphrase, or another one.
    let file_first = RwSignal::new(String::new());
    let file_second = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let export_sealed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p1, p2) = (file_first.get_untracked(), file_second.get_untracked());
        if p1.is_empty() && encrypted() {
            return super::transfer::export_ledger(state, false);
        }
        if p1 != p2 {
            return file_error.set(Some("两次输入的文件密码不一致。".into()));
        }
        busy.set(true);
        file_error.set(None);
        after_paint(move || {
            match new_key(&p1) {
                Ok(key) => {
                    super::transfer::export_with(state, false, Some(&key));
                    file_first.set(String::new());
                    file_second.set(String::new());
                }
                Err(e) => file_error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let password = |label: &'static str, id: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field"><span class="label">{label}</span>
                <input type="password" id=id autocomplete="new-password"
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </label>
        }
    };

    view! {
        <fieldset class="block security">
            <legend>"数据安全"</legend>
            <WhereDataLives/>
            <h3>{move || if encrypted() { "已设置密码：台账加密保存" } else { "密码（可选）" }}</h3>
            <Show when=move || !encrypted()>
                <p class="warning-text">"设置密码后，台账在浏览器中只以加密形式保存，打开时须输入密码。"
                    <strong>"密码无法找回：忘记密码就再也打不开这份台账"</strong>"，只能改用导出的备份文件。"</p>
            </Show>
            <form class="passphrase-form" on:submit=set_new novalidate>
                <Show when=encrypted>{password("当前密码", "current-passphrase", current)}</Show>
                {password(if encrypted() { "新密码" } else { "密码" }, "new-passphrase", first)}
                {password("再次输入", "repeat-passphrase", second)}
                <Show when=move || !encrypted()>
                    <label class="check"><input type="checkbox" id="understood"
                        prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev))/>
                        "我已知道忘记密码将无法恢复台账"</label>
                </Show>
                {move || error.get().map(|e| view! { <p class="error" role="alert" id="passphrase-error">{e}</p> })}
                <div class="buttons">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || match (busy.get(), encrypted()) {
                            (true, _) => "正在加密…",
                            (false, true) => "修改密码",
                            (false, false) => "设置密码并加密",
                        }}
                    </button>
                    <Show when=encrypted>
                        <button type="button" class="danger" disabled=move || busy.get() on:click=remove>"取消密码（不再加密）"</button>
                    </Show>
                </div>
            </form>
            <h3>"导出加密的台账文件"</h3>
            <form class="passphrase-form" on:submit=export_sealed novalidate>
                <p class="hint">{move || if encrypted() {
                    "留空则使用当前密码；也可另设一个密码，告知收件人。"
                } else {
                    "导出的文件须输入此密码才能导入。通过U盘或内部邮件发送时，请另行告知收件人密码。"
                }}</p>
                {password("文件密码", "file-passphrase-new", file_first)}
                {password("再次输入", "file-passphrase-repeat", file_second)}
                {move || file_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="buttons">
                    <button type="submit" id="export-sealed" disabled=move || busy.get()>"导出加密文件"</button>
                </div>
            </form>
            <label class="field lock-minutes"><span class="label">"无操作自动锁定"</span>
                <select on:change=move |ev| {
                    let value = event_target_value(&ev).parse().ok();
                    state.local.update(|l| l.lock_minutes = value);
                    state.save();
                }>
                    {LOCK_MINUTES.into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || minutes.get() == m>
                            {if m == 0 { "不自动锁定".to_string() } else { format!("{m} 分钟") }}
                        </option>
                    }).collect_view()}
                </select>
                <span class="hint">"仅在设置了密码时生效；锁定后须重新输入密码。"</span>
            </label>
        </fieldset>
    }
}
