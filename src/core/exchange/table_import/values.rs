//! Reading one cell as the field it fills: dates as clerks write them, the ledger's named values
//! (状态, 问题类别 …) from the words offices use, leaders with their titles and phones, and the
//! 办理情况 log.

use chrono::{Datelike, NaiveDate};

use super::super::xlsx::{self, DateSystem};
use crate::core::ledger::fields::Field;
use crate::core::ledger::model::{Category, Flag, Outcome, Resolution, Source, Status};
use crate::core::ledger::text::{self, in_years};

/// A date cell as read: the one date parser's reading (`core::ledger::text`).
pub use crate::core::ledger::text::DateText as DateCell;

/// Parses a date cell with the one date parser ([`text::read_date`]: the ways clerks write
/// dates, month only, words, empty marks); in XLSX a number is a date serial first.
pub fn parse_cell_date(text: &str, serial: Option<DateSystem>) -> Result<DateCell, String> {
    let text = text.trim();
    if let Some(system) = serial {
        // A serial is a number (at most one dot); "2026.3.15" and 20260301 are dates typed as text.
        let numeric = !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && text.matches('.').count() <= 1;
        if numeric && text.len() != 8 && text != "0" {
            return xlsx::date_from_serial(text, system)
                .ok_or_else(|| text::invalid_date(text))
                .and_then(in_years)
                .map(DateCell::Date);
        }
    }
    text::read_date(text)
}

/// A date at the start of a progress line: a full date, or `3月4日` whose year is `year`.
fn line_date(head: &str, year: i32) -> Option<NaiveDate> {
    if let Ok(DateCell::Date(date)) = parse_cell_date(head, None) {
        return Some(date);
    }
    let (month, rest) = head.split_once('月')?;
    let day = rest.trim_end_matches(['日', '号']);
    NaiveDate::from_ymd_opt(year, month.trim().parse().ok()?, day.trim().parse().ok()?)
}

/// Splits an 办理情况 cell into dated entries: lines that begin with a date start an entry,
/// other lines continue it; text before any date becomes one entry dated `undated`. A date
/// without a year (3月4日) takes `year`, the year of the case.
pub fn progress_entries(text: &str, year: i32, undated: NaiveDate) -> Vec<(NaiveDate, String)> {
    let mut entries: Vec<(NaiveDate, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (head, rest) = split_head(line);
        match line_date(head, year) {
            Some(date) if !rest.trim().is_empty() => entries.push((date, rest.trim().to_string())),
            _ => match entries.last_mut() {
                Some((_, text)) => {
                    text.push('\n');
                    text.push_str(line);
                }
                None => entries.push((undated, line.to_string())),
            },
        }
    }
    entries
}

/// A line's first word and the rest: `2026-03-05 首次约谈`, `3月4日：约谈`, `3月4日约谈`.
fn split_head(line: &str) -> (&str, &str) {
    if let Some((head, rest)) = line.split_once([' ', '　', '：', ':', '，', ',']) {
        if !head.contains('日') || head.ends_with(['日', '号']) {
            return (head, rest);
        }
    }
    match line.find(['日', '号']) {
        Some(end) if end <= 18 => line.split_at(end + '日'.len_utf8()),
        _ => (line, ""),
    }
}

/// The year a case's undated progress lines belong to.
pub fn case_year(dates: &[Option<NaiveDate>], today: NaiveDate) -> i32 {
    dates.iter().flatten().next().map(|d| d.year()).unwrap_or(today.year())
}

pub fn status_from_text(text: &str) -> Option<Status> {
    if let Some(status) = Status::from_label(text) {
        return Some(status);
    }
    let status = match text.trim() {
        "登记" | "新登记" | "待交办" | "未交办" | "排查" | "已登记" => {
            Status::Registered
        }
        "交办" | "已交办未办理" | "已转办" | "转办" => Status::Assigned,
        "办理中" | "在办" | "正在办理" | "正在化解" | "未办结" | "未化解" | "化解" | "推进中"
        | "未结" | "在化解" => Status::InProgress,
        "待审" | "待审核" | "已办结待审" | "办结待审核" | "待验收" => {
            Status::AwaitingReview
        }
        "办结" | "已结案" | "结案" | "已化解" | "已办理" | "完成" | "已完成" | "息诉息访"
        | "息诉罢访" | "终结" | "已终结" | "已结" => Status::Closed,
        _ => return None,
    };
    Some(status)
}

/// The outcome a closed status text implies.
pub fn outcome_of_status(text: &str) -> Option<Outcome> {
    match text.trim() {
        "已化解" => Some(Outcome::Resolved),
        "息诉息访" | "息诉罢访" => Some(Outcome::Settled),
        "终结" | "已终结" => Some(Outcome::Terminated),
        _ => None,
    }
}

