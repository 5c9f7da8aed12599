//! The versioned JSON ledger format: what export writes, import reads, and storage keeps.
//! The format is documented in `docs/ledger-format.md`; a change to it bumps [`VERSION`].

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::campaign::Campaign;
use super::closure::StandardId;
use super::model::{Case, Ledger};

/// Marks a JSON file as a ledger of this tool, so that any other JSON is told apart.
pub const FORMAT: &str = "jiean-ledger";
/// The format version this build writes and the newest it reads.
pub const VERSION: u64 = 2;
/// Larger files are refused before parsing: a browser's local storage holds at most
/// 5,242,880 characters, so no real ledger comes close.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// At most this many problems are listed; the rest are counted.
const MAX_LISTED_PROBLEMS: usize = 20;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    exported_at: Option<NaiveDateTime>,
    standard: &'a StandardId,
    campaign: &'a Campaign,
    cases: &'a [Case],
}

/// Only what is needed to recognise the file; everything else is skipped unparsed.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Body {
    cases: Vec<Case>,
    #[serde(default)]
    standard: StandardId,
    #[serde(default)]
    campaign: Campaign,
}

/// Why a text could not be read as a ledger. Its `Display` is the Chinese message for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    TooLarge { bytes: usize },
    NotJson { line: usize, column: usize },
    NotLedger,
    NewerVersion { found: u64 },
    BadVersion,
    BadField { path: String, detail: String },
    Invalid { problems: Vec<String>, more: usize },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { bytes } => write!(
                f,
                "文件过大（{:.1} MB），超过 {} MB 的上限，不是本程序导出的台账文件。",
                *bytes as f64 / 1048576.0,
                MAX_FILE_BYTES / 1048576
            ),
            ReadError::NotJson { line, column } => write!(
                f,
                "文件不是有效的 JSON 格式（第 {line} 行第 {column} 列附近出错），可能已损坏或不是台账文件。"
            ),
            ReadError::NotLedger => write!(f, "这不是积案台账文件：缺少台账格式标记（format 应为 \"{FORMAT}\"）。"),
            ReadError::NewerVersion { found } => write!(
                f,
                "该台账由更新版本的程序导出（格式版本 {found}），本程序只能读取版本 {VERSION} 及以前的格式。请使用更新的 jiean.html 打开。"
            ),
            ReadError::BadVersion => write!(f, "台账文件的格式版本号无效（version 应为正整数）。"),
            ReadError::BadField { path, detail } => write!(f, "台账内容有误：{path}：{detail}"),
            ReadError::Invalid { problems, more } => {
                write!(f, "台账内容有误：{}", problems.join("；"))?;
                if *more > 0 {
                    write!(f, "；另有 {more} 处错误")?;
                }
                write!(f, "。")
            }
        }
    }
}

/// Serialises the ledger in the exchange format. `exported_at` is set for files and left out in
/// storage; `pretty` makes exported files readable.
pub fn write_ledger(ledger: &Ledger, exported_at: Option<NaiveDateTime>, pretty: bool) -> String {
    let envelope = Envelope { format: FORMAT, version: VERSION, exported_at, standard: &ledger.standard, campaign: &ledger.campaign, cases: &ledger.cases };
    let result = if pretty { serde_json::to_string_pretty(&envelope) } else { serde_json::to_string(&envelope) };
    // Serialising plain structs of strings, numbers and dates cannot fail.
    result.expect("ledger serialises")
}

/// Reads a ledger file (or stored ledger) completely, or explains why it cannot.
pub fn read_ledger(text: &str) -> Result<Ledger, ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header: Header = match serde_json::from_str(text) {
        Ok(header) => header,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return Err(ReadError::NotJson { line: e.line(), column: e.column() })
        }
        Err(_) => return Err(ReadError::NotLedger),
    };
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ReadError::NotLedger);
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        // Version 2 added `campaign` and the case fields `outcome`, `resolution`, `rebounds`;
        // a version 1 file reads with their defaults, so it needs no other migration.
        Some(1..=VERSION) => {}
        Some(found) if found > VERSION => return Err(ReadError::NewerVersion { found }),
        _ => return Err(ReadError::BadVersion),
    }

    let body: Body = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
        .map_err(|e| ReadError::BadField { path: describe_path(&e.path().to_string()), detail: e.inner().to_string() })?;
    let ledger = Ledger { cases: body.cases, standard: body.standard, campaign: body.campaign };
    check_ledger(&ledger)?;
    Ok(ledger)
}

