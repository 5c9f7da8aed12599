//! The app's whole state in one place, shared with every component through context.
//! Every change to the ledger goes through [`AppState::change`], which saves it.

use leptos::prelude::*;

use super::browser;
use super::indexes::{RankCache, SearchBuild};
use super::packet::verdict_of;
use wasm_bindgen_futures::spawn_local;

use crate::core::exchange::journal::Changes;
use crate::core::exchange::local::{stored_len, Local};
use crate::core::exchange::merge::{MergePlan, Picks};
use crate::core::exchange::vault::{self, Key};
use crate::core::ledger::limits::case_problems;
use crate::core::ledger::model::{Case, Ledger};
use crate::core::reports::query::{refresh_facts, unsearched_rows, Facts, Filter, SortOrder};
use crate::core::rules::deadline::Urgency;
use crate::core::rules::procedure::{self, Stage};
use crate::core::rules::workflow::Move;
use crate::storage::{self, ExternalChange, Stored, WriteError};

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    Ledger,
    NewCase,
    EditCase(String),
    Case(String),
    ReviewSheet(String),
    Contents(String),
    Dashboard,
    MonthlyReport,
    Settings,
    /// Importing a CSV/XLSX 台账 (see `table_import`).
    TableImport,
    /// 回收站
    Trash,
    /// The preview of merging an imported file ([`AppState::merge`]).
    Merge,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A message at the top of the page until the user closes it or the next one replaces it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// Something that waits for the user's confirmation in a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Delete {
        id: String,
    },
    Import {
        file_name: String,
        incoming: Ledger,
    },
    DiscardUnreadable,
    /// A workflow move the core warned about, waiting for "仍要继续".
    Move {
        id: String,
        mv: Move,
        /// The date the move is made on.
        on: chrono::NaiveDate,
        warning: String,
    },
    /// Export while a search or filter hides some cases: all, or only those shown?
    Export(super::transfer::Format),
    /// An encrypted ledger file waiting for its passphrase.
    ImportSealed {
        file_name: String,
        sealed: String,
    },
    EmptyTrash,
}

/// An imported file waiting in the merge preview, with the clerk's choices so far.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeSession {
    pub file_name: String,
    pub plan: MergePlan,
    pub picks: Picks,
}

/// A case just deleted, kept so that the deletion can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub at: usize,
    pub case: Case,
}

/// The state of storage: one at a time, first what `storage::load` found, then what saving met.
#[derive(Clone, Debug)]
pub enum StorageHealth {
    /// Saves are written.
    Ok,
    /// The last save failed (why, in Chinese); the next change tries again.
    Failed(String),
    /// The browser lets this page keep nothing (why): the clerk works in memory and exports.
    Unavailable(String),
    /// The stored ledger is encrypted and not opened (or locked again): the ledger in memory is
    /// empty and nothing is saved. `sealed` is the newest encrypted copy (exported on request).
    Locked { sealed: String, found: storage::Found },
    /// Stored text that could not be read; nothing is written over it until the user says so.
    Unreadable { raw: String, reason: String },
    /// The stored ledger was changed by something other than this app; nothing is saved over it
    /// until the user accepts what is shown.
    Altered,
    /// A plain ledger where this computer held it encrypted: the same, with its own warning.
    Downgraded,
    /// Another tab saved the ledger; from then on this page does not save.
    ChangedElsewhere,
}

impl StorageHealth {
    /// Why a change is not saved now, for the banner; `None` when it is written.
    pub fn refusal(&self) -> Option<String> {
        match self {
            StorageHealth::Ok | StorageHealth::Failed(_) => None,
            StorageHealth::Unavailable(reason) => Some(reason.clone()),
            // The ledger in memory is empty while locked: saving it would wipe the stored one.
            StorageHealth::Locked { .. } => Some("台账已锁定".into()),
            StorageHealth::Unreadable { .. } => {
                Some("浏览器中原有的数据无法读取，为免覆盖，本次修改未保存".into())
            }
            StorageHealth::Altered => {
                Some("浏览器中的台账被本程序以外的程序改动过，确认使用前不会保存修改".into())
            }
            StorageHealth::Downgraded => Some(
                "这台电脑上的台账原为加密保存，现在却是未加密的内容，确认使用前不会保存修改".into(),
            ),
            StorageHealth::ChangedElsewhere => {
                Some("台账已在另一个窗口中被修改，为免互相覆盖，本次修改未保存".into())
            }
        }
    }
}

