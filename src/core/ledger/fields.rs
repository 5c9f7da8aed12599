//! The one list of ledger fields, and the Chinese names of every key of the ledger file.
//!
//! [`Field`] lists each field of a case once, with everything the app derives from it: its
//! JSON key, Chinese label, kind, place in the case form and on the case page, whether search
//! covers it, the headers a spreadsheet import recognises and (as its order) the export's columns.
//! The form, the case page, the import, the export, the limits and the search walk this list; a
//! new text field is a line in the model and its entries here.
//!
//! [`FIELD_LABELS`] names every key of the ledger file (the packet's and the campaign's too), for
//! the import checks (which name the field that is wrong) and the merge (which shows fields side by
//! side), so both speak the clerk's words. A key missing there still works: it shows itself.

use serde_json::Value;

use super::model::Case;

chinese_enum! {
    /// The ledger fields, in the order the form, the case page and the export show them. The
    /// labels are the export's column headers (so an exported file imports again without
    /// correction); [`Field::headers`] are the other headers import recognises.
    Field {
        Number => "案件编号",
        Serial => "序号",
        Source => "交办来源",
        AssignmentRef => "交办文号",
        AssignedOn => "交办日期",
        RegisteredOn => "登记日期",
        Channel => "信访形式",
        Petitioner => "信访人",
        IdNumber => "身份证号",
        Contact => "联系方式",
        Residence => "户籍地/常住地",
        PeopleCount => "涉及人数",
        Summary => "诉求摘要",
        Category => "问题类别",
        Flags => "案件特征",
        Lead => "包案领导",
        LeadTitle => "包案领导职务",
        LeadContact => "包案领导联系电话",
        Unit => "责任单位",
        Assisting => "协办单位",
        Handler => "承办人",
        StabilityOwner => "稳控责任人",
        Plan => "化解措施",
        Deadline => "办结时限",
        ExtensionDays => "延期天数",
        ExtensionApprover => "延期批准人",
        ExtensionApprovedOn => "延期批准日期",
        Status => "状态",
        Concluded => "是否办结",
        ClosedOn => "办结日期",
        Outcome => "办结结果",
        Resolution => "化解方式（四个到位）",
        Rebounds => "反弹次数",
        Progress => "办理情况",
        Visit => "回访情况",
        Remarks => "备注",
    }
}

/// How a field's value is typed and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Text of several lines (诉求摘要, 化解措施, 备注): a text area, shown across the page.
    Prose,
    /// Several names, one per line or separated by 、 (协办单位).
    Names,
    Date,
    /// A whole number of at least 1 (涉及人数).
    Count,
    /// One of a closed list of values.
    Choice(&'static [&'static str]),
    /// Any of the case flags (案件特征).
    Flags,
    /// The dated 办理情况 log.
    Log,
}

chinese_enum! {
    /// The fieldsets of the case form, in order.
    Section {
        Assignment => "交办信息",
        Petition => "信访人与诉求",
        Responsibility => "责任落实",
        Limits => "时限与状态",
    }
}

/// How the case page shows a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// A row of the field list.
    Row,
    /// Across the page, after the rows (long texts).
    Wide,
    /// Masked until asked, and only when filled (身份证号).
    Masked,
    /// By a panel of its own: 办理流程 (办结日期, 办结结果) or the 办理情况 log.
    Panel,
    /// Not at all: a column import only reads.
    No,
}

/// Read and write access to a text field of a case.
#[derive(Clone, Copy)]
pub struct TextSlot {
    pub get: fn(&Case) -> &String,
    pub set: fn(&mut Case) -> &mut String,
}

macro_rules! text {
    ($($path:ident).+) => {
        Some(TextSlot { get: |c| &c.$($path).+, set: |c| &mut c.$($path).+ })
    };
}

