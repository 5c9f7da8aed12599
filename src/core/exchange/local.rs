//! What this browser keeps beside the ledger and never exports: the 回收站 (recently deleted
//! cases) and the record of the last backup; and the measures that keep local storage safe (how
//! full it is, when to remind the clerk to export). Browser data can be cleared at any time, so the
//! exported file is the backup; these rules decide when to say so.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::core::ledger::model::{Case, Ledger};
use crate::core::ledger::text::format_minute;

/// A deleted case, kept until the clerk empties the 回收站.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeletedCase {
    pub deleted_at: NaiveDateTime,
    pub case: Case,
}

/// Stored with the ledger in this browser (the `local` field of the stored text), not exported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Local {
    /// 回收站, most recently deleted first.
    pub trash: Vec<DeletedCase>,
    /// When the ledger was last exported to a file from this browser.
    pub last_export: Option<NaiveDateTime>,
    /// Changes saved since then (or ever, before the first export).
    pub changes_since_export: u32,
    /// When the first of those changes was made.
    pub unexported_since: Option<NaiveDateTime>,
    /// The number of the last save this text contains (see `core::exchange::journal`): on opening, journal
    /// entries after it are replayed.
    pub seq: u64,
    /// Minutes without use after which an encrypted ledger locks (0: never). Kept here, inside
    /// the encrypted text, so that no other page can turn the lock off. `None`: the default.
    pub lock_minutes: Option<u32>,
}

/// Idle minutes before an encrypted ledger locks, unless the clerk chose otherwise.
pub const DEFAULT_LOCK_MINUTES: u32 = 10;
/// The choices offered (0: never).
pub const LOCK_MINUTES: [u32; 6] = [5, 10, 15, 30, 60, 0];

impl Local {
    pub fn is_empty(&self) -> bool {
        *self == Local::default()
    }

    /// The idle lock time: a stored value that is not one of the choices counts as the default.
    pub fn lock_minutes(&self) -> u32 {
        self.lock_minutes.filter(|m| LOCK_MINUTES.contains(m)).unwrap_or(DEFAULT_LOCK_MINUTES)
    }

    /// Counts a saved change towards the backup reminder.
    pub fn note_change(&mut self, now: NaiveDateTime) {
        self.changes_since_export = self.changes_since_export.saturating_add(1);
        self.unexported_since.get_or_insert(now);
    }

    pub fn note_export(&mut self, now: NaiveDateTime) {
        self.last_export = Some(now);
        self.changes_since_export = 0;
        self.unexported_since = None;
    }

    /// Puts deleted cases into the 回收站 (newest on top).
    pub fn throw_away(&mut self, cases: impl IntoIterator<Item = Case>, now: NaiveDateTime) {
        let mut deleted: Vec<DeletedCase> =
            cases.into_iter().map(|case| DeletedCase { deleted_at: now, case }).collect();
        deleted.reverse();
        deleted.append(&mut self.trash);
        self.trash = deleted;
    }

    pub fn in_trash(&self, id: &str) -> bool {
        self.trash.iter().any(|d| d.case.id == id)
    }

    /// Takes a case out of the 回收站 (to restore it, or for good).
    pub fn take(&mut self, id: &str) -> Option<Case> {
        let at = self.trash.iter().position(|d| d.case.id == id)?;
        Some(self.trash.remove(at).case)
    }

    /// Whether a deleted case can go back into the ledger: not if the ledger meanwhile holds it
    /// or another case with its 案件编号 (then it stays in the 回收站 and the error says why).
    /// Gives the case's 案件编号.
    pub fn check_restore(&self, id: &str, ledger: &Ledger) -> Result<String, String> {
        let deleted =
            self.trash.iter().find(|d| d.case.id == id).ok_or("回收站中没有这件案件。")?;
        let number = deleted.case.number.clone();
        if ledger.find(id).is_some() {
            return Err(format!("台账中已有这件案件（{number}），无需恢复。"));
        }
        if ledger.number_taken(&number, id) {
            return Err(format!(
                "台账中已有另一件编号为 {number} 的案件，不能恢复。请先修改那件案件的编号。"
            ));
        }
        Ok(number)
    }
}

/// Remind after this many days without an export while there are unexported changes.
pub const REMIND_AFTER_DAYS: i64 = 7;
/// …or after this many unexported changes, whichever comes first.
pub const REMIND_AFTER_CHANGES: u32 = 30;

/// The backup line of the status bar and whether to show the reminder banner.
#[derive(Debug, PartialEq)]
pub struct BackupStatus {
    pub text: String,
    pub remind: Option<String>,
}

pub fn backup_status(local: &Local, now: NaiveDateTime) -> BackupStatus {
    let changes = local.changes_since_export;
    let text = match local.last_export {
        None => "尚未导出过备份".to_string(),
        Some(at) => {
            format!("上次导出：{}（{}）", format_minute(at), days_ago((now - at).num_days()))
        }
    };
    let text = match (changes, local.last_export) {
        (0, _) => text,
        (n, None) => format!("{text}，{n} 处修改未备份"),
        (n, Some(_)) => format!("{text}，此后 {n} 处修改未备份"),
    };
    let waiting_days = local.unexported_since.map(|since| (now - since).num_days()).unwrap_or(0);
    let remind = (changes >= REMIND_AFTER_CHANGES || (changes > 0 && waiting_days >= REMIND_AFTER_DAYS)).then(|| {
        let lead = match local.last_export {
            None if waiting_days >= REMIND_AFTER_DAYS => format!("台账从未导出备份，最早的修改已过去 {waiting_days} 天"),
            None => "台账从未导出备份".to_string(),
            Some(at) => format!("已 {} 天未导出备份", (now - at).num_days()),
        };
        format!(
            "{lead}，有 {changes} 处修改只保存在本浏览器中。浏览器数据可能被清理，导出的文件才是备份：请点击「导出台账」保存到U盘或单位电脑。"
        )
    });
    BackupStatus { text, remind }
}

