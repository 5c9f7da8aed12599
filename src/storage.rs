//! The one place that touches browser storage: local storage (the ledger's home, read by earlier
//! versions and by the quota meter) and IndexedDB (`idb`: the journal that makes a save durable).
//!
//! The stored text is the exchange format of `core::exchange::json` (compact), so that it carries its
//! format version and is read (and migrated) by the same validated reader as an imported file.
//! Beside the ledger it keeps this browser's 回收站 and backup record (`core::exchange::local::Local`).
//! A large ledger is stored packed (compressed, `core::exchange::packing`) so that thousands of cases fit
//! the quota; plain stored JSON, as small ledgers and earlier versions have it, is read as well.
//!
//! Nothing here can panic on a browser that refuses storage: local storage is reached only
//! through [`local_storage`], IndexedDB only through `idb::open`, and both return an error.

mod idb;

use std::cell::RefCell;

use wasm_bindgen::JsCast;

pub use idb::WriteError;

use crate::core::exchange::journal::{apply_entry, write_entry, Changes};
use crate::core::exchange::json::{read_stored, write_stored};
use crate::core::exchange::local::{stored_len, Local};
use crate::core::exchange::packing::{from_stored, stored_form};
use crate::core::exchange::vault::{self, Key};
use crate::core::ledger::model::Ledger;

/// Namespaced keys: Chromium shares one local storage among all `file://` pages, so every key
/// of this app starts with `jiean/` and no other key is ever read or written.
const LEDGER_KEY: &str = "jiean/ledger";
/// A checksum of the text last written, to notice a ledger changed by something else.
const CHECKSUM_KEY: &str = "jiean/ledger-checksum";
/// The number of the last save (by any tab): a tab that finds another number than its own
/// knows its copy is stale. Other tabs get a `storage` event when it changes.
const SEQ_KEY: &str = "jiean/seq";
/// The column and value mappings clerks corrected in the sheet import (`table_import::memory`):
/// headers and category words, no case data, so kept in plain text beside an encrypted ledger.
const IMPORT_MAPPING_KEY: &str = "jiean/import-mapping";

thread_local! {
    /// The journal database, when the browser allows it (opened by [`load`]).
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
    /// The checksum of the ledger text this page last read or wrote in local storage.
    static OWN_SUM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The browser's local storage, or why it cannot be had: cookies blocked for the page (a
/// `SecurityError` in Chromium), a private window that drops storage, no window at all.
fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("浏览器不能为本页面保存数据".into()),
        Err(e) => Err(match dom_error_name(&e).as_str() {
            "SecurityError" => "这个浏览器的设置不允许本页面保存数据".into(),
            _ => "浏览器拒绝本页面保存数据".into(),
        }),
    }
}

fn dom_error_name(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default()
}

fn get(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

/// Everything found in storage on opening, before the newest copy is chosen (which, for an
/// encrypted ledger, needs the key).
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The ledger text in local storage.
    text: Option<String>,
    /// The checksum kept beside it (none: written by an earlier version, or by hand).
    checksum: Option<String>,
    db: Option<idb::Contents>,
    /// The text's checksum is not the one kept beside it (worked out once: the text is large).
    altered: bool,
}

/// What was found in storage when the app opened.
pub enum Stored {
    /// The ledger, what this browser keeps beside it, and the stored size in UTF-16 units.
    Ledger(Opened),
    /// Something is stored but cannot be read. It must not be overwritten without the user's say.
    Unreadable { raw: String, reason: String },
    /// The ledger is stored encrypted: the passphrase opens it (`sealed`, newest first in
    /// `found`).
    Locked { sealed: String, found: Found },
    /// A readable ledger whose checksum does not match what this app last wrote: something else
    /// changed it. Shown, but not saved over until the user accepts it.
    Altered(Opened),
    /// A plain ledger where this computer held it encrypted: shown, not saved over until the
    /// user accepts it.
    Downgraded(Opened),
    /// The browser does not let this page keep data (why, in Chinese).
    Unavailable { reason: String },
}

/// A ledger read from storage.
pub struct Opened {
    pub ledger: Ledger,
    pub local: Local,
    /// Size of the text in local storage (UTF-16 units, as the quota counts them).
    pub used: usize,
    /// Whether local storage lacks saves that the journal held (then it is rewritten).
    pub behind: bool,
    /// Whether the journal holds this ledger's every save, in order, up to the last one any tab
    /// noted: a next save may then be appended to it as an entry of the changed cases only. (Not
    /// so when it belongs to another copy, or when an entry could not be read.)
    pub journal_continues: bool,
}

