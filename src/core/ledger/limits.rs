//! One set of limits on every way into the ledger — the case form, the sheet import, the JSON
//! import, the merge — and the same limits shown on the cases of the ledger stored in this
//! browser, so that whatever the app holds it can export and import again: every backup restores.

use super::campaign::Campaign;
use super::fields::{describe_path, Field};
use super::model::{Case, Ledger};
use super::text::year_out_of_range;
/// The longest text accepted in any one field, in characters (a 诉求摘要 or a progress note is
/// a few hundred).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// At most this many cases in one ledger: campaigns count cases in the hundreds.
pub const MAX_CASES: usize = 20_000;
/// 办理情况 entries of one case: a weekly note for ten years is about 500.
pub const MAX_PROGRESS_ENTRIES: usize = 2_000;
/// Documents in one closure packet (六有 asks for about a dozen).
pub const MAX_DOCUMENTS: usize = 500;
/// 协办单位 of one case.
pub const MAX_ASSISTING_UNITS: usize = 200;
/// 目标任务 of one campaign.
pub const MAX_TARGETS: usize = 50;

/// A value outside the limits: where (a JSON path such as `progress[2].text`) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    /// `「诉求摘要」过长（30000 字，上限 20000 字）`
    pub fn describe(&self) -> String {
        format!("{}{}", describe_path(&self.path), self.message)
    }
}

/// Why a text is too long, if it is.
pub fn text_too_long(text: &str) -> Option<String> {
    // A character is at least one byte: most texts are decided without counting.
    if text.len() <= MAX_TEXT_CHARS {
        return None;
    }
    let chars = text.chars().count();
    (chars > MAX_TEXT_CHARS).then(|| format!("过长（{chars} 字，上限 {MAX_TEXT_CHARS} 字）"))
}

/// Why a list is too long, if it is.
pub fn too_many(count: usize, max: usize, unit: &str) -> Option<String> {
    (count > max).then(|| format!("过多（{count} {unit}，上限 {max} {unit}）"))
}

/// Everything in a case outside the limits. Every text, date and list of the case is listed
/// here (a test checks that no text field is missed).
pub fn case_problems(case: &Case) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut add = |path: String, message: Option<String>| {
        if let Some(message) = message {
            problems.push(Problem { path, message });
        }
    };
    add("id".into(), text_too_long(&case.id));
    for field in Field::ALL {
        if let Some(slot) = field.spec().text {
            add(field.spec().key.into(), text_too_long((slot.get)(case)));
        }
    }
    let packet = &case.packet;
    let dates = [
        ("assigned_on", case.assigned_on),
        ("registered_on", case.registered_on),
        ("deadline", case.deadline),
        ("packet.closed_on", packet.closed_on),
        ("packet.extension.approved_on", packet.extension.as_ref().and_then(|e| e.approved_on)),
    ];
    for (path, date) in dates {
        add(path.into(), date.and_then(year_out_of_range));
    }
    add("assisting_units".into(), too_many(case.assisting_units.len(), MAX_ASSISTING_UNITS, "个"));
    for (i, unit) in case.assisting_units.iter().enumerate() {
        add(format!("assisting_units[{i}]"), text_too_long(unit));
    }
    add("progress".into(), too_many(case.progress.len(), MAX_PROGRESS_ENTRIES, "条"));
    for (i, entry) in case.progress.iter().enumerate() {
        add(format!("progress[{i}].date"), year_out_of_range(entry.date));
        add(format!("progress[{i}].text"), text_too_long(&entry.text));
    }
    add("packet.documents".into(), too_many(packet.documents.len(), MAX_DOCUMENTS, "份"));
    for (i, d) in packet.documents.iter().enumerate() {
        add(format!("packet.documents[{i}].date"), d.date.and_then(year_out_of_range));
        let texts = [
            ("id", &d.id),
            ("title", &d.title),
            ("doc_ref", &d.doc_ref),
            ("signed_by", &d.signed_by),
            ("note", &d.note),
            ("names_lead", &d.names_lead),
            ("names_unit", &d.names_unit),
            ("names_owner", &d.names_owner),
            ("visit_reason", &d.visit_reason),
        ];
        for (key, text) in texts {
            add(format!("packet.documents[{i}].{key}"), text_too_long(text));
        }
    }
    if let Some(e) = &packet.extension {
        add("packet.extension.approver".into(), text_too_long(&e.approver));
    }
    problems
}

/// Everything in the campaign settings outside the limits.
pub fn campaign_problems(campaign: &Campaign) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut add = |path: String, message: Option<String>| {
        if let Some(message) = message {
            problems.push(Problem { path, message });
        }
    };
    add("campaign.name".into(), text_too_long(&campaign.name));
    add("campaign.starts_on".into(), campaign.starts_on.and_then(year_out_of_range));
    add("campaign.ends_on".into(), campaign.ends_on.and_then(year_out_of_range));
    add("campaign.targets".into(), too_many(campaign.targets.len(), MAX_TARGETS, "个"));
    for (i, target) in campaign.targets.iter().enumerate() {
        let percent = (target.percent > 100).then(|| "应在 0 至 100 之间".to_string());
        add(format!("campaign.targets[{i}].percent"), percent);
        add(format!("campaign.targets[{i}].by"), year_out_of_range(target.by));
    }
    problems
}

