//! The versioned JSON ledger format: what export writes, import reads, and storage keeps.
//! The format is documented in `docs/ledger-format.md`; a change to it bumps [`VERSION`].
//!
//! Reading checks everything before anything is used: size and nesting first (hostile input is
//! refused before it is parsed), then JSON syntax, the format marker and version, every case's
//! fields, types and ranges, required fields and duplicates. All problems are listed at once,
//! each naming the case and the field, so that a clerk can fix the file in one go.

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::json_path::{error_offset, path_at};
use super::local::Local;
use crate::core::ledger::campaign::Campaign;
use crate::core::ledger::fields::describe_path;
use crate::core::ledger::limits::{campaign_problems, case_problems};
use crate::core::ledger::model::{Case, Ledger, StandardId};

/// Marks a JSON file as a ledger of this tool, so that any other JSON is told apart.
pub const FORMAT: &str = "jiean-ledger";
/// The format version this build writes and the newest it reads.
pub const VERSION: u64 = 4;
/// Larger files are refused before parsing. Storage is packed (core::exchange::packing), so a browser can
/// hold a merged ledger of thousands of cases: 5,000 realistic cases export to about 40 MB of
/// pretty JSON (bench/), and this leaves room for three times that.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;
/// Deepest nesting of arrays and objects accepted. The format nests at most 7 deep (stored
/// text → 回收站 → entry → case → packet → documents → document); deeper input is hostile or
/// broken and is refused before it is parsed.
pub const MAX_DEPTH: usize = 16;
use crate::core::ledger::limits::MAX_CASES;
use crate::core::ledger::text::split_names;
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
    /// Only in storage: this browser's 回收站 and backup record.
    #[serde(skip_serializing_if = "Option::is_none")]
    local: Option<&'a Local>,
}

/// Why a text could not be read as a ledger. Its `Display` is the Chinese message for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    TooLarge { bytes: usize },
    TooDeep,
    TooManyCases { count: usize },
    Empty,
    NotJson { line: usize, column: usize },
    NotLedger,
    NewerVersion { found: u64 },
    BadVersion,
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
            ReadError::TooDeep => {
                write!(f, "文件的层次嵌套超过 {MAX_DEPTH} 层，不是本程序导出的台账文件，可能已损坏或被改动。")
            }
            ReadError::TooManyCases { count } => {
                write!(f, "文件包含 {count} 件案件，超过 {MAX_CASES} 件的上限，不是本程序导出的台账文件。")
            }
            ReadError::Empty => write!(f, "文件是空的，没有任何内容。"),
            ReadError::NotJson { line, column } => write!(
                f,
                "文件不是完整的台账文件（第 {line} 行第 {column} 列附近内容有误），可能在复制或下载时被截断，或被其他程序改动过。"
            ),
            ReadError::NotLedger => write!(
                f,
                "这不是积案台账文件：文件中没有本程序的台账标记。请选择由本程序「导出台账」得到的文件。"
            ),
            ReadError::NewerVersion { found } => write!(
                f,
                "该台账由更新版本的程序导出（格式版本 {found}），本程序只能读取版本 {VERSION} 及以前的格式。请使用更新的 jiean.html 打开。"
            ),
            ReadError::BadVersion => {
                write!(f, "台账文件的格式版本号无效，文件可能被其他程序改动过。")
            }
            // One problem per line (the page keeps the line breaks).
            ReadError::Invalid { problems, more } => {
                write!(f, "台账内容有误，共 {} 处：", problems.len() + more)?;
                for problem in problems {
                    write!(f, "\n· {problem}；")?;
                }
                if *more > 0 {
                    write!(f, "\n另有 {more} 处错误未列出。")?;
                }
                Ok(())
            }
        }
    }
}

/// Serialises the ledger as a file in the exchange format (pretty, so that it reads in an editor).
pub fn write_ledger(ledger: &Ledger, exported_at: Option<NaiveDateTime>, pretty: bool) -> String {
    write(ledger, exported_at, None, pretty)
}

/// The text kept in local storage: the exchange format, compact, with this browser's
/// 回收站 and backup record (which exports leave out).
pub fn write_stored(ledger: &Ledger, local: &Local) -> String {
    write(ledger, None, (!local.is_empty()).then_some(local), false)
}

fn write(
    ledger: &Ledger,
    exported_at: Option<NaiveDateTime>,
    local: Option<&Local>,
    pretty: bool,
) -> String {
    let envelope = Envelope {
        format: FORMAT,
        version: VERSION,
        exported_at,
        standard: &ledger.standard,
        campaign: &ledger.campaign,
        cases: &ledger.cases,
        local,
    };
    let result = if pretty {
        serde_json::to_string_pretty(&envelope)
    } else {
        serde_json::to_string(&envelope)
    };
    // Serialising plain structs of strings, numbers and dates cannot fail.
    result.expect("ledger serialises")
}

/// Reads a ledger file completely, or explains why it cannot. A `local` part in a file is
/// ignored: 回收站 and backup record belong to the browser that wrote them.
pub fn read_ledger(text: &str) -> Result<Ledger, ReadError> {
    read(text, false).map(|(ledger, _)| ledger)
}

/// Reads the text kept in local storage, migrating earlier versions like an imported file.
pub fn read_stored(text: &str) -> Result<(Ledger, Local), ReadError> {
    read(text, true)
}

/// The top level, with every part left unparsed until it is checked on its own. (Parts are
/// parsed from their text, never through `serde_json::Value`, so that the app holds one copy of
/// the deserialising code.)
type Parts<'a> = std::collections::BTreeMap<String, &'a RawValue>;

