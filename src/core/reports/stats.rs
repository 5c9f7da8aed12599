//! The dashboard's numbers: counts and rates overall and by 责任单位, 包案领导 and 类别, and
//! progress against the campaign's targets. Each rate's numerator and denominator are defined
//! here once and shown on screen by [`Rate::definition`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::core::ledger::campaign::{Campaign, Rate, Target};
use crate::core::ledger::model::{Case, Outcome, Status};
use crate::core::ledger::text::format_date;
use crate::core::rules::deadline::Urgency;

/// 逾期: not finished (办结待审 with a 办结日期, or 已办结) and past its time limit, whatever
/// the status — 排查登记 included, since a limit set by hand runs too. The one definition used by
/// the ledger's 逾期 count and filter, 统计 and 月报.
pub fn is_overdue(urgency: Urgency) -> bool {
    matches!(urgency, Urgency::Overdue(_))
}

/// 7日内到期, as [`is_overdue`].
pub fn is_due_soon(urgency: Urgency) -> bool {
    matches!(urgency, Urgency::DueSoon(_))
}

/// 未办结 at the end of `day`: not 已办结 by then (排查登记 and 办结待审 included). Every
/// overdue case is open, so no group ever shows more overdue than open cases.
pub fn is_open(case: &Case, day: chrono::NaiveDate) -> bool {
    !(Rate::Closed.counts(case) && case.packet.closed_on.is_none_or(|closed| closed <= day))
}

/// How many of `urgencies` are overdue and due soon (the ledger toolbar's two counts).
pub fn urgency_counts<'a>(urgencies: impl IntoIterator<Item = &'a Urgency>) -> (usize, usize) {
    urgencies.into_iter().fold((0, 0), |(overdue, soon), u| {
        (overdue + is_overdue(*u) as usize, soon + is_due_soon(*u) as usize)
    })
}

/// The denominator of every rate: cases that have been assigned (交办), i.e. all but 排查登记.
pub const DENOMINATOR: &str = "交办案件数（除“排查登记”外的全部案件）";

impl Rate {
    /// The numerator, in words for the screen.
    pub fn numerator(self) -> &'static str {
        match self {
            Rate::Closed => "状态为“已办结”的案件数",
            Rate::Resolved => "已办结且办结结果为“已化解”的案件数",
            Rate::Settled => "已办结且办结结果为“已化解”或“息诉息访”的案件数（信访人已停访）",
        }
    }

    pub fn definition(self) -> String {
        format!("{} = {} ÷ {}", self.label(), self.numerator(), DENOMINATOR)
    }

    /// Whether the case is in the rate's numerator (the same test on every screen and report).
    pub fn counts(self, case: &Case) -> bool {
        let closed_with = |outcomes: &[Outcome]| {
            case.status == Status::Closed && case.outcome.is_some_and(|o| outcomes.contains(&o))
        };
        match self {
            Rate::Closed => case.status == Status::Closed,
            Rate::Resolved => closed_with(&[Outcome::Resolved]),
            Rate::Settled => closed_with(&[Outcome::Resolved, Outcome::Settled]),
        }
    }
}

/// Counts for a group of cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// All cases in the group, 排查登记 included.
    pub cases: usize,
    /// 未办结 ([`is_open`] today).
    pub open: usize,
    /// 交办案件数: the denominator of every rate.
    pub assigned: usize,
    pub closed: usize,
    pub resolved: usize,
    pub settled: usize,
    /// [`is_overdue`], 排查登记 included.
    pub overdue: usize,
    pub due_soon: usize,
}

impl Tally {
    fn add(&mut self, case: &Case, urgency: Urgency, today: chrono::NaiveDate) {
        self.cases += 1;
        self.open += is_open(case, today) as usize;
        self.overdue += is_overdue(urgency) as usize;
        self.due_soon += is_due_soon(urgency) as usize;
        if case.status == Status::Registered {
            return;
        }
        self.assigned += 1;
        self.closed += Rate::Closed.counts(case) as usize;
        self.resolved += Rate::Resolved.counts(case) as usize;
        self.settled += Rate::Settled.counts(case) as usize;
    }

    pub fn numerator(&self, rate: Rate) -> usize {
        match rate {
            Rate::Closed => self.closed,
            Rate::Resolved => self.resolved,
            Rate::Settled => self.settled,
        }
    }

    /// The rate in percent, `None` when nothing has been assigned.
    pub fn percent(&self, rate: Rate) -> Option<f64> {
        (self.assigned > 0).then(|| self.numerator(rate) as f64 * 100.0 / self.assigned as f64)
    }

    /// "12.5%" or "—".
    pub fn percent_text(&self, rate: Rate) -> String {
        self.percent(rate).map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".into())
    }
}

