//! Search, filters and sort over the ledger, as the ledger table uses them.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::char_index::{self, CharIndex};
use crate::core::exchange::journal::Changes;
use crate::core::ledger::fields::Field;
use crate::core::ledger::model::{Case, Category, Flag, Status};
use crate::core::ledger::sorting::sort_positions;
use crate::core::rules::deadline::Urgency;
use crate::core::rules::procedure::Stage;
use crate::core::rules::workflow::Return;

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
    Packet,
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
        Column::Packet,
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
            Column::Packet => "结案材料",
        }
    }

    /// Whether the column sorts by its text (in pinyin order, by the UI's ranks).
    pub fn is_text(self) -> bool {
        !matches!(self, Column::Deadline | Column::Status | Column::Packet)
    }

    /// The text the column sorts by; empty for the other columns.
    pub fn text(self, case: &Case) -> &str {
        match self {
            Column::Number => &case.number,
            Column::Petitioner => &case.petitioner.name,
            Column::Summary => &case.summary,
            Column::Lead => &case.lead,
            Column::Unit => &case.responsible_unit,
            Column::Deadline | Column::Status | Column::Packet => "",
        }
    }

    fn is_empty(self, case: &Case, facts: &Facts) -> bool {
        match self {
            Column::Deadline => facts.due.is_none(),
            Column::Status | Column::Packet => false,
            _ => self.text(case).is_empty(),
        }
    }

    /// Compares two cases on this column's value; text by their `ranks` (pinyin order) when
    /// given, then by code point.
    fn compare(
        self,
        (a, fa): (&Case, &Facts),
        (b, fb): (&Case, &Facts),
        ranks: Option<(u32, u32)>,
    ) -> Ordering {
        match self {
            Column::Deadline => fa.due.cmp(&fb.due),
            Column::Status => a.status.cmp(&b.status),
            // Ready packets first, then by how many of the six items are complete.
            Column::Packet => {
                fb.ready.cmp(&fa.ready).then(fb.complete_items.cmp(&fa.complete_items))
            }
            _ => {
                let (ra, rb) = ranks.unwrap_or_default();
                ra.cmp(&rb).then_with(|| self.text(a).cmp(self.text(b)))
            }
        }
    }
}

/// The order of a text column's distinct values, as the browser's collator ranks them (the
/// core knows no pinyin): values not ranked sort after the ranked ones, by code point.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ranks(pub std::collections::HashMap<String, u32>);

impl Ranks {
    fn of(&self, text: &str) -> u32 {
        self.0.get(text).copied().unwrap_or(u32::MAX)
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
            Some(order) if order.column == column => {
                SortOrder { column, descending: !order.descending }
            }
            _ => SortOrder { column, descending: false },
        }
    }
}

/// What the table knows of a case beyond its fields: worked out once per change of the ledger.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The effective 办结时限 (campaign rule or set by hand, with approved extension).
    pub due: Option<NaiveDate>,
    pub urgency: Urgency,
    /// The closure check passes (可以上报).
    pub ready: bool,
    pub complete_items: usize,
    /// How many items the ledger's standard has (六有 6, 七个一 7, 结案报告三要件 3).
    pub total_items: usize,
    /// The case's stage under 《信访工作条例》 and where its running limit stands (core::rules::procedure).
    pub stage: Stage,
    pub stage_urgency: Urgency,
    /// The reviewer's 退回补办, while the case has not been submitted again.
    pub returned: Option<Return>,
}

impl Facts {
    /// The packet's state as the table shows it, one meaning per word: 可以上报 (the check
    /// passes), 退回补办 (who sent it back, when and why), else 材料 n/m 齐全.
    pub fn packet_label(&self) -> String {
        match (self.ready, &self.returned) {
            (true, _) => "可以上报".into(),
            (false, Some(returned)) => returned.describe(),
            (false, None) => format!("材料 {}/{} 齐全", self.complete_items, self.total_items),
        }
    }
}

