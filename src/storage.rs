//! The one place that touches the browser's local storage (through gloo-storage).
//!
//! The stored text is the exchange format of `core::exchange` (compact), so that it carries its
//! format version and is read by the same validated reader as an imported file.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::core::exchange::{read_ledger, write_ledger};
use crate::core::model::Ledger;

/// Namespaced key: Chromium shares one local storage among all `file://` pages.
const LEDGER_KEY: &str = "jiean/ledger";

/// What was found in storage when the app opened.
pub enum Stored {
    /// Nothing stored yet: a new ledger.
    Empty,
    Ledger(Ledger),
    /// Something is stored but cannot be read. It must not be overwritten without the user's say.
    Unreadable { raw: String, reason: String },
}

pub fn load() -> Stored {
    match LocalStorage::raw().get_item(LEDGER_KEY) {
        Ok(None) => Stored::Empty,
        Ok(Some(raw)) => match read_ledger(&raw) {
            Ok(ledger) => Stored::Ledger(ledger),
            Err(e) => Stored::Unreadable { raw, reason: e.to_string() },
        },
        Err(_) => Stored::Unreadable { raw: String::new(), reason: "浏览器不允许读取本地存储。".into() },
    }
}

/// Calls `f` when another tab or window (or another file:// page) changes or clears the stored
/// ledger: this page's copy is then stale and must not be written over it.
pub fn on_external_change(f: impl Fn() + 'static) {
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        // A null key means the whole storage was cleared.
        if ev.key().is_none_or(|key| key == LEDGER_KEY) {
            f();
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    listener.forget();
}

/// Why a save failed, in words for the user.
pub fn save(ledger: &Ledger) -> Result<(), String> {
    let text = write_ledger(ledger, None, false);
    LocalStorage::raw().set_item(LEDGER_KEY, &text).map_err(|e| {
        let name = e.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
        if name == "QuotaExceededError" {
            "浏览器存储空间已满".to_string()
        } else {
            format!("浏览器拒绝写入（{name}）")
        }
    })
}
