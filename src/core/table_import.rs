//! Importing an existing 台账 kept in Excel: a CSV or XLSX file becomes rows of cell texts, the
//! header row's columns are matched to ledger fields by their usual Chinese names (the clerk can
//! correct the match), and each row becomes a [`Case`] or a row error that names the row, the
//! column and what is wrong.
//!
//! Choices: a value that names no known 状态/问题类别/交办来源/案件特征/办结结果 is a row error
//! (listing the accepted names) rather than being dropped or guessed; rows with errors are not
//! imported, the others are. Cases whose 案件编号 the ledger already holds are skipped and
//! listed — a full merge is what the JSON import offers.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::limits;
use super::model::{Case, Category, Flag, Ledger, Outcome, Petitioner, Source, Status};
use super::text::{in_years, split_names};
use super::xlsx::{self, DateSystem};

/// Larger files are refused before reading: no ledger kept in Excel comes close.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// At most this many row errors are listed; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 200;
/// The header row is looked for among this many first rows (a title row often comes first).
const HEADER_SEARCH_ROWS: usize = 10;

chinese_enum! {
    /// The ledger fields a spreadsheet column can fill. The labels are also the column headers
    /// of the CSV/XLSX export, so an exported file imports again without any correction.
    ImportField {
        Number => "案件编号",
        Source => "交办来源",
        AssignmentRef => "交办文号",
        AssignedOn => "交办日期",
        RegisteredOn => "登记日期",
        Petitioner => "信访人",
        Contact => "联系方式",
        Residence => "户籍地/常住地",
        PeopleCount => "涉及人数",
        Summary => "诉求摘要",
        Category => "问题类别",
        Flags => "案件特征",
        Lead => "包案领导",
        Unit => "责任单位",
        Assisting => "协办单位",
        Handler => "承办人",
        StabilityOwner => "稳控责任人",
        Plan => "化解措施",
        Deadline => "办结时限",
        Status => "状态",
        ClosedOn => "办结日期",
        Outcome => "办结结果",
        Progress => "办理情况",
    }
}

impl ImportField {
    /// Fields without which a row cannot become a case (as in the case form).
    pub fn required(self) -> bool {
        matches!(self, ImportField::Number | ImportField::Summary)
    }

    /// Header texts clerks use for this field, most specific first. Matching ignores spaces,
    /// `*` marks and anything in brackets.
    fn synonyms(self) -> &'static [&'static str] {
        use ImportField::*;
        match self {
            Number => &[
                "案件编号",
                "积案编号",
                "信访件编号",
                "信访编号",
                "案件编码",
                "编号",
                "案号",
                "登记号",
            ],
            Source => &["交办来源", "案件来源", "交办单位", "交办机关", "信访来源", "来源"],
            AssignmentRef => &["交办文号", "交办函号", "交办函文号", "文号"],
            AssignedOn => &["交办日期", "交办时间", "交办日"],
            RegisteredOn => &[
                "登记日期",
                "登记时间",
                "受理日期",
                "受理时间",
                "信访日期",
                "信访时间",
                "来访时间",
                "来信来访时间",
            ],
            Petitioner => &[
                "信访人",
                "信访人姓名",
                "信访人员",
                "上访人",
                "反映人",
                "当事人",
                "姓名",
                "信访群众",
            ],
            Contact => &["联系方式", "联系电话", "电话", "手机", "手机号码", "电话号码"],
            Residence => &[
                "户籍地/常住地",
                "户籍地",
                "常住地",
                "家庭住址",
                "住址",
                "地址",
                "居住地",
                "所在地",
            ],
            PeopleCount => &["涉及人数", "信访人数", "人数"],
            Summary => &[
                "诉求摘要",
                "反映问题",
                "反映的主要问题",
                "主要诉求",
                "信访诉求",
                "诉求",
                "信访事项",
                "问题摘要",
                "简要案情",
                "基本案情",
                "案情",
                "主要问题",
                "反映内容",
                "事项",
            ],
            Category => &["问题类别", "问题类型", "信访类别", "案件类别", "类别", "类型", "分类"],
            Flags => &["案件特征", "案件性质", "特征", "信访形式"],
            Lead => &[
                "包案领导",
                "包案县级领导",
                "包案市级领导",
                "包案领导姓名",
                "包保领导",
                "责任领导",
                "包案人",
            ],
            Unit => &["责任单位", "主办单位", "承办单位", "牵头单位", "责任部门", "主责单位"],
            Assisting => &["协办单位", "配合单位", "协助单位"],
            Handler => &["承办人", "具体承办人", "具体责任人", "经办人", "责任人"],
            StabilityOwner => &["稳控责任人", "稳控人", "稳控负责人"],
            Plan => &["化解措施", "化解方案", "工作措施", "处理措施", "化解意见", "措施"],
            Deadline => &["办结时限", "化解时限", "完成时限", "办结期限", "时限要求", "时限"],
            Status => &["状态", "办理状态", "案件状态", "化解状态", "目前状态"],
            ClosedOn => &["办结日期", "办结时间", "结案日期", "结案时间", "化解日期"],
            Outcome => &["办结结果", "化解结果", "结果", "办理结果"],
            Progress => &[
                "办理情况",
                "化解进展",
                "进展情况",
                "工作进展",
                "办理进展",
                "化解情况",
                "目前进展",
                "进展",
            ],
        }
    }
}

/// How a text file is encoded, as far as the bytes tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Chinese Windows Excel saves 「CSV（逗号分隔）」 in the system code page, GBK (936).
    Gbk,
}