/// Reads storage when the page opens.
pub async fn load() -> Stored {
    let text = match local_storage().and_then(|s| {
        s.get_item(LEDGER_KEY).map_err(|_| "浏览器拒绝读取本页面保存的数据".to_string())
    }) {
        Ok(text) => text,
        Err(reason) => return Stored::Unavailable { reason },
    };
    let db = match idb::open().await {
        Ok(db) => {
            let contents = idb::read(&db).await.ok();
            if contents.is_some() {
                DB.with(|slot| *slot.borrow_mut() = Some(db));
            }
            contents
        }
        Err(_) => None,
    };
    let checksum = get(CHECKSUM_KEY);
    let altered =
        text.as_deref().zip(checksum.as_deref()).is_some_and(|(t, sum)| vault::checksum(t) != sum);
    let found = Found { text, checksum, db, altered };
    OWN_SUM.with(|own| *own.borrow_mut() = found.checksum.clone());
    let encrypted_here = found.db.as_ref().is_some_and(|c| {
        c.encrypted || c.snapshot.as_ref().is_some_and(|(_, t)| vault::is_sealed(t))
    });
    if let Some(sealed) = found.newest_sealed() {
        return Stored::Locked { sealed, found };
    }
    match (open(&found, None), found.text.as_ref()) {
        (Ok(opened), _) if found.altered() => Stored::Altered(opened),
        (Ok(opened), Some(_)) if encrypted_here => Stored::Downgraded(opened),
        (Ok(opened), _) => Stored::Ledger(opened),
        (Err(reason), text) => {
            Stored::Unreadable { raw: text.cloned().unwrap_or_default(), reason }
        }
    }
}

impl Found {
    /// The text in local storage has a checksum that is not its own: something else wrote it.
    fn altered(&self) -> bool {
        self.altered
    }

    /// The text in local storage is the one this app last wrote: the journal continues it.
    /// (Without a checksum it was written by an earlier version, or by hand: taken as it is,
    /// trusted once, like a changed text that the user accepted.)
    fn continues_journal(&self) -> bool {
        self.text.is_none() || (self.checksum.is_some() && !self.altered())
    }

    /// The encrypted copy to unlock, if the newest copy is encrypted.
    fn newest_sealed(&self) -> Option<String> {
        let text = self.text.as_ref().filter(|t| vault::is_sealed(t));
        let snapshot = self
            .db
            .as_ref()
            .and_then(|c| c.snapshot.as_ref())
            .map(|(_, t)| t)
            .filter(|t| vault::is_sealed(t));
        match (self.text.as_ref(), snapshot) {
            // A plain text in local storage beside an encrypted journal copy: a downgrade,
            // opened as such (not as locked) so that it is shown and flagged.
            (Some(t), Some(_)) if !vault::is_sealed(t) => None,
            _ => text.or(snapshot).cloned(),
        }
    }
}