/// Everything derived from a field besides its label and import headers.
#[derive(Clone, Copy)]
pub struct Spec {
    /// The field's key in the ledger file (dotted inside objects); empty for a column that only
    /// import reads.
    pub key: &'static str,
    pub kind: Kind,
    /// The form's fieldset; `None` when the field is not typed in the form.
    pub section: Option<Section>,
    /// The hint under the form's input.
    pub hint: &'static str,
    pub page: Page,
    /// Whether the search box finds a case by this field.
    pub searched: bool,
    /// For a plain text field: where the case keeps it.
    pub text: Option<TextSlot>,
}

impl Field {
    /// The field's key, kind, place in the form and on the page, and access to its text.
    pub fn spec(self) -> Spec {
        use Field::*;
        use Kind::{Choice, Count, Date, Log, Names, Prose, Text};
        use Section::*;
        let spec = |key, kind, section, page| Spec {
            key,
            kind,
            section,
            hint: "",
            page,
            searched: true,
            text: None,
        };
        let text =
            |key, section, slot| Spec { text: slot, ..spec(key, Text, Some(section), Page::Row) };
        let column = Spec { searched: false, ..spec("", Text, None, Page::No) };
        match self {
            Number => Spec {
                hint: "本台账内唯一，如 JA-2026-001",
                ..text("number", Assignment, text!(number))
            },
            Serial | LeadTitle | Concluded | Visit => column,
            Source => {
                spec("source", Choice(super::model::Source::LABELS), Some(Assignment), Page::Row)
            }
            AssignmentRef => Spec {
                hint: "如 皖国土资函[2009]371号",
                ..text("assignment_ref", Assignment, text!(assignment_ref))
            },
            AssignedOn => spec("assigned_on", Date, Some(Assignment), Page::Row),
            RegisteredOn => spec("registered_on", Date, Some(Assignment), Page::Row),
            Channel => Spec {
                hint: "来信、来访、网上信访、12345 热线等",
                ..text("channel", Assignment, text!(channel))
            },
            Petitioner => Spec {
                hint: "集体访填写代表人",
                ..text("petitioner.name", Petition, text!(petitioner.name))
            },
            IdNumber => Spec {
                hint: "台账和打印中只显示前 6 位和后 4 位",
                page: Page::Masked,
                ..text("petitioner.id_number", Petition, text!(petitioner.id_number))
            },
            Contact => text("petitioner.contact", Petition, text!(petitioner.contact)),
            Residence => text("petitioner.residence", Petition, text!(petitioner.residence)),
            PeopleCount => {
                Spec { searched: false, ..spec("people_count", Count, Some(Petition), Page::Row) }
            }
            Summary => Spec {
                kind: Prose,
                hint: "信访人反映的问题和诉求",
                page: Page::Wide,
                ..text("summary", Petition, text!(summary))
            },
            Category => {
                spec("category", Choice(super::model::Category::LABELS), Some(Petition), Page::Row)
            }
            Flags => spec("flags", Kind::Flags, Some(Petition), Page::Row),
            Lead => Spec {
                hint: "只填一名领导（一案一名包案领导）",
                ..text("lead", Responsibility, text!(lead))
            },
            LeadContact => Spec {
                hint: "手机或办公电话",
                ..text("lead_contact", Responsibility, text!(lead_contact))
            },
            Unit => Spec {
                hint: "主办单位",
                ..text("responsible_unit", Responsibility, text!(responsible_unit))
            },
            Assisting => Spec {
                hint: "多个单位用顿号“、”分隔或分行填写",
                ..spec("assisting_units", Names, Some(Responsibility), Page::Row)
            },
            Handler => text("handler", Responsibility, text!(handler)),
            StabilityOwner => text("stability_owner", Responsibility, text!(stability_owner)),
            Plan => {
                Spec { kind: Prose, page: Page::Wide, ..text("plan", Responsibility, text!(plan)) }
            }
            Deadline => Spec {
                hint:
                    "一般留空：按「设置」中的时限规则从交办日期自动计算；只有另有规定时才手动填写",
                ..spec("deadline", Date, Some(Limits), Page::Row)
            },
            // After registration the status changes only through the 办理流程 on the case page,
            // so that every change is logged: the form shows it for a new case only.
            Status => Spec {
                hint: "录入已在办理中的旧案时可选其当前状态",
                ..spec("status", Choice(super::model::Status::LABELS), Some(Limits), Page::Row)
            },
            ClosedOn => {
                Spec { searched: false, ..spec("packet.closed_on", Date, None, Page::Panel) }
            }
            Outcome => Spec {
                searched: false,
                ..spec("outcome", Choice(super::model::Outcome::LABELS), None, Page::Panel)
            },
            Progress => spec("progress", Log, None, Page::Panel),
            // Set in the 结案材料 panel (延期) and the 办理流程 (化解方式, 反弹).
            ExtensionDays => {
                Spec { searched: false, ..spec("packet.extension.days", Count, None, Page::Panel) }
            }
            ExtensionApprover => Spec {
                searched: false,
                ..spec("packet.extension.approver", Text, None, Page::Panel)
            },
            ExtensionApprovedOn => Spec {
                searched: false,
                ..spec("packet.extension.approved_on", Date, None, Page::Panel)
            },
            Resolution => Spec {
                searched: false,
                ..spec("resolution", Choice(super::model::Resolution::LABELS), None, Page::Panel)
            },
            Rebounds => Spec { searched: false, ..spec("rebounds", Count, None, Page::Panel) },
            Remarks => Spec {
                kind: Prose,
                page: Page::Wide,
                ..text("remarks", Responsibility, text!(remarks))
            },
        }
    }

