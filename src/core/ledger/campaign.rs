//! The campaign (专项工作) a ledger belongs to, as stored with it: its name, dates, time-limit
//! settings and targets. The settings form is read in `campaign_draft`; what follows from the
//! settings for a case (its 办结时限) is in `core::rules::deadline`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