/// Opens the newest copy: local storage or the journal's snapshot, whichever holds the later save,
/// with the journal entries after it replayed. `key` opens encrypted copies.
pub fn open(found: &Found, key: Option<&Key>) -> Result<Opened, String> {
    let read = |text: &str| -> Result<(Ledger, Local), String> {
        let json = match (vault::is_sealed(text), key) {
            (true, Some(key)) => {
                std::borrow::Cow::Owned(key.open(text).map_err(|e| e.to_string())?)
            }
            (true, None) => return Err("台账已加密".into()),
            (false, _) => from_stored(text).map_err(|e| e.to_string())?,
        };
        read_stored(&json).map_err(|e| e.to_string())
    };
    let used = found.text.as_ref().map_or(0, |t| stored_len(LEDGER_KEY) + stored_len(t));
    let empty = idb::Contents::default();
    let contents = found.db.as_ref().unwrap_or(&empty);
    // A text this app did not write (an earlier version, an outside change) is taken as it is:
    // the journal belongs to another copy, which the next save replaces whole.
    let journal_applies = found.continues_journal();
    let in_local = found.text.as_deref().map(read);
    let local_seq = match &in_local {
        Some(Ok((_, local))) => Some(local.seq),
        _ => None,
    };
    // The journal's whole copy is read only when it holds later saves (usually it is the same
    // text as local storage, or older).
    let newer_snapshot = contents.snapshot.as_ref().filter(|(seq, text)| {
        journal_applies
            && local_seq.is_none_or(|seq_in_local| *seq > seq_in_local)
            && found.text.as_deref() != Some(text.as_str())
    });
    let (mut ledger, mut local) = match (in_local, newer_snapshot.map(|(_, t)| read(t))) {
        (_, Some(Ok(snapshot))) => snapshot,
        (Some(Ok(in_local)), _) => in_local,
        (Some(Err(reason)), _) | (None, Some(Err(reason))) => return Err(reason),
        (None, None) => Default::default(),
    };
    let base = local.seq;
    if journal_applies {
        for (seq, text) in contents.entries.iter().filter(|(seq, _)| *seq > base) {
            if *seq != local.seq + 1 {
                break;
            }
            let json = match (vault::is_sealed(text), key) {
                (true, Some(key)) => key.open(text).ok(),
                (true, None) => None,
                (false, _) => Some(text.clone()),
            };
            // An entry that cannot be read changes nothing, and the later ones depend on it.
            match json.map(|json| apply_entry(&mut ledger, &mut local, &json)) {
                Some(Ok(())) => local.seq = *seq,
                _ => break,
            }
        }
        if local.seq > base {
            // The replayed ledger is held to the same limits as any stored one.
            (ledger, local) =
                read_stored(&write_stored(&ledger, &local)).map_err(|e| e.to_string())?;
        }
    }
    let journal_continues = journal_applies && local.seq == contents.seq;
    let behind = local.seq > local_seq.unwrap_or(0)
        || (!journal_applies && contents.seq > local.seq)
        || (found.text.is_none() && contents.snapshot.is_some());
    // Later saves continue after the last one any tab wrote.
    local.seq = local.seq.max(contents.seq);
    Ok(Opened { ledger, local, used, behind, journal_continues })
}

/// What another tab or window (or another file:// page) did to local storage.
pub enum ExternalChange {
    /// Cleared it.
    Cleared,
    /// Noted a save with this number (it may still lose a race for it).
    Saved(u64),
    /// Wrote the ledger text.
    Ledger,
}

/// Calls `f` when another tab or window (or another file:// page) saves or clears the ledger:
/// this page's copy may then be stale and must not be written over it.
pub fn on_external_change(f: impl Fn(ExternalChange) + 'static) {
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(
        move |ev: web_sys::StorageEvent| match ev.key().as_deref() {
            // A null key means the whole storage was cleared.
            None => f(ExternalChange::Cleared),
            Some(SEQ_KEY) => {
                f(ExternalChange::Saved(ev.new_value().and_then(|v| v.parse().ok()).unwrap_or(0)))
            }
            Some(LEDGER_KEY) => f(ExternalChange::Ledger),
            Some(_) => {}
        },
    );
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    listener.forget();
}

/// Whether the ledger text in local storage is the one this page last read or wrote (by its
/// checksum).
pub fn ledger_is_own() -> bool {
    OWN_SUM.with(|own| *own.borrow() == get(CHECKSUM_KEY))
}

/// Opens the encrypted stored ledger, or says why not (wrong passphrase, damaged, unreadable).
pub fn unlock(sealed: &str, found: &Found, passphrase: &str) -> Result<(Opened, Key), String> {
    let (_, key) = vault::open(sealed, passphrase).map_err(|e| e.to_string())?;
    let found = match found.text.is_some() || found.db.is_some() {
        true => found.clone(),
        // Locked from the page: the sealed text is the ledger as it was.
        false => Found { text: Some(sealed.to_string()), ..Found::default() },
    };
    let opened = open(&found, Some(&key))?;
    Ok((opened, key))
}

/// A `Found` holding only `sealed` (the ledger sealed when the page locked itself).
pub fn sealed_only() -> Found {
    Found::default()
}

/// The whole ledger as stored: packed when large, sealed when a key is given.
pub fn whole_text(ledger: &Ledger, local: &Local, key: Option<&Key>) -> Result<String, String> {
    let json = write_stored(ledger, local);
    Ok(match key {
        Some(key) => key.seal(&json, [random()?, random()?]),
        None => stored_form(json),
    })
}

