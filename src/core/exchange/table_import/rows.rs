//! Planning an import: each data row of the sheet becomes a case, a row error that names the row
//! and column, or a skipped footer. Nothing in an optional column refuses a row: a value the
//! ledger has no name for is kept as written in the case's 备注 and listed once per column.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::headers::{Layout, Mapping};
use super::reading::Table;
use super::values::{self, DateCell};
use crate::core::ledger::fields::Field;
use crate::core::ledger::limits;
use crate::core::ledger::model::{
    Case, Category, Flag, Ledger, Outcome, Resolution, Source, Status,
};
use crate::core::ledger::packet::Extension;
use crate::core::ledger::sorting::{sort, sort_by_key};
use crate::core::ledger::text;

/// A row whose first text begins so is a footer (signatures, totals), not a case.
const FOOTERS: &[&str] = &[
    "填表人",
    "填报人",
    "审核人",
    "制表人",
    "负责人",
    "统计人",
    "经办人：",
    "合计",
    "总计",
    "小计",
    "注：",
    "注:",
    "说明：",
    "单位负责人",
    "分管领导",
];

/// A row that was not imported and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// The row's 案件编号, generated when the sheet has none (the error rows carry it, so that
    /// they import again under the same numbers).
    pub number: String,
    /// What is wrong, naming the columns: 「交办日期」列：“2026-13-01”不是有效日期…
    pub reason: String,
}

impl RowError {
    /// The sentence shown in the preview: 第 3 行：…
    pub fn message(&self) -> String {
        format!("第 {} 行：{}", self.row, self.reason)
    }
}

/// What importing the table with a mapping would do; nothing is changed until `apply`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// Cases to add, each with its row number.
    pub cases: Vec<(usize, Case)>,
    pub errors: Vec<RowError>,
    /// Cases the ledger already holds (same 案件编号), as the row would update them: the
    /// ledger's case with the sheet's columns over it. They go through the merge preview.
    pub updates: Vec<(usize, Case)>,
    /// Footer rows (填表人、审核人、合计 …), skipped.
    pub footers: Vec<usize>,
    /// Per column header, the values kept as written (in 备注) because the field has no such
    /// value, with how many rows held each.
    pub kept: Vec<(String, Vec<(String, usize)>)>,
    /// 案件编号 were generated (the sheet has no such column).
    pub generated_numbers: bool,
}

/// What the plan needs besides the sheet.
pub struct Context<'a> {
    pub ledger: &'a Ledger,
    /// Dates 办理情况 text that carries no date.
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    /// Put before 序号 (or the row's place) when the sheet has no 案件编号.
    pub number_prefix: &'a str,
}

/// Builds the cases a table would import with this layout and mapping.
pub fn plan_import(
    table: &Table,
    layout: &Layout,
    mapping: &Mapping,
    context: &Context,
) -> ImportPlan {
    let mut plan = ImportPlan {
        generated_numbers: mapping.get(Field::Number).is_none(),
        ..ImportPlan::default()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let held: HashMap<&str, &Case> =
        context.ledger.cases.iter().map(|c| (c.number.trim(), c)).collect();
    let mut kept: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for (place, (row, cells)) in table.rows.iter().skip(layout.data_at()).enumerate() {
        if is_footer(cells) {
            plan.footers.push(*row);
            continue;
        }
        let number = row_number(mapping, cells, context.number_prefix, place + 1);
        let existing = held.get(number.trim()).copied();
        let reader = RowReader { table, layout, mapping, cells, context, existing };
        let mut read = reader.read(number);
        let number = read.case.number.clone();
        if let Some(first) = seen.get(&number).filter(|_| !number.is_empty()) {
            read.problems.push(
                reader.column_note(Field::Number, format!("案件编号“{number}”与第 {first} 行重复")),
            );
        }
        if !number.is_empty() {
            seen.entry(number.clone()).or_insert(*row);
        }
        // The limits every way into the ledger shares (core::ledger::limits), so that its backup restores.
        read.problems.extend(limits::case_problems(&read.case).iter().map(|p| p.describe()));
        read.problems
            .extend(limits::too_many_cases(context.ledger.cases.len() + plan.cases.len() + 1));
        if !read.problems.is_empty() {
            let reason = read.problems.join("；");
            plan.errors.push(RowError { row: *row, number, reason });
            continue;
        }
        for (header, value) in read.kept {
            add_kept(&mut kept, header, value);
        }
        match existing {
            Some(existing) => plan.updates.push((*row, overlay(existing, read.case, mapping))),
            None => plan.cases.push((*row, read.case)),
        }
    }
    plan.kept = kept;
    plan
}

fn add_kept(kept: &mut Vec<(String, Vec<(String, usize)>)>, header: String, value: String) {
    let at = match kept.iter().position(|(h, _)| *h == header) {
        Some(at) => at,
        None => {
            kept.push((header, Vec::new()));
            kept.len() - 1
        }
    };
    let values = &mut kept[at].1;
    match values.iter_mut().find(|(v, _)| *v == value) {
        Some((_, n)) => *n += 1,
        None => values.push((value, 1)),
    }
}

pub(super) fn is_footer(cells: &[String]) -> bool {
    let first = cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).unwrap_or("");
    let first: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    FOOTERS.iter().any(|f| first.starts_with(f))
}