/// Where the last save stands, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the page opened.
    Idle,
    /// Written, not yet confirmed on disk.
    Saving,
    /// On disk (the journal's transaction completed).
    Saved,
    /// Handed to local storage, which this browser writes to disk when it chooses (no IndexedDB).
    InBrowser,
}

/// A ledger at most this large (UTF-16 units stored) is written whole on every save, in the
/// click: a few milliseconds. A larger one journals only the change and is written whole at idle.
const WHOLE_BELOW: usize = 100_000;
/// Quiet time after the last save before a large ledger is written whole.
const COMPACT_AFTER_MS: u64 = 1500;

/// What the facts were last worked out for (see `refresh_facts`), and what changed since.
#[derive(Default)]
struct FactsBasis {
    ids: Vec<String>,
    today: Option<chrono::NaiveDate>,
    changed: Changes,
}

/// The writer's bookkeeping (not reactive).
#[derive(Default)]
struct Saver {
    /// What changed since the last write began.
    changes: Changes,
    /// A change is waiting to be written.
    pending: bool,
    /// A write is under way (at most one: the next starts when it ends).
    writing: bool,
    /// The number of the last save written (or read on opening).
    seq: u64,
    /// The save whose whole text local storage holds.
    whole_seq: u64,
    compaction: Option<TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub ledger: RwSignal<Ledger>,
    pub screen: RwSignal<Screen>,
    pub notice: RwSignal<Option<Notice>>,
    pub health: RwSignal<StorageHealth>,
    /// Changes in this page that are not saved (kept while the health refuses them).
    pub unsaved: RwSignal<bool>,
    pub save_state: RwSignal<SaveState>,
    saver: StoredValue<Saver, LocalStorage>,
    /// The cases whose facts are to be worked out again (see `refresh_facts`).
    facts_basis: StoredValue<FactsBasis, LocalStorage>,
    /// The key of an encrypted ledger, while it is open: every save is sealed with it.
    pub key: RwSignal<Option<Key>>,
    /// A CSV/XLSX import in progress, shared by the header menu (which starts it) and the
    /// import screen.
    pub import_session: RwSignal<Option<super::table_import::Session>>,
    pub pending: RwSignal<Option<Pending>>,
    pub undo: RwSignal<Option<Deleted>>,
    /// The ledger table's search text, filters and sort, kept while the user visits a case.
    pub search: RwSignal<String>,
    pub sort: RwSignal<Option<SortOrder>>,
    pub filter: RwSignal<Filter>,
    /// Per case (in ledger order): deadline, urgency and closure check, worked out once per
    /// change of the ledger rather than per keystroke.
    pub facts: Memo<Vec<Facts>>,
    /// Positions of the cases the table shows, in its order: what print and export use.
    pub rows: Memo<Vec<usize>>,
    /// This browser's 回收站 and backup record, saved with the ledger.
    pub local: RwSignal<Local>,
    /// Size of the stored text as last read or written (UTF-16 units), for the quota meter.
    pub stored: RwSignal<usize>,
    pub merge: RwSignal<Option<MergeSession>>,
}