/// One journal entry (`core::exchange::journal`), sealed when a key is given.
pub fn entry_text(
    ledger: &Ledger,
    local: &Local,
    changes: &Changes,
    key: Option<&Key>,
) -> Result<String, String> {
    let json = write_entry(ledger, local, changes);
    Ok(match key {
        Some(key) => key.seal(&json, [random()?, random()?]),
        None => json,
    })
}

/// Whether saves are journaled (IndexedDB is available): only then is a save known to be on disk.
pub fn durable() -> bool {
    DB.with(|db| db.borrow().is_some())
}

fn db() -> Result<web_sys::IdbDatabase, WriteError> {
    DB.with(|db| db.borrow().clone())
        .ok_or_else(|| WriteError::Failed("浏览器不允许本页面把数据写入磁盘".into()))
}

/// Writes save `seq` (whose predecessor is `expect`) to local storage, whole: the ledger and its
/// checksum. Refused when another tab saved meanwhile. Returns the size written.
pub fn write_local(text: &str, seq: u64, expect: u64) -> Result<usize, WriteError> {
    let storage = local_storage().map_err(WriteError::Failed)?;
    let seen = storage.get_item(SEQ_KEY).ok().flatten().and_then(|s| s.parse::<u64>().ok());
    if seen.is_some_and(|seen| seen != expect && seen != seq) {
        return Err(WriteError::ChangedElsewhere);
    }
    storage.set_item(LEDGER_KEY, text).map_err(|e| {
        WriteError::Failed(match dom_error_name(&e).as_str() {
            "QuotaExceededError" => "浏览器存储空间已满".to_string(),
            _ => "浏览器拒绝写入".to_string(),
        })
    })?;
    // Replacing 16 characters with 16 never needs more room, so this follows the ledger safely.
    let sum = vault::checksum(text);
    let _ = storage.set_item(CHECKSUM_KEY, &sum);
    OWN_SUM.with(|own| *own.borrow_mut() = Some(sum));
    note_seq(seq);
    Ok(stored_len(LEDGER_KEY) + stored_len(text))
}

/// Records the last save's number in local storage (other tabs learn of it by a `storage`
/// event).
pub fn note_seq(seq: u64) {
    if let Ok(storage) = local_storage() {
        let _ = storage.set_item(SEQ_KEY, &seq.to_string());
    }
}

/// Journals save `seq`: resolves once it is on disk.
pub async fn append(seq: u64, text: &str) -> Result<(), WriteError> {
    idb::append(&db()?, seq, text).await?;
    note_seq(seq);
    Ok(())
}

/// Stores the whole text as of save `seq` in the journal database (see `idb::snapshot`).
pub async fn snapshot(seq: u64, expect: u64, text: &str) -> Result<(), WriteError> {
    idb::snapshot(&db()?, seq, expect, text, vault::is_sealed(text)).await
}

/// After losing a race with another tab (whose save the journal database took), puts that tab's
/// whole copy back in local storage, in case this tab's text went in beside its checksum.
pub async fn repair_after_race() {
    let Ok(db) = db() else { return };
    let Ok(contents) = idb::read(&db).await else { return };
    let (Some((seq, text)), Ok(storage)) = (contents.snapshot, local_storage()) else { return };
    if contents.entries.is_empty() && storage.set_item(LEDGER_KEY, &text).is_ok() {
        let _ = storage.set_item(CHECKSUM_KEY, &vault::checksum(&text));
        note_seq(seq);
    }
}

/// Forgets that this computer held the ledger encrypted (the passphrase was removed).
pub async fn forget_encrypted() {
    if let Ok(db) = db() {
        let _ = idb::forget_encrypted(&db).await;
    }
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
/// exported it): the page starts again empty. The journal's copy is replaced by the next save.
pub fn clear_ledger(seq: u64) {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(LEDGER_KEY);
        let _ = storage.remove_item(CHECKSUM_KEY);
    }
    let empty = whole_text(&Ledger::default(), &Local { seq, ..Local::default() }, None);
    if let (Ok(db), Ok(empty)) = (db(), empty) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = idb::snapshot(&db, seq, seq, &empty, false).await;
            let _ = idb::forget_encrypted(&db).await;
        });
    }
}

/// The remembered import mappings, if the browser has them.
pub fn import_mapping() -> Option<String> {
    get(IMPORT_MAPPING_KEY)
}

/// Keeps the remembered import mappings. A browser that refuses only loses the convenience.
pub fn save_import_mapping(text: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.set_item(IMPORT_MAPPING_KEY, text);
    }
}
