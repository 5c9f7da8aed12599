//! Merging a ledger received from another unit into this one, by case identity.
//!
//! The rules (also in `docs/ledger-format.md`, "Merging"):
//! - Cases are matched by `id`. An incoming case with another id but the same 案件编号 is taken
//!   to be the same case: clerks know a case by its number, and a county often registered a
//!   township's case by hand before receiving the township's file. It keeps this ledger's id.
//! - An incoming case that matches nothing here is added — unless its id is in this browser's
//!   回收站: it was deleted here on purpose, so it is not re-added (the preview says so).
//! - A matched case whose fields are all equal (ignoring when it was changed) is skipped.
//! - Any other matched case is shown field by field. Without a common ancestor nobody can tell
//!   which side changed a field, so every differing field is the clerk's choice. The default is
//!   the side changed more recently (`updated_at`; an unknown time counts as oldest, a tie keeps
//!   this ledger's), except the 办理情况 log, which defaults to both sides' entries together so
//!   that no progress note is lost. 「全部采用较新的」 picks the newer side for every field.
//! - The ledger's own settings (campaign, closure standard) stay as they are.
//! - Nothing changes until [`apply`] succeeds on the confirmed choices; it refuses a result that
//!   would hold one 案件编号 twice, or a ledger that changed after the preview.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde_json::{Map, Value};

use super::json::read_case;
use crate::core::ledger::fields::{self, FIELD_LABELS};
use crate::core::ledger::limits;
use crate::core::ledger::model::{Case, Ledger, ProgressEntry};
use crate::core::ledger::packet::Document;
use crate::core::ledger::sorting::sort_by_key;

/// Which side's value a merged field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// This ledger's value.
    Mine,
    /// The imported file's value.
    Theirs,
    /// Both sides' entries together (the 办理情况 log only).
    Both,
}

/// One field that differs between the two versions of a case.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    /// JSON key, dotted for nested objects (`petitioner.name`).
    pub key: String,
    pub label: String,
    pub mine: String,
    pub theirs: String,
    /// Whether [`Pick::Both`] is offered.
    pub can_combine: bool,
}

/// A case held on both sides with different contents.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub mine: Case,
    pub theirs: Case,
    pub fields: Vec<FieldDiff>,
    pub theirs_newer: bool,
    /// Matched by 案件编号 only (the ids differ).
    pub by_number: bool,
}

impl Conflict {
    fn newer(&self) -> Pick {
        if self.theirs_newer {
            Pick::Theirs
        } else {
            Pick::Mine
        }
    }

    fn default_picks(&self) -> Vec<Pick> {
        self.fields.iter().map(|f| if f.can_combine { Pick::Both } else { self.newer() }).collect()
    }

    fn newer_picks(&self) -> Vec<Pick> {
        self.fields.iter().map(|_| self.newer()).collect()
    }
}

/// What merging a file would do, before anything is applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePlan {
    pub added: Vec<Case>,
    /// 案件编号 of cases that are the same on both sides.
    pub identical: Vec<String>,
    pub conflicts: Vec<Conflict>,
    /// 案件编号 of incoming cases deleted here (in the 回收站), not re-added.
    pub deleted_here: Vec<String>,
    /// The file's campaign settings or closure standard differ from this ledger's (kept).
    pub settings_differ: bool,
}

/// The clerk's choice for every differing field: `picks[conflict][field]`.
pub type Picks = Vec<Vec<Pick>>;

/// How many cases a merge adds, updates, keeps and skips.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    /// Conflicts taking at least one field from the file.
    pub updated: usize,
    /// Conflicts keeping every field of this ledger.
    pub kept: usize,
    pub identical: usize,
    pub deleted_here: usize,
}

impl Counts {
    pub fn describe(&self) -> String {
        let mut text = format!(
            "新增 {} 件，更新 {} 件，保留本台账内容 {} 件，相同跳过 {} 件",
            self.added, self.updated, self.kept, self.identical
        );
        if self.deleted_here > 0 {
            text += &format!("，本机已删除（在回收站中）未重新加入 {} 件", self.deleted_here);
        }
        text
    }
}

