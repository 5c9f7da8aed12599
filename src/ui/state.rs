//! The app's whole state in one place, shared with every component through context.
//! Every change to the ledger goes through [`AppState::change`], which saves it.

use leptos::prelude::*;

use super::browser;
use super::packet::verdict_of;
use crate::core::local::{stored_len, Local};
use crate::core::merge::{MergePlan, Picks};
use crate::core::model::{Case, Ledger};
use crate::core::query::{unsearched_rows, Facts, Filter, SearchIndex, SortOrder};
use crate::core::vault::Key;
use crate::core::workflow::Move;
use crate::storage::{self, Stored};

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

#[derive(Clone, Copy)]
pub struct AppState {
    pub ledger: RwSignal<Ledger>,
    pub screen: RwSignal<Screen>,
    pub notice: RwSignal<Option<Notice>>,
    /// Set while the ledger in memory is not saved (quota exceeded, or storage unreadable).
    pub save_error: RwSignal<Option<String>>,
    /// Stored text that could not be read; while set, nothing is written over it.
    pub unreadable: RwSignal<Option<(String, String)>>,
    /// Set when another tab changed the stored ledger; from then on this page does not save.
    pub changed_elsewhere: RwSignal<bool>,
    /// The stored ledger is encrypted and not opened yet (or locked again): its sealed text.
    /// While set, the ledger in memory is empty and nothing is saved.
    pub locked: RwSignal<Option<String>>,
    /// The key of an encrypted ledger, while it is open: every save is sealed with it.
    pub key: RwSignal<Option<Key>>,
    /// The stored ledger was changed by something other than this app; nothing is saved over it
    /// until the user accepts what is shown.
    pub altered: RwSignal<bool>,
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
    pub fn load() -> AppState {
        let (mut locked, mut altered) = (None, false);
        let (ledger, local, stored, unreadable) = match storage::load() {
            Stored::Empty => (Ledger::default(), Local::default(), 0, None),
            Stored::Ledger { ledger, local, used } => (ledger, local, used, None),
            Stored::Unreadable { raw, reason } => {
                (Ledger::default(), Local::default(), stored_len(&raw), Some((raw, reason)))
            }
            Stored::Locked { sealed } => {
                let used = stored_len(&sealed);
                locked = Some(sealed);
                (Ledger::default(), Local::default(), used, None)
            }
            Stored::Altered { ledger, local, used } => {
                altered = true;
                (ledger, local, used, None)
            }
        };
        let ledger = RwSignal::new(ledger);
        let (search, sort, filter) =
            (RwSignal::new(String::new()), RwSignal::new(None), RwSignal::new(Filter::default()));
        let index = Memo::new(move |_| ledger.with(|l| SearchIndex::new(&l.cases)));
        let facts = Memo::new(move |_| {
            let today = browser::today();
            ledger.with(|l| {
                l.cases
                    .iter()
                    .map(|case| {
                        let verdict = verdict_of(l, case);
                        Facts {
                            due: l.campaign.due(case),
                            urgency: l.campaign.urgency(case, today),
                            ready: verdict.ready(),
                            complete_items: verdict.complete_items(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        });
        let rows = Memo::new(move |_| {
            let (query, order) = (search.get(), sort.get());
            filter.with(|filter| {
                facts.with(|facts| {
                    ledger.with(|l| match query.trim() {
                        // The index is built on the first search, not when the ledger opens.
                        "" => unsearched_rows(&l.cases, facts, filter, order),
                        _ => index.with(|index| index.rows(&l.cases, facts, &query, filter, order)),
                    })
                })
            })
        });
        AppState {
            ledger,
            screen: RwSignal::new(Screen::Ledger),
            notice: RwSignal::new(None),
            save_error: RwSignal::new(None),
            unreadable: RwSignal::new(unreadable),
            changed_elsewhere: RwSignal::new(false),
            locked: RwSignal::new(locked),
            key: RwSignal::new(None),
            altered: RwSignal::new(altered),
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
        }
    }

    /// Changes the ledger and saves it. A failed save leaves the ledger in memory intact and
    /// keeps a banner up telling the user to export.
    pub fn change(&self, f: impl FnOnce(&mut Ledger)) {
        self.ledger.update(f);
        self.commit();
    }

    /// Counts a change made to the ledger or the 回收站 towards the backup reminder, and saves.
    fn commit(&self) {
        let now = browser::now();
        self.local.update(|local| local.note_change(now));
        self.save();
    }

    /// Changes one case, stamps when it was changed, and saves.
    pub fn change_case(&self, id: &str, f: impl FnOnce(&mut Case)) {
        let now = browser::now();
        self.change(|ledger| {
            if let Some(case) = ledger.find_mut(id) {
                f(case);
                case.updated_at = Some(now);
            }
        });
    }

    pub fn save(&self) {
        if self.locked.with_untracked(Option::is_some) {
            // The ledger in memory is empty while locked: saving it would wipe the stored one.
            return;
        }
        if self.altered.get_untracked() {
            self.save_error
                .set(Some("浏览器中的台账被本程序以外的程序改动过，确认使用前不会保存修改".into()));
            return;
        }
        if self.unreadable.with_untracked(Option::is_some) {
            self.save_error
                .set(Some("浏览器中原有的数据无法读取，为免覆盖，本次修改未保存".into()));
            return;
        }
        if self.changed_elsewhere.get_untracked() {
            self.save_error
                .set(Some("台账已在另一个窗口中被修改，为免互相覆盖，本次修改未保存".into()));
            return;
        }
        let result = self.key.with_untracked(|key| {
            self.ledger.with_untracked(|ledger| {
                self.local.with_untracked(|local| storage::save(ledger, local, key.as_ref()))
            })
        });
        match result {
            Ok(size) => {
                self.stored.set(size);
                self.save_error.set(None);
            }
            Err(reason) => self.save_error.set(Some(reason)),
        }
    }

    /// Stops saving once another tab has written the ledger (see `storage::on_external_change`).
    pub fn watch_other_tabs(&self) {
        let changed = self.changed_elsewhere;
        storage::on_external_change(move || changed.set(true));
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

    pub fn warn(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind: NoticeKind::Error, text: text.into() }));
    }

    /// Deletes a case into the 回收站; the banner offers to undo it at once.
    pub fn delete(&self, id: &str) {
        let Some((at, case)) = self.ledger.try_update(|ledger| ledger.remove(id)).flatten() else {
            return;
        };
        let now = browser::now();
        self.local.update(|local| local.throw_away([case.clone()], now));
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
                self.change(|ledger| ledger.cases.extend(case));
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
    pub fn unlocked(&self, ledger: Ledger, local: Local, key: Key) {
        self.key.set(Some(key));
        self.ledger.set(ledger);
        self.local.set(local);
        self.locked.set(None);
        self.go(Screen::Ledger);
    }

    /// Locks an encrypted ledger: it leaves memory and the passphrase is asked again. A ledger
    /// that could not be saved stays open, since locking would lose the changes; says whether
    /// it locked.
    pub fn lock(&self) -> bool {
        if self.key.with_untracked(Option::is_none)
            || self.save_error.with_untracked(Option::is_some)
        {
            return false;
        }
        let Some(sealed) = storage::stored_text() else { return false };
        self.locked.set(Some(sealed));
        self.key.set(None);
        self.pending.set(None);
        self.undo.set(None);
        self.ledger.set(Ledger::default());
        self.local.set(Local::default());
        // A spreadsheet being imported holds the petitioners' data in plain text too.
        self.import_session.set(None);
        self.go(Screen::Ledger);
        true
    }

    /// After the stored encrypted ledger was cleared: an empty, unencrypted ledger.
    pub fn start_over(&self) {
        self.key.set(None);
        self.ledger.set(Ledger::default());
        self.local.set(Local::default());
        self.locked.set(None);
        self.go(Screen::Ledger);
    }

    /// The user accepts a stored ledger that was changed outside this app: it is saved again.
    pub fn accept_altered(&self) {
        self.altered.set(false);
        self.save();
    }

    /// Lets saving overwrite the unreadable stored text (after the user exported it).
    pub fn discard_unreadable(&self) {
        self.unreadable.set(None);
        self.save();
    }
}
