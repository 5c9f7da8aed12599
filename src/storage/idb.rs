//! The IndexedDB half of storage: a write-ahead journal that is on disk when a save is confirmed.
//!
//! Chromium keeps local storage in memory and writes it to disk seconds (under load, minutes)
//! after `setItem`; an IndexedDB transaction opened with `durability: "strict"` is flushed to disk
//! before its `complete` event (Chromium 83+; older versions and Firefox ignore the option and
//! flush on commit as well). Every save therefore goes through a transaction here first.
//!
//! One database `jiean`, two stores:
//! - `journal`: key = sequence number, value = one change ([`crate::core::exchange::journal`]), in order;
//! - `meta`: `seq` (the last sequence number written, by any tab), `snapshot` and `snapshot-seq`
//!   (the whole stored ledger as of that number, which makes older journal entries redundant),
//!   `encrypted` (this computer has held the ledger encrypted).
//!
//! Each write is one read-write transaction that first checks `seq` is what the writing tab last
//! saw. IndexedDB runs read-write transactions on the same stores one at a time, across tabs, so
//! this check-and-write is the "one writer at a time" rule even where Web Locks are missing: a tab
//! whose copy is stale is refused instead of writing over another tab's saved change.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction,
};

const NAME: &str = "jiean";
const VERSION: u32 = 1;
const JOURNAL: &str = "journal";
const META: &str = "meta";

/// What the database holds when the page opens.
#[derive(Clone, Debug, Default)]
pub struct Contents {
    pub seq: u64,
    pub snapshot: Option<(u64, String)>,
    /// Journal entries after the snapshot, in order.
    pub entries: Vec<(u64, String)>,
    pub encrypted: bool,
}

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// Another tab (or window) saved since this one last read or wrote: nothing was written.
    ChangedElsewhere,
    /// The browser refused or failed the write (in Chinese, for the banner).
    Failed(String),
}

