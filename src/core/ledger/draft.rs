//! The case form as plain data: what the clerk typed (all text), its validation, and its
//! conversion to a [`Case`]. The UI only binds inputs to a [`CaseDraft`] and shows the errors.

use chrono::{NaiveDate, NaiveDateTime};

use super::limits::{self, text_too_long, MAX_ASSISTING_UNITS};
use super::model::{Case, Category, Flag, Ledger, Petitioner, Source, Status};
use super::text::{date_text, parse_date, split_names};

/// A form field, so that each validation message can be shown next to its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Number,
    AssignmentRef,
    AssignedOn,
    RegisteredOn,
    Channel,
    PetitionerName,
    PetitionerIdNumber,
    PetitionerContact,
    PetitionerResidence,
    PeopleCount,
    Summary,
    Lead,
    ResponsibleUnit,
    AssistingUnits,
    Handler,
    StabilityOwner,
    Plan,
    Deadline,
    Remarks,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Everything the case form edits, as the text the inputs hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseDraft {
    pub number: String,
    pub source: String,
    pub assignment_ref: String,
    pub assigned_on: String,
    pub registered_on: String,
    pub channel: String,
    pub petitioner_name: String,
    pub petitioner_id_number: String,
    pub petitioner_contact: String,
    pub petitioner_residence: String,
    pub people_count: String,
    pub summary: String,
    pub category: String,
    pub flags: Vec<Flag>,
    pub lead: String,
    pub responsible_unit: String,
    /// 协办单位, one per line or separated by 、 or commas.
    pub assisting_units: String,
    pub handler: String,
    pub stability_owner: String,
    pub plan: String,
    pub deadline: String,
    pub status: String,
    pub remarks: String,
}

impl CaseDraft {
    /// A blank form for a new case, registered today.
    pub fn new_case(today: NaiveDate) -> CaseDraft {
        CaseDraft {
            registered_on: date_text(Some(today)),
            status: Status::Registered.label().to_string(),
            ..CaseDraft::default()
        }
    }

