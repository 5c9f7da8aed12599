//! The XLSX container, read with `rawzip`, `miniz_oxide` and `quick-xml`, written with `rawzip`.
//!
//! Only what a ledger needs: reading the first worksheet's cell texts (shared strings, inline
//! strings, numbers, booleans) and writing one worksheet of inline strings, numbers and dates.
//! A full spreadsheet library (calamine, rust_xlsxwriter) would add about 320 KB to the page.

use std::io::Write;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A part inflating beyond this is refused (a zip bomb, or no ledger anyone keeps in Excel).
const MAX_PART_BYTES: usize = 64 * 1024 * 1024;

/// Which day an Excel serial number 0 stands for (the workbook's `date1904` setting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateSystem {
    /// Windows Excel: serial 1 is 1900-01-01, with Lotus's phantom 1900-02-29.
    #[default]
    Excel1900,
    /// Old Mac Excel: serial 0 is 1904-01-01.
    Excel1904,
}

/// A ledger never comes close to these; a sheet beyond them is refused before its cells are
/// held in memory (a sparse sheet with one cell in column XFD on 30,000 rows would need 4 GB).
pub const MAX_COLUMNS: usize = 256;
/// See [`MAX_COLUMNS`].
pub const MAX_ROWS: usize = 50_000;

/// One worksheet: its non-empty rows with their row numbers as Excel shows them. Merged cells
/// are filled: every cell of a merged range holds the range's value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The tab's name (工作表名).
    pub name: String,
    pub rows: Vec<(usize, Vec<String>)>,
    pub dates: DateSystem,
}

/// The parts of a zip archive, by name, still compressed.
struct Parts<'a> {
    archive: rawzip::ZipSliceArchive<&'a [u8]>,
    entries: Vec<(String, rawzip::ZipArchiveEntryWayfinder, rawzip::CompressionMethod)>,
}

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Result<Parts<'a>, String> {
        let broken = || "文件已损坏或不是有效的 Excel（.xlsx）文件。".to_string();
        let archive = rawzip::ZipArchive::from_slice(bytes).map_err(|_| broken())?;
        let mut entries = Vec::new();
        for entry in archive.entries() {
            let entry = entry.map_err(|_| broken())?;
            let name = String::from_utf8_lossy(entry.file_path().as_bytes()).into_owned();
            entries.push((name, entry.wayfinder(), entry.compression_method()));
        }
        Ok(Parts { archive, entries })
    }

    /// A part's text; `None` when the archive has no such part.
    fn text(&self, name: &str) -> Result<Option<String>, String> {
        let Some((_, wayfinder, method)) = self.entries.iter().find(|(n, _, _)| n == name) else {
            return Ok(None);
        };
        let broken = || {
            "文件已损坏，无法读取其中的内容。请在 Excel 中打开并重新保存为 .xlsx 后再导入。"
                .to_string()
        };
        let entry = self.archive.get_entry(*wayfinder).map_err(|_| broken())?;
        let bytes = match *method {
            rawzip::CompressionMethod::STORE => entry.data().to_vec(),
            rawzip::CompressionMethod::DEFLATE => {
                miniz_oxide::inflate::decompress_to_vec_with_limit(entry.data(), MAX_PART_BYTES)
                    .map_err(|e| match e.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                            "表格过大，无法导入。".to_string()
                        }
                        _ => broken(),
                    })?
            }
            _ => {
                return Err(
                    "文件使用了不支持的压缩方式，请在 Excel 中重新保存为 .xlsx 后再导入。".into()
                )
            }
        };
        String::from_utf8(bytes).map(Some).map_err(|_| broken())
    }
}

/// Reads every worksheet of an XLSX file, in tab order. Errors are Chinese sentences.
pub fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let parts = Parts::open(bytes)?;
    let workbook = parts
        .text("xl/workbook.xml")?
        .ok_or("文件中没有找到工作簿，不是有效的 Excel（.xlsx）文件。")?;
    let (listed, dates) = parse_workbook(&workbook)?;
    let rels = parts.text("xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let targets = parse_relationships(&rels)?;
    let strings = match parts.text("xl/sharedStrings.xml")? {
        Some(xml) => parse_shared_strings(&xml)?,
        None => Vec::new(),
    };
    let mut sheets = Vec::new();
    for (i, (name, rel)) in listed.iter().enumerate() {
        let path = targets
            .iter()
            .find(|(id, _)| Some(id) == rel.as_ref())
            .map(|(_, path)| path.clone())
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
        let Some(xml) = parts.text(&path)? else { continue };
        let rows = parse_sheet(&xml, &strings).map_err(|e| format!("工作表「{name}」：{e}"))?;
        sheets.push(Sheet { name: name.clone(), rows, dates });
    }
    if sheets.is_empty() {
        return Err("工作簿中没有找到任何工作表。".into());
    }
    Ok(sheets)
}