/// One row as it is read: the case, what refuses it, and what was kept as written.
struct ReadRow {
    case: Case,
    problems: Vec<String>,
    /// (column header, value) put in 备注 as written.
    kept: Vec<(String, String)>,
}

struct RowReader<'a> {
    table: &'a Table,
    layout: &'a Layout,
    mapping: &'a Mapping,
    cells: &'a [String],
    context: &'a Context<'a>,
    /// The ledger's case with this row's 案件编号.
    existing: Option<&'a Case>,
}

/// The row's 案件编号: its cell, or (when the sheet has none) the prefix and 序号 or the row's
/// place.
fn row_number(mapping: &Mapping, cells: &[String], prefix: &str, place: usize) -> String {
    let cell = |field| mapping.get(field).and_then(|c| cells.get(c)).map(|s| s.trim());
    if mapping.get(Field::Number).is_some() {
        return cell(Field::Number).unwrap_or("").to_string();
    }
    let serial = cell(Field::Serial).filter(|s| !s.is_empty());
    let serial = serial.map(String::from).unwrap_or_else(|| place.to_string());
    let serial = match serial.parse::<u32>() {
        Ok(n) => format!("{n:03}"),
        Err(_) => serial,
    };
    format!("{prefix}{serial}")
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> &str {
        self.mapping.get(field).and_then(|c| self.cells.get(c)).map(|s| s.trim()).unwrap_or("")
    }

    fn header(&self, field: Field) -> String {
        let column = self.mapping.get(field).unwrap_or(0);
        match self.layout.headers.get(column).map(|h| h.trim()).filter(|h| !h.is_empty()) {
            Some(header) => header.to_string(),
            None => format!("第 {} 列", column + 1),
        }
    }

    fn column_note(&self, field: Field, message: String) -> String {
        format!("「{}」列：{message}", self.header(field))
    }

    fn read(&self, number: String) -> ReadRow {
        let mut read = ReadRow { case: Case::default(), problems: Vec::new(), kept: Vec::new() };
        self.read_texts(&mut read);
        read.case.number = number;
        self.read_required(&mut read);
        self.read_dates(&mut read);
        self.read_people(&mut read);
        self.read_named_values(&mut read);
        self.read_status(&mut read);
        self.read_progress(&mut read);
        self.write_remarks(&mut read);
        read.case.updated_at = Some(self.context.now);
        read
    }

    /// The plain text fields as written; 备注 is put together last (`write_remarks`).
    fn read_texts(&self, read: &mut ReadRow) {
        for field in Field::ALL.iter().filter(|f| **f != Field::Remarks) {
            if let Some(slot) = field.spec().text {
                *(slot.set)(&mut read.case) = self.cell(*field).to_string();
            }
        }
    }

    /// 案件编号 and 诉求摘要.
    fn read_required(&self, read: &mut ReadRow) {
        if read.case.number.is_empty() {
            read.problems.push(self.column_note(Field::Number, "缺少案件编号".into()));
        }
        if read.case.summary.is_empty() {
            read.problems.push(match self.mapping.get(Field::Summary) {
                Some(_) => self.column_note(Field::Summary, "缺少诉求摘要".into()),
                None => "缺少诉求摘要（请为「诉求摘要」选择一列）".into(),
            });
        }
    }

    fn date(&self, read: &mut ReadRow, field: Field) -> Option<NaiveDate> {
        let text = self.cell(field);
        match values::parse_cell_date(text, self.table.serial_dates) {
            Ok(DateCell::Empty) => None,
            Ok(DateCell::Date(date)) => Some(date),
            Ok(DateCell::Month(date)) => {
                read.kept.push((
                    self.header(field),
                    format!("{text}（只写到月，按 {}月{}日 导入）", date.month(), date.day()),
                ));
                Some(date)
            }
            Ok(DateCell::Words) => {
                read.kept.push((self.header(field), text.to_string()));
                None
            }
            Err(message) => {
                read.problems.push(self.column_note(field, message));
                None
            }
        }
    }

    /// A count such as 15天 or 2次; anything else is kept as written.
    fn count(&self, read: &mut ReadRow, field: Field, units: &[char]) -> Option<u32> {
        let text = self.cell(field);
        match text.trim_end_matches(units).trim().parse::<u32>() {
            _ if text.is_empty() => None,
            Ok(n) => Some(n),
            Err(_) => {
                read.kept.push((self.header(field), text.to_string()));
                None
            }
        }
    }

    /// A named value: the clerk's choice for the written text, else the guess.
    fn named<T>(
        &self,
        field: Field,
        text: &str,
        guess: fn(&str) -> Option<T>,
        from_label: fn(&str) -> Option<T>,
    ) -> Option<T> {
        match self.mapping.value(field, text) {
            Some(label) => from_label(label),
            None => guess(text),
        }
    }

    fn read_dates(&self, read: &mut ReadRow) {
        read.case.assigned_on = self.date(read, Field::AssignedOn);
        read.case.registered_on = self.date(read, Field::RegisteredOn);
        read.case.deadline = self.date(read, Field::Deadline);
        read.case.packet.closed_on = self.date(read, Field::ClosedOn);
        let approved_on = self.date(read, Field::ExtensionApprovedOn);
        let days = self.count(read, Field::ExtensionDays, &['天', '日']);
        let approver = self.cell(Field::ExtensionApprover).to_string();
        if days.is_some() || approved_on.is_some() || !approver.is_empty() {
            let days = days.unwrap_or(0);
            read.case.packet.extension = Some(Extension { days, approver, approved_on });
        }
        read.case.rebounds = self.count(read, Field::Rebounds, &['次']).unwrap_or(0);
        if let (Some(assigned), Some(due)) = (read.case.assigned_on, read.case.deadline) {
            if due < assigned {
                read.problems
                    .push(self.column_note(Field::Deadline, "办结时限早于交办日期".into()));
            }
        }
    }

    /// 涉及人数, 包案领导 (one person, a title and phone split off) and 协办单位.
    fn read_people(&self, read: &mut ReadRow) {
        let case = &mut read.case;
        let text = self.cell(Field::PeopleCount);
        match text.trim_end_matches('人').trim().parse::<u32>() {
            _ if text.is_empty() => {}
            Ok(n) if n >= 1 => case.people_count = Some(n),
            _ => read.kept.push((self.header(Field::PeopleCount), text.to_string())),
        }
        let leader = values::read_leader(self.cell(Field::Lead), self.cell(Field::LeadTitle));
        // 《关于在全县开展信访问题专项治理活动的实施方案》 and the campaign plans: 领导包案……不实行
        // 两人或两人以上重复包一案.
        if leader.count > 1 {
            read.problems.push(self.column_note(
                Field::Lead,
                format!("“{}”有多名领导；每件积案只能有一名包案领导", self.cell(Field::Lead)),
            ));
        }
        case.lead = leader.name;
        // A phone written with the leader (包案领导及联系方式) is the leader's contact.
        if !leader.phone.is_empty() && !case.lead_contact.contains(&leader.phone) {
            if !case.lead_contact.is_empty() {
                case.lead_contact.push('、');
            }
            case.lead_contact.push_str(&leader.phone);
        }
        case.assisting_units =
            text::split_units(self.cell(Field::Assisting)).into_iter().map(String::from).collect();
    }

    /// 交办来源, 问题类别, 案件特征, 办结结果, 四个到位: the clerk's choice or known words become
    /// the ledger's values; a channel (来信、网上信访 …) in a 来源 or 类型 column fills 信访形式;
    /// anything else is kept.
    fn read_named_values(&self, read: &mut ReadRow) {
        let keep_or_channel = |read: &mut ReadRow, field: Field| {
            let text = self.cell(field);
            if values::looks_like_channel(text) && read.case.channel.is_empty() {
                read.case.channel = text.to_string();
            } else {
                read.kept.push((self.header(field), text.to_string()));
            }
        };
        let text = self.cell(Field::Source);
        read.case.source =
            self.named(Field::Source, text, values::source_from_text, Source::from_label);
        if read.case.source.is_none() && !text.is_empty() {
            keep_or_channel(read, Field::Source);
        }
        let text = self.cell(Field::Category);
        read.case.category =
            self.named(Field::Category, text, values::category_from_text, Category::from_label);
        if read.case.category.is_none() && !text.is_empty() {
            keep_or_channel(read, Field::Category);
        }
        let text = self.cell(Field::Outcome);
        read.case.outcome =
            self.named(Field::Outcome, text, values::outcome_from_text, Outcome::from_label);
        if read.case.outcome.is_none() && !text.is_empty() {
            read.kept.push((self.header(Field::Outcome), text.to_string()));
        }
        let text = self.cell(Field::Resolution);
        read.case.resolution = self.named(
            Field::Resolution,
            text,
            values::resolution_from_text,
            Resolution::from_label,
        );
        if read.case.resolution.is_none() && !text.is_empty() {
            read.kept.push((self.header(Field::Resolution), text.to_string()));
        }
        for mark in values::split_names(self.cell(Field::Flags)) {
            match self.named(Field::Flags, &mark, values::flag_from_text, Flag::from_label) {
                Some(flag) => read.case.flags.push(flag),
                None => read.kept.push((self.header(Field::Flags), mark)),
            }
        }
        sort(&mut read.case.flags);
        read.case.flags.dedup();
    }

    /// The status as written where it makes sense: a 办结日期 or a yes in 是否办结/是否化解 closes
    /// the case; a case is never 已交办 or later without a 包案领导 and 责任单位 (the workflow's
    /// rule for 交办).
    fn read_status(&self, read: &mut ReadRow) {
        let text = self.cell(Field::Status);
        let chosen = self.mapping.value(Field::Status, text);
        let written = self.named(Field::Status, text, values::status_from_text, Status::from_label);
        if written.is_none() && !text.is_empty() {
            read.kept.push((self.header(Field::Status), text.to_string()));
        }
        let case = &mut read.case;
        if case.outcome.is_none() && chosen.is_none() {
            case.outcome = values::outcome_of_status(text);
        }
        let concluded = values::yes_no(self.cell(Field::Concluded));
        if concluded == Some(true) && case.outcome.is_none() {
            case.outcome = values::outcome_of_question(&self.header(Field::Concluded));
        }
        let closed = concluded == Some(true) || case.packet.closed_on.is_some();
        case.status = match written {
            // 办结待审 has its 办结日期 already: handled, not yet reviewed.
            Some(Status::AwaitingReview) => Status::AwaitingReview,
            _ if closed => Status::Closed,
            Some(status) => status,
            None if case.outcome.is_some() => Status::Closed,
            None if case.assigned_on.is_some() => Status::Assigned,
            None => Status::Registered,
        };
        // An update keeps the ledger's leader and unit where the sheet has no such column.
        let held = |field: Field, own: &str, theirs: fn(&Case) -> &str| match self.existing {
            Some(existing) if self.mapping.get(field).is_none() => !theirs(existing).is_empty(),
            _ => !own.is_empty(),
        };
        let staffed = held(Field::Lead, &case.lead, |c| &c.lead)
            && held(Field::Unit, &case.responsible_unit, |c| &c.responsible_unit);
        if !staffed
            && matches!(case.status, Status::Assigned | Status::InProgress | Status::AwaitingReview)
        {
            let label = case.status.label();
            case.status = Status::Registered;
            read.kept.push((
                "状态".into(),
                format!("{label}（缺少包案领导或责任单位，按排查登记导入）"),
            ));
        }
    }

    fn read_progress(&self, read: &mut ReadRow) {
        let case = &mut read.case;
        let year = values::case_year(&[case.registered_on, case.assigned_on], self.context.today);
        let mut entries =
            values::progress_entries(self.cell(Field::Progress), year, self.context.today);
        // Oldest first, so that the log ends up newest first.
        sort_by_key(&mut entries, |(date, _)| *date);
        for (date, text) in entries {
            case.add_progress(date, &text);
        }
    }

    /// 备注: the sheet's own, then 回访情况, then what was kept as written.
    fn write_remarks(&self, read: &mut ReadRow) {
        let mut parts: Vec<String> = Vec::new();
        let own = self.cell(Field::Remarks);
        if !own.is_empty() {
            parts.push(own.to_string());
        }
        let visit = self.cell(Field::Visit);
        if !visit.is_empty() {
            parts.push(format!("{}：{visit}", self.header(Field::Visit)));
        }
        if !read.case.remarks.is_empty() {
            parts.push(std::mem::take(&mut read.case.remarks));
        }
        if !read.kept.is_empty() {
            let kept: Vec<String> = read.kept.iter().map(|(h, v)| format!("{h}“{v}”")).collect();
            parts.push(format!("导入时原样保留：{}", kept.join("；")));
        }
        read.case.remarks = parts.join("\n");
    }
}