chinese_enum! {
    /// The time-limit filter.
    DueFilter {
        Overdue => "已逾期",
        DueSoon => "7日内到期",
    }
}

chinese_enum! {
    /// The closure-check filter.
    PacketFilter {
        Ready => "可以上报",
        NeedsMore => "材料未齐全",
    }
}

/// The table's filters, like Excel's column filters: each set one narrows the rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub status: Option<Status>,
    /// 责任单位; an empty string selects cases without one.
    pub unit: Option<String>,
    pub lead: Option<String>,
    pub category: Option<Category>,
    pub flag: Option<Flag>,
    pub due: Option<DueFilter>,
    pub packet: Option<PacketFilter>,
}

/// Which filter, so that one can be cleared on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKey {
    Status,
    Unit,
    Lead,
    Category,
    Flag,
    Due,
    Packet,
}

/// A name as filters show it: empty is "（未填写）".
pub fn or_unfilled(name: &str) -> &str {
    if name.trim().is_empty() {
        "（未填写）"
    } else {
        name.trim()
    }
}

impl Filter {
    pub fn matches(&self, case: &Case, facts: &Facts) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_ref().is_none_or(|w| w.trim() == have.trim())
        };
        self.status.is_none_or(|s| case.status == s)
            && same(&self.unit, &case.responsible_unit)
            && same(&self.lead, &case.lead)
            && self.category.is_none_or(|c| case.category == Some(c))
            && self.flag.is_none_or(|f| case.has_flag(f))
            && self.due.is_none_or(|d| match d {
                DueFilter::Overdue => super::stats::is_overdue(facts.urgency),
                DueFilter::DueSoon => super::stats::is_due_soon(facts.urgency),
            })
            && self.packet.is_none_or(|p| (p == PacketFilter::Ready) == facts.ready)
    }

    /// The filters in force, each as "名称：值", for the chips above the table.
    pub fn active(&self) -> Vec<(FilterKey, String)> {
        let mut active = Vec::new();
        let mut add = |key, name: &str, value: Option<&str>| {
            if let Some(value) = value {
                active.push((key, format!("{name}：{value}")));
            }
        };
        add(FilterKey::Status, "状态", self.status.map(|s| s.label()));
        add(FilterKey::Unit, "责任单位", self.unit.as_deref().map(or_unfilled));
        add(FilterKey::Lead, "包案领导", self.lead.as_deref().map(or_unfilled));
        add(FilterKey::Category, "类别", self.category.map(|c| c.label()));
        add(FilterKey::Flag, "特征", self.flag.map(|f| f.label()));
        add(FilterKey::Due, "时限", self.due.map(|d| d.label()));
        add(FilterKey::Packet, "结案材料", self.packet.map(|p| p.label()));
        active
    }

    pub fn clear(&mut self, key: FilterKey) {
        match key {
            FilterKey::Status => self.status = None,
            FilterKey::Unit => self.unit = None,
            FilterKey::Lead => self.lead = None,
            FilterKey::Category => self.category = None,
            FilterKey::Flag => self.flag = None,
            FilterKey::Due => self.due = None,
            FilterKey::Packet => self.packet = None,
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
    for field in Field::ALL.iter().filter(|f| f.spec().searched) {
        match field {
            // The log's texts; its dates are not what a clerk searches for.
            Field::Progress => case.progress.iter().for_each(|e| push(&e.text)),
            field => push(&field.show(case)),
        }
    }
    // Only ASCII has case in a Chinese ledger; full Unicode lower-casing cost ~40 ms at open for
    // 2,000 cases (bench) and changed nothing.
    text.make_ascii_lowercase();
    text
}

/// A search box query: every space-separated term must occur somewhere in the case.
struct Search {
    terms: Vec<String>,
}

impl Search {
    fn new(query: &str) -> Search {
        // Full-width spaces (U+3000) separate terms too: Chinese input methods type them.
        Search { terms: query.split_whitespace().map(str::to_ascii_lowercase).collect() }
    }

    fn matches(&self, text: &str) -> bool {
        self.terms.iter().all(|term| text.contains(term.as_str()))
    }
}

/// The search text of every case, built once per change of the ledger so that a keystroke in
/// the search box only scans it. It can be built in slices ([`SearchIndex::extend`]), off the
/// clerk's clicks; a case it does not cover yet is searched directly.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    /// The search texts of the first cases of the ledger, in its order.
    texts: Vec<String>,
    /// The cases holding each character of those texts.
    chars: CharIndex,
}