/// A 是否办结 / 是否化解 / 是否终结 cell: `Some(true)` for yes, `Some(false)` for no.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "已" | "√" | "✓" | "Y" | "y" | "是的" | "已办结" | "已化解" | "已终结" => {
            Some(true)
        }
        "否" | "未" | "×" | "N" | "n" | "未办结" | "未化解" | "未终结" => Some(false),
        _ => None,
    }
}

/// What a yes in a 是否… column means, by the column's header.
pub fn outcome_of_question(header: &str) -> Option<Outcome> {
    if header.contains("终结") {
        Some(Outcome::Terminated)
    } else if header.contains("息诉") {
        Some(Outcome::Settled)
    } else if header.contains("化解") {
        Some(Outcome::Resolved)
    } else {
        None
    }
}

pub fn category_from_text(text: &str) -> Option<Category> {
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
        ("欠薪", Category::LabourSecurity),
        ("工资", Category::LabourSecurity),
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

pub fn source_from_text(text: &str) -> Option<Source> {
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

/// A value that names how a petition came in (信访形式), found in a 来源 or 类型 column.
pub fn looks_like_channel(text: &str) -> bool {
    const CHANNELS: &[&str] = &[
        "来信",
        "来访",
        "网上",
        "网信",
        "12345",
        "电话",
        "信箱",
        "热线",
        "走访",
        "领导接访",
        "视频",
        "微信",
        "邮件",
        "书信",
    ];
    let text = text.trim();
    CHANNELS.iter().any(|c| text.contains(c)) && text.chars().count() <= 12
}

pub fn flag_from_text(text: &str) -> Option<Flag> {
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

pub fn outcome_from_text(text: &str) -> Option<Outcome> {
    Outcome::from_label(text).or(match text.trim() {
        "化解" | "已解决" | "解决" => Some(Outcome::Resolved),
        "息诉罢访" | "停访息诉" | "息访" | "息诉" => Some(Outcome::Settled),
        "已终结" | "终结备案" => Some(Outcome::Terminated),
        _ => None,
    })
}

pub fn resolution_from_text(text: &str) -> Option<Resolution> {
    Resolution::from_label(text).or_else(|| {
        let text = text.trim();
        let by_word: &[(&str, Resolution)] = &[
            ("解决", Resolution::Solved),
            ("教育", Resolution::Educated),
            ("帮扶", Resolution::Helped),
            ("救助", Resolution::Helped),
            ("依法处理", Resolution::LawEnforced),
            ("违法", Resolution::LawEnforced),
        ];
        by_word.iter().find(|(word, _)| text.contains(word)).map(|(_, r)| *r)
    })
}

/// The fields whose cells name one of the ledger's values: the value-mapping step lists the
/// values of their columns that the guess does not recognise.
pub const NAMED_FIELDS: &[Field] = &[
    Field::Source,
    Field::Category,
    Field::Flags,
    Field::Status,
    Field::Outcome,
    Field::Resolution,
];

/// The values a named field can take, by label.
pub fn options(field: Field) -> Vec<&'static str> {
    fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| label(*v)).collect()
    }
    match field {
        Field::Source => labels(Source::ALL, Source::label),
        Field::Category => labels(Category::ALL, Category::label),
        Field::Flags => labels(Flag::ALL, Flag::label),
        Field::Status => labels(Status::ALL, Status::label),
        Field::Outcome => labels(Outcome::ALL, Outcome::label),
        Field::Resolution => labels(Resolution::ALL, Resolution::label),
        _ => Vec::new(),
    }
}

/// Whether the guess reads a value of a named field (a channel in a 来源 or 类型 column is
/// read as 信访形式).
pub fn recognised(field: Field, text: &str) -> bool {
    match field {
        Field::Source => source_from_text(text).is_some() || looks_like_channel(text),
        Field::Category => category_from_text(text).is_some() || looks_like_channel(text),
        Field::Flags => flag_from_text(text).is_some(),
        Field::Status => status_from_text(text).is_some(),
        Field::Outcome => outcome_from_text(text).is_some(),
        Field::Resolution => resolution_from_text(text).is_some(),
        _ => true,
    }
}

/// The names or marks in a cell, split as everywhere else (`core::ledger::text`).
pub fn split_names(cell: &str) -> Vec<String> {
    text::split_names(cell).into_iter().map(String::from).collect()
}

/// A 包案领导 cell taken apart: the leader (with a title in brackets), a phone number found in
/// it, and how many leaders it names. `副县长 张三` is one leader with a title before the name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Leader {
    pub name: String,
    pub phone: String,
    pub count: usize,
}