fn read(text: &str, with_local: bool) -> Result<(Ledger, Local), ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if nesting_exceeds(text, MAX_DEPTH) {
        return Err(ReadError::TooDeep);
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    match read_in_one_pass(text, with_local) {
        Some(read) => Ok(read),
        None => read_part_by_part(text, with_local),
    }
}

/// The whole text as one value: what a valid ledger reads as in a single pass.
#[derive(Deserialize)]
struct Whole {
    format: String,
    version: u64,
    #[serde(default)]
    standard: StandardId,
    #[serde(default)]
    campaign: Campaign,
    cases: Vec<Case>,
    #[serde(default)]
    local: Local,
}

/// A text without any problem, read in one pass of plain serde_json and checked like any other
/// (open and import read thousands of cases: bench). Anything unusual — a part that does not
/// read, a version that needs migrating, a limit or a duplicate — gives `None`, and
/// [`read_part_by_part`] then reads it again, naming every problem. Both take the same values:
/// a part missing is its default, `null` is refused, a `local` part is kept only from storage.
/// (serde would also read a case written as an array of its fields in order; no file does that,
/// and such a case still meets every check.)
fn read_in_one_pass(text: &str, with_local: bool) -> Option<(Ledger, Local)> {
    let whole: Whole = serde_json::from_str(text).ok()?;
    // Versions 1 to VERSION read alike (see the migration note in `read_part_by_part`).
    if whole.format != FORMAT || !(1..=VERSION).contains(&whole.version) {
        return None;
    }
    let strict = !with_local;
    if strict && whole.cases.len() > MAX_CASES {
        return None;
    }
    let mut problems = Vec::new();
    if strict {
        check_campaign(&whole.campaign, &mut problems);
    }
    let (mut numbers, mut ids) = (HashSet::new(), HashSet::new());
    for case in &whole.cases {
        check_case(case, "", strict, &mut problems);
        let number = case.number.trim();
        let repeated = (!number.is_empty() && !numbers.insert(number))
            || (!case.id.is_empty() && !ids.insert(case.id.as_str()));
        if repeated || !problems.is_empty() {
            return None;
        }
    }
    if !problems.is_empty() {
        return None;
    }
    let local = if with_local { whole.local } else { Local::default() };
    Some((Ledger { cases: whole.cases, standard: whole.standard, campaign: whole.campaign }, local))
}

/// Reads a text part by part, so that every problem is found and named (see [`read`]).
fn read_part_by_part(text: &str, with_local: bool) -> Result<(Ledger, Local), ReadError> {
    let parts: Parts = match serde_json::from_str(text) {
        Ok(parts) => parts,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return Err(ReadError::NotJson { line: e.line(), column: e.column() })
        }
        Err(_) => return Err(ReadError::NotLedger),
    };
    let value =
        |key: &str| parts.get(key).and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok());
    if value("format").as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(ReadError::NotLedger);
    }
    match value("version").as_ref().and_then(Value::as_u64) {
        // Migration of earlier versions, tested with a fixture of each (`tests/fixtures/`):
        // 1 → 2 added `campaign` and the case fields `outcome`, `resolution` and `rebounds`,
        // which a version 1 text lacks and which read as their defaults (no campaign settings,
        // no outcome, 0 rebounds); a version 1 `deadline` was typed by hand and stays a limit set
        // by hand. 2 → 3 added `channel` (信访形式), `petitioner.id_number` (身份证号) and
        // `remarks` (备注), which an older text lacks and which read as empty. 3 → 4 added
        // `lead_contact` (包案领导联系电话), read as empty from an older text. A later version
        // that renames or reshapes a field rewrites the older text here, before the parts are read.
        Some(1..=VERSION) => {}
        Some(found) if found > VERSION => return Err(ReadError::NewerVersion { found }),
        _ => return Err(ReadError::BadVersion),
    }

    let mut problems = Vec::new();
    let cases: Vec<&RawValue> = match parts.get("cases").map(|raw| serde_json::from_str(raw.get()))
    {
        Some(Ok(cases)) => cases,
        Some(Err(_)) => return Err(invalid(vec!["文件中的案件列表不是一组案件".into()])),
        None => return Err(invalid(vec!["文件中没有案件列表".into()])),
    };
    // Limits that guard against hostile or foreign files apply to imports; the app's own stored
    // ledger is checked for structure only, so that nothing it saved can lock the user out.
    let strict = !with_local;
    if strict && cases.len() > MAX_CASES {
        return Err(ReadError::TooManyCases { count: cases.len() });
    }
    let standard = read_part::<StandardId>(&parts, "standard", "结案审核标准", &mut problems);
    let campaign = read_part::<Campaign>(&parts, "campaign", "专项工作设置", &mut problems);
    if let Some(campaign) = campaign.as_ref().filter(|_| strict) {
        check_campaign(campaign, &mut problems);
    }

    let mut read_cases = Vec::with_capacity(cases.len());
    let mut numbers = HashSet::new();
    let mut ids = HashSet::new();
    for (i, raw) in cases.iter().enumerate() {
        let read = read_case(raw.get());
        // A case that cannot be read still counts for duplicate numbers, by what its text says.
        let number = match &read {
            Ok(case) => case.number.clone(),
            Err(_) => serde_json::from_str::<Value>(raw.get())
                .ok()
                .and_then(|v| v.get("number")?.as_str().map(String::from))
                .unwrap_or_default(),
        };
        let which = case_name(i, &number);
        match read {
            Ok(case) => {
                check_case(&case, &which, strict, &mut problems);
                check_unique(&case.number, &case.id, &which, &mut numbers, &mut ids, &mut problems);
                read_cases.push(case);
            }
            Err(problem) => {
                problems.push(format!("{which}{problem}"));
                check_unique(&number, "", &which, &mut numbers, &mut ids, &mut problems);
            }
        }
    }
    let local = if with_local {
        read_part::<Local>(&parts, "local", "本浏览器保存的回收站或备份记录", &mut problems)
            .unwrap_or_default()
    } else {
        Local::default()
    };
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let ledger = Ledger {
        cases: read_cases,
        standard: standard.unwrap_or_default(),
        campaign: campaign.unwrap_or_default(),
    };
    Ok((ledger, local))
}

