//! The text toolkit every entry path shares: how several names are written in one cell, how a
//! date is typed and how it is shown. The case form, the JSON import, the sheet import and the
//! closure check all go through these, so they agree on what a cell holds.

use std::ops::{Range, RangeInclusive};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// Years a ledger can hold; a date outside them is a typo (1026 for 2026, 20266 for 2026).
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// A date text as read: the case form and the sheet import read dates with the one parser,
/// [`read_date`]; the form takes only [`DateText::Empty`] and [`DateText::Date`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateText {
    Empty,
    Date(NaiveDate),
    /// Written to the month only (2021年3月): the first of the month.
    Month(NaiveDate),
    /// No date, but words worth keeping (长期, 待定, 3月底 without a year).
    Words,
}

/// A date as the ledger shows it: 2026-03-01. Written by hand, as chrono's `format("%Y-%m-%d")`
/// would: chrono's strftime code costs ~5 KB of the page for the two shapes the ledger writes
/// (this and [`format_minute`]). Years outside 0–9999 (never in a ledger, see [`YEARS`]) keep a
/// sign.
pub fn format_date(date: NaiveDate) -> String {
    let year = date.year();
    let sign = if (0..=9999).contains(&year) {
        ""
    } else if year < 0 {
        "-"
    } else {
        "+"
    };
    format!("{sign}{:04}-{:02}-{:02}", year.unsigned_abs(), date.month(), date.day())
}

/// A moment as the ledger shows it, to the minute: 2026-03-01 09:05.
pub fn format_minute(at: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", format_date(at.date()), at.hour(), at.minute())
}

/// A date as printed forms write it: 2026年3月1日; empty when not known.
pub fn chinese_date(date: Option<NaiveDate>) -> String {
    date.map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day())).unwrap_or_default()
}

/// A text with its dates (`2026-03-01`, as messages write them) as printed forms write them:
/// `交办日期 2026-03-01` → `交办日期 2026年3月1日`. Anything not a real date stays as it is.
pub fn chinese_dates_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let run = rest.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(rest.len());
        let (candidate, after) = rest.split_at(run);
        match candidate.parse::<NaiveDate>() {
            Ok(day) if candidate.len() == 10 => out.push_str(&chinese_date(Some(day))),
            _ => out.push_str(candidate),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A date that may be unknown: empty when not known.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// Parses a date as typed: `2026-03-01`, `2026/3/1`, `2026.3.1`, `2026年3月1日`, `20260301`,
/// full-width digits, a time of day after it (`2026/3/1 0:00`, `2024年3月14日11时45分`) dropped.
/// Empty means "not yet known"; a month or words without a date are refused.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    match read_date(text)? {
        DateText::Empty => Ok(None),
        DateText::Date(date) => Ok(Some(date)),
        DateText::Month(_) | DateText::Words => Err(invalid_date(text.trim())),
    }
}

/// Why a text is no date, in the words every date field uses.
pub fn invalid_date(text: &str) -> String {
    format!("“{text}”不是有效日期，请按 年-月-日 填写，如 2026-03-01")
}

/// Texts that stand for "no date" in office sheets: Excel's zero day, the Unix epoch, dashes.
fn is_no_date(text: &str) -> bool {
    matches!(
        text,
        "-" | "—"
            | "/"
            | "无"
            | "0"
            | "1900-01-00"
            | "1900/1/0"
            | "1970-01-01"
            | "1970/1/1"
            | "1900-01-01"
    )
}

/// The one date parser: everything [`parse_date`] takes, and as sheets hold them `2021年3月` or
/// `2021-03` (the month), 长期 / 待定 / 3月底 (words), 1900-01-00 / 1970-01-01 / `-` (empty).
/// An impossible date (2026-02-30) or a year outside [`YEARS`] is an error.
pub fn read_date(text: &str) -> Result<DateText, String> {
    let text = text.trim();
    let half: String = text.chars().map(half_width).collect();
    let half = half.trim();
    if half.is_empty() || is_no_date(half) {
        return Ok(DateText::Empty);
    }
    match date_numbers(half).as_deref() {
        Some([y, m, d]) => NaiveDate::from_ymd_opt(*y, *m as u32, *d as u32)
            .ok_or_else(|| invalid_date(text))
            .and_then(in_years)
            .map(DateText::Date),
        Some([y, m]) => NaiveDate::from_ymd_opt(*y, *m as u32, 1)
            .ok_or_else(|| invalid_date(text))
            .and_then(in_years)
            .map(DateText::Month),
        _ if !half.chars().any(|c| c.is_ascii_digit()) || half.contains('月') => {
            Ok(DateText::Words)
        }
        _ => Err(invalid_date(text)),
    }
}

