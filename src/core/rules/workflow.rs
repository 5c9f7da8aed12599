//! How a case moves through the campaign: 排查登记 → 已交办 → 化解中 → 办结待审 → 已办结,
//! with 退回补办 back to 化解中 and 反弹 reopening a closed case (《全区国土资源信访积案化解年活动工作方案》、《兴庆区关于开展集中治理重复信访化解信访积案专项工作方案》、《信访积案化解工作方案（精选5篇）》). Every move
//! is written to the 办理情况 log with its date.

use chrono::NaiveDate;

use super::closure::Verdict;
use crate::core::ledger::model::{Case, Outcome, ProgressEntry, Resolution, Status};
use crate::core::ledger::text::{chinese_date, format_date};

/// A change of state the clerk asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Move {
    /// 交办: the case gets its 包案领导 and 责任单位 (逐案落实, 《信访积案化解工作方案（精选5篇）》).
    Assign,
    /// 开始化解.
    Start,
    /// 提交办结审核: handling finished, the closure packet goes to the reviewer.
    Submit,
    /// 审核通过，办结, with the outcome and how it was resolved (四个到位, 《兴庆区关于开展集中治理重复信访化解信访积案专项工作方案》、《信访积案化解工作方案（精选5篇）》).
    Approve { outcome: Outcome, resolution: Resolution },
    /// 退回补办: the packet does not meet the standard (《全区国土资源信访积案化解年活动工作方案》: 一律退回补办或重办),
    /// by the reviewer (审核人) who read it.
    SendBack { reason: String, reviewer: String },
    /// 反弹: the petitioner petitions again after closure; the case comes back.
    Rebound { note: String },
}

impl Move {
    /// The button text.
    pub fn label(&self) -> &'static str {
        match self {
            Move::Assign => "交办",
            Move::Start => "开始化解",
            Move::Submit => "提交办结审核",
            Move::Approve { .. } => "审核通过，办结",
            Move::SendBack { .. } => "退回补办",
            Move::Rebound { .. } => "反弹，重新办理",
        }
    }

    fn from(&self) -> Status {
        match self {
            Move::Assign => Status::Registered,
            Move::Start => Status::Assigned,
            Move::Submit => Status::InProgress,
            Move::Approve { .. } | Move::SendBack { .. } => Status::AwaitingReview,
            Move::Rebound { .. } => Status::Closed,
        }
    }

    fn to(&self) -> Status {
        match self {
            Move::Assign => Status::Assigned,
            Move::Start | Move::SendBack { .. } | Move::Rebound { .. } => Status::InProgress,
            Move::Submit => Status::AwaitingReview,
            Move::Approve { .. } => Status::Closed,
        }
    }
}

/// The moves that make sense from a state, as the case page offers them (without their details).
pub fn moves_from(status: Status) -> &'static [&'static str] {
    match status {
        Status::Registered => &["交办"],
        Status::Assigned => &["开始化解"],
        Status::InProgress => &["提交办结审核"],
        Status::AwaitingReview => &["审核通过，办结", "退回补办"],
        Status::Closed => &["反弹，重新办理"],
    }
}

