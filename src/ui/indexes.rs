//! What the ledger table derives from the ledger in the background after each change, off the
//! clerk's clicks: the search index, built in slices, and the pinyin ranks of the columns sorted
//! most.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use crate::core::ledger::model::{Case, Ledger};
use crate::core::reports::query::{Column, Ranks, SearchIndex};

/// Cases indexed per slice of the search index's build: a few milliseconds of work, so that
/// the clerk's clicks and the page's frames go between the slices.
const INDEX_SLICE: usize = 250;
/// The build starts this long after the ledger opens or changes, once the table is drawn.
const INDEX_AFTER_MS: u64 = 100;

/// The search index of the ledger as it now is, built in slices in the background after the
/// ledger opens or changes, so that no click or keystroke waits for the whole of it (bench:
/// building it at once took ~50 ms of a 5,000-case ledger's first keystroke, or of the frame
/// after each edit). A search before it is complete searches the rest of the cases directly.
#[derive(Clone, Copy)]
pub struct SearchBuild {
    /// Counts the ledger's changes: an index built for an older count is dropped.
    pub version: Memo<u64>,
    index: StoredValue<(u64, SearchIndex), LocalStorage>,
    ledger: RwSignal<Ledger>,
    /// A search has run once (see `slice`).
    warmed: StoredValue<bool>,
}

impl SearchBuild {
    pub fn start(ledger: RwSignal<Ledger>) -> SearchBuild {
        let version = Memo::new(move |last: Option<&u64>| {
            ledger.track();
            last.map_or(0, |v| v.wrapping_add(1))
        });
        let build = SearchBuild {
            version,
            index: StoredValue::new_local((u64::MAX, SearchIndex::default())),
            ledger,
            warmed: StoredValue::new(false),
        };
        Effect::new(move |_| {
            let version = version.get();
            set_timeout(
                move || build.slice(version),
                std::time::Duration::from_millis(INDEX_AFTER_MS),
            );
        });
        build
    }

    /// The index of the current ledger, as far as it is built (`None` once the page is gone).
    fn current<T>(&self, f: impl FnOnce(&mut SearchIndex) -> T) -> Option<T> {
        let version = self.version.get_untracked();
        self.index.try_update_value(|(built_for, index)| {
            if *built_for != version {
                (*built_for, *index) = (version, SearchIndex::default());
            }
            f(index)
        })
    }

    /// Indexes the next slice of the ledger at `version`, then schedules the one after; stops
    /// once the index is complete or the ledger has changed (its own build has started).
    fn slice(self, version: u64) {
        if self.version.get_untracked() != version {
            return;
        }
        let complete = self.ledger.with_untracked(|l| {
            self.current(|index| index.extend(&l.cases, INDEX_SLICE)).unwrap_or(true)
        });
        if complete {
            if !self.warmed.get_value() {
                // The browser compiles wasm code fully only once it has run a while: one search
                // now, in the background, so that the clerk's first search runs that code too
                // (bench: the first keystroke took ~10 ms longer than the same one later).
                self.warmed.set_value(true);
                self.current(|index| index.count("信访"));
            }
            browser::mark("jiean:search-index");
        } else {
            set_timeout(move || self.slice(version), std::time::Duration::ZERO);
        }
    }

    /// Searches with the index (the caller reads the ledger, so it re-runs on a change).
    pub fn rows<T: Default>(&self, f: impl FnOnce(&SearchIndex) -> T) -> T {
        self.version.track();
        self.current(|index| f(index)).unwrap_or_default()
    }
}

/// The columns a clerk sorts by most, ranked in the background after each change of the ledger.
const RANKED_AHEAD: [Column; 3] = [Column::Petitioner, Column::Lead, Column::Unit];
/// When the ranking starts after a change, once the search index is under way; one column per
/// task, each a few milliseconds.
const RANKS_AFTER_MS: u64 = 250;

/// Each text column's pinyin ranks for the ledger at one `version`: worked out once per change,
/// those of [`RANKED_AHEAD`] in the background, so that a first click on such a column only
/// sorts (bench: ranking 5,000 names with the browser's collator took ~10 ms of the click).
#[derive(Clone, Copy)]
pub struct RankCache {
    ranked: StoredValue<Ranked, LocalStorage>,
}

/// The ledger version ranked, and the ranks of each column worked out for it.
type Ranked = (u64, Vec<(Column, Arc<Ranks>)>);

impl RankCache {
    pub fn start(ledger: RwSignal<Ledger>, version: Memo<u64>) -> RankCache {
        let cache = RankCache { ranked: StoredValue::new_local((u64::MAX, Vec::new())) };
        Effect::new(move |_| {
            let at = version.get();
            for (i, column) in RANKED_AHEAD.into_iter().enumerate() {
                let rank = move || {
                    if version.get_untracked() == at {
                        ledger.with_untracked(|l| cache.ranks(column, at, &l.cases));
                    }
                };
                let after = RANKS_AFTER_MS + 20 * i as u64;
                set_timeout(rank, std::time::Duration::from_millis(after));
            }
        });
        cache
    }

    /// The ranks of `column` in `cases`, the ledger at `version`.
    pub fn ranks(&self, column: Column, version: u64, cases: &[Case]) -> Arc<Ranks> {
        let cached = self.ranked.with_value(|(at, ranked)| {
            ranked.iter().find(|(c, _)| *at == version && *c == column).map(|(_, r)| r.clone())
        });
        cached.unwrap_or_else(|| {
            let ranks =
                Arc::new(Ranks(super::collate::ranks(cases.iter().map(|c| column.text(c)))));
            self.ranked.update_value(|(at, ranked)| {
                if *at != version {
                    (*at, *ranked) = (version, Vec::new());
                }
                ranked.push((column, ranks.clone()));
            });
            ranks
        })
    }
}
