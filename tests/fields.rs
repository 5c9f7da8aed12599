//! The one field list (`core::ledger::fields::Field`) walked field by field: each is
//! documented, exported, imported back from its export, has its key in the ledger file, and has
//! its place in the case form (or a panel of the case page that sets it) and on the case page.
//! The form and the page are drawn from the list (`src/ui/case_form.rs`, `src/ui/case_page.rs`);
//! the e2e tests check what they draw.

use chrono::NaiveDate;
use jiean::core::exchange::table_export::cases_to_csv;
use jiean::core::exchange::table_import::{
    guess_layout, guess_mapping, plan_import, read_csv, Context,
};
use jiean::core::ledger::fields::{label, Field, Page};
use jiean::core::ledger::model::{
    Case, Category, Flag, Ledger, Outcome, Resolution, Source, Status,
};
use jiean::core::ledger::packet::Extension;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A case with a value in every field of the list: each text field says whose it is.
fn every_field_filled() -> Case {
    let mut case = Case {
        id: "id-1".into(),
        source: Some(Source::Province),
        assigned_on: Some(day("2026-03-01")),
        registered_on: Some(day("2026-02-20")),
        people_count: Some(12),
        category: Some(Category::LandRequisition),
        flags: vec![Flag::Repeated, Flag::Collective],
        assisting_units: vec!["某镇政府".into(), "县财政局".into()],
        deadline: Some(day("2026-05-30")),
        status: Status::Closed,
        outcome: Some(Outcome::Settled),
        ..Case::default()
    };
    case.packet.closed_on = Some(day("2026-05-20"));
    case.packet.extension = Some(Extension {
        days: 15,
        approver: "王副县长".into(),
        approved_on: Some(day("2026-05-10")),
    });
    case.resolution = Some(Resolution::Helped);
    case.rebounds = 2;
    case.add_progress(day("2026-03-05"), "首次约谈");
    case.add_progress(day("2026-04-01"), "召开协调会");
    for field in Field::ALL {
        if let Some(slot) = field.spec().text {
            *(slot.set)(&mut case) = format!("{}的内容", field.label());
        }
    }
    case
}

fn imported(csv: &str) -> Case {
    let table = read_csv(csv).unwrap();
    let layout = guess_layout(&table);
    let mapping = guess_mapping(&layout.headers);
    let ledger = Ledger::default();
    let context = Context {
        ledger: &ledger,
        today: day("2026-11-23"),
        now: "2026-11-23T10:00:00".parse().unwrap(),
        number_prefix: "",
    };
    let mut plan = plan_import(&table, &layout, &mapping, &context);
    assert_eq!(plan.errors, []);
    plan.cases.remove(0).1
}

#[test]
fn every_field_is_in_the_form_the_case_page_import_export_and_docs() {
    let import_docs = include_str!("../docs/table-import.md");
    let format_docs = include_str!("../docs/ledger-format.md");
    let case = every_field_filled();
    let json = serde_json::to_value(&case).unwrap();
    let export = cases_to_csv(&[&case], &Default::default());
    let header: Vec<String> = read_csv(&export).unwrap().rows[0].1.clone();
    let mapping = guess_mapping(&header);
    let back = imported(&export);
    for field in Field::ALL.iter().copied() {
        let name = field.label();
        let row = import_docs.lines().find(|l| l.starts_with(&format!("| {name} |")));
        let row = row.unwrap_or_else(|| panic!("{name} is not in docs/table-import.md"));
        for header in field.headers() {
            assert!(row.contains(header), "{name}: header {header} is not in the docs");
        }
        let spec = field.spec();
        if field.import_only() {
            assert!(!header.iter().any(|h| h == name), "{name} is import only");
            continue;
        }
        let pointer = format!("/{}", spec.key.replace('.', "/"));
        assert!(json.pointer(&pointer).is_some(), "{name}: {} is not a key of a case", spec.key);
        assert_eq!(
            label(spec.key),
            Some(name),
            "{name}: FIELD_LABELS names {} otherwise",
            spec.key
        );
        let top = spec.key.split('.').next().unwrap_or_default();
        assert!(format_docs.contains(&format!("| `{top}`")), "{name} is not in ledger-format.md");
        let column = header.iter().position(|h| h == name);
        assert!(column.is_some(), "{name} is not exported");
        assert_eq!(mapping.get(field), column, "{name} does not import from its export");
        let shown = field.show(&case);
        assert!(!shown.is_empty(), "every_field_filled has no value for {name}");
        assert_eq!(field.show(&back), shown, "{name} does not come back from its export");
        assert!(
            spec.section.is_some() || spec.page == Page::Panel,
            "{name} is neither in the form nor set by a panel of the case page"
        );
        assert_ne!(spec.page, Page::No, "{name} is not on the case page");
    }
}
