//! Importing an existing 台账 kept in Excel: a CSV or XLSX file becomes tables of cell texts
//! ([`reading`]), the sheet holding the ledger and its header are found and the columns matched
//! to ledger fields by the names offices write ([`headers`]; the clerk can correct the match),
//! and each row becomes a [`Case`], a row error naming the row and column, or a skipped footer
//! ([`rows`], reading cells with [`values`]).
//!
//! Choices: an unknown value in an optional column never refuses a row; it is kept as written
//! in the case's 备注 and listed per column. An impossible date or a second 包案领导 does refuse
//! the row, so that the clerk fixes it in the sheet (the error rows download as CSV). Cases
//! whose 案件编号 the ledger already holds are skipped and listed — a full merge is what the
//! JSON import offers.

pub mod headers;
pub mod reading;
pub mod rows;
pub mod values;

use std::collections::HashMap;

pub use crate::core::ledger::fields::ImportField;
use crate::core::ledger::model::Ledger;
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
/// cells as they were, Excel date serials written as dates. The clerk fixes the cells named and
/// imports the file again; the rows imported before are then skipped.
pub fn error_rows_csv(
    table: &Table,
    layout: &Layout,
    mapping: &Mapping,
    errors: &[RowError],
) -> String {
    let width = table.width();
    let date_columns: Vec<usize> = [
        ImportField::AssignedOn,
        ImportField::RegisteredOn,
        ImportField::Deadline,
        ImportField::ClosedOn,
    ]
    .iter()
    .filter_map(|f| mapping.get(*f))
    .collect();
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
    let mut header: Vec<String> =
        (0..width).map(|c| layout.headers.get(c).cloned().unwrap_or_default()).collect();
    header.extend(["原行号".to_string(), "错误原因".to_string()]);
    let mut records = vec![header];
    for error in errors {
        if let Some(row) = by_row.get(&error.row) {
            let mut record = cells(row);
            record.extend([error.row.to_string(), error.reason.clone()]);
            records.push(record);
        }
    }
    super::table_export::excel_csv(&records)
}

/// What confirming an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    /// 案件编号 already in the ledger, not added.
    pub skipped: Vec<String>,
}

/// Adds the planned cases, each with a fresh id; numbers the ledger holds by now are skipped.
pub fn apply(ledger: &mut Ledger, plan: ImportPlan, mut new_id: impl FnMut() -> String) -> Applied {
    let mut applied = Applied {
        skipped: plan.existing.into_iter().map(|(_, n)| n).collect(),
        ..Applied::default()
    };
    for (_, mut case) in plan.cases {
        if ledger.number_taken(&case.number, "") {
            applied.skipped.push(case.number);
            continue;
        }
        case.id = new_id();
        ledger.cases.push(case);
        applied.added += 1;
    }
    applied
}

#[cfg(test)]
mod tests;