impl TextEncoding {
    /// The WHATWG label the browser's `TextDecoder` takes.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gbk => "gbk",
        }
    }

    /// The name shown to the clerk.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => "UTF-16",
            TextEncoding::Gbk => "GBK",
        }
    }
}

/// A byte-order mark decides; otherwise text that is valid UTF-8 is UTF-8 and anything else is
/// taken as GBK, the only other encoding Chinese Windows writes CSV in.
pub fn detect_encoding(bytes: &[u8]) -> TextEncoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        TextEncoding::Utf8
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        TextEncoding::Utf16Le
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        TextEncoding::Utf16Be
    } else if std::str::from_utf8(bytes).is_ok() {
        TextEncoding::Utf8
    } else {
        TextEncoding::Gbk
    }
}

/// What a chosen file is, judged by its first bytes rather than its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Text(TextEncoding),
}

/// Tells an XLSX from a text file, and refuses what cannot be imported with a Chinese reason.
pub fn file_kind(bytes: &[u8]) -> Result<FileKind, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "文件过大（{:.1} MB），超过 {} MB 的上限。",
            bytes.len() as f64 / 1048576.0,
            MAX_FILE_BYTES / 1048576
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("文件是空的。".into());
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(FileKind::Xlsx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("这是旧版 Excel 97-2003 工作簿（.xls），无法直接读取。请在 Excel 或 WPS 中打开，「另存为」Excel 工作簿（.xlsx）或 CSV 后再导入。".into());
    }
    if bytes.starts_with(b"{") || bytes.starts_with(b"\xEF\xBB\xBF{") {
        return Err("这是 JSON 文件。本程序导出的台账文件请用「导入台账」导入。".into());
    }
    let encoding = detect_encoding(bytes);
    // Text in UTF-8 or GBK never holds NUL bytes; images, PDFs, Word files and the like do.
    let single_byte = matches!(encoding, TextEncoding::Utf8 | TextEncoding::Gbk);
    if single_byte && bytes.iter().take(4096).any(|&b| b == 0) {
        return Err("文件不是表格文件（CSV 或 .xlsx），无法导入。".into());
    }
    Ok(FileKind::Text(encoding))
}

/// A spreadsheet as rows of cell texts, with each row's number as the spreadsheet shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
    /// Set for XLSX: date cells hold serial numbers in this system.
    pub serial_dates: Option<DateSystem>,
}

impl Table {
    pub fn width(&self) -> usize {
        self.rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0)
    }
}

/// Reads CSV text (comma, or tab for Excel's 「Unicode 文本」, or semicolon), skipping blank rows.
pub fn read_csv(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| (first_line.matches(*d as char).count(), *d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => {
                format!("CSV 文件第 {} 行格式有误，无法读取（可能有未配对的引号）。", p.line())
            }
            None => "CSV 文件格式有误，无法读取。".into(),
        })?;
        let cells: Vec<String> = record.iter().map(String::from).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push((i + 1, cells));
        }
    }
    if rows.is_empty() {
        return Err("文件中没有任何数据。".into());
    }
    Ok(Table { rows, serial_dates: None })
}

/// Reads the first worksheet of an XLSX file.
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, String> {
    let sheet = xlsx::read_first_sheet(bytes)?;
    if sheet.rows.is_empty() {
        return Err("工作簿的第一个工作表中没有任何数据。".into());
    }
    Ok(Table { rows: sheet.rows, serial_dates: Some(sheet.dates) })
}

/// A header text without spaces, `*`/`★` marks, a trailing colon or bracketed notes.
fn normalise_header(text: &str) -> String {
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

/// How well a header names a field: exact synonyms beat contained ones, longer beat shorter,
/// earlier synonyms beat later ones.
fn header_score(header: &str, field: ImportField) -> Option<(u8, usize, usize)> {
    let header = normalise_header(header);
    if header.is_empty() {
        return None;
    }
    let count = field.synonyms().len();
    field
        .synonyms()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            if header == *s {
                Some((2, s.chars().count(), count - i))
            } else if header.contains(s) && s.chars().count() >= 2 {
                Some((1, s.chars().count(), count - i))
            } else {
                None
            }
        })
        .max()
}

/// The row (index into `table.rows`) that looks most like the header: the one among the first
/// rows whose cells name the most ledger fields. Title rows above it are skipped.
pub fn guess_header_row(table: &Table) -> usize {
    let mut best = (0, 0);
    for (i, (_, cells)) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let named = cells
            .iter()
            .filter(|c| ImportField::ALL.iter().any(|f| header_score(c, *f).is_some()))
            .count();
        if named > best.1 {
            best = (i, named);
        }
    }
    best.0
}

/// Which column (index) fills each ledger field; `None` leaves the field empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// One entry per [`ImportField::ALL`], in that order.
    columns: Vec<Option<usize>>,
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping { columns: vec![None; ImportField::ALL.len()] }
    }
}

impl Mapping {
    fn slot(field: ImportField) -> usize {
        ImportField::ALL.iter().position(|f| *f == field).unwrap_or(0)
    }

    pub fn get(&self, field: ImportField) -> Option<usize> {
        self.columns[Self::slot(field)]
    }

    /// Sets the column of a field; a column fills one field only, so another field that had
    /// it loses it.
    pub fn set(&mut self, field: ImportField, column: Option<usize>) {
        if column.is_some() {
            for c in self.columns.iter_mut().filter(|c| **c == column) {
                *c = None;
            }
        }
        self.columns[Self::slot(field)] = column;
    }
}

