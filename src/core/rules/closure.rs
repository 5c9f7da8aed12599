//! The closure check: a case and its packet against a named standard, giving a verdict that
//! says plainly what to add or correct (退回补办) or that the packet may be reported (可以上报).
//!
//! Standards are data: a [`Standard`] lists which [`Rule`]s it applies and how strictly, and its
//! own items (六有 six, 七个一 seven, 结案报告三要件 three), whose count the verdict shows. To add a
//! rule, add it to [`RULES`] with its source (document title and article) and a test; to add a
//! standard, add it to [`STANDARDS`].

use std::cell::OnceCell;

use chrono::NaiveDate;

use super::deadline::{DateOutOfRange, Deadline};
use crate::core::ledger::campaign::Campaign;
use crate::core::ledger::model::{Case, StandardId};
use crate::core::ledger::packet::{DocKind, Document, Item, VisitResponse};
use crate::core::ledger::text::{format_date as date, half_width, split_names, without_brackets};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// 退回补办: the packet cannot be reported until this is fixed.
    Blocking,
    /// 提示: worth fixing, does not stop the report.
    Advisory,
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub case: &'a Case,
    /// The case's effective 办结时限 under the campaign's settings.
    pub deadline: Result<Option<Deadline>, DateOutOfRange>,
    pub today: NaiveDate,
    /// The people the ledger names, split and normalised once (several rules compare them:
    /// splitting names was half the check's time).
    lead: OnceCell<Vec<String>>,
    handler: OnceCell<Vec<String>>,
    stability_owner: OnceCell<Vec<String>>,
}

impl Context<'_> {
    fn lead(&self) -> &[String] {
        self.lead.get_or_init(|| people(&self.case.lead))
    }

    fn handler(&self) -> &[String] {
        self.handler.get_or_init(|| people(&self.case.handler))
    }

    fn stability_owner(&self) -> &[String] {
        self.stability_owner.get_or_init(|| people(&self.case.stability_owner))
    }
}

/// One check. `check` returns the sentence to show when the rule fails.
pub struct Rule {
    pub id: &'static str,
    /// The 六有 item the rule concerns; `None` for rules about the case as a whole.
    pub item: Option<Item>,
    /// The document (by title) and article the rule comes from.
    pub source: &'static str,
    pub check: fn(&Context) -> Option<String>,
}

pub struct Standard {
    pub id: &'static str,
    pub name: &'static str,
    pub source: &'static str,
    pub rules: &'static [(&'static str, Severity)],
    /// The standard's own items, each with the rules that decide it.
    pub parts: &'static [Part],
}

/// One item of a standard (六有's 第2项, 七个一's 一个工作班子 …): complete when none of its
/// rules fails blocking.
pub struct Part {
    pub label: &'static str,
    pub rules: &'static [&'static str],
}

/// A rule that failed, as shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub item: Option<Item>,
    pub severity: Severity,
    pub message: String,
}

/// "可以上报", or "材料 n/N 齐全，暂不能上报" with the number of the standard's items complete
/// (退回补办 is the reviewer's act, `core::workflow`, not the state of a packet).
pub fn summary_text(ready: bool, complete_items: usize, total_items: usize) -> String {
    if ready {
        "可以上报".into()
    } else {
        format!("材料 {complete_items}/{total_items} 齐全，暂不能上报")
    }
}

/// The state of one 六有 item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemStatus {
    Complete,
    Missing,
    Inconsistent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub standard: &'static str,
    pub findings: Vec<Finding>,
    /// The six 六有 items' states (the packet screen groups documents by them).
    pub items: [(Item, ItemStatus); 6],
    /// The standard's own items and whether each is complete.
    pub parts: Vec<(&'static str, bool)>,
}

impl Verdict {
    /// 可以上报 only when no blocking rule fails.
    pub fn ready(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Blocking)
    }

    /// How many of the standard's own items are complete.
    pub fn complete_items(&self) -> usize {
        self.parts.iter().filter(|(_, complete)| *complete).count()
    }

    /// How many items the standard has: 六有 6, 七个一 7, 结案报告三要件 3.
    pub fn total_items(&self) -> usize {
        self.parts.len()
    }

    /// The short verdict (the 结案审核表's conclusion): 可以上报, or the items complete.
    pub fn summary(&self) -> String {
        summary_text(self.ready(), self.complete_items(), self.total_items())
    }

    pub fn status_of(&self, item: Item) -> ItemStatus {
        self.items[item.number() as usize - 1].1
    }

    pub fn findings_for(&self, item: Option<Item>) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.item == item)
    }
}

impl StandardId {
    /// The standard of this id; an id no standard has (a newer app's) falls back to the first.
    pub fn standard(&self) -> &'static Standard {
        STANDARDS.iter().find(|s| s.id == self.0).unwrap_or(&STANDARDS[0])
    }
}

/// Checks a case's packet against a standard.
pub fn check(case: &Case, standard: &Standard, campaign: &Campaign, today: NaiveDate) -> Verdict {
    let context = Context {
        case,
        deadline: campaign.deadline(case),
        today,
        lead: OnceCell::new(),
        handler: OnceCell::new(),
        stability_owner: OnceCell::new(),
    };
    let findings: Vec<Finding> = standard
        .rules
        .iter()
        .filter_map(|(id, severity)| {
            let rule = rule(id)?;
            (rule.check)(&context).map(|message| Finding {
                rule: rule.id,
                item: rule.item,
                severity: *severity,
                message,
            })
        })
        .collect();
    let items = Item::ALL.map(|item| {
        let status = if case.packet.in_item(item).next().is_none() {
            ItemStatus::Missing
        } else if findings.iter().any(|f| f.item == Some(item) && f.severity == Severity::Blocking)
        {
            ItemStatus::Inconsistent
        } else {
            ItemStatus::Complete
        };
        (item, status)
    });
    let parts = standard
        .parts
        .iter()
        .map(|part| {
            let failed = findings
                .iter()
                .any(|f| f.severity == Severity::Blocking && part.rules.contains(&f.rule));
            (part.label, !failed)
        })
        .collect();
    Verdict { standard: standard.name, findings, items, parts }
}

fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

// ---------------------------------------------------------------------------------------------
// Comparing what documents say with the ledger.

