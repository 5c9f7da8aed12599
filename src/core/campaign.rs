//! The campaign (专项工作) a ledger belongs to: its name, dates, time-limit rule and targets,
//! and the deadline arithmetic that follows from the rule.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::{Case, Status};
use super::packet::Extension;
use super::text::parse_date;

/// Cases due within this many days are flagged 即将到期.
pub const DUE_SOON_DAYS: i64 = 7;

/// Seed 004 line 285: 延长期限不得超过30日.
pub const MAX_EXTENSION_DAYS: u32 = 30;

/// The campaign settings, stored with the ledger and exchanged in its JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Campaign {
    /// 专项工作名称, e.g. 2026年信访积案化解专项行动.
    pub name: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub deadline_rule: DeadlineRule,
    /// 目标任务, e.g. 化解率 65% by one date and 85% by a later one (seed 003).
    pub targets: Vec<Target>,
}

chinese_enum! {
    /// How a case's 办结时限 follows from its 交办日期.
    #[derive(Default)]
    DeadlineRule {
        /// Seed 000: 原则上90天办结.
        #[default]
        Ninety => "交办之日起90日",
        /// Seed 004 line 285: 60日内办结，经主要领导批准可延长，延长期限不得超过30日.
        Sixty => "交办之日起60日，经批准可延期30日",
    }
}

impl DeadlineRule {
    pub fn days(self) -> u64 {
        match self {
            DeadlineRule::Ninety => 90,
            DeadlineRule::Sixty => 60,
        }
    }

    /// The longest extension the rule allows; the 90-day rule of seed 000 provides none.
    pub fn max_extension_days(self) -> u32 {
        match self {
            DeadlineRule::Ninety => 0,
            DeadlineRule::Sixty => MAX_EXTENSION_DAYS,
        }
    }
}

chinese_enum! {
    /// The rates campaigns are judged by (domain.md "Targets campaigns set").
    Rate {
        Closed => "办结率",
        Resolved => "化解率",
        Settled => "息诉息访率",
    }
}

/// A target: `percent` of the assigned cases reach `rate` by the date `by`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub rate: Rate,
    pub percent: u32,
    pub by: NaiveDate,
}

/// One target as typed in the settings form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetDraft {
    pub rate: String,
    pub percent: String,
    pub by: String,
}

impl Campaign {
    /// Reads the settings form, or lists in Chinese what to correct.
    pub fn from_form(
        name: &str,
        starts_on: &str,
        ends_on: &str,
        rule: &str,
        targets: &[TargetDraft],
    ) -> Result<Campaign, Vec<String>> {
        let mut errors = Vec::new();
        let date = |label: &str, text: &str, errors: &mut Vec<String>| match parse_date(text) {
            Ok(day) => day,
            Err(e) => {
                errors.push(format!("{label}：{e}"));
                None
            }
        };
        let starts_on = date("开始日期", starts_on, &mut errors);
        let ends_on = date("结束日期", ends_on, &mut errors);
        let mut parsed = Vec::new();
        for (i, t) in targets.iter().enumerate() {
            let which = format!("第{}个目标", i + 1);
            let rate = Rate::from_label(&t.rate);
            let percent = t
                .percent
                .trim()
                .trim_end_matches(['%', '％'])
                .parse::<u32>()
                .ok()
                .filter(|p| *p <= 100);
            if rate.is_none() {
                errors.push(format!("{which}：请选择指标"));
            }
            if percent.is_none() {
                errors.push(format!("{which}：比例应为 0 到 100 之间的整数"));
            }
            if t.by.trim().is_empty() {
                errors.push(format!("{which}：请填写完成期限"));
            }
            let by = date(&which, &t.by, &mut errors);
            if let (Some(rate), Some(percent), Some(by)) = (rate, percent, by) {
                parsed.push(Target { rate, percent, by });
            }
        }
        if let Some(message) = super::limits::text_too_long(name.trim()) {
            errors.push(format!("专项工作名称{message}"));
        }
        if let (Some(s), Some(e)) = (starts_on, ends_on) {
            if e < s {
                errors.push("结束日期早于开始日期".into());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        parsed.sort_by_key(|t| t.by);
        Ok(Campaign {
            name: name.trim().to_string(),
            starts_on,
            ends_on,
            deadline_rule: DeadlineRule::from_label(rule).unwrap_or_default(),
            targets: parsed,
        })
    }
}

/// A time limit that cannot be computed: a stored date so close to the end of the calendar
/// (year 262143) that adding the rule's days leaves it. Shown on the case instead of a panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateOutOfRange;

impl std::fmt::Display for DateOutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("日期超出范围，无法计算办结时限：请核对交办日期和办结时限")
    }
}

