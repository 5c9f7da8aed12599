//! The campaign (专项工作) a ledger belongs to: its name, dates, time-limit settings and targets,
//! and the arithmetic of a case's 办结时限 that follows from them. The other time limits of
//! 《信访工作条例》 (受理, 复查, 复核) are in `core::procedure`.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::{Case, Status};
use super::text::{format_date, parse_date};

/// Cases due within this many days are flagged 即将到期.
pub const DUE_SOON_DAYS: i64 = 7;

/// 《信访工作条例》第三十四条 and 《信访积案化解工作方案（精选5篇）》: 延长期限不得超过30日 — the
/// default of the campaign's extension setting.
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
    /// The event the 办结时限 counts from: the campaign plans count from 交办, the 60-day rule of
    /// 《信访工作条例》第三十四条 from 受理.
    pub counts_from: StartEvent,
    /// Whether the campaign approves extensions, and how long they may be.
    pub extensions: ExtensionPolicy,
    /// 目标任务, e.g. 化解率 65% by one date and 85% by a later one
    /// (《兴庆区关于开展集中治理重复信访化解信访积案专项工作方案》).
    pub targets: Vec<Target>,
}

chinese_enum! {
    /// The event a case's 办结时限 counts from.
    #[derive(Default)]
    StartEvent {
        /// 《全区国土资源信访积案化解年活动工作方案》: 对……交办的国土资源信访积案……原则上要求在90天办结.
        #[default]
        Assignment => "交办日期",
        /// 《信访工作条例》第三十四条; 《信访积案化解工作方案（精选5篇）》: 自受理之日起60日内办结.
        Acceptance => "受理日期",
    }
}

/// A campaign's extension setting: the same under either rule, since campaigns under the 90-day
/// plans approve extensions too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtensionPolicy {
    pub allowed: bool,
    pub max_days: u32,
}

impl Default for ExtensionPolicy {
    fn default() -> Self {
        ExtensionPolicy { allowed: true, max_days: MAX_EXTENSION_DAYS }
    }
}

impl ExtensionPolicy {
    /// For the screen: 允许延期，最多30日 / 不允许延期.
    pub fn label(self) -> String {
        if self.allowed {
            format!("经批准可延期，最多{}日", self.max_days)
        } else {
            "不允许延期".into()
        }
    }
}

chinese_enum! {
    /// How many days a case's 办结时限 runs. The labels are the values stored in ledger files
    /// (older files say 交办之日起…); the day the limit counts from is [`Campaign::counts_from`].
    #[derive(Default)]
    DeadlineRule {
        /// 《全区国土资源信访积案化解年活动工作方案》: 原则上要求在90天办结.
        #[default]
        Ninety => "交办之日起90日",
        /// 《信访工作条例》第三十四条; 《信访积案化解工作方案（精选5篇）》: 60日内办结.
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

    /// The rule as the settings and explanations name it.
    pub fn name(self) -> &'static str {
        match self {
            DeadlineRule::Ninety => "90日（各地积案化解工作方案）",
            DeadlineRule::Sixty => "60日（《信访工作条例》第三十四条）",
        }
    }

    /// The document and article the rule comes from.
    pub fn source(self) -> &'static str {
        match self {
            DeadlineRule::Ninety => "《全区国土资源信访积案化解年活动工作方案》处理化解阶段",
            DeadlineRule::Sixty => "《信访工作条例》第三十四条",
        }
    }
}

chinese_enum! {
    /// The rates campaigns are judged by (docs/domain.md).
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

/// The time-limit settings as typed in the settings form.
#[derive(Clone, Debug, PartialEq)]
pub struct LimitsDraft {
    pub rule: String,
    pub counts_from: String,
    pub extensions_allowed: bool,
    pub max_extension_days: String,
}

impl LimitsDraft {
    pub fn of(campaign: &Campaign) -> LimitsDraft {
        LimitsDraft {
            rule: campaign.deadline_rule.label().into(),
            counts_from: campaign.counts_from.label().into(),
            extensions_allowed: campaign.extensions.allowed,
            max_extension_days: campaign.extensions.max_days.to_string(),
        }
    }
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
        limits: &LimitsDraft,
        targets: &[TargetDraft],
    ) -> Result<Campaign, Vec<String>> {
        let mut errors = Vec::new();
        let max_days = match limits.max_extension_days.trim() {
            "" if !limits.extensions_allowed => Some(0),
            text => text.parse::<u32>().ok().filter(|d| (1..=MAX_EXTENSION_DAYS).contains(d)),
        };
        if max_days.is_none() {
            errors.push(format!("最长延期天数应为 1 到 {MAX_EXTENSION_DAYS} 之间的整数"));
        }
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
            deadline_rule: DeadlineRule::from_label(&limits.rule).unwrap_or_default(),
            counts_from: StartEvent::from_label(&limits.counts_from).unwrap_or_default(),
            extensions: ExtensionPolicy {
                allowed: limits.extensions_allowed,
                max_days: max_days.unwrap_or(MAX_EXTENSION_DAYS),
            },
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

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn assigned(on: &str) -> Case {
        Case { assigned_on: Some(day(on)), status: Status::InProgress, ..Case::default() }
    }

    fn campaign(rule: DeadlineRule) -> Campaign {
        Campaign { deadline_rule: rule, ..Campaign::default() }
    }

    use crate::core::packet::Extension;

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
    fn the_settings_form_is_read_or_explained() {
        let target = |rate: &str, percent: &str, by: &str| TargetDraft {
            rate: rate.into(),
            percent: percent.into(),
            by: by.into(),
        };
        let limits = LimitsDraft {
            rule: DeadlineRule::Sixty.label().into(),
            counts_from: "受理日期".into(),
            extensions_allowed: true,
            max_extension_days: "15".into(),
        };
        let c = Campaign::from_form(
            " 积案化解专项行动 ",
            "2026-01-01",
            "2026-12-31",
            &limits,
            &[target("化解率", "85%", "2026-12-31"), target("化解率", "65", "2026-06-30")],
        )
        .unwrap();
        assert_eq!(c.name, "积案化解专项行动");
        assert_eq!(c.deadline_rule, DeadlineRule::Sixty);
        assert_eq!(c.counts_from, StartEvent::Acceptance);
        assert_eq!(c.extensions, ExtensionPolicy { allowed: true, max_days: 15 });
        assert_eq!(LimitsDraft::of(&c), limits);
        assert_eq!(
            c.targets.iter().map(|t| t.percent).collect::<Vec<_>>(),
            [65, 85],
            "targets sorted by date"
        );
        let no_extensions = LimitsDraft {
            extensions_allowed: false,
            max_extension_days: String::new(),
            ..limits.clone()
        };
        let c = Campaign::from_form("", "", "", &no_extensions, &[]).unwrap();
        assert!(!c.extensions.allowed);
        let errors = Campaign::from_form(
            "",
            "2026-12-31",
            "2026-01-01",
            &LimitsDraft { max_extension_days: "31".into(), ..limits },
            &[target("", "120", ""), target("办结率", "50", "2026-02-30")],
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "最长延期天数应为 1 到 30 之间的整数",
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