/// Text as clerks type it, for comparing: spaces (also full-width) dropped, full-width letters
/// and digits made half-width, and every bracket style of a 文号 — （） () 〔〕 [] 【】 ［］ 〖〗 —
/// made square, so 皖国土资函（2009）371号 and 皖国土资函〔2009〕371号 are the same number.
pub fn normalise(text: &str) -> String {
    let square = |c: char| match c {
        '(' | '〔' | '【' | '〖' => '[',
        ')' | '〕' | '】' | '〗' => ']',
        c => c,
    };
    // Most cells are already in normal form: copied whole rather than character by character.
    if text.chars().all(|c| square(half_width(c)) == c && !c.is_whitespace()) {
        return text.to_string();
    }
    text.chars().map(half_width).filter(|c| !c.is_whitespace()).map(square).collect()
}

fn same(a: &str, b: &str) -> bool {
    let a = normalise(a);
    !a.is_empty() && a == normalise(b)
}

/// The people named in a cell, for comparing: split by [`split_names`], bracketed titles
/// dropped ("陈国庆（县委常委、副县长）" is 陈国庆), normalised.
fn people(text: &str) -> Vec<String> {
    let mut people: Vec<String> = split_names(text)
        .into_iter()
        .map(|name| normalise(&without_brackets(name)))
        .filter(|name| !name.is_empty())
        .collect();
    crate::core::ledger::sorting::sort(&mut people);
    people.dedup();
    people
}

/// Whether a document's cell names the `wanted` people (of the ledger), in any order.
fn names_people(cell: &str, wanted: &[String]) -> bool {
    let named = people(cell);
    !named.is_empty() && named == wanted
}

/// Whether everyone `wanted` signed the document: a report signed by both of two listed
/// leaders is signed by them.
fn signed_by(doc: &Document, wanted: &[String]) -> bool {
    !wanted.is_empty() && {
        let signers = people(&doc.signed_by);
        wanted.iter().all(|person| signers.contains(person))
    }
}

fn first<'a>(ctx: &'a Context, kind: DocKind) -> Option<&'a Document> {
    ctx.case.packet.of_kind(kind).next()
}

/// The report signed by the leader: a 查办报告, else a 结案报告.
fn report<'a>(ctx: &'a Context) -> Option<&'a Document> {
    first(ctx, DocKind::InvestigationReport).or_else(|| first(ctx, DocKind::ClosureReport))
}

fn item_present(ctx: &Context, item: Item) -> Option<String> {
    if ctx.case.packet.in_item(item).next().is_some() {
        return None;
    }
    let expected: Vec<&str> = item
        .kinds()
        .iter()
        .filter(|k| **k != DocKind::Other && !k.is_notice())
        .map(|k| k.label())
        .collect();
    Some(format!(
        "第{}项「{}」没有材料，请补充{}。",
        item.number(),
        item.label(),
        expected.join("或")
    ))
}

// ---------------------------------------------------------------------------------------------
// The rules. Each cites the document (by title) and article it comes from.

/// The 六有 rule that an item holds material.
macro_rules! item_rule {
    ($id:literal, $item:ident) => {
        Rule {
            id: $id,
            item: Some(Item::$item),
            source: "《全区国土资源信访积案化解年活动工作方案》(四)审理结案阶段; 《信访积案化解工作方案（精选5篇）》",
            check: |c| item_present(c, Item::$item),
        }
    };
}