/// Why a move is refused, or `Ok` with a warning the clerk must confirm first.
/// `verdict` is the case's closure check under the ledger's standard.
pub fn check(case: &Case, mv: &Move, verdict: &Verdict) -> Result<Option<String>, String> {
    if case.status != mv.from() {
        return Err(format!(
            "案件当前状态为“{}”，不能“{}”：只有“{}”的案件可以这样办理。",
            case.status.label(),
            mv.label(),
            mv.from().label()
        ));
    }
    match mv {
        Move::Assign if case.lead.trim().is_empty() || case.responsible_unit.trim().is_empty() => {
            Err("交办前须确定包案领导和责任单位（逐案落实），请先编辑案件信息。".into())
        }
        Move::Submit if !verdict.ready() => Ok(Some(format!(
            "结案材料尚未达到{}标准（材料 {}/{} 齐全），提交后审核时会被退回补办。确定仍要提交吗？",
            verdict.standard,
            verdict.complete_items(),
            verdict.items.len()
        ))),
        // Seed 000: 对不符合结案要求的一律退回补办或重办 — a failing packet cannot be approved.
        Move::Approve { .. } if !verdict.ready() => Err(format!(
            "结案材料未达到{}标准（材料 {}/{} 齐全），不能办结，请退回补办。",
            verdict.standard,
            verdict.complete_items(),
            verdict.items.len()
        )),
        Move::SendBack { reason, .. } if reason.trim().is_empty() => {
            Err("请写明退回补办的原因。".into())
        }
        Move::SendBack { reviewer, .. } if reviewer.trim().is_empty() => {
            Err("请填写审核人：是谁审核后退回补办的。".into())
        }
        _ => Ok(None),
    }
}

/// What the log entries written by this module begin with: they record the case's history
/// and are neither corrected nor removed by hand.
const LOGGED: &[&str] = &["状态：", "退回补办：", "反弹，", "更正办理情况：", "删除办理情况："];

/// Whether a 办理情况 entry was written by a move or a correction (not typed by the clerk).
pub fn is_logged(text: &str) -> bool {
    LOGGED.iter().any(|p| text.starts_with(p))
}

/// The day of the case's last move, from its log.
fn last_move_on(case: &Case) -> Option<NaiveDate> {
    case.progress.iter().filter(|e| is_logged(&e.text)).map(|e| e.date).max()
}

/// A 退回补办 as its log entry records it: when, by whom (entries written before the 审核人 was
/// asked have none) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Return {
    pub on: NaiveDate,
    pub reviewer: String,
    pub reason: String,
}

const SENT_BACK: &str = "退回补办：";
const REVIEWER: &str = "（审核人：";
const STATE: &str = "（状态：";

impl Return {
    /// Reads a 退回补办 log entry: `退回补办：{reason}（审核人：{reviewer}；状态：…）…`, or as
    /// written before the 审核人 was asked, `退回补办：{reason}（状态：…）…`.
    fn read(entry: &ProgressEntry) -> Option<Return> {
        let rest = entry.text.strip_prefix(SENT_BACK)?;
        let (reason, reviewer) = match rest.rfind(REVIEWER) {
            Some(at) => {
                let after = &rest[at + REVIEWER.len()..];
                (&rest[..at], after.split_once('；').map_or(after, |(name, _)| name))
            }
            None => (rest.rfind(STATE).map_or(rest, |at| &rest[..at]), ""),
        };
        Some(Return { on: entry.date, reviewer: reviewer.to_string(), reason: reason.to_string() })
    }

    /// `退回补办（张三 2026年11月3日退回：缺送达回证）`
    pub fn describe(&self) -> String {
        let who =
            if self.reviewer.is_empty() { String::new() } else { format!("{} ", self.reviewer) };
        format!("退回补办（{who}{}退回：{}）", chinese_date(Some(self.on)), self.reason)
    }
}

/// The 退回补办 in force: the packet was sent back and the case has not been submitted again.
pub fn returned(case: &Case) -> Option<Return> {
    // The log is newest first, the latest of a day on top.
    let last = case
        .progress
        .iter()
        .find(|e| e.text.starts_with("状态：") || e.text.starts_with(SENT_BACK))?;
    (case.status == Status::InProgress).then(|| Return::read(last)).flatten()
}

/// The 审核人 of the latest 退回补办 in the ledger: the default the next time.
pub fn last_reviewer(cases: &[Case]) -> Option<String> {
    cases
        .iter()
        .flat_map(|c| c.progress.iter().filter_map(Return::read))
        .filter(|r| !r.reviewer.is_empty())
        .max_by_key(|r| r.on)
        .map(|r| r.reviewer)
}

