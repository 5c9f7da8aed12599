//! A case's 办结时限 under its campaign's settings (`core::ledger::campaign`): the day it counts
//! from, the rule's days, hearings not counted, approved extensions, and where the case stands
//! against it. The other time limits of 《信访工作条例》 (受理, 复查, 复核) are in
//! `core::rules::procedure`.

use chrono::{Days, NaiveDate};

use crate::core::ledger::campaign::{Campaign, DeadlineRule, StartEvent};
use crate::core::ledger::model::{Case, Status};
use crate::core::ledger::text::format_date;

/// Cases due within this many days are flagged 即将到期.
pub const DUE_SOON_DAYS: i64 = 7;

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

/// A case's effective 办结时限, with what it was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The limit before any extension: typed by the clerk, or the rule applied to the start.
    pub base: NaiveDate,
    /// The event and day the rule counted from; `None` when the clerk set the limit by hand.
    pub start: Option<(StartEvent, NaiveDate)>,
    /// 听证 days in handling, not counted (added to the rule's days).
    pub excluded_days: u32,
    /// Approved extension days counted (see [`ExtensionProblem`] for those that are not).
    pub extension_days: u32,
    /// Why an entered extension does not count, or not in full.
    pub extension_problem: Option<ExtensionProblem>,
    /// `base` plus the extension, computed (checked) when the deadline is.
    due: NaiveDate,
}

/// Why an extension entered in the packet does not count, or not in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionProblem {
    /// The campaign does not approve extensions.
    NotAllowed,
    /// Longer than the campaign's maximum: only `max` days count.
    TooLong { max: u32 },
    /// No approving leader or no approval date.
    Unapproved,
    /// Approved after the original limit had passed: a limit cannot be extended once missed.
    ApprovedLate { approved_on: NaiveDate, limit: NaiveDate },
}

impl ExtensionProblem {
    pub fn message(self, asked: u32) -> String {
        match self {
            ExtensionProblem::NotAllowed => "本专项工作设置为不允许延期".into(),
            ExtensionProblem::TooLong { max } => {
                format!("延期 {asked} 天，超过本专项工作最多延长 {max} 天的设置")
            }
            ExtensionProblem::Unapproved => "延期须写明批准的领导和批准日期".into(),
            ExtensionProblem::ApprovedLate { approved_on, limit } => format!(
                "延期批准日期 {} 晚于原办结时限 {}，时限届满后才批准的延期不予认可",
                format_date(approved_on),
                format_date(limit)
            ),
        }
    }
}