/// Matches header cells to fields: the best-scoring pairs first, each field and column once.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let mut pairs = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        for field in ImportField::ALL {
            if let Some(score) = header_score(header, *field) {
                pairs.push((score, std::cmp::Reverse(column), *field));
            }
        }
    }
    pairs.sort_by(|a, b| b.cmp(a));
    let mut mapping = Mapping::default();
    for (_, std::cmp::Reverse(column), field) in pairs {
        if mapping.get(field).is_none() && !mapping.columns.contains(&Some(column)) {
            mapping.set(field, Some(column));
        }
    }
    mapping
}

/// A row that was not imported and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// What is wrong, naming the columns: 「交办日期」列：“2026-13-01”不是有效日期…
    pub reason: String,
}

impl RowError {
    /// The sentence shown in the preview: 第 3 行：…
    pub fn message(&self) -> String {
        format!("第 {} 行：{}", self.row, self.reason)
    }
}

/// What importing the table with a mapping would do; nothing is changed until [`apply`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// Cases to add, each with its row number.
    pub cases: Vec<(usize, Case)>,
    pub errors: Vec<RowError>,
    /// Rows whose 案件编号 the ledger already holds: (row, 案件编号).
    pub existing: Vec<(usize, String)>,
}

/// Parses a date as clerks write it in Excel: `2026-03-01`, `2026/3/1`, `2026.3.1`,
/// `2026年3月1日`, `20260301`, with or without a time after it; in XLSX also a serial number.
pub fn parse_cell_date(
    text: &str,
    serial: Option<DateSystem>,
) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = || format!("“{text}”不是有效日期（可写作 2026-03-01、2026/3/1 或 2026年3月1日）");
    if let Some(system) = serial {
        // A serial is a number (at most one dot); "2026.3.15" is a date typed as text.
        let numeric =
            text.bytes().all(|b| b.is_ascii_digit() || b == b'.') && text.matches('.').count() <= 1;
        if numeric && text.len() != 8 {
            return xlsx::date_from_serial(text, system)
                .ok_or_else(invalid)
                .and_then(in_years)
                .map(Some);
        }
    }
    // Drop a time of day: "2026/3/1 0:00", "2026-03-01T08:30:00".
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    let date_part = date_part.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = date_part.split(['-', '/', '.', '年', '月', '－', '／', '．']).collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => [y, m, d].iter().map(|p| p.parse().ok()).collect(),
        [all] if all.len() == 8 && all.bytes().all(|b| b.is_ascii_digit()) => {
            [&all[..4], &all[4..6], &all[6..]].iter().map(|p| p.parse().ok()).collect()
        }
        _ => None,
    };
    match numbers.as_deref() {
        Some([y, m, d]) => NaiveDate::from_ymd_opt(*y as i32, *m, *d)
            .ok_or_else(invalid)
            .and_then(in_years)
            .map(Some),
        _ => Err(invalid()),
    }
}

/// Several names or marks in one cell, split as everywhere else (core::text).
fn split_list(text: &str) -> Vec<&str> {
    split_names(text)
}

fn status_from_text(text: &str) -> Option<Status> {
    if let Some(status) = Status::from_label(text) {
        return Some(status);
    }
    let status = match text.trim() {
        "登记" | "新登记" | "待交办" | "未交办" | "排查" => Status::Registered,
        "交办" | "已交办未办理" => Status::Assigned,
        "办理中" | "在办" | "正在办理" | "正在化解" | "未办结" | "未化解" | "化解" | "推进中" => {
            Status::InProgress
        }
        "待审" | "待审核" | "已办结待审" | "办结待审核" | "待验收" => {
            Status::AwaitingReview
        }
        "办结" | "已结案" | "结案" | "已化解" | "已办理" | "完成" | "已完成" | "息诉息访"
        | "息诉罢访" | "终结" => Status::Closed,
        _ => return None,
    };
    Some(status)
}

fn category_from_text(text: &str) -> Option<Category> {
    if let Some(category) = Category::from_label(text) {
        return Some(category);
    }
    let text = text.trim();
    let by_word: &[(&str, Category)] = &[
        ("征地", Category::LandRequisition),
        ("土地", Category::LandRequisition),
        ("拆迁", Category::Demolition),
        ("改制", Category::EnterpriseRestructuring),
        ("涉法", Category::LawAndLitigation),
        ("涉诉", Category::LawAndLitigation),
        ("劳动", Category::LabourSecurity),
        ("社保", Category::LabourSecurity),
        ("环境", Category::Environment),
        ("环保", Category::Environment),
        ("教育", Category::EducationHealth),
        ("卫生", Category::EducationHealth),
        ("医疗", Category::EducationHealth),
        ("军", Category::Military),
        ("物业", Category::PropertyManagement),
        ("农", Category::Rural),
        ("烂尾", Category::UnfinishedHousing),
        ("房产证", Category::UnfinishedHousing),
        ("集资", Category::Fundraising),
        ("融资", Category::Fundraising),
        ("其它", Category::Other),
    ];
    by_word.iter().find(|(word, _)| text.contains(word)).map(|(_, c)| *c)
}

fn source_from_text(text: &str) -> Option<Source> {
    if let Some(source) = Source::from_label(text) {
        return Some(source);
    }
    let text = text.trim();
    let by_word: &[(&str, Source)] = &[
        ("中央", Source::Central),
        ("国家", Source::Central),
        ("自行", Source::SelfFound),
        ("排查", Source::SelfFound),
        ("本级", Source::SelfFound),
        ("省", Source::Province),
        ("市", Source::City),
        ("县", Source::County),
        ("区", Source::County),
    ];
    by_word.iter().find(|(word, _)| text.contains(word)).map(|(_, s)| *s)
}

