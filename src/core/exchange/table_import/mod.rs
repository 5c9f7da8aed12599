//! Importing an existing 台账 kept in Excel: a CSV or XLSX file becomes tables of cell texts
//! ([`reading`]), the sheet holding the ledger and its header are found and the columns matched
//! to ledger fields by the names offices write ([`headers`]; the clerk can correct the match),
//! and each row becomes a [`Case`], a row error naming the row and column, or a skipped footer
//! ([`rows`], reading cells with [`values`]).
//!
//! Choices: an unknown value in an optional column never refuses a row; the clerk may read it
//! as one of the field's values ([`choices`]), else it is kept as written in the case's 备注 and
//! listed per column. An impossible date or a second 包案领导 does refuse the row, so that the
//! clerk fixes it in the sheet (the error rows download as CSV). A row whose 案件编号 the ledger
//! already holds updates that case through the merge preview ([`incoming`]). The mapping a
//! clerk corrected is remembered for the next file with the same headers ([`memory`]).

pub mod choices;
pub mod headers;
pub mod memory;
pub mod reading;
pub mod rows;
pub mod values;

use std::collections::HashMap;

pub use crate::core::ledger::fields::Field;
use crate::core::ledger::model::{Case, Ledger};
pub use choices::{unrecognised_values, ColumnValues};
pub use headers::{guess_layout, guess_mapping, guess_sheet, layout_at, Layout, Mapping};
pub use reading::{
    detect_encoding, file_kind, read_csv, read_xlsx, FileKind, Table, TextEncoding, MAX_FILE_BYTES,
};
pub use rows::{plan_import, Context, ImportPlan, RowError};
use values::DateCell;

/// At most this many row errors are listed; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 200;

/// The rows that were not imported, as CSV for Excel (UTF-8 with BOM): the header (one row, a
/// two-row header joined) with two more columns 「原行号」 and 「错误原因」, then each bad row's
/// cells as they were, Excel date serials written as dates. When the 案件编号 were generated, a
/// first column 案件编号 holds them, so that the rows come back under the same numbers. The clerk
/// fixes the cells named and imports the file again.
pub fn error_rows_csv(
    table: &Table,
    layout: &Layout,
    mapping: &Mapping,
    errors: &[RowError],
) -> String {
    let width = table.width();
    let date_columns: Vec<usize> =
        Field::ALL.iter().filter(|f| f.is_date()).filter_map(|f| mapping.get(*f)).collect();
    let numbered = mapping.get(Field::Number).is_none();
    let cells = |cells: &[String]| -> Vec<String> {
        (0..width)
            .map(|c| {
                let text = cells.get(c).cloned().unwrap_or_default();
                match values::parse_cell_date(&text, table.serial_dates) {
                    Ok(DateCell::Date(date))
                        if date_columns.contains(&c) && table.serial_dates.is_some() =>
                    {
                        crate::core::ledger::text::date_text(Some(date))
                    }
                    _ => text,
                }
            })
            .collect()
    };
    let by_row: HashMap<usize, &Vec<String>> = table.rows.iter().map(|(n, c)| (*n, c)).collect();
    let number_column = |number: &str| numbered.then(|| number.to_string());
    let mut header: Vec<String> = number_column(Field::Number.label()).into_iter().collect();
    header.extend((0..width).map(|c| layout.headers.get(c).cloned().unwrap_or_default()));
    header.extend(["原行号".to_string(), "错误原因".to_string()]);
    let mut records = vec![header];
    for error in errors {
        if let Some(row) = by_row.get(&error.row) {
            let mut record: Vec<String> = number_column(&error.number).into_iter().collect();
            record.extend(cells(row));
            record.extend([error.row.to_string(), error.reason.clone()]);
            records.push(record);
        }
    }
    super::table_export::excel_csv(&records)
}

/// Adds the planned cases, each with a fresh id: an import without updates. Returns how many
/// were added; a number the ledger holds by now (another tab) is skipped and returned.
pub fn apply(
    ledger: &mut Ledger,
    plan: ImportPlan,
    mut new_id: impl FnMut() -> String,
) -> (usize, Vec<String>) {
    let (mut added, mut skipped) = (0, Vec::new());
    for (_, mut case) in plan.cases {
        if ledger.number_taken(&case.number, "") {
            skipped.push(case.number);
            continue;
        }
        case.id = new_id();
        ledger.cases.push(case);
        added += 1;
    }
    (added, skipped)
}

/// The sheet as a ledger file to merge: the new cases with fresh ids and the updated ones with
/// their ids, under this ledger's settings (so that the merge keeps them without remark).
pub fn incoming(current: &Ledger, plan: ImportPlan, mut new_id: impl FnMut() -> String) -> Ledger {
    let mut cases: Vec<Case> = plan
        .cases
        .into_iter()
        .map(|(_, mut case)| {
            case.id = new_id();
            case
        })
        .collect();
    cases.extend(plan.updates.into_iter().map(|(_, case)| case));
    Ledger { cases, standard: current.standard.clone(), campaign: current.campaign.clone() }
}

#[cfg(test)]
mod tests;