    /// The label with the form's mark for a field it requires.
    pub fn form_label(self) -> String {
        let mark = if self.required() || self == Field::Number { " *" } else { "" };
        format!("{}{mark}", self.label())
    }

    /// The label on the case page: 办结时限 there is the one set by hand (the computed one is
    /// shown with the time limits).
    pub fn page_label(self) -> &'static str {
        match self {
            Field::Deadline => "手动设定的办结时限",
            field => field.label(),
        }
    }

    /// The fields of the case form's fieldset, in order.
    pub fn in_section(section: Section) -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(move |f| f.spec().section == Some(section))
    }

    /// The value as the case page, the form and the search show it ("" when not filled):
    /// dates as 2026-03-01, lists joined by 、, the log one entry a line.
    pub fn show(self, case: &Case) -> String {
        use Field::*;
        if let Some(slot) = self.spec().text {
            return (slot.get)(case).clone();
        }
        let date = super::text::date_text;
        let label = |l: Option<&'static str>| l.unwrap_or_default().to_string();
        let extension = case.packet.extension.as_ref();
        match self {
            Source => label(case.source.map(|s| s.label())),
            AssignedOn => date(case.assigned_on),
            RegisteredOn => date(case.registered_on),
            PeopleCount => case.people_count.map(|n| n.to_string()).unwrap_or_default(),
            Category => label(case.category.map(|c| c.label())),
            Flags => case.flags.iter().map(|f| f.label()).collect::<Vec<_>>().join("、"),
            Assisting => case.assisting_units.join("、"),
            Deadline => date(case.deadline),
            Status => case.status.label().to_string(),
            ClosedOn => date(case.packet.closed_on),
            Outcome => label(case.outcome.map(|o| o.label())),
            ExtensionDays => extension.map(|e| e.days.to_string()).unwrap_or_default(),
            ExtensionApprover => extension.map(|e| e.approver.clone()).unwrap_or_default(),
            ExtensionApprovedOn => date(extension.and_then(|e| e.approved_on)),
            Resolution => label(case.resolution.map(|r| r.label())),
            Rebounds => match case.rebounds {
                0 => String::new(),
                n => n.to_string(),
            },
            Progress => case
                .progress
                .iter()
                .map(|e| format!("{} {}", super::text::format_date(e.date), e.text))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        }
    }

    /// Fields without which a row cannot become a case (as in the case form). 案件编号 can be
    /// generated instead.
    pub fn required(self) -> bool {
        matches!(self, Field::Summary)
    }

    /// Columns that only import reads: they feed another field (序号 numbers the cases, a
    /// leader's title joins the leader, 是否办结 sets the status) or 备注.
    pub fn import_only(self) -> bool {
        self.spec().key.is_empty()
    }

    /// The fields an export writes, as its columns.
    pub fn exported() -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(|f| !f.import_only())
    }

    /// Fields whose cells are dates (Excel serials in XLSX).
    pub fn is_date(self) -> bool {
        self.spec().kind == Kind::Date
    }

    /// Header texts offices use for this field besides its label, most specific first. Matching
    /// ignores spaces, `*` marks and anything in brackets; see `table_import::headers`.
    pub fn headers(self) -> &'static [&'static str] {
        use Field::*;
        match self {
            Number => &[
                "积案编号",
                "信访件编号",
                "信访编号",
                "案件编码",
                "受理编号",
                "编号",
                "案号",
                "登记号",
                "来信编号",
            ],
            Serial => &["序号", "序", "No"],
            Source => &["案件来源", "交办单位", "交办机关", "信访来源", "来源"],
            AssignmentRef => &["交办函号", "交办函文号", "文号"],
            AssignedOn => &["交办时间", "转办时间", "转办日期", "交办日"],
            RegisteredOn => &[
                "登记时间",
                "接件时间",
                "收到时间",
                "受理日期",
                "受理时间",
                "信访日期",
                "信访时间",
                "来访时间",
                "来信来访时间",
                "来信来访日期",
                "排查时间",
                "排查日期",
            ],
            Channel => {
                &["信访方式", "信访渠道", "信访途径", "来信来访方式", "反映方式", "信访类型"]
            }
            Petitioner => &[
                "信访人姓名",
                "来信来访人",
                "信访人员",
                "上访人",
                "反映人",
                "当事人",
                "投诉人",
                "来访人",
                "姓名",
                "信访群众",
            ],
            IdNumber => &["身份证号码", "公民身份号码", "身份证", "证件号码"],
            Contact => &["联系电话", "电话", "手机", "手机号码", "电话号码"],
            Residence => &["户籍地", "常住地", "家庭住址", "住址", "地址", "居住地", "所在地"],
            PeopleCount => &["信访人数", "人数"],
            Summary => &[
                "信访内容",
                "反映事项",
                "反映问题",
                "反映的主要问题",
                "主要诉求",
                "信访诉求",
                "诉求内容",
                "信访事由",
                "诉求",
                "信访事项",
                "问题摘要",
                "简要案情",
                "基本案情",
                "案情",
                "主要问题",
                "反映内容",
                "问题描述",
                "事由",
                "事项",
                "标题",
            ],
            Category => &["问题类型", "信访类别", "案件类别", "问题性质", "类别", "类型", "分类"],
            Flags => &["案件性质", "特征"],
            Lead => &[
                "包案领导姓名",
                "包案领导及联系方式",
                "包案县级领导",
                "包案市级领导",
                "包保领导",
                "包联领导",
                "责任领导",
                "包案人",
            ],
            LeadTitle => &["领导职务", "包案领导职级", "职务"],
            LeadContact => &["包案领导联系方式", "包案领导电话", "领导联系电话", "领导电话"],
            Unit => &["主办单位", "承办单位", "办理单位", "牵头单位", "责任部门", "主责单位"],
            Assisting => &["配合单位", "协助单位"],
            Handler => &["具体承办人", "具体责任人", "办理人", "经办人", "责任人"],
            StabilityOwner => &["稳控人", "稳控负责人"],
            Plan => &["化解方案", "工作措施", "处理措施", "化解意见", "稳控化解措施", "措施"],
            Deadline => &[
                "应结办日期",
                "应办结日期",
                "规定办结时间",
                "办理时限",
                "化解时限",
                "完成时限",
                "办结期限",
                "时限要求",
                "时限",
            ],
            Status => &["办理状态", "案件状态", "化解状态", "目前状态", "进展状态"],
            Concluded => &["是否化解", "是否终结", "是否结案", "是否息诉息访", "是否办理完毕"],
            ClosedOn => &["办结时间", "结案日期", "结案时间", "化解日期", "化解时间"],
            Outcome => &["化解结果", "办理结果", "处理结果", "结果"],
            Progress => &[
                "化解进展",
                "进展情况",
                "工作进展",
                "办理进展",
                "化解情况",
                "处理情况",
                "目前进展",
                "进展",
            ],
            Visit => &["回访", "回访结果", "回访意见", "群众满意度", "满意度"],
            ExtensionDays => &["延期时限", "延长天数"],
            ExtensionApprover => &["延期批准领导"],
            ExtensionApprovedOn => &["延期批准时间"],
            Resolution => &["四个到位", "分类施策"],
            Rebounds => &["反弹"],
            Remarks => &["说明", "其他"],
        }
    }
}