    pub fn from_case(case: &Case) -> CaseDraft {
        CaseDraft {
            number: case.number.clone(),
            source: case.source.map(|s| s.label().to_string()).unwrap_or_default(),
            assignment_ref: case.assignment_ref.clone(),
            assigned_on: date_text(case.assigned_on),
            registered_on: date_text(case.registered_on),
            channel: case.channel.clone(),
            petitioner_name: case.petitioner.name.clone(),
            petitioner_id_number: case.petitioner.id_number.clone(),
            petitioner_contact: case.petitioner.contact.clone(),
            petitioner_residence: case.petitioner.residence.clone(),
            people_count: case.people_count.map(|n| n.to_string()).unwrap_or_default(),
            summary: case.summary.clone(),
            category: case.category.map(|c| c.label().to_string()).unwrap_or_default(),
            flags: case.flags.clone(),
            lead: case.lead.clone(),
            responsible_unit: case.responsible_unit.clone(),
            assisting_units: case.assisting_units.join("、"),
            handler: case.handler.clone(),
            stability_owner: case.stability_owner.clone(),
            plan: case.plan.clone(),
            deadline: date_text(case.deadline),
            status: case.status.label().to_string(),
            remarks: case.remarks.clone(),
        }
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
        let mut errors = Vec::new();
        let mut fail = |field, message: String| errors.push(FieldError { field, message });

        let number = self.number.trim();
        if number.is_empty() {
            fail(Field::Number, "请填写案件编号".into());
        } else if ledger.number_taken(number, &base.id) {
            fail(Field::Number, format!("案件编号“{number}”已存在，编号不能重复"));
        }
        if self.summary.trim().is_empty() {
            fail(Field::Summary, "请填写诉求摘要".into());
        }

        // Every text within the limits an imported file is held to, so that its backup restores.
        let texts = [
            (Field::Number, &self.number),
            (Field::AssignmentRef, &self.assignment_ref),
            (Field::Channel, &self.channel),
            (Field::PetitionerName, &self.petitioner_name),
            (Field::PetitionerIdNumber, &self.petitioner_id_number),
            (Field::PetitionerContact, &self.petitioner_contact),
            (Field::PetitionerResidence, &self.petitioner_residence),
            (Field::Summary, &self.summary),
            (Field::Lead, &self.lead),
            (Field::ResponsibleUnit, &self.responsible_unit),
            (Field::AssistingUnits, &self.assisting_units),
            (Field::Handler, &self.handler),
            (Field::StabilityOwner, &self.stability_owner),
            (Field::Plan, &self.plan),
            (Field::Remarks, &self.remarks),
        ];
        for (field, text) in texts {
            if let Some(message) = text_too_long(text.trim()) {
                fail(field, format!("内容{message}"));
            }
        }
        if let Some(message) =
            limits::too_many(split_names(&self.assisting_units).len(), MAX_ASSISTING_UNITS, "个")
        {
            fail(Field::AssistingUnits, format!("协办单位{message}"));
        }

        let mut date = |field, text: &str| {
            parse_date(text).unwrap_or_else(|message| {
                fail(field, message);
                None
            })
        };
        let assigned_on = date(Field::AssignedOn, &self.assigned_on);
        let registered_on = date(Field::RegisteredOn, &self.registered_on);
        let deadline = date(Field::Deadline, &self.deadline);
        if let (Some(assigned), Some(due)) = (assigned_on, deadline) {
            if due < assigned {
                fail(Field::Deadline, "办结时限不能早于交办日期".into());
            }
        }

        let people_count = match self.people_count.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    fail(Field::PeopleCount, "涉及人数应为不小于 1 的整数".into());
                    None
                }
            },
        };

        // Seed 004: 领导包案……不实行两人或两人以上重复包一案.
        if split_names(&self.lead).len() > 1 {
            fail(
                Field::Lead,
                "每件积案只能有一名包案领导（不实行两人或两人以上重复包一案）".into(),
            );
        }

        if !errors.is_empty() {
            return Err(errors);
        }

        let mut flags = self.flags.clone();
        flags.sort();
        flags.dedup();
        Ok(Case {
            id: base.id.clone(),
            updated_at: Some(now),
            number: number.to_string(),
            source: Source::from_label(&self.source),
            assignment_ref: self.assignment_ref.trim().to_string(),
            assigned_on,
            registered_on,
            channel: self.channel.trim().to_string(),
            petitioner: Petitioner {
                name: self.petitioner_name.trim().to_string(),
                id_number: self.petitioner_id_number.trim().to_string(),
                contact: self.petitioner_contact.trim().to_string(),
                residence: self.petitioner_residence.trim().to_string(),
            },
            people_count,
            summary: self.summary.trim().to_string(),
            category: Category::from_label(&self.category),
            flags,
            lead: self.lead.trim().to_string(),
            responsible_unit: self.responsible_unit.trim().to_string(),
            assisting_units: split_names(&self.assisting_units)
                .into_iter()
                .map(String::from)
                .collect(),
            handler: self.handler.trim().to_string(),
            stability_owner: self.stability_owner.trim().to_string(),
            plan: self.plan.trim().to_string(),
            deadline,
            status: Status::from_label(&self.status).unwrap_or(base.status),
            remarks: self.remarks.trim().to_string(),
            // What the form does not edit (log, packet, outcome …) carries over.
            ..base.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        "2026-11-23T10:00:00".parse().unwrap()
    }

    fn valid_draft() -> CaseDraft {
        CaseDraft {
            number: " JA-2026-001 ".into(),
            summary: "要求解决征地补偿".into(),
            assigned_on: "2026/3/1".into(),
            deadline: "2026-05-30".into(),
            people_count: "12".into(),
            lead: "王副县长".into(),
            assisting_units: "县自然资源局、县财政局\n镇政府".into(),
            flags: vec![Flag::Collective, Flag::Repeated, Flag::Collective],
            ..CaseDraft::new_case("2026-03-02".parse().unwrap())
        }
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
        assert_eq!(fields(&errors), [Field::Number, Field::Summary]);
        assert_eq!(errors[0].message, "请填写案件编号");
    }

    #[test]
    fn duplicate_number_is_refused_but_editing_itself_is_fine() {
        let mut ledger = Ledger::default();
        ledger.upsert(Case { id: "a".into(), number: "JA-2026-001".into(), ..Case::default() });
        let other = Case { id: "b".into(), ..Case::default() };
        let errors = valid_draft().to_case(&other, &ledger, now()).unwrap_err();
        assert_eq!(fields(&errors), [Field::Number]);
        assert!(errors[0].message.contains("已存在"));
        let itself = ledger.find("a").unwrap().clone();
        assert!(valid_draft().to_case(&itself, &ledger, now()).is_ok());
    }

    #[test]
    fn bad_dates_counts_and_two_leaders_are_refused() {
        let draft = CaseDraft {
            assigned_on: "2026-02-30".into(),
            people_count: "0".into(),
            lead: "张三、李四".into(),
            ..valid_draft()
        };
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [Field::AssignedOn, Field::PeopleCount, Field::Lead]);
        assert!(errors[0].message.contains("2026-02-30"));
    }

    #[test]
    fn two_leads_however_written_are_refused_one_with_a_title_is_not() {
        for lead in ["王建国 赵明", "王建国和赵明", "张三＋李四", "王建国，赵明"]
        {
            let draft = CaseDraft { lead: lead.into(), ..valid_draft() };
            let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
            assert_eq!(fields(&errors), [Field::Lead], "{lead}");
        }
        let draft =
            CaseDraft { lead: "陈国庆（县委常委、副县长）".into(), ..valid_draft() };
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
        let draft = CaseDraft { summary: long.clone(), plan: long, ..valid_draft() };
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [Field::Summary, Field::Plan]);
        assert_eq!(errors[0].message, "内容过长（20001 字，上限 20000 字）");
        let at_limit = "长".repeat(limits::MAX_TEXT_CHARS);
        let draft = CaseDraft { summary: at_limit, ..valid_draft() };
        assert!(draft.to_case(&Case::default(), &Ledger::default(), now()).is_ok());
        let units = (0..=MAX_ASSISTING_UNITS).map(|i| format!("单位{i}")).collect::<Vec<_>>();
        let draft = CaseDraft { assisting_units: units.join("、"), ..valid_draft() };
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(errors[0].message, "协办单位过多（201 个，上限 200 个）");
    }

    #[test]
    fn deadline_before_assignment_is_refused() {
        let draft = CaseDraft { deadline: "2026-02-01".into(), ..valid_draft() };
        let errors = draft.to_case(&Case::default(), &Ledger::default(), now()).unwrap_err();
        assert_eq!(fields(&errors), [Field::Deadline]);
    }

    #[test]
    fn draft_round_trips_through_a_case() {
        let case = valid_draft().to_case(&Case::default(), &Ledger::default(), now()).unwrap();
        let again = CaseDraft::from_case(&case).to_case(&case, &Ledger::default(), now()).unwrap();
        assert_eq!(case, again);
    }
}