/// `day` plus `days`, or [`DateOutOfRange`] past the end of the calendar.
pub fn add_days(day: NaiveDate, days: u64) -> Result<NaiveDate, DateOutOfRange> {
    day.checked_add_days(Days::new(days)).ok_or(DateOutOfRange)
}

/// A case's effective time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The limit before any extension: typed by the clerk, or the rule applied to 交办日期.
    pub base: NaiveDate,
    /// The clerk set the limit by hand instead of the campaign rule.
    pub manual: bool,
    /// Approved extension days counted (named leader and date present, within the rule's cap).
    pub extension_days: u32,
    /// `base` plus the extension, computed (checked) when the deadline is.
    due: NaiveDate,
}

impl Deadline {
    /// The limit `base` extended by `extension_days`, if that day is still in the calendar.
    pub fn new(base: NaiveDate, manual: bool, extension_days: u32) -> Result<Self, DateOutOfRange> {
        let due = add_days(base, extension_days.into())?;
        Ok(Deadline { base, manual, extension_days, due })
    }

    /// The day by which the case must be closed.
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// How the limit was set, for the screen: 手动设定 / 按规则 …, plus any extension.
    pub fn explain(&self, rule: DeadlineRule) -> String {
        let mut text =
            if self.manual { "手动设定".to_string() } else { format!("按{}", rule.label()) };
        if self.extension_days > 0 {
            text.push_str(&format!("，已批准延期{}日", self.extension_days));
        }
        text
    }
}

/// Where a case stands against its time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Urgency {
    /// Past the limit and not finished: days over.
    Overdue(i64),
    /// Due within [`DUE_SOON_DAYS`]: days left (0 = today).
    DueSoon(i64),
    OnTrack,
    /// Handled (办结待审 with a 办结日期, or 已办结): the time limit no longer runs.
    Finished,
    /// No 交办日期 and no limit set by hand.
    NoDeadline,
    /// A stored date too far out to compute the limit from ([`DateOutOfRange`]).
    OutOfRange,
}

impl Urgency {
    /// Text that says what the colour says, so colour is never the only signal.
    pub fn label(self) -> String {
        match self {
            Urgency::Overdue(days) => format!("逾期{days}天"),
            Urgency::DueSoon(0) => "今天到期".into(),
            Urgency::DueSoon(days) => format!("{days}天后到期"),
            Urgency::OutOfRange => "日期超出范围".into(),
            Urgency::OnTrack | Urgency::Finished | Urgency::NoDeadline => String::new(),
        }
    }
}

/// An extension counts only when a named leader approved it on a date (seed 004).
fn approved_days(extension: &Option<Extension>) -> u32 {
    match extension {
        Some(e) if !e.approver.trim().is_empty() && e.approved_on.is_some() => e.days,
        _ => 0,
    }
}

impl Campaign {
    /// The case's effective time limit, `None` when neither a limit nor a 交办日期 is known, or
    /// [`DateOutOfRange`] when a stored date is too far out to add days to.
    pub fn deadline(&self, case: &Case) -> Result<Option<Deadline>, DateOutOfRange> {
        let rule = self.deadline_rule;
        let (base, manual) = match (case.deadline, case.assigned_on) {
            (Some(set), _) => (set, true),
            (None, Some(assigned)) => (add_days(assigned, rule.days())?, false),
            (None, None) => return Ok(None),
        };
        let extension_days = approved_days(&case.packet.extension).min(rule.max_extension_days());
        Deadline::new(base, manual, extension_days).map(Some)
    }

    /// The day the case is due, for lists: `None` when unknown or out of range (its
    /// [`Urgency::OutOfRange`] says which).
    pub fn due(&self, case: &Case) -> Option<NaiveDate> {
        self.deadline(case).ok().flatten().map(|d| d.due())
    }

