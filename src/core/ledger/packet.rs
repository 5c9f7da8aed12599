//! The closure packet (结案材料): the documents a clerk holds for a case, grouped under the six
//! items of the 六有 standard (《全区国土资源信访积案化解年活动工作方案》(四)审理结案阶段;
//! 《信访积案化解工作方案（精选5篇）》), plus the closure date, any approved extension of the time
//! limit, and the dates of the 《信访工作条例》(2022) procedure (受理, 复查 and 复核 requests, 听证).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The six items of 六有, in the order the seeds list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Item {
    BasicFacts = 1,
    Assignment = 2,
    Designation = 3,
    Report = 4,
    ReplyAndVisit = 5,
    Stability = 6,
}

impl Item {
    pub const ALL: [Item; 6] = [
        Item::BasicFacts,
        Item::Assignment,
        Item::Designation,
        Item::Report,
        Item::ReplyAndVisit,
        Item::Stability,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    /// The item's name as the seeds write it.
    pub fn label(self) -> &'static str {
        match self {
            Item::BasicFacts => "基本案情材料",
            Item::Assignment => "交办案件台帐及交办函",
            Item::Designation => "确定包案领导和责任单位(责任人)的文件或纪要",
            Item::Report => "包案领导签字的查办报告及相关材料",
            Item::ReplyAndVisit => "答复信访人的书面材料和回访材料",
            Item::Stability => "目前采取的稳控措施",
        }
    }

    /// The kinds of document a clerk is offered when adding to this item, most expected first.
    pub fn kinds(self) -> &'static [DocKind] {
        use DocKind::*;
        match self {
            Item::BasicFacts => &[CaseFacts, InterviewRecord, InvestigationRecord, Other],
            Item::Assignment => &[AssignmentLetter, LedgerEntry, AcceptanceNotice, Other],
            Item::Designation => &[DesignationDocument, Minutes, Other],
            Item::Report => &[InvestigationReport, ClosureReport, Supporting, Other],
            Item::ReplyAndVisit => &[
                WrittenReply,
                FollowUpVisit,
                ExtensionNotice,
                ReviewOpinion,
                RecheckOpinion,
                Other,
            ],
            Item::Stability => &[StabilityPlan, Other],
        }
    }
}

impl From<Item> for u8 {
    fn from(item: Item) -> u8 {
        item as u8
    }
}

impl TryFrom<u8> for Item {
    type Error = String;
    fn try_from(n: u8) -> Result<Item, String> {
        Item::ALL
            .get((n as usize).wrapping_sub(1))
            .copied()
            .ok_or_else(|| format!("六有材料项应为 1–6，而不是 {n}"))
    }
}

macro_rules! doc_kinds {
    ($($variant:ident => $label:literal),+ $(,)?) => {
        /// What a document is; the checks look for particular kinds.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum DocKind {
            $(#[serde(rename = $label)] $variant),+
        }

        impl DocKind {
            pub fn label(self) -> &'static str {
                match self { $(DocKind::$variant => $label),+ }
            }

            pub fn from_label(label: &str) -> Option<DocKind> {
                [$(DocKind::$variant),+].into_iter().find(|k| k.label() == label)
            }
        }
    };
}

doc_kinds! {
    CaseFacts => "基本案情材料",
    InterviewRecord => "谈话记录",
    InvestigationRecord => "调查核实材料",
    AssignmentLetter => "交办函",
    LedgerEntry => "交办案件台帐",
    DesignationDocument => "包案文件",
    Minutes => "会议纪要",
    InvestigationReport => "查办报告",
    ClosureReport => "结案报告",
    Supporting => "相关材料",
    WrittenReply => "答复意见书",
    FollowUpVisit => "回访记录",
    StabilityPlan => "稳控方案",
    // 《信访工作条例》第二十二、二十三条 (受理告知), 第三十四条 (延期告知), 第三十五、三十六条.
    AcceptanceNotice => "受理告知书",
    ExtensionNotice => "延期告知书",
    ReviewOpinion => "复查意见书",
    RecheckOpinion => "复核意见书",
    Other => "其他材料",
}

impl DocKind {
    /// The notices and opinions of the 《信访工作条例》 procedure: filed with an item, not what
    /// makes the item complete.
    pub fn is_notice(self) -> bool {
        matches!(
            self,
            DocKind::AcceptanceNotice
                | DocKind::ExtensionNotice
                | DocKind::ReviewOpinion
                | DocKind::RecheckOpinion
        )
    }
}

