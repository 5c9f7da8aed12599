//! The case model of a 信访积案台账 (backlog petition case ledger).
//!
//! Fields follow the ledger fields of the campaign work plans (see docs/domain.md). Enum values serialise
//! as their Chinese names so that an exported ledger reads naturally to the clerks who exchange it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::campaign::Campaign;
use super::packet::Packet;

/// An ID number as the table and prints show it: the first 6 and last 4 characters, the birth
/// date between hidden (`320102********1234`). Short texts are hidden whole.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (&chars[..6], &chars[chars.len() - 4..]);
    format!(
        "{}{}{}",
        head.iter().collect::<String>(),
        "*".repeat(chars.len() - 10),
        tail.iter().collect::<String>()
    )
}

/// The whole ledger as kept in storage and exchanged between units.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub cases: Vec<Case>,
    /// The closure standard this ledger's cases are checked against.
    #[serde(default)]
    pub standard: StandardId,
    /// The campaign's name, dates, deadline rule and targets.
    #[serde(default)]
    pub campaign: Campaign,
}

/// Which closure standard a ledger applies (the standards themselves are rules, in
/// `core::rules::closure`); stored with the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StandardId(pub String);

impl Default for StandardId {
    /// 六有, the first of the closure standards.
    fn default() -> Self {
        StandardId("liuyou".into())
    }
}

/// One backlog petition case (积案).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Case {
    /// Stable identity that survives edits and exchange between units; never shown to users.
    pub id: String,
    /// When this case was last changed (the clerk's local time).
    pub updated_at: Option<NaiveDateTime>,
    /// 案件编号 — required and unique within a ledger.
    pub number: String,
    /// 交办来源
    pub source: Option<Source>,
    /// 交办文号, e.g. 皖国土资函[2009]371号 (《认真贯彻〈国土资源信访规定〉扎实做好新形势下的国土信访工作》).
    pub assignment_ref: String,
    /// 交办日期
    pub assigned_on: Option<NaiveDate>,
    /// 登记日期
    pub registered_on: Option<NaiveDate>,
    /// 信访形式: how the petition came in (来信、来访、网上信访、12345 热线 …), as written.
    pub channel: String,
    /// 信访人
    pub petitioner: Petitioner,
    /// 涉及人数 (集体访 involve several people).
    pub people_count: Option<u32>,
    /// 诉求摘要 — required.
    pub summary: String,
    /// 问题类别
    pub category: Option<Category>,
    /// 重复访、越级访 … (kept sorted and unique).
    pub flags: Vec<Flag>,
    /// 包案领导 — exactly one person (《信访积案化解工作方案（精选5篇）》: 不实行两人或两人以上重复包一案).
    pub lead: String,
    /// 包案领导联系电话: how the petitioner and units reach the lead (real ledgers carry it in
    /// a column 包案领导及联系方式).
    pub lead_contact: String,
    /// 责任单位 (主办)
    pub responsible_unit: String,
    /// 协办单位, for 三跨三分离 cases.
    pub assisting_units: Vec<String>,
    /// 承办人
    pub handler: String,
    /// 稳控责任人
    pub stability_owner: String,
    /// 化解措施
    pub plan: String,
    /// 办结时限
    pub deadline: Option<NaiveDate>,
    /// 状态
    pub status: Status,
    /// 办理情况, newest first.
    pub progress: Vec<ProgressEntry>,
    /// 结案材料 (closure packet).
    pub packet: Packet,
    /// 办结结果, set when the case is closed.
    pub outcome: Option<Outcome>,
    /// How it was resolved, by the 四个到位 classification.
    pub resolution: Option<Resolution>,
    /// 反弹: how many times the petitioner came back after closure.
    pub rebounds: u32,
    /// 备注, also where an import keeps the values it could not place.
    pub remarks: String,
}

/// 信访人
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Petitioner {
    /// 姓名
    pub name: String,
    /// 身份证号: shown masked unless asked (see [`mask_id_number`]).
    pub id_number: String,
    /// 联系方式
    pub contact: String,
    /// 户籍地/常住地
    pub residence: String,
}

/// One dated 办理情况 (progress) entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub date: NaiveDate,
    pub text: String,
}

chinese_enum! {
    /// 交办来源 (docs/domain.md).
    Source {
        Central => "中央/国家信访局",
        Province => "省",
        City => "市",
        County => "县/区",
        SelfFound => "自行排查",
    }
}

chinese_enum! {
    /// 问题类别: the categories listed in 《信访积案化解工作方案（精选5篇）》 (土地征用、房屋拆迁 …).
    Category {
        LandRequisition => "土地征用",
        Demolition => "房屋拆迁",
        EnterpriseRestructuring => "企业改制",
        LawAndLitigation => "涉法涉诉",
        LabourSecurity => "劳动保障",
        Environment => "环境保护",
        EducationHealth => "教育卫生",
        Military => "涉军",
        PropertyManagement => "物业管理",
        Rural => "三农",
        UnfinishedHousing => "烂尾楼/房产证",
        Fundraising => "集资融资",
        Other => "其他",
    }
}