impl AppState {
    pub fn load(found: Stored) -> AppState {
        // The last: whether local storage lacks saves, and whether the journal continues
        // (`storage::Opened`).
        let empty = || (Ledger::default(), Local::default(), 0, (false, true));
        let (health, (ledger, local, stored, behind)) = match found {
            Stored::Ledger(o) => {
                (StorageHealth::Ok, (o.ledger, o.local, o.used, (o.behind, o.journal_continues)))
            }
            Stored::Unreadable { raw, reason } => {
                let used = stored_len(&raw);
                (
                    StorageHealth::Unreadable { raw, reason },
                    (empty().0, empty().1, used, (false, true)),
                )
            }
            Stored::Locked { sealed, found } => {
                let used = stored_len(&sealed);
                (
                    StorageHealth::Locked { sealed, found },
                    (empty().0, empty().1, used, (false, true)),
                )
            }
            Stored::Altered(o) => {
                (StorageHealth::Altered, (o.ledger, o.local, o.used, (false, true)))
            }
            Stored::Downgraded(o) => {
                (StorageHealth::Downgraded, (o.ledger, o.local, o.used, (false, true)))
            }
            Stored::Unavailable { reason } => (StorageHealth::Unavailable(reason), empty()),
        };
        let seq = local.seq;
        let ledger = RwSignal::new(ledger);
        let (search, sort, filter) =
            (RwSignal::new(String::new()), RwSignal::new(None), RwSignal::new(Filter::default()));
        let index = SearchBuild::start(ledger);
        let facts_basis = StoredValue::new_local(FactsBasis::default());
        let facts = Memo::new_owning(move |before: Option<Vec<Facts>>| {
            let today = browser::today();
            let facts = ledger.with(|l| {
                let fact = |case: &Case| {
                    let verdict = verdict_of(l, case);
                    let (stage, stage_urgency) = match procedure::timeline(&l.campaign, case, today)
                    {
                        Ok(t) => (t.stage, t.urgency),
                        Err(_) => (Stage::NotStarted, Urgency::OutOfRange),
                    };
                    Facts {
                        due: l.campaign.due(case),
                        urgency: l.campaign.urgency(case, today),
                        ready: verdict.ready(),
                        complete_items: verdict.complete_items(),
                        total_items: verdict.total_items(),
                        stage,
                        stage_urgency,
                        returned: crate::core::rules::workflow::returned(case),
                    }
                };
                facts_basis.try_update_value(|basis| {
                    let mut changed = std::mem::take(&mut basis.changed);
                    if basis.today != Some(today) {
                        changed.everything();
                    }
                    let facts = refresh_facts(
                        before.unwrap_or_default(),
                        &basis.ids,
                        &l.cases,
                        &changed,
                        fact,
                    );
                    basis.ids = l.cases.iter().map(|c| c.id.clone()).collect();
                    basis.today = Some(today);
                    facts
                })
            });
            (facts.unwrap_or_default(), true)
        });
        // Pinyin ranks of the sorted text column's values: worked out when the sort or the
        // ledger changes, not per keystroke, and only for a text column.
        let rank_cache = RankCache::start(ledger, index.version);
        let sort_column =
            Memo::new(move |_| sort.get().map(|o: SortOrder| o.column).filter(|c| c.is_text()));
        let ranks = Memo::new(move |_| {
            let column = sort_column.get()?;
            let version = index.version.get();
            Some(ledger.with(|l| rank_cache.ranks(column, version, &l.cases)))
        });
        let rows = Memo::new(move |_| {
            let (query, order) = (search.get(), sort.get());
            let ranks = ranks.read();
            let rank = ranks.as_deref();
            filter.with(|filter| {
                facts.with(|facts| {
                    ledger.with(|l| match query.trim() {
                        // Searching needs the index (built in a timeout after open, see above).
                        "" => unsearched_rows(&l.cases, facts, filter, order, rank),
                        _ => index
                            .rows(|index| index.rows(&l.cases, facts, &query, filter, order, rank)),
                    })
                })
            })
        });
        let state = AppState {
            ledger,
            screen: RwSignal::new(Screen::Ledger),
            notice: RwSignal::new(None),
            health: RwSignal::new(health),
            unsaved: RwSignal::new(false),
            save_state: RwSignal::new(SaveState::Idle),
            saver: StoredValue::new_local(Saver { seq, whole_seq: seq, ..Saver::default() }),
            facts_basis,
            key: RwSignal::new(None),
            import_session: RwSignal::new(None),
            pending: RwSignal::new(None),
            undo: RwSignal::new(None),
            search,
            sort,
            filter,
            facts,
            rows,
            local: RwSignal::new(local),
            stored: RwSignal::new(stored),
            merge: RwSignal::new(None),
        };
        state.opened(seq, behind);
        state
    }

    /// After a ledger was read: later saves follow its number, and a copy in local storage that
    /// lacks saves from the journal is rewritten.
    fn opened(&self, seq: u64, (behind, journal_continues): (bool, bool)) {
        if self.health.with_untracked(|h| matches!(h, StorageHealth::Ok)) {
            storage::note_seq(seq);
            self.saver.update_value(|s| {
                s.seq = seq;
                s.whole_seq = if behind { 0 } else { seq };
                if behind && !journal_continues {
                    // The journal holds another copy, or lacks a save: the next save is written
                    // whole. Otherwise it is appended as usual (a browser closed within a moment
                    // of an edit left local storage behind the journal; at 5,000 cases a whole
                    // first save took ~400 ms of the clerk's first edit).
                    s.changes.everything();
                }
            });
            if behind {
                self.compact_later();
            }
        }
    }

