//! Exporting cases as a spreadsheet: CSV that Excel on Chinese Windows opens correctly (UTF-8
//! with a byte-order mark, CRLF line ends) and XLSX. One row per case; the column headers are
//! the [`Field`] labels, so an exported file imports again unchanged.

use chrono::NaiveDate;

use super::xlsx::{self, CellOut};
use crate::core::ledger::campaign::Campaign;
use crate::core::ledger::fields::Field;
use crate::core::ledger::model::Case;
use crate::core::ledger::text::format_date;

/// One exported value before it is written as CSV text or an XLSX cell.
enum Value {
    Text(String),
    Number(u32),
    Date(Option<NaiveDate>),
}

impl Value {
    fn csv_text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(date) => crate::core::ledger::text::date_text(*date),
        }
    }

    fn xlsx_cell(self) -> CellOut {
        match self {
            Value::Text(text) => CellOut::Text(text),
            Value::Number(n) => CellOut::Number(n),
            Value::Date(Some(date)) => CellOut::Date(date),
            Value::Date(None) => CellOut::Text(String::new()),
        }
    }
}

/// The value of one exported field: dates and counts as such, the rest as the case page shows
/// it. 办结时限 is the limit set by hand (empty: the campaign's rule sets it), so that an import
/// tells the two apart; the effective limit follows the fields as [`DUE_HEADER`].
fn value(case: &Case, field: Field) -> Value {
    use Field::*;
    match field {
        PeopleCount => case.people_count.map(Value::Number).unwrap_or(Value::Text(String::new())),
        AssignedOn => Value::Date(case.assigned_on),
        RegisteredOn => Value::Date(case.registered_on),
        Deadline => Value::Date(case.deadline),
        ExtensionDays => match case.packet.extension.as_ref() {
            Some(e) => Value::Number(e.days),
            None => Value::Text(String::new()),
        },
        ExtensionApprovedOn => {
            Value::Date(case.packet.extension.as_ref().and_then(|e| e.approved_on))
        }
        Rebounds if case.rebounds > 0 => Value::Number(case.rebounds),
        ClosedOn => Value::Date(case.packet.closed_on),
        // Oldest first, as offices write a log, so that entries of one day keep their order
        // through an import.
        Progress => Value::Text(
            case.progress
                .iter()
                .rev()
                .map(|e| format!("{} {}", format_date(e.date), e.text))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        field => Value::Text(field.show(case)),
    }
}

/// The column after the fields: the effective limit (the one set by hand, or the campaign's rule
/// applied to its start day, plus any approved extension), for the clerk reading the sheet.
/// Import reads no field from it: the fields it is computed from come back themselves.
pub const DUE_HEADER: &str = "到期日（按时限规则和延期计算）";

fn due(case: &Case, campaign: &Campaign) -> Value {
    // A limit the calendar cannot extend is written as stored.
    Value::Date(campaign.deadline(case).map_or(case.deadline, |d| d.map(|d| d.due())))
}

/// Records as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Chinese Windows
/// reads GBK and shows mojibake) and CRLF line ends. A value that Excel would run as a formula
/// (it begins with = + - @; such text may come from an imported file) gets a leading tab, so
/// Excel shows it as text; the import trims it away again.
pub fn excel_csv<R: AsRef<str>>(records: &[Vec<R>]) -> String {
    // Flexible: a report may hold a title line and tables of different widths.
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        let fields = record.iter().map(|field| {
            let field = field.as_ref();
            if field.starts_with(['=', '+', '-', '@']) {
                format!("\t{field}")
            } else {
                field.to_string()
            }
        });
        // Writing into memory cannot fail.
        writer.write_record(fields).expect("csv row");
    }
    let bytes = writer.into_inner().expect("csv flush");
    let mut text = String::from('\u{feff}');
    text.push_str(&String::from_utf8(bytes).expect("csv of strings is UTF-8"));
    text
}

/// The cases as CSV for Excel (see [`excel_csv`]): one row per case, dates as YYYY-MM-DD, the
/// 办理情况 log oldest first, as offices write it (so that entries of one day keep their order
/// through an import).
pub fn cases_to_csv(cases: &[&Case], campaign: &Campaign) -> String {
    let mut header: Vec<String> = Field::exported().map(|f| f.label().to_string()).collect();
    header.push(DUE_HEADER.to_string());
    let mut records = vec![header];
    records
        .extend(cases.iter().map(|case| row(case, campaign).iter().map(Value::csv_text).collect()));
    excel_csv(&records)
}

/// One case's exported values: its fields, then the effective limit.
fn row(case: &Case, campaign: &Campaign) -> Vec<Value> {
    let mut values: Vec<Value> = Field::exported().map(|f| value(case, f)).collect();
    values.push(due(case, campaign));
    values
}