impl SearchIndex {
    pub fn new(cases: &[Case]) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.extend(cases, cases.len());
        index
    }

    /// Adds the texts of up to `count` more of `cases` (the ledger it is being built from);
    /// says whether it now covers all of them.
    pub fn extend(&mut self, cases: &[Case], count: usize) -> bool {
        for case in cases.iter().skip(self.texts.len()).take(count) {
            let text = search_text(case);
            self.chars.push(&text);
            self.texts.push(text);
        }
        self.texts.len() >= cases.len()
    }

    /// Whether indexed case `i` matches `search`; `None` if it is not indexed yet.
    fn matcher<'a>(&'a self, search: &'a Search) -> impl Fn(usize) -> Option<bool> + 'a {
        let candidates = search
            .terms
            .iter()
            .filter_map(|term| self.chars.candidates(term))
            .reduce(|a, b| char_index::both(a, &b));
        move |i| {
            let text = self.texts.get(i)?;
            let candidate = candidates.as_ref().is_none_or(|c| char_index::holds(c, i));
            Some(candidate && search.matches(text))
        }
    }

    /// How many of the indexed cases match `query`.
    pub fn count(&self, query: &str) -> usize {
        let search = Search::new(query);
        let matches = self.matcher(&search);
        (0..self.texts.len()).filter(|&i| matches(i) == Some(true)).count()
    }

    /// Positions in `cases` (the ledger the index was built from, with `facts` in the same
    /// order) of the cases matching `query` and `filter`, in `order` (ledger order if none).
    pub fn rows(
        &self,
        cases: &[Case],
        facts: &[Facts],
        query: &str,
        filter: &Filter,
        order: Option<SortOrder>,
        rank: Option<&Ranks>,
    ) -> Vec<usize> {
        let search = Search::new(query);
        let matches = self.matcher(&search);
        sorted_rows(cases, facts, filter, order, rank, |i| {
            matches(i).unwrap_or_else(|| search.matches(&search_text(&cases[i])))
        })
    }
}

/// The rows when nothing is searched for: no search index is needed, so none is built when the
/// ledger opens.
pub fn unsearched_rows(
    cases: &[Case],
    facts: &[Facts],
    filter: &Filter,
    order: Option<SortOrder>,
    rank: Option<&Ranks>,
) -> Vec<usize> {
    sorted_rows(cases, facts, filter, order, rank, |_| true)
}

fn sorted_rows(
    cases: &[Case],
    facts: &[Facts],
    filter: &Filter,
    order: Option<SortOrder>,
    rank: Option<&Ranks>,
    found: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut rows: Vec<usize> =
        (0..cases.len()).filter(|&i| filter.matches(&cases[i], &facts[i]) && found(i)).collect();
    if let Some(order) = order {
        let column = order.column;
        // Each case's rank is looked up once, not in every comparison (bench: hashing the texts
        // in the comparisons took most of a 5,000-case sort).
        let ranked: Option<Vec<u32>> = rank
            .filter(|_| column.is_text())
            .map(|rank| cases.iter().map(|c| rank.of(column.text(c))).collect());
        // Empty cells go last whichever the direction, as a clerk looks for the filled ones.
        sort_positions(&mut rows, &mut |a, b| {
            let ranks = ranked.as_ref().map(|r| (r[a], r[b]));
            let (a, b) = ((&cases[a], &facts[a]), (&cases[b], &facts[b]));
            let value = column.compare(a, b, ranks);
            let value = if order.descending { value.reverse() } else { value };
            column.is_empty(a.0, a.1).cmp(&column.is_empty(b.0, b.1)).then(value)
        });
    }
    rows
}