    /// Has the facts of case `id` (None: of every case) worked out again: called before every
    /// change of the ledger.
    fn stale_facts(&self, id: Option<&str>) {
        self.facts_basis.update_value(|basis| match id {
            Some(id) => basis.changed.case(id),
            None => basis.changed.everything(),
        });
    }

    /// Changes the ledger and saves it. A failed save leaves the ledger in memory intact and
    /// keeps a banner up telling the user to export.
    pub fn change(&self, f: impl FnOnce(&mut Ledger)) {
        self.stale_facts(None);
        self.ledger.update(f);
        self.saver.update_value(|s| s.changes.everything());
        self.commit();
    }

    /// Counts a change made to the ledger or the 回收站 towards the backup reminder, and saves.
    fn commit(&self) {
        let now = browser::now();
        self.local.update(|local| local.note_change(now));
        self.save();
    }

    /// Changes one case, stamps when it was changed, and saves (only that case is journaled).
    /// A change that would put a value outside the limits every way in shares (`core::ledger::limits`:
    /// a 30,000-character note, a document too many) is refused with the reason, so that every
    /// backup restores. Says whether the change was kept.
    pub fn change_case(&self, id: &str, f: impl FnOnce(&mut Case)) -> bool {
        let Some(mut case) = self.ledger.with_untracked(|l| l.find(id).cloned()) else {
            return false;
        };
        let before = case_problems(&case);
        f(&mut case);
        if let Some(new) = case_problems(&case).into_iter().find(|p| !before.contains(p)) {
            self.warn(format!("未保存：{}。", new.describe()));
            return false;
        }
        case.updated_at = Some(browser::now());
        self.upsert(case);
        true
    }

    /// Adds a new case or replaces the one with its id, and saves.
    pub fn upsert(&self, case: Case) {
        self.saver.update_value(|s| s.changes.case(&case.id));
        self.stale_facts(Some(&case.id));
        self.ledger.update(|ledger| ledger.upsert(case));
        self.commit();
    }

    /// Saves what changed: written at once unless the storage health refuses it (then the
    /// change stays in the page and the banners say so).
    pub fn save(&self) {
        if self.health.with_untracked(|h| h.refusal().is_some()) {
            self.unsaved.set(true);
            return;
        }
        self.saver.update_value(|s| s.pending = true);
        self.write();
    }

    /// Starts writing the waiting changes, unless a write is under way (it starts the next one).
    /// Small ledgers are written whole to local storage in the click and then to the journal
    /// database; large ones journal only the changed cases (written whole at idle).
    fn write(&self) {
        let Some((changes, last)) = self
            .saver
            .try_update_value(|s| {
                (s.pending && !s.writing).then(|| {
                    (s.pending, s.writing) = (false, true);
                    (std::mem::take(&mut s.changes), s.seq)
                })
            })
            .flatten()
        else {
            return;
        };
        let seq = last + 1;
        self.local.update_untracked(|l| l.seq = seq);
        self.save_state.set(SaveState::Saving);
        let state = *self;
        if !storage::durable() || self.stored.get_untracked() < WHOLE_BELOW {
            let written = self
                .whole_text()
                .map_err(WriteError::Failed)
                .and_then(|text| Ok((storage::write_local(&text, seq, last)?, text)));
            match written {
                Err(e) => self.finish(seq, changes, Err(e), false),
                Ok((size, _)) if !storage::durable() => {
                    self.stored.set(size);
                    self.finish(seq, changes, Ok(()), true);
                }
                Ok((size, text)) => {
                    self.stored.set(size);
                    spawn_local(async move {
                        let result = storage::snapshot(seq, last, &text).await;
                        state.finish(seq, changes, result, true);
                    });
                }
            }
        } else {
            let entry = self.key.with_untracked(|key| {
                self.ledger.with_untracked(|ledger| {
                    self.local.with_untracked(|local| {
                        storage::entry_text(ledger, local, &changes, key.as_ref())
                    })
                })
            });
            spawn_local(async move {
                let result = match entry {
                    Ok(entry) => storage::append(seq, &entry).await,
                    Err(reason) => Err(WriteError::Failed(reason)),
                };
                state.finish(seq, changes, result, false);
            });
        }
    }