/// Column widths in characters for the XLSX sheet.
fn width(field: Field) -> u32 {
    use Field::*;
    match field {
        Summary | Plan | Progress | Remarks => 40,
        ExtensionDays | Rebounds => 8,
        AssignmentRef | Residence | Unit | Assisting | IdNumber => 18,
        PeopleCount => 8,
        _ => 12,
    }
}

/// The cases as an XLSX workbook with one sheet 积案台账: real date cells (yyyy-mm-dd),
/// numbers as numbers, everything else as text (so 案件编号 like 001 keep their zeros).
pub fn cases_to_xlsx(cases: &[&Case], campaign: &Campaign) -> Vec<u8> {
    let rows: Vec<Vec<CellOut>> = cases
        .iter()
        .map(|case| row(case, campaign).into_iter().map(Value::xlsx_cell).collect())
        .collect();
    let mut widths: Vec<u32> = Field::exported().map(width).collect();
    widths.push(14);
    let mut labels: Vec<&str> = Field::exported().map(|f| f.label()).collect();
    labels.push(DUE_HEADER);
    xlsx::write_workbook("积案台账", &labels, &widths, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::table_import::{
        guess_layout, guess_mapping, plan_import, read_csv, read_xlsx, Context, Table,
    };
    use crate::core::ledger::campaign::DeadlineRule;
    use crate::core::ledger::model::{
        Category, Flag, Ledger, Outcome, Petitioner, Resolution, Source, Status,
    };
    use crate::core::ledger::packet::{Extension, Packet};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample() -> Vec<Case> {
        let mut full = Case {
            id: "id-1".into(),
            number: "001".into(),
            source: Some(Source::Province),
            assignment_ref: "皖国土资函[2009]371号".into(),
            assigned_on: Some(day("2026-03-01")),
            registered_on: Some(day("2026-02-20")),
            channel: "来访".into(),
            remarks: "老户".into(),
            petitioner: Petitioner {
                id_number: "32010219800101123X".into(),
                name: "张三".into(),
                contact: "13800138000".into(),
                residence: "某镇某村".into(),
            },
            people_count: Some(12),
            summary: "征地补偿，\"款项\"未到位\n另：要求安置".into(),
            category: Some(Category::LandRequisition),
            flags: vec![Flag::Repeated, Flag::Collective],
            lead: "王副县长".into(),
            responsible_unit: "县自然资源局".into(),
            assisting_units: vec!["某镇政府".into(), "县财政局".into()],
            handler: "李科长".into(),
            stability_owner: "赵所长".into(),
            plan: "核实补偿标准".into(),
            deadline: None,
            status: Status::Closed,
            outcome: Some(Outcome::Settled),
            ..Case::default()
        };
        full.packet.closed_on = Some(day("2026-05-20"));
        full.add_progress(day("2026-03-05"), "首次约谈");
        full.add_progress(day("2026-04-01"), "召开协调会");
        let bare = Case {
            id: "id-2".into(),
            number: "JA-2".into(),
            summary: "只有必填项".into(),
            ..Case::default()
        };
        vec![full, bare]
    }

    fn campaign() -> Campaign {
        Campaign { deadline_rule: DeadlineRule::Ninety, ..Campaign::default() }
    }

    #[test]
    fn csv_opens_in_chinese_excel() {
        let cases = sample();
        let refs: Vec<&Case> = cases.iter().collect();
        let csv = cases_to_csv(&refs, &campaign());
        assert!(csv.starts_with(
            "\u{feff}案件编号,交办来源,交办文号,交办日期,登记日期,信访形式,信访人,身份证号,"
        ));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[1].starts_with("001,省,皖国土资函[2009]371号,2026-03-01,2026-02-20,来访,张三,32010219800101123X,13800138000,某镇某村,12,\"征地补偿，\"\"款项\"\"未到位\n另：要求安置\",土地征用,重复访、集体访,"));
        // No limit set by hand; due 90 days after 2026-03-01 by the campaign rule (last column).
        assert!(csv.contains(",核实补偿标准,,,,,已办结,2026-05-20,息诉息访,,,\"2026-03-05 首次约谈\n2026-04-01 召开协调会\",老户,2026-05-30\r\n"), "{csv}");
        let bare: Vec<&str> = Field::exported()
            .map(|f| match f {
                Field::Number => "JA-2",
                Field::Summary => "只有必填项",
                Field::Status => "排查登记",
                _ => "",
            })
            .collect();
        // No limit and no start day: no due date either.
        assert!(csv.ends_with(&format!("{},\r\n", bare.join(","))), "{csv}");
    }

    fn round_trip(table: Table) -> Vec<Case> {
        let layout = guess_layout(&table);
        assert_eq!((layout.header_at, layout.header_rows), (0, 1));
        let mapping = guess_mapping(&layout.headers);
        for field in Field::exported() {
            assert!(mapping.get(field).is_some(), "{field:?} not mapped");
        }
        let ledger = Ledger::default();
        let context = Context {
            ledger: &ledger,
            today: day("2026-11-23"),
            now: "2026-11-23T10:00:00".parse().unwrap(),
            number_prefix: "",
        };
        let plan = plan_import(&table, &layout, &mapping, &context);
        assert_eq!(plan.errors, []);
        plan.cases.into_iter().map(|(_, c)| c).collect()
    }

    /// A ledger with everything a sheet row can hold: a limit by the rule with an approved
    /// extension, one set by hand, 四个到位, 反弹, several 办理情况 entries of one day and one
    /// of several lines.
    fn rich() -> Vec<Case> {
        let mut cases = sample();
        let full = &mut cases[0];
        full.packet.extension = Some(Extension {
            days: 15,
            approver: "王副县长".into(),
            approved_on: Some(day("2026-05-10")),
        });
        full.resolution = Some(Resolution::Helped);
        full.rebounds = 2;
        full.add_progress(day("2026-03-05"), "电话回访");
        full.add_progress(day("2026-04-02"), "形成会议纪要\n报县领导");
        let by_hand = Case {
            id: "id-3".into(),
            number: "JA-3".into(),
            summary: "时限手动设定".into(),
            assigned_on: Some(day("2026-03-01")),
            deadline: Some(day("2026-04-15")),
            packet: Packet {
                extension: Some(Extension { days: 10, approver: String::new(), approved_on: None }),
                ..Packet::default()
            },
            ..Case::default()
        };
        cases.push(by_hand);
        // Handled, awaiting review: its 办结日期 does not make it 已办结; a unit's name with 和.
        let mut awaiting = Case {
            id: "id-4".into(),
            number: "JA-4".into(),
            summary: "办结待审".into(),
            lead: "陈国庆（县委常委、副县长）".into(),
            responsible_unit: "县住房和城乡建设局".into(),
            assisting_units: vec!["县人力资源和社会保障局".into(), "某镇 人民政府".into()],
            status: Status::AwaitingReview,
            ..Case::default()
        };
        awaiting.packet.closed_on = Some(day("2026-04-30"));
        cases.push(awaiting);
        cases
    }

    /// Field by field, the ledger's case against the one the sheet brought back.
    fn assert_same_fields(held: &Case, back: &Case) {
        let value = |case: &Case| {
            let mut case = case.clone();
            // Not in a sheet: the identity (the import gives a fresh one) and the change time;
            // 结案材料's documents and procedure dates travel in the JSON ledger file.
            case.id = String::new();
            case.updated_at = None;
            case.packet.documents.clear();
            case.packet.procedure = Default::default();
            serde_json::to_value(&case).unwrap()
        };
        let (held, back) = (value(held), value(back));
        for (key, expected) in held.as_object().unwrap() {
            assert_eq!(&back[key], expected, "field {key}");
        }
    }

    #[test]
    fn exported_files_import_again_unchanged() {
        let cases = rich();
        let refs: Vec<&Case> = cases.iter().collect();
        let from_csv = round_trip(read_csv(&cases_to_csv(&refs, &campaign())).unwrap());
        let from_xlsx =
            round_trip(read_xlsx(&cases_to_xlsx(&refs, &campaign())).unwrap().remove(0));
        for back in [from_csv, from_xlsx] {
            assert_eq!(back.len(), cases.len());
            for (held, back) in cases.iter().zip(&back) {
                assert_same_fields(held, back);
            }
        }
        // The rule's limit comes back as the rule's; the sheet shows it with the extension added.
        let csv = cases_to_csv(&refs, &campaign());
        assert!(csv.contains(",核实补偿标准,,15,王副县长,2026-05-10,已办结,"), "{csv}");
        assert!(csv.contains(",老户,2026-06-14\r\n"), "{csv}");
    }

    #[test]
    fn csv_never_hands_excel_a_formula() {
        let case = Case {
            number: "=1+1".into(),
            summary: "@SUM(A1)".into(),
            lead: "-王".into(),
            handler: "+86".into(),
            ..Case::default()
        };
        let csv = cases_to_csv(&[&case], &campaign());
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(row.starts_with("\t=1+1,"), "{row}");
        assert!(
            row.contains(",\t@SUM(A1),") && row.contains(",\t-王,") && row.contains(",\t+86,"),
            "{row}"
        );
        let back = round_trip(read_csv(&csv).unwrap());
        assert_eq!(
            (back[0].number.as_str(), back[0].summary.as_str(), back[0].lead.as_str()),
            ("=1+1", "@SUM(A1)", "-王")
        );
    }

    #[test]
    fn xlsx_keeps_leading_zeros_and_writes_real_dates() {
        let cases = sample();
        let refs: Vec<&Case> = cases.iter().collect();
        let sheet = xlsx::read_first_sheet(&cases_to_xlsx(&refs, &campaign())).unwrap();
        let row = &sheet.rows[1].1;
        assert_eq!(row[0], "001");
        assert_eq!(row[3], xlsx::excel_serial(day("2026-03-01")).to_string());
        assert_eq!(row[10], "12");
    }
}