/// Turns `cases[3].petitioner.name` into `第 4 件案件的 petitioner.name`.
fn describe_path(path: &str) -> String {
    let Some(rest) = path.strip_prefix("cases[") else { return path.to_string() };
    let Some((index, field)) = rest.split_once(']') else { return path.to_string() };
    let Ok(index) = index.parse::<usize>() else { return path.to_string() };
    match field.strip_prefix('.') {
        Some(field) => format!("第 {} 件案件的字段 {field}", index + 1),
        None => format!("第 {} 件案件", index + 1),
    }
}

/// Rules a well-formed ledger still has to meet: required fields and unique 案件编号 and ids.
fn check_ledger(ledger: &Ledger) -> Result<(), ReadError> {
    let mut problems = Vec::new();
    let mut numbers = HashSet::new();
    let mut ids = HashSet::new();
    for (i, case) in ledger.cases.iter().enumerate() {
        let which = match case.number.trim() {
            "" => format!("第 {} 件案件", i + 1),
            number => format!("第 {} 件案件（{number}）", i + 1),
        };
        if case.number.trim().is_empty() {
            problems.push(format!("{which}缺少案件编号"));
        } else if !numbers.insert(case.number.trim()) {
            problems.push(format!("{which}的案件编号与前面的案件重复"));
        }
        if case.summary.trim().is_empty() {
            problems.push(format!("{which}缺少诉求摘要"));
        }
        if !case.id.is_empty() && !ids.insert(case.id.as_str()) {
            problems.push(format!("{which}的内部标识（id）与前面的案件重复"));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let more = problems.len().saturating_sub(MAX_LISTED_PROBLEMS);
    problems.truncate(MAX_LISTED_PROBLEMS);
    Err(ReadError::Invalid { problems, more })
}

/// Gives every case without an identity a fresh one (hand-made files may lack them).
pub fn fill_missing_ids(ledger: &mut Ledger, mut new_id: impl FnMut() -> String) {
    for case in ledger.cases.iter_mut().filter(|c| c.id.is_empty()) {
        case.id = new_id();
    }
}

/// What adding an imported ledger to the current one did.
#[derive(Debug, Default, PartialEq)]
pub struct AddOutcome {
    pub added: usize,
    /// 案件编号 of incoming cases that were not added because the ledger already has them.
    pub skipped: Vec<String>,
}

/// Adds the incoming cases that the ledger does not already hold (by identity or 案件编号);
/// cases it holds are left untouched. Merging changed cases comes with the merge feature.
pub fn add_new_cases(ledger: &mut Ledger, incoming: Ledger) -> AddOutcome {
    let mut outcome = AddOutcome::default();
    for case in incoming.cases {
        if ledger.find(&case.id).is_some() || ledger.number_taken(&case.number, &case.id) {
            outcome.skipped.push(case.number);
        } else {
            ledger.cases.push(case);
            outcome.added += 1;
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::{DeadlineRule, Rate, Target};
    use crate::core::model::{Category, Flag, Outcome, Petitioner, ProgressEntry, Resolution, Source, Status};
    use crate::core::packet::{DocKind, Document, Extension, Item, Packet, VisitResponse};

    fn sample_ledger() -> Ledger {
        let full = Case {
            id: "c1".into(),
            updated_at: Some("2026-11-20T09:30:00".parse().unwrap()),
            number: "JA-2026-001".into(),
            source: Some(Source::Province),
            assignment_ref: "皖国土资函[2009]371号".into(),
            assigned_on: Some("2026-03-01".parse().unwrap()),
            registered_on: Some("2026-03-02".parse().unwrap()),
            petitioner: Petitioner { name: "张三".into(), contact: "139 0000 0000".into(), residence: "城关镇".into() },
            people_count: Some(3),
            summary: "要求提高征地补偿标准 \"引号\" <b>不是标签</b>".into(),
            category: Some(Category::LandRequisition),
            flags: vec![Flag::Repeated, Flag::Collective],
            lead: "王副县长".into(),
            responsible_unit: "县自然资源局".into(),
            assisting_units: vec!["城关镇政府".into()],
            handler: "李四".into(),
            stability_owner: "赵六".into(),
            plan: "依法依规核算补偿".into(),
            deadline: Some("2026-05-30".parse().unwrap()),
            status: Status::InProgress,
            progress: vec![ProgressEntry { date: "2026-04-01".parse().unwrap(), text: "约谈信访人".into() }],
            packet: Packet {
                documents: vec![Document {
                    id: "d1".into(),
                    doc_ref: "皖国土资函[2009]371号".into(),
                    visit_response: Some(VisitResponse::Refused),
                    visit_reason: "不满意补偿".into(),
                    ..Document::new(Item::ReplyAndVisit, DocKind::FollowUpVisit)
                }],
                closed_on: Some("2026-05-20".parse().unwrap()),
                extension: Some(Extension { days: 30, approver: "县长".into(), approved_on: None }),
            },
            outcome: Some(Outcome::Settled),
            resolution: Some(Resolution::Helped),
            rebounds: 1,
        };
        let sparse = Case { id: "c2".into(), number: "JA-2026-002".into(), summary: "物业纠纷".into(), ..Case::default() };
        let campaign = Campaign {
            name: "2026年信访积案化解专项行动".into(),
            starts_on: Some("2026-03-01".parse().unwrap()),
            ends_on: Some("2026-12-31".parse().unwrap()),
            deadline_rule: DeadlineRule::Sixty,
            targets: vec![Target { rate: Rate::Resolved, percent: 65, by: "2026-12-31".parse().unwrap() }],
        };
        Ledger { cases: vec![full, sparse], standard: StandardId("qigeyi".into()), campaign }
    }

    #[test]
    fn export_then_import_gives_the_same_ledger() {
        let ledger = sample_ledger();
        for pretty in [true, false] {
            let text = write_ledger(&ledger, Some("2026-11-23T08:00:00".parse().unwrap()), pretty);
            assert_eq!(read_ledger(&text).unwrap(), ledger);
        }
        let text = write_ledger(&ledger, None, true);
        assert!(text.contains("\"format\": \"jiean-ledger\""));
        assert!(text.contains("\"status\": \"化解中\""));
        assert!(text.contains("\"assigned_on\": \"2026-03-01\""));
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{}", write_ledger(&sample_ledger(), None, false));
        assert!(read_ledger(&text).is_ok());
    }

    #[test]
    fn not_json_names_line_and_column() {
        let err = read_ledger("{\n  \"format\": \"jiean-ledger\",\n  oops\n}").unwrap_err();
        assert_eq!(err, ReadError::NotJson { line: 3, column: 3 });
        assert!(err.to_string().contains("第 3 行第 3 列"));
        assert!(matches!(read_ledger(""), Err(ReadError::NotJson { .. })));
    }

    #[test]
    fn other_json_is_not_a_ledger() {
        for text in ["[1,2]", "{\"cases\": []}", "{\"format\": \"excel\", \"version\": 1}", "\"text\"", "null"] {
            assert_eq!(read_ledger(text), Err(ReadError::NotLedger), "{text}");
        }
    }

    #[test]
    fn versions_are_checked() {
        let newer = "{\"format\":\"jiean-ledger\",\"version\":7,\"cases\":[]}";
        assert_eq!(read_ledger(newer), Err(ReadError::NewerVersion { found: 7 }));
        assert!(read_ledger(newer).unwrap_err().to_string().contains("版本 7"));
        for bad in ["0", "-1", "\"1\"", "1.5", "null"] {
            let text = format!("{{\"format\":\"jiean-ledger\",\"version\":{bad},\"cases\":[]}}");
            assert_eq!(read_ledger(&text), Err(ReadError::BadVersion), "{bad}");
        }
    }

    #[test]
    fn a_bad_field_is_named_by_case_and_field() {
        let text = r#"{"format":"jiean-ledger","version":1,"cases":[
            {"number":"A","summary":"x"},
            {"number":"B","summary":"y","assigned_on":"2026-02-30"}]}"#;
        let err = read_ledger(text).unwrap_err();
        let ReadError::BadField { path, .. } = &err else { panic!("{err:?}") };
        assert_eq!(path, "第 2 件案件的字段 assigned_on");
        let text = r#"{"format":"jiean-ledger","version":1,"cases":[{"number":"A","summary":"x","people_count":-3}]}"#;
        assert!(read_ledger(text).unwrap_err().to_string().contains("people_count"));
        let text = r#"{"format":"jiean-ledger","version":1,"cases":[{"number":"A","summary":"x","status":"已作废"}]}"#;
        assert!(read_ledger(text).unwrap_err().to_string().contains("第 1 件案件的字段 status"));
        let text = r#"{"format":"jiean-ledger","version":1}"#;
        assert!(matches!(read_ledger(text), Err(ReadError::BadField { .. })));
    }

    #[test]
    fn missing_required_fields_and_duplicates_are_all_listed() {
        let text = r#"{"format":"jiean-ledger","version":1,"cases":[
            {"number":"A","summary":"x","id":"1"},
            {"number":"A","summary":"","id":"1"},
            {"summary":"z"}]}"#;
        let ReadError::Invalid { problems, more } = read_ledger(text).unwrap_err() else { panic!() };
        assert_eq!(
            problems,
            [
                "第 2 件案件（A）的案件编号与前面的案件重复",
                "第 2 件案件（A）缺少诉求摘要",
                "第 2 件案件（A）的内部标识（id）与前面的案件重复",
                "第 3 件案件缺少案件编号",
            ]
        );
        assert_eq!(more, 0);
    }

    #[test]
    fn long_problem_lists_are_cut_and_counted() {
        let cases: Vec<String> = (0..30).map(|_| r#"{"number":"","summary":"x"}"#.to_string()).collect();
        let text = format!(r#"{{"format":"jiean-ledger","version":1,"cases":[{}]}}"#, cases.join(","));
        let err = read_ledger(&text).unwrap_err();
        assert!(matches!(&err, ReadError::Invalid { problems, more: 10 } if problems.len() == 20));
        assert!(err.to_string().ends_with("另有 10 处错误。"));
    }

    #[test]
    fn huge_and_deeply_nested_input_is_refused_without_crashing() {
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(matches!(read_ledger(&huge), Err(ReadError::TooLarge { .. })));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read_ledger(&deep).is_err());
        let deep_in_case = format!(
            r#"{{"format":"jiean-ledger","version":1,"cases":[{{"number":"A","summary":"x","extra":{}{}}}]}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        // Unknown fields are skipped (serde_json skips without recursing), so this one is harmless.
        assert_eq!(read_ledger(&deep_in_case).unwrap().cases.len(), 1);
    }

    #[test]
    fn missing_ids_are_filled_and_adding_skips_known_cases() {
        let mut incoming = read_ledger(r#"{"format":"jiean-ledger","version":1,"cases":[
            {"number":"JA-2026-001","summary":"同号不同案"},
            {"number":"JA-2026-009","summary":"新案件"},
            {"id":"c2","number":"改过编号","summary":"同一案件"}]}"#)
        .unwrap();
        let mut n = 0;
        fill_missing_ids(&mut incoming, || {
            n += 1;
            format!("new-{n}")
        });
        assert_eq!(incoming.cases[0].id, "new-1");
        assert_eq!(incoming.cases[2].id, "c2");

        let mut ledger = sample_ledger();
        let outcome = add_new_cases(&mut ledger, incoming);
        assert_eq!(outcome, AddOutcome { added: 1, skipped: vec!["JA-2026-001".into(), "改过编号".into()] });
        assert_eq!(ledger.cases.len(), 3);
        assert_eq!(ledger.cases[2].number, "JA-2026-009");
    }
}