/// The facts of `cases`, worked out again only where needed after an edit (bench: all of them
/// took ~100 ms of going back to a 5,000-case table). `before` holds the facts of the cases with
/// the ids `before_ids`, in order (the ledger when they were last worked out), and `changed` what
/// changed since. A case at the same place with the same id that did not change keeps its facts;
/// every other case gets `fact(case)`.
pub fn refresh_facts(
    before: Vec<Facts>,
    before_ids: &[String],
    cases: &[Case],
    changed: &Changes,
    mut fact: impl FnMut(&Case) -> Facts,
) -> Vec<Facts> {
    let mut kept =
        before.into_iter().zip(before_ids).take(if changed.all { 0 } else { usize::MAX });
    cases
        .iter()
        .map(|case| match kept.next() {
            Some((facts, id)) if *id == case.id && !changed.cases.contains(id) => facts,
            _ => fact(case),
        })
        .collect()
}

#[cfg(test)]
impl Facts {
    /// For tests: a case in handling, 2 of 6 items complete, with `due` and `urgency` as given.
    pub(crate) fn handling(due: Option<NaiveDate>, urgency: Urgency) -> Facts {
        Facts {
            due,
            urgency,
            ready: false,
            complete_items: 2,
            total_items: 6,
            stage: Stage::Handling,
            stage_urgency: Urgency::OnTrack,
            returned: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::campaign::Campaign;
    use crate::core::ledger::model::{Petitioner, ProgressEntry};

    fn facts(cases: &[Case]) -> Vec<Facts> {
        let campaign = Campaign::default();
        let today = "2026-05-01".parse().unwrap();
        cases
            .iter()
            .map(|c| Facts {
                ready: c.number == "JA-003",
                complete_items: c.progress.len(),
                ..Facts::handling(campaign.due(c), campaign.urgency(c, today))
            })
            .collect()
    }

    fn visible_rows<'a>(cases: &'a [Case], query: &str, order: Option<SortOrder>) -> Vec<&'a Case> {
        filtered(cases, query, &Filter::default(), order)
    }