    /// The whole ledger as stored (packed, or sealed with the key).
    fn whole_text(&self) -> Result<String, String> {
        self.key.with_untracked(|key| {
            self.ledger.with_untracked(|ledger| {
                self.local.with_untracked(|local| storage::whole_text(ledger, local, key.as_ref()))
            })
        })
    }

    /// A write ended: note it, or keep its changes for the next try and say why in the banner.
    fn finish(&self, seq: u64, changes: Changes, result: Result<(), WriteError>, whole: bool) {
        let ok = result.is_ok();
        self.saver.update_value(|s| {
            s.writing = false;
            if ok {
                s.seq = seq;
                if whole {
                    s.whole_seq = seq;
                }
            } else {
                s.changes.merge(changes);
                s.pending = true;
            }
        });
        match result {
            Ok(()) => {
                if self.health.with_untracked(|h| matches!(h, StorageHealth::Failed(_))) {
                    self.health.set(StorageHealth::Ok);
                }
                self.unsaved.set(false);
                if self.saver.with_value(|s| s.pending) {
                    return self.write();
                }
                self.save_state.set(match storage::durable() {
                    true => SaveState::Saved,
                    false => SaveState::InBrowser,
                });
                if !whole {
                    self.compact_later();
                }
            }
            Err(e) => {
                if whole && e == WriteError::ChangedElsewhere {
                    // This tab's text may have gone into local storage beside the other's.
                    spawn_local(storage::repair_after_race());
                }
                self.health.set(match e {
                    WriteError::ChangedElsewhere => StorageHealth::ChangedElsewhere,
                    WriteError::Failed(reason) => StorageHealth::Failed(reason),
                });
                self.unsaved.set(true);
                self.save_state.set(SaveState::Idle);
            }
        }
    }

    /// Writes the whole ledger once the clerk pauses (the journal keeps every save meanwhile).
    fn compact_later(&self) {
        let state = *self;
        let timer = set_timeout_with_handle(
            move || state.compact(),
            std::time::Duration::from_millis(COMPACT_AFTER_MS),
        )
        .ok();
        self.saver.update_value(|s| {
            if let Some(old) = std::mem::replace(&mut s.compaction, timer) {
                old.clear();
            }
        });
    }

    /// Writes the whole ledger to local storage and to the journal database, which then drops
    /// the entries it contains. Skipped while a save is under way (it schedules another).
    fn compact(&self) {
        let (busy, seq, whole_seq) =
            self.saver.with_value(|s| (s.writing || s.pending, s.seq, s.whole_seq));
        if busy || seq == whole_seq || self.health.with_untracked(|h| h.refusal().is_some()) {
            return;
        }
        let result = self
            .whole_text()
            .map_err(WriteError::Failed)
            .and_then(|text| Ok((storage::write_local(&text, seq, seq)?, text)));
        let state = *self;
        match result {
            Ok((size, text)) => {
                self.stored.set(size);
                self.saver.update_value(|s| s.whole_seq = seq);
                spawn_local(async move {
                    if let Err(WriteError::ChangedElsewhere) =
                        storage::snapshot(seq, seq, &text).await
                    {
                        state.health.set(StorageHealth::ChangedElsewhere);
                    }
                });
            }
            // The journal still holds every save: only local storage is behind.
            Err(WriteError::ChangedElsewhere) => self.health.set(StorageHealth::ChangedElsewhere),
            Err(WriteError::Failed(reason)) => self.health.set(StorageHealth::Failed(reason)),
        }
    }

