//! What the clerk reads from a ledger: the table's search, filters and order (query; the cases
//! holding each character, char_index), the counts of 统计 (stats), the monthly report (report),
//! the printed ledger (print) and the rows of the table in view (window).

pub mod char_index;
#[cfg(test)]
mod plain_errors;
pub mod print;
pub mod query;
pub mod report;
pub mod stats;
pub mod window;
