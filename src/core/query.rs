//! Search and sort over the ledger, as the ledger table uses them.

use std::cmp::Ordering;

use super::model::Case;

/// A column of the ledger table that can be sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Number,
    Petitioner,
    Summary,
    Lead,
    Unit,
    Deadline,
    Status,
}

impl Column {
    pub const ALL: &'static [Column] = &[
        Column::Number,
        Column::Petitioner,
        Column::Summary,
        Column::Lead,
        Column::Unit,
        Column::Deadline,
        Column::Status,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Number => "编号",
            Column::Petitioner => "信访人",
            Column::Summary => "诉求摘要",
            Column::Lead => "包案领导",
            Column::Unit => "责任单位",
            Column::Deadline => "办结时限",
            Column::Status => "状态",
        }
    }

    fn text(self, case: &Case) -> &str {
        match self {
            Column::Number => &case.number,
            Column::Petitioner => &case.petitioner.name,
            Column::Summary => &case.summary,
            Column::Lead => &case.lead,
            Column::Unit => &case.responsible_unit,
            Column::Deadline | Column::Status => "",
        }
    }

    fn is_empty(self, case: &Case) -> bool {
        match self {
            Column::Deadline => case.deadline.is_none(),
            Column::Status => false,
            _ => self.text(case).is_empty(),
        }
    }

    /// Compares two cases on this column's value.
    fn compare(self, a: &Case, b: &Case) -> Ordering {
        match self {
            Column::Deadline => a.deadline.cmp(&b.deadline),
            Column::Status => a.status.cmp(&b.status),
            _ => self.text(a).cmp(self.text(b)),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortOrder {
    pub column: Column,
    pub descending: bool,
}

impl SortOrder {
    /// The order after the user clicks `column`: a new column sorts ascending, the same column
    /// flips direction.
    pub fn clicked(current: Option<SortOrder>, column: Column) -> SortOrder {
        match current {
            Some(order) if order.column == column => SortOrder { column, descending: !order.descending },
            _ => SortOrder { column, descending: false },
        }
    }
}

/// Every text a clerk might search for in a case, lower-cased, in one string.
pub fn search_text(case: &Case) -> String {
    let mut text = String::new();
    let mut push = |s: &str| {
        text.push_str(s);
        text.push('\n');
    };
    push(&case.number);
    push(case.source.map(|s| s.label()).unwrap_or_default());
    push(&case.assignment_ref);
    push(&case.petitioner.name);
    push(&case.petitioner.contact);
    push(&case.petitioner.residence);
    push(&case.summary);
    push(case.category.map(|c| c.label()).unwrap_or_default());
    for flag in &case.flags {
        push(flag.label());
    }
    push(&case.lead);
    push(&case.responsible_unit);
    for unit in &case.assisting_units {
        push(unit);
    }
    push(&case.handler);
    push(&case.stability_owner);
    push(&case.plan);
    push(case.status.label());
    for date in [case.assigned_on, case.registered_on, case.deadline].into_iter().flatten() {
        push(&date.format("%Y-%m-%d").to_string());
    }
    for entry in &case.progress {
        push(&entry.text);
    }
    text.to_lowercase()
}

/// A search box query: every space-separated term must occur somewhere in the case.
struct Search {
    terms: Vec<String>,
}

impl Search {
    fn new(query: &str) -> Search {
        // Full-width spaces (U+3000) separate terms too: Chinese input methods type them.
        Search { terms: query.split_whitespace().map(str::to_lowercase).collect() }
    }

    fn matches(&self, text: &str) -> bool {
        self.terms.iter().all(|term| text.contains(term.as_str()))
    }
}

/// The search text of every case, built once per change of the ledger so that a keystroke in
/// the search box only scans it.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchIndex {
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn new(cases: &[Case]) -> SearchIndex {
        SearchIndex { texts: cases.iter().map(search_text).collect() }
    }

    /// Positions in `cases` (the ledger the index was built from) of the cases matching `query`,
    /// in `order` (ledger order if none).
    pub fn rows(&self, cases: &[Case], query: &str, order: Option<SortOrder>) -> Vec<usize> {
        let search = Search::new(query);
        let mut rows: Vec<usize> = (0..cases.len()).filter(|&i| search.matches(&self.texts[i])).collect();
        if let Some(order) = order {
            let column = order.column;
            // Empty cells go last whichever the direction, as a clerk looks for the filled ones.
            rows.sort_by(|&a, &b| {
                let (a, b) = (&cases[a], &cases[b]);
                let value = column.compare(a, b);
                let value = if order.descending { value.reverse() } else { value };
                column.is_empty(a).cmp(&column.is_empty(b)).then(value)
            });
        }
        rows
    }
}

/// The rows of the ledger table: the cases matching `query`, in `order` (ledger order if none).
pub fn visible_rows<'a>(cases: &'a [Case], query: &str, order: Option<SortOrder>) -> Vec<&'a Case> {
    SearchIndex::new(cases).rows(cases, query, order).into_iter().map(|i| &cases[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Petitioner, ProgressEntry, Status};

    fn case(number: &str, name: &str, deadline: Option<&str>, status: Status) -> Case {
        Case {
            id: number.into(),
            number: number.into(),
            petitioner: Petitioner { name: name.into(), ..Petitioner::default() },
            summary: format!("{name}反映征地补偿问题"),
            deadline: deadline.map(|d| d.parse().unwrap()),
            status,
            ..Case::default()
        }
    }

    fn numbers(rows: &[&Case]) -> Vec<String> {
        rows.iter().map(|c| c.number.clone()).collect()
    }

    fn sample() -> Vec<Case> {
        let mut c = vec![
            case("JA-003", "王五", Some("2026-06-01"), Status::Closed),
            case("JA-001", "张三", None, Status::InProgress),
            case("JA-002", "", Some("2026-04-01"), Status::Registered),
        ];
        c[1].progress.push(ProgressEntry { date: "2026-05-01".parse().unwrap(), text: "召开听证会".into() });
        c[0].lead = "Li Ming".into();
        c
    }

    #[test]
    fn search_covers_all_text_and_needs_every_term() {
        let cases = sample();
        assert_eq!(numbers(&visible_rows(&cases, "听证", None)), ["JA-001"]);
        assert_eq!(numbers(&visible_rows(&cases, "征地\u{3000}王五", None)), ["JA-003"]);
        assert_eq!(numbers(&visible_rows(&cases, "li MING", None)), ["JA-003"]);
        assert_eq!(numbers(&visible_rows(&cases, "2026-04-01", None)), ["JA-002"]);
        assert_eq!(visible_rows(&cases, "  ", None).len(), 3);
        assert!(visible_rows(&cases, "张三 听证 不存在", None).is_empty());
    }

    #[test]
    fn sort_by_column_keeps_empty_values_last_in_both_directions() {
        let cases = sample();
        let asc = SortOrder { column: Column::Deadline, descending: false };
        assert_eq!(numbers(&visible_rows(&cases, "", Some(asc))), ["JA-002", "JA-003", "JA-001"]);
        let by_name = SortOrder { column: Column::Petitioner, descending: false };
        assert_eq!(numbers(&visible_rows(&cases, "", Some(by_name))), ["JA-001", "JA-003", "JA-002"]);
        let desc = SortOrder { column: Column::Deadline, descending: true };
        assert_eq!(numbers(&visible_rows(&cases, "", Some(desc))), ["JA-003", "JA-002", "JA-001"]);
        let by_status = SortOrder { column: Column::Status, descending: true };
        assert_eq!(numbers(&visible_rows(&cases, "", Some(by_status))), ["JA-003", "JA-001", "JA-002"]);
    }

    #[test]
    fn clicking_a_column_twice_flips_direction() {
        let first = SortOrder::clicked(None, Column::Number);
        assert!(!first.descending);
        let second = SortOrder::clicked(Some(first), Column::Number);
        assert!(second.descending);
        let other = SortOrder::clicked(Some(second), Column::Lead);
        assert_eq!(other, SortOrder { column: Column::Lead, descending: false });
    }
}