/// JSON key (dotted for nested objects, without array indices) → Chinese name.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("id", "内部标识"),
    ("updated_at", "最后修改时间"),
    ("number", "案件编号"),
    ("source", "交办来源"),
    ("assignment_ref", "交办文号"),
    ("assigned_on", "交办日期"),
    ("registered_on", "登记日期"),
    ("channel", "信访形式"),
    ("petitioner", "信访人"),
    ("petitioner.name", "信访人"),
    ("petitioner.id_number", "身份证号"),
    ("petitioner.contact", "联系方式"),
    ("petitioner.residence", "户籍地/常住地"),
    ("people_count", "涉及人数"),
    ("summary", "诉求摘要"),
    ("category", "问题类别"),
    ("flags", "案件特征"),
    ("lead", "包案领导"),
    ("lead_contact", "包案领导联系电话"),
    ("responsible_unit", "责任单位"),
    ("assisting_units", "协办单位"),
    ("handler", "承办人"),
    ("stability_owner", "稳控责任人"),
    ("plan", "化解措施"),
    ("deadline", "办结时限"),
    ("status", "状态"),
    ("progress", "办理情况"),
    ("progress.date", "办理情况的日期"),
    ("progress.text", "办理情况的内容"),
    ("outcome", "办结结果"),
    ("resolution", "化解方式（四个到位）"),
    ("rebounds", "反弹次数"),
    ("remarks", "备注"),
    ("packet", "结案材料"),
    ("packet.documents", "结案材料"),
    ("packet.documents.id", "材料标识"),
    ("packet.documents.item", "材料所属六有项目"),
    ("packet.documents.kind", "材料类别"),
    ("packet.documents.title", "材料标题"),
    ("packet.documents.doc_ref", "材料文号"),
    ("packet.documents.date", "材料日期"),
    ("packet.documents.signed_by", "签字人"),
    ("packet.documents.sealed", "加盖公章"),
    ("packet.documents.pages", "页数"),
    ("packet.documents.note", "备注"),
    ("packet.documents.names_lead", "文件确定的包案领导"),
    ("packet.documents.names_unit", "文件确定的责任单位"),
    ("packet.documents.names_owner", "措施确定的稳控责任人"),
    ("packet.documents.visit_response", "回访时信访人意见"),
    ("packet.documents.visit_reason", "回访情况说明"),
    ("packet.documents.reply_checks", "答复意见书审核要点"),
    ("packet.documents.reply_checks.facts", "答复意见书写明查明的事实"),
    ("packet.documents.reply_checks.basis", "答复意见书写明处理依据"),
    ("packet.documents.reply_checks.each_request", "答复意见书逐项答复诉求"),
    ("packet.documents.reply_checks.review_route", "答复意见书告知复查途径"),
    ("packet.documents.reply_checks.unit_seal", "答复意见书加盖责任单位公章"),
    ("packet.closed_on", "办结日期"),
    ("packet.extension", "延期"),
    ("packet.extension.days", "延期天数"),
    ("packet.extension.approver", "延期批准人"),
    ("packet.extension.approved_on", "延期批准日期"),
    ("packet.procedure", "信访工作条例办理程序"),
    ("packet.procedure.accepted_on", "受理日期"),
    ("packet.procedure.review_requested_on", "复查申请日期"),
    ("packet.procedure.recheck_requested_on", "复核申请日期"),
    ("packet.procedure.hearing_days", "听证天数"),
    ("packet.procedure.hearing_days.handling", "办理阶段听证天数"),
    ("packet.procedure.hearing_days.review", "复查阶段听证天数"),
    ("packet.procedure.hearing_days.recheck", "复核阶段听证天数"),
    ("campaign", "专项工作设置"),
    ("campaign.name", "专项工作名称"),
    ("campaign.starts_on", "专项工作开始日期"),
    ("campaign.ends_on", "专项工作结束日期"),
    ("campaign.deadline_rule", "办结时限规则"),
    ("campaign.counts_from", "办结时限起算日"),
    ("campaign.extensions", "延期设置"),
    ("campaign.extensions.allowed", "是否允许延期"),
    ("campaign.extensions.max_days", "最长延期天数"),
    ("campaign.targets", "目标任务"),
    ("campaign.targets.rate", "目标任务的指标"),
    ("campaign.targets.percent", "目标任务的百分比"),
    ("campaign.targets.by", "目标任务的完成日期"),
    ("standard", "结案审核标准"),
];