chinese_enum! {
    /// Case flags (docs/domain.md; 三跨三分离 per 《信访积案化解工作方案（精选5篇）》).
    Flag {
        Repeated => "重复访",
        SkipLevel => "越级访",
        Collective => "集体访",
        ToCapital => "进京访/赴省访",
        CrossBoundary => "三跨三分离",
        LawRelated => "涉法涉诉",
    }
}

chinese_enum! {
    /// Where a case stands, following the campaign phases of 《全区国土资源信访积案化解年活动工作方案》、《兴庆区关于开展集中治理重复信访化解信访积案专项工作方案》、《信访积案化解工作方案（精选5篇）》.
    #[derive(Default)]
    Status {
        #[default]
        Registered => "排查登记",
        Assigned => "已交办",
        InProgress => "化解中",
        AwaitingReview => "办结待审",
        Closed => "已办结",
    }
}

chinese_enum! {
    /// 办结结果 (docs/domain.md; 《兴庆区关于开展集中治理重复信访化解信访积案专项工作方案》、《信访积案化解工作方案（精选5篇）》).
    Outcome {
        Resolved => "已化解",
        Settled => "息诉息访",
        Terminated => "终结",
    }
}

chinese_enum! {
    /// 分类施策 "四个到位" (《兴庆区关于开展集中治理重复信访化解信访积案专项工作方案》、《信访积案化解工作方案（精选5篇）》): 诉求合理的解决问题到位；诉求无理的思想教育到位；
    /// 生活困难的帮扶救助到位；行为违法的依法处理到位.
    Resolution {
        Solved => "诉求合理解决到位",
        Educated => "无理教育到位",
        Helped => "困难帮扶到位",
        LawEnforced => "违法依法处理",
    }
}

impl Case {
    /// Adds a progress entry keeping the log newest first; entries of the same day keep the
    /// order they were added in (latest on top).
    pub fn add_progress(&mut self, date: NaiveDate, text: &str) {
        let at = self.progress.iter().position(|e| e.date <= date).unwrap_or(self.progress.len());
        self.progress.insert(at, ProgressEntry { date, text: text.trim().to_string() });
    }

    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

impl Ledger {
    /// The ledger's settings (standard, campaign) without its cases.
    pub fn clone_settings(&self) -> Ledger {
        Ledger {
            cases: Vec::new(),
            standard: self.standard.clone(),
            campaign: self.campaign.clone(),
        }
    }

    pub fn find(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn find_mut(&mut self, id: &str) -> Option<&mut Case> {
        self.cases.iter_mut().find(|c| c.id == id)
    }

    /// Inserts a new case or replaces the case with the same id.
    pub fn upsert(&mut self, case: Case) {
        match self.find_mut(&case.id) {
            Some(existing) => *existing = case,
            None => self.cases.push(case),
        }
    }

    /// Removes a case, returning it with its position so that the removal can be undone.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Case)> {
        let at = self.cases.iter().position(|c| c.id == id)?;
        Some((at, self.cases.remove(at)))
    }

    /// Puts a removed case back where it was.
    pub fn restore(&mut self, at: usize, case: Case) {
        let at = at.min(self.cases.len());
        self.cases.insert(at, case);
    }

    pub fn number_taken(&self, number: &str, except_id: &str) -> bool {
        let number = number.trim();
        self.cases.iter().any(|c| c.id != except_id && c.number.trim() == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn progress_log_stays_newest_first() {
        let mut case = Case::default();
        case.add_progress(day("2026-03-01"), "首次约访");
        case.add_progress(day("2026-05-01"), "召开协调会");
        case.add_progress(day("2026-04-01"), "补录：实地调查");
        case.add_progress(day("2026-05-01"), "同日第二条");
        let texts: Vec<_> = case.progress.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["同日第二条", "召开协调会", "补录：实地调查", "首次约访"]);
    }

    #[test]
    fn enums_serialise_as_chinese_names() {
        assert_eq!(serde_json::to_string(&Status::InProgress).unwrap(), "\"化解中\"");
        assert_eq!(serde_json::from_str::<Flag>("\"三跨三分离\"").unwrap(), Flag::CrossBoundary);
        assert_eq!(Category::from_label(" 三农 "), Some(Category::Rural));
        assert_eq!(Source::from_label("火星"), None);
    }

    #[test]
    fn id_numbers_are_masked() {
        assert_eq!(mask_id_number("32010219800101123X"), "320102********123X");
        assert_eq!(mask_id_number("12345"), "*****");
        assert_eq!(mask_id_number(""), "");
    }

    #[test]
    fn remove_and_restore_keep_position() {
        let mut ledger = Ledger::default();
        for n in ["A", "B", "C"] {
            ledger.upsert(Case { id: n.into(), number: n.into(), ..Case::default() });
        }
        let (at, case) = ledger.remove("B").unwrap();
        assert_eq!(ledger.cases.len(), 2);
        ledger.restore(at, case);
        let ids: Vec<_> = ledger.cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "C"]);
        assert!(ledger.remove("Z").is_none());
    }

    #[test]
    fn number_uniqueness_ignores_the_case_itself_and_spaces() {
        let mut ledger = Ledger::default();
        ledger.upsert(Case { id: "1".into(), number: "JA-001".into(), ..Case::default() });
        assert!(ledger.number_taken(" JA-001 ", "2"));
        assert!(!ledger.number_taken("JA-001", "1"));
    }
}