/// Why a ledger of `count` cases cannot be held, if it cannot.
pub fn too_many_cases(count: usize) -> Option<String> {
    (count > MAX_CASES).then(|| {
        format!("台账将有 {count} 件案件，超过 {MAX_CASES} 件的上限（导出的文件将无法再导入）")
    })
}

/// What to tell the clerk when a ledger (as stored, from an earlier version or changed by hand)
/// holds values outside the limits: it opens, and each case page names its values to correct.
pub fn ledger_notice(ledger: &Ledger) -> Option<String> {
    let numbers: Vec<&str> = ledger
        .cases
        .iter()
        .filter(|c| !case_problems(c).is_empty())
        .map(|c| c.number.trim())
        .collect();
    let settings = campaign_problems(&ledger.campaign);
    if numbers.is_empty() && settings.is_empty() {
        return None;
    }
    let mut text = String::from("台账中有超出范围的数据（导出的文件将无法再导入），请改正：");
    if !numbers.is_empty() {
        let shown: Vec<&str> = numbers.iter().take(10).copied().collect();
        let more = if numbers.len() > shown.len() { "等" } else { "" };
        text +=
            &format!("{} 件案件（{}{more}），各案件页上有说明", numbers.len(), shown.join("、"));
    }
    if !settings.is_empty() {
        let sep = if numbers.is_empty() { "" } else { "；" };
        let described: Vec<String> = settings.iter().map(Problem::describe).collect();
        text += &format!("{sep}「设置」中的{}", described.join("、"));
    }
    text.push('。');
    Some(text)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::core::ledger::model::ProgressEntry;
    use crate::core::ledger::packet::{Document, Extension};
    use serde_json::Value;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn texts_dates_and_lists_within_the_limits_pass() {
        let mut case = Case { summary: "长".repeat(MAX_TEXT_CHARS), ..Case::default() };
        case.assigned_on = Some(day("1900-01-01"));
        case.deadline = Some(day("2100-12-31"));
        case.progress = vec![ProgressEntry { date: day("2026-01-01"), text: "约访".into() }];
        assert_eq!(case_problems(&case), []);
        assert_eq!(campaign_problems(&Campaign::default()), []);
        assert_eq!(too_many_cases(MAX_CASES), None);
    }

    #[test]
    fn each_value_outside_the_limits_is_named_in_chinese() {
        let mut case = Case { summary: "长".repeat(MAX_TEXT_CHARS + 1), ..Case::default() };
        case.assigned_on = Some(NaiveDate::MAX);
        case.progress = vec![
            ProgressEntry { date: day("1026-01-01"), text: "约访".into() };
            MAX_PROGRESS_ENTRIES + 1
        ];
        let described: Vec<String> = case_problems(&case).iter().map(Problem::describe).collect();
        assert_eq!(described[0], "「诉求摘要」过长（20001 字，上限 20000 字）");
        assert_eq!(described[1], "「交办日期」年份 262142 不合理（应在 1900 至 2100 年之间）");
        assert_eq!(described[2], "「办理情况」过多（2001 条，上限 2000 条）");
        assert_eq!(
            described[3],
            "「第 1 条办理情况的日期」年份 1026 不合理（应在 1900 至 2100 年之间）"
        );
        assert!(too_many_cases(MAX_CASES + 1).unwrap().contains("20001 件"));
        let ledger = Ledger {
            cases: vec![Case { number: "JA-9".into(), ..case }, Case::default()],
            ..Ledger::default()
        };
        assert_eq!(
            ledger_notice(&ledger).unwrap(),
            "台账中有超出范围的数据（导出的文件将无法再导入），请改正：1 件案件（JA-9），各案件页上有说明。"
        );
        assert_eq!(ledger_notice(&Ledger::default()), None);
    }

    /// Fills every string of a case's JSON with an over-long text: each must be reported, so a
    /// text field added to the model cannot slip past [`case_problems`].
    #[test]
    fn no_text_field_of_a_case_is_missed() {
        let mut case = Case {
            assisting_units: vec![String::new()],
            progress: vec![ProgressEntry { date: day("2026-01-01"), text: String::new() }],
            ..Case::default()
        };
        case.packet.documents = vec![Document::default()];
        case.packet.extension = Some(Extension::default());
        let mut value = serde_json::to_value(&case).unwrap();
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        let mut strings = 0;
        fn fill(value: &mut Value, long: &str, strings: &mut usize, key: &str) {
            match value {
                // Enum labels and dates are strings too; only free texts are filled.
                Value::String(s) if s.is_empty() || key == "id" => {
                    *s = long.to_string();
                    *strings += 1;
                }
                Value::Array(items) => items.iter_mut().for_each(|v| fill(v, long, strings, key)),
                Value::Object(map) => {
                    map.iter_mut().for_each(|(k, v)| fill(v, long, strings, k));
                }
                _ => {}
            }
        }
        fill(&mut value, &long, &mut strings, "");
        let filled: Case = serde_json::from_value(value).unwrap();
        assert_eq!(case_problems(&filled).len(), strings);
    }
}
