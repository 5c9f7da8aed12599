//! Property tests of the import reader and the merge: whatever the input, an import either takes
//! the whole file or changes nothing, and a merge never loses a case. Case counts are small so
//! that the whole run takes seconds.

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use jiean::core::exchange::json::{
    read_ledger, read_stored, write_ledger, write_stored, ReadError,
};
use jiean::core::exchange::local::Local;
use jiean::core::exchange::merge::{apply, plan, Pick};
use jiean::core::ledger::limits::MAX_TEXT_CHARS;
use jiean::core::ledger::model::{Case, Ledger, Status};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn time(d: u32) -> NaiveDateTime {
    day(d).and_hms_opt(9, 0, 0).unwrap()
}

prop_compose! {
    fn a_case()(
        id in 0..6u8, number in 0..6u8, summary in prop::sample::select(vec!["征地补偿", "物业纠纷", "<b>标签</b>", "引号\"和\\反斜杠", "换行\n第二行"]),
        lead in prop::sample::select(vec!["", "王副县长", "李副县长"]),
        status in 0..Status::ALL.len(), updated in prop::option::of(1..6u32),
        progress in prop::collection::vec((1..28u32, prop::sample::select(vec!["约访", "协调会", "回访"])), 0..3),
    ) -> Case {
        let mut case = Case {
            id: format!("id-{id}"), number: format!("N-{number}"), summary: summary.into(), lead: lead.into(),
            status: Status::ALL[status], updated_at: updated.map(time), ..Case::default()
        };
        for (d, text) in progress {
            case.add_progress(day(d), text);
        }
        case
    }
}

/// A valid ledger: ids and 案件编号 unique.
fn a_ledger() -> impl Strategy<Value = Ledger> {
    prop::collection::vec(a_case(), 0..6).prop_map(|cases| {
        let mut ledger = Ledger::default();
        for case in cases {
            if ledger.find(&case.id).is_none() && !ledger.number_taken(&case.number, &case.id) {
                ledger.cases.push(case);
            }
        }
        ledger
    })
}

/// What a successful read guarantees.
fn assert_valid(ledger: &Ledger) {
    let mut numbers = std::collections::HashSet::new();
    for case in &ledger.cases {
        assert!(!case.number.trim().is_empty() && !case.summary.trim().is_empty());
        assert!(numbers.insert(case.number.trim().to_string()), "duplicate number read");
        assert!(case.summary.chars().count() <= MAX_TEXT_CHARS);
    }
}

/// The import as the app does it: read, merge with the default choices, or change nothing.
fn import(current: &Ledger, text: &str) -> Result<Ledger, String> {
    let incoming = read_ledger(text).map_err(|e| e.to_string())?;
    let plan = plan(current, &incoming, |_| false);
    apply(current, &plan, &plan.default_picks(), time(28)).map(|(merged, _)| merged)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn what_is_written_reads_back_the_same(ledger in a_ledger(), trashed in a_ledger(), exported in prop::option::of(1..28u32)) {
        let text = write_ledger(&ledger, exported.map(time), true);
        prop_assert_eq!(&read_ledger(&text).unwrap(), &ledger);
        let mut local = Local::default();
        local.throw_away(trashed.cases, time(2));
        if let Some(d) = exported { local.note_export(time(d)); }
        prop_assert_eq!(read_stored(&write_stored(&ledger, &local)).unwrap(), (ledger, local));
    }

    #[test]
    fn a_damaged_file_is_read_whole_or_refused_and_the_ledger_is_unchanged(
        current in a_ledger(), incoming in a_ledger(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..4u8, prop::sample::select(vec!["", "\"", "{", "]", ",", "0", "-1", "2026-02-30", "\"number\":\"N-1\"", "null", "长"])), 1..4),
    ) {
        let mut text = write_ledger(&incoming, None, false);
        for (at, kind, piece) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) { i -= 1; }
            match kind {
                0 => text.insert_str(i, piece),
                1 => { let end = (i + 3).min(text.len()); let mut end = end; while !text.is_char_boundary(end) { end += 1; } text.replace_range(i..end, ""); }
                2 => { let mut end = (i + piece.len()).min(text.len()); while !text.is_char_boundary(end) { end += 1; } text.replace_range(i..end, piece); }
                _ => text.truncate(i),
            }
        }
        match read_ledger(&text) {
            Ok(read) => assert_valid(&read),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        match import(&current, &text) {
            // Everything the ledger held is still there, and every case of the file is in it.
            Ok(merged) => {
                for case in &current.cases { prop_assert!(merged.find(&case.id).is_some()); }
                for case in &read_ledger(&text).unwrap().cases {
                    prop_assert!(merged.find(&case.id).is_some() || merged.number_taken(&case.number, ""));
                }
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }

    #[test]
    fn any_text_is_refused_or_read_without_panicking(text in ".{0,200}") {
        match read_ledger(&text) {
            Ok(ledger) => assert_valid(&ledger),
            Err(ReadError::NotJson { line, column }) => prop_assert!(line >= 1 && column <= text.len() + 1),
            Err(_) => {}
        }
    }

    #[test]
    fn a_merge_never_loses_a_case(
        current in a_ledger(), incoming in a_ledger(), choice in prop::collection::vec(0..3u8, 0..40),
    ) {
        let plan = plan(&current, &incoming, |_| false);
        let mut k = 0;
        let picks: Vec<Vec<Pick>> = plan.conflicts.iter().map(|c| c.fields.iter().map(|f| {
            k += 1;
            match choice.get(k).copied().unwrap_or(0) { 0 => Pick::Mine, 1 => Pick::Theirs, _ if f.can_combine => Pick::Both, _ => Pick::Theirs }
        }).collect()).collect();
        let counts = plan.counts(&picks);
        prop_assert_eq!(counts.added + counts.updated + counts.kept + counts.identical, incoming.cases.len());
        match apply(&current, &plan, &picks, time(28)) {
            Ok((merged, _)) => {
                prop_assert_eq!(merged.cases.len(), current.cases.len() + plan.added.len());
                for case in &current.cases { prop_assert!(merged.find(&case.id).is_some()); }
                for case in &plan.added { prop_assert_eq!(merged.find(&case.id), Some(case)); }
                assert_valid(&merged);
                // Where every field was taken from the file, the case is the file's (under this id).
                for (conflict, picks) in plan.conflicts.iter().zip(&picks) {
                    let got = merged.find(&conflict.mine.id).unwrap();
                    if picks.iter().all(|p| *p == Pick::Theirs) {
                        prop_assert_eq!(got, &Case { id: conflict.mine.id.clone(), ..conflict.theirs.clone() });
                    }
                    if picks.iter().all(|p| *p == Pick::Mine) { prop_assert_eq!(got, &conflict.mine); }
                }
                // Merging the same file again adds nothing.
                let again = jiean::core::exchange::merge::plan(&merged, &incoming, |_| false);
                prop_assert!(again.added.is_empty());
            }
            Err(message) => prop_assert!(message.contains("将出现两次"), "{}", message),
        }
    }

    #[test]
    fn taking_all_newer_twice_settles(current in a_ledger(), incoming in a_ledger()) {
        let first = plan(&current, &incoming, |_| false);
        if let Ok((merged, _)) = apply(&current, &first, &first.newer_picks(), time(28)) {
            let again = plan(&merged, &incoming, |_| false);
            prop_assert!(again.conflicts.iter().all(|c| !c.theirs_newer), "newer file cases were all taken");
        }
    }
}
