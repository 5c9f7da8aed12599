//! The value-mapping step: for each named field's column (交办来源, 问题类别 …), the distinct
//! values the guess does not recognise, each of which the clerk reads as one of the field's
//! values or keeps as written (原样保留, in 备注).

use super::headers::{Layout, Mapping};
use super::reading::Table;
use super::rows::is_footer;
use super::values::{self, NAMED_FIELDS};
use crate::core::ledger::fields::Field;

/// At most this many distinct values are offered per column (a column of free text mapped to a
/// named field would otherwise list every row); the rows holding others are counted.
pub const MAX_LISTED_VALUES: usize = 40;

/// One column's unrecognised values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnValues {
    pub field: Field,
    /// The column's header as the sheet writes it.
    pub header: String,
    /// Each distinct value, how many rows hold it, and the clerk's choice (`None`: kept).
    pub values: Vec<(String, usize, Option<&'static str>)>,
    /// Rows holding values beyond the first [`MAX_LISTED_VALUES`].
    pub more: usize,
}

/// The columns with values to map, in the order of [`NAMED_FIELDS`]. A value the clerk has
/// mapped stays listed with the choice, so that it can be changed back.
pub fn unrecognised_values(table: &Table, layout: &Layout, mapping: &Mapping) -> Vec<ColumnValues> {
    let mut columns = Vec::new();
    for &field in NAMED_FIELDS {
        let Some(column) = mapping.get(field) else { continue };
        let mut found: Vec<(String, usize, Option<&'static str>)> = Vec::new();
        let mut more = 0;
        for (_, cells) in table.rows.iter().skip(layout.data_at()) {
            if is_footer(cells) {
                continue;
            }
            let cell = cells.get(column).map(|c| c.trim()).unwrap_or("");
            let marks = match field {
                Field::Flags => values::split_names(cell),
                _ if cell.is_empty() => Vec::new(),
                _ => vec![cell.to_string()],
            };
            for mark in marks {
                let choice = mapping.value(field, &mark);
                if choice.is_none() && values::recognised(field, &mark) {
                    continue;
                }
                if let Some(entry) = found.iter_mut().find(|(v, _, _)| *v == mark) {
                    entry.1 += 1;
                } else if found.len() < MAX_LISTED_VALUES {
                    found.push((mark, 1, choice));
                } else {
                    more += 1;
                }
            }
        }
        if !found.is_empty() {
            let header = layout.headers.get(column).map(|h| h.trim()).unwrap_or("").to_string();
            columns.push(ColumnValues { field, header, values: found, more });
        }
    }
    columns
}