/// What the petitioner did with the follow-up visit record (《关于在全县开展信访问题专项治理活动的实施方案》: 信访人签字的回访意见；
/// 信访人签署"不同意"和拒签的，回访人要注明原因).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitResponse {
    #[serde(rename = "已签字")]
    Signed,
    #[serde(rename = "签署不同意")]
    Disagreed,
    #[serde(rename = "拒签")]
    Refused,
}

impl VisitResponse {
    pub const ALL: [VisitResponse; 3] =
        [VisitResponse::Signed, VisitResponse::Disagreed, VisitResponse::Refused];

    pub fn label(self) -> &'static str {
        match self {
            VisitResponse::Signed => "信访人已签字",
            VisitResponse::Disagreed => "信访人签署“不同意”",
            VisitResponse::Refused => "信访人拒签",
        }
    }
}

/// One document in the packet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub id: String,
    pub item: Item,
    pub kind: DocKind,
    pub title: String,
    /// 文号, where the document has one.
    pub doc_ref: String,
    pub date: Option<NaiveDate>,
    /// Who signed it (several names separated by 、).
    pub signed_by: String,
    /// 加盖公章
    pub sealed: bool,
    pub pages: Option<u32>,
    pub note: String,
    /// For item 3: the 包案领导 and 责任单位 the document designates.
    pub names_lead: String,
    pub names_unit: String,
    /// For item 6: the 稳控责任人 the measure names.
    pub names_owner: String,
    /// For a 回访记录: the petitioner's response, and the visitor's stated reason.
    pub visit_response: Option<VisitResponse>,
    pub visit_reason: String,
    /// For a 答复意见书: what the reviewer ticked off on the paper.
    pub reply_checks: ReplyChecks,
}

/// What a reviewer checks on a 答复意见书, ticked off the paper by the clerk (published practice
/// of reviewing written replies; the 复查 route of 《信访工作条例》第三十五条).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplyChecks {
    /// 写明查明的事实.
    pub facts: bool,
    /// 写明处理依据（法律、政策）.
    pub basis: bool,
    /// 逐项答复信访人的诉求.
    pub each_request: bool,
    /// 告知复查途径及30日的申请期限.
    pub review_route: bool,
    /// 加盖责任单位公章（非内设部门章）.
    pub unit_seal: bool,
}

impl ReplyChecks {
    /// Each tick with its label, in the order of the paper.
    pub fn ticks(&self) -> [(&'static str, bool); 5] {
        [
            ("写明查明的事实", self.facts),
            ("写明处理依据（法律、政策）", self.basis),
            ("逐项答复信访人的每项诉求", self.each_request),
            ("告知复查途径及30日申请期限", self.review_route),
            ("加盖责任单位公章（非内设部门章）", self.unit_seal),
        ]
    }

    /// The tick `i` of [`ReplyChecks::ticks`], to set from the form.
    pub fn tick_mut(&mut self, i: usize) -> Option<&mut bool> {
        match i {
            0 => Some(&mut self.facts),
            1 => Some(&mut self.basis),
            2 => Some(&mut self.each_request),
            3 => Some(&mut self.review_route),
            4 => Some(&mut self.unit_seal),
            _ => None,
        }
    }

    pub fn missing(&self) -> Vec<&'static str> {
        self.ticks().into_iter().filter(|(_, ticked)| !ticked).map(|(label, _)| label).collect()
    }
}

impl Default for Document {
    fn default() -> Self {
        Document::new(Item::BasicFacts, DocKind::CaseFacts)
    }
}

impl Document {
    /// A document with the defaults a clerk would pick: official documents are sealed, one page.
    pub fn new(item: Item, kind: DocKind) -> Document {
        Document {
            id: String::new(),
            item,
            kind,
            title: String::new(),
            doc_ref: String::new(),
            date: None,
            signed_by: String::new(),
            sealed: matches!(
                kind,
                DocKind::AssignmentLetter
                    | DocKind::DesignationDocument
                    | DocKind::Minutes
                    | DocKind::InvestigationReport
                    | DocKind::ClosureReport
                    | DocKind::WrittenReply
                    | DocKind::AcceptanceNotice
                    | DocKind::ExtensionNotice
                    | DocKind::ReviewOpinion
                    | DocKind::RecheckOpinion
            ),
            pages: Some(1),
            note: String::new(),
            names_lead: String::new(),
            names_unit: String::new(),
            names_owner: String::new(),
            visit_response: (kind == DocKind::FollowUpVisit).then_some(VisitResponse::Signed),
            visit_reason: String::new(),
            reply_checks: ReplyChecks::default(),
        }
    }

    /// The title to show: the one typed, or the kind's name.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            self.kind.label()
        } else {
            self.title.trim()
        }
    }
}