    fn filtered<'a>(
        cases: &'a [Case],
        query: &str,
        filter: &Filter,
        order: Option<SortOrder>,
    ) -> Vec<&'a Case> {
        let rows = SearchIndex::new(cases).rows(cases, &facts(cases), query, filter, order, None);
        if query.trim().is_empty() {
            assert_eq!(
                rows,
                unsearched_rows(cases, &facts(cases), filter, order, None),
                "no search, same rows without the index"
            );
        }
        rows.into_iter().map(|i| &cases[i]).collect()
    }

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
        c[1].progress
            .push(ProgressEntry {
                date: "2026-05-01".parse().unwrap(), text: "召开听证会".into()
            });
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
    fn an_index_built_in_slices_finds_what_a_whole_one_finds_at_every_point() {
        let cases = sample();
        let facts = facts(&cases);
        let whole = SearchIndex::new(&cases);
        let mut partial = SearchIndex::default();
        for built in 0..=cases.len() {
            for query in ["听证", "li ming", "征地", "王五 征地", "不存在"] {
                assert_eq!(
                    partial.rows(&cases, &facts, query, &Filter::default(), None, None),
                    whole.rows(&cases, &facts, query, &Filter::default(), None, None),
                    "{query} with {built} of {} cases indexed",
                    cases.len()
                );
            }
            assert_eq!(partial.extend(&cases, 1), built + 1 >= cases.len());
        }
        assert_eq!(partial, whole);
        assert_eq!(whole.count("征地"), 3);
        assert_eq!(whole.count("li ming"), 1);
        assert!(partial.extend(&cases, 1), "a complete index stays complete");
        assert_eq!(partial, whole);
    }

    #[test]
    fn facts_are_worked_out_again_for_changed_moved_and_new_cases_only() {
        let mut cases = sample();
        let ids = |cases: &[Case]| cases.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        // Facts that say which case they were worked out for, and when.
        let stamp = |round: usize| {
            move |case: &Case| Facts {
                complete_items: round,
                ..facts(std::slice::from_ref(case))[0].clone()
            }
        };
        let rounds = |facts: &[Facts]| facts.iter().map(|f| f.complete_items).collect::<Vec<_>>();
        let first = refresh_facts(vec![], &[], &cases, &Changes::default(), stamp(1));
        assert_eq!(rounds(&first), [1, 1, 1]);

        let before = ids(&cases);
        cases[1].summary = "改过的诉求".into();
        let mut changed = Changes::default();
        changed.case(&cases[1].id);
        let edited = refresh_facts(first.clone(), &before, &cases, &changed, stamp(2));
        assert_eq!(rounds(&edited), [1, 2, 1], "only the changed case");

        let before = ids(&cases);
        cases.push(case("JA-004", "赵六", None, Status::Registered));
        let added = refresh_facts(edited.clone(), &before, &cases, &Changes::default(), stamp(3));
        assert_eq!(rounds(&added), [1, 2, 1, 3], "a new case at the end");

        let before = ids(&cases);
        cases.remove(0);
        let removed = refresh_facts(added, &before, &cases, &Changes::default(), stamp(4));
        assert_eq!(rounds(&removed), [4, 4, 4], "the cases that moved up");

        let before = ids(&cases);
        let mut all = Changes::default();
        all.everything();
        assert_eq!(rounds(&refresh_facts(removed, &before, &cases, &all, stamp(5))), [5, 5, 5]);
        assert_eq!(
            refresh_facts(edited, &ids(&sample()), &sample(), &Changes::default(), stamp(6)),
            first
                .iter()
                .zip([1, 2, 1])
                .map(|(f, n)| Facts { complete_items: n, ..f.clone() })
                .collect::<Vec<_>>(),
            "kept facts are the very ones given"
        );
    }

    #[test]
    fn sort_by_column_keeps_empty_values_last_in_both_directions() {
        let cases = sample();
        let asc = SortOrder { column: Column::Deadline, descending: false };
        assert_eq!(numbers(&visible_rows(&cases, "", Some(asc))), ["JA-002", "JA-003", "JA-001"]);
        let by_name = SortOrder { column: Column::Petitioner, descending: false };
        assert_eq!(
            numbers(&visible_rows(&cases, "", Some(by_name))),
            ["JA-001", "JA-003", "JA-002"]
        );
        let desc = SortOrder { column: Column::Deadline, descending: true };
        assert_eq!(numbers(&visible_rows(&cases, "", Some(desc))), ["JA-003", "JA-002", "JA-001"]);
        let by_status = SortOrder { column: Column::Status, descending: true };
        assert_eq!(
            numbers(&visible_rows(&cases, "", Some(by_status))),
            ["JA-003", "JA-001", "JA-002"]
        );
    }

    #[test]
    fn filters_narrow_together_and_describe_themselves() {
        let mut cases = sample();
        cases[0].responsible_unit = "县人社局".into();
        cases[1].responsible_unit = "县人社局".into();
        cases[1].category = Some(Category::LabourSecurity);
        cases[1].flags = vec![Flag::Repeated];
        let by_unit = Filter { unit: Some("县人社局".into()), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &by_unit, None)), ["JA-003", "JA-001"]);
        let unfilled = Filter { unit: Some(String::new()), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &unfilled, None)), ["JA-002"]);
        let mut both = Filter {
            status: Some(Status::InProgress),
            flag: Some(Flag::Repeated),
            ..by_unit.clone()
        };
        assert_eq!(numbers(&filtered(&cases, "", &both, None)), ["JA-001"]);
        assert!(filtered(&cases, "王五", &both, None).is_empty(), "search and filters combine");
        assert_eq!(
            both.active().into_iter().map(|(_, t)| t).collect::<Vec<_>>(),
            ["状态：化解中", "责任单位：县人社局", "特征：重复访"]
        );
        both.clear(FilterKey::Status);
        both.clear(FilterKey::Flag);
        assert_eq!(both, by_unit);
        let category = Filter { category: Some(Category::LabourSecurity), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &category, None)), ["JA-001"]);
        let ready = Filter { packet: Some(PacketFilter::Ready), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &ready, None)), ["JA-003"]);
        let more = Filter { packet: Some(PacketFilter::NeedsMore), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &more, None)), ["JA-001", "JA-002"]);
    }

    #[test]
    fn the_time_limit_filter_uses_the_campaign_rule() {
        let mut cases = sample();
        // Today is 2026-05-01 in `facts`; 90-day rule.
        cases[1].assigned_on = Some("2026-01-15".parse().unwrap()); // due 04-15: overdue
        cases[2].deadline = Some("2026-05-05".parse().unwrap()); // due in 4 days
        let overdue = Filter { due: Some(DueFilter::Overdue), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &overdue, None)), ["JA-001"]);
        let soon = Filter { due: Some(DueFilter::DueSoon), ..Filter::default() };
        assert_eq!(numbers(&filtered(&cases, "", &soon, None)), ["JA-002"]);
        // JA-003 is closed: never overdue, though its limit has passed.
        let by_due = SortOrder { column: Column::Deadline, descending: false };
        assert_eq!(
            numbers(&visible_rows(&cases, "", Some(by_due))),
            ["JA-001", "JA-002", "JA-003"]
        );
        let by_packet = SortOrder { column: Column::Packet, descending: false };
        assert_eq!(
            numbers(&visible_rows(&cases, "", Some(by_packet))),
            ["JA-003", "JA-001", "JA-002"]
        );
    }

    #[test]
    fn text_columns_sort_by_the_collators_ranks() {
        // 于 (yú), 任 (rèn), 何 (hé) by code point are 于 < 任 < 何; by pinyin 何 < 任 < 于.
        let cases = vec![
            case("1", "于洋", None, Status::Assigned),
            case("2", "任平", None, Status::Assigned),
            case("3", "何军", None, Status::Assigned),
        ];
        let order = Some(SortOrder { column: Column::Petitioner, descending: false });
        let by_code = unsearched_rows(&cases, &facts(&cases), &Filter::default(), order, None);
        assert_eq!(by_code, [0, 1, 2]);
        let ranks =
            Ranks([("何军", 0), ("任平", 1), ("于洋", 2)].map(|(n, r)| (n.to_string(), r)).into());
        let by_pinyin =
            unsearched_rows(&cases, &facts(&cases), &Filter::default(), order, Some(&ranks));
        assert_eq!(by_pinyin, [2, 1, 0]);
        assert!(Column::Petitioner.is_text() && !Column::Deadline.is_text());
    }

    #[test]
    fn the_packet_label_says_one_thing_per_word() {
        let mut f = Facts::handling(None, Urgency::NoDeadline);
        assert_eq!(f.packet_label(), "材料 2/6 齐全");
        f.returned = Some(Return {
            on: "2026-11-03".parse().unwrap(),
            reviewer: "张三".into(),
            reason: "缺送达回证".into(),
        });
        assert_eq!(f.packet_label(), "退回补办（张三 2026年11月3日退回：缺送达回证）");
        f.ready = true;
        assert_eq!(f.packet_label(), "可以上报");
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