pub static RULES: &[Rule] = &[
    // 六有: each of the six items holds material.
    item_rule!("item1", BasicFacts),
    item_rule!("item2", Assignment),
    item_rule!("item3", Designation),
    item_rule!("item4", Report),
    item_rule!("item5", ReplyAndVisit),
    item_rule!("item6", Stability),
    Rule {
        id: "letter_matches_ledger",
        item: Some(Item::Assignment),
        source: "《全区国土资源信访积案化解年活动工作方案》: 交办案件台帐及交办函",
        check: |c| {
            let case = c.case;
            let letter = first(c, DocKind::AssignmentLetter)?;
            let mut wrong = Vec::new();
            if case.assignment_ref.trim().is_empty() {
                wrong.push("台账未填写交办文号，请先在案件信息中补填".to_string());
            } else if !same(&letter.doc_ref, &case.assignment_ref) {
                wrong.push(format!(
                    "交办函文号“{}”与台账交办文号“{}”不一致",
                    letter.doc_ref.trim(),
                    case.assignment_ref.trim()
                ));
            }
            match (letter.date, case.assigned_on) {
                (_, None) => wrong.push("台账未填写交办日期".into()),
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) => {
                    wrong.push(format!("交办函日期 {} 与台账交办日期 {} 不一致", date(a), date(b)))
                }
                (None, Some(_)) => wrong.push("交办函未填写日期".into()),
            }
            (!wrong.is_empty()).then(|| format!("第2项：{}。", wrong.join("；")))
        },
    },
    Rule {
        id: "letter_present",
        item: Some(Item::Assignment),
        source: "《全区国土资源信访积案化解年活动工作方案》: 交办案件台帐及交办函",
        check: |c| {
            first(c, DocKind::AssignmentLetter)
                .is_none()
                .then(|| "第2项：缺少交办函，请补充。".to_string())
        },
    },
    Rule {
        id: "ledger_entry_present",
        item: Some(Item::Assignment),
        source: "《全区国土资源信访积案化解年活动工作方案》(四)审理结案阶段: 交办案件台帐及交办函 — both",
        check: |c| {
            (c.case.packet.in_item(Item::Assignment).next().is_some()
                && !c.case.packet.has(DocKind::LedgerEntry))
            .then(|| "第2项：缺少交办案件台帐，请补充（第2项须有交办案件台帐及交办函）。".to_string())
        },
    },
    Rule {
        id: "designation_names_lead_and_unit",
        item: Some(Item::Designation),
        source: "《信访积案化解工作方案（精选5篇）》: 确定包案领导和责任人的文件或纪要",
        check: |c| {
            let case = c.case;
            let docs: Vec<&Document> = case.packet.in_item(Item::Designation).collect();
            if docs.is_empty() {
                return None;
            }
            let mut wrong = Vec::new();
            if !docs.iter().any(|d| names_people(&d.names_lead, c.lead())) {
                wrong.push(format!(
                    "文件或纪要确定的包案领导应为台账中的“{}”",
                    or_unset(&case.lead)
                ));
            }
            if !docs.iter().any(|d| same(&d.names_unit, &case.responsible_unit)) {
                wrong.push(format!(
                    "确定的责任单位应为台账中的“{}”",
                    or_unset(&case.responsible_unit)
                ));
            }
            (!wrong.is_empty()).then(|| format!("第3项：{}。", wrong.join("；")))
        },
    },
    Rule {
        id: "one_lead",
        item: Some(Item::Designation),
        source: "《信访积案化解工作方案（精选5篇）》: 不实行两人或两人以上重复包一案",
        check: |c| {
            match split_names(&c.case.lead).len() {
            1 => None,
            0 => Some("台账未填写包案领导：每件积案须明确一名包案领导。".into()),
            n => Some(format!("台账填写了 {n} 名包案领导：一件积案只能由一名领导包案，不实行两人或两人以上重复包一案。")),
        }
        },
    },
    Rule {
        id: "report_signed_by_lead",
        item: Some(Item::Report),
        source: "《全区国土资源信访积案化解年活动工作方案》; 《信访积案化解工作方案（精选5篇）》: 包案领导签字的查办报告",
        check: |c| match report(c) {
            None if c.case.packet.in_item(Item::Report).next().is_some() => {
                Some("第4项：缺少查办报告（或结案报告），请补充。".into())
            }
            None => None,
            Some(doc) if signed_by(doc, c.lead()) => None,
            Some(doc) => Some(format!(
                "第4项：{}须由包案领导“{}”签字（现签字人：{}）。",
                doc.display_title(),
                or_unset(&c.case.lead),
                or_unset(&doc.signed_by)
            )),
        },
    },
    Rule {
        id: "report_sealed",
        item: Some(Item::Report),
        source: "《关于在全县开展信访问题专项治理活动的实施方案》 结案标准: 除加盖公章外……",
        check: |c| {
            let doc = report(c)?;
            (!doc.sealed).then(|| format!("第4项：{}未加盖责任单位公章。", doc.display_title()))
        },
    },
    Rule {
        id: "report_signed_by_handler",
        item: Some(Item::Report),
        source: "《关于在全县开展信访问题专项治理活动的实施方案》 结案标准: 要有责任单位领导和具体办理责任人的签字",
        check: |c| {
            let doc = report(c)?;
            if c.case.handler.trim().is_empty() {
                return Some("第4项：台账未填写承办人，无法核对报告上的承办人签字。".into());
            }
            (!signed_by(doc, c.handler())).then(|| {
                format!(
                    "第4项：{}缺少承办人“{}”的签字。",
                    doc.display_title(),
                    c.case.handler.trim()
                )
            })
        },
    },
    Rule {
        id: "reply_and_visit",
        item: Some(Item::ReplyAndVisit),
        source: "《全区国土资源信访积案化解年活动工作方案》; 《信访积案化解工作方案（精选5篇）》: 答复信访人的书面材料和回访材料",
        check: |c| {
            c.case.packet.in_item(Item::ReplyAndVisit).next()?;
            let reply = first(c, DocKind::WrittenReply);
            let visit = first(c, DocKind::FollowUpVisit);
            let mut wrong = Vec::new();
            match reply {
                None => wrong.push("缺少答复信访人的书面材料（答复意见书）".to_string()),
                Some(r) => match (r.date, c.case.assigned_on) {
                    (None, _) => wrong.push("答复意见书未填写日期".into()),
                    (Some(d), Some(assigned)) if d < assigned => {
                        wrong.push(format!("答复日期 {} 早于交办日期 {}", date(d), date(assigned)))
                    }
                    (Some(d), _) => match c.case.packet.closed_on {
                        // Replying is part of handling: it cannot come after the case was closed.
                        Some(closed) if d > closed => wrong.push(format!(
                            "答复日期 {} 晚于办结日期 {}，应在办结前书面答复信访人",
                            date(d),
                            date(closed)
                        )),
                        _ => {}
                    },
                },
            }
            match visit {
                None => wrong.push("缺少回访记录".into()),
                Some(v) => match (v.date, reply.and_then(|r| r.date)) {
                    (None, _) => wrong.push("回访记录未填写日期".into()),
                    (Some(d), Some(replied)) if d < replied => wrong.push(format!(
                        "回访日期 {} 早于答复日期 {}，应先答复后回访",
                        date(d),
                        date(replied)
                    )),
                    _ => {}
                },
            }
            (!wrong.is_empty()).then(|| format!("第5项：{}。", wrong.join("；")))
        },
    },
    Rule {
        id: "reply_reviewed",
        item: Some(Item::ReplyAndVisit),
        source: "《信访工作条例》第三十五条 (复查途径); 答复意见书的审核要点: 查明事实、处理依据、逐项答复、告知复查途径、加盖责任单位公章",
        check: |c| {
            let reply = first(c, DocKind::WrittenReply)?;
            let missing = reply.reply_checks.missing();
            (!missing.is_empty()).then(|| {
                format!("第5项：{}未核对到：{}。", reply.display_title(), missing.join("、"))
            })
        },
    },
    Rule {
        id: "acceptance_notice",
        item: Some(Item::Assignment),
        source: "《信访工作条例》第二十二、二十三条: 15日内决定是否受理并告知信访人",
        check: |c| {
            let accepted = c.case.packet.procedure.accepted_on?;
            (!c.case.packet.has(DocKind::AcceptanceNotice)).then(|| {
                format!(
                    "已于 {} 受理，结案材料中缺少受理告知书（受理须告知信访人）。",
                    date(accepted)
                )
            })
        },
    },
    Rule {
        id: "visit_signed_or_explained",
        item: Some(Item::ReplyAndVisit),
        source: "《关于在全县开展信访问题专项治理活动的实施方案》 结案标准: 信访人签署“不同意”和拒签的，回访人要注明原因",
        check: |c| {
            let visit = first(c, DocKind::FollowUpVisit)?;
            match visit.visit_response {
                Some(VisitResponse::Signed) => None,
                None => Some("第5项：回访记录未注明信访人是否签字。".into()),
                Some(response) if visit.visit_reason.trim().is_empty() => {
                    Some(format!("第5项：{}，回访人须在回访记录上注明原因。", response.label()))
                }
                Some(_) => None,
            }
        },
    },
    Rule {
        id: "stability_names_owner",
        item: Some(Item::Stability),
        source: "《全区国土资源信访积案化解年活动工作方案》; 《信访积案化解工作方案（精选5篇）》: 目前采取的稳控措施; 《关于在全县开展信访问题专项治理活动的实施方案》: 稳控责任人",
        check: |c| {
            let docs: Vec<&Document> = c.case.packet.in_item(Item::Stability).collect();
            if docs.is_empty() {
                return None;
            }
            let mut wrong = Vec::new();
            if !docs.iter().any(|d| names_people(&d.names_owner, c.stability_owner())) {
                wrong.push(format!(
                    "稳控措施应写明稳控责任人“{}”",
                    or_unset(&c.case.stability_owner)
                ));
            }
            if !docs.iter().any(|d| d.date.is_some()) {
                wrong.push("稳控措施未填写日期".into());
            }
            (!wrong.is_empty()).then(|| format!("第6项：{}。", wrong.join("；")))
        },
    },
    Rule {
        id: "within_time_limit",
        item: None,
        source: "《全区国土资源信访积案化解年活动工作方案》: 原则上要求在90天办结; 《信访积案化解工作方案（精选5篇）》; 《信访工作条例》第三十四条: 60日，经批准可延长，不得超过30日",
        check: |c| {
            let case = c.case;
            let deadline = match c.deadline {
                Ok(Some(deadline)) => deadline,
                Ok(None) => {
                    return Some("台账未填写交办日期或办结时限，无法核对是否按期办结。".into())
                }
                Err(out_of_range) => return Some(format!("{out_of_range}。")),
            };
            let Some(closed) = case.packet.closed_on else {
                return Some("未填写办结日期，无法核对是否按期办结。".into());
            };
            if closed > c.today {
                return Some(format!("办结日期 {} 晚于今天，请核对。", date(closed)));
            }
            let limit = deadline.base;
            if closed <= limit {
                return None;
            }
            let over = (closed - limit).num_days();
            let late =
                format!("办结日期 {} 超过办结时限 {}，超期 {over} 天", date(closed), date(limit));
            let Some(ext) = case.packet.extension.as_ref().filter(|e| e.days > 0) else {
                return Some(format!("{late}，且无延期批准。"));
            };
            // Whether and how long extensions are allowed is the campaign's setting; an
            // extension approved after the limit had passed does not count.
            if let Some(problem) = deadline.extension_problem {
                return Some(format!("{late}；{}。", problem.message(ext.days)));
            }
            // 《信访工作条例》第三十四条: 延长……并告知信访人延期理由.
            if !case.packet.has(DocKind::ExtensionNotice) {
                return Some(format!(
                    "{late}；延期须告知信访人（《信访工作条例》第三十四条），结案材料中缺少延期告知书。"
                ));
            }
            let extended = deadline.due();
            (closed > extended).then(|| {
                format!(
                    "办结日期 {} 超过延期后的时限 {}，超期 {} 天。",
                    date(closed),
                    date(extended),
                    (closed - extended).num_days()
                )
            })
        },
    },
    Rule {
        id: "plan_present",
        item: None,
        source: "《信访积案化解工作方案（精选5篇）》: 七个一 — 一套化解方案",
        check: |c| {
            c.case
                .plan
                .trim()
                .is_empty()
                .then(|| "缺少化解方案：请在案件信息中填写化解措施。".to_string())
        },
    },
    Rule {
        id: "team_present",
        item: None,
        source: "《信访积案化解工作方案（精选5篇）》: 七个一 — 一个工作班子",
        check: |c| {
            (c.case.responsible_unit.trim().is_empty() || c.case.handler.trim().is_empty())
                .then(|| "缺少工作班子：请在案件信息中填写责任单位和承办人。".to_string())
        },
    },
    Rule {
        id: "deadline_present",
        item: None,
        source: "《信访积案化解工作方案（精选5篇）》: 七个一 — 一个化解时限",
        check: |c| {
            matches!(c.deadline, Ok(None))
                .then(|| "缺少化解时限：请在案件信息中填写交办日期或办结时限。".to_string())
        },
    },
    Rule {
        id: "minutes_present",
        item: Some(Item::Designation),
        source: "《信访积案化解工作方案（精选5篇）》: 七个一 — 一个化解纪要",
        check: |c| {
            first(c, DocKind::Minutes).is_none().then(|| "第3项：缺少化解会议纪要。".to_string())
        },
    },
    Rule {
        id: "report_present",
        item: Some(Item::Report),
        source: "《信访积案化解工作方案（精选5篇）》: 七个一 — 一个化解报告; 《关于在全县开展信访问题专项治理活动的实施方案》: 结案报告",
        check: |c| report(c).is_none().then(|| "第4项：缺少查办报告或结案报告。".to_string()),
    },
    Rule {
        id: "stability_present",
        item: Some(Item::Stability),
        source: "《信访积案化解工作方案（精选5篇）》: 七个一 — 一套稳控措施",
        check: |c| item_present(c, Item::Stability),
    },
    Rule {
        id: "visit_present",
        item: Some(Item::ReplyAndVisit),
        source: "《关于在全县开展信访问题专项治理活动的实施方案》 结案标准: 要有信访人签字的回访意见",
        check: |c| {
            first(c, DocKind::FollowUpVisit)
                .is_none()
                .then(|| "第5项：缺少回访记录（回访意见）。".to_string())
        },
    },
];