/// The date a move's form offers: 交办 defaults to the 交办日期 already on record, all other
/// moves to today.
pub fn default_date(case: &Case, mv_assigns: bool, today: NaiveDate) -> NaiveDate {
    match case.assigned_on {
        Some(assigned) if mv_assigns => assigned,
        _ => today,
    }
}

/// Whether a move may be dated `on`: not in the future, not before the case was assigned, nor
/// before its previous move; 交办 on the 交办日期 already on record.
pub fn check_date(case: &Case, mv: &Move, on: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if on > today {
        return Err(format!("办理日期 {} 晚于今天，请填写实际办理的日期。", format_date(on)));
    }
    if let (Move::Assign, Some(assigned)) = (mv, case.assigned_on) {
        if on != assigned {
            return Err(format!(
                "案件信息中的交办日期是 {}，交办的日期应与之相同；如交办日期有误，请先编辑案件信息。",
                format_date(assigned)
            ));
        }
    }
    // Not the 登记日期: an old case is often entered in the ledger long after it was assigned.
    let earliest = [
        ("交办日期", case.assigned_on.filter(|_| *mv != Move::Assign)),
        ("上一次办理流程", last_move_on(case)),
    ];
    for (what, day) in earliest {
        if let Some(day) = day.filter(|d| on < *d) {
            return Err(format!(
                "办理日期 {} 早于本案的{}（{}），请核对日期。",
                format_date(on),
                what,
                format_date(day)
            ));
        }
    }
    Ok(())
}

/// Corrects the clerk's 办理情况 entry at `index` (newest first), logging what it said.
pub fn correct_progress(
    case: &mut Case,
    index: usize,
    date: NaiveDate,
    text: &str,
    today: NaiveDate,
) -> Result<(), String> {
    let old = editable(case, index)?;
    if text.trim().is_empty() {
        return Err("请填写办理情况；不再需要的记录请点「删除」。".into());
    }
    if date > today {
        return Err(format!("日期 {} 晚于今天，请核对。", format_date(date)));
    }
    case.progress.remove(index);
    case.add_progress(date, text);
    case.add_progress(
        today,
        &format!("更正办理情况：原为「{} {}」", format_date(old.date), old.text),
    );
    Ok(())
}

/// Removes the clerk's 办理情况 entry at `index`, logging what it said.
pub fn remove_progress(case: &mut Case, index: usize, today: NaiveDate) -> Result<(), String> {
    let old = editable(case, index)?;
    case.progress.remove(index);
    case.add_progress(today, &format!("删除办理情况：「{} {}」", format_date(old.date), old.text));
    Ok(())
}

fn editable(case: &Case, index: usize) -> Result<ProgressEntry, String> {
    match case.progress.get(index) {
        Some(entry) if !is_logged(&entry.text) => Ok(entry.clone()),
        Some(_) => Err("办理流程和更正的记录是案件的历史，不能修改或删除。".into()),
        None => Err("这条办理情况已不存在，请刷新后重试。".into()),
    }
}