/// The ledger's case with the fields the sheet's columns fill taken from the row: what the
/// sheet would change, for the merge preview. What the sheet has no column for (结案材料, a
/// field the office's sheet lacks) stays as the ledger holds it.
fn overlay(existing: &Case, read: Case, mapping: &Mapping) -> Case {
    use Field::*;
    let has = |fields: &[Field]| fields.iter().any(|f| mapping.get(*f).is_some());
    let mut case = existing.clone();
    case.updated_at = read.updated_at;
    // Text fields its column fills; 信访形式 may come from a 来源 column, the leader's title and
    // phone from columns of their own. 备注 is put together below.
    for &field in Field::ALL {
        let Some(slot) = field.spec().text else { continue };
        let filled = match field {
            Summary => true,
            Channel | LeadContact => has(&[field]) || !(slot.get)(&read).is_empty(),
            Lead => has(&[Lead, LeadTitle]),
            Number | Remarks => false,
            field => has(&[field]),
        };
        if filled {
            *(slot.set)(&mut case) = (slot.get)(&read).clone();
        }
    }
    if has(&[Source]) {
        case.source = read.source;
    }
    if has(&[AssignedOn]) {
        case.assigned_on = read.assigned_on;
    }
    if has(&[RegisteredOn]) {
        case.registered_on = read.registered_on;
    }
    if has(&[PeopleCount]) {
        case.people_count = read.people_count;
    }
    if has(&[Category]) {
        case.category = read.category;
    }
    if has(&[Flags]) {
        case.flags = read.flags;
    }
    if has(&[Assisting]) {
        case.assisting_units = read.assisting_units;
    }
    if has(&[Deadline]) {
        case.deadline = read.deadline;
    }
    if has(&[ExtensionDays, ExtensionApprover, ExtensionApprovedOn]) {
        case.packet.extension = read.packet.extension;
    }
    if has(&[ClosedOn]) {
        case.packet.closed_on = read.packet.closed_on;
    }
    if has(&[Status, Concluded, ClosedOn]) {
        case.status = read.status;
    }
    if has(&[Outcome, Status, Concluded]) {
        case.outcome = read.outcome;
    }
    if has(&[Resolution]) {
        case.resolution = read.resolution;
    }
    if has(&[Rebounds]) {
        case.rebounds = read.rebounds;
    }
    if has(&[Progress]) {
        case.progress = read.progress;
    }
    if has(&[Remarks, Visit]) {
        case.remarks = read.remarks;
    } else if !read.remarks.is_empty() && !case.remarks.contains(&read.remarks) {
        // Values kept as written go with the case's own 备注, not over it.
        case.remarks = [case.remarks.as_str(), read.remarks.as_str()]
            .iter()
            .filter(|r| !r.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
    }
    case
}