/// The year, month and day (or year and month) of a date text, its time of day dropped.
fn date_numbers(text: &str) -> Option<Vec<i32>> {
    // Drop a time of day: "2026/3/1 0:00", "2026-03-01T08:30:00", "2024年3月14日11时45分".
    let date_part = match text.find(['日', '号']) {
        Some(end) => &text[..end],
        None => text.split([' ', 'T']).next().unwrap_or(text),
    };
    // chrono writes a year past 9999 with a sign (+262142-03-01): read it back as a year, so that
    // it is refused as out of range, not as no date.
    let date_part = date_part.strip_prefix('+').unwrap_or(date_part);
    let parts: Vec<&str> =
        date_part.split(['-', '/', '.', '年', '月']).filter(|p| !p.is_empty()).collect();
    let digits = |p: &&str| p.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(digits) {
        return None;
    }
    match parts.as_slice() {
        // A year of five digits or more is a typo (20266) that the years check names.
        [y, m, d] if y.len() >= 4 => [y, m, d].iter().map(|p| p.parse().ok()).collect(),
        [y, m] if y.len() == 4 && text.contains(['年', '-', '/', '.']) => {
            [y, m].iter().map(|p| p.parse().ok()).collect()
        }
        [all] if all.len() == 8 => {
            [&all[..4], &all[4..6], &all[6..]].iter().map(|p| p.parse().ok()).collect()
        }
        _ => None,
    }
}

/// Refuses dates outside [`YEARS`]: a typo such as 1026 for 2026 is caught where it is typed,
/// not when the ledger is next read.
pub fn in_years(date: NaiveDate) -> Result<NaiveDate, String> {
    match year_out_of_range(date) {
        None => Ok(date),
        Some(message) => Err(format!("{message}，请核对")),
    }
}

/// Why a date is out of the ledger's years, if it is.
pub fn year_out_of_range(date: NaiveDate) -> Option<String> {
    (!YEARS.contains(&date.year())).then(|| {
        format!("年份 {} 不合理（应在 {} 至 {} 年之间）", date.year(), YEARS.start(), YEARS.end())
    })
}

/// Full-width ASCII (ＡＢ１２（）＋) as half-width; other characters as they are.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

// ---------------------------------------------------------------------------------------------
// Names

/// Marks that always separate two names (outside brackets).
const SEPARATORS: &[char] =
    &['、', ',', '，', ';', '；', '/', '／', '+', '＋', '|', '｜', '\n', '\r', '\t'];

/// Words that separate two names when each side has at least two characters ("王建国和赵明"),
/// so that a name containing the character ("张和平", "欧阳和平") stays whole.
const CONJUNCTIONS: &[char] = &['和', '与', '及'];

const OPENING: &[char] = &['(', '（', '[', '［', '【', '〔', '〖', '<', '《', '〈'];
const CLOSING: &[char] = &[')', '）', ']', '］', '】', '〕', '〗', '>', '》', '〉'];

/// Endings of an official title: a space next to a title does not separate two people
/// ("副县长 张三", "张三 县委常委" are one person each).
const TITLE_ENDINGS: &[&str] = &[
    "长",
    "书记",
    "主任",
    "常委",
    "委员",
    "主席",
    "组长",
    "调研员",
    "巡视员",
    "专员",
    "政委",
    "经理",
    "干部",
    "领导",
];

/// The people written in one cell, each as written (a title in brackets stays with its name).
///
/// "王建国 赵明", "王建国和赵明", "张三＋李四", "王建国、赵明", "王建国/赵明" are two names;
/// "陈国庆（县委常委、副县长）" is one; "副县长 张三" is one; Latin names keep their spaces
/// ("WANG Li"). Separators inside brackets never split.
pub fn split_names(text: &str) -> Vec<&str> {
    // The usual cell, one name in ideographs and no conjunction, needs none of the splitting
    // below (the closure check splits a few names of every case).
    if !text.is_empty() && text.chars().all(|c| is_ideograph(c) && !CONJUNCTIONS.contains(&c)) {
        return vec![text];
    }
    split_at_marks(text)
}