/// An extension of the time limit (《信访积案化解工作方案（精选5篇）》: 经主要领导批准，可适当延长
/// 办理期限，但延长期限不得超过30日; 《信访工作条例》第三十四条, with the 延期告知书 to the
/// petitioner). Whether a campaign allows one, and how long, is a campaign setting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Extension {
    pub days: u32,
    pub approver: String,
    pub approved_on: Option<NaiveDate>,
}

/// The whole packet of a case.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Packet {
    pub documents: Vec<Document>,
    /// 办结日期
    pub closed_on: Option<NaiveDate>,
    pub extension: Option<Extension>,
    /// The dates of the 《信访工作条例》 procedure that are not a document's date.
    pub procedure: Procedure,
}

/// Dates of the 《信访工作条例》(2022) procedure: the written reply, the 复查 and 复核 opinions are
/// the dates of their documents (答复意见书, 复查意见书, 复核意见书); these are the rest.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Procedure {
    /// 受理日期 (第二十二、二十三条: decided within 15 days of 登记).
    pub accepted_on: Option<NaiveDate>,
    /// The petitioner asked for 复查 (第三十五条: within 30 days of the written reply).
    pub review_requested_on: Option<NaiveDate>,
    /// The petitioner asked for 复核 (第三十六条: within 30 days of the 复查意见).
    pub recheck_requested_on: Option<NaiveDate>,
    /// 听证 days in each stage; they are not counted in that stage's limit.
    pub hearing_days: HearingDays,
}

/// Days spent on a 听证, by the stage it was held in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HearingDays {
    /// 办理 (handling).
    pub handling: u32,
    /// 复查.
    pub review: u32,
    /// 复核.
    pub recheck: u32,
}

impl Packet {
    pub fn in_item(&self, item: Item) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.item == item)
    }

    pub fn of_kind(&self, kind: DocKind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind == kind)
    }

    /// The earliest date of a document of `kind`, if one is dated.
    pub fn dated(&self, kind: DocKind) -> Option<NaiveDate> {
        self.of_kind(kind).filter_map(|d| d.date).min()
    }

    /// Whether the packet holds a document of `kind`.
    pub fn has(&self, kind: DocKind) -> bool {
        self.of_kind(kind).next().is_some()
    }

    /// The documents in 卷宗 order (by item, then as entered) with the page each starts on.
    pub fn contents(&self) -> Vec<(&Document, u32)> {
        let mut docs: Vec<&Document> = self.documents.iter().collect();
        super::sorting::sort_by_key(&mut docs, |d| d.item);
        let mut page = 1;
        docs.into_iter()
            .map(|d| {
                let start = page;
                page += d.pages.unwrap_or(1).max(1);
                (d, start)
            })
            .collect()
    }

    pub fn upsert(&mut self, doc: Document) {
        match self.documents.iter_mut().find(|d| d.id == doc.id) {
            Some(existing) => *existing = doc,
            None => self.documents.push(doc),
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.documents.retain(|d| d.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_serialise_as_their_numbers() {
        assert_eq!(serde_json::to_string(&Item::Report).unwrap(), "4");
        assert_eq!(serde_json::from_str::<Item>("6").unwrap(), Item::Stability);
        assert!(serde_json::from_str::<Item>("7").is_err());
        assert!(serde_json::from_str::<Item>("0").is_err());
    }

    #[test]
    fn new_documents_get_sensible_defaults() {
        let letter = Document::new(Item::Assignment, DocKind::AssignmentLetter);
        assert!(letter.sealed);
        assert_eq!(letter.pages, Some(1));
        let visit = Document::new(Item::ReplyAndVisit, DocKind::FollowUpVisit);
        assert!(!visit.sealed);
        assert_eq!(visit.visit_response, Some(VisitResponse::Signed));
        assert_eq!(visit.display_title(), "回访记录");
        assert_eq!(Item::ReplyAndVisit.kinds()[0], DocKind::WrittenReply);
    }

    #[test]
    fn contents_run_in_item_order_with_start_pages() {
        let mut packet = Packet::default();
        for (item, kind, pages) in [
            (Item::Report, DocKind::InvestigationReport, Some(5)),
            (Item::BasicFacts, DocKind::CaseFacts, Some(3)),
            (Item::Report, DocKind::Supporting, None),
            (Item::Stability, DocKind::StabilityPlan, Some(2)),
        ] {
            packet.documents.push(Document { pages, ..Document::new(item, kind) });
        }
        let contents: Vec<_> =
            packet.contents().into_iter().map(|(d, page)| (d.kind, page)).collect();
        assert_eq!(
            contents,
            [
                (DocKind::CaseFacts, 1),
                (DocKind::InvestigationReport, 4),
                (DocKind::Supporting, 9),
                (DocKind::StabilityPlan, 10),
            ]
        );
    }
}