impl MergePlan {
    /// Newer side per case; the 办理情况 log from both sides.
    pub fn default_picks(&self) -> Picks {
        self.conflicts.iter().map(Conflict::default_picks).collect()
    }

    /// 「全部采用较新的」
    pub fn newer_picks(&self) -> Picks {
        self.conflicts.iter().map(Conflict::newer_picks).collect()
    }

    /// 「全部保留本台账的」
    pub fn mine_picks(&self) -> Picks {
        self.conflicts.iter().map(|c| vec![Pick::Mine; c.fields.len()]).collect()
    }

    pub fn counts(&self, picks: &Picks) -> Counts {
        let updated = picks.iter().filter(|p| p.iter().any(|p| *p != Pick::Mine)).count();
        Counts {
            added: self.added.len(),
            updated,
            kept: self.conflicts.len() - updated,
            identical: self.identical.len(),
            deleted_here: self.deleted_here.len(),
        }
    }
}

/// Compares the incoming ledger with the current one. `deleted_here` tells whether an id is in
/// this browser's 回收站.
pub fn plan(current: &Ledger, incoming: &Ledger, deleted_here: impl Fn(&str) -> bool) -> MergePlan {
    let by_id: HashMap<&str, &Case> = current.cases.iter().map(|c| (c.id.as_str(), c)).collect();
    // A case here pairs with one incoming case at most: by id first, else by number.
    let incoming_ids: HashSet<&str> = incoming.cases.iter().map(|c| c.id.as_str()).collect();
    let mut by_number: HashMap<&str, &Case> = current
        .cases
        .iter()
        .filter(|c| !incoming_ids.contains(c.id.as_str()))
        .map(|c| (c.number.trim(), c))
        .collect();
    let mut plan = MergePlan {
        settings_differ: current.campaign != incoming.campaign
            || current.standard != incoming.standard,
        ..MergePlan::default()
    };
    for theirs in &incoming.cases {
        let (mine, by_number) = match by_id.get(theirs.id.as_str()) {
            Some(mine) => (*mine, false),
            None if deleted_here(&theirs.id) => {
                plan.deleted_here.push(theirs.number.clone());
                continue;
            }
            None => match by_number.remove(theirs.number.trim()) {
                Some(mine) => (mine, true),
                None => {
                    plan.added.push(theirs.clone());
                    continue;
                }
            },
        };
        // Most cases of a file sent back are unchanged: comparing them is cheap, the field by
        // field diff (through JSON) is for the ones that differ.
        let fields = if same_contents(mine, theirs) { Vec::new() } else { diff(mine, theirs) };
        if fields.is_empty() {
            plan.identical.push(mine.number.clone());
        } else {
            plan.conflicts.push(Conflict {
                mine: mine.clone(),
                theirs: theirs.clone(),
                fields,
                theirs_newer: theirs.updated_at > mine.updated_at,
                by_number,
            });
        }
    }
    plan
}

/// A case as flat fields: top-level keys, with objects (信访人, 结案材料) split into their parts,
/// so that e.g. the packet's documents, 办结日期 and extension are chosen separately. Identity and change time are not contents. Generic over the model, so a field
/// added to `Case` is compared and shown without changes here.
fn flatten(case: &Case) -> Map<String, Value> {
    let Value::Object(map) = as_value(case) else { unreachable!("a case is an object") };
    let mut flat = Map::new();
    for (key, value) in map {
        if key == "id" || key == "updated_at" {
            continue;
        }
        match value {
            Value::Object(inner) => {
                for (k, v) in inner {
                    flat.insert(format!("{key}.{k}"), v);
                }
            }
            value => {
                flat.insert(key, value);
            }
        }
    }
    flat
}

