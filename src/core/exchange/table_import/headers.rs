//! Finding the header of a sheet as offices lay it out — title and 填报单位 lines above it, a
//! second header row under merged group titles (包案领导 over 姓名 / 职务) — and matching its
//! columns to ledger fields by the names offices write.

use super::reading::Table;
use crate::core::ledger::fields::Field;

/// The header is looked for among this many first rows (title and 填报 lines come first).
const HEADER_SEARCH_ROWS: usize = 15;
/// A header naming fewer fields is no ledger's header.
pub const MIN_NAMED: usize = 2;
/// Words that stand under a group title in a second header row.
const SUB_HEADERS: &[&str] = &[
    "姓名",
    "职务",
    "职级",
    "单位",
    "电话",
    "联系电话",
    "联系方式",
    "手机",
    "身份证号",
    "住址",
    "地址",
    "时间",
    "日期",
    "名称",
    "人数",
    "内容",
    "结果",
    "情况",
    "意见",
    "主办",
    "协办",
];

/// A header text without spaces, `*`/`★` marks, a trailing colon or bracketed notes.
pub fn normalise_header(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1i32).max(0),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | '＊' | '★' | ':' | '：') => {}
            c => out.push(c),
        }
    }
    out
}

/// How well a header names a field: the label or a known header exactly, then one the header
/// ends with (信访人住址 is an address), then one it contains; longer and earlier names first.
fn header_score(header: &str, field: Field) -> Option<(u8, usize, usize)> {
    let header = normalise_header(header);
    if header.is_empty() {
        return None;
    }
    let names = std::iter::once(field.label()).chain(field.headers().iter().copied());
    let count = field.headers().len() + 1;
    names
        .enumerate()
        .filter_map(|(i, name)| {
            let name = normalise_header(name);
            let length = name.chars().count();
            let kind = if header == name {
                3
            } else if length >= 2 && header.ends_with(&name) {
                2
            } else if length >= 2 && header.contains(&name) {
                1
            } else {
                return None;
            };
            Some((kind, length, count - i))
        })
        .max()
}

fn names_a_field(header: &str) -> bool {
    Field::ALL.iter().any(|f| header_score(header, *f).is_some())
}

/// Where the header is and what each column is called.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Index into `table.rows` of the (first) header row.
    pub header_at: usize,
    /// 2 when a sub-header row stands under it.
    pub header_rows: usize,
    /// Each column's header, a group title joined to its sub-header (包案领导姓名).
    pub headers: Vec<String>,
    /// How many columns name a field: how sure the guess is.
    pub named: usize,
}

impl Layout {
    /// Index into `table.rows` of the first data row.
    pub fn data_at(&self) -> usize {
        self.header_at + self.header_rows
    }
}

/// The number of distinct cells of a row that name a field (a merged title row repeats one text).
fn named_count(cells: &[String]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for cell in cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !seen.contains(&cell) && names_a_field(cell) {
            seen.push(cell);
        }
    }
    seen.len()
}

/// A row under the header that holds only sub-headers (姓名, 职务 …), no data.
fn is_sub_header(cells: &[String]) -> bool {
    let mut texts = cells.iter().map(|c| normalise_header(c)).filter(|c| !c.is_empty()).peekable();
    texts.peek().is_some()
        && texts.all(|t| {
            SUB_HEADERS.contains(&t.as_str())
                || (names_a_field(&t) && !t.chars().any(|c| c.is_ascii_digit()))
        })
}

/// Joins a header row and its sub-header row: a group title stands over the columns to its
/// right until the next title (merged cells are read as the title over each column).
fn join_headers(top: &[String], sub: &[String]) -> Vec<String> {
    let width = top.len().max(sub.len());
    let mut group = String::new();
    (0..width)
        .map(|c| {
            let title = top.get(c).map(|t| t.trim()).unwrap_or("");
            let below = sub.get(c).map(|t| t.trim()).unwrap_or("");
            if !title.is_empty() {
                group = title.to_string();
            } else if below.is_empty() {
                group.clear();
            }
            match (group.as_str(), below) {
                (g, "") => g.to_string(),
                ("", b) => b.to_string(),
                (g, b) if g == b || title.is_empty() && !names_group(g) => b.to_string(),
                (g, b) => format!("{g}{b}"),
            }
        })
        .collect()
}

/// A title that groups sub-headers, as 信访人 or 包案领导 do; not one that names its own column.
fn names_group(title: &str) -> bool {
    matches!(
        normalise_header(title).as_str(),
        "信访人"
            | "包案领导"
            | "责任单位"
            | "责任人"
            | "信访人基本情况"
            | "信访人信息"
            | "包案领导信息"
    )
}

/// The header of a table: the first rows' row naming the most fields, with a sub-header row
/// under it when there is one.
pub fn guess_layout(table: &Table) -> Layout {
    let mut best = Layout { header_rows: 1, ..Layout::default() };
    for i in 0..table.rows.len().min(HEADER_SEARCH_ROWS) {
        let layout = layout_at(table, i);
        if layout.named > best.named {
            best = layout;
        }
    }
    best
}