impl Deadline {
    /// The day by which the case must be closed.
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// How the limit was set, in one line: 手动设定 / 受理日期起60日 …, plus any extension.
    pub fn explain(&self, rule: DeadlineRule) -> String {
        let mut text = match self.start {
            None => "手动设定".to_string(),
            Some((event, _)) => format!("{}起{}日", event.label(), rule.days()),
        };
        if self.excluded_days > 0 {
            text.push_str(&format!("，听证{}日不计入", self.excluded_days));
        }
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

impl Campaign {
    /// The event and day the 办结时限 counts from, if the case has it. A case nobody assigned
    /// (the office registered and accepted it itself) counts from its 受理 under either setting.
    pub fn start_of(&self, case: &Case) -> Option<(StartEvent, NaiveDate)> {
        let accepted = case.packet.procedure.accepted_on.map(|day| (StartEvent::Acceptance, day));
        match self.counts_from {
            StartEvent::Assignment => {
                case.assigned_on.map(|day| (StartEvent::Assignment, day)).or(accepted)
            }
            StartEvent::Acceptance => accepted,
        }
    }

    /// The case's effective time limit, `None` when neither a limit nor the start day is known,
    /// or [`DateOutOfRange`] when a stored date is too far out to add days to.
    pub fn deadline(&self, case: &Case) -> Result<Option<Deadline>, DateOutOfRange> {
        let excluded = case.packet.procedure.hearing_days.handling;
        let (base, start, excluded_days) = match (case.deadline, self.start_of(case)) {
            (Some(set), _) => (set, None, 0),
            (None, Some((event, day))) => {
                let days = self.deadline_rule.days().saturating_add(excluded.into());
                (add_days(day, days)?, Some((event, day)), excluded)
            }
            (None, None) => return Ok(None),
        };
        let (extension_days, extension_problem) = self.extension_counted(case, base);
        let due = add_days(base, extension_days.into())?;
        Ok(Some(Deadline { base, start, excluded_days, extension_days, extension_problem, due }))
    }

    /// The extension days that count against `limit`, and why the rest do not: a named leader
    /// approved it on or before the original limit (《信访工作条例》第三十四条: 经……批准, 可以适当
    /// 延长), within the campaign's setting.
    fn extension_counted(&self, case: &Case, limit: NaiveDate) -> (u32, Option<ExtensionProblem>) {
        let Some(e) = &case.packet.extension else { return (0, None) };
        if e.days == 0 {
            return (0, None);
        }
        let policy = self.extensions;
        match e.approved_on {
            _ if !policy.allowed => (0, Some(ExtensionProblem::NotAllowed)),
            None => (0, Some(ExtensionProblem::Unapproved)),
            Some(_) if e.approver.trim().is_empty() => (0, Some(ExtensionProblem::Unapproved)),
            Some(approved_on) if approved_on > limit => {
                (0, Some(ExtensionProblem::ApprovedLate { approved_on, limit }))
            }
            Some(_) if e.days > policy.max_days => {
                (policy.max_days, Some(ExtensionProblem::TooLong { max: policy.max_days }))
            }
            Some(_) => (e.days, None),
        }
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
    use crate::core::ledger::campaign::ExtensionPolicy;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn assigned(on: &str) -> Case {
        Case { assigned_on: Some(day(on)), status: Status::InProgress, ..Case::default() }
    }

    fn campaign(rule: DeadlineRule) -> Campaign {
        Campaign { deadline_rule: rule, ..Campaign::default() }
    }

    use crate::core::ledger::packet::Extension;

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
    fn an_approved_extension_counts_under_either_rule_up_to_the_campaigns_maximum() {
        for rule in DeadlineRule::ALL.iter().copied() {
            let c = campaign(rule);
            let mut case = assigned("2026-03-01");
            case.packet.extension = extension(20, "王局长", Some("2026-04-20"));
            let d = c.deadline(&case).unwrap().unwrap();
            assert_eq!((d.extension_days, d.extension_problem), (20, None), "{rule:?}");
            case.packet.extension = extension(45, "王局长", Some("2026-04-20"));
            let d = c.deadline(&case).unwrap().unwrap();
            assert_eq!(d.extension_days, 30);
            assert_eq!(d.extension_problem, Some(ExtensionProblem::TooLong { max: 30 }));
        }
        let c = campaign(DeadlineRule::Sixty);
        let mut case = assigned("2026-03-01");
        case.packet.extension = extension(20, "王局长", Some("2026-04-20"));
        let d = c.deadline(&case).unwrap().unwrap();
        assert_eq!((d.base, d.due()), (day("2026-04-30"), day("2026-05-20")));
        assert_eq!(d.explain(DeadlineRule::Sixty), "交办日期起60日，已批准延期20日");
        // The campaign's own maximum and its "no extensions" setting.
        let strict = Campaign {
            extensions: ExtensionPolicy { allowed: true, max_days: 10 },
            ..campaign(DeadlineRule::Ninety)
        };
        assert_eq!(strict.deadline(&case).unwrap().unwrap().extension_days, 10);
        let none = Campaign {
            extensions: ExtensionPolicy { allowed: false, max_days: 30 },
            ..campaign(DeadlineRule::Ninety)
        };
        let d = none.deadline(&case).unwrap().unwrap();
        assert_eq!(
            (d.extension_days, d.extension_problem),
            (0, Some(ExtensionProblem::NotAllowed))
        );
    }

    #[test]
    fn an_extension_without_approver_or_date_or_approved_after_the_limit_does_not_count() {
        let c = campaign(DeadlineRule::Sixty); // base limit 2026-04-30
        let mut case = assigned("2026-03-01");
        let counted = |case: &Case| c.deadline(case).unwrap().unwrap();
        case.packet.extension = extension(20, "", Some("2026-04-20"));
        assert_eq!(counted(&case).extension_problem, Some(ExtensionProblem::Unapproved));
        case.packet.extension = extension(20, "王局长", None);
        assert_eq!(counted(&case).extension_days, 0);
        // Approved on the limit day itself: in time.
        case.packet.extension = extension(20, "王局长", Some("2026-04-30"));
        assert_eq!(counted(&case).extension_days, 20);
        // The day after: the limit had passed.
        case.packet.extension = extension(20, "王局长", Some("2026-05-01"));
        let d = counted(&case);
        assert_eq!(d.extension_days, 0);
        assert_eq!(d.due(), day("2026-04-30"));
        let problem = d.extension_problem.unwrap();
        assert_eq!(
            problem.message(20),
            "延期批准日期 2026-05-01 晚于原办结时限 2026-04-30，时限届满后才批准的延期不予认可"
        );
    }

    #[test]
    fn the_limit_counts_from_acceptance_when_the_campaign_says_so_and_hearings_are_not_counted() {
        let c = Campaign { counts_from: StartEvent::Acceptance, ..campaign(DeadlineRule::Sixty) };
        let mut case = assigned("2026-03-01");
        // Not yet accepted: no limit under this setting.
        assert_eq!(c.deadline(&case), Ok(None));
        case.packet.procedure.accepted_on = Some(day("2026-03-10"));
        let d = c.deadline(&case).unwrap().unwrap();
        assert_eq!(
            (d.start, d.due()),
            (Some((StartEvent::Acceptance, day("2026-03-10"))), day("2026-05-09"))
        );
        case.packet.procedure.hearing_days.handling = 5;
        let d = c.deadline(&case).unwrap().unwrap();
        assert_eq!((d.excluded_days, d.due()), (5, day("2026-05-14")));
        assert_eq!(d.explain(DeadlineRule::Sixty), "受理日期起60日，听证5日不计入");
        // A case nobody assigned counts from its 受理 under the 交办 setting too.
        let own = Case { assigned_on: None, ..case.clone() };
        let d = campaign(DeadlineRule::Sixty).deadline(&own).unwrap().unwrap();
        assert_eq!(d.start, Some((StartEvent::Acceptance, day("2026-03-10"))));
        // Same-day acceptance and assignment give the same limit under either setting.
        case.packet.procedure = Default::default();
        case.packet.procedure.accepted_on = Some(day("2026-03-01"));
        assert_eq!(
            c.deadline(&case).unwrap().unwrap().due(),
            campaign(DeadlineRule::Sixty).deadline(&case).unwrap().unwrap().due()
        );
    }

    #[test]
    fn a_limit_set_by_hand_overrides_the_rule_and_says_so() {
        let c = campaign(DeadlineRule::Ninety);
        let mut case = assigned("2026-03-01");
        case.deadline = Some(day("2026-03-15"));
        let d = c.deadline(&case).unwrap().unwrap();
        assert_eq!((d.due(), d.start), (day("2026-03-15"), None));
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