/// Equal but for identity and change time, which are not contents.
fn same_contents(mine: &Case, theirs: &Case) -> bool {
    let theirs = Case { id: mine.id.clone(), updated_at: mine.updated_at, ..theirs.clone() };
    theirs == *mine
}

/// Position of a key in the form's order; unknown keys go last.
fn order(key: &str) -> usize {
    FIELD_LABELS.iter().position(|(k, _)| *k == key).unwrap_or(FIELD_LABELS.len())
}

fn diff(mine: &Case, theirs: &Case) -> Vec<FieldDiff> {
    let (a, b) = (flatten(mine), flatten(theirs));
    let keys: HashSet<&String> = a.keys().chain(b.keys()).collect();
    let mut keys: Vec<&String> = keys.into_iter().collect();
    sort_by_key(&mut keys, |k| (order(k), k.to_string()));
    keys.into_iter()
        .filter_map(|key| {
            let (x, y) = (a.get(key).unwrap_or(&Value::Null), b.get(key).unwrap_or(&Value::Null));
            (x != y).then(|| FieldDiff {
                key: key.clone(),
                label: fields::label(key).unwrap_or(key).to_string(),
                mine: fields::display(x, key),
                theirs: fields::display(y, key),
                can_combine: COMBINABLE.contains(&key.as_str()),
            })
        })
        .collect()
}

/// The merged ledger and what the merge did, or why it cannot be applied (then nothing changes).
pub fn apply(
    current: &Ledger,
    plan: &MergePlan,
    picks: &Picks,
    now: NaiveDateTime,
) -> Result<(Ledger, Counts), String> {
    if picks.len() != plan.conflicts.len()
        || plan.conflicts.iter().zip(picks).any(|(c, p)| c.fields.len() != p.len())
    {
        return Err("合并选择不完整，请重新导入。".into());
    }
    let mut merged = current.clone();
    for (conflict, picks) in plan.conflicts.iter().zip(picks) {
        let Some(case) = merged.find_mut(&conflict.mine.id) else {
            return Err(stale(&conflict.mine.number));
        };
        if *case != conflict.mine {
            return Err(stale(&conflict.mine.number));
        }
        if picks.iter().all(|p| *p == Pick::Mine) {
            continue;
        }
        *case = merge_case(conflict, picks, now)?;
    }
    for added in &plan.added {
        if merged.find(&added.id).is_some() {
            return Err(stale(&added.number));
        }
        merged.cases.push(added.clone());
    }
    check_unique(&merged)?;
    if let Some(reason) = limits::too_many_cases(merged.cases.len()) {
        return Err(format!("合并后{reason}，本次合并未执行。"));
    }
    Ok((merged, plan.counts(picks)))
}

fn stale(number: &str) -> String {
    format!("预览之后台账又有改动（案件 {number}），为免覆盖，本次合并未执行。请重新导入该文件。")
}

fn merge_case(conflict: &Conflict, picks: &[Pick], now: NaiveDateTime) -> Result<Case, String> {
    let mut value = as_value(&conflict.mine);
    let theirs = as_value(&conflict.theirs);
    for (field, pick) in conflict.fields.iter().zip(picks) {
        match pick {
            Pick::Mine => {}
            Pick::Theirs => set(&mut value, &field.key, get(&theirs, &field.key)),
            Pick::Both if field.key == "packet.documents" => {
                let both = combine_documents(
                    &conflict.mine.packet.documents,
                    &conflict.theirs.packet.documents,
                );
                set(&mut value, &field.key, as_value(&both));
            }
            Pick::Both => {
                let both = combine_progress(&conflict.mine.progress, &conflict.theirs.progress);
                set(&mut value, &field.key, as_value(&both));
            }
        }
    }
    let mut case = read_case(&value.to_string()).map_err(|e| {
        format!("案件 {} 无法合并：合并后{}", conflict.mine.number, e.trim_start_matches('的'))
    })?;
    // Both sides are within the limits; lists kept from both sides may together exceed them.
    if let Some(problem) = limits::case_problems(&case).first() {
        return Err(format!(
            "案件 {} 合并后{}，本次合并未执行。",
            conflict.mine.number,
            problem.describe()
        ));
    }
    case.id = conflict.mine.id.clone();
    case.updated_at = if picks.iter().all(|p| *p == Pick::Theirs) {
        conflict.theirs.updated_at
    } else {
        Some(now)
    };
    Ok(case)
}