/// Applies a move that [`check`] allowed, dated `on`, and logs it.
pub fn apply(case: &mut Case, mv: Move, on: NaiveDate) -> Result<(), String> {
    if case.status != mv.from() {
        return Err(format!("案件当前状态为“{}”，不能“{}”。", case.status.label(), mv.label()));
    }
    let (from, to) = (mv.from(), mv.to());
    let mut log = format!("状态：{} → {}", from.label(), to.label());
    match &mv {
        Move::Assign => {
            case.assigned_on.get_or_insert(on);
        }
        Move::Start => {}
        Move::Submit => {
            case.packet.closed_on.get_or_insert(on);
        }
        Move::Approve { outcome, resolution } => {
            case.outcome = Some(*outcome);
            case.resolution = Some(*resolution);
            case.packet.closed_on.get_or_insert(on);
            log.push_str(&format!("（办结结果：{}；{}）", outcome.label(), resolution.label()));
        }
        Move::SendBack { reason, reviewer } => {
            log = format!("{SENT_BACK}{}{REVIEWER}{}；{log}）", reason.trim(), reviewer.trim());
            // Seed 000: 退回补办或重办 — handling resumes, so the time limit runs again and the
            // case is closed on the day it is finished again, not on the rejected submission's.
            if let Some(rejected) = case.packet.closed_on.take() {
                log.push_str(&format!("；原办结日期 {} 作废", format_date(rejected)));
            }
        }
        Move::Rebound { note } => {
            case.rebounds = case.rebounds.saturating_add(1);
            case.outcome = None;
            case.packet.closed_on = None;
            log = format!("反弹，重新办理（第{}次）（{log}）", case.rebounds);
            if !note.trim().is_empty() {
                log.push_str(&format!("：{}", note.trim()));
            }
        }
    }
    case.status = to;
    case.add_progress(on, &log);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::campaign::Campaign;
    use crate::core::ledger::model::StandardId;
    use crate::core::rules::closure::check as closure_check;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(status: Status) -> Case {
        Case {
            number: "JA-1".into(),
            summary: "诉求".into(),
            lead: "王县长".into(),
            responsible_unit: "县信访局".into(),
            status,
            ..Case::default()
        }
    }

    fn verdict(case: &Case) -> Verdict {
        closure_check(
            case,
            StandardId::default().standard(),
            &Campaign::default(),
            day("2026-11-23"),
        )
    }

    fn approve() -> Move {
        Move::Approve { outcome: Outcome::Resolved, resolution: Resolution::Solved }
    }

    #[test]
    fn the_happy_path_logs_every_move_with_its_date() {
        let mut c = case(Status::Registered);
        apply(&mut c, Move::Assign, day("2026-03-01")).unwrap();
        assert_eq!(c.assigned_on, Some(day("2026-03-01")));
        apply(&mut c, Move::Start, day("2026-03-02")).unwrap();
        apply(&mut c, Move::Submit, day("2026-05-01")).unwrap();
        assert_eq!(c.packet.closed_on, Some(day("2026-05-01")));
        apply(&mut c, approve(), day("2026-05-10")).unwrap();
        assert_eq!(
            (c.status, c.outcome, c.resolution),
            (Status::Closed, Some(Outcome::Resolved), Some(Resolution::Solved))
        );
        assert_eq!(
            c.packet.closed_on,
            Some(day("2026-05-01")),
            "approval keeps the 办结日期 of the handling"
        );
        let log: Vec<_> =
            c.progress.iter().map(|e| (e.date.to_string(), e.text.as_str())).collect();
        assert_eq!(
            log,
            [
                (
                    "2026-05-10".into(),
                    "状态：办结待审 → 已办结（办结结果：已化解；诉求合理解决到位）"
                ),
                ("2026-05-01".into(), "状态：化解中 → 办结待审"),
                ("2026-03-02".into(), "状态：已交办 → 化解中"),
                ("2026-03-01".into(), "状态：排查登记 → 已交办"),
            ]
        );
    }

    #[test]
    fn a_move_from_the_wrong_state_is_refused_with_the_reason() {
        let c = case(Status::InProgress);
        let err = check(&c, &approve(), &verdict(&c)).unwrap_err();
        assert_eq!(
            err,
            "案件当前状态为“化解中”，不能“审核通过，办结”：只有“办结待审”的案件可以这样办理。"
        );
        let mut c = case(Status::Closed);
        assert!(apply(&mut c, Move::Submit, day("2026-05-01")).is_err());
        assert_eq!(c.status, Status::Closed);
        assert!(c.progress.is_empty());
    }

    #[test]
    fn assigning_needs_a_lead_and_a_unit() {
        let c = Case { lead: String::new(), ..case(Status::Registered) };
        assert!(check(&c, &Move::Assign, &verdict(&c)).unwrap_err().contains("包案领导和责任单位"));
        let c = case(Status::Registered);
        assert_eq!(check(&c, &Move::Assign, &verdict(&c)), Ok(None));
    }

    #[test]
    fn submitting_a_failing_packet_warns_and_approving_it_is_refused() {
        let c = case(Status::InProgress);
        let warning = check(&c, &Move::Submit, &verdict(&c)).unwrap().unwrap();
        assert!(warning.starts_with("结案材料尚未达到六有标准（材料 0/6 齐全）"), "{warning}");
        let c = case(Status::AwaitingReview);
        assert!(check(&c, &approve(), &verdict(&c)).unwrap_err().contains("不能办结，请退回补办"));
    }

    #[test]
    fn sending_back_needs_a_reason_and_a_reviewer_and_returns_to_handling() {
        let mut c = case(Status::AwaitingReview);
        c.packet.closed_on = Some(day("2026-05-20"));
        let send_back = |reason: &str, reviewer: &str| Move::SendBack {
            reason: reason.into(),
            reviewer: reviewer.into(),
        };
        assert_eq!(
            check(&c, &send_back(" ", "张三"), &verdict(&c)),
            Err("请写明退回补办的原因。".into())
        );
        assert!(check(&c, &send_back("缺回访记录", " "), &verdict(&c))
            .unwrap_err()
            .contains("请填写审核人"));
        apply(&mut c, send_back("缺回访记录（第5项）", " 张三 "), day("2026-06-01")).unwrap();
        let back = returned(&c).unwrap();
        assert_eq!(
            back,
            Return {
                on: day("2026-06-01"),
                reviewer: "张三".into(),
                reason: "缺回访记录（第5项）".into()
            }
        );
        assert_eq!(back.describe(), "退回补办（张三 2026年6月1日退回：缺回访记录（第5项））");
        assert_eq!((c.status, c.packet.closed_on), (Status::InProgress, None));
        assert_eq!(
            c.progress[0].text,
            "退回补办：缺回访记录（第5项）（审核人：张三；状态：办结待审 → 化解中）；原办结日期 2026-05-20 作废"
        );
        assert_eq!(last_reviewer(std::slice::from_ref(&c)).as_deref(), Some("张三"));
        // Submitted again, it is closed on the new day.
        apply(&mut c, Move::Submit, day("2026-06-10")).unwrap();
        assert_eq!(returned(&c), None);
        assert_eq!(c.packet.closed_on, Some(day("2026-06-10")));
    }

    #[test]
    fn a_return_on_the_day_of_the_submission_is_the_one_in_force() {
        let mut c = case(Status::InProgress);
        let on = day("2026-06-01");
        apply(&mut c, Move::Submit, on).unwrap();
        let back = Move::SendBack { reason: "缺回访记录".into(), reviewer: "张三".into() };
        apply(&mut c, back, on).unwrap();
        assert_eq!(returned(&c).map(|r| r.reviewer), Some("张三".into()));
        apply(&mut c, Move::Submit, on).unwrap();
        assert_eq!(returned(&c), None, "submitted again the same day");
    }

    #[test]
    fn a_return_logged_before_the_reviewer_was_asked_still_reads() {
        let mut c = case(Status::InProgress);
        c.add_progress(day("2026-06-01"), "退回补办：缺回访记录（状态：办结待审 → 化解中）");
        let back = returned(&c).unwrap();
        assert_eq!((back.reviewer.as_str(), back.reason.as_str()), ("", "缺回访记录"));
        assert_eq!(back.describe(), "退回补办（2026年6月1日退回：缺回访记录）");
        assert_eq!(last_reviewer(&[c]), None);
    }

    #[test]
    fn a_rebound_reopens_the_case_and_counts() {
        let mut c = case(Status::Closed);
        c.outcome = Some(Outcome::Settled);
        c.packet.closed_on = Some(day("2026-05-01"));
        apply(&mut c, Move::Rebound { note: "再次赴省上访".into() }, day("2026-08-01")).unwrap();
        assert_eq!(
            (c.status, c.rebounds, c.outcome, c.packet.closed_on),
            (Status::InProgress, 1, None, None)
        );
        assert_eq!(
            c.progress[0].text,
            "反弹，重新办理（第1次）（状态：已办结 → 化解中）：再次赴省上访"
        );
    }

    #[test]
    fn a_move_is_dated_within_the_case_history() {
        let today = day("2026-06-30");
        let mut c = case(Status::Registered);
        c.registered_on = Some(day("2026-02-01"));
        c.assigned_on = Some(day("2026-03-01"));
        assert_eq!(default_date(&c, true, today), day("2026-03-01"));
        assert_eq!(default_date(&c, false, today), today);
        assert!(check_date(&c, &Move::Assign, day("2026-03-01"), today).is_ok());
        let err = check_date(&c, &Move::Assign, day("2026-03-05"), today).unwrap_err();
        assert!(err.contains("交办日期是 2026-03-01"), "{err}");
        apply(&mut c, Move::Assign, day("2026-03-01")).unwrap();
        assert!(check_date(&c, &Move::Start, day("2026-07-01"), today)
            .unwrap_err()
            .contains("晚于今天"));
        let err = check_date(&c, &Move::Start, day("2026-02-20"), today).unwrap_err();
        assert_eq!(err, "办理日期 2026-02-20 早于本案的交办日期（2026-03-01），请核对日期。");
        apply(&mut c, Move::Start, day("2026-04-01")).unwrap();
        let err = check_date(&c, &Move::Submit, day("2026-03-15"), today).unwrap_err();
        assert!(err.contains("上一次办理流程（2026-04-01）"), "{err}");
        assert!(check_date(&c, &Move::Submit, day("2026-04-01"), today).is_ok());
    }

    #[test]
    fn the_clerks_entries_are_corrected_or_removed_with_a_log_of_what_they_said() {
        let today = day("2026-06-30");
        let mut c = case(Status::InProgress);
        c.add_progress(day("2026-05-01"), "约谈信访人");
        c.add_progress(day("2026-05-10"), "状态：已交办 → 化解中");
        // Newest first: [0] the move, [1] the clerk's entry.
        assert!(correct_progress(&mut c, 0, today, "改", today).unwrap_err().contains("不能修改"));
        assert!(correct_progress(&mut c, 1, today, " ", today).is_err());
        correct_progress(&mut c, 1, day("2026-05-02"), "约谈信访人及其家属", today).unwrap();
        let log: Vec<_> =
            c.progress.iter().map(|e| (format_date(e.date), e.text.as_str())).collect();
        assert_eq!(
            log,
            [
                ("2026-06-30".into(), "更正办理情况：原为「2026-05-01 约谈信访人」"),
                ("2026-05-10".into(), "状态：已交办 → 化解中"),
                ("2026-05-02".into(), "约谈信访人及其家属"),
            ]
        );
        remove_progress(&mut c, 2, today).unwrap();
        assert_eq!(c.progress[0].text, "删除办理情况：「2026-05-02 约谈信访人及其家属」");
        assert_eq!(c.progress.len(), 3);
        assert!(remove_progress(&mut c, 0, today).is_err(), "the log itself stays");
        assert!(remove_progress(&mut c, 9, today).is_err());
    }

    #[test]
    fn every_state_offers_only_moves_that_check_accepts_by_state() {
        let all = [
            Move::Assign,
            Move::Start,
            Move::Submit,
            approve(),
            Move::SendBack { reason: "x".into(), reviewer: "y".into() },
            Move::Rebound { note: String::new() },
        ];
        for status in Status::ALL.iter().copied() {
            let offered: Vec<_> =
                all.iter().filter(|m| m.from() == status).map(Move::label).collect();
            assert_eq!(offered, moves_from(status), "{status:?}");
        }
    }
}