/// Parses one case from its JSON text; the error names the field, in Chinese, after the case.
pub(crate) fn read_case(text: &str) -> Result<Case, String> {
    if !text.trim_start().starts_with('{') {
        return Err("不是一件案件的内容".into());
    }
    parse_part::<Case>(text, "")
}

fn parse_part<T: DeserializeOwned>(text: &str, key: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| {
        // The field is found from where the read stopped, only now that it failed.
        let at = error_offset(text, e.line(), e.column());
        let path = at.map_or_else(|| ".".to_string(), |at| path_at(text, at));
        let path = match (key, path.as_str()) {
            (key, ".") => key.to_string(),
            ("", path) => path.to_string(),
            (key, path) => format!("{key}.{path}"),
        };
        let found = serde_json::from_str::<Value>(text).ok();
        let below = path.strip_prefix(key).unwrap_or(&path).trim_start_matches('.');
        let found = found.as_ref().and_then(|v| lookup(v, below));
        // An error about the part as a whole names no field.
        let field = if path == key { String::new() } else { describe_path(&path) };
        let problem = explain(&e, &path, found);
        match field.is_empty() {
            true => problem,
            false => format!("的{field}{problem}"),
        }
    })
}

/// The value at `path` (`progress[1].date`, as `json_path::path_at` writes it) in `value`.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut value = value;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (key, indices) = segment.split_once('[').map_or((segment, ""), |(k, i)| (k, i));
        if !key.is_empty() {
            value = value.get(key)?;
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            value = value.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(value)
}

fn invalid(mut problems: Vec<String>) -> ReadError {
    let more = problems.len().saturating_sub(MAX_LISTED_PROBLEMS);
    problems.truncate(MAX_LISTED_PROBLEMS);
    ReadError::Invalid { problems, more }
}