    /// Rewrites the whole ledger at once under `key` (or plain), proved by opening what was
    /// written; the journal entries sealed with the old key go with it. Says why not.
    pub fn reseal(&self, key: Option<Key>) -> Result<(), String> {
        if self.saver.with_value(|s| s.writing) {
            return Err("正在保存，请稍后再试".into());
        }
        if let Some(reason) = self.health.with_untracked(StorageHealth::refusal) {
            return Err(reason);
        }
        let previous = self.key.get_untracked();
        self.key.set(key.clone());
        let last = self.saver.with_value(|s| s.seq);
        let seq = last + 1;
        self.local.update_untracked(|l| l.seq = seq);
        let text = self.whole_text()?;
        let proof = match &key {
            Some(key) => key.open(&text).map(|_| ()).map_err(|e| e.to_string()),
            None => (!vault::is_sealed(&text)).then_some(()).ok_or_else(|| "保存失败".into()),
        };
        let written = proof.and_then(|()| match storage::write_local(&text, seq, last) {
            Ok(size) => Ok(size),
            Err(WriteError::ChangedElsewhere) => {
                Err(StorageHealth::ChangedElsewhere.refusal().unwrap_or_default())
            }
            Err(WriteError::Failed(reason)) => Err(reason),
        });
        let size = match written {
            Ok(size) => size,
            Err(reason) => {
                self.key.set(previous);
                return Err(reason);
            }
        };
        self.stored.set(size);
        self.saver.update_value(|s| {
            (s.seq, s.whole_seq, s.changes) = (seq, seq, Changes::default());
        });
        if storage::durable() {
            let state = *self;
            spawn_local(async move {
                let result = storage::snapshot(seq, last, &text).await;
                if result.is_ok() && key.is_none() {
                    storage::forget_encrypted().await;
                }
                state.finish(seq, Changes::default(), result, true);
            });
        }
        Ok(())
    }

    /// Stops saving once another tab has written the ledger (see `storage::on_external_change`).
    pub fn watch_other_tabs(&self) {
        let state = *self;
        let stale = move || {
            if state.health.with_untracked(|h| h.refusal().is_none()) {
                state.health.set(StorageHealth::ChangedElsewhere);
            }
        };
        storage::on_external_change(move |change| {
            let (seq, writing) = state.saver.with_value(|s| (s.seq, s.writing));
            match change {
                ExternalChange::Cleared => stale(),
                // A save beyond this page's: stale, unless this page is saving that very number
                // (then the journal decides, and a lost race ends in `finish`).
                ExternalChange::Saved(other) if other > seq && !(writing && other == seq + 1) => {
                    stale()
                }
                ExternalChange::Saved(_) => {}
                // A tab that lost a race writes the ledger text and then puts the winner's back;
                // a text that is still not this page's a moment later was changed by someone else.
                ExternalChange::Ledger => {
                    set_timeout(
                        move || {
                            let writing = state.saver.with_value(|s| s.writing);
                            if !writing && !storage::ledger_is_own() {
                                stale();
                            }
                        },
                        std::time::Duration::from_millis(1000),
                    );
                }
            }
        });
    }

