//! The one place that touches the browser's local storage (through gloo-storage).
//!
//! The stored text is the exchange format of `core::exchange` (compact), so that it carries its
//! format version and is read (and migrated) by the same validated reader as an imported file.
//! Beside the ledger it keeps this browser's 回收站 and backup record (`core::local::Local`).
//! A large ledger is stored packed (compressed, `core::packing`) so that thousands of cases fit
//! the quota; plain stored JSON, as small ledgers and earlier versions have it, is read as well.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::core::exchange::{read_stored, write_stored};
use crate::core::local::{stored_len, Local};
use crate::core::model::Ledger;
use crate::core::packing::{from_stored, stored_form};
use crate::core::vault::{self, Key};

/// Namespaced keys: Chromium shares one local storage among all `file://` pages, so every key
/// of this app starts with `jiean/` and no other key is ever read or written.
const LEDGER_KEY: &str = "jiean/ledger";
/// A checksum of the text last written, to notice a ledger changed by something else.
const CHECKSUM_KEY: &str = "jiean/ledger-checksum";
/// Minutes without use after which an encrypted ledger locks itself.
const LOCK_MINUTES_KEY: &str = "jiean/lock-minutes";

/// What was found in storage when the app opened.
pub enum Stored {
    /// Nothing stored yet: a new ledger.
    Empty,
    /// The ledger, what this browser keeps beside it, and the stored size in UTF-16 units.
    Ledger { ledger: Ledger, local: Local, used: usize },
    /// Something is stored but cannot be read. It must not be overwritten without the user's say.
    Unreadable { raw: String, reason: String },
    /// The ledger is stored encrypted: the passphrase opens it.
    Locked { sealed: String },
    /// A readable ledger whose checksum does not match what this app last wrote: something else
    /// changed it. Shown, but not saved over until the user accepts it.
    Altered { ledger: Ledger, local: Local, used: usize },
}

pub fn load() -> Stored {
    match LocalStorage::raw().get_item(LEDGER_KEY) {
        Ok(None) => Stored::Empty,
        Ok(Some(sealed)) if vault::is_sealed(&sealed) => Stored::Locked { sealed },
        Ok(Some(raw)) => match from_stored(&raw)
            .map_err(|e| e.to_string())
            .and_then(|text| read_stored(&text).map_err(|e| e.to_string()))
        {
            Ok((ledger, local)) => {
                let used = stored_len(LEDGER_KEY) + stored_len(&raw);
                // No checksum: written by an earlier version of this app, trusted once.
                if get(CHECKSUM_KEY).is_some_and(|sum| sum != vault::checksum(&raw)) {
                    Stored::Altered { ledger, local, used }
                } else {
                    Stored::Ledger { ledger, local, used }
                }
            }
            Err(reason) => Stored::Unreadable { raw, reason },
        },
        Err(_) => Stored::Unreadable {
            raw: String::new(),
            reason: "浏览器不允许读取本地存储。".into(),
        },
    }
}

/// Calls `f` when another tab or window (or another file:// page) changes or clears the stored
/// ledger: this page's copy is then stale and must not be written over it.
pub fn on_external_change(f: impl Fn() + 'static) {
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(
        move |ev: web_sys::StorageEvent| {
            // A null key means the whole storage was cleared.
            if ev.key().is_none_or(|key| key == LEDGER_KEY) {
                f();
            }
        },
    );
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    listener.forget();
}

/// The stored ledger text as it is now (to check a passphrase against it).
pub fn stored_text() -> Option<String> {
    get(LEDGER_KEY)
}

fn get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Opens the encrypted stored ledger, or says why not (wrong passphrase, damaged, unreadable).
pub fn unlock(sealed: &str, passphrase: &str) -> Result<(Ledger, Local, Key), String> {
    let (json, key) = vault::open(sealed, passphrase).map_err(|e| e.to_string())?;
    let (ledger, local) = read_stored(&json).map_err(|e| e.to_string())?;
    Ok((ledger, local, key))
}

/// Saves the ledger with this browser's 回收站 and backup record, encrypted when a key is given.
/// Returns the size written (UTF-16 units of key and text, as the quota counts them), or says
/// why not in words for the user. One `setItem` replaces the old text whole, so there is never a
/// half-written copy.
pub fn save(ledger: &Ledger, local: &Local, key: Option<&Key>) -> Result<usize, String> {
    let json = write_stored(ledger, local);
    let text = match key {
        Some(key) => key.seal(&json, [random()?, random()?]),
        None => stored_form(json),
    };
    LocalStorage::raw().set_item(LEDGER_KEY, &text).map_err(|e| {
        let name = e.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
        if name == "QuotaExceededError" {
            "浏览器存储空间已满".to_string()
        } else {
            format!("浏览器拒绝写入（{name}）")
        }
    })?;
    // Replacing 16 characters with 16 never needs more room, so this follows the ledger safely.
    let _ = LocalStorage::raw().set_item(CHECKSUM_KEY, &vault::checksum(&text));
    Ok(stored_len(LEDGER_KEY) + stored_len(&text))
}

/// Fresh random bytes from the browser (salts and nonces); never a weaker fallback.
pub fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .ok_or_else(|| "浏览器无法提供加密所需的随机数".to_string())?;
    Ok(bytes)
}

/// Removes the stored ledger (an encrypted one whose passphrase is lost, after the user
/// exported it): the page starts again empty.
pub fn clear_ledger() {
    let _ = LocalStorage::raw().remove_item(LEDGER_KEY);
    let _ = LocalStorage::raw().remove_item(CHECKSUM_KEY);
}

/// Minutes of inactivity before an encrypted ledger locks (0: never); 10 by default.
pub fn lock_minutes() -> u32 {
    get(LOCK_MINUTES_KEY).and_then(|m| m.parse().ok()).unwrap_or(10)
}

pub fn set_lock_minutes(minutes: u32) {
    let _ = LocalStorage::raw().set_item(LOCK_MINUTES_KEY, &minutes.to_string());
}