/// Opens (and on first use creates) the database, or says why the browser refuses it.
pub async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("没有浏览器窗口")?
        .indexed_db()
        .map_err(|e| error_name(&e))?
        .ok_or("浏览器不能为本页面把数据写入磁盘")?;
    let request: IdbOpenDbRequest =
        factory.open_with_u32(NAME, VERSION).map_err(|e| error_name(&e))?;
    let upgrade = Closure::once_into_js({
        let request = request.clone();
        move || {
            if let Ok(db) = request.result().and_then(|db| db.dyn_into::<IdbDatabase>()) {
                for store in [JOURNAL, META] {
                    if !db.object_store_names().contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = settle(&request).await?;
    db.dyn_into::<IdbDatabase>().map_err(|_| "浏览器的数据保存功能打开失败".to_string())
}

/// Reads everything needed to open the ledger.
pub async fn read(db: &IdbDatabase) -> Result<Contents, String> {
    let tx = transaction(db, "readonly")?;
    let (journal, meta) = stores(&tx)?;
    let requests = [
        meta.get(&"seq".into()),
        meta.get(&"snapshot-seq".into()),
        meta.get(&"snapshot".into()),
        meta.get(&"encrypted".into()),
        journal.get_all_keys(),
        journal.get_all(),
    ];
    let mut values = Vec::new();
    for request in requests {
        values.push(settle(&request.map_err(|e| error_name(&e))?).await?);
    }
    let number = |v: &JsValue| v.as_f64().map(|n| n as u64).unwrap_or(0);
    let keys = Array::from(&values[4]);
    let texts = Array::from(&values[5]);
    let entries = keys
        .iter()
        .zip(texts.iter())
        .filter_map(|(key, text)| Some((number(&key), text.as_string()?)))
        .collect();
    Ok(Contents {
        seq: number(&values[0]),
        snapshot: values[2].as_string().map(|text| (number(&values[1]), text)),
        entries,
        encrypted: values[3].as_bool().unwrap_or(false),
    })
}

/// Appends journal entry `seq` if the last one written is `seq - 1`; resolves once on disk.
pub async fn append(db: &IdbDatabase, seq: u64, text: &str) -> Result<(), WriteError> {
    let text = JsValue::from_str(text);
    write(db, seq.saturating_sub(1), move |journal, meta| {
        journal.put_with_key(&text, &(seq as f64).into())?;
        meta.put_with_key(&(seq as f64).into(), &"seq".into())?;
        Ok(())
    })
    .await
}

/// Stores the whole ledger as of `seq` (the last entry written must be `expect`, which is `seq`
/// when compacting and `seq - 1` when the snapshot is itself the change) and drops the journal
/// entries it contains. Resolves once on disk.
pub async fn snapshot(
    db: &IdbDatabase,
    seq: u64,
    expect: u64,
    text: &str,
    encrypted: bool,
) -> Result<(), WriteError> {
    let text = JsValue::from_str(text);
    write(db, expect, move |journal, meta| {
        let seq_value = JsValue::from_f64(seq as f64);
        meta.put_with_key(&text, &"snapshot".into())?;
        meta.put_with_key(&seq_value, &"snapshot-seq".into())?;
        meta.put_with_key(&seq_value, &"seq".into())?;
        if encrypted {
            // Only ever set: a plain ledger where an encrypted one was is then noticed.
            meta.put_with_key(&JsValue::TRUE, &"encrypted".into())?;
        }
        journal.delete(&IdbKeyRange::upper_bound(&seq_value)?.into())?;
        Ok(())
    })
    .await
}

/// Forgets that the ledger was encrypted here (the clerk removed the passphrase).
pub async fn forget_encrypted(db: &IdbDatabase) -> Result<(), String> {
    let tx = transaction(db, "readwrite")?;
    let (_, meta) = stores(&tx)?;
    meta.delete(&"encrypted".into()).map_err(|e| error_name(&e))?;
    finished(&tx).await.map_err(|e| match e {
        WriteError::Failed(reason) => reason,
        WriteError::ChangedElsewhere => String::new(),
    })
}

/// One read-write transaction: reads `seq`; if it is `expect`, runs `put` on the stores, else
/// aborts. Resolves when the transaction is complete (on disk) or says why not.
async fn write(
    db: &IdbDatabase,
    expect: u64,
    put: impl FnOnce(&IdbObjectStore, &IdbObjectStore) -> Result<(), JsValue> + 'static,
) -> Result<(), WriteError> {
    let failed = |e: JsValue| WriteError::Failed(error_name(&e));
    let tx = transaction(db, "readwrite").map_err(WriteError::Failed)?;
    let (journal, meta) = stores(&tx).map_err(WriteError::Failed)?;
    let current = meta.get(&"seq".into()).map_err(failed)?;
    let stale = std::rc::Rc::new(std::cell::Cell::new(false));
    // The check and the writes happen in the same success callback, while the transaction is
    // active: no other transaction on these stores can run between them.
    let on_read = Closure::once_into_js({
        let (tx, current, stale) = (tx.clone(), current.clone(), stale.clone());
        move || {
            let seq = current.result().ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as u64;
            if seq != expect {
                stale.set(true);
                let _ = tx.abort();
            } else if put(&journal, &meta).is_err() {
                let _ = tx.abort();
            }
        }
    });
    current.set_onsuccess(Some(on_read.unchecked_ref()));
    match finished(&tx).await {
        Err(_) if stale.get() => Err(WriteError::ChangedElsewhere),
        result => result,
    }
}

/// A transaction on both stores with `durability: "strict"` (web-sys has the option only as an
/// unstable API, so the call is made by name; browsers before it ignore the extra argument).
fn transaction(db: &IdbDatabase, mode: &str) -> Result<IdbTransaction, String> {
    let names = Array::of2(&JOURNAL.into(), &META.into());
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())
        .map_err(|e| error_name(&e))?;
    let open = js_sys::Reflect::get(db, &"transaction".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("浏览器的数据保存功能不完整")?;
    open.call3(db, &names, &mode.into(), &options)
        .map_err(|e| error_name(&e))?
        .dyn_into::<IdbTransaction>()
        .map_err(|_| "浏览器的数据保存功能不完整".to_string())
}

fn stores(tx: &IdbTransaction) -> Result<(IdbObjectStore, IdbObjectStore), String> {
    let store = |name| tx.object_store(name).map_err(|e| error_name(&e));
    Ok((store(JOURNAL)?, store(META)?))
}

/// Waits for a request's result.
async fn settle(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let bad = request.clone();
        let on_error = Closure::once_into_js(move || {
            let name = bad.error().ok().flatten().map(|e| e.name()).unwrap_or_default();
            let _ = reject.call1(&JsValue::NULL, &name.into());
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| refused(&e.as_string().unwrap_or_default()))
}

/// Waits for a transaction to complete (committed, and with strict durability flushed to disk).
async fn finished(tx: &IdbTransaction) -> Result<(), WriteError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let on_abort = Closure::once_into_js(move || {
            let name = failed.error().map(|e| e.name()).unwrap_or_default();
            let _ = reject.call1(&JsValue::NULL, &name.into());
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        // An error aborts the transaction, so `abort` reports both.
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| WriteError::Failed(refused(&e.as_string().unwrap_or_default())))
}

fn error_name(e: &JsValue) -> String {
    let name = e.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
    refused(&name)
}

/// A browser's refusal in words for the clerk.
fn refused(name: &str) -> String {
    match name {
        "QuotaExceededError" => "浏览器存储空间已满".into(),
        _ => "浏览器拒绝写入".into(),
    }
}