/// The layout with its header on a given row (the clerk's choice).
pub fn layout_at(table: &Table, header_at: usize) -> Layout {
    let Some((_, top)) = table.rows.get(header_at) else { return Layout::default() };
    let mut layout =
        Layout { header_at, header_rows: 1, headers: top.clone(), named: named_count(top) };
    if let Some((_, sub)) = table.rows.get(header_at + 1) {
        // A title or 填报 line above a header is no group title: it names no fields itself.
        if layout.named >= MIN_NAMED && is_sub_header(sub) {
            layout.header_rows = 2;
            layout.headers = join_headers(top, sub);
            layout.named = named_count(&layout.headers);
        }
    }
    layout
}

/// The index of the table that holds the ledger: the one whose header names the most fields
/// (the first on a tie, so a ledger on the first sheet wins over a summary after it).
pub fn guess_sheet(tables: &[Table]) -> usize {
    let mut best = (0, 0);
    for (i, table) in tables.iter().enumerate() {
        let named = guess_layout(table).named;
        if named > best.1 {
            best = (i, named);
        }
    }
    best.0
}

/// Which column (index) fills each ledger field (`None` leaves the field empty), and the
/// clerk's choices for values the guess does not recognise (the value-mapping step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// One entry per [`Field::ALL`], in that order.
    columns: Vec<Option<usize>>,
    values: Vec<ValueChoice>,
}

/// A written value read as one of the field's values (its label); a value without a choice is
/// read by the guess, or kept as written (原样保留).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueChoice {
    pub field: Field,
    pub written: String,
    pub label: &'static str,
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping { columns: vec![None; Field::ALL.len()], values: Vec::new() }
    }
}

impl Mapping {
    fn slot(field: Field) -> usize {
        Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns.get(Self::slot(field)).copied().flatten()
    }

    /// Sets the column of a field; a column fills one field only, so another field that had
    /// it loses it. A field's value choices go with its old column.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        let own = Self::slot(field);
        if column.is_some() {
            for (slot, c) in self.columns.iter_mut().enumerate() {
                if *c == column && slot != own {
                    *c = None;
                    let other = Field::ALL.get(slot).copied();
                    self.values.retain(|v| Some(v.field) != other);
                }
            }
        }
        if self.get(field) != column {
            self.values.retain(|v| v.field != field);
        }
        if let Some(slot) = self.columns.get_mut(own) {
            *slot = column;
        }
    }

    pub fn uses(&self, column: usize) -> bool {
        self.columns.contains(&Some(column))
    }

    /// The value the clerk chose for a written value, if any.
    pub fn value(&self, field: Field, written: &str) -> Option<&'static str> {
        let written = written.trim();
        self.values.iter().find(|v| v.field == field && v.written == written).map(|v| v.label)
    }

    /// Reads `written` as `label` (one of the field's values); `None` or a label the field
    /// does not have keeps it as written.
    pub fn set_value(&mut self, field: Field, written: &str, label: Option<&str>) {
        let written = written.trim();
        self.values.retain(|v| !(v.field == field && v.written == written));
        let label = label.and_then(|l| super::values::options(field).into_iter().find(|o| *o == l));
        if let Some(label) = label {
            self.values.push(ValueChoice { field, written: written.to_string(), label });
        }
    }

    pub fn values(&self) -> &[ValueChoice] {
        &self.values
    }
}