/// Whether arrays and objects nest deeper than `max`, found by a scan that needs no parser (so
/// that deep input cannot exhaust the parser's stack).
fn nesting_exceeds(text: &str, max: usize) -> bool {
    let (bytes, mut depth, mut i) = (text.as_bytes(), 0usize, 0);
    while let Some(&b) = bytes.get(i) {
        match b {
            // A string is skipped in a loop of its own: most of a ledger is text.
            b'"' => {
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    match b {
                        b'"' => break,
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    false
}

/// `第 3 件案件（JA-2026-003）`, or without the number when it has none.
fn case_name(i: usize, number: &str) -> String {
    match number.trim() {
        "" => format!("第 {} 件案件", i + 1),
        number => {
            let short: String = number.chars().take(40).collect();
            let cut = if short.len() < number.len() { "…" } else { "" };
            format!("第 {} 件案件（{short}{cut}）", i + 1)
        }
    }
}

fn read_part<T: DeserializeOwned>(
    parts: &Parts,
    key: &str,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    let raw = parts.get(key)?.get();
    parse_part(raw, key).map_err(|problem| problems.push(format!("{name}{problem}"))).ok()
}

/// Turns serde's English error into what the clerk needs to know, in Chinese: what the field
/// should hold and what the file has instead (quoted, as the user's own data). The English
/// detail is never shown: a message not recognised here says the value is written wrongly.
fn explain(error: &serde_json::Error, path: &str, found: Option<&Value>) -> String {
    use serde_json::error::Category;
    let detail = error.to_string();
    // The position is within the case's own text, which means nothing to the reader.
    let detail = detail.rsplit_once(" at line ").map_or(detail.as_str(), |(d, _)| d);
    let shown = found.map(found_text).unwrap_or_default();
    let is_time = ["updated_at", "deleted_at", "last_export", "unexported_since"]
        .iter()
        .any(|k| path.ends_with(k));
    const DATE_ERRORS: &[&str] = &[
        "input contains invalid characters",
        "input is out of range",
        "premature end of input",
        "trailing input",
        "input is not enough",
        "no possible date and time",
        "input is not a valid",
        "expected a formatted date",
    ];
    if matches!(error.classify(), Category::Syntax | Category::Eof) {
        // The whole file parsed, so this is a text or number serde_json reads more strictly:
        // an escape cut short or a lone surrogate (\ud800), or a number beyond any range.
        let broken_text = ["escape", "surrogate", "unicode", "control character"];
        return if detail.contains("number out of range") {
            "的数字过大".into()
        } else if broken_text.iter().any(|w| detail.contains(w)) {
            "中有残缺的转义字符，可能在复制时被截断或被编辑改坏".into()
        } else {
            format!("的写法不对{}", found_instead(&shown))
        };
    }
    if DATE_ERRORS.iter().any(|e| detail.contains(e)) {
        return match is_time {
            true => format!("不是日期和时间{}", after_colon(&shown)),
            false => format!("不是日期{}（应写作 2026-03-01 这样的年-月-日）", after_colon(&shown)),
        };
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (_, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let choices: Vec<&str> =
            expected.split('`').skip(1).step_by(2).filter(|c| !c.is_empty()).collect();
        let listed = match choices.iter().any(|c| has_latin(c)) || choices.is_empty() {
            true => String::new(),
            false => format!("（可选：{}）", choices.join("、")),
        };
        return format!("的值{shown}不是可选的值{listed}");
    }
    if let Some(rest) = detail.strip_prefix("missing field ") {
        return format!("缺少{}", name_of(path, rest.trim_matches('`')));
    }
    if let Some(rest) = detail.strip_prefix("duplicate field ") {
        return format!("中{}写了两次", name_of(path, rest.trim_matches('`')));
    }
    let expected = detail.split_once(", expected ").map_or("", |(_, e)| e);
    if ["u8", "u16", "u32", "u64"].contains(&expected) {
        let too_large = found.and_then(Value::as_f64).is_some_and(|n| n >= 1.0);
        return match (too_large, found.is_some_and(Value::is_u64)) {
            (true, true) => format!("的数字过大{}", after_colon(&shown)),
            _ => format!("应为不小于 0 的整数{}", found_instead(&shown)),
        };
    }
    let kind = match expected {
        "a string" => Some("文字"),
        "a sequence" => Some("列表"),
        "a boolean" => Some("“是”或“否”"),
        e if e.starts_with("struct") || e.starts_with("a map") => Some("一组内容"),
        e if e.starts_with('i') || e.contains("integer") => Some("整数"),
        _ => None,
    };
    if let Some(kind) = kind {
        return format!("应为{kind}{}", found_instead(&shown));
    }
    // Messages of this program's own checks (e.g. an item number of 六有) are Chinese already.
    if !has_latin(detail) {
        return format!("有误：{detail}");
    }
    format!("的写法不对{}", found_instead(&shown))
}

/// What the file holds where a field was expected, as the clerk can find it in the file:
/// texts and numbers quoted, lists and objects by their kind.
fn found_text(value: &Value) -> String {
    match value {
        Value::Null => "空值".into(),
        Value::Array(_) => "一组列表".into(),
        Value::Object(_) => "一组内容".into(),
        Value::String(s) => quoted(s),
        other => quoted(&other.to_string()),
    }
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    let cut = if short.len() < text.len() { "…" } else { "" };
    format!("“{short}{cut}”")
}

fn after_colon(shown: &str) -> String {
    if shown.is_empty() {
        String::new()
    } else {
        format!("：{shown}")
    }
}

fn found_instead(shown: &str) -> String {
    if shown.is_empty() {
        String::new()
    } else {
        format!("，文件中是{shown}")
    }
}

/// The Chinese name of a field `key` of the object at `path`.
fn name_of(path: &str, key: &str) -> String {
    let full = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    let keys: String =
        full.split('.').map(|k| k.split('[').next().unwrap_or(k)).collect::<Vec<_>>().join(".");
    match crate::core::ledger::fields::label(&keys) {
        Some(label) => format!("「{label}」"),
        None => "一项必需的内容".into(),
    }
}

fn has_latin(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
}

/// Rules a well-formed case still has to meet: required fields, and in an imported file the
/// limits every way in shares (`core::ledger::limits`). The app's stored ledger is read whatever its
/// values; the case page shows those outside the limits, to correct in the form.
fn check_case(case: &Case, which: &str, strict: bool, problems: &mut Vec<String>) {
    if case.number.trim().is_empty() {
        problems.push(format!("{which}缺少案件编号"));
    }
    if case.summary.trim().is_empty() {
        problems.push(format!("{which}缺少诉求摘要"));
    }
    if !strict {
        return;
    }
    // As the form and the sheet import: one 包案领导 per case (《信访积案化解工作方案》:
    // 不实行两人或两人以上重复包一案), names counted by core::ledger::text::split_names.
    let leads = split_names(&case.lead).len();
    if leads > 1 {
        problems.push(format!(
            "{which}填写了 {leads} 名包案领导（“{}”）：每件积案只能有一名包案领导",
            case.lead.trim()
        ));
    }
    problems.extend(case_problems(case).iter().map(|p| format!("{which}的{}", p.describe())));
}

fn check_campaign(campaign: &Campaign, problems: &mut Vec<String>) {
    problems.extend(
        campaign_problems(campaign).iter().map(|p| format!("专项工作设置的{}", p.describe())),
    );
}

/// 案件编号 and ids are unique within a ledger.
fn check_unique(
    number: &str,
    id: &str,
    which: &str,
    numbers: &mut HashSet<String>,
    ids: &mut HashSet<String>,
    problems: &mut Vec<String>,
) {
    let number = number.trim();
    if !number.is_empty() && !numbers.insert(number.to_string()) {
        problems.push(format!("{which}的案件编号与前面的案件重复"));
    }
    if !id.is_empty() && !ids.insert(id.to_string()) {
        problems.push(format!("{which}的内部标识与前面的案件重复"));
    }
}

/// Gives every case without an identity a fresh one (hand-made files may lack them).
pub fn fill_missing_ids(ledger: &mut Ledger, mut new_id: impl FnMut() -> String) {
    for case in ledger.cases.iter_mut().filter(|c| c.id.is_empty()) {
        case.id = new_id();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::campaign::{DeadlineRule, Rate, Target};
    use crate::core::ledger::limits::MAX_TEXT_CHARS;
    use crate::core::ledger::model::{
        Category, Flag, Outcome, Petitioner, ProgressEntry, Resolution, Source, Status,
    };
    use crate::core::ledger::packet::{DocKind, Document, Extension, Item, Packet, VisitResponse};

    #[test]
    fn storage_reads_back_whatever_the_app_saved_while_imports_keep_their_limits() {
        let mut ledger = sample_ledger();
        ledger.cases[0].assigned_on = Some("1026-03-01".parse().unwrap());
        ledger.cases[1].summary = "长".repeat(MAX_TEXT_CHARS + 1);
        let stored = write_stored(&ledger, &Local::default());
        assert_eq!(read_stored(&stored).unwrap().0, ledger);
        let refused = read_ledger(&write_ledger(&ledger, None, false)).unwrap_err().to_string();
        assert!(refused.contains("年份 1026") && refused.contains("过长"), "{refused}");
    }

    fn sample_ledger() -> Ledger {
        let full = Case {
            id: "c1".into(),
            updated_at: Some("2026-11-20T09:30:00".parse().unwrap()),
            number: "JA-2026-001".into(),
            source: Some(Source::Province),
            assignment_ref: "皖国土资函[2009]371号".into(),
            assigned_on: Some("2026-03-01".parse().unwrap()),
            registered_on: Some("2026-03-02".parse().unwrap()),
            channel: "网上信访".into(),
            petitioner: Petitioner {
                name: "张三".into(),
                id_number: "32010219800101123X".into(),
                contact: "139 0000 0000".into(),
                residence: "城关镇".into(),
            },
            people_count: Some(3),
            summary: "要求提高征地补偿标准 \"引号\" <b>不是标签</b>".into(),
            category: Some(Category::LandRequisition),
            flags: vec![Flag::Repeated, Flag::Collective],
            lead: "王副县长".into(),
            lead_contact: "0551-1234567".into(),
            responsible_unit: "县自然资源局".into(),
            assisting_units: vec!["城关镇政府".into()],
            handler: "李四".into(),
            stability_owner: "赵六".into(),
            plan: "依法依规核算补偿".into(),
            deadline: Some("2026-05-30".parse().unwrap()),
            status: Status::InProgress,
            progress: vec![ProgressEntry {
                date: "2026-04-01".parse().unwrap(),
                text: "约谈信访人".into(),
            }],
            packet: Packet {
                documents: vec![Document {
                    id: "d1".into(),
                    doc_ref: "皖国土资函[2009]371号".into(),
                    visit_response: Some(VisitResponse::Refused),
                    visit_reason: "不满意补偿".into(),
                    ..Document::new(Item::ReplyAndVisit, DocKind::FollowUpVisit)
                }],
                closed_on: Some("2026-05-20".parse().unwrap()),
                extension: Some(Extension {
                    days: 30, approver: "县长".into(), approved_on: None
                }),
                procedure: crate::core::ledger::packet::Procedure {
                    accepted_on: Some("2026-03-02".parse().unwrap()),
                    review_requested_on: Some("2026-06-01".parse().unwrap()),
                    recheck_requested_on: None,
                    hearing_days: crate::core::ledger::packet::HearingDays {
                        handling: 0,
                        review: 3,
                        recheck: 0,
                    },
                },
            },
            outcome: Some(Outcome::Settled),
            resolution: Some(Resolution::Helped),
            rebounds: 1,
            remarks: "导入时原样保留：来源“12345”".into(),
        };
        let sparse = Case {
            id: "c2".into(),
            number: "JA-2026-002".into(),
            summary: "物业纠纷".into(),
            ..Case::default()
        };
        let campaign = Campaign {
            name: "2026年信访积案化解专项行动".into(),
            starts_on: Some("2026-03-01".parse().unwrap()),
            ends_on: Some("2026-12-31".parse().unwrap()),
            deadline_rule: DeadlineRule::Sixty,
            counts_from: crate::core::ledger::campaign::StartEvent::Acceptance,
            extensions: crate::core::ledger::campaign::ExtensionPolicy {
                allowed: false,
                max_days: 20,
            },
            targets: vec![Target {
                rate: Rate::Resolved,
                percent: 65,
                by: "2026-12-31".parse().unwrap(),
            }],
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
    fn the_one_pass_read_agrees_with_the_part_by_part_read_or_leaves_the_text_to_it() {
        let ledger = sample_ledger();
        let mut local = Local::default();
        local.note_export("2026-11-21T08:00:00".parse().unwrap());
        let good = [
            write_ledger(&ledger, None, true),
            write_stored(&ledger, &local),
            include_str!("../../../tests/fixtures/ledger-v1.json").to_string(),
            include_str!("../../../tests/fixtures/ledger-v2.json").to_string(),
        ];
        for text in &good {
            for with_local in [false, true] {
                let fast = read_in_one_pass(text, with_local);
                assert!(fast.is_some(), "{text}");
                assert_eq!(fast.map(Ok), Some(read_part_by_part(text, with_local)));
            }
        }
        let stored = write_stored(&ledger, &local);
        let declined = [
            stored.replacen("\"campaign\":{", "\"campaign\":null,\"x\":{", 1),
            stored.replacen("\"cases\":[", "\"standard\":null,\"cases\":[", 1),
            stored.replacen("\"cases\":[", "\"local\":null,\"cases\":[", 1),
            stored.replacen("\"version\":", "\"version\":9,\"v\":", 1),
            stored.replacen("\"format\":", "\"format\":\"jiean-ledger\",\"format\":", 1),
            stored.replace("JA-2026-002", "JA-2026-001"),
            stored.replacen("\"summary\":\"物业纠纷\"", "\"summary\":\" \"", 1),
            stored.replacen("\"cases\":[", "\"cases\":[[],", 1),
        ];
        for text in &declined {
            assert_ne!(text, &stored);
            assert_eq!(read_in_one_pass(text, true), None, "{text}");
        }
        // An imported file is held to the limits; storage is not.
        let long = stored.replacen("物业纠纷", &"长".repeat(MAX_TEXT_CHARS + 1), 1);
        assert!(read_in_one_pass(&long, true).is_some());
        assert_eq!(read_in_one_pass(&long, false), None);
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
        assert_eq!(read_ledger(" \n"), Err(ReadError::Empty));
    }

    #[test]
    fn other_json_is_not_a_ledger() {
        for text in [
            "[1,2]",
            "{\"cases\": []}",
            "{\"format\": \"excel\", \"version\": 1}",
            "\"text\"",
            "null",
        ] {
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

    fn problems(text: &str) -> Vec<String> {
        match read_ledger(text) {
            Err(ReadError::Invalid { problems, .. }) => problems,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_bad_field_is_named_by_case_and_field_in_chinese() {
        let text = r#"{"format":"jiean-ledger","version":1,"cases":[
            {"number":"A","summary":"x","assigned_on":"2026-02-30"},
            {"number":"B","summary":"y","people_count":-3},
            {"number":"C","summary":"z","status":"已作废"},
            {"number":"D","summary":"w","progress":[{"date":"2026-01-01","text":"a"},{"date":"昨天","text":"b"}]},
            {"number":"E","summary":"v","flags":"重复访"},
            {"number":"F","summary":"u","updated_at":"2026-01-01 08:00"},
            "not a case",
            {"number":"G","summary":"t","deadline":"0226-05-30"},
            {"number":"A","summary":"s"}]}"#;
        assert_eq!(
            problems(text),
            [
                "第 1 件案件（A）的「交办日期」不是日期：“2026-02-30”（应写作 2026-03-01 这样的年-月-日）",
                "第 2 件案件（B）的「涉及人数」应为不小于 0 的整数，文件中是“-3”",
                "第 3 件案件（C）的「状态」的值“已作废”不是可选的值（可选：排查登记、已交办、化解中、办结待审、已办结）",
                "第 4 件案件（D）的「第 2 条办理情况的日期」不是日期：“昨天”（应写作 2026-03-01 这样的年-月-日）",
                "第 5 件案件（E）的「案件特征」应为列表，文件中是“重复访”",
                "第 6 件案件（F）的「最后修改时间」不是日期和时间：“2026-01-01 08:00”",
                "第 7 件案件不是一件案件的内容",
                "第 8 件案件（G）的「办结时限」年份 226 不合理（应在 1900 至 2100 年之间）",
                "第 9 件案件（A）的案件编号与前面的案件重复",
            ]
        );
        let text = r#"{"format":"jiean-ledger","version":2,"cases":[],
            "campaign":{"targets":[{"rate":"化解率","percent":130,"by":"2026-12-31"}]},"standard":5}"#;
        assert_eq!(
            problems(text),
            [
                "结案审核标准应为文字，文件中是“5”",
                "专项工作设置的「第 1 条目标任务的百分比」应在 0 至 100 之间",
            ]
        );
        assert_eq!(problems(r#"{"format":"jiean-ledger","version":1}"#), ["文件中没有案件列表"]);
        assert_eq!(
            problems(r#"{"format":"jiean-ledger","version":1,"cases":{}}"#),
            ["文件中的案件列表不是一组案件"]
        );
    }

    /// Every way a ledger file can be broken gets a message in plain Chinese naming the case and
    /// the field: no serde wording, no JSON keys (`ledger::wording`).
    #[test]
    fn every_broken_file_is_explained_in_plain_chinese() {
        let ledger = sample_ledger();
        let text = write_ledger(&ledger, None, true);
        let numbers = ["JA-2026-001", "JA-2026-002"];
        let refused = |text: &str| -> String {
            let message = read_ledger(text).expect_err("a broken file is refused").to_string();
            crate::core::ledger::wording::assert_plain(&message, &numbers);
            message
        };
        // Cut anywhere, as a copy on a full stick or an aborted download leaves it.
        let cuts = text.char_indices().map(|(at, _)| at).filter(|at| at % 37 == 1);
        for at in cuts {
            refused(&text[..at]);
        }
        // Every field of the first case (and the campaign) with every wrong kind of value.
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut paths = Vec::new();
        leaf_paths(&value["cases"][0], "/cases/0", &mut paths);
        leaf_paths(&value["campaign"], "/campaign", &mut paths);
        let wrong = [
            "5",
            "-1",
            "1.5",
            "99999999999",
            "1e400",
            "\"文字\"",
            "\"2026-13-01\"",
            "true",
            "null",
            "[]",
            "[1]",
            "{}",
            "{\"x\":1}",
            "\"\\ud800\"",
            "\"\\u12\"",
        ];
        let mut explained = 0;
        for path in &paths {
            for bad in wrong {
                let mut broken = value.clone();
                let replacement: Value = match serde_json::from_str(bad) {
                    Ok(v) => v,
                    // Not a value serde_json builds: put it into the text instead.
                    Err(_) => Value::String(format!("@@{explained}@@")),
                };
                *broken.pointer_mut(path).unwrap() = replacement;
                let mut file = serde_json::to_string_pretty(&broken).unwrap();
                file = file.replace(&format!("\"@@{explained}@@\""), bad);
                if read_ledger(&file).is_err() {
                    let message = refused(&file);
                    assert!(
                        !message.contains("「」") && !message.contains("一项内容"),
                        "{message}"
                    );
                    explained += 1;
                }
            }
        }
        assert!(explained > 200, "only {explained} broken files");
        // Keys twice, escapes cut short, wrong nesting, numbers beyond range, foreign JSON.
        for (from, to) in [
            (
                "\"number\": \"JA-2026-001\"",
                "\"number\": \"JA-2026-001\", \"number\": \"JA-2026-001\"",
            ),
            ("\"text\": \"约谈信访人\"", "\"text\": \"约谈\", \"text\": \"信访人\""),
            ("\"summary\": \"物业纠纷\"", "\"summary\": \"物业\\q纠纷\""),
            ("\"summary\": \"物业纠纷\"", "\"summary\": \"物业\\u00\""),
            ("\"summary\": \"物业纠纷\"", "\"summary\": \"物业\u{1}纠纷\""),
            ("\"people_count\": 3", "\"people_count\": 3e999"),
            ("\"people_count\": 3", "\"people_count\": 123456789012345678901234567890"),
            ("\"progress\": [", "\"progress\": [["),
            ("\"cases\": [", "\"cases\": [[]"),
            ("\"cases\": [", "\"cases\": {\"a\": ["),
            ("\"format\": \"jiean-ledger\"", "\"format\": \"jiean-ledger\", \"format\": \"x\""),
            ("\"version\": 4", "\"version\": 99999999999999999999"),
            ("\"version\": 4", "\"version\": \"4\""),
            ("\"format\": \"jiean-ledger\"", "\"format\": \"excel\""),
            ("{", "["),
            ("{", "{{"),
        ] {
            assert!(text.contains(from), "{from}");
            refused(&text.replacen(from, to, 1));
        }
        for foreign in ["", "\u{feff}", "null", "[1,2]", "\"台账\"", "<html>", "PK\u{3}\u{4}"] {
            refused(foreign);
        }
    }

    /// JSON pointers to every value under `value` (objects and lists too).
    fn leaf_paths(value: &Value, at: &str, out: &mut Vec<String>) {
        out.push(at.to_string());
        match value {
            Value::Object(map) => {
                map.iter().for_each(|(k, v)| leaf_paths(v, &format!("{at}/{k}"), out))
            }
            Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, v)| leaf_paths(v, &format!("{at}/{i}"), out))
            }
            _ => {}
        }
    }

    #[test]
    fn two_leads_are_refused_as_the_form_and_the_sheet_import_refuse_them() {
        let text = r#"{"format":"jiean-ledger","version":2,"cases":[
            {"number":"A","summary":"x","lead":"王建国 赵明"},
            {"number":"B","summary":"y","lead":"张三＋李四"},
            {"number":"C","summary":"z","lead":"陈国庆（县委常委、副县长）"}]}"#;
        assert_eq!(
            problems(text),
            [
                "第 1 件案件（A）填写了 2 名包案领导（“王建国 赵明”）：每件积案只能有一名包案领导",
                "第 2 件案件（B）填写了 2 名包案领导（“张三＋李四”）：每件积案只能有一名包案领导",
            ]
        );
    }

    #[test]
    fn missing_required_fields_and_duplicates_are_all_listed() {
        let text = r#"{"format":"jiean-ledger","version":1,"cases":[
            {"number":"A","summary":"x","id":"1"},
            {"number":"A","summary":"","id":"1"},
            {"summary":"z"}]}"#;
        let ReadError::Invalid { problems, more } = read_ledger(text).unwrap_err() else {
            panic!()
        };
        assert_eq!(
            problems,
            [
                "第 2 件案件（A）缺少诉求摘要",
                "第 2 件案件（A）的案件编号与前面的案件重复",
                "第 2 件案件（A）的内部标识与前面的案件重复",
                "第 3 件案件缺少案件编号",
            ]
        );
        assert_eq!(more, 0);
    }

    #[test]
    fn long_problem_lists_are_cut_and_counted() {
        let cases: Vec<String> =
            (0..30).map(|_| r#"{"number":"","summary":"x"}"#.to_string()).collect();
        let text =
            format!(r#"{{"format":"jiean-ledger","version":1,"cases":[{}]}}"#, cases.join(","));
        let err = read_ledger(&text).unwrap_err();
        assert!(matches!(&err, ReadError::Invalid { problems, more: 10 } if problems.len() == 20));
        let text = err.to_string();
        assert!(
            text.starts_with("台账内容有误，共 30 处：\n· 第 1 件案件缺少案件编号；\n· "),
            "{text}"
        );
        assert!(text.ends_with("\n另有 10 处错误未列出。"), "{text}");
    }

    #[test]
    fn huge_deep_crowded_and_long_input_is_refused_without_crashing() {
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(matches!(read_ledger(&huge), Err(ReadError::TooLarge { .. })));

        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(read_ledger(&deep), Err(ReadError::TooDeep));
        assert!(read_ledger(&deep).unwrap_err().to_string().contains("嵌套超过 16 层"));
        let nested = |depth: usize| {
            format!(
                r#"{{"format":"jiean-ledger","version":1,"cases":[{{"number":"A","summary":"x","extra":{}{}}}]}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        // The case object sits at depth 3: thirteen more levels are still accepted (and ignored).
        assert!(read_ledger(&nested(MAX_DEPTH - 3)).is_ok());
        assert_eq!(read_ledger(&nested(MAX_DEPTH - 2)), Err(ReadError::TooDeep));
        // Brackets inside texts are not nesting; an escaped quote does not end a text, an
        // escaped backslash does not escape the quote after it.
        assert!(!nesting_exceeds(r#"["a\"[[[[", 1]"#, 1));
        assert!(nesting_exceeds(r#"["\\", [[1]]]"#, 2));
        assert!(!nesting_exceeds(r#"["\\", [[1]]]"#, 3));
        assert!(!nesting_exceeds(r#""[[[\"#, 0) && !nesting_exceeds(r#""\"#, 0));
        assert!(nesting_exceeds("[[", 1) && !nesting_exceeds("[][]", 1));
        // Brackets inside texts are not nesting.
        let in_text = format!(
            r#"{{"format":"jiean-ledger","version":1,"cases":[{{"number":"A","summary":"{}\"]"}}]}}"#,
            "[".repeat(100)
        );
        assert!(read_ledger(&in_text).is_ok());

        let crowded = format!(
            r#"{{"format":"jiean-ledger","version":1,"cases":[{}]}}"#,
            vec!["{}"; MAX_CASES + 1].join(",")
        );
        assert_eq!(read_ledger(&crowded), Err(ReadError::TooManyCases { count: MAX_CASES + 1 }));

        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        let text = format!(
            r#"{{"format":"jiean-ledger","version":1,"cases":[{{"number":"A","summary":"{long}"}}]}}"#
        );
        assert_eq!(
            problems(&text),
            ["第 1 件案件（A）的「诉求摘要」过长（20001 字，上限 20000 字）"]
        );
        let just = "长".repeat(MAX_TEXT_CHARS);
        let text = format!(
            r#"{{"format":"jiean-ledger","version":1,"cases":[{{"number":"A","summary":"{just}"}}]}}"#
        );
        assert!(read_ledger(&text).is_ok());
    }

    #[test]
    fn markup_in_texts_is_kept_as_plain_text() {
        let summary = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        let text = format!(
            r#"{{"format":"jiean-ledger","version":1,"cases":[{{"number":"A","summary":{}}}]}}"#,
            serde_json::to_string(summary).unwrap()
        );
        assert_eq!(read_ledger(&text).unwrap().cases[0].summary, summary);
    }

    #[test]
    fn fixtures_of_every_version_read_and_migrate() {
        // Version 1: no campaign, no outcome; one hand-made case without id.
        let v1 = read_ledger(include_str!("../../../tests/fixtures/ledger-v1.json")).unwrap();
        assert_eq!(v1.cases.len(), 3);
        assert_eq!(v1.campaign, Campaign::default());
        assert!(v1.cases.iter().all(|c| c.outcome.is_none() && c.rebounds == 0));
        assert_eq!(
            v1.cases[0].deadline,
            Some("2026-05-30".parse().unwrap()),
            "a v1 deadline stays as typed"
        );
        assert_eq!(v1.cases[2].id, "", "ids are filled in by the importer");
        let (stored_v1, local) =
            read_stored(include_str!("../../../tests/fixtures/stored-v1.json")).unwrap();
        assert_eq!(stored_v1.cases.len(), 2);
        assert_eq!(local, Local::default());
        assert_eq!(stored_v1.cases[1].progress.len(), 2);

        // Version 2: campaign, outcome, 四个到位, rebounds.
        let v2 = read_ledger(include_str!("../../../tests/fixtures/ledger-v2.json")).unwrap();
        assert_eq!(v2.campaign.deadline_rule, DeadlineRule::Sixty);
        assert_eq!(v2.campaign.targets.len(), 2);
        assert_eq!(v2.cases[1].outcome, Some(Outcome::Settled));
        assert_eq!(v2.cases[1].rebounds, 1);
        assert_eq!((v2.cases[1].channel.as_str(), v2.cases[1].remarks.as_str()), ("", ""));
        assert_eq!(v2.cases[1].petitioner.id_number, "");
        let (stored_v2, local) =
            read_stored(include_str!("../../../tests/fixtures/stored-v2.json")).unwrap();
        assert_eq!(stored_v2.cases.len(), 1);
        assert_eq!(local.trash.len(), 1);
        assert_eq!(local.trash[0].case.number, "JA-2026-009");
        assert_eq!(local.changes_since_export, 4);

        // Version 3: 信访形式, 身份证号, 备注; no 包案领导联系电话 yet.
        let v3 = read_ledger(include_str!("../../../tests/fixtures/ledger-v3.json")).unwrap();
        assert_eq!((v3.cases[0].channel.as_str(), v3.cases[0].lead_contact.as_str()), ("来访", ""));
        assert_eq!(v3.cases[0].petitioner.id_number, "320102198001011234");

        // Every fixture, written again by this build, reads back the same.
        for ledger in [v1, stored_v1, v2, v3] {
            assert_eq!(read_ledger(&write_ledger(&ledger, None, true)).unwrap(), ledger);
        }
        assert_eq!(read_stored(&write_stored(&stored_v2, &local)).unwrap(), (stored_v2, local));
    }

    #[test]
    fn the_documented_example_reads() {
        let doc = include_str!("../../../docs/ledger-format.md");
        let example =
            doc.split("```json\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
        let ledger = read_ledger(example).unwrap();
        assert_eq!(ledger.cases[0].outcome, Some(Outcome::Settled));
        assert_eq!(ledger.campaign.targets.len(), 1);
    }

    #[test]
    fn storage_keeps_the_trash_and_backup_record_but_files_do_not_carry_them() {
        let ledger = sample_ledger();
        let mut local = Local::default();
        local.throw_away(
            [Case {
                id: "x".into(),
                number: "JA-X".into(),
                summary: "删掉的".into(),
                ..Case::default()
            }],
            "2026-11-20T08:00:00".parse().unwrap(),
        );
        local.note_export("2026-11-21T08:00:00".parse().unwrap());
        let stored = write_stored(&ledger, &local);
        assert_eq!(read_stored(&stored).unwrap(), (ledger.clone(), local));
        // An imported file never brings another browser's 回收站.
        assert_eq!(read_ledger(&stored).unwrap(), ledger);
        assert!(!write_ledger(&ledger, None, true).contains("\"local\""));
        // Nothing kept locally: the stored text is the plain exchange format.
        assert_eq!(write_stored(&ledger, &Local::default()), write_ledger(&ledger, None, false));
        let broken = stored.replace("\"deleted_at\":\"2026-11-20T08:00:00\"", "\"deleted_at\":3");
        assert!(read_stored(&broken)
            .unwrap_err()
            .to_string()
            .contains("本浏览器保存的回收站或备份记录"));
    }

    #[test]
    fn missing_ids_are_filled() {
        let mut incoming = read_ledger(
            r#"{"format":"jiean-ledger","version":1,"cases":[
            {"number":"JA-2026-001","summary":"无标识"},
            {"id":"c2","number":"改过编号","summary":"有标识"}]}"#,
        )
        .unwrap();
        let mut n = 0;
        fill_missing_ids(&mut incoming, || {
            n += 1;
            format!("new-{n}")
        });
        assert_eq!(incoming.cases[0].id, "new-1");
        assert_eq!(incoming.cases[1].id, "c2");
    }
}