fn flag_from_text(text: &str) -> Option<Flag> {
    Flag::from_label(text).or(match text.trim() {
        "重访" | "重复信访" => Some(Flag::Repeated),
        "越级" | "越级上访" => Some(Flag::SkipLevel),
        "集体" | "集体上访" | "群体访" => Some(Flag::Collective),
        "进京访" | "赴省访" | "进京" | "赴省" | "进京上访" | "赴京访" => {
            Some(Flag::ToCapital)
        }
        "三跨" | "三分离" => Some(Flag::CrossBoundary),
        _ => None,
    })
}

fn outcome_from_text(text: &str) -> Option<Outcome> {
    Outcome::from_label(text).or(match text.trim() {
        "化解" | "已解决" | "解决" => Some(Outcome::Resolved),
        "息诉罢访" | "停访息诉" | "息访" | "息诉" => Some(Outcome::Settled),
        "已终结" | "终结备案" => Some(Outcome::Terminated),
        _ => None,
    })
}

/// Splits an 办理情况 cell into dated entries: lines that begin with a date start an entry,
/// other lines continue it; text before any date becomes one entry dated `today`.
fn progress_entries(text: &str, today: NaiveDate) -> Vec<(NaiveDate, String)> {
    let mut entries: Vec<(NaiveDate, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (head, rest) = line.split_once([' ', '　', '：', ':', '，', ',']).unwrap_or((line, ""));
        match parse_cell_date(head, None) {
            Ok(Some(date)) if !rest.trim().is_empty() => {
                entries.push((date, rest.trim().to_string()))
            }
            _ => match entries.last_mut() {
                Some((_, text)) => {
                    text.push('\n');
                    text.push_str(line);
                }
                None => entries.push((today, line.to_string())),
            },
        }
    }
    entries
}

/// Builds the cases a table would import with this mapping. `header_at` indexes the header row
/// in `table.rows`; rows below it are data. `today` dates 办理情况 text that carries no date.
pub fn plan_import(
    table: &Table,
    header_at: usize,
    mapping: &Mapping,
    ledger: &Ledger,
    today: NaiveDate,
    now: NaiveDateTime,
) -> ImportPlan {
    let headers = table.rows.get(header_at).map(|r| r.1.clone()).unwrap_or_default();
    let mut plan = ImportPlan::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in table.rows.iter().skip(header_at + 1) {
        let row = *row;
        let cell = |field: ImportField| -> &str {
            mapping.get(field).and_then(|c| cells.get(c)).map(|s| s.trim()).unwrap_or("")
        };
        let mut problems: Vec<String> = Vec::new();
        let note = |field: ImportField, message: String| -> String {
            let column = mapping.get(field).unwrap_or(0);
            match headers.get(column).map(|h| h.trim()).filter(|h| !h.is_empty()) {
                Some(header) => format!("「{header}」列：{message}"),
                None => format!("第 {} 列：{message}", column + 1),
            }
        };
        let unknown = |field: ImportField, labels: &[&str]| -> String {
            note(
                field,
                format!(
                    "“{}”不是可识别的{}（可用：{}）",
                    cell(field),
                    field.label(),
                    labels.join("、")
                ),
            )
        };

        let number = cell(ImportField::Number).to_string();
        let summary = cell(ImportField::Summary).to_string();
        if number.is_empty() {
            problems.push(match mapping.get(ImportField::Number) {
                Some(_) => note(ImportField::Number, "缺少案件编号".into()),
                None => "缺少案件编号（请为「案件编号」选择一列）".into(),
            });
        } else if let Some(first) = seen.get(&number) {
            problems
                .push(note(ImportField::Number, format!("案件编号“{number}”与第 {first} 行重复")));
        }
        if summary.is_empty() {
            problems.push(match mapping.get(ImportField::Summary) {
                Some(_) => note(ImportField::Summary, "缺少诉求摘要".into()),
                None => "缺少诉求摘要（请为「诉求摘要」选择一列）".into(),
            });
        }

        let mut date = |field: ImportField| match parse_cell_date(cell(field), table.serial_dates) {
            Ok(date) => date,
            Err(message) => {
                problems.push(note(field, message));
                None
            }
        };
        let assigned_on = date(ImportField::AssignedOn);
        let registered_on = date(ImportField::RegisteredOn);
        let deadline = date(ImportField::Deadline);
        let closed_on = date(ImportField::ClosedOn);
        if let (Some(assigned), Some(due)) = (assigned_on, deadline) {
            if due < assigned {
                problems.push(note(ImportField::Deadline, "办结时限早于交办日期".into()));
            }
        }

        let people_count = match cell(ImportField::PeopleCount).trim_end_matches('人').trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    problems.push(note(
                        ImportField::PeopleCount,
                        format!("“{text}”不是人数（应为不小于 1 的整数）"),
                    ));
                    None
                }
            },
        };

        let lead = cell(ImportField::Lead);
        // Seed 004: 领导包案……不实行两人或两人以上重复包一案. Counted as the form counts it, so
        // that "副县长 张三" is one leader.
        if split_names(lead).len() > 1 {
            problems.push(note(
                ImportField::Lead,
                format!("“{lead}”有多名领导；每件积案只能有一名包案领导"),
            ));
        }

        let source = source_from_text(cell(ImportField::Source));
        if source.is_none() && !cell(ImportField::Source).is_empty() {
            problems.push(unknown(ImportField::Source, Source::LABELS));
        }
        let category = category_from_text(cell(ImportField::Category));
        if category.is_none() && !cell(ImportField::Category).is_empty() {
            problems.push(unknown(ImportField::Category, Category::LABELS));
        }
        let outcome = outcome_from_text(cell(ImportField::Outcome));
        if outcome.is_none() && !cell(ImportField::Outcome).is_empty() {
            problems.push(unknown(ImportField::Outcome, Outcome::LABELS));
        }
        let status = match status_from_text(cell(ImportField::Status)) {
            Some(status) => status,
            None => {
                if !cell(ImportField::Status).is_empty() {
                    problems.push(unknown(ImportField::Status, Status::LABELS));
                }
                // No status given: a case with a 交办日期 has at least been assigned.
                if assigned_on.is_some() {
                    Status::Assigned
                } else {
                    Status::Registered
                }
            }
        };
        let mut flags = Vec::new();
        for mark in split_list(cell(ImportField::Flags)) {
            match flag_from_text(mark) {
                Some(flag) => flags.push(flag),
                None => {
                    problems.push(note(
                        ImportField::Flags,
                        format!(
                            "“{mark}”不是可识别的案件特征（可用：{}）",
                            Flag::LABELS.join("、")
                        ),
                    ));
                }
            }
        }
        flags.sort();
        flags.dedup();

        if !number.is_empty() {
            seen.entry(number.clone()).or_insert(row);
        }
        if !problems.is_empty() {
            plan.errors.push(RowError { row, reason: problems.join("；") });
            continue;
        }
        if ledger.number_taken(&number, "") {
            plan.existing.push((row, number));
            continue;
        }

        let mut case = Case {
            updated_at: Some(now),
            number,
            source,
            assignment_ref: cell(ImportField::AssignmentRef).to_string(),
            assigned_on,
            registered_on,
            petitioner: Petitioner {
                name: cell(ImportField::Petitioner).to_string(),
                contact: cell(ImportField::Contact).to_string(),
                residence: cell(ImportField::Residence).to_string(),
            },
            people_count,
            summary,
            category,
            flags,
            lead: lead.to_string(),
            responsible_unit: cell(ImportField::Unit).to_string(),
            assisting_units: split_list(cell(ImportField::Assisting))
                .into_iter()
                .map(String::from)
                .collect(),
            handler: cell(ImportField::Handler).to_string(),
            stability_owner: cell(ImportField::StabilityOwner).to_string(),
            plan: cell(ImportField::Plan).to_string(),
            deadline,
            status,
            outcome,
            ..Case::default()
        };
        case.packet.closed_on = closed_on;
        // Oldest first, so that the log ends up newest first.
        let mut entries = progress_entries(cell(ImportField::Progress), today);
        entries.sort_by_key(|(date, _)| *date);
        for (date, text) in entries {
            case.add_progress(date, &text);
        }
        // The limits every way into the ledger shares (core::limits), so that its backup restores.
        let mut over: Vec<String> =
            limits::case_problems(&case).iter().map(|p| p.describe()).collect();
        over.extend(limits::too_many_cases(ledger.cases.len() + plan.cases.len() + 1));
        if !over.is_empty() {
            plan.errors.push(RowError { row, reason: over.join("；") });
            continue;
        }
        plan.cases.push((row, case));
    }
    plan
}

