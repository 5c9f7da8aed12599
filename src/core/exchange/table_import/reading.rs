//! Reading a chosen file into tables of cell texts: telling XLSX from CSV, the CSV's encoding and
//! delimiter, every worksheet of a workbook, and the limits that keep a hostile file from taking
//! the page's memory.

use super::super::xlsx::{self, DateSystem, MAX_COLUMNS, MAX_ROWS};

/// Larger files are refused before reading: no ledger kept in Excel comes close.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

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

    /// The name shown to the clerk, as Excel's 「另存为」 names the kinds of text it writes.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8 编码",
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => "Unicode 编码",
            TextEncoding::Gbk => "简体中文编码",
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
        return Err(
            "这是台账文件（.json），不是表格。本程序导出的台账文件请用「导入台账」导入。".into()
        );
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
    /// The worksheet's name; empty for CSV.
    pub name: String,
    pub rows: Vec<(usize, Vec<String>)>,
    /// Set for XLSX: date cells hold serial numbers in this system.
    pub serial_dates: Option<DateSystem>,
}

impl Table {
    pub fn width(&self) -> usize {
        self.rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0)
    }

    /// For tests: a CSV-like table of these rows, numbered from 1.
    #[cfg(test)]
    pub(crate) fn of(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 1, r.iter().map(|s| s.to_string()).collect()))
                .collect(),
            ..Table::default()
        }
    }
}

/// Reads CSV text (comma, or tab for Excel's 「Unicode 文本」, or semicolon), skipping blank rows.
/// An unmatched quote is reported with its row instead of swallowing the rows after it.
pub fn read_csv(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| (first_line.matches(*d as char).count(), *d == b','))
        .unwrap_or(b',');
    if let Some(line) = unmatched_quote(text, delimiter as char) {
        return Err(format!("CSV 文件第 {line} 行的引号没有配对（从这里起的内容会并进一个单元格）。请在 Excel 中打开、检查这一行后重新保存再导入。"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => format!("CSV 文件第 {} 行格式有误，无法读取。", p.line()),
            None => "CSV 文件格式有误，无法读取。".into(),
        })?;
        // The row as Excel numbers it: a quoted cell over several lines is still one row.
        let line = i + 1;
        if record.len() > MAX_COLUMNS
            && record.iter().skip(MAX_COLUMNS).any(|c| !c.trim().is_empty())
        {
            return Err(format!("CSV 文件第 {line} 行超过 {MAX_COLUMNS} 列，不是积案台账的样子。请删去台账以外的列后再导入。"));
        }
        let mut cells: Vec<String> = record.iter().take(MAX_COLUMNS).map(String::from).collect();
        while cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if !cells.is_empty() {
            if rows.len() >= MAX_ROWS {
                return Err(format!(
                    "CSV 文件超过 {MAX_ROWS} 行，不是积案台账的样子。请分成几个文件导入。"
                ));
            }
            rows.push((line, cells));
        }
    }
    if rows.is_empty() {
        return Err("文件中没有任何数据。".into());
    }
    Ok(Table { name: String::new(), rows, serial_dates: None })
}

/// The line on which a quoted field opens that never closes, or that runs on over so many lines
/// that it has certainly swallowed rows (no ledger cell holds 200 lines).
fn unmatched_quote(text: &str, delimiter: char) -> Option<usize> {
    const MAX_LINES_IN_CELL: usize = 200;
    let (mut line, mut opened_on) = (1, None::<usize>);
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        match opened_on {
            Some(start) => {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                    } else {
                        opened_on = None;
                    }
                } else if line - start > MAX_LINES_IN_CELL {
                    return Some(start);
                }
            }
            None => {
                if c == '"' && at_field_start {
                    opened_on = Some(line);
                }
                at_field_start = c == delimiter || c == '\n' || c == '\r';
            }
        }
    }
    opened_on
}

/// Reads every worksheet of an XLSX file.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let sheets = xlsx::read_sheets(bytes)?;
    Ok(sheets
        .into_iter()
        .map(|s| Table { name: s.name, rows: s.rows, serial_dates: Some(s.dates) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A quote inside a field is text, as Excel reads it.
        assert_eq!(read_csv("a,b\n1,2\"3\n").unwrap().rows[1].1, ["1", "2\"3"]);
    }

    #[test]
    fn an_unmatched_quote_is_reported_with_its_row() {
        let text = "案件编号,诉求摘要\nA-1,正常\nA-2,\"没有结束的引号\nA-3,被吞掉\nA-4,也被吞掉\n";
        assert!(read_csv(text).unwrap_err().starts_with("CSV 文件第 3 行的引号没有配对"));
        let long = format!("a,b\n1,\"{}\"\n", "x\n".repeat(300));
        assert!(read_csv(&long).unwrap_err().contains("第 2 行的引号"));
    }

    #[test]
    fn sheets_wider_or_longer_than_a_ledger_are_refused() {
        let wide = format!("{}\n", vec!["x"; MAX_COLUMNS + 1].join(","));
        assert!(read_csv(&wide).unwrap_err().contains("超过 256 列"));
        // Empty trailing cells are no width.
        let padded = format!("a,b{}\n", ",".repeat(100_000));
        assert_eq!(read_csv(&padded).unwrap().width(), 2);
        let long = "a\n".repeat(MAX_ROWS + 1);
        assert!(read_csv(&long).unwrap_err().contains("超过 50000 行"));
    }
}
