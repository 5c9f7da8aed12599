//! The procedure of 《信访工作条例》(2022) per case, with its time limits: which stage the case is in, the limit
//! that runs in it, and how each date was computed (start event, rule and source, extension,
//! excluded 听证 days). The 办理 stage uses the campaign's 办结时限 (core::ledger::campaign).

use chrono::NaiveDate;

use super::deadline::{add_days, DateOutOfRange, Urgency, DUE_SOON_DAYS};
use crate::core::ledger::campaign::Campaign;
use crate::core::ledger::model::{Case, Outcome};
use crate::core::ledger::packet::DocKind;
use crate::core::ledger::text::format_date;

/// 第二十二、二十三条: 登记 and the 受理 decision within 15 days.
pub const ACCEPTANCE_DAYS: u64 = 15;
/// 第三十五条: 复查 may be requested within 30 days of the written reply, and is answered within
/// 30 days; 第三十六条: the same for 复核.
pub const REQUEST_WINDOW_DAYS: u64 = 30;
pub const REVIEW_DAYS: u64 = 30;

/// Where a case stands in the 《信访工作条例》 procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Registered, the 受理 decision not yet recorded.
    Acceptance,
    /// 受理 (or 交办): being handled until the written reply.
    Handling,
    /// Replied: the petitioner may ask for 复查.
    ReviewWindow,
    /// 复查 requested: the 复查 body answers.
    Review,
    /// 复查意见 given: the petitioner may ask for 复核.
    RecheckWindow,
    /// 复核 requested: the 复核 body answers.
    Recheck,
    /// 复核意见 given (or recorded 终结): not accepted again.
    Terminated,
    /// Replied and the request window passed, or closed without a reply on file.
    Finished,
    /// No date to count from.
    NotStarted,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Acceptance,
        Stage::Handling,
        Stage::ReviewWindow,
        Stage::Review,
        Stage::RecheckWindow,
        Stage::Recheck,
        Stage::Terminated,
        Stage::Finished,
        Stage::NotStarted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Acceptance => "登记受理",
            Stage::Handling => "办理",
            Stage::ReviewWindow => "复查申请期",
            Stage::Review => "复查",
            Stage::RecheckWindow => "复核申请期",
            Stage::Recheck => "复核",
            Stage::Terminated => "终结",
            Stage::Finished => "已答复或已办结",
            Stage::NotStarted => "缺少起算日期",
        }
    }
}

/// One computed limit and how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    /// The stage this limit runs in.
    pub stage: Stage,
    /// What must happen by `due`: 作出受理决定并告知, 办结, 申请复查 …
    pub what: &'static str,
    /// The event counted from and its day.
    pub start_event: &'static str,
    pub start: NaiveDate,
    /// The rule, as days, and the document and article it comes from.
    pub days: u64,
    pub rule: String,
    pub source: &'static str,
    pub extension_days: u32,
    /// Why an entered extension did not count.
    pub extension_note: Option<String>,
    /// 听证 days not counted.
    pub excluded_days: u32,
    pub due: NaiveDate,
    /// The petitioner's window (复查/复核 may be asked until `due`), not the office's duty.
    pub petitioners_window: bool,
    /// The day it was met, if it was.
    pub met_on: Option<NaiveDate>,
    /// The notice to the petitioner the rule asks for and the packet lacks (受理告知书, 延期告知书).
    pub missing_notice: Option<&'static str>,
}

impl Limit {
    /// "how was this date computed", in one sentence.
    pub fn explanation(&self) -> String {
        let (what, due, start) = (self.what, format_date(self.due), format_date(self.start));
        let mut text = if self.days == 0 {
            format!("{what} {due} = {} {start}（{}）", self.start_event, self.rule)
        } else {
            let (event, days, rule, source) =
                (self.start_event, self.days, &self.rule, self.source);
            format!("{what} {due} = {event} {start} 起 {days} 日（{rule}，{source}）")
        };
        if self.excluded_days > 0 {
            text.push_str(&format!(" + 听证 {} 日不计入", self.excluded_days));
        }
        if self.extension_days > 0 {
            text.push_str(&format!(" + 经批准延期 {} 日", self.extension_days));
        }
        if let Some(note) = &self.extension_note {
            text.push_str(&format!("；所填延期未计入：{note}"));
        }
        if let Some(met) = self.met_on {
            text.push_str(&format!("；已于 {} 完成", format_date(met)));
        }
        if let Some(notice) = self.missing_notice {
            text.push_str(&format!("；结案材料中缺少{notice}"));
        }
        text
    }

