//! The monthly report (月报, 《信访积案化解工作方案（精选5篇）》: 每月20日前报送进展情况，动态管理): for one month, per
//! 责任单位, the cases new, closed, resolved and overdue, with each case's latest 办理情况 entry.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::stats::{is_open, is_overdue};
use crate::core::exchange::table_export::excel_csv;
use crate::core::ledger::campaign::{Campaign, Rate};
use crate::core::ledger::model::{Case, Status};
use crate::core::ledger::text::{date_text, in_years};
use crate::core::rules::deadline::Urgency;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month { year: day.year(), month: day.month() }
    }

    /// Reads "2026-11" as an `<input type=month>` gives it, or says why not. Only the years a
    /// ledger holds (`text::YEARS`): a browser lets the user type year 262142.
    pub fn parse(text: &str) -> Result<Month, String> {
        let invalid = || format!("“{}”不是有效的月份，请按 年-月 填写，如 2026-03", text.trim());
        let (year, month) = text.trim().split_once('-').ok_or_else(invalid)?;
        let month = Month {
            year: year.parse().map_err(|_| invalid())?,
            month: month.parse().map_err(|_| invalid())?,
        };
        let first = month.first_day().ok_or_else(invalid)?;
        in_years(first).map(|_| month)
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// `None` past the end of the calendar.
    pub fn last_day(self) -> Option<NaiveDate> {
        let next = if self.month == 12 {
            Month { year: self.year.checked_add(1)?, month: 1 }
        } else {
            Month { month: self.month + 1, ..self }
        };
        next.first_day()?.pred_opt()
    }

    fn contains(self, day: Option<NaiveDate>) -> bool {
        day.is_some_and(|d| Month::of(d) == self)
    }

    /// 2026年11月
    pub fn title(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// 2026-11, for `<input type=month>` and file names.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// One case's line in the report.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseLine {
    pub number: String,
    pub petitioner: String,
    pub lead: String,
    pub status: &'static str,
    pub due: String,
    pub new: bool,
    pub closed: bool,
    pub resolved: bool,
    pub overdue: bool,
    /// The latest 办理情况 entry up to the month's end: date and text.
    pub latest: Option<(String, String)>,
}

/// Counts of one 责任单位 (or of all, in the total line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitCounts {
    pub new: usize,
    pub closed: usize,
    pub resolved: usize,
    pub overdue: usize,
    /// 未办结 at the month's end ([`stats::is_open`]).
    pub open: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnitSection {
    pub unit: String,
    pub counts: UnitCounts,
    pub cases: Vec<CaseLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MonthlyReport {
    pub month: Month,
    pub units: Vec<UnitSection>,
    pub total: UnitCounts,
}

/// The column meanings, shown under the printed table and in the CSV.
pub const DEFINITIONS: &str = "新增：交办日期（无交办日期时为登记日期）在本月；办结：状态为“已办结”且办结日期在本月；\
化解：本月办结且办结结果为“已化解”（与统计页的办结率、化解率口径相同）；逾期：月末（当月为今天）仍未办结且已超过办结时限\
（已提交办结审核且按期的不算，与台账、统计页的“逾期”口径相同）；未办结：月末（当月为今天）尚未“已办结”（含排查登记、办结待审）。";

/// Builds the report for `month` as of its last day, or as of `today` while the month runs (a
/// case due next week is not overdue yet). Cases registered after the month are left out, as
/// are cases finished before it began.
pub fn monthly(
    cases: &[Case],
    campaign: &Campaign,
    month: Month,
    today: NaiveDate,
) -> MonthlyReport {
    let (Some(first), Some(last)) = (month.first_day(), month.last_day()) else {
        // Not a month of the calendar (`Month::parse` refuses these): nothing to report.
        return MonthlyReport { month, units: Vec::new(), total: UnitCounts::default() };
    };
    let last = last.min(today.max(first));
    let mut units = BTreeMap::<String, UnitSection>::new();
    for case in cases {
        let began = case.assigned_on.or(case.registered_on);
        if began.is_some_and(|d| d > last) {
            continue;
        }
        // 办结 and 化解 as the dashboard counts them (`stats::Rate`): 已办结, dated by 办结日期.
        let closed_on = case.packet.closed_on.filter(|_| Rate::Closed.counts(case));
        if closed_on.is_some_and(|d| d < first)
            || (case.status == Status::Closed && closed_on.is_none())
        {
            continue;
        }
        let closed = month.contains(closed_on);
        let line = CaseLine {
            number: case.number.clone(),
            petitioner: case.petitioner.name.clone(),
            lead: case.lead.clone(),
            status: case.status.label(),
            due: match campaign.deadline(case) {
                Ok(deadline) => date_text(deadline.map(|d| d.due())),
                Err(_) => Urgency::OutOfRange.label(),
            },
            new: month.contains(began),
            closed,
            resolved: closed && Rate::Resolved.counts(case),
            overdue: is_overdue(campaign.urgency(case, last)),
            latest: case
                .progress
                .iter()
                .find(|e| e.date <= last)
                .map(|e| (date_text(Some(e.date)), e.text.clone())),
        };
        let open = is_open(case, last);
        let unit = match case.responsible_unit.trim() {
            "" => "（未填写责任单位）".to_string(),
            unit => unit.to_string(),
        };
        let section = units.entry(unit.clone()).or_insert_with(|| UnitSection {
            unit,
            counts: UnitCounts::default(),
            cases: Vec::new(),
        });
        let c = &mut section.counts;
        c.new += line.new as usize;
        c.closed += line.closed as usize;
        c.resolved += line.resolved as usize;
        c.overdue += line.overdue as usize;
        c.open += open as usize;
        section.cases.push(line);
    }
    let units: Vec<UnitSection> = units.into_values().collect();
    let mut total = UnitCounts::default();
    for u in &units {
        total.new += u.counts.new;
        total.closed += u.counts.closed;
        total.resolved += u.counts.resolved;
        total.overdue += u.counts.overdue;
        total.open += u.counts.open;
    }
    MonthlyReport { month, units, total }
}

fn yes(flag: bool) -> &'static str {
    if flag {
        "是"
    } else {
        ""
    }
}

/// The report as CSV for Excel on Chinese Windows (see `table_export::excel_csv`: UTF-8 with a
/// byte-order mark, formula-like text neutralised), Chinese headers, dates as YYYY-MM-DD. A
/// summary by 责任单位 comes first, then one line per case.
pub fn to_csv(report: &MonthlyReport, campaign_name: &str) -> String {
    let title = format!(
        "{}信访积案月报{}",
        report.month.title(),
        if campaign_name.is_empty() { String::new() } else { format!("（{campaign_name}）") }
    );
    let counts = |name: &str, c: &UnitCounts| {
        let mut row = vec![name.to_string()];
        row.extend([c.new, c.closed, c.resolved, c.overdue, c.open].map(|n| n.to_string()));
        row
    };
    let line = |fields: &[&str]| fields.iter().map(|f| f.to_string()).collect::<Vec<_>>();
    let mut rows =
        vec![line(&[&title]), line(&["责任单位", "新增", "办结", "化解", "逾期", "未办结"])];
    rows.extend(report.units.iter().map(|u| counts(&u.unit, &u.counts)));
    rows.push(counts("合计", &report.total));
    rows.push(line(&[""]));
    rows.push(line(&[
        "责任单位",
        "案件编号",
        "信访人",
        "包案领导",
        "状态",
        "办结时限",
        "本月新增",
        "本月办结",
        "本月化解",
        "月末逾期",
        "最新办理情况日期",
        "最新办理情况",
    ]));
    for u in &report.units {
        for l in &u.cases {
            let (date, text) = l.latest.clone().unwrap_or_default();
            rows.push(line(&[
                &u.unit,
                &l.number,
                &l.petitioner,
                &l.lead,
                l.status,
                &l.due,
                yes(l.new),
                yes(l.closed),
                yes(l.resolved),
                yes(l.overdue),
                &date,
                &text,
            ]));
        }
    }
    rows.push(line(&[""]));
    rows.push(line(&["说明", DEFINITIONS]));
    excel_csv(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::model::Outcome;
    use crate::core::ledger::packet::Packet;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(
        number: &str,
        unit: &str,
        assigned: &str,
        status: Status,
        closed: Option<&str>,
        outcome: Option<Outcome>,
    ) -> Case {
        let mut c = Case {
            number: number.into(),
            responsible_unit: unit.into(),
            assigned_on: Some(day(assigned)),
            status,
            outcome,
            packet: Packet { closed_on: closed.map(day), ..Packet::default() },
            ..Case::default()
        };
        c.add_progress(day(assigned), "交办");
        c
    }

    /// A hand-made ledger for November 2026 (90-day rule).
    fn ledger() -> Vec<Case> {
        use Outcome::*;
        use Status::*;
        let mut progressed = case("A2", "县人社局", "2026-08-01", InProgress, None, None);
        progressed.add_progress(day("2026-11-15"), "召开听证会");
        progressed.add_progress(day("2026-12-02"), "十二月的记录不算");
        vec![
            case("A1", "县人社局", "2026-11-03", Assigned, None, None), // new
            progressed, // due 10-30: overdue at month end
            case("A3", "县人社局", "2026-07-01", Closed, Some("2026-11-10"), Some(Resolved)), // closed + resolved
            case("B1", "县自然资源局", "2026-09-01", AwaitingReview, Some("2026-11-20"), None), // closed, not resolved
            case("B2", "县自然资源局", "2026-06-01", Closed, Some("2026-10-01"), Some(Settled)), // finished before: left out
            case("B3", "县自然资源局", "2026-12-01", Assigned, None, None), // after the month: left out
            case("B4", "县自然资源局", "2026-10-01", Closed, Some("2026-11-30"), Some(Terminated)), // closed, not resolved
        ]
    }

    #[test]
    fn counts_per_unit_and_in_total() {
        let r = monthly(
            &ledger(),
            &Campaign::default(),
            Month { year: 2026, month: 11 },
            day("2026-12-05"),
        );
        let units: Vec<_> =
            r.units.iter().map(|u| (u.unit.as_str(), u.counts.clone(), u.cases.len())).collect();
        assert_eq!(
            units,
            [
                ("县人社局", UnitCounts { new: 1, closed: 1, resolved: 1, overdue: 1, open: 2 }, 3),
                // B1 is 办结待审: handled in time (not overdue) but not 办结 yet, so still 在办.
                (
                    "县自然资源局",
                    UnitCounts { new: 0, closed: 1, resolved: 0, overdue: 0, open: 1 },
                    2
                ),
            ]
        );
        assert_eq!(r.total, UnitCounts { new: 1, closed: 2, resolved: 1, overdue: 1, open: 3 });
        let a2 = &r.units[0].cases[1];
        assert_eq!((a2.number.as_str(), a2.overdue, a2.due.as_str()), ("A2", true, "2026-10-30"));
        assert_eq!(a2.latest, Some(("2026-11-15".into(), "召开听证会".into())));
    }

    #[test]
    fn a_running_month_counts_as_of_today() {
        let mut cases = ledger();
        // A2 is due 2026-10-30: on 2026-10-20 it is not overdue yet, though it is by the month's
        // end. A3 (due 09-29, closed 11-10) is overdue all October.
        let october = Month { year: 2026, month: 10 };
        let during = monthly(&cases, &Campaign::default(), october, day("2026-10-20"));
        let after = monthly(&cases, &Campaign::default(), october, day("2026-11-02"));
        assert_eq!((during.total.overdue, after.total.overdue), (1, 2));
        // A month that has not begun yet reports from its first day.
        cases.truncate(1);
        let r = monthly(
            &cases,
            &Campaign::default(),
            Month { year: 2026, month: 11 },
            day("2026-10-01"),
        );
        assert_eq!(r.total.new, 0);
    }

    #[test]
    fn months_know_their_ends() {
        assert_eq!(Month { year: 2028, month: 2 }.last_day(), Some(day("2028-02-29")));
        assert_eq!(Month { year: 2026, month: 12 }.last_day(), Some(day("2026-12-31")));
        assert_eq!(Month::parse("2026-02"), Ok(Month { year: 2026, month: 2 }));
        assert!(Month::parse("2026-13").unwrap_err().contains("不是有效的月份"));
        // The browser's month input accepts years up to 275760; the ledger's years are bounded.
        assert!(Month::parse("262142-12").unwrap_err().contains("年份 262142 不合理"));
        assert!(Month::parse("2101-01").is_err());
        assert_eq!(Month { year: 262142, month: 12 }.last_day(), None);
        let edge = monthly(
            &[],
            &Campaign::default(),
            Month { year: 262142, month: 12 },
            day("2026-01-01"),
        );
        assert!(edge.units.is_empty());
        assert_eq!(Month { year: 2026, month: 2 }.iso(), "2026-02");
    }

    #[test]
    fn the_csv_opens_in_excel_with_chinese_headers_and_iso_dates() {
        let r = monthly(
            &ledger(),
            &Campaign::default(),
            Month { year: 2026, month: 11 },
            day("2026-12-05"),
        );
        let csv = to_csv(&r, "2026年专项行动");
        let text = csv.strip_prefix('\u{feff}').expect("byte-order mark for Excel");
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines[0], "2026年11月信访积案月报（2026年专项行动）");
        assert_eq!(lines[1], "责任单位,新增,办结,化解,逾期,未办结");
        assert_eq!(lines[2], "县人社局,1,1,1,1,2");
        assert_eq!(lines[4], "合计,1,2,1,1,3");
        assert!(
            lines.contains(&"县人社局,A2,,,化解中,2026-10-30,,,,是,2026-11-15,召开听证会"),
            "{text}"
        );
    }
}