    /// Shows another screen. The last notice belongs to the screen it was given on, so it goes.
    pub fn go(&self, screen: Screen) {
        self.notice.set(None);
        if screen != Screen::Merge {
            // Leaving the merge preview abandons it, like 「取消」.
            self.merge.set(None);
        }
        self.screen.set(screen);
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    pub fn inform(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind: NoticeKind::Info, text: text.into() }));
    }

    /// Shows why something was refused, and moves focus to it: the banner sits under the
    /// toolbar whose buttons (导入台账, Excel 表格, 导出台账) cause these messages.
    pub fn warn(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind: NoticeKind::Error, text: text.into() }));
        super::workflow::focus_when_drawn("notice");
    }

    /// Deletes a case into the 回收站; the banner offers to undo it at once.
    pub fn delete(&self, id: &str) {
        self.stale_facts(Some(id));
        let Some((at, case)) = self.ledger.try_update(|ledger| ledger.remove(id)).flatten() else {
            return;
        };
        let now = browser::now();
        self.local.update(|local| local.throw_away([case.clone()], now));
        self.saver.update_value(|s| s.changes.case(id));
        self.commit();
        self.notice.set(None);
        self.undo.set(Some(Deleted { at, case }));
        self.go(Screen::Ledger);
    }

    pub fn undo_delete(&self) {
        if let Some(Deleted { at, case }) = self.undo.get_untracked() {
            let number = case.number.clone();
            self.undo.set(None);
            // Restored from the 回收站 or brought back by an import meanwhile: never twice.
            if self.ledger.with_untracked(|l| {
                l.find(&case.id).is_some() || l.number_taken(&case.number, &case.id)
            }) {
                return self.inform(format!("案件 {number} 已在台账中，无需撤销删除。"));
            }
            self.local.update(|local| {
                local.take(&case.id);
            });
            self.change(|ledger| ledger.restore(at, case));
            self.inform(format!("已恢复案件 {number}"));
        }
    }

    /// Restores a case from the 回收站 to the end of the ledger.
    pub fn restore_deleted(&self, id: &str) {
        let check = self.ledger.with_untracked(|ledger| {
            self.local.with_untracked(|local| local.check_restore(id, ledger))
        });
        match check {
            Ok(number) => {
                self.undo.set(None);
                let case = self.local.try_update(|local| local.take(id)).flatten();
                self.saver.update_value(|s| s.changes.case(id));
                self.stale_facts(Some(id));
                self.ledger.update(|ledger| ledger.cases.extend(case));
                self.commit();
                self.inform(format!("已从回收站恢复案件 {number}"));
            }
            Err(reason) => self.warn(reason),
        }
    }

    pub fn empty_trash(&self) {
        let count = self.local.with_untracked(|l| l.trash.len());
        self.local.update(|local| local.trash.clear());
        self.undo.set(None);
        self.commit();
        self.inform(format!("已清空回收站，{count} 件案件已彻底删除"));
    }

    /// Records a successful export: the backup reminder starts counting again.
    pub fn note_export(&self) {
        let now = browser::now();
        self.local.update(|local| local.note_export(now));
        self.save();
    }

    /// Opens the encrypted ledger with its key.
    pub fn unlocked(&self, opened: storage::Opened, key: Key) {
        let seq = opened.local.seq;
        self.key.set(Some(key));
        self.stale_facts(None);
        self.ledger.set(opened.ledger);
        self.local.set(opened.local);
        self.health.set(StorageHealth::Ok);
        self.opened(seq, (opened.behind, opened.journal_continues));
        self.go(Screen::Ledger);
    }

    /// Locks an encrypted ledger: it leaves memory and the passphrase is asked again. A ledger
    /// with changes not yet on disk stays open, since locking could lose them; says whether
    /// it locked.
    pub fn lock(&self) -> bool {
        let busy = self.saver.with_value(|s| s.writing || s.pending || s.whole_seq != s.seq);
        if self.key.with_untracked(Option::is_none)
            || busy
            || !self.health.with_untracked(|h| matches!(h, StorageHealth::Ok))
        {
            // A pause lets the whole ledger be written, so that the next try succeeds.
            self.compact();
            return false;
        }
        let Ok(sealed) = self.whole_text() else { return false };
        self.health.set(StorageHealth::Locked { sealed, found: storage::sealed_only() });
        self.key.set(None);
        self.pending.set(None);
        self.undo.set(None);
        self.stale_facts(None);
        self.ledger.set(Ledger::default());
        self.local.set(Local::default());
        // A spreadsheet being imported holds the petitioners' data in plain text too.
        self.import_session.set(None);
        self.go(Screen::Ledger);
        true
    }

    /// After the stored encrypted ledger was cleared: an empty, unencrypted ledger.
    pub fn start_over(&self) {
        let seq = self.saver.with_value(|s| s.seq);
        storage::clear_ledger(seq);
        self.key.set(None);
        self.stale_facts(None);
        self.ledger.set(Ledger::default());
        self.local.set(Local { seq, ..Local::default() });
        self.health.set(StorageHealth::Ok);
        self.opened(seq, (false, true));
        self.go(Screen::Ledger);
    }

    /// The user accepts a stored ledger that was changed outside this app (or left unencrypted
    /// where it was encrypted): it is saved again, whole.
    pub fn accept_altered(&self) {
        if self.health.with_untracked(|h| matches!(h, StorageHealth::Downgraded)) {
            spawn_local(storage::forget_encrypted());
        }
        self.health.set(StorageHealth::Ok);
        self.saver.update_value(|s| s.changes.everything());
        self.save();
    }

    /// Lets saving overwrite the unreadable stored text (after the user exported it).
    pub fn discard_unreadable(&self) {
        self.health.set(StorageHealth::Ok);
        self.saver.update_value(|s| s.changes.everything());
        self.save();
    }
}