    /// Where this limit stands on `today`: windows never become overdue.
    pub fn urgency(&self, today: NaiveDate) -> Urgency {
        if self.met_on.is_some() {
            return Urgency::Finished;
        }
        let left = (self.due - today).num_days();
        match left {
            _ if self.petitioners_window && left < 0 => Urgency::Finished,
            _ if self.petitioners_window => Urgency::OnTrack,
            left if left < 0 => Urgency::Overdue(-left),
            left if left <= DUE_SOON_DAYS => Urgency::DueSoon(left),
            _ => Urgency::OnTrack,
        }
    }
}

/// Every limit of the case's procedure so far, in order, and its current stage on `today`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub limits: Vec<Limit>,
    pub stage: Stage,
    /// The running limit's urgency (windows and finished stages are not overdue).
    pub urgency: Urgency,
}

impl Timeline {
    /// The limit that runs in the current stage, if one does.
    pub fn running(&self) -> Option<&Limit> {
        self.limits.iter().rev().find(|l| l.met_on.is_none())
    }

    /// For the ledger: 复查 · 逾期3天.
    pub fn label(&self) -> String {
        match self.urgency.label() {
            flag if flag.is_empty() => self.stage.label().to_string(),
            flag => format!("{} · {flag}", self.stage.label()),
        }
    }
}

fn limit(stage: Stage, what: &'static str, start_event: &'static str, start: NaiveDate) -> Limit {
    Limit {
        stage,
        what,
        start_event,
        start,
        days: 0,
        rule: String::new(),
        source: "",
        extension_days: 0,
        extension_note: None,
        excluded_days: 0,
        due: start,
        petitioners_window: false,
        met_on: None,
        missing_notice: None,
    }
}

/// `days` plus `excluded` from `start`, checked.
fn after(start: NaiveDate, days: u64, excluded: u32) -> Result<NaiveDate, DateOutOfRange> {
    add_days(start, days.saturating_add(excluded.into()))
}

