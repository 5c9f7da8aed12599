//! How a case moves through the campaign: 排查登记 → 已交办 → 化解中 → 办结待审 → 已办结,
//! with 退回补办 back to 化解中 and 反弹 reopening a closed case (seeds 000, 003, 004). Every move
//! is written to the 办理情况 log with its date.

use chrono::NaiveDate;

use super::closure::Verdict;
use super::model::{Case, Outcome, Resolution, Status};
use super::text::format_date;

/// A change of state the clerk asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Move {
    /// 交办: the case gets its 包案领导 and 责任单位 (逐案落实, seed 004).
    Assign,
    /// 开始化解.
    Start,
    /// 提交办结审核: handling finished, the closure packet goes to the reviewer.
    Submit,
    /// 审核通过，办结, with the outcome and how it was resolved (四个到位, seeds 003/004).
    Approve { outcome: Outcome, resolution: Resolution },
    /// 退回补办: the packet does not meet the standard (seed 000: 一律退回补办或重办).
    SendBack { reason: String },
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
            "结案材料尚未达到{}标准（{}），提交后审核时会被退回补办。确定仍要提交吗？",
            verdict.standard,
            verdict.summary()
        ))),
        // Seed 000: 对不符合结案要求的一律退回补办或重办 — a failing packet cannot be approved.
        Move::Approve { .. } if !verdict.ready() => Err(format!(
            "结案材料未达到{}标准（{}），不能办结，请退回补办。",
            verdict.standard,
            verdict.summary()
        )),
        Move::SendBack { reason } if reason.trim().is_empty() => {
            Err("请写明退回补办的原因。".into())
        }
        _ => Ok(None),
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
        Move::SendBack { reason } => {
            log = format!("退回补办：{}（{log}）", reason.trim());
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
    use crate::core::campaign::Campaign;
    use crate::core::closure::{check as closure_check, StandardId};

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
        assert!(warning.starts_with("结案材料尚未达到六有标准（退回补办"), "{warning}");
        let c = case(Status::AwaitingReview);
        assert!(check(&c, &approve(), &verdict(&c)).unwrap_err().contains("不能办结，请退回补办"));
    }

    #[test]
    fn sending_back_needs_a_reason_and_returns_to_handling() {
        let mut c = case(Status::AwaitingReview);
        c.packet.closed_on = Some(day("2026-05-20"));
        let blank = Move::SendBack { reason: " ".into() };
        assert_eq!(check(&c, &blank, &verdict(&c)), Err("请写明退回补办的原因。".into()));
        apply(&mut c, Move::SendBack { reason: "缺回访记录".into() }, day("2026-06-01")).unwrap();
        assert_eq!((c.status, c.packet.closed_on), (Status::InProgress, None));
        assert_eq!(
            c.progress[0].text,
            "退回补办：缺回访记录（状态：办结待审 → 化解中）；原办结日期 2026-05-20 作废"
        );
        // Submitted again, it is closed on the new day.
        apply(&mut c, Move::Submit, day("2026-06-10")).unwrap();
        assert_eq!(c.packet.closed_on, Some(day("2026-06-10")));
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
    fn every_state_offers_only_moves_that_check_accepts_by_state() {
        let all = [
            Move::Assign,
            Move::Start,
            Move::Submit,
            approve(),
            Move::SendBack { reason: "x".into() },
            Move::Rebound { note: String::new() },
        ];
        for status in Status::ALL.iter().copied() {
            let offered: Vec<_> =
                all.iter().filter(|m| m.from() == status).map(Move::label).collect();
            assert_eq!(offered, moves_from(status), "{status:?}");
        }
    }
}