fn or_unset(text: &str) -> &str {
    if text.trim().is_empty() {
        "（未填写）"
    } else {
        text.trim()
    }
}

use Severity::{Advisory, Blocking};

pub static STANDARDS: &[Standard] = &[
    Standard {
        id: "liuyou",
        name: "六有",
        source: "《全区国土资源信访积案化解年活动工作方案》(四)审理结案阶段; 《信访积案化解工作方案（精选5篇）》",
        rules: &[
            ("item1", Blocking),
            ("item2", Blocking),
            ("item3", Blocking),
            ("item4", Blocking),
            ("item5", Blocking),
            ("item6", Blocking),
            ("letter_present", Blocking),
            ("ledger_entry_present", Blocking),
            ("letter_matches_ledger", Blocking),
            ("acceptance_notice", Advisory),
            ("one_lead", Blocking),
            ("designation_names_lead_and_unit", Blocking),
            ("report_signed_by_lead", Blocking),
            ("report_sealed", Advisory),
            ("report_signed_by_handler", Advisory),
            ("reply_and_visit", Blocking),
            ("reply_reviewed", Blocking),
            ("visit_signed_or_explained", Blocking),
            ("stability_names_owner", Blocking),
            ("within_time_limit", Blocking),
        ],
        parts: &[
            Part { label: "基本案情材料", rules: &["item1"] },
            Part {
                label: "交办案件台帐及交办函",
                rules: &["item2", "letter_present", "ledger_entry_present", "letter_matches_ledger"],
            },
            Part {
                label: "确定包案领导和责任单位的文件或纪要",
                rules: &["item3", "one_lead", "designation_names_lead_and_unit"],
            },
            Part {
                label: "包案领导签字的查办报告及相关材料",
                rules: &["item4", "report_signed_by_lead"],
            },
            Part {
                label: "答复信访人的书面材料和回访材料",
                rules: &["item5", "reply_and_visit", "reply_reviewed", "visit_signed_or_explained"],
            },
            Part { label: "目前采取的稳控措施", rules: &["item6", "stability_names_owner"] },
        ],
    },
    Standard {
        id: "jiean_baogao",
        name: "结案报告三要件",
        source: "《关于在全县开展信访问题专项治理活动的实施方案》: 结案标准",
        rules: &[
            ("report_present", Blocking),
            ("report_sealed", Blocking),
            ("report_signed_by_handler", Blocking),
            ("report_signed_by_lead", Blocking),
            ("visit_present", Blocking),
            ("visit_signed_or_explained", Blocking),
            ("reply_reviewed", Advisory),
        ],
        parts: &[
            Part { label: "结案报告（反映的问题、调查情况、处理意见）", rules: &["report_present"] },
            Part {
                label: "加盖公章，责任单位领导和具体办理责任人签字",
                // Without the report there is nothing sealed or signed.
                rules: &[
                    "report_present",
                    "report_sealed",
                    "report_signed_by_handler",
                    "report_signed_by_lead",
                ],
            },
            Part {
                label: "信访人签字的回访意见",
                rules: &["visit_present", "visit_signed_or_explained"],
            },
        ],
    },
    Standard {
        id: "qigeyi",
        name: "七个一",
        source: "《信访积案化解工作方案（精选5篇）》: 一名包案领导、一个工作班子、一套化解方案、一套稳控措施、一个化解时限、一个化解纪要、一个化解报告",
        rules: &[
            ("one_lead", Blocking),
            ("team_present", Blocking),
            ("plan_present", Blocking),
            ("stability_present", Blocking),
            ("deadline_present", Blocking),
            ("minutes_present", Blocking),
            ("report_present", Blocking),
            ("within_time_limit", Advisory),
            ("reply_reviewed", Advisory),
        ],
        parts: &[
            Part { label: "一名包案领导", rules: &["one_lead"] },
            Part { label: "一个工作班子", rules: &["team_present"] },
            Part { label: "一套化解方案", rules: &["plan_present"] },
            Part { label: "一套稳控措施", rules: &["stability_present"] },
            Part { label: "一个化解时限", rules: &["deadline_present"] },
            Part { label: "一个化解纪要", rules: &["minutes_present"] },
            Part { label: "一个化解报告", rules: &["report_present"] },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::campaign::{DeadlineRule, ExtensionPolicy};
    use crate::core::ledger::model::Case;
    use crate::core::ledger::packet::{Extension, Packet, ReplyChecks};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn doc(item: Item, kind: DocKind, f: impl FnOnce(&mut Document)) -> Document {
        let mut d = Document::new(item, kind);
        f(&mut d);
        d
    }

    fn all_ticked() -> ReplyChecks {
        ReplyChecks {
            facts: true,
            basis: true,
            each_request: true,
            review_route: true,
            unit_seal: true,
        }
    }

    /// A case whose packet meets every standard.
    fn complete_case() -> Case {
        let documents = vec![
            doc(Item::BasicFacts, DocKind::CaseFacts, |_| {}),
            doc(Item::Assignment, DocKind::AssignmentLetter, |d| {
                d.doc_ref = "皖国土资函〔2009〕371号".into();
                d.date = Some(day("2026-03-01"));
            }),
            doc(Item::Assignment, DocKind::LedgerEntry, |_| {}),
            doc(Item::Designation, DocKind::Minutes, |d| {
                d.names_lead = "王 副县长".into();
                d.names_unit = "县自然资源局".into();
            }),
            doc(Item::Report, DocKind::InvestigationReport, |d| {
                d.signed_by = "王副县长、李四".into()
            }),
            doc(Item::ReplyAndVisit, DocKind::WrittenReply, |d| {
                d.date = Some(day("2026-03-01"));
                d.reply_checks = all_ticked();
            }),
            doc(Item::ReplyAndVisit, DocKind::FollowUpVisit, |d| d.date = Some(day("2026-03-01"))),
            doc(Item::Stability, DocKind::StabilityPlan, |d| {
                d.names_owner = "赵六".into();
                d.date = Some(day("2026-03-05"));
            }),
        ];
        Case {
            number: "JA-1".into(),
            summary: "征地补偿".into(),
            assignment_ref: "皖国土资函[2009]371号".into(),
            assigned_on: Some(day("2026-03-01")),
            lead: "王副县长".into(),
            responsible_unit: "县自然资源局".into(),
            handler: "李四".into(),
            stability_owner: "赵六".into(),
            plan: "依法核算补偿".into(),
            deadline: Some(day("2026-05-30")),
            packet: Packet { documents, closed_on: Some(day("2026-05-30")), ..Packet::default() },
            ..Case::default()
        }
    }

    const TODAY: &str = "2026-11-23";

    fn sixty_day_rule() -> Campaign {
        Campaign { deadline_rule: DeadlineRule::Sixty, ..Campaign::default() }
    }

    fn verdict_with(standard: &str, f: impl FnOnce(&mut Case)) -> Verdict {
        let mut case = complete_case();
        f(&mut case);
        let standard = StandardId(standard.into()).standard();
        check(&case, standard, &sixty_day_rule(), day(TODAY))
    }

    fn liuyou(f: impl FnOnce(&mut Case)) -> Verdict {
        verdict_with("liuyou", f)
    }

    fn failed(v: &Verdict) -> Vec<&'static str> {
        v.findings.iter().map(|f| f.rule).collect()
    }

    fn kind_mut(case: &mut Case, kind: DocKind) -> &mut Document {
        case.packet.documents.iter_mut().find(|d| d.kind == kind).unwrap()
    }

    #[test]
    fn a_complete_packet_is_ready_under_every_standard() {
        for standard in STANDARDS {
            let v = check(&complete_case(), standard, &sixty_day_rule(), day(TODAY));
            assert!(v.findings.is_empty(), "{}: {:?}", standard.name, v.findings);
            assert!(v.ready());
            assert_eq!(v.summary(), "可以上报");
            assert_eq!(v.standard, standard.name);
        }
    }

    #[test]
    fn a_new_ledger_applies_the_first_standard() {
        assert_eq!(StandardId::default().standard().id, STANDARDS[0].id);
    }

    #[test]
    fn every_rule_a_standard_names_exists_and_every_rule_is_used() {
        for standard in STANDARDS {
            for (id, _) in standard.rules {
                assert!(rule(id).is_some(), "{} names unknown rule {id}", standard.name);
            }
            for part in standard.parts {
                for id in part.rules {
                    assert!(standard.rules.iter().any(|(r, _)| r == id), "{}: {id}", part.label);
                }
            }
        }
        for r in RULES {
            assert!(
                STANDARDS.iter().any(|s| s.rules.iter().any(|(id, _)| *id == r.id)),
                "unused rule {}",
                r.id
            );
            assert!(r.source.starts_with('《'), "{}", r.id);
        }
    }

    #[test]
    fn an_empty_packet_names_all_six_missing_items() {
        let v = liuyou(|c| c.packet.documents.clear());
        assert!(!v.ready());
        assert_eq!(v.summary(), "材料 0/6 齐全，暂不能上报");
        assert!(v.items.iter().all(|(_, s)| *s == ItemStatus::Missing));
        for n in 1..=6 {
            assert!(
                v.findings.iter().any(|f| f.message.starts_with(&format!("第{n}项「"))),
                "item {n}"
            );
        }
        assert!(v.findings[0].message.contains("请补充基本案情材料或谈话记录或调查核实材料"));
    }

    #[test]
    fn item2_letter_must_match_ledger_ref_and_date() {
        let v = liuyou(|c| {
            kind_mut(c, DocKind::AssignmentLetter).doc_ref = "皖国土资函[2009]372号".into()
        });
        assert_eq!(failed(&v), ["letter_matches_ledger"]);
        assert!(v.findings[0].message.contains("372号"));
        assert_eq!(v.status_of(Item::Assignment), ItemStatus::Inconsistent);
        assert_eq!(v.summary(), "材料 5/6 齐全，暂不能上报");

        let v = liuyou(|c| kind_mut(c, DocKind::AssignmentLetter).date = Some(day("2026-03-02")));
        assert!(v.findings[0]
            .message
            .contains("交办函日期 2026-03-02 与台账交办日期 2026-03-01 不一致"));
        let v = liuyou(|c| c.assignment_ref.clear());
        assert!(v.findings[0].message.contains("台账未填写交办文号"));
        let v = liuyou(|c| c.packet.documents.retain(|d| d.kind != DocKind::AssignmentLetter));
        assert_eq!(failed(&v), ["letter_present"]);
        let v = liuyou(|c| c.packet.documents.retain(|d| d.item != Item::Assignment));
        assert_eq!(failed(&v), ["item2", "letter_present"]);
        // Full-width digits and brackets in the letter's number are the same number.
        let v = liuyou(|c| {
            kind_mut(c, DocKind::AssignmentLetter).doc_ref = "皖国土资函【２００９】３７１号".into()
        });
        assert!(v.ready());
    }

    #[test]
    fn item3_names_the_ledgers_lead_and_unit_and_one_lead_only() {
        let v = liuyou(|c| kind_mut(c, DocKind::Minutes).names_lead = "张副县长".into());
        assert_eq!(failed(&v), ["designation_names_lead_and_unit"]);
        assert!(v.findings[0].message.contains("包案领导应为台账中的“王副县长”"));
        let v = liuyou(|c| kind_mut(c, DocKind::Minutes).names_unit = String::new());
        assert!(v.findings[0].message.contains("责任单位应为台账中的“县自然资源局”"));

        let v = liuyou(|c| c.lead = "王副县长、张副县长".into());
        assert!(failed(&v).contains(&"one_lead"));
        assert!(v.findings.iter().any(|f| f.message.contains("2 名包案领导")));
        let v = liuyou(|c| c.lead = String::new());
        assert!(failed(&v).contains(&"one_lead"));
    }

    #[test]
    fn item4_report_signed_by_lead_with_spaces_or_full_width_letters() {
        let v = liuyou(|c| kind_mut(c, DocKind::InvestigationReport).signed_by = "李四".into());
        assert_eq!(failed(&v), ["report_signed_by_lead"]);
        assert!(v.findings[0].message.contains("须由包案领导“王副县长”签字（现签字人：李四）"));

        let v = liuyou(|c| {
            kind_mut(c, DocKind::InvestigationReport).signed_by = "王\u{3000}副县长 、李四".into()
        });
        assert!(v.ready(), "{:?}", v.findings);
        let v = liuyou(|c| {
            c.lead = "ＷＡＮＧ Ｌｉ".into();
            kind_mut(c, DocKind::Minutes).names_lead = "WANG Li".into();
            kind_mut(c, DocKind::InvestigationReport).signed_by = "WANGLi，李四".into();
        });
        assert!(v.ready(), "{:?}", v.findings);
    }

    #[test]
    fn item4_a_report_signed_by_both_of_two_listed_leads_is_signed() {
        let v = liuyou(|c| {
            c.lead = "王建国 赵明".into();
            kind_mut(c, DocKind::Minutes).names_lead = "赵明、王建国".into();
            kind_mut(c, DocKind::InvestigationReport).signed_by = "王建国、赵明、李四".into();
        });
        // Two leads break the one-lead rule, but the report is signed by both.
        assert_eq!(failed(&v), ["one_lead"]);
        let v = liuyou(|c| {
            c.lead = "王建国和赵明".into();
            kind_mut(c, DocKind::Minutes).names_lead = "王建国和赵明".into();
            kind_mut(c, DocKind::InvestigationReport).signed_by = "王建国、李四".into();
        });
        assert_eq!(failed(&v), ["one_lead", "report_signed_by_lead"]);
        // A title in brackets in the ledger is the same person who signed.
        let v = liuyou(|c| {
            c.lead = "陈国庆（县委常委、副县长）".into();
            kind_mut(c, DocKind::Minutes).names_lead = "陈国庆".into();
            kind_mut(c, DocKind::InvestigationReport).signed_by = "陈国庆＋李四".into();
        });
        assert!(v.ready(), "{:?}", v.findings);
    }

    #[test]
    fn normal_text_is_kept_whole_and_any_other_is_normalised() {
        for (text, normal) in [
            ("皖国土资函[2009]371号", "皖国土资函[2009]371号"),
            ("王副县长", "王副县长"),
            ("", ""),
            ("皖国土资函（2009）371号", "皖国土资函[2009]371号"),
            ("ＷＡＮＧ　Ｌｉ", "WANGLi"),
            ("王 副县长", "王副县长"),
            ("〖2009〗", "[2009]"),
        ] {
            assert_eq!(normalise(text), normal, "{text}");
        }
    }

    #[test]
    fn doc_refs_compare_equal_in_every_bracket_style() {
        for written in [
            "皖国土资函（2009）371号",
            "皖国土资函(2009)371号",
            "皖国土资函〔2009〕371号",
            "皖国土资函[2009]371号",
            "皖国土资函【2009】371号",
            "皖国土资函［２００９］３７１号",
            "皖国土资函 〔2009〕 371号",
        ] {
            let v = liuyou(|c| kind_mut(c, DocKind::AssignmentLetter).doc_ref = written.into());
            assert!(v.ready(), "{written}: {:?}", v.findings);
        }
        let v = liuyou(|c| {
            kind_mut(c, DocKind::AssignmentLetter).doc_ref = "皖国土资函（2009）372号".into()
        });
        assert_eq!(failed(&v), ["letter_matches_ledger"]);
    }

    #[test]
    fn item4_seal_and_handler_signature_are_advisory_in_liuyou_blocking_in_seed_002() {
        let unsealed = |c: &mut Case| kind_mut(c, DocKind::InvestigationReport).sealed = false;
        let v = liuyou(unsealed);
        assert_eq!(failed(&v), ["report_sealed"]);
        assert_eq!(v.findings[0].severity, Severity::Advisory);
        assert!(v.ready());
        let v = verdict_with("jiean_baogao", unsealed);
        assert!(!v.ready());
        assert_eq!(v.standard, "结案报告三要件");

        let v = verdict_with("jiean_baogao", |c| {
            kind_mut(c, DocKind::InvestigationReport).signed_by = "王副县长".into()
        });
        assert_eq!(failed(&v), ["report_signed_by_handler"]);
        assert!(v.findings[0].message.contains("缺少承办人“李四”的签字"));
    }

    #[test]
    fn item5_reply_after_assignment_and_visit_after_reply() {
        // Same-day assignment, reply and visit are fine (the complete case has them).
        let v = liuyou(|c| kind_mut(c, DocKind::WrittenReply).date = Some(day("2026-02-28")));
        assert_eq!(failed(&v), ["reply_and_visit"]);
        assert!(v.findings[0].message.contains("答复日期 2026-02-28 早于交办日期 2026-03-01"));

        let v = liuyou(|c| {
            kind_mut(c, DocKind::WrittenReply).date = Some(day("2026-04-10"));
            kind_mut(c, DocKind::FollowUpVisit).date = Some(day("2026-04-09"));
        });
        assert!(v.findings[0].message.contains("回访日期 2026-04-09 早于答复日期 2026-04-10"));

        let v = liuyou(|c| c.packet.documents.retain(|d| d.kind != DocKind::FollowUpVisit));
        assert_eq!(failed(&v), ["reply_and_visit"]);
        assert!(v.findings[0].message.contains("缺少回访记录"));
    }

    #[test]
    fn item5_refusal_needs_a_reason() {
        let v = liuyou(|c| {
            kind_mut(c, DocKind::FollowUpVisit).visit_response = Some(VisitResponse::Refused)
        });
        assert_eq!(failed(&v), ["visit_signed_or_explained"]);
        assert!(v.findings[0].message.contains("信访人拒签，回访人须在回访记录上注明原因"));
        let v = liuyou(|c| {
            let visit = kind_mut(c, DocKind::FollowUpVisit);
            visit.visit_response = Some(VisitResponse::Disagreed);
            visit.visit_reason = "信访人坚持要求按新标准补偿".into();
        });
        assert!(v.ready());
        let v = liuyou(|c| {
            let visit = kind_mut(c, DocKind::FollowUpVisit);
            visit.visit_response = Some(VisitResponse::Disagreed);
            visit.visit_reason = "  ".into();
        });
        assert!(!v.ready());
    }

    #[test]
    fn item6_names_the_stability_owner_and_is_dated() {
        let v = liuyou(|c| {
            let plan = kind_mut(c, DocKind::StabilityPlan);
            plan.names_owner = "钱七".into();
            plan.date = None;
        });
        assert_eq!(failed(&v), ["stability_names_owner"]);
        assert_eq!(
            v.findings[0].message,
            "第6项：稳控措施应写明稳控责任人“赵六”；稳控措施未填写日期。"
        );
    }

    fn extension(days: u32, approved_on: &str) -> Option<Extension> {
        Some(Extension { days, approver: "县长".into(), approved_on: Some(day(approved_on)) })
    }

    fn notice() -> Document {
        doc(Item::ReplyAndVisit, DocKind::ExtensionNotice, |d| d.date = Some(day("2026-05-21")))
    }

    #[test]
    fn time_limit_with_and_without_extension() {
        let late = |c: &mut Case| c.packet.closed_on = Some(day("2026-06-09"));
        let v = liuyou(late);
        assert_eq!(failed(&v), ["within_time_limit"]);
        assert!(v.findings[0].message.contains("超期 10 天"));
        assert_eq!(v.findings[0].item, None);

        let extended = |days: u32| {
            move |c: &mut Case| {
                late(c);
                c.packet.extension = extension(days, "2026-05-20");
                c.packet.documents.push(notice());
            }
        };
        assert!(liuyou(extended(30)).ready());
        assert!(liuyou(extended(10)).ready(), "closing on the last extended day is in time");
        let v = liuyou(extended(9));
        assert!(v.findings[0].message.contains("超过延期后的时限 2026-06-08，超期 1 天"));
        let v = liuyou(extended(31));
        assert!(v.findings[0].message.contains("延期 31 天，超过本专项工作最多延长 30 天的设置"));
        let v = liuyou(|c| {
            extended(20)(c);
            c.packet.extension.as_mut().unwrap().approver.clear();
        });
        assert!(v.findings[0].message.contains("批准的领导和批准日期"));
        // 《信访工作条例》第三十四条: the petitioner is told of the extension.
        let v = liuyou(|c| {
            extended(20)(c);
            c.packet.documents.retain(|d| d.kind != DocKind::ExtensionNotice);
        });
        assert!(v.findings[0].message.contains("缺少延期告知书"), "{:?}", v.findings);

        let v = liuyou(|c| {
            c.deadline = None;
            late(c);
        });
        // Assigned 2026-03-01 + 60 days.
        assert!(
            v.findings[0].message.contains("超过办结时限 2026-04-30，超期 40 天"),
            "{:?}",
            v.findings
        );

        let v = liuyou(|c| c.packet.closed_on = None);
        assert!(v.findings[0].message.contains("未填写办结日期"));
        let v = liuyou(|c| c.packet.closed_on = Some(day("2026-11-24")));
        assert!(v.findings[0].message.contains("晚于今天"));
    }

    #[test]
    fn an_approved_extension_counts_under_the_ninety_day_rule_as_the_campaign_allows() {
        // Assigned 2026-03-01: 90 days to 2026-05-30; closed 5 days after 90 + 30 days.
        let mut case = complete_case();
        case.deadline = None;
        case.packet.closed_on = Some(day("2026-07-04"));
        case.packet.extension = extension(30, "2026-05-20");
        case.packet.documents.push(notice());
        let standard = StandardId::default().standard();
        let ninety = Campaign::default();
        let v = check(&case, standard, &ninety, day(TODAY));
        assert_eq!(failed(&v), ["within_time_limit"]);
        assert!(
            v.findings[0].message.contains("超过延期后的时限 2026-06-29，超期 5 天"),
            "{:?}",
            v.findings
        );
        case.packet.closed_on = Some(day("2026-06-29"));
        assert!(check(&case, standard, &ninety, day(TODAY)).ready());
        // A campaign that approves no extensions says so.
        let none = Campaign {
            extensions: ExtensionPolicy { allowed: false, max_days: 30 },
            ..Campaign::default()
        };
        let v = check(&case, standard, &none, day(TODAY));
        assert!(v.findings[0].message.contains("本专项工作设置为不允许延期"), "{:?}", v.findings);
    }

    #[test]
    fn an_extension_approved_after_the_limit_had_passed_is_refused_on_the_limit_day_it_counts() {
        // Limit set by hand: 2026-05-30.
        let closed_late = |approved_on: &'static str| {
            move |c: &mut Case| {
                c.packet.closed_on = Some(day("2026-06-10"));
                c.packet.extension = extension(20, approved_on);
                c.packet.documents.push(notice());
            }
        };
        assert!(liuyou(closed_late("2026-05-30")).ready());
        let v = liuyou(closed_late("2026-05-31"));
        assert_eq!(failed(&v), ["within_time_limit"]);
        assert!(v.findings[0].message.contains(
            "延期批准日期 2026-05-31 晚于原办结时限 2026-05-30，时限届满后才批准的延期不予认可"
        ));
    }

    #[test]
    fn item2_needs_both_the_ledger_entry_and_the_letter() {
        let v = liuyou(|c| c.packet.documents.retain(|d| d.kind != DocKind::LedgerEntry));
        assert_eq!(failed(&v), ["ledger_entry_present"]);
        assert!(v.findings[0].message.contains("缺少交办案件台帐"));
        assert_eq!(v.status_of(Item::Assignment), ItemStatus::Inconsistent);
        assert_eq!(v.summary(), "材料 5/6 齐全，暂不能上报");
    }

    #[test]
    fn item5_a_reply_dated_after_the_closing_date_is_a_finding_the_same_day_is_not() {
        let v = liuyou(|c| kind_mut(c, DocKind::WrittenReply).date = Some(day("2026-05-31")));
        assert!(failed(&v).contains(&"reply_and_visit"));
        assert!(v
            .findings
            .iter()
            .any(|f| f.message.contains("答复日期 2026-05-31 晚于办结日期 2026-05-30")));
        let v = liuyou(|c| {
            kind_mut(c, DocKind::WrittenReply).date = Some(day("2026-05-30"));
            kind_mut(c, DocKind::FollowUpVisit).date = Some(day("2026-05-30"));
        });
        assert!(v.ready(), "{:?}", v.findings);
    }

    #[test]
    fn reply_ticks_missing_are_findings_blocking_under_liuyou_advisory_elsewhere() {
        let unticked = |c: &mut Case| {
            let reply = kind_mut(c, DocKind::WrittenReply);
            reply.reply_checks.review_route = false;
            reply.reply_checks.unit_seal = false;
        };
        let v = liuyou(unticked);
        assert_eq!(failed(&v), ["reply_reviewed"]);
        assert_eq!(
            v.findings[0].message,
            "第5项：答复意见书未核对到：告知复查途径及30日申请期限、加盖责任单位公章（非内设部门章）。"
        );
        assert!(!v.ready());
        for standard in ["qigeyi", "jiean_baogao"] {
            let v = verdict_with(standard, unticked);
            assert_eq!(failed(&v), ["reply_reviewed"]);
            assert_eq!(v.findings[0].severity, Severity::Advisory);
            assert!(v.ready());
        }
    }

    #[test]
    fn a_recorded_acceptance_needs_its_notice() {
        let v = liuyou(|c| c.packet.procedure.accepted_on = Some(day("2026-03-01")));
        assert_eq!(failed(&v), ["acceptance_notice"]);
        assert!(v.findings[0].message.contains("缺少受理告知书"));
        let v = liuyou(|c| {
            c.packet.procedure.accepted_on = Some(day("2026-03-01"));
            c.packet.documents.push(doc(Item::Assignment, DocKind::AcceptanceNotice, |_| {}));
        });
        assert!(v.findings.is_empty());
    }

    #[test]
    fn each_standard_counts_its_own_items() {
        let empty = |c: &mut Case| {
            c.packet.documents.clear();
            c.plan.clear();
        };
        for (id, name, total) in
            [("liuyou", "六有", 6), ("qigeyi", "七个一", 7), ("jiean_baogao", "结案报告三要件", 3)]
        {
            let v = verdict_with(id, |_| {});
            assert_eq!((v.standard, v.total_items(), v.complete_items()), (name, total, total));
            let v = verdict_with(id, empty);
            assert_eq!(v.total_items(), total);
            assert!(v.summary().contains(&format!("/{total} 齐全")), "{}", v.summary());
        }
        // 七个一 with no documents and no plan still has its leader, team and time limit.
        assert_eq!(verdict_with("qigeyi", empty).summary(), "材料 3/7 齐全，暂不能上报");
        assert_eq!(verdict_with("jiean_baogao", empty).summary(), "材料 0/3 齐全，暂不能上报");
        assert_eq!(verdict_with("liuyou", empty).summary(), "材料 0/6 齐全，暂不能上报");
    }

    #[test]
    fn seven_ones_of_seed_004() {
        let v = verdict_with("qigeyi", |c| {
            c.plan.clear();
            c.handler.clear();
            c.packet.documents.retain(|d| d.kind != DocKind::Minutes);
        });
        assert_eq!(failed(&v), ["team_present", "plan_present", "minutes_present"]);
        assert_eq!(v.standard, "七个一");
        // Overdue is only a hint under 七个一.
        let v = verdict_with("qigeyi", |c| c.packet.closed_on = Some(day("2026-07-01")));
        assert!(v.ready());
        assert_eq!(v.findings[0].severity, Severity::Advisory);
    }

    #[test]
    fn unknown_standard_falls_back_to_liuyou() {
        assert_eq!(StandardId("nope".into()).standard().name, "六有");
        assert_eq!(StandardId::default().standard().name, "六有");
    }
}
