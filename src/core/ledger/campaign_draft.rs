//! The campaign settings form as plain data, as `draft` is for the case form: what the clerk
//! typed, and its reading into a [`Campaign`] or the list of what to correct.

use super::campaign::{
    Campaign, DeadlineRule, ExtensionPolicy, Rate, StartEvent, Target, MAX_EXTENSION_DAYS,
};
use super::limits::text_too_long;
use super::text::parse_date;

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
        if let Some(message) = text_too_long(name.trim()) {
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
        super::sorting::sort_by_key(&mut parsed, |t| t.by);
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

#[cfg(test)]
mod tests {
    use super::*;

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
                "第2个目标：“2026-02-30”不是有效日期，请按 年-月-日 填写，如 2026-03-01",
                "结束日期早于开始日期",
            ]
        );
    }
}