pub fn label(key: &str) -> Option<&'static str> {
    FIELD_LABELS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

/// Names a JSON path as the clerk reads it, by the field's Chinese name and the entry's place
/// in its list: `progress[2].date` → `「第 3 条办理情况的日期」`, `flags[1]` → `「案件特征」第 2 项`.
/// (The key itself is never shown: it is English.)
pub fn describe_path(path: &str) -> String {
    let mut keys = Vec::new();
    // The list entry the path goes through: after how many keys, and which entry.
    let mut entry = None;
    for segment in path.split('.') {
        let (key, rest) = segment.split_once('[').unwrap_or((segment, ""));
        if !key.is_empty() {
            keys.push(key);
        }
        if entry.is_none() {
            entry = rest
                .split(']')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .map(|i| (keys.len(), i + 1));
        }
    }
    let name = |n: usize| label(&keys[..n].join("."));
    // The longest prefix of the path that has a name.
    let Some((named, field)) = (1..=keys.len()).rev().find_map(|n| name(n).map(|l| (n, l))) else {
        return "一项内容".into();
    };
    let whole = named == keys.len();
    match entry {
        // The entry is the field itself: 「案件特征」第 2 项.
        Some((at, n)) if at == named && whole => format!("「{field}」第 {n} 项"),
        Some((at, n)) if at == named => format!("「第 {n} 条{field}中的一项」"),
        _ if !whole => format!("「{field}中的一项」"),
        Some((at, n)) if at < named => {
            let list = name(at).unwrap_or("");
            let rest = field.strip_prefix(list).map_or(field, |r| r.trim_start_matches('的'));
            match rest.is_empty() {
                true => format!("「第 {n} 条{list}」"),
                false => format!("「第 {n} 条{list}的{rest}」"),
            }
        }
        _ => format!("「{field}」"),
    }
}