/// Progress towards one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetProgress {
    pub target: Target,
    pub percent: Option<f64>,
    /// Cases still to reach the target (0 when met).
    pub cases_short: usize,
    /// Days until the target date (negative once passed).
    pub days_left: i64,
}

impl TargetProgress {
    pub fn met(&self) -> bool {
        self.cases_short == 0
    }

    pub fn describe(&self) -> String {
        let t = &self.target;
        let when = if self.days_left >= 0 {
            format!("距期限{}天", self.days_left)
        } else {
            format!("已过期限{}天", -self.days_left)
        };
        let state = if self.met() {
            "已达标".to_string()
        } else {
            format!("还差{}件", self.cases_short)
        };
        format!(
            "{}目标{}%（{}前）：{}，{}",
            t.rate.label(),
            t.percent,
            format_date(t.by),
            state,
            when
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dashboard {
    pub overall: Tally,
    pub by_unit: Vec<(String, Tally)>,
    pub by_lead: Vec<(String, Tally)>,
    pub by_category: Vec<(String, Tally)>,
    pub targets: Vec<TargetProgress>,
}

/// A group's name, or "（未填写）" for cases without one.
fn group_name(name: &str) -> String {
    match name.trim() {
        "" => "（未填写）".to_string(),
        name => name.to_string(),
    }
}

pub fn dashboard(cases: &[Case], campaign: &Campaign, today: NaiveDate) -> Dashboard {
    let mut overall = Tally::default();
    let mut by_unit = BTreeMap::<String, Tally>::new();
    let mut by_lead = BTreeMap::<String, Tally>::new();
    let mut by_category = BTreeMap::<String, Tally>::new();
    for case in cases {
        let urgency = campaign.urgency(case, today);
        overall.add(case, urgency, today);
        by_unit.entry(group_name(&case.responsible_unit)).or_default().add(case, urgency, today);
        by_lead.entry(group_name(&case.lead)).or_default().add(case, urgency, today);
        by_category
            .entry(group_name(case.category.map(|c| c.label()).unwrap_or_default()))
            .or_default()
            .add(case, urgency, today);
    }
    let targets = campaign
        .targets
        .iter()
        .map(|target| {
            let needed = (overall.assigned * target.percent as usize).div_ceil(100);
            TargetProgress {
                target: target.clone(),
                percent: overall.percent(target.rate),
                cases_short: needed.saturating_sub(overall.numerator(target.rate)),
                days_left: (target.by - today).num_days(),
            }
        })
        .collect();
    Dashboard {
        overall,
        by_unit: by_unit.into_iter().collect(),
        by_lead: by_lead.into_iter().collect(),
        by_category: by_category.into_iter().collect(),
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::model::Category;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(unit: &str, status: Status, outcome: Option<Outcome>) -> Case {
        Case {
            responsible_unit: unit.into(),
            lead: "王县长".into(),
            status,
            outcome,
            assigned_on: Some(day("2026-01-01")),
            packet: crate::core::ledger::packet::Packet {
                closed_on: (status == Status::Closed).then(|| day("2026-03-01")),
                ..Default::default()
            },
            ..Case::default()
        }
    }

    /// Ten cases: 1 registered, 9 assigned, of which 5 closed (2 resolved, 2 settled, 1 terminated).
    fn ledger() -> Vec<Case> {
        use Outcome::*;
        use Status::*;
        vec![
            case("县自然资源局", Registered, None),
            case("县自然资源局", Closed, Some(Resolved)),
            case("县自然资源局", Closed, Some(Settled)),
            case("县自然资源局", InProgress, None),
            case("县人社局", Closed, Some(Resolved)),
            case("县人社局", Closed, Some(Settled)),
            case("县人社局", Closed, Some(Terminated)),
            case("县人社局", AwaitingReview, None),
            case("", Assigned, None),
            Case { assigned_on: Some(day("2026-11-20")), ..case("", InProgress, None) },
        ]
    }

    #[test]
    fn rates_follow_their_definitions() {
        let d = dashboard(&ledger(), &Campaign::default(), day("2026-11-23"));
        let t = &d.overall;
        assert_eq!((t.cases, t.assigned, t.closed, t.resolved, t.settled), (10, 9, 5, 2, 4));
        assert_eq!(t.percent_text(Rate::Closed), "55.6%");
        assert_eq!(t.percent_text(Rate::Resolved), "22.2%");
        assert_eq!(t.percent_text(Rate::Settled), "44.4%");
        // Assigned 2026-01-01 + 90 days: the four open ones from January are overdue (the
        // 排查登记 one too: its limit runs from its 交办日期), the one assigned on 2026-11-20 is
        // not; the 办结待审 case has no 办结日期 so it still runs.
        assert_eq!((t.overdue, t.due_soon, t.open), (4, 0, 5));
        assert!(Rate::Settled.definition().contains("÷ 交办案件数"));
    }

    #[test]
    fn groups_are_sorted_and_unnamed_ones_are_labelled() {
        let d = dashboard(&ledger(), &Campaign::default(), day("2026-11-23"));
        let names: Vec<_> = d.by_unit.iter().map(|(n, t)| (n.as_str(), t.cases)).collect();
        assert_eq!(names, [("县人社局", 4), ("县自然资源局", 4), ("（未填写）", 2)]);
        let (_, land) = &d.by_unit[1];
        assert_eq!(
            (land.assigned, land.closed, land.percent_text(Rate::Closed)),
            (3, 2, "66.7%".to_string())
        );
        assert_eq!(d.by_lead.len(), 1);
        assert_eq!(d.by_category, [("（未填写）".to_string(), d.overall.clone())]);
    }

    #[test]
    fn no_assigned_case_gives_no_rate() {
        let d = dashboard(
            &[case("A", Status::Registered, None)],
            &Campaign::default(),
            day("2026-11-23"),
        );
        assert_eq!(d.overall.percent(Rate::Closed), None);
        assert_eq!(d.overall.percent_text(Rate::Closed), "—");
    }

    #[test]
    fn targets_say_how_many_cases_are_missing() {
        let campaign = Campaign {
            targets: vec![
                Target { rate: Rate::Resolved, percent: 65, by: day("2026-12-31") },
                Target { rate: Rate::Closed, percent: 50, by: day("2026-11-01") },
            ],
            ..Campaign::default()
        };
        let d = dashboard(&ledger(), &campaign, day("2026-11-23"));
        // 65% of 9 assigned = 5.85 → 6 cases; 2 resolved → 4 short.
        assert_eq!((d.targets[0].cases_short, d.targets[0].days_left), (4, 38));
        assert_eq!(d.targets[0].describe(), "化解率目标65%（2026-12-31前）：还差4件，距期限38天");
        assert!(d.targets[1].met());
        assert_eq!(d.targets[1].describe(), "办结率目标50%（2026-11-01前）：已达标，已过期限22天");
    }

    /// The ledger toolbar's 逾期 count, its 已逾期 filter, 统计 and 月报 give the same number on
    /// the same ledger, and no group has more overdue than open cases.
    #[test]
    fn toolbar_filter_dashboard_and_monthly_report_agree() {
        use crate::core::reports::query::{unsearched_rows, DueFilter, Facts, Filter};
        use crate::core::reports::report::{monthly, Month};
        let today = day("2026-11-23");
        let mut cases = ledger();
        // A case not yet assigned whose limit was set by hand and has passed.
        cases.push(Case {
            deadline: Some(day("2026-11-01")),
            ..case("县人社局", Status::Registered, None)
        });
        // Handled in time and waiting for review: not overdue, still open.
        cases.push(Case {
            packet: crate::core::ledger::packet::Packet {
                closed_on: Some(day("2026-02-01")),
                ..Default::default()
            },
            ..case("县人社局", Status::AwaitingReview, None)
        });
        let campaign = Campaign::default();
        let facts: Vec<Facts> = cases
            .iter()
            .map(|c| Facts {
                complete_items: 0,
                ..Facts::handling(campaign.due(c), campaign.urgency(c, today))
            })
            .collect();
        let (toolbar, _) = urgency_counts(facts.iter().map(|f| &f.urgency));
        let filter = Filter { due: Some(DueFilter::Overdue), ..Filter::default() };
        let listed = unsearched_rows(&cases, &facts, &filter, None, None).len();
        let board = dashboard(&cases, &campaign, today);
        let report = monthly(&cases, &campaign, Month::of(today), today);
        assert_eq!(toolbar, 5);
        assert_eq!((listed, board.overall.overdue, report.total.overdue), (5, 5, 5));
        assert_eq!(board.overall.open, report.total.open);
        for (_, t) in &board.by_unit {
            assert!(t.overdue <= t.open, "{t:?}");
        }
        for unit in &report.units {
            assert!(unit.counts.overdue <= unit.counts.open, "{unit:?}");
        }
    }

    #[test]
    fn categories_are_grouped_by_their_chinese_name() {
        let mut cases = ledger();
        cases[1].category = Some(Category::LandRequisition);
        let d = dashboard(&cases, &Campaign::default(), day("2026-11-23"));
        assert_eq!(d.by_category[0].0, "土地征用");
    }
}
