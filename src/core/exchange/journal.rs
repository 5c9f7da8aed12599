//! The save journal: one entry per save holds only what changed — the changed cases whole, the
//! ids removed, and the small rest of the ledger (closure standard, campaign, this browser's
//! `Local`) — so that a save costs the size of an edit, not of the ledger. Entries are replayed in
//! order over the last whole copy when the page opens; the whole copy is rewritten at idle time
//! (compaction), which makes the entries before it redundant.
//!
//! An entry's ledger part is the stored exchange format (`exchange::write_stored`), so it is read
//! back by the same validated reader as a stored ledger or an imported file.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{read_stored, write_stored};
use super::local::Local;
use crate::core::ledger::model::Ledger;

/// What changed in the ledger since the last save, as the shell collects it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    /// Cases added, changed or removed (by id): the entry holds those still in the ledger, and
    /// the others as removed.
    pub cases: BTreeSet<String>,
    /// Anything else about the cases (a replaced ledger, a new order): the entry holds them all.
    pub all: bool,
}

impl Changes {
    pub fn case(&mut self, id: &str) {
        self.cases.insert(id.to_string());
    }

    pub fn everything(&mut self) {
        self.all = true;
    }

    /// Adds changes that could not be saved back to those waiting, for the next try.
    pub fn merge(&mut self, earlier: Changes) {
        self.cases.extend(earlier.cases);
        self.all |= earlier.all;
    }
}

#[derive(Deserialize)]
struct Entry<'a> {
    /// `true`: `stored` holds every case and replaces them; otherwise it holds the changed ones.
    all: bool,
    removed: Vec<String>,
    #[serde(borrow)]
    stored: &'a RawValue,
}

/// The journal entry for `changes` (plain JSON; the shell seals it when the ledger is encrypted).
pub fn write_entry(ledger: &Ledger, local: &Local, changes: &Changes) -> String {
    let stored = if changes.all {
        write_stored(ledger, local)
    } else {
        let part = Ledger {
            cases: ledger.cases.iter().filter(|c| changes.cases.contains(&c.id)).cloned().collect(),
            standard: ledger.standard.clone(),
            campaign: ledger.campaign.clone(),
        };
        write_stored(&part, local)
    };
    let removed: Vec<&String> = match changes.all {
        true => Vec::new(),
        false => changes.cases.iter().filter(|id| ledger.find(id).is_none()).collect(),
    };
    // `stored` is JSON written just above; ids are plain strings (their JSON cannot fail).
    let removed = serde_json::to_string(&removed).unwrap_or_else(|_| "[]".into());
    format!(r#"{{"all":{},"removed":{removed},"stored":{stored}}}"#, changes.all)
}

/// Applies one entry over the ledger, or says why it cannot be read (nothing is changed then).
pub fn apply_entry(ledger: &mut Ledger, local: &mut Local, text: &str) -> Result<(), String> {
    let entry: Entry =
        serde_json::from_str(text).map_err(|_| "保存记录的格式不对，可能已损坏。".to_string())?;
    let (part, part_local) = read_stored(entry.stored.get()).map_err(|e| e.to_string())?;
    if entry.all {
        ledger.cases = part.cases;
    } else {
        ledger.cases.retain(|c| !entry.removed.contains(&c.id));
        for case in part.cases {
            ledger.upsert(case);
        }
    }
    ledger.standard = part.standard;
    ledger.campaign = part.campaign;
    *local = part_local;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::model::Case;

    fn case(id: &str, summary: &str) -> Case {
        Case {
            id: id.into(),
            number: id.to_uppercase(),
            summary: summary.into(),
            ..Case::default()
        }
    }

    fn ledger(cases: &[(&str, &str)]) -> Ledger {
        Ledger { cases: cases.iter().map(|(id, s)| case(id, s)).collect(), ..Ledger::default() }
    }

    #[test]
    fn replaying_entries_over_the_old_copy_gives_the_new_ledger() {
        let old = ledger(&[("a", "一"), ("b", "二"), ("c", "三")]);
        let mut new = old.clone();
        let mut local = Local::default();
        let mut changes = Changes::default();
        new.find_mut("b").unwrap().summary = "二（改）".into();
        changes.case("b");
        new.cases.push(case("d", "四"));
        changes.case("d");
        let (_, gone) = new.remove("a").unwrap();
        local.throw_away([gone], "2026-11-02T09:00:00".parse().unwrap());
        changes.case("a");
        local.seq = 7;
        let entry = write_entry(&new, &local, &changes);
        assert!(!entry.contains("三"), "unchanged cases are not written: {entry}");

        let (mut replayed, mut replayed_local) = (old, Local::default());
        apply_entry(&mut replayed, &mut replayed_local, &entry).unwrap();
        assert_eq!(replayed, new);
        assert_eq!(replayed_local, local);
    }

    #[test]
    fn an_entry_of_everything_replaces_the_cases_and_their_order() {
        let mut new = ledger(&[("b", "二"), ("a", "一")]);
        new.campaign.name = "专项".into();
        let mut changes = Changes::default();
        changes.everything();
        let entry = write_entry(&new, &Local::default(), &changes);
        let (mut replayed, mut local) = (ledger(&[("a", "一"), ("c", "三")]), Local::default());
        apply_entry(&mut replayed, &mut local, &entry).unwrap();
        assert_eq!(replayed, new);
    }

    #[test]
    fn a_damaged_entry_is_refused_and_changes_nothing() {
        let mut changes = Changes::default();
        changes.case("a");
        let entry = write_entry(&ledger(&[("a", "一")]), &Local::default(), &changes);
        let mut target = ledger(&[("x", "原样")]);
        for bad in [&entry[..entry.len() / 2], "{}", "null", &entry.replace("jiean-ledger", "x")] {
            let mut local = Local::default();
            assert!(apply_entry(&mut target, &mut local, bad).is_err(), "{bad}");
            assert_eq!(target, ledger(&[("x", "原样")]));
        }
    }

    #[test]
    fn changes_not_saved_go_back_with_the_later_ones() {
        let mut failed = Changes::default();
        failed.case("a");
        let mut later = Changes::default();
        later.case("b");
        later.merge(failed);
        assert_eq!(later.cases, BTreeSet::from(["a".to_string(), "b".to_string()]));
        assert!(!later.all);
    }
}