/// Goes through the JSON text rather than `serde_json::to_value`, so that the app holds one copy
/// of the (de)serialising code: the one the file format uses.
fn as_value<T: serde::Serialize>(data: &T) -> Value {
    // Model types have string map keys only, so serialising cannot fail, and serde_json parses
    // whatever it wrote.
    serde_json::from_str(&serde_json::to_string(data).expect("plain data serialises"))
        .expect("serialised JSON parses")
}

fn get(value: &Value, key: &str) -> Value {
    key.split('.').try_fold(value, |v, k| v.get(k)).cloned().unwrap_or(Value::Null)
}

fn set(value: &mut Value, key: &str, new: Value) {
    let mut target = value;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = target else { return };
        if parts.peek().is_none() {
            map.insert(part.to_string(), new);
            return;
        }
        target = map.entry(part).or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Lists whose two sides can be kept together: the 办理情况 log and the packet's documents (both
/// units may have added materials; choosing one side would silently drop the other's).
const COMBINABLE: &[&str] = &["progress", "packet.documents"];

/// This ledger's documents, then the file's documents this ledger does not hold (by identity;
/// a document both hold keeps this ledger's version).
pub fn combine_documents(mine: &[Document], theirs: &[Document]) -> Vec<Document> {
    let mut all = mine.to_vec();
    all.extend(theirs.iter().filter(|d| !mine.iter().any(|m| m.id == d.id)).cloned());
    all
}

/// Both logs' entries, each once, newest first (same-day entries: this ledger's first).
pub fn combine_progress(mine: &[ProgressEntry], theirs: &[ProgressEntry]) -> Vec<ProgressEntry> {
    let mut all = mine.to_vec();
    for entry in theirs {
        if !all.contains(entry) {
            all.push(entry.clone());
        }
    }
    sort_by_key(&mut all, |e| std::cmp::Reverse(e.date));
    all
}

fn check_unique(ledger: &Ledger) -> Result<(), String> {
    let mut numbers = HashSet::new();
    let mut ids = HashSet::new();
    let mut clashes = Vec::new();
    for case in &ledger.cases {
        if !numbers.insert(case.number.trim()) {
            clashes.push(case.number.trim().to_string());
        }
        if !ids.insert(case.id.as_str()) {
            clashes.push(format!("{}（内部标识重复）", case.number.trim()));
        }
    }
    if clashes.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "按当前选择合并后，案件编号 {} 将出现两次。请对相关案件的「案件编号」改选另一边，或先在台账中修改编号。",
            clashes.join("、")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::model::Status;

    fn at(s: &str) -> Option<NaiveDateTime> {
        Some(format!("2026-11-{s}T09:00:00").parse().unwrap())
    }

    fn case(id: &str, number: &str, updated: &str) -> Case {
        Case {
            id: id.into(),
            number: number.into(),
            summary: format!("{number} 的诉求"),
            updated_at: at(updated),
            ..Case::default()
        }
    }

    fn ledger(cases: Vec<Case>) -> Ledger {
        Ledger { cases, ..Ledger::default() }
    }

    fn now() -> NaiveDateTime {
        "2026-11-23T10:00:00".parse().unwrap()
    }

    #[test]
    fn merging_a_ledger_with_itself_changes_nothing() {
        let l = ledger(vec![case("a", "A", "01"), case("b", "B", "02")]);
        let plan = plan(&l, &l, |_| false);
        assert_eq!(plan.identical, ["A", "B"]);
        assert!(plan.added.is_empty() && plan.conflicts.is_empty());
        let (merged, counts) = apply(&l, &plan, &plan.default_picks(), now()).unwrap();
        assert_eq!(merged, l);
        assert_eq!(counts.describe(), "新增 0 件，更新 0 件，保留本台账内容 0 件，相同跳过 2 件");
    }

    #[test]
    fn new_cases_are_added_and_a_change_time_alone_is_no_difference() {
        let mine = ledger(vec![case("a", "A", "01")]);
        let theirs = ledger(vec![case("a", "A", "05"), case("n", "N", "05")]);
        let plan = plan(&mine, &theirs, |_| false);
        assert_eq!(plan.identical, ["A"]);
        assert_eq!(plan.added.len(), 1);
        let (merged, counts) = apply(&mine, &plan, &plan.default_picks(), now()).unwrap();
        assert_eq!(merged.cases.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), ["A", "N"]);
        assert_eq!(counts.added, 1);
    }

    #[test]
    fn differing_fields_are_listed_in_form_order_with_chinese_names_and_newer_wins_by_default() {
        let mut a = case("a", "A", "01");
        a.lead = "王副县长".into();
        a.petitioner.name = "张三".into();
        let mut b = case("a", "A", "05");
        b.lead = "李副县长".into();
        b.petitioner.name = "张三".into();
        b.status = Status::InProgress;
        let (mine, theirs) = (ledger(vec![a.clone()]), ledger(vec![b.clone()]));
        let plan = plan(&mine, &theirs, |_| false);
        let conflict = &plan.conflicts[0];
        assert!(conflict.theirs_newer && !conflict.by_number);
        let rows: Vec<_> = conflict
            .fields
            .iter()
            .map(|f| (f.label.as_str(), f.mine.as_str(), f.theirs.as_str()))
            .collect();
        assert_eq!(rows, [("包案领导", "王副县长", "李副县长"), ("状态", "排查登记", "化解中")]);
        assert_eq!(plan.default_picks(), [[Pick::Theirs, Pick::Theirs]]);

        // Taking everything from the newer file gives its version, with its change time.
        let (merged, counts) = apply(&mine, &plan, &plan.default_picks(), now()).unwrap();
        assert_eq!(merged.cases[0], b);
        assert_eq!((counts.updated, counts.kept), (1, 0));

        // A mix is a new version, stamped now.
        let (merged, _) =
            apply(&mine, &plan, &vec![vec![Pick::Mine, Pick::Theirs]], now()).unwrap();
        assert_eq!(
            (merged.cases[0].lead.as_str(), merged.cases[0].status),
            ("王副县长", Status::InProgress)
        );
        assert_eq!(merged.cases[0].updated_at, Some(now()));

        // Keeping everything of this ledger leaves it as it was.
        let (merged, counts) = apply(&mine, &plan, &plan.mine_picks(), now()).unwrap();
        assert_eq!(merged, mine);
        assert_eq!((counts.updated, counts.kept), (0, 1));
    }

    #[test]
    fn an_older_file_keeps_this_ledger_by_default_and_unknown_times_count_as_oldest() {
        let mut a = case("a", "A", "05");
        a.lead = "王".into();
        let mut b = case("a", "A", "01");
        b.lead = "李".into();
        let plan1 = plan(&ledger(vec![a.clone()]), &ledger(vec![b.clone()]), |_| false);
        assert_eq!(plan1.default_picks(), [[Pick::Mine]]);
        b.updated_at = None;
        let plan2 = plan(&ledger(vec![a.clone()]), &ledger(vec![b.clone()]), |_| false);
        assert!(!plan2.conflicts[0].theirs_newer);
        a.updated_at = None;
        let plan3 = plan(&ledger(vec![a]), &ledger(vec![b]), |_| false);
        assert!(!plan3.conflicts[0].theirs_newer, "a tie keeps this ledger's");
        assert_eq!(plan3.newer_picks(), [[Pick::Mine]]);
    }

    #[test]
    fn documents_added_on_both_sides_are_kept_by_default() {
        use crate::core::ledger::packet::{DocKind, Item};
        let doc =
            |id: &str, kind| Document { id: id.into(), ..Document::new(Item::Assignment, kind) };
        let mut a = case("a", "A", "01");
        a.packet.documents =
            vec![doc("d1", DocKind::AssignmentLetter), doc("mine", DocKind::LedgerEntry)];
        a.packet.closed_on = Some("2026-05-01".parse().unwrap());
        let mut b = case("a", "A", "05");
        b.packet.documents =
            vec![doc("d1", DocKind::AssignmentLetter), doc("theirs", DocKind::Other)];
        let mine = ledger(vec![a]);
        let plan = plan(&mine, &ledger(vec![b]), |_| false);
        let keys: Vec<_> =
            plan.conflicts[0].fields.iter().map(|f| (f.key.as_str(), f.can_combine)).collect();
        assert_eq!(
            keys,
            [("packet.documents", true), ("packet.closed_on", false)],
            "the packet's parts are chosen apart"
        );
        let (merged, _) = apply(&mine, &plan, &plan.default_picks(), now()).unwrap();
        let ids: Vec<_> = merged.cases[0].packet.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d1", "mine", "theirs"]);
        assert_eq!(merged.cases[0].packet.closed_on, None, "the newer side's 办结日期 by default");
    }

    #[test]
    fn progress_logs_from_both_sides_are_kept_by_default() {
        let mut a = case("a", "A", "01");
        a.add_progress("2026-03-01".parse().unwrap(), "约访");
        a.add_progress("2026-04-01".parse().unwrap(), "本机记录");
        let mut b = case("a", "A", "05");
        b.add_progress("2026-03-01".parse().unwrap(), "约访");
        b.add_progress("2026-05-01".parse().unwrap(), "乡镇记录");
        let mine = ledger(vec![a]);
        let plan = plan(&mine, &ledger(vec![b]), |_| false);
        let field = &plan.conflicts[0].fields[0];
        assert_eq!((field.label.as_str(), field.can_combine), ("办理情况", true));
        assert_eq!(field.mine, "2026-04-01 本机记录\n2026-03-01 约访");
        assert_eq!(plan.default_picks(), [[Pick::Both]]);
        assert_eq!(plan.newer_picks(), [[Pick::Theirs]]);
        let (merged, _) = apply(&mine, &plan, &plan.default_picks(), now()).unwrap();
        let texts: Vec<_> = merged.cases[0].progress.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["乡镇记录", "本机记录", "约访"]);
        assert_eq!(merged.cases[0].updated_at, Some(now()));
    }

    #[test]
    fn a_merge_beyond_the_limits_is_refused_and_changes_nothing() {
        let log = |side: &str| {
            let mut c = case("a", "A", "01");
            let n = limits::MAX_PROGRESS_ENTRIES / 2 + 1;
            c.progress = (0..n)
                .map(|i| ProgressEntry {
                    date: "2026-03-01".parse().unwrap(),
                    text: format!("{side}{i}"),
                })
                .collect();
            c
        };
        let mine = ledger(vec![log("本机")]);
        let plan = plan(&mine, &ledger(vec![log("乡镇")]), |_| false);
        let refused = apply(&mine, &plan, &plan.default_picks(), now()).unwrap_err();
        assert_eq!(
            refused,
            "案件 A 合并后「办理情况」过多（2002 条，上限 2000 条），本次合并未执行。"
        );
        // Either side alone is fine.
        assert!(apply(&mine, &plan, &plan.newer_picks(), now()).is_ok());

        let many = |prefix: &str, n: usize| {
            ledger(
                (0..n)
                    .map(|i| case(&format!("{prefix}{i}"), &format!("{prefix}{i}"), "01"))
                    .collect(),
            )
        };
        let mine = many("本", limits::MAX_CASES);
        let crowded = super::plan(&mine, &many("外", 1), |_| false);
        let refused = apply(&mine, &crowded, &crowded.default_picks(), now()).unwrap_err();
        assert!(refused.contains("超过 20000 件的上限"), "{refused}");
    }

    #[test]
    fn the_same_case_number_under_another_id_is_the_same_case_and_keeps_this_id() {
        let mine = ledger(vec![case("here", "JA-1", "01")]);
        let mut theirs = case("there", " JA-1 ", "05");
        theirs.handler = "李四".into();
        let plan = plan(&mine, &ledger(vec![theirs]), |_| false);
        assert!(plan.conflicts[0].by_number);
        // The number differs only by spaces, and shows as a difference to choose.
        let (merged, _) = apply(&mine, &plan, &plan.newer_picks(), now()).unwrap();
        assert_eq!(merged.cases.len(), 1);
        assert_eq!(
            (merged.cases[0].id.as_str(), merged.cases[0].handler.as_str()),
            ("here", "李四")
        );
    }

    #[test]
    fn a_case_here_pairs_with_one_incoming_case_only() {
        // The other unit renumbered case a to B-NEW and gave its old number to a new case.
        let mine = ledger(vec![case("a", "A", "01")]);
        let theirs = ledger(vec![case("a", "B-NEW", "05"), case("n", "A", "05")]);
        let plan = plan(&mine, &theirs, |_| false);
        assert_eq!((plan.conflicts.len(), plan.added.len()), (1, 1));
        assert!(!plan.conflicts[0].by_number);
        // Keeping the old number here would hold A twice: refused until the clerk takes theirs.
        assert!(apply(&mine, &plan, &plan.mine_picks(), now()).is_err());
        let (merged, _) = apply(&mine, &plan, &plan.newer_picks(), now()).unwrap();
        let numbers: Vec<_> = merged.cases.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, ["B-NEW", "A"]);
    }

    #[test]
    fn cases_deleted_here_are_not_re_added() {
        let mine = ledger(vec![]);
        let plan = plan(&mine, &ledger(vec![case("gone", "G", "01")]), |id| id == "gone");
        assert_eq!(plan.deleted_here, ["G"]);
        let (merged, counts) = apply(&mine, &plan, &plan.default_picks(), now()).unwrap();
        assert!(merged.cases.is_empty());
        assert!(counts.describe().ends_with("本机已删除（在回收站中）未重新加入 1 件"));
    }

    #[test]
    fn a_choice_that_would_duplicate_a_case_number_is_refused() {
        let mine = ledger(vec![case("a", "A", "01"), case("b", "B", "01")]);
        let plan = plan(&mine, &ledger(vec![case("a", "B", "05")]), |_| false);
        let err = apply(&mine, &plan, &plan.default_picks(), now()).unwrap_err();
        assert!(err.contains("案件编号 B 将出现两次"), "{err}");
        assert!(apply(&mine, &plan, &plan.mine_picks(), now()).is_ok());
    }

    #[test]
    fn a_ledger_changed_after_the_preview_is_not_merged_over() {
        let mine = ledger(vec![case("a", "A", "01")]);
        let mut theirs = case("a", "A", "05");
        theirs.plan = "新方案".into();
        let plan = plan(&mine, &ledger(vec![theirs]), |_| false);
        let mut changed = mine.clone();
        changed.cases[0].lead = "刚改的".into();
        assert!(apply(&changed, &plan, &plan.default_picks(), now())
            .unwrap_err()
            .contains("预览之后台账又有改动"));
        assert!(apply(&ledger(vec![]), &plan, &plan.default_picks(), now()).is_err());
        assert!(apply(&mine, &plan, &vec![], now()).is_err());
    }

    #[test]
    fn settings_of_the_file_are_noted_but_kept() {
        let mine = ledger(vec![]);
        let mut theirs = ledger(vec![]);
        theirs.campaign.name = "乡镇专项行动".into();
        let plan = plan(&mine, &theirs, |_| false);
        assert!(plan.settings_differ);
        let (merged, _) = apply(&mine, &plan, &plan.default_picks(), now()).unwrap();
        assert_eq!(merged.campaign.name, "");
    }
}