/// The rows that were not imported, as CSV for Excel (UTF-8 with BOM): the header row with two
/// more columns 「原行号」 and 「错误原因」, then each bad row's cells as they were. The clerk fixes
/// them there and imports the file again; the rows imported before are then skipped.
pub fn error_rows_csv(table: &Table, header_at: usize, errors: &[RowError]) -> String {
    let width = table.width();
    let cells = |cells: &[String]| -> Vec<String> {
        (0..width).map(|c| cells.get(c).cloned().unwrap_or_default()).collect()
    };
    let mut records = Vec::new();
    let mut header = table.rows.get(header_at).map(|(_, h)| cells(h)).unwrap_or_default();
    header.extend(["原行号".to_string(), "错误原因".to_string()]);
    records.push(header);
    for error in errors {
        if let Some((_, row)) = table.rows.iter().find(|(n, _)| *n == error.row) {
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
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn now() -> NaiveDateTime {
        "2026-11-23T10:00:00".parse().unwrap()
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 1, r.iter().map(|s| s.to_string()).collect()))
                .collect(),
            serial_dates: None,
        }
    }

    fn plan(t: &Table, ledger: &Ledger) -> ImportPlan {
        let header_at = guess_header_row(t);
        let mapping = guess_mapping(&t.rows[header_at].1);
        plan_import(t, header_at, &mapping, ledger, day("2026-11-23"), now())
    }

    #[test]
    fn encodings_are_told_apart_by_bytes() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFabc"), TextEncoding::Utf8);
        assert_eq!(detect_encoding("案件编号".as_bytes()), TextEncoding::Utf8);
        assert_eq!(detect_encoding(b"\xB0\xB8\xBC\xFE\xB1\xE0\xBA\xC5"), TextEncoding::Gbk); // 案件编号 in GBK
        assert_eq!(detect_encoding(b"\xFF\xFEa\x00"), TextEncoding::Utf16Le);
        assert_eq!(file_kind(b"PK\x03\x04rest"), Ok(FileKind::Xlsx));
        assert!(file_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err().contains(".xls"));
        assert!(file_kind(b"  \n").unwrap_err().contains("空"));
        assert!(file_kind(b"{\"format\":1}").unwrap_err().contains("导入台账"));
        assert!(file_kind(&vec![b'a'; MAX_FILE_BYTES + 1]).unwrap_err().contains("过大"));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(file_kind(png), Err("文件不是表格文件（CSV 或 .xlsx），无法导入。".into()));
        assert_eq!(file_kind(b"\xFF\xFEa\x00,\x00"), Ok(FileKind::Text(TextEncoding::Utf16Le)));
    }

    #[test]
    fn headers_map_to_fields_by_common_names() {
        let headers: Vec<String> = [
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
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mapping = guess_mapping(&headers);
        assert_eq!(mapping.get(ImportField::Number), Some(1));
        assert_eq!(mapping.get(ImportField::Petitioner), Some(2));
        assert_eq!(mapping.get(ImportField::Summary), Some(3));
        assert_eq!(mapping.get(ImportField::Lead), Some(4));
        assert_eq!(mapping.get(ImportField::Unit), Some(5));
        assert_eq!(mapping.get(ImportField::AssignedOn), Some(6));
        assert_eq!(mapping.get(ImportField::Deadline), Some(7));
        assert_eq!(mapping.get(ImportField::StabilityOwner), Some(8));
        assert_eq!(mapping.get(ImportField::Handler), Some(9));
        assert_eq!(mapping.get(ImportField::PeopleCount), Some(10));
        assert_eq!(mapping.get(ImportField::Contact), None);
        // 序号 and 备注 fill nothing.
        assert!(!ImportField::ALL.iter().any(|f| matches!(mapping.get(*f), Some(0 | 11))));
    }

    #[test]
    fn a_column_fills_one_field() {
        let mut mapping = guess_mapping(&["案件编号".to_string(), "诉求".to_string()]);
        mapping.set(ImportField::Summary, Some(0));
        assert_eq!(mapping.get(ImportField::Summary), Some(0));
        assert_eq!(mapping.get(ImportField::Number), None);
        mapping.set(ImportField::Summary, None);
        assert_eq!(mapping.get(ImportField::Summary), None);
    }

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let t = table(&[
            &["某县2026年信访积案化解台账"],
            &["填报单位：县信访局"],
            &["案件编号", "信访人", "诉求摘要"],
            &["A-1", "张三", "补偿"],
        ]);
        assert_eq!(guess_header_row(&t), 2);
        let plan = plan(&t, &Ledger::default());
        assert_eq!(plan.cases.len(), 1);
        assert_eq!(plan.cases[0].0, 4);
        assert_eq!(plan.cases[0].1.petitioner.name, "张三");
    }

    #[test]
    fn dates_in_the_ways_clerks_write_them() {
        for text in [
            "2026-03-01",
            "2026/3/1",
            "2026.3.1",
            "2026年3月1日",
            "2026年03月01日",
            "20260301",
            "2026/3/1 0:00",
            "2026-03-01T08:00:00",
            " 2026-3-1 ",
        ] {
            assert_eq!(parse_cell_date(text, None), Ok(Some(day("2026-03-01"))), "{text}");
        }
        assert_eq!(
            parse_cell_date("46082", Some(DateSystem::Excel1900)),
            Ok(Some(day("2026-03-01")))
        );
        assert_eq!(
            parse_cell_date("20260301", Some(DateSystem::Excel1900)),
            Ok(Some(day("2026-03-01")))
        );
        assert_eq!(
            parse_cell_date("2026.3.15", Some(DateSystem::Excel1900)),
            Ok(Some(day("2026-03-15"))),
            "text, not a serial"
        );
        assert!(parse_cell_date("1026/3/1", None).unwrap_err().contains("年份 1026"));
        assert_eq!(parse_cell_date("", None), Ok(None));
        for bad in ["46082", "2026-02-30", "3/1/2026", "2026年3月", "下月底"] {
            assert!(parse_cell_date(bad, None).unwrap_err().contains("不是有效日期"), "{bad}");
        }
    }

    #[test]
    fn a_text_longer_than_a_json_import_accepts_is_a_bad_row() {
        let long = "长".repeat(limits::MAX_TEXT_CHARS + 1);
        let t = table(&[&["案件编号", "反映问题"], &["JA-1", &long], &["JA-2", "诉求"]]);
        let plan = plan(&t, &Ledger::default());
        assert_eq!(plan.cases.len(), 1);
        assert_eq!(
            plan.errors[0].message(),
            "第 2 行：「诉求摘要」（summary）过长（20001 字，上限 20000 字）"
        );
    }

    #[test]
    fn rows_become_cases_with_enums_and_progress() {
        let t = table(&[
            &[
                "案件编号",
                "交办来源",
                "信访人",
                "涉及人数",
                "反映问题",
                "问题类别",
                "案件特征",
                "包案领导",
                "协办单位",
                "交办日期",
                "办结时限",
                "状态",
                "办理情况",
            ],
            &[
                "JA-1",
                "市联席办",
                "李四",
                "12人",
                "征地补偿款未到位",
                "征地",
                "集体访、重复访",
                "王副县长",
                "国土局、财政局",
                "2026/3/1",
                "2026年5月30日",
                "化解中",
                "2026-03-05 首次约谈\n补充说明\n2026-04-01 召开协调会",
            ],
        ]);
        let plan = plan(&t, &Ledger::default());
        assert_eq!(plan.errors, []);
        let case = &plan.cases[0].1;
        assert_eq!(case.source, Some(Source::City));
        assert_eq!(case.people_count, Some(12));
        assert_eq!(case.category, Some(Category::LandRequisition));
        assert_eq!(case.flags, [Flag::Repeated, Flag::Collective]);
        assert_eq!(case.assisting_units, ["国土局", "财政局"]);
        assert_eq!(case.assigned_on, Some(day("2026-03-01")));
        assert_eq!(case.deadline, Some(day("2026-05-30")));
        assert_eq!(case.status, Status::InProgress);
        assert_eq!(case.updated_at, Some(now()));
        assert!(case.id.is_empty());
        let log: Vec<_> = case.progress.iter().map(|e| (e.date, e.text.as_str())).collect();
        assert_eq!(
            log,
            [(day("2026-04-01"), "召开协调会"), (day("2026-03-05"), "首次约谈\n补充说明")]
        );
    }

    #[test]
    fn undated_progress_is_dated_today_and_empty_status_follows_assignment() {
        let t = table(&[
            &["编号", "诉求", "进展情况", "交办时间"],
            &["A", "x", "已约谈信访人", "2026-01-05"],
            &["B", "y", "", ""],
        ]);
        let plan = plan(&t, &Ledger::default());
        assert_eq!(plan.cases[0].1.progress[0].date, day("2026-11-23"));
        assert_eq!(plan.cases[0].1.status, Status::Assigned);
        assert_eq!(plan.cases[1].1.status, Status::Registered);
        assert!(plan.cases[1].1.progress.is_empty());
    }

    #[test]
    fn bad_rows_are_reported_by_row_and_column_and_kept_out() {
        let t = table(&[
            &["案件编号", "诉求摘要", "交办日期", "包案领导", "状态", "问题类别", "涉及人数"],
            &["A-1", "正常", "2026-03-01", "副县长 王某", "已交办", "三农", "3"],
            &["A-2", "日期错", "2026-13-01", "", "", "", ""],
            &["A-1", "编号重复", "", "", "", "", ""],
            &["", "没有编号", "", "", "", "", ""],
            &["A-3", "两名领导", "", "王某、李某", "", "", ""],
            &["A-4", "状态不认识", "", "", "暂缓", "天文", "几个"],
            &["A-5", "", "", "", "", "", ""],
        ]);
        let plan = plan(&t, &Ledger::default());
        assert_eq!(plan.cases.len(), 1);
        let messages: Vec<_> = plan.errors.iter().map(|e| e.message()).collect();
        assert_eq!(messages[0], "第 3 行：「交办日期」列：“2026-13-01”不是有效日期（可写作 2026-03-01、2026/3/1 或 2026年3月1日）");
        assert_eq!(messages[1], "第 4 行：「案件编号」列：案件编号“A-1”与第 2 行重复");
        assert_eq!(messages[2], "第 5 行：「案件编号」列：缺少案件编号");
        assert!(messages[3].starts_with("第 6 行：「包案领导」列：“王某、李某”有多名领导"));
        assert!(
            messages[4].contains("「问题类别」列：“天文”不是可识别的问题类别（可用：土地征用、")
        );
        assert!(messages[4].contains("「状态」列：“暂缓”不是可识别的状态（可用：排查登记、已交办、化解中、办结待审、已办结）"));
        assert!(messages[4].contains("「涉及人数」列：“几个”不是人数"));
        assert_eq!(messages[5], "第 8 行：「诉求摘要」列：缺少诉求摘要");
    }

    #[test]
    fn unmapped_required_fields_say_which_to_choose() {
        let t = table(&[&["名称", "内容"], &["a", "b"]]);
        let plan = plan(&t, &Ledger::default());
        assert_eq!(plan.errors[0].message(), "第 2 行：缺少案件编号（请为「案件编号」选择一列）；缺少诉求摘要（请为「诉求摘要」选择一列）");
    }

    #[test]
    fn numbers_already_in_the_ledger_are_skipped_and_listed() {
        let mut ledger = Ledger::default();
        ledger.cases.push(Case {
            id: "x".into(),
            number: "A-1".into(),
            summary: "已有".into(),
            ..Case::default()
        });
        let t = table(&[&["案件编号", "诉求摘要"], &["A-1", "重复导入"], &["A-2", "新案件"]]);
        let plan = plan(&t, &ledger);
        assert_eq!(plan.existing, [(2, "A-1".to_string())]);
        let mut n = 0;
        let applied = apply(&mut ledger, plan, || {
            n += 1;
            format!("id{n}")
        });
        assert_eq!(applied, Applied { added: 1, skipped: vec!["A-1".into()] });
        assert_eq!(ledger.cases[0].summary, "已有");
        assert_eq!(ledger.cases[1].id, "id1");
        assert_eq!(ledger.cases[1].number, "A-2");
    }

    #[test]
    fn csv_in_comma_tab_and_quoted_multiline_forms() {
        let t = read_csv(
            "\u{feff}案件编号,诉求摘要\r\nA-1,\"第一行\r\n第二行, 含逗号\"\r\n,\r\nA-2,x\r\n",
        )
        .unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1], (2, vec!["A-1".to_string(), "第一行\r\n第二行, 含逗号".to_string()]));
        assert_eq!(t.rows[2].0, 4);
        let t = read_csv("案件编号\t诉求摘要\nA-1\tx,y\n").unwrap();
        assert_eq!(t.rows[1].1, ["A-1", "x,y"]);
        assert!(read_csv("\u{feff}\r\n,,\r\n").unwrap_err().contains("没有任何数据"));
    }

    /// The fixtures of tests/fixtures, made as README.md there says.
    mod fixtures {
        use super::*;

        fn decode(bytes: &[u8]) -> String {
            // What the shell does with the browser's TextDecoder(label).
            let encoding = match detect_encoding(bytes) {
                TextEncoding::Gbk => encoding_rs::GBK,
                TextEncoding::Utf8 => encoding_rs::UTF_8,
                other => panic!("unexpected {other:?}"),
            };
            let (text, _, malformed) = encoding.decode(bytes);
            assert!(!malformed);
            text.into_owned()
        }

        #[test]
        fn gbk_csv_from_chinese_excel() {
            let bytes = include_bytes!("../../tests/fixtures/ledger-gbk.csv");
            assert_eq!(file_kind(bytes), Ok(FileKind::Text(TextEncoding::Gbk)));
            let t = read_csv(&decode(bytes)).unwrap();
            let header_at = guess_header_row(&t);
            assert_eq!(header_at, 1, "the title row is skipped");
            let mut mapping = guess_mapping(&t.rows[header_at].1);
            let column = |f| mapping.get(f).map(|c| t.rows[header_at].1[c].as_str());
            assert_eq!(column(ImportField::Number), Some("编号"));
            assert_eq!(column(ImportField::Contact), Some("联系电话"));
            assert_eq!(column(ImportField::Summary), Some("反映问题"));
            assert_eq!(column(ImportField::AssignedOn), Some("交办时间"));
            assert_eq!(column(ImportField::Status), Some("办理状态"));
            assert_eq!(column(ImportField::Progress), Some("化解进展"));
            assert_eq!(column(ImportField::StabilityOwner), None);
            mapping.set(ImportField::StabilityOwner, Some(11));

            let plan =
                plan_import(&t, header_at, &mapping, &Ledger::default(), day("2026-11-23"), now());
            let numbers: Vec<_> = plan.cases.iter().map(|(_, c)| c.number.as_str()).collect();
            assert_eq!(numbers, ["XF-2026-001", "XF-2026-003"]);
            assert_eq!(plan.errors.len(), 1);
            assert!(
                plan.errors[0]
                    .message()
                    .starts_with("第 4 行：「办结时限」列：“2026/2/30”不是有效日期"),
                "{}",
                plan.errors[0].message()
            );
            let csv = error_rows_csv(&t, header_at, &plan.errors);
            let lines: Vec<&str> = csv.split("\r\n").collect();
            assert!(
                lines[0].starts_with("\u{feff}序号,编号,信访人,联系电话,反映问题,"),
                "{}",
                lines[0]
            );
            assert!(lines[0].ends_with(",维稳责任,化解进展,原行号,错误原因"));
            assert!(lines[1].starts_with("2,XF-2026-002,李秀英,13900139000,房屋拆迁安置面积有异议,房屋拆迁,陈明,城关镇人民政府,2026/3/2,2026/2/30,已交办,周主任,,4,「办结时限」列：“2026/2/30”不是有效日期"));
            assert_eq!(lines[2], "");
            let first = &plan.cases[0].1;
            assert_eq!(first.petitioner.name, "张建国");
            assert_eq!(first.assigned_on, Some(day("2026-03-01")));
            assert_eq!(first.stability_owner, "刘所长");
            assert_eq!(first.progress[0].date, day("2026-03-05"));
            assert_eq!(plan.cases[1].1.summary, "企业改制后社保接续问题，\"集体\"反映");
        }

        #[test]
        fn utf8_csv_with_bom() {
            let bytes = include_bytes!("../../tests/fixtures/ledger-utf8-bom.csv");
            assert_eq!(file_kind(bytes), Ok(FileKind::Text(TextEncoding::Utf8)));
            let t = read_csv(&decode(bytes)).unwrap();
            assert_eq!(t.rows[0].1[0], "案件编号", "the BOM is not part of the first header");
            let plan = plan(&t, &Ledger::default());
            assert_eq!(plan.errors, []);
            let case = &plan.cases[1].1;
            assert_eq!(
                (case.assigned_on, case.deadline),
                (Some(day("2026-04-03")), Some(day("2026-07-02")))
            );
            assert_eq!(case.status, Status::InProgress);
        }

        #[test]
        fn xlsx_written_by_libreoffice() {
            let bytes = include_bytes!("../../tests/fixtures/ledger-libreoffice.xlsx");
            assert_eq!(file_kind(bytes), Ok(FileKind::Xlsx));
            let t = read_xlsx(bytes).unwrap();
            assert_eq!(t.serial_dates, Some(DateSystem::Excel1900));
            let plan = plan(&t, &Ledger::default());
            assert_eq!(plan.errors, []);
            let cases: Vec<&Case> = plan.cases.iter().map(|(_, c)| c).collect();
            assert_eq!(cases.len(), 3);
            assert_eq!(cases[0].assigned_on, Some(day("2026-02-10")));
            assert_eq!(cases[0].deadline, Some(day("2026-05-11")));
            assert_eq!(cases[0].people_count, Some(1));
            assert_eq!(cases[1].flags, [Flag::SkipLevel, Flag::Collective]);
            assert_eq!(cases[1].assisting_units, ["县自然资源局", "县税务局"]);
            assert_eq!(cases[1].category, Some(Category::UnfinishedHousing));
            assert_eq!(cases[2].summary, "对医疗事故鉴定结论不服 & 要求赔偿");
            assert_eq!(cases[2].deadline, None);
            assert_eq!(cases[2].status, Status::Registered);
        }
    }
}