/// The case's limits under 《信访工作条例》 and the campaign's 办结时限, and its stage on `today`.
pub fn timeline(
    campaign: &Campaign,
    case: &Case,
    today: NaiveDate,
) -> Result<Timeline, DateOutOfRange> {
    let packet = &case.packet;
    let procedure = &packet.procedure;
    let hearing = procedure.hearing_days;
    let mut limits = Vec::new();

    // 登记 → 受理 (第二十二、二十三条). Campaign cases assigned by a higher level (交办) were
    // accepted there; the 15 days run only for a case the office registered itself.
    let accepted = procedure.accepted_on;
    let registered =
        case.registered_on.filter(|_| accepted.is_some() || case.assigned_on.is_none());
    if let Some(registered) = registered {
        let mut l = limit(Stage::Acceptance, "作出受理决定并告知", "登记日期", registered);
        l.days = ACCEPTANCE_DAYS;
        l.rule = "登记之日起15日内决定是否受理并告知信访人".into();
        l.source = "《信访工作条例》第二十二、二十三条";
        l.due = after(registered, ACCEPTANCE_DAYS, 0)?;
        l.met_on = accepted;
        l.missing_notice = (accepted.is_some() && !packet.has(DocKind::AcceptanceNotice))
            .then_some(DocKind::AcceptanceNotice.label());
        limits.push(l);
    }

    // 办理: the campaign's 办结时限 (第三十四条 or the campaign plan), met by the written reply
    // or the 办结日期.
    let reply = packet.dated(DocKind::WrittenReply);
    if let Some(deadline) = campaign.deadline(case)? {
        let (start_event, start) = match deadline.start {
            Some((event, day)) => (event.label(), day),
            None => ("台账填写的办结时限", deadline.base),
        };
        let mut l = limit(Stage::Handling, "办结", start_event, start);
        if deadline.start.is_some() {
            l.days = campaign.deadline_rule.days();
            l.rule = format!("{}起{}日", start_event, l.days);
            l.source = campaign.deadline_rule.source();
        } else {
            l.rule = "手动设定，不按规则计算".into();
            l.source = "";
        }
        l.excluded_days = deadline.excluded_days;
        l.extension_days = deadline.extension_days;
        l.extension_note = deadline
            .extension_problem
            .zip(packet.extension.as_ref())
            .map(|(problem, e)| problem.message(e.days));
        l.due = deadline.due();
        // 第三十四条: an extension is told to the petitioner with its reasons.
        l.missing_notice = (deadline.extension_days > 0 && !packet.has(DocKind::ExtensionNotice))
            .then_some(DocKind::ExtensionNotice.label());
        l.met_on = reply
            .or_else(|| packet.closed_on.filter(|_| super::deadline::finished_by(case, today)));
        limits.push(l);
    }

    // 复查 (第三十五条) and 复核 (第三十六条): each a 30-day window for the petitioner after the
    // written answer, then 30 days for the answer; 听证 days are not counted.
    let review_opinion = packet.dated(DocKind::ReviewOpinion);
    let recheck_opinion = packet.dated(DocKind::RecheckOpinion);
    let steps = [
        Step {
            answered: reply,
            answer: "答复意见书",
            requested: procedure.review_requested_on,
            opinion: review_opinion,
            excluded: hearing.review,
            stages: (Stage::ReviewWindow, Stage::Review),
            names: ("申请复查", "复查申请日期", "提出复查意见"),
            rules: ("收到书面答复之日起30日内可请求复查", "收到复查请求之日起30日内提出复查意见"),
            source: "《信访工作条例》第三十五条",
        },
        Step {
            answered: review_opinion,
            answer: "复查意见书",
            requested: procedure.recheck_requested_on,
            opinion: recheck_opinion,
            excluded: hearing.recheck,
            stages: (Stage::RecheckWindow, Stage::Recheck),
            names: ("申请复核", "复核申请日期", "提出复核意见"),
            rules: ("收到复查意见之日起30日内可请求复核", "收到复核请求之日起30日内提出复核意见"),
            source: "《信访工作条例》第三十六条",
        },
    ];
    for step in steps {
        let Some(answered) = step.answered else { break };
        let mut window = limit(step.stages.0, step.names.0, step.answer, answered);
        window.days = REQUEST_WINDOW_DAYS;
        window.rule = step.rules.0.into();
        window.source = step.source;
        window.due = after(answered, REQUEST_WINDOW_DAYS, 0)?;
        window.petitioners_window = true;
        window.met_on = step.requested;
        limits.push(window);
        let Some(requested) = step.requested else { break };
        let mut answer = limit(step.stages.1, step.names.2, step.names.1, requested);
        answer.days = REVIEW_DAYS;
        answer.rule = step.rules.1.into();
        answer.source = step.source;
        answer.excluded_days = step.excluded;
        answer.due = after(requested, REVIEW_DAYS, step.excluded)?;
        answer.met_on = step.opinion;
        limits.push(answer);
    }

    let running = limits.iter().rev().find(|l| l.met_on.is_none());
    let terminated = case.outcome == Some(Outcome::Terminated) || recheck_opinion.is_some();
    let (stage, urgency) = match running {
        _ if terminated => (Stage::Terminated, Urgency::Finished),
        None if limits.is_empty() => (Stage::NotStarted, Urgency::NoDeadline),
        None => (Stage::Finished, Urgency::Finished),
        // A window that passed without a request: the answer stands.
        Some(l) if l.petitioners_window && l.due < today => (Stage::Finished, Urgency::Finished),
        Some(l) => (l.stage, l.urgency(today)),
    };
    Ok(Timeline { limits, stage, urgency })
}

/// One request-and-answer step after the written reply (复查, then 复核).
struct Step {
    answered: Option<NaiveDate>,
    answer: &'static str,
    requested: Option<NaiveDate>,
    opinion: Option<NaiveDate>,
    excluded: u32,
    stages: (Stage, Stage),
    /// The window's name, the request's date name, the answer's name.
    names: (&'static str, &'static str, &'static str),
    rules: (&'static str, &'static str),
    source: &'static str,
}

/// How many cases are in one stage, and how many of them are past or near its running limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageCount {
    pub cases: usize,
    pub overdue: usize,
    pub due_soon: usize,
}