/// Reads the first worksheet of an XLSX file.
pub fn read_first_sheet(bytes: &[u8]) -> Result<Sheet, String> {
    read_sheets(bytes)?.into_iter().next().ok_or_else(|| "工作簿中没有找到第一个工作表。".into())
}

fn xml_error() -> String {
    "文件内容有误，可能已损坏。请在 Excel 中打开并重新保存为 .xlsx 后再导入。".into()
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
    })
}

/// Each `<sheet>`'s name and relationship id, and the date system.
#[allow(clippy::type_complexity)]
fn parse_workbook(xml: &str) -> Result<(Vec<(String, Option<String>)>, DateSystem), String> {
    let mut reader = Reader::from_str(xml);
    let mut sheets = Vec::new();
    let mut dates = DateSystem::Excel1900;
    loop {
        match reader.read_event().map_err(|_| xml_error())? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "workbookPr" => {
                    if matches!(attr(&e, "date1904").as_deref(), Some("1" | "true")) {
                        dates = DateSystem::Excel1904;
                    }
                }
                "sheet" => sheets.push((attr(&e, "name").unwrap_or_default(), attr(&e, "r:id"))),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((sheets, dates))
}

/// (relationship id, part path inside the zip); targets are relative to `xl/`.
fn parse_relationships(xml: &str) -> Result<Vec<(String, String)>, String> {
    let mut map = Vec::new();
    if xml.is_empty() {
        return Ok(map);
    }
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|_| xml_error())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("xl/{target}"),
                    };
                    map.push((id, path));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

/// Collects the text of `<t>` elements, skipping phonetic runs (`<rPh>`), until `end` closes.
/// Used for `<si>` in the shared strings and `<is>` in inline-string cells.
fn read_rich_text(reader: &mut Reader<&[u8]>, end: &str) -> Result<String, String> {
    let mut text = String::new();
    let mut in_t = false;
    let mut in_phonetic = false;
    loop {
        match reader.read_event().map_err(|_| xml_error())? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                name if name == end => return Ok(text),
                _ => {}
            },
            Event::Text(t) if in_t && !in_phonetic => text.push_str(&t.xml10_content()),
            Event::CData(t) if in_t && !in_phonetic => text.push_str(&t),
            Event::GeneralRef(r) if in_t && !in_phonetic => push_reference(&mut text, &r),
            Event::Eof => return Err(xml_error()),
            _ => {}
        }
    }
}

fn push_reference(text: &mut String, reference: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        text.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(reference) {
        text.push_str(s);
    }
}