/// A field's value as text for the side-by-side view: names instead of keys, lists one per line.
pub fn display(value: &Value, key: &str) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            items.iter().map(|v| display(v, key)).collect::<Vec<_>>().join("、")
        }
        Value::Array(items) => items.iter().map(|v| display(v, key)).collect::<Vec<_>>().join("\n"),
        Value::Object(map) => {
            // A progress entry reads "2026-04-02 召开协调会"; other objects as 名称：值 pairs.
            if let (Some(Value::String(date)), Some(Value::String(text)), 2) =
                (map.get("date"), map.get("text"), map.len())
            {
                return format!("{date} {text}");
            }
            let mut parts = Vec::new();
            for (k, v) in map {
                if k == "id" {
                    continue;
                }
                let path = format!("{key}.{k}");
                let text = display(v, &path);
                if text.is_empty() {
                    continue;
                }
                let name = label(&path).unwrap_or(k);
                if text.contains('\n') {
                    parts.push(format!("{name}：\n{text}"));
                } else {
                    parts.push(format!("{name}：{text}"));
                }
            }
            parts.join("；")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::campaign::Campaign;
    use crate::core::ledger::model::Case;
    use crate::core::ledger::packet::{Document, Extension};

    /// Every key of a case, its packet and the campaign has a Chinese name: a field added to the
    /// model without one would show its JSON key in error messages and the merge view.
    #[test]
    fn every_field_has_a_chinese_name() {
        fn keys(prefix: &str, value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        let path =
                            if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                        out.push(path.clone());
                        keys(&path, v, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|v| keys(prefix, v, out)),
                _ => {}
            }
        }
        let mut case = Case::default();
        case.packet.documents.push(Document::default());
        case.packet.extension = Some(Extension::default());
        case.add_progress("2026-01-01".parse().unwrap(), "x");
        let mut all = Vec::new();
        keys("", &serde_json::to_value(&case).unwrap(), &mut all);
        let mut campaign = serde_json::to_value(Campaign::default()).unwrap();
        campaign["targets"] =
            serde_json::json!([{"rate": "办结率", "percent": 1, "by": "2026-01-01"}]);
        keys("campaign", &campaign, &mut all);
        let missing: Vec<_> = all.iter().filter(|k| label(k).is_none()).collect();
        assert!(missing.is_empty(), "fields without a Chinese name: {missing:?}");
    }

    #[test]
    fn paths_are_named_in_chinese_without_their_key() {
        assert_eq!(describe_path("assigned_on"), "「交办日期」");
        assert_eq!(describe_path("progress[2].date"), "「第 3 条办理情况的日期」");
        assert_eq!(describe_path("progress[2]"), "「办理情况」第 3 项");
        assert_eq!(describe_path("flags[1]"), "「案件特征」第 2 项");
        assert_eq!(describe_path("packet.documents[0].title"), "「第 1 条结案材料的材料标题」");
        assert_eq!(describe_path("packet.documents[0].colour"), "「第 1 条结案材料中的一项」");
        assert_eq!(describe_path("campaign.targets[0].percent"), "「第 1 条目标任务的百分比」");
        assert_eq!(describe_path("mystery"), "一项内容");
    }

    #[test]
    fn values_read_as_text() {
        let v = serde_json::json!([{"date": "2026-04-02", "text": "召开协调会"}, {"date": "2026-03-10", "text": "约谈"}]);
        assert_eq!(display(&v, "progress"), "2026-04-02 召开协调会\n2026-03-10 约谈");
        assert_eq!(display(&serde_json::json!(["重复访", "集体访"]), "flags"), "重复访、集体访");
        assert_eq!(display(&Value::Null, "deadline"), "");
        let p = serde_json::json!({"name": "张三", "contact": "", "residence": "城关镇"});
        assert_eq!(display(&p, "petitioner"), "信访人：张三；户籍地/常住地：城关镇");
        let ext = serde_json::json!({"days": 30, "approver": "县长", "approved_on": null});
        assert_eq!(display(&ext, "packet.extension"), "延期批准人：县长；延期天数：30");
    }
}