/// For 统计: the cases in each stage of 《信访工作条例》 with their running limits flagged, every
/// stage listed (in procedure order) so that an empty one shows 0. A case whose dates are out of
/// range counts under [`Stage::NotStarted`].
pub fn stage_counts(
    campaign: &Campaign,
    cases: &[Case],
    today: NaiveDate,
) -> Vec<(Stage, StageCount)> {
    let mut counts = Stage::ALL.map(|stage| (stage, StageCount::default()));
    for case in cases {
        let (stage, urgency) = match timeline(campaign, case, today) {
            Ok(t) => (t.stage, t.urgency),
            Err(DateOutOfRange) => (Stage::NotStarted, Urgency::OutOfRange),
        };
        if let Some((_, count)) = counts.iter_mut().find(|(s, _)| *s == stage) {
            count.cases += 1;
            count.overdue += matches!(urgency, Urgency::Overdue(_)) as usize;
            count.due_soon += matches!(urgency, Urgency::DueSoon(_)) as usize;
        }
    }
    counts.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::campaign::{DeadlineRule, StartEvent};
    use crate::core::ledger::model::Status;
    use crate::core::ledger::packet::{Document, Extension, Item};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sixty_from_acceptance() -> Campaign {
        Campaign {
            deadline_rule: DeadlineRule::Sixty,
            counts_from: StartEvent::Acceptance,
            ..Campaign::default()
        }
    }

    fn registered(on: &str) -> Case {
        Case { registered_on: Some(day(on)), status: Status::InProgress, ..Case::default() }
    }

    fn add(case: &mut Case, kind: DocKind, on: &str) {
        let mut doc = Document::new(Item::ReplyAndVisit, kind);
        doc.date = Some(day(on));
        case.packet.documents.push(doc);
    }

    fn at(case: &Case, today: &str) -> Timeline {
        timeline(&sixty_from_acceptance(), case, day(today)).unwrap()
    }

    #[test]
    fn acceptance_is_due_fifteen_days_after_registration_with_its_notice() {
        let mut case = registered("2026-03-01");
        let t = at(&case, "2026-03-10");
        assert_eq!((t.stage, t.urgency), (Stage::Acceptance, Urgency::DueSoon(6)));
        assert_eq!(t.running().unwrap().due, day("2026-03-16"));
        assert_eq!(t.label(), "登记受理 · 6天后到期");
        assert_eq!(at(&case, "2026-03-16").urgency, Urgency::DueSoon(0));
        assert_eq!(at(&case, "2026-03-17").urgency, Urgency::Overdue(1));
        // Accepted the same day it was registered: in time, the 60 days run from that day.
        case.packet.procedure.accepted_on = Some(day("2026-03-01"));
        let t = at(&case, "2026-03-17");
        assert_eq!(t.stage, Stage::Handling);
        assert_eq!(t.limits[0].met_on, Some(day("2026-03-01")));
        assert_eq!(t.limits[0].missing_notice, Some("受理告知书"));
        assert!(t.limits[0].explanation().contains("结案材料中缺少受理告知书"));
        assert_eq!(t.running().unwrap().due, day("2026-04-30"));
        add(&mut case, DocKind::AcceptanceNotice, "2026-03-01");
        assert_eq!(at(&case, "2026-03-17").limits[0].missing_notice, None);
    }

    #[test]
    fn handling_runs_sixty_days_from_acceptance_extended_only_with_approval_and_a_notice() {
        let mut case = registered("2026-03-01");
        case.packet.procedure.accepted_on = Some(day("2026-03-05"));
        let t = at(&case, "2026-05-05");
        assert_eq!((t.stage, t.urgency), (Stage::Handling, Urgency::Overdue(1)));
        let handling = t.running().unwrap();
        assert_eq!(
            handling.explanation(),
            "办结 2026-05-04 = 受理日期 2026-03-05 起 60 日（受理日期起60日，《信访工作条例》第三十四条）"
        );
        case.packet.extension = Some(Extension {
            days: 30,
            approver: "县长".into(),
            approved_on: Some(day("2026-05-04")),
        });
        let t = at(&case, "2026-05-05");
        let handling = t.running().unwrap();
        assert_eq!((handling.due, t.urgency), (day("2026-06-03"), Urgency::OnTrack));
        assert_eq!(handling.missing_notice, Some("延期告知书"));
        assert!(handling.explanation().contains("+ 经批准延期 30 日"));
        // Approved the day after the limit: refused, and the explanation says why.
        case.packet.extension.as_mut().unwrap().approved_on = Some(day("2026-05-05"));
        let t = at(&case, "2026-05-05");
        assert_eq!(t.urgency, Urgency::Overdue(1));
        assert!(t
            .running()
            .unwrap()
            .explanation()
            .contains("所填延期未计入：延期批准日期 2026-05-05 晚于原办结时限 2026-05-04"));
    }

    #[test]
    fn after_the_reply_the_review_window_then_review_then_recheck_then_termination() {
        let mut case = registered("2026-03-01");
        case.packet.procedure.accepted_on = Some(day("2026-03-05"));
        add(&mut case, DocKind::WrittenReply, "2026-04-01");
        let t = at(&case, "2026-04-20");
        assert_eq!((t.stage, t.urgency), (Stage::ReviewWindow, Urgency::OnTrack));
        assert_eq!(t.running().unwrap().due, day("2026-05-01"));
        assert_eq!(t.label(), "复查申请期");
        // The window passed without a request: the reply stands, nothing is overdue.
        let t = at(&case, "2026-05-02");
        assert_eq!((t.stage, t.urgency), (Stage::Finished, Urgency::Finished));

        case.packet.procedure.review_requested_on = Some(day("2026-05-01"));
        case.packet.procedure.hearing_days.review = 10;
        let t = at(&case, "2026-06-05");
        assert_eq!(t.stage, Stage::Review);
        let review = t.running().unwrap();
        // 30 days from the request plus 10 days of 听证.
        assert_eq!(review.due, day("2026-06-10"));
        assert!(review.explanation().contains("+ 听证 10 日不计入"), "{}", review.explanation());
        assert_eq!(review.source, "《信访工作条例》第三十五条");
        assert_eq!(t.urgency, Urgency::DueSoon(5));

        add(&mut case, DocKind::ReviewOpinion, "2026-06-01");
        assert_eq!(at(&case, "2026-06-05").stage, Stage::RecheckWindow);
        case.packet.procedure.recheck_requested_on = Some(day("2026-06-20"));
        let t = at(&case, "2026-07-25");
        assert_eq!((t.stage, t.urgency), (Stage::Recheck, Urgency::Overdue(5)));
        assert_eq!(t.running().unwrap().source, "《信访工作条例》第三十六条");
        add(&mut case, DocKind::RecheckOpinion, "2026-07-30");
        let t = at(&case, "2026-08-01");
        assert_eq!((t.stage, t.urgency), (Stage::Terminated, Urgency::Finished));
        assert_eq!(t.limits.len(), 6);
    }

    #[test]
    fn an_assigned_campaign_case_starts_in_handling_and_a_case_without_dates_has_no_stage() {
        let campaign = Campaign::default(); // 90 days from 交办
        let case = Case {
            assigned_on: Some(day("2026-01-01")),
            registered_on: Some(day("2026-01-02")),
            ..Case::default()
        };
        let t = timeline(&campaign, &case, day("2026-04-03")).unwrap();
        assert_eq!((t.stage, t.urgency), (Stage::Handling, Urgency::Overdue(2)));
        assert_eq!(t.limits.len(), 1);
        assert!(t.limits[0].explanation().contains("交办日期 2026-01-01 起 90 日"));
        let by_hand = Case { deadline: Some(day("2026-02-01")), ..case.clone() };
        let t = timeline(&campaign, &by_hand, day("2026-04-03")).unwrap();
        assert_eq!(
            t.limits[0].explanation(),
            "办结 2026-02-01 = 台账填写的办结时限 2026-02-01（手动设定，不按规则计算）"
        );
        let t = timeline(&campaign, &Case::default(), day("2026-04-03")).unwrap();
        assert_eq!((t.stage, t.urgency), (Stage::NotStarted, Urgency::NoDeadline));
        let far = Case { registered_on: Some(NaiveDate::MAX), ..Case::default() };
        assert_eq!(timeline(&campaign, &far, day("2026-04-03")), Err(DateOutOfRange));
    }

    #[test]
    fn statistics_count_each_stage_and_its_flags() {
        let mut overdue_review = registered("2026-03-01");
        overdue_review.packet.procedure.accepted_on = Some(day("2026-03-02"));
        add(&mut overdue_review, DocKind::WrittenReply, "2026-04-01");
        overdue_review.packet.procedure.review_requested_on = Some(day("2026-04-10"));
        let cases =
            [registered("2026-05-01"), registered("2026-03-01"), overdue_review, Case::default()];
        let counts = stage_counts(&sixty_from_acceptance(), &cases, day("2026-05-12"));
        let of = |stage| counts.iter().find(|(s, _)| *s == stage).unwrap().1;
        assert_eq!(of(Stage::Acceptance), StageCount { cases: 2, overdue: 1, due_soon: 1 });
        assert_eq!(of(Stage::Review), StageCount { cases: 1, overdue: 1, due_soon: 0 });
        assert_eq!(of(Stage::NotStarted).cases, 1);
        assert_eq!(of(Stage::Recheck), StageCount::default());
        assert_eq!(counts.len(), Stage::ALL.len());
    }
}