/// Matches header cells to fields: the best-scoring pairs first, each field and column once.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let mut pairs = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        for field in Field::ALL {
            if let Some(score) = header_score(header, *field) {
                pairs.push((score, std::cmp::Reverse(column), *field));
            }
        }
    }
    crate::core::ledger::sorting::sort_by(&mut pairs, |a, b| b.cmp(a));
    let mut mapping = Mapping::default();
    for (_, std::cmp::Reverse(column), field) in pairs {
        if mapping.get(field).is_none() && !mapping.uses(column) {
            mapping.set(field, Some(column));
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| s.to_string()).collect()
    }

    fn mapped(headers: &[&str]) -> Vec<(Field, String)> {
        let headers = strings(headers);
        let mapping = guess_mapping(&headers);
        Field::ALL
            .iter()
            .filter_map(|f| mapping.get(*f).map(|c| (*f, headers[c].clone())))
            .collect()
    }

    #[test]
    fn headers_map_to_fields_by_common_names() {
        let headers = strings(&[
            "序号",
            "编号",
            "信访人姓名",
            "反映问题",
            "包案领导",
            "责任单位",
            "交办时间",
            "办结时限（天）",
            "稳控责任人",
            "责任人",
            "信访人数",
            "备注",
        ]);
        let mapping = guess_mapping(&headers);
        let expect = [
            (Field::Serial, 0),
            (Field::Number, 1),
            (Field::Petitioner, 2),
            (Field::Summary, 3),
            (Field::Lead, 4),
            (Field::Unit, 5),
            (Field::AssignedOn, 6),
            (Field::Deadline, 7),
            (Field::StabilityOwner, 8),
            (Field::Handler, 9),
            (Field::PeopleCount, 10),
            (Field::Remarks, 11),
        ];
        for (field, column) in expect {
            assert_eq!(mapping.get(field), Some(column), "{field:?}");
        }
        assert_eq!(mapping.get(Field::Contact), None);
    }

    #[test]
    fn headers_as_offices_write_them() {
        let cases: &[(&str, Field)] = &[
            ("信访内容", Field::Summary),
            ("反映事项", Field::Summary),
            ("主要诉求", Field::Summary),
            ("标题", Field::Summary),
            ("来信来访人", Field::Petitioner),
            ("姓名", Field::Petitioner),
            ("接件时间", Field::RegisteredOn),
            ("收到时间", Field::RegisteredOn),
            ("转办时间", Field::AssignedOn),
            ("应结办日期", Field::Deadline),
            ("规定办结时间", Field::Deadline),
            ("办理时限", Field::Deadline),
            ("办结时间", Field::ClosedOn),
            ("是否化解", Field::Concluded),
            ("是否终结", Field::Concluded),
            ("具体责任人", Field::Handler),
            ("办理人", Field::Handler),
            ("包案领导及联系方式", Field::Lead),
            ("回访情况", Field::Visit),
            ("信访形式", Field::Channel),
            ("信访方式", Field::Channel),
            ("身份证号码", Field::IdNumber),
            ("信访人住址", Field::Residence),
            ("信访人联系电话", Field::Contact),
            ("信访事项办理情况", Field::Progress),
        ];
        for (header, field) in cases {
            assert_eq!(mapped(&[header]), [(*field, header.to_string())], "{header}");
        }
    }

    #[test]
    fn a_column_fills_one_field() {
        let mut mapping = guess_mapping(&strings(&["案件编号", "诉求"]));
        mapping.set(Field::Summary, Some(0));
        assert_eq!(mapping.get(Field::Summary), Some(0));
        assert_eq!(mapping.get(Field::Number), None);
        mapping.set(Field::Summary, None);
        assert_eq!(mapping.get(Field::Summary), None);
    }

    #[test]
    fn title_and_filing_lines_above_the_header_are_skipped() {
        let title = "某县2026年信访事项台账";
        let t = Table::of(&[
            &[title, title, title, title],
            &["填报单位：县信访局", "", "填报日期：2026年3月1日"],
            &["序号", "信访人", "信访内容", "包案领导"],
            &["1", "张三", "补偿", "王某"],
        ]);
        let layout = guess_layout(&t);
        assert_eq!((layout.header_at, layout.header_rows, layout.data_at()), (2, 1, 3));
    }

    #[test]
    fn a_two_row_header_reads_as_one() {
        let t = Table::of(&[
            &["序号", "信访人", "信访人", "信访内容", "包案领导", "包案领导", "责任单位"],
            &["序号", "姓名", "身份证号", "信访内容", "姓名", "职务", "责任单位"],
            &["1", "张三", "320102198001011234", "补偿", "陈国庆", "副县长", "县自然资源局"],
        ]);
        let layout = guess_layout(&t);
        assert_eq!(layout.header_rows, 2);
        assert_eq!(
            layout.headers,
            [
                "序号",
                "信访人姓名",
                "信访人身份证号",
                "信访内容",
                "包案领导姓名",
                "包案领导职务",
                "责任单位"
            ]
        );
        let mapping = guess_mapping(&layout.headers);
        assert_eq!(mapping.get(Field::IdNumber), Some(2));
        assert_eq!(mapping.get(Field::Lead), Some(4));
        assert_eq!(mapping.get(Field::LeadTitle), Some(5));
        // A CSV of the same sheet has the group title once, over blanks.
        let csv = Table::of(&[
            &["序号", "信访人", "", "信访内容", "包案领导", ""],
            &["", "姓名", "联系电话", "", "姓名", "职务"],
        ]);
        assert_eq!(
            guess_layout(&csv).headers,
            ["序号", "信访人姓名", "信访人联系电话", "信访内容", "包案领导姓名", "包案领导职务"]
        );
    }

    #[test]
    fn the_sheet_with_the_ledger_is_chosen() {
        let notes = Table::of(&[&["填表说明"], &["1. 日期写作 2026-03-01"]]);
        let ledger = Table::of(&[&["案件编号", "信访人", "诉求摘要"], &["A", "张三", "x"]]);
        assert_eq!(guess_sheet(&[notes.clone(), ledger]), 1);
        assert!(guess_layout(&notes).named < MIN_NAMED);
    }
}