pub fn read_leader(text: &str, title: &str) -> Leader {
    let (rest, phone) = take_phone(text);
    let rest = rest.replace("（）", "").replace("()", "");
    let rest = rest.trim().trim_matches(['，', ',', '；', ';', '：', ':']).trim();
    let count = text::split_names(rest).len();
    let title = title.trim();
    let name = if title.is_empty() || rest.contains(title) {
        rest.trim().to_string()
    } else {
        format!("{}（{title}）", rest.trim())
    };
    Leader { name, phone, count }
}

/// Splits off a phone number (7 or more digits, with dashes) from a text.
pub fn take_phone(text: &str) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        let digitish = c.is_ascii_digit() || (*c == '-' && start.is_some());
        match (digitish, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) if run_is_phone(&chars[s..i]) => return cut(&chars, s, i),
            (false, Some(_)) => start = None,
            _ => {}
        }
    }
    match start {
        Some(s) if run_is_phone(&chars[s..]) => cut(&chars, s, chars.len()),
        _ => (text.to_string(), String::new()),
    }
}

fn run_is_phone(run: &[char]) -> bool {
    run.iter().filter(|c| c.is_ascii_digit()).count() >= 7
}

fn cut(chars: &[char], from: usize, to: usize) -> (String, String) {
    let rest: String = chars[..from].iter().chain(&chars[to..]).collect();
    (rest, chars[from..to].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
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
            "2026年3月1日11时45分",
            "2026年3月1日 上午",
        ] {
            assert_eq!(
                parse_cell_date(text, None),
                Ok(DateCell::Date(day("2026-03-01"))),
                "{text}"
            );
        }
        let serial = Some(DateSystem::Excel1900);
        assert_eq!(parse_cell_date("46082", serial), Ok(DateCell::Date(day("2026-03-01"))));
        assert_eq!(parse_cell_date("20260301", serial), Ok(DateCell::Date(day("2026-03-01"))));
        assert_eq!(parse_cell_date("2026.3.15", serial), Ok(DateCell::Date(day("2026-03-15"))));
        assert_eq!(parse_cell_date("2021年3月", None), Ok(DateCell::Month(day("2021-03-01"))));
        assert_eq!(parse_cell_date("2021-03", None), Ok(DateCell::Month(day("2021-03-01"))));
        for words in ["长期", "待定", "3月底", "下月底"] {
            assert_eq!(parse_cell_date(words, None), Ok(DateCell::Words), "{words}");
        }
        for empty in ["", "1970-01-01", "1900-01-00", "-", "0"] {
            assert_eq!(parse_cell_date(empty, serial), Ok(DateCell::Empty), "{empty}");
        }
        assert!(parse_cell_date("1026/3/1", None).unwrap_err().contains("年份 1026"));
        for bad in ["46082", "2026-02-30", "3/1/2026", "2026-13-01"] {
            assert!(parse_cell_date(bad, None).unwrap_err().contains("不是有效日期"), "{bad}");
        }
    }

    #[test]
    fn progress_lines_without_a_year_take_the_case_year() {
        let entries = progress_entries(
            "3月4日：首次约谈\n补充说明\n2026-04-01 召开协调会\n5月6日答复",
            2021,
            day("2026-11-23"),
        );
        assert_eq!(
            entries,
            [
                (day("2021-03-04"), "首次约谈\n补充说明".to_string()),
                (day("2026-04-01"), "召开协调会".to_string()),
                (day("2021-05-06"), "答复".to_string()),
            ]
        );
        assert_eq!(progress_entries("已约谈", 2021, day("2026-11-23"))[0].0, day("2026-11-23"));
    }

    #[test]
    fn leaders_with_titles_and_phones() {
        let l = read_leader("陈国庆（县委常委、副县长）", "");
        assert_eq!((l.name.as_str(), l.count), ("陈国庆（县委常委、副县长）", 1));
        let l = read_leader("陈国庆 13800138000", "副县长");
        assert_eq!(
            (l.name.as_str(), l.phone.as_str(), l.count),
            ("陈国庆（副县长）", "13800138000", 1)
        );
        let l = read_leader("王明（0551-6612345）", "");
        assert_eq!((l.name.as_str(), l.phone.as_str()), ("王明", "0551-6612345"));
        assert_eq!(read_leader("副县长 张三", "").count, 1);
        assert_eq!(read_leader("张三、李四", "").count, 2);
        assert_eq!(read_leader("张三 李四", "").count, 2);
    }

    #[test]
    fn values_offices_write() {
        assert_eq!(status_from_text("在办"), Some(Status::InProgress));
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(outcome_of_question("是否终结"), Some(Outcome::Terminated));
        assert!(looks_like_channel("网上信访") && looks_like_channel("12345热线"));
        assert!(!looks_like_channel("县信访局"));
    }
}
