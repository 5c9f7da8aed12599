//! The case form as plain data: what the clerk typed (all text, by field of the field list), its
//! validation, and its conversion to a [`Case`]. The UI only binds inputs to a [`CaseDraft`] and
//! shows the errors.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::fields::{Field, Kind};
use super::limits::{self, text_too_long, MAX_ASSISTING_UNITS};
use super::model::{Case, Category, Flag, Ledger, Source, Status};
use super::text::{date_text, parse_date, split_names, split_units};

/// A message for one input of the form, shown next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Everything the case form edits, as the text the inputs hold (协办单位 one per line or
/// separated by 、 or commas), and the ticked 案件特征.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseDraft {
    texts: BTreeMap<Field, String>,
    pub flags: Vec<Flag>,
}

impl CaseDraft {
    /// The fields the form types as text (all of the form's but 案件特征).
    pub fn form_fields() -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| f.spec().section.is_some() && f.spec().kind != Kind::Flags)
    }

    /// A blank form for a new case, registered today.
    pub fn new_case(today: NaiveDate) -> CaseDraft {
        CaseDraft::default()
            .with(Field::RegisteredOn, &date_text(Some(today)))
            .with(Field::Status, Status::Registered.label())
    }

    pub fn from_case(case: &Case) -> CaseDraft {
        CaseDraft {
            texts: CaseDraft::form_fields().map(|f| (f, f.show(case))).collect(),
            flags: case.flags.clone(),
        }
    }

    /// What the input of `field` holds.
    pub fn get(&self, field: Field) -> &str {
        self.texts.get(&field).map_or("", String::as_str)
    }

    pub fn set(&mut self, field: Field, text: &str) {
        self.texts.insert(field, text.to_string());
    }

    /// The draft with `field` typed as `text`.
    pub fn with(mut self, field: Field, text: &str) -> CaseDraft {
        self.set(field, text);
        self
    }

    pub fn toggle_flag(&mut self, flag: Flag) {
        match self.flags.iter().position(|f| *f == flag) {
            Some(at) => {
                self.flags.remove(at);
            }
            None => self.flags.push(flag),
        }
    }

    /// Checks the draft against the ledger it goes into and builds the case.
    ///
    /// `base` is the case being edited (its id, log and other fields the form does not show are
    /// kept); for a new case it is a default case carrying a fresh id.
    pub fn to_case(
        &self,
        base: &Case,
        ledger: &Ledger,
        now: NaiveDateTime,
    ) -> Result<Case, Vec<FieldError>> {
        use Field as F;
        let mut errors = Vec::new();
        let mut fail = |field, message: String| errors.push(FieldError { field, message });
        let text = |field| self.get(field).trim();

        let number = text(F::Number);
        if number.is_empty() {
            fail(F::Number, "请填写案件编号".into());
        } else if ledger.number_taken(number, &base.id) {
            fail(F::Number, format!("案件编号“{number}”已存在，编号不能重复"));
        }
        if text(F::Summary).is_empty() {
            fail(F::Summary, "请填写诉求摘要".into());
        }

        // Every text within the limits an imported file is held to, so that its backup restores.
        for field in CaseDraft::form_fields() {
            if matches!(field.spec().kind, Kind::Text | Kind::Prose | Kind::Names) {
                if let Some(message) = text_too_long(text(field)) {
                    fail(field, format!("内容{message}"));
                }
            }
        }
        let assisting_units: Vec<String> =
            split_units(self.get(F::Assisting)).into_iter().map(String::from).collect();
        if let Some(message) = limits::too_many(assisting_units.len(), MAX_ASSISTING_UNITS, "个") {
            fail(F::Assisting, format!("协办单位{message}"));
        }

        let mut date = |field| {
            parse_date(self.get(field)).unwrap_or_else(|message| {
                fail(field, message);
                None
            })
        };
        let assigned_on = date(F::AssignedOn);
        let registered_on = date(F::RegisteredOn);
        let deadline = date(F::Deadline);
        if let (Some(assigned), Some(due)) = (assigned_on, deadline) {
            if due < assigned {
                fail(F::Deadline, "办结时限不能早于交办日期".into());
            }
        }

        let people_count = match text(F::PeopleCount) {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    fail(F::PeopleCount, "涉及人数应为不小于 1 的整数".into());
                    None
                }
            },
        };

        // 《信访积案化解工作方案（精选5篇）》: 领导包案……不实行两人或两人以上重复包一案.
        if split_names(self.get(F::Lead)).len() > 1 {
            fail(F::Lead, "每件积案只能有一名包案领导（不实行两人或两人以上重复包一案）".into());
        }

        if !errors.is_empty() {
            return Err(errors);
        }

        // What the form does not edit (log, packet, outcome …) carries over.
        let mut case = base.clone();
        for field in CaseDraft::form_fields() {
            if let Some(slot) = field.spec().text {
                *(slot.set)(&mut case) = text(field).to_string();
            }
        }
        let mut flags = self.flags.clone();
        super::sorting::sort(&mut flags);
        flags.dedup();
        case.updated_at = Some(now);
        case.source = Source::from_label(self.get(F::Source));
        case.assigned_on = assigned_on;
        case.registered_on = registered_on;
        case.people_count = people_count;
        case.category = Category::from_label(self.get(F::Category));
        case.flags = flags;
        case.assisting_units = assisting_units;
        case.deadline = deadline;
        case.status = Status::from_label(self.get(F::Status)).unwrap_or(base.status);
        Ok(case)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Field as F;

    fn now() -> NaiveDateTime {
        "2026-11-23T10:00:00".parse().unwrap()
    }

    fn valid_draft() -> CaseDraft {
        let draft = CaseDraft::new_case("2026-03-02".parse().unwrap())
            .with(F::Number, " JA-2026-001 ")
            .with(F::Summary, "要求解决征地补偿")
            .with(F::AssignedOn, "2026/3/1")
            .with(F::Deadline, "2026-05-30")
            .with(F::PeopleCount, "12")
            .with(F::Lead, "王副县长")
            .with(F::Assisting, "县自然资源局、县财政局\n镇政府");
        CaseDraft { flags: vec![Flag::Collective, Flag::Repeated, Flag::Collective], ..draft }
    }

    fn fields(errors: &[FieldError]) -> Vec<Field> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_valid_draft_becomes_a_clean_case() {
        let base = Case { id: "id-1".into(), ..Case::default() };
        let case = valid_draft().to_case(&base, &Ledger::default(), now()).unwrap();
        assert_eq!(case.id, "id-1");
        assert_eq!(case.number, "JA-2026-001");
        assert_eq!(case.assigned_on, Some("2026-03-01".parse().unwrap()));
        assert_eq!(case.registered_on, Some("2026-03-02".parse().unwrap()));
        assert_eq!(case.assisting_units, ["县自然资源局", "县财政局", "镇政府"]);
        assert_eq!(case.flags, [Flag::Repeated, Flag::Collective]);
        assert_eq!(case.people_count, Some(12));
        assert_eq!(case.status, Status::Registered);
        assert_eq!(case.updated_at, Some(now()));
    }

    #[test]
    fn required_fields_are_named() {
        let errors =
            CaseDraft::default().to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [F::Number, F::Summary]);
        assert_eq!(errors[0].message, "请填写案件编号");
    }

    #[test]
    fn duplicate_number_is_refused_but_editing_itself_is_fine() {
        let mut ledger = Ledger::default();
        ledger.upsert(Case { id: "a".into(), number: "JA-2026-001".into(), ..Case::default() });
        let other = Case { id: "b".into(), ..Case::default() };
        let errors = valid_draft().to_case(&other, &ledger, now()).unwrap_err();
        assert_eq!(fields(&errors), [F::Number]);
        assert!(errors[0].message.contains("已存在"));
        let itself = ledger.find("a").unwrap().clone();
        assert!(valid_draft().to_case(&itself, &ledger, now()).is_ok());
    }

    #[test]
    fn bad_dates_counts_and_two_leaders_are_refused() {
        let draft = valid_draft()
            .with(F::AssignedOn, "2026-02-30")
            .with(F::PeopleCount, "0")
            .with(F::Lead, "张三、李四");
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [F::AssignedOn, F::PeopleCount, F::Lead]);
        assert!(errors[0].message.contains("2026-02-30"));
    }

    #[test]
    fn two_leads_however_written_are_refused_one_with_a_title_is_not() {
        for lead in ["王建国 赵明", "王建国和赵明", "张三＋李四", "王建国，赵明"]
        {
            let draft = valid_draft().with(F::Lead, lead);
            let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
            assert_eq!(fields(&errors), [F::Lead], "{lead}");
        }
        let draft = valid_draft().with(F::Lead, "陈国庆（县委常委、副县长）");
        assert!(draft.to_case(&Case::default(), &Ledger::default(), now()).is_ok());
    }

    #[test]
    fn dates_outside_the_ledger_years_are_refused_where_typed() {
        assert!(parse_date("1026-03-01").unwrap_err().contains("年份 1026 不合理"));
        assert!(parse_date("2101-01-01").is_err());
        assert_eq!(parse_date("2100-12-31").unwrap(), Some("2100-12-31".parse().unwrap()));
    }

    #[test]
    fn texts_longer_than_an_import_accepts_are_refused_where_typed() {
        let long = "长".repeat(limits::MAX_TEXT_CHARS + 1);
        let draft = valid_draft().with(F::Summary, &long).with(F::Plan, &long);
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [F::Summary, F::Plan]);
        assert_eq!(errors[0].message, "内容过长（20001 字，上限 20000 字）");
        let at_limit = "长".repeat(limits::MAX_TEXT_CHARS);
        let draft = valid_draft().with(F::Summary, &at_limit);
        assert!(draft.to_case(&Case::default(), &Ledger::default(), now()).is_ok());
        let units = (0..=MAX_ASSISTING_UNITS).map(|i| format!("单位{i}")).collect::<Vec<_>>();
        let draft = valid_draft().with(F::Assisting, &units.join("、"));
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(errors[0].message, "协办单位过多（201 个，上限 200 个）");
    }

    #[test]
    fn deadline_before_assignment_is_refused() {
        let draft = valid_draft().with(F::Deadline, "2026-02-01");
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [F::Deadline]);
    }

    #[test]
    fn draft_round_trips_through_a_case() {
        let case = valid_draft().to_case(&Case::default(), &Ledger::default(), now()).unwrap();
        let again = CaseDraft::from_case(&case).to_case(&case, &Ledger::default(), now()).unwrap();
        assert_eq!(case, again);
    }
}