fn parse_shared_strings(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut strings = Vec::new();
    loop {
        match reader.read_event().map_err(|_| xml_error())? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                strings.push(read_rich_text(&mut reader, "si")?)
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(strings)
}

/// `B12` → column index 1. Returns `None` when the reference has no letters.
fn column_of(reference: &str) -> Option<usize> {
    let letters: String = reference.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(
        letters.bytes().fold(0usize, |n, b| n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize)
            - 1,
    )
}

/// A stored number as text: `3`, `13800138000`. Excel writes integers without a fraction, so
/// the text is kept as stored (a float parser would cost the page 10 KB of tables).
fn number_text(raw: &str) -> String {
    let raw = raw.trim();
    raw.strip_suffix(".0").unwrap_or(raw).to_string()
}

struct CellInProgress {
    column: usize,
    kind: String,
    value: String,
}

fn parse_sheet(xml: &str, strings: &[String]) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut reader = Reader::from_str(xml);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut cell: Option<CellInProgress> = None;
    let mut in_value = false;
    let mut merges = Vec::new();
    let finish_row = |rows: &mut Vec<(usize, Vec<String>)>, row: Option<(usize, Vec<String>)>| {
        if let Some((number, mut cells)) = row {
            while cells.last().is_some_and(|c| c.trim().is_empty()) {
                cells.pop();
            }
            if !cells.is_empty() {
                if rows.len() >= MAX_ROWS {
                    return Err(too_long());
                }
                rows.push((number, cells));
            }
        }
        Ok(())
    };
    loop {
        let event = reader.read_event().map_err(|_| xml_error())?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "row" => {
                        let previous =
                            row.as_ref().map(|r| r.0).or(rows.last().map(|r| r.0)).unwrap_or(0);
                        finish_row(&mut rows, row.take())?;
                        let number =
                            attr(e, "r").and_then(|r| r.parse().ok()).unwrap_or(previous + 1);
                        if !empty {
                            row = Some((number, Vec::new()));
                        }
                    }
                    "c" => {
                        let next = row.as_ref().map(|r| r.1.len()).unwrap_or(0);
                        let column = attr(e, "r").and_then(|r| column_of(&r)).unwrap_or(next);
                        let kind = attr(e, "t").unwrap_or_default();
                        if !empty {
                            cell = Some(CellInProgress { column, kind, value: String::new() });
                        }
                    }
                    "v" if !empty => in_value = true,
                    "mergeCell" => merges.extend(attr(e, "ref").and_then(|r| range_of(&r))),
                    "is" if !empty => {
                        let text = read_rich_text(&mut reader, "is")?;
                        if let Some(c) = cell.as_mut() {
                            c.value = text;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_value => {
                if let Some(c) = cell.as_mut() {
                    c.value.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_value => {
                if let Some(c) = cell.as_mut() {
                    push_reference(&mut c.value, &r);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "v" => in_value = false,
                "c" => {
                    if let (Some(c), Some((_, cells))) = (cell.take(), row.as_mut()) {
                        let text = match c.kind.as_str() {
                            "s" => c
                                .value
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| strings.get(i))
                                .cloned()
                                .unwrap_or_default(),
                            "b" => {
                                if c.value.trim() == "1" {
                                    "TRUE".into()
                                } else {
                                    "FALSE".into()
                                }
                            }
                            "str" | "inlineStr" | "e" | "d" => c.value,
                            _ => number_text(&c.value),
                        };
                        // Empty cells (formatting only) take no memory; far columns are refused.
                        if !text.trim().is_empty() {
                            if c.column >= MAX_COLUMNS {
                                return Err(too_wide(c.column));
                            }
                            if cells.len() <= c.column {
                                cells.resize(c.column + 1, String::new());
                            }
                            cells[c.column] = text;
                        }
                    }
                }
                "row" => finish_row(&mut rows, row.take())?,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    finish_row(&mut rows, row.take())?;
    fill_merged(&mut rows, &merges)?;
    Ok(rows)
}

fn too_wide(column: usize) -> String {
    format!(
        "第 {} 列（{} 列）有内容，表格超过 {MAX_COLUMNS} 列，不是积案台账的样子。请删去台账以外的列后再导入。",
        column + 1,
        column_name(column)
    )
}

fn too_long() -> String {
    format!("表格超过 {MAX_ROWS} 行，不是积案台账的样子。请删去台账以外的行，或分成几个文件导入。")
}

/// A merged range `A3:B5` as (first row, first column, last row, last column), rows as numbered
/// in the sheet, columns from 0.
type Range = (usize, usize, usize, usize);

fn range_of(reference: &str) -> Option<Range> {
    let (from, to) = reference.split_once(':')?;
    let row = |r: &str| r.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().ok();
    let (r1, c1, r2, c2) = (row(from)?, column_of(from)?, row(to)?, column_of(to)?);
    (r1 <= r2 && c1 <= c2).then_some((r1, c1, r2, c2))
}

/// Gives every cell of a merged range the value of its top-left cell, as the sheet shows it: one
/// 包案领导 merged over three cases stands on each of their rows.
fn fill_merged(rows: &mut [(usize, Vec<String>)], merges: &[Range]) -> Result<(), String> {
    for &(r1, c1, r2, c2) in merges {
        if c2 >= MAX_COLUMNS {
            return Err(too_wide(c2));
        }
        let Some(value) = rows
            .iter()
            .find(|(n, _)| *n == r1)
            .and_then(|(_, cells)| cells.get(c1))
            .filter(|v| !v.trim().is_empty())
            .cloned()
        else {
            continue;
        };
        // Rows with nothing else in them stay out: a range merged down an empty sheet fills
        // no memory.
        let first = rows.partition_point(|(n, _)| *n < r1);
        for (_, cells) in rows[first..].iter_mut().take_while(|(n, _)| *n <= r2) {
            if cells.len() <= c2 {
                cells.resize(c2 + 1, String::new());
            }
            for cell in &mut cells[c1..=c2] {
                if cell.trim().is_empty() {
                    cell.clone_from(&value);
                }
            }
        }
    }
    Ok(())
}

/// A cell to write: text, a number, or a date (written as an Excel serial with a date format).
#[derive(Clone, Debug, PartialEq)]
pub enum CellOut {
    Text(String),
    Number(u32),
    Date(chrono::NaiveDate),
}

/// Excel's serial number for a date in the 1900 date system.
pub fn excel_serial(date: chrono::NaiveDate) -> i64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
    (date - epoch).num_days()
}

/// The date for an Excel serial number such as `46082` or `46082.75` (a time of day, dropped);
/// `None` for anything else.
pub fn date_from_serial(serial: &str, dates: DateSystem) -> Option<chrono::NaiveDate> {
    let (days, fraction) = serial.trim().split_once('.').unwrap_or((serial.trim(), "0"));
    if days.is_empty()
        || !days.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let days: u64 = days.parse().ok().filter(|d| (1..=2_958_465).contains(d))?;
    let epoch = match dates {
        // Serials from 61 on count Lotus's phantom 1900-02-29, hence the epoch of 1899-12-30.
        DateSystem::Excel1900 if days >= 61 => chrono::NaiveDate::from_ymd_opt(1899, 12, 30),
        DateSystem::Excel1900 => chrono::NaiveDate::from_ymd_opt(1899, 12, 31),
        DateSystem::Excel1904 => chrono::NaiveDate::from_ymd_opt(1904, 1, 1),
    }?;
    epoch.checked_add_days(chrono::Days::new(days))
}

/// Escapes text for XML and drops the control characters XML 1.0 cannot carry.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Style 0: default; 1: date yyyy-mm-dd; 2: bold header; 3: wrapped text.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// Writes one worksheet named `sheet_name`: a bold, frozen header row, then the rows.
/// `widths` are column widths in characters (one per header).
pub fn write_workbook(
    sheet_name: &str,
    headers: &[&str],
    widths: &[u32],
    rows: &[Vec<CellOut>],
) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#,
    );
    for (i, width) in widths.iter().enumerate() {
        sheet.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
            n = i + 1
        ));
    }
    sheet.push_str("</cols><sheetData>");
    let text_cell = |sheet: &mut String, reference: &str, style: u8, text: &str| {
        let space = if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace)
        {
            r#" xml:space="preserve""#
        } else {
            ""
        };
        sheet.push_str(&format!(
            r#"<c r="{reference}" s="{style}" t="inlineStr"><is><t{space}>{}</t></is></c>"#,
            escape(text)
        ));
    };
    sheet.push_str(r#"<row r="1">"#);
    for (i, header) in headers.iter().enumerate() {
        text_cell(&mut sheet, &format!("{}1", column_name(i)), 2, header);
    }
    sheet.push_str("</row>");
    for (r, row) in rows.iter().enumerate() {
        let number = r + 2;
        sheet.push_str(&format!(r#"<row r="{number}">"#));
        for (i, cell) in row.iter().enumerate() {
            let reference = format!("{}{number}", column_name(i));
            match cell {
                CellOut::Text(text) if text.is_empty() => {}
                CellOut::Text(text) => text_cell(&mut sheet, &reference, 3, text),
                CellOut::Number(n) => {
                    sheet.push_str(&format!(r#"<c r="{reference}"><v>{n}</v></c>"#))
                }
                CellOut::Date(d) => sheet.push_str(&format!(
                    r#"<c r="{reference}" s="1"><v>{}</v></c>"#,
                    excel_serial(*d)
                )),
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str(r#"</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#);

    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(sheet_name)
    );

    // Stored, not deflated: an XLSX may hold either, and a deflate encoder would cost the page
    // more bytes than any ledger's workbook would save.
    let mut archive = rawzip::ZipArchiveWriter::new(Vec::new());
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", &sheet),
    ];
    for (name, text) in parts {
        write_part(&mut archive, name, text.as_bytes()).expect("writing into memory cannot fail");
    }
    archive.finish().expect("writing into memory cannot fail")
}

/// CRC-32 (ISO-HDLC, as zip uses) computed bit by bit: no table in the page, and a workbook of a
/// few hundred KB is checksummed in milliseconds.
const CRC32: crc::Crc<u32, crc::NoTable> =
    crc::Crc::<u32, crc::NoTable>::new(&crc::CRC_32_ISO_HDLC);

fn write_part(
    archive: &mut rawzip::ZipArchiveWriter<Vec<u8>>,
    name: &str,
    bytes: &[u8],
) -> Result<(), rawzip::Error> {
    let (mut entry, _) =
        archive.new_file(name).compression_method(rawzip::CompressionMethod::STORE).start()?;
    // Written straight to the entry with the checksum computed here, so that rawzip's own
    // checksumming writer (and its table) stays out of the page.
    entry.write_all(bytes)?;
    entry.finish(rawzip::DataDescriptorOutput::new(CRC32.checksum(bytes), bytes.len() as u64))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn serial_dates_follow_excel() {
        assert_eq!(excel_serial(day("2026-03-01")), 46082);
        assert_eq!(date_from_serial("46082", DateSystem::Excel1900), Some(day("2026-03-01")));
        assert_eq!(date_from_serial("46082.75", DateSystem::Excel1900), Some(day("2026-03-01")));
        assert_eq!(date_from_serial("1", DateSystem::Excel1900), Some(day("1900-01-01")));
        assert_eq!(date_from_serial("61", DateSystem::Excel1900), Some(day("1900-03-01")));
        assert_eq!(date_from_serial("0", DateSystem::Excel1904), None);
        assert_eq!(date_from_serial("44620", DateSystem::Excel1904), Some(day("2026-03-01")));
        for bad in ["-3", "1e5", "", ".5", "12a", "9999999"] {
            assert_eq!(date_from_serial(bad, DateSystem::Excel1900), None, "{bad}");
        }
    }

    #[test]
    fn column_letters_round_trip() {
        for (i, name) in [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")] {
            assert_eq!(column_name(i), name);
            assert_eq!(column_of(&format!("{name}7")), Some(i));
        }
        assert_eq!(column_of("12"), None);
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text("3"), "3");
        assert_eq!(number_text(" 3.0 "), "3");
        assert_eq!(number_text("13800138000"), "13800138000");
        assert_eq!(number_text("0.1"), "0.1");
    }

    #[test]
    fn written_workbook_reads_back() {
        let rows = vec![
            vec![
                CellOut::Text("JA-001".into()),
                CellOut::Date(day("2026-03-01")),
                CellOut::Number(3),
                CellOut::Text(" <征地> & \"补偿\"\n第二行 ".into()),
            ],
            vec![CellOut::Text(String::new()), CellOut::Text("仅第二列".into())],
        ];
        let bytes = write_workbook(
            "积案台账",
            &["案件编号", "交办日期", "涉及人数", "诉求摘要"],
            &[12, 12, 8, 40],
            &rows,
        );
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let sheet = read_first_sheet(&bytes).unwrap();
        assert_eq!(sheet.dates, DateSystem::Excel1900);
        assert_eq!(
            sheet.rows[0],
            (1, vec!["案件编号".into(), "交办日期".into(), "涉及人数".into(), "诉求摘要".into()])
        );
        assert_eq!(
            sheet.rows[1],
            (
                2,
                vec![
                    "JA-001".into(),
                    "46082".into(),
                    "3".into(),
                    " <征地> & \"补偿\"\n第二行 ".into()
                ]
            )
        );
        assert_eq!(sheet.rows[2], (3, vec![String::new(), "仅第二列".into()]));
    }

    #[test]
    fn written_parts_carry_correct_checksums() {
        let bytes = write_workbook(
            "积案台账",
            &["案件编号"],
            &[12],
            &[vec![CellOut::Text("JA-001".into())]],
        );
        let archive = rawzip::ZipArchive::from_slice(&bytes[..]).unwrap();
        let mut names = Vec::new();
        for entry in archive.entries() {
            let entry = entry.unwrap();
            names.push(String::from_utf8_lossy(entry.file_path().as_bytes()).into_owned());
            let local = archive.get_entry(entry.wayfinder()).unwrap();
            let mut out = Vec::new();
            // The verifying reader checks the stored CRC-32 and size against the data.
            std::io::Read::read_to_end(&mut local.verifying_reader(local.data()), &mut out)
                .unwrap();
            assert!(!out.is_empty());
        }
        assert_eq!(names.len(), 6);
        assert!(names.contains(&"xl/worksheets/sheet1.xml".to_string()));
    }

    #[test]
    fn shared_strings_skip_phonetic_runs_and_resolve_references() {
        let xml = r#"<sst><si><t>甲&amp;乙&#x4E19;</t></si><si><r><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh><t>フ</t></rPh></si><si/></sst>"#;
        assert_eq!(parse_shared_strings(xml).unwrap(), ["甲&乙丙", "富文本 ", ""]);
    }

    #[test]
    fn sheets_without_references_and_with_gaps_read_in_place() {
        let xml = r#"<worksheet><sheetData><row r="3"><c r="C3" t="s"><v>0</v></c></row><row><c><v>1</v></c><c t="b"><v>1</v></c><c t="str"><f>A4</f><v>x</v></c></row><row r="9"/></sheetData></worksheet>"#;
        let rows = parse_sheet(xml, &["标题".to_string()]).unwrap();
        assert_eq!(
            rows,
            vec![
                (3, vec!["".into(), "".into(), "标题".into()]),
                (4, vec!["1".into(), "TRUE".into(), "x".into()])
            ]
        );
    }

    /// A 73 KB workbook with one cell in column XFD on 30,000 rows once grew the page to 4 GB.
    #[test]
    fn sparse_far_cells_are_refused_and_empty_ones_take_no_memory() {
        let rows: String = (1..=30_000)
            .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
            .collect();
        let xml = format!("<worksheet><sheetData>{rows}</sheetData></worksheet>");
        assert!(parse_sheet(&xml, &[]).unwrap_err().contains("（XFD 列）有内容，表格超过 256 列"));
        let styled: String = (1..=30_000)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c><c r="XFD{r}" s="1"/></row>"#))
            .collect();
        let rows =
            parse_sheet(&format!("<worksheet><sheetData>{styled}</sheetData></worksheet>"), &[])
                .unwrap();
        assert!(rows.iter().all(|(_, cells)| cells.len() == 1));
        let long: String = (1..=MAX_ROWS + 1)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#))
            .collect();
        assert!(parse_sheet(&format!("<worksheet><sheetData>{long}</sheetData></worksheet>"), &[])
            .unwrap_err()
            .contains("超过 50000 行"));
    }

    #[test]
    fn merged_cells_fill_every_cell_they_cover() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>
            <row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>陈国庆</t></is></c></row>
            <row r="4"><c r="A4"><v>2</v></c></row>
            <row r="5"><c r="A5"><v>3</v></c></row>
            </sheetData><mergeCells><mergeCell ref="A1:C1"/><mergeCell ref="B3:B5"/><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>"#;
        assert!(parse_sheet(xml, &[]).unwrap_err().contains("超过 256 列"));
        let xml = xml.replace(r#"<mergeCell ref="A1:XFD1048576"/>"#, "");
        let rows = parse_sheet(&xml, &[]).unwrap();
        assert_eq!(rows[0].1, ["标题", "标题", "标题"]);
        let leads: Vec<&str> = rows[1..].iter().map(|(_, c)| c[1].as_str()).collect();
        assert_eq!(leads, ["陈国庆", "陈国庆", "陈国庆"]);
    }

    #[test]
    fn broken_files_are_refused_in_chinese() {
        assert!(read_first_sheet(b"PK\x03\x04 not really")
            .unwrap_err()
            .contains("不是有效的 Excel"));
        let mut archive = rawzip::ZipArchiveWriter::new(Vec::new());
        write_part(&mut archive, "hello.txt", b"hi").unwrap();
        let bytes = archive.finish().unwrap();
        assert!(read_first_sheet(&bytes).unwrap_err().contains("没有找到工作簿"));
    }
}