    /// Where the case stands on `today`.
    pub fn urgency(&self, case: &Case, today: NaiveDate) -> Urgency {
        if finished_by(case, today) {
            return Urgency::Finished;
        }
        let deadline = match self.deadline(case) {
            Ok(Some(deadline)) => deadline,
            Ok(None) => return Urgency::NoDeadline,
            Err(DateOutOfRange) => return Urgency::OutOfRange,
        };
        let left = (deadline.due() - today).num_days();
        if left < 0 {
            Urgency::Overdue(-left)
        } else if left <= DUE_SOON_DAYS {
            Urgency::DueSoon(left)
        } else {
            Urgency::OnTrack
        }
    }

    /// Whether the case was open and past its limit at the end of `day` (for month-end reports).
    pub fn overdue_on(&self, case: &Case, day: NaiveDate) -> bool {
        matches!(self.urgency(case, day), Urgency::Overdue(_))
    }
}

/// Whether the case's handling had finished by `day`: it has a 办结日期 on or before that day
/// and has reached 办结待审, or it is 已办结 (imported closed cases may lack the date).
pub fn finished_by(case: &Case, day: NaiveDate) -> bool {
    match case.packet.closed_on {
        Some(closed) if case.status >= Status::AwaitingReview => closed <= day,
        None => case.status == Status::Closed,
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn assigned(on: &str) -> Case {
        Case { assigned_on: Some(day(on)), status: Status::InProgress, ..Case::default() }
    }

    fn campaign(rule: DeadlineRule) -> Campaign {
        Campaign { deadline_rule: rule, ..Campaign::default() }
    }

    fn extension(days: u32, approver: &str, on: Option<&str>) -> Option<Extension> {
        Some(Extension { days, approver: approver.into(), approved_on: on.map(day) })
    }

    #[test]
    fn ninety_days_from_assignment_across_month_ends_and_years() {
        let c = campaign(DeadlineRule::Ninety);
        assert_eq!(c.deadline(&assigned("2026-01-31")).unwrap().unwrap().due(), day("2026-05-01"));
        assert_eq!(c.deadline(&assigned("2026-11-30")).unwrap().unwrap().due(), day("2027-02-28"));
    }

    #[test]
    fn sixty_days_count_the_leap_day() {
        let c = campaign(DeadlineRule::Sixty);
        // 2028 is a leap year: 2028-01-01 + 60 days passes 29 February.
        assert_eq!(c.deadline(&assigned("2028-01-01")).unwrap().unwrap().due(), day("2028-03-01"));
        assert_eq!(c.deadline(&assigned("2027-01-01")).unwrap().unwrap().due(), day("2027-03-02"));
        assert_eq!(c.deadline(&assigned("2028-02-29")).unwrap().unwrap().due(), day("2028-04-29"));
    }

    #[test]
    fn an_approved_extension_adds_at_most_thirty_days_under_the_sixty_day_rule() {
        let c = campaign(DeadlineRule::Sixty);
        let mut case = assigned("2026-03-01");
        case.packet.extension = extension(20, "王局长", Some("2026-04-20"));
        let d = c.deadline(&case).unwrap().unwrap();
        assert_eq!((d.base, d.due()), (day("2026-04-30"), day("2026-05-20")));
        assert_eq!(
            d.explain(DeadlineRule::Sixty),
            "按交办之日起60日，经批准可延期30日，已批准延期20日"
        );
        case.packet.extension = extension(45, "王局长", Some("2026-04-20"));
        assert_eq!(c.deadline(&case).unwrap().unwrap().due(), day("2026-05-30"));
    }

    #[test]
    fn an_extension_without_approver_or_date_or_under_the_ninety_day_rule_does_not_count() {
        let mut case = assigned("2026-03-01");
        case.packet.extension = extension(20, "", Some("2026-04-20"));
        assert_eq!(
            campaign(DeadlineRule::Sixty).deadline(&case).unwrap().unwrap().extension_days,
            0
        );
        case.packet.extension = extension(20, "王局长", None);
        assert_eq!(
            campaign(DeadlineRule::Sixty).deadline(&case).unwrap().unwrap().extension_days,
            0
        );
        case.packet.extension = extension(20, "王局长", Some("2026-04-20"));
        assert_eq!(
            campaign(DeadlineRule::Ninety).deadline(&case).unwrap().unwrap().extension_days,
            0
        );
    }

    #[test]
    fn a_limit_set_by_hand_overrides_the_rule_and_says_so() {
        let c = campaign(DeadlineRule::Ninety);
        let mut case = assigned("2026-03-01");
        case.deadline = Some(day("2026-03-15"));
        let d = c.deadline(&case).unwrap().unwrap();
        assert_eq!((d.due(), d.manual), (day("2026-03-15"), true));
        assert_eq!(d.explain(DeadlineRule::Ninety), "手动设定");
        assert_eq!(c.deadline(&Case::default()), Ok(None));
    }

    #[test]
    fn a_date_at_the_end_of_the_calendar_gives_out_of_range_not_a_panic() {
        let c = campaign(DeadlineRule::Sixty);
        let today = day("2026-03-01");
        let last = NaiveDate::MAX;
        let case = Case { assigned_on: Some(last), ..assigned("2026-01-01") };
        assert_eq!(c.deadline(&case), Err(DateOutOfRange));
        assert_eq!(c.urgency(&case, today), Urgency::OutOfRange);
        assert_eq!(Urgency::OutOfRange.label(), "日期超出范围");
        // A limit set by hand near the end, plus an approved extension.
        let mut case = assigned("2026-01-01");
        case.deadline = last.checked_sub_days(Days::new(5));
        case.packet.extension = extension(20, "王局长", Some("2026-04-20"));
        assert_eq!(c.deadline(&case), Err(DateOutOfRange));
        assert!(!c.overdue_on(&case, today));
        case.packet.extension = None;
        assert_eq!(c.deadline(&case).unwrap().unwrap().due(), case.deadline.unwrap());
    }

    #[test]
    fn the_settings_form_is_read_or_explained() {
        let target = |rate: &str, percent: &str, by: &str| TargetDraft {
            rate: rate.into(),
            percent: percent.into(),
            by: by.into(),
        };
        let c = Campaign::from_form(
            " 积案化解专项行动 ",
            "2026-01-01",
            "2026-12-31",
            DeadlineRule::Sixty.label(),
            &[target("化解率", "85%", "2026-12-31"), target("化解率", "65", "2026-06-30")],
        )
        .unwrap();
        assert_eq!(c.name, "积案化解专项行动");
        assert_eq!(c.deadline_rule, DeadlineRule::Sixty);
        assert_eq!(
            c.targets.iter().map(|t| t.percent).collect::<Vec<_>>(),
            [65, 85],
            "targets sorted by date"
        );
        let errors = Campaign::from_form(
            "",
            "2026-12-31",
            "2026-01-01",
            "",
            &[target("", "120", ""), target("办结率", "50", "2026-02-30")],
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "第1个目标：请选择指标",
                "第1个目标：比例应为 0 到 100 之间的整数",
                "第1个目标：请填写完成期限",
                "第2个目标：“2026-02-30”不是有效日期，请按 YYYY-MM-DD 填写，如 2026-03-01",
                "结束日期早于开始日期",
            ]
        );
    }

    #[test]
    fn urgency_counts_days_over_and_left() {
        let c = campaign(DeadlineRule::Ninety);
        let case = assigned("2026-01-01"); // due 2026-04-01
        assert_eq!(c.urgency(&case, day("2026-04-03")), Urgency::Overdue(2));
        assert_eq!(c.urgency(&case, day("2026-04-01")), Urgency::DueSoon(0));
        assert_eq!(c.urgency(&case, day("2026-03-25")), Urgency::DueSoon(7));
        assert_eq!(c.urgency(&case, day("2026-03-24")), Urgency::OnTrack);
        assert_eq!(c.urgency(&Case::default(), day("2026-03-24")), Urgency::NoDeadline);
        assert_eq!(Urgency::Overdue(2).label(), "逾期2天");
        assert_eq!(Urgency::DueSoon(0).label(), "今天到期");
    }

    #[test]
    fn a_handled_case_is_not_overdue_after_its_closing_date() {
        let c = campaign(DeadlineRule::Ninety);
        let mut case = assigned("2026-01-01");
        case.status = Status::AwaitingReview;
        case.packet.closed_on = Some(day("2026-05-10"));
        // Before the closing date it was still running, and overdue from 2 April.
        assert!(c.overdue_on(&case, day("2026-04-30")));
        assert_eq!(c.urgency(&case, day("2026-06-01")), Urgency::Finished);
        // Sent back (化解中 again), the limit runs again.
        case.status = Status::InProgress;
        assert!(c.overdue_on(&case, day("2026-06-01")));
        // Imported as closed without a date: finished.
        case.status = Status::Closed;
        case.packet.closed_on = None;
        assert_eq!(c.urgency(&case, day("2026-06-01")), Urgency::Finished);
    }
}