/// [`split_names`] for any cell: at separators, spaces between plain names, and conjunctions.
fn split_at_marks(text: &str) -> Vec<&str> {
    outside_brackets(text, |c| SEPARATORS.contains(&c))
        .into_iter()
        .flat_map(|r| join_titles(&text[r]))
        .flat_map(split_conjunctions)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The units written in one cell (协办单位): split at the separators only, so that a unit's
/// name with 和 or a space in it stays whole (县住房和城乡建设局).
pub fn split_units(text: &str) -> Vec<&str> {
    outside_brackets(text, |c| SEPARATORS.contains(&c))
        .into_iter()
        .map(|r| text[r].trim())
        .collect()
}

/// A name without bracketed additions: "陈国庆（县委常委、副县长）" → "陈国庆".
pub fn without_brackets(name: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in name.chars() {
        if OPENING.contains(&c) {
            depth = depth.saturating_add(1);
        } else if CLOSING.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Splits `text` at the characters `at` accepts that are not inside brackets: the byte ranges
/// of the non-blank parts.
fn outside_brackets(text: &str, at: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in text.char_indices() {
        if OPENING.contains(&c) {
            depth = depth.saturating_add(1);
        } else if CLOSING.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && at(c) {
            parts.push(start..i);
            start = i + c.len_utf8();
        }
    }
    parts.push(start..text.len());
    parts.retain(|r| !text[r.clone()].trim().is_empty());
    parts
}

/// Splits a segment at spaces between two Chinese names; a title, a bracketed addition or a
/// Latin word stays with its neighbour.
fn join_titles(segment: &str) -> Vec<&str> {
    let mut people: Vec<Range<usize>> = Vec::new();
    let mut previous = "";
    for word in outside_brackets(segment, char::is_whitespace) {
        let text = &segment[word.clone()];
        match people.last_mut() {
            Some(person) if !(is_plain_name(previous) && is_plain_name(text)) => {
                person.end = word.end
            }
            _ => people.push(word),
        }
        previous = text;
    }
    people.into_iter().map(|r| &segment[r]).collect()
}

/// A word that is a Chinese name on its own: starts with a CJK ideograph and is not a title.
fn is_plain_name(word: &str) -> bool {
    let word = word.trim();
    word.chars().next().is_some_and(is_ideograph)
        && !TITLE_ENDINGS.iter().any(|t| without_brackets(word).ends_with(t))
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Splits at 和/与/及 outside brackets when both sides have at least two characters.
fn split_conjunctions(person: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in person.char_indices() {
        if OPENING.contains(&c) {
            depth = depth.saturating_add(1);
        } else if CLOSING.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && CONJUNCTIONS.contains(&c) {
            let after = i + c.len_utf8();
            let long = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count() >= 2;
            if long(&person[start..i]) && long(&person[after..]) {
                parts.push(&person[start..i]);
                start = after;
            }
        }
    }
    parts.push(&person[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_and_minutes_are_written_as_chrono_would() {
        for text in ["2026-03-01", "1900-01-01", "0001-12-31", "9999-12-31", "+10000-01-01"] {
            let date: NaiveDate = text.parse().unwrap();
            assert_eq!(format_date(date), date.format("%Y-%m-%d").to_string(), "{text}");
        }
        let at = day("2026-03-01").and_hms_opt(9, 5, 59).unwrap();
        assert_eq!(format_minute(at), "2026-03-01 09:05");
    }

    #[test]
    fn dates_as_printed_forms_write_them() {
        assert_eq!(chinese_date("2026-03-01".parse().ok()), "2026年3月1日");
        assert_eq!(chinese_date(None), "");
        assert_eq!(
            chinese_dates_in("交办函日期 2026-03-01 与交办日期 2026-02-28 不一致；文号 2026-1 号"),
            "交办函日期 2026年3月1日 与交办日期 2026年2月28日 不一致；文号 2026-1 号"
        );
        assert_eq!(chinese_dates_in("2026-02-30、1234567890-12"), "2026-02-30、1234567890-12");
    }

    #[test]
    fn two_names_however_they_are_separated() {
        for text in [
            "王建国 赵明",
            "王建国\u{3000}赵明",
            "王建国和赵明",
            "王建国与赵明",
            "王建国、赵明",
            "王建国，赵明",
            "王建国,赵明",
            "王建国/赵明",
            "王建国／赵明",
            "王建国＋赵明",
            "王建国+赵明",
            "王建国；赵明",
            "王建国\n赵明",
            " 王建国 、 赵明 ",
        ] {
            assert_eq!(split_names(text), ["王建国", "赵明"], "{text:?}");
        }
        assert_eq!(split_names("张三＋李四"), ["张三", "李四"]);
        assert_eq!(
            split_units("县住房和城乡建设局、某镇 人民政府；县财政局（配合）"),
            ["县住房和城乡建设局", "某镇 人民政府", "县财政局（配合）"]
        );
        assert_eq!(split_names("张三 李四 王五"), ["张三", "李四", "王五"]);
    }

    #[test]
    fn one_name_with_a_title_or_a_conjunction_inside_it() {
        assert_eq!(split_names("陈国庆（县委常委、副县长）"), ["陈国庆（县委常委、副县长）"]);
        assert_eq!(split_names("陈国庆(县委常委,副县长)"), ["陈国庆(县委常委,副县长)"]);
        assert_eq!(split_names("陈国庆 （县委常委 副县长）"), ["陈国庆 （县委常委 副县长）"]);
        assert_eq!(split_names("副县长 张三"), ["副县长 张三"]);
        assert_eq!(split_names("张三　县委常委"), ["张三　县委常委"]);
        assert_eq!(split_names("王副县长"), ["王副县长"]);
        assert_eq!(split_names("张和平"), ["张和平"]);
        assert_eq!(split_names("欧阳和平"), ["欧阳和平"]);
        assert_eq!(split_names("WANG Li"), ["WANG Li"]);
        assert_eq!(
            split_names("陈国庆（县委常委、副县长）、王建国"),
            ["陈国庆（县委常委、副县长）", "王建国"]
        );
        assert_eq!(split_names("张和平和李四"), ["张和平", "李四"]);
        assert!(split_names(" 、，\u{3000} ").is_empty());
        // The shortcut for one name in ideographs gives what the general splitting gives.
        for name in
            ["王建国", "王副县长", "张", "欧阳和平", "张和平和李四", "王建国与赵明", "县委常委"]
        {
            assert_eq!(split_names(name), split_at_marks(name), "{name}");
        }
        assert_eq!(split_names("（未闭合、括号"), ["（未闭合、括号"]);
    }

    #[test]
    fn brackets_are_dropped_for_comparing_people() {
        assert_eq!(without_brackets("陈国庆（县委常委、副县长）"), "陈国庆");
        assert_eq!(without_brackets("王建国"), "王建国");
    }

    #[test]
    fn dates_as_clerks_type_them() {
        for text in [
            "2026-03-01",
            "2026/3/1",
            "2026.3.1",
            "2026年3月1日",
            "20260301",
            "２０２６－０３－０１",
            "2026-03-01 08:30",
        ] {
            assert_eq!(parse_date(text), Ok(Some(day("2026-03-01"))), "{text}");
        }
        assert_eq!(parse_date("  "), Ok(None));
        assert_eq!(
            parse_date("2026-02-30").unwrap_err(),
            "“2026-02-30”不是有效日期，请按 年-月-日 填写，如 2026-03-01"
        );
        assert!(parse_date("1026-03-01").unwrap_err().contains("年份 1026 不合理"));
        assert!(parse_date("2101-01-01").is_err());
        assert_eq!(parse_date("2100-12-31"), Ok(Some(day("2100-12-31"))));
        // A stored date far out, as the form shows it (chrono writes +262142-03-01), and a typo.
        let far = NaiveDate::from_ymd_opt(262142, 3, 1).unwrap();
        assert!(parse_date(&format_date(far)).unwrap_err().contains("年份 262142 不合理"));
        assert!(parse_date("20266-03-01").unwrap_err().contains("年份 20266 不合理"));
    }

    #[test]
    fn one_parser_reads_sheet_dates_too() {
        assert_eq!(read_date("2024年3月14日11时45分"), Ok(DateText::Date(day("2024-03-14"))));
        assert_eq!(read_date("２０２１年３月"), Ok(DateText::Month(day("2021-03-01"))));
        assert_eq!(read_date("2021-03"), Ok(DateText::Month(day("2021-03-01"))));
        for words in ["长期", "待定", "3月底"] {
            assert_eq!(read_date(words), Ok(DateText::Words), "{words}");
            assert!(parse_date(words).is_err(), "the form wants a day: {words}");
        }
        for empty in ["1900-01-00", "1970-01-01", "-", "无"] {
            assert_eq!(read_date(empty), Ok(DateText::Empty), "{empty}");
        }
        assert!(parse_date("2021年3月").is_err());
        assert!(read_date("3/1/2026").is_err());
    }

    #[test]
    fn dates_are_written_one_way() {
        assert_eq!(format_date(day("2026-03-01")), "2026-03-01");
        assert_eq!(date_text(None), "");
        assert_eq!(parse_date(&format_date(day("2028-02-29"))), Ok(Some(day("2028-02-29"))));
    }
}