fn days_ago(days: i64) -> String {
    match days {
        ..=0 => "今天".into(),
        1 => "昨天".into(),
        n => format!("{n} 天前"),
    }
}

/// Chromium keeps at most this many UTF-16 code units (keys and values) per origin; all `file://`
/// pages share one origin.
pub const QUOTA_CHARS: usize = 5_242_880;
/// Warn from this share of the quota on, while there is still room to export and tidy up.
pub const QUOTA_WARN_PERCENT: u32 = 80;

#[derive(Debug, PartialEq)]
pub struct QuotaStatus {
    pub percent: u32,
    pub text: String,
    pub warn: Option<String>,
}

/// How full local storage is with `used` UTF-16 code units (the stored text as written).
pub fn quota_status(used: usize) -> QuotaStatus {
    let percent = (used as u64 * 100).div_ceil(QUOTA_CHARS as u64).min(999) as u32;
    let text = format!("存储空间已用 {percent}%");
    let warn = (percent >= QUOTA_WARN_PERCENT).then(|| {
        format!(
            "浏览器的存储空间已用 {percent}%，即将用满。用满后新的修改将无法保存。请先「导出台账」备份，再清空回收站或删除不再需要的案件。"
        )
    });
    QuotaStatus { percent, text, warn }
}

/// Length of a text as local storage counts it (UTF-16 code units).
pub fn stored_len(text: &str) -> usize {
    text.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        format!("{s}T09:00:00").parse().unwrap()
    }

    fn case(id: &str, number: &str) -> Case {
        Case { id: id.into(), number: number.into(), summary: "x".into(), ..Case::default() }
    }

    #[test]
    fn trash_keeps_newest_first_and_restores() {
        let mut local = Local::default();
        local.throw_away([case("a", "A")], at("2026-11-01"));
        local.throw_away([case("b", "B"), case("c", "C")], at("2026-11-02"));
        let ids: Vec<_> = local.trash.iter().map(|d| d.case.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"]);

        let mut ledger = Ledger::default();
        assert_eq!(local.check_restore("b", &ledger), Ok("B".into()));
        ledger.cases.extend(local.take("b"));
        assert!(!local.in_trash("b"));
        assert!(local.check_restore("b", &ledger).unwrap_err().contains("回收站中没有"));
        // The same case back in the ledger by another way (an import) needs no restore.
        local.throw_away([case("b", "B")], at("2026-11-03"));
        assert!(local.check_restore("b", &ledger).unwrap_err().contains("台账中已有这件案件（B）"));

        // A case registered meanwhile under the same 案件编号 blocks the restore.
        ledger.cases.push(case("new", "A"));
        let err = local.check_restore("a", &ledger).unwrap_err();
        assert!(err.contains("编号为 A"), "{err}");
        assert_eq!(local.take("a").unwrap().number, "A");
    }

    #[test]
    fn backup_reminder_after_days_or_changes() {
        let mut local = Local::default();
        let now = at("2026-11-23");
        assert_eq!(
            backup_status(&local, now),
            BackupStatus { text: "尚未导出过备份".into(), remind: None }
        );

        local.note_change(at("2026-11-20"));
        assert_eq!(backup_status(&local, now).remind, None);
        assert_eq!(backup_status(&local, now).text, "尚未导出过备份，1 处修改未备份");
        let remind = backup_status(&local, at("2026-11-27")).remind.unwrap();
        assert!(remind.starts_with("台账从未导出备份，最早的修改已过去 7 天"), "{remind}");

        local.note_export(at("2026-11-22"));
        assert_eq!(backup_status(&local, now).text, "上次导出：2026-11-22 09:00（昨天）");
        // Days alone do not nag when nothing changed since the export.
        assert_eq!(backup_status(&local, at("2026-12-30")).remind, None);
        local.note_change(at("2026-11-23"));
        assert_eq!(backup_status(&local, at("2026-11-29")).remind, None);
        assert!(backup_status(&local, at("2026-11-30"))
            .remind
            .unwrap()
            .starts_with("已 8 天未导出备份，有 1 处修改"));

        for _ in 1..REMIND_AFTER_CHANGES {
            local.note_change(now);
        }
        assert!(backup_status(&local, now).remind.unwrap().contains("有 30 处修改"));
    }

    #[test]
    fn quota_warns_from_eighty_percent() {
        assert_eq!(quota_status(0).percent, 0);
        assert_eq!(quota_status(1).percent, 1, "rounded up: any use shows");
        assert_eq!(quota_status(1_000_000).text, "存储空间已用 20%");
        assert!(quota_status(QUOTA_CHARS * 79 / 100).warn.is_none());
        let full = quota_status(QUOTA_CHARS * 80 / 100);
        assert_eq!(full.percent, 80);
        assert!(full.warn.unwrap().contains("已用 80%，即将用满"));
        assert_eq!(quota_status(QUOTA_CHARS).percent, 100);
    }

    #[test]
    fn stored_length_counts_utf16_units() {
        assert_eq!(stored_len("ab"), 2);
        assert_eq!(stored_len("积案"), 2);
        assert_eq!(stored_len("😀"), 2);
    }
}
