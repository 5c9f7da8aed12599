//! The field list across the layers: the spreadsheet fields of `core::ledger::fields` against the
//! export, the import, the case form and page of the UI, and the docs.

use jiean::core::exchange::table_export::cases_to_csv;
use jiean::core::exchange::table_import::guess_mapping;
use jiean::core::ledger::fields::ImportField;

/// The one field list: every spreadsheet field is documented with its headers, every exported
/// field is written by the export, read back by the import, and has its place in the case
/// form (or the 办理流程 / 结案材料 panels that set it) and on the case page.
#[test]
fn every_field_is_in_the_form_the_case_page_import_export_and_docs() {
    let docs = include_str!("../docs/table-import.md");
    let form = include_str!("../src/ui/case_form.rs");
    let page = [
        include_str!("../src/ui/case_page.rs"),
        include_str!("../src/ui/workflow.rs"),
        include_str!("../src/ui/packet.rs"),
    ]
    .concat();
    let export = cases_to_csv(&[], &Default::default());
    let header: Vec<&str> = export.trim_start_matches('\u{feff}').trim_end().split(',').collect();
    let mapping = guess_mapping(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    // Set by the 办理流程 and 结案材料 panels of the case page, not the form.
    let set_on_the_page =
        [ImportField::Status, ImportField::ClosedOn, ImportField::Outcome, ImportField::Progress];
    for field in ImportField::ALL.iter().copied() {
        let label = field.label();
        let row = docs.lines().find(|l| l.starts_with(&format!("| {label} |")));
        let row = row.unwrap_or_else(|| panic!("{label} is not in docs/table-import.md"));
        for header in field.headers() {
            assert!(row.contains(header), "{label}: header {header} is not in the docs");
        }
        if field.import_only() {
            assert!(!header.contains(&label), "{label} is import only");
            continue;
        }
        let column = header.iter().position(|h| *h == label);
        assert!(column.is_some(), "{label} is not exported");
        assert_eq!(mapping.get(field), column, "{label} does not import from its export");
        let quoted = format!("\"{label}");
        assert!(page.contains(&quoted), "{label} is not on the case page");
        assert!(
            form.contains(&quoted) || set_on_the_page.contains(&field),
            "{label} is not in the form"
        );
    }
}
