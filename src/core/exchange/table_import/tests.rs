//! Planning whole sheets, and the fixtures of tests/fixtures (made as README.md there says).

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::core::exchange::xlsx::DateSystem;
use crate::core::ledger::model::{Case, Category, Flag, Outcome, Source, Status};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> NaiveDateTime {
    "2026-11-23T10:00:00".parse().unwrap()
}

fn plan(t: &Table, ledger: &Ledger) -> ImportPlan {
    let layout = guess_layout(t);
    let mapping = guess_mapping(&layout.headers);
    let context =
        Context { ledger, today: day("2026-11-23"), now: now(), number_prefix: "导入-" };
    plan_import(t, &layout, &mapping, &context)
}

fn messages(plan: &ImportPlan) -> Vec<String> {
    plan.errors.iter().map(|e| e.message()).collect()
}

#[test]
fn rows_become_cases_with_named_values_and_progress() {
    let t = Table::of(&[
        &[
            "案件编号",
            "交办来源",
            "信访人",
            "涉及人数",
            "反映问题",
            "问题类别",
            "案件特征",
            "包案领导",
            "责任单位",
            "协办单位",
            "交办日期",
            "办结时限",
            "状态",
            "办理情况",
        ],
        &[
            "JA-1",
            "市联席办",
            "李四",
            "12人",
            "征地补偿款未到位",
            "征地",
            "集体访、重复访",
            "王副县长",
            "县自然资源局",
            "国土局、财政局",
            "2026/3/1",
            "2026年5月30日",
            "化解中",
            "2026-03-05 首次约谈\n补充说明\n2026-04-01 召开协调会",
        ],
    ]);
    let plan = plan(&t, &Ledger::default());
    assert_eq!(plan.errors, []);
    let case = &plan.cases[0].1;
    assert_eq!(case.source, Some(Source::City));
    assert_eq!(case.people_count, Some(12));
    assert_eq!(case.category, Some(Category::LandRequisition));
    assert_eq!(case.flags, [Flag::Repeated, Flag::Collective]);
    assert_eq!(case.assisting_units, ["国土局", "财政局"]);
    assert_eq!(case.assigned_on, Some(day("2026-03-01")));
    assert_eq!(case.deadline, Some(day("2026-05-30")));
    assert_eq!(case.status, Status::InProgress);
    assert_eq!(case.updated_at, Some(now()));
    assert_eq!(case.remarks, "");
    assert!(case.id.is_empty());
    let log: Vec<_> = case.progress.iter().map(|e| (e.date, e.text.as_str())).collect();
    assert_eq!(log, [(day("2026-04-01"), "召开协调会"), (day("2026-03-05"), "首次约谈\n补充说明")]);
}

#[test]
fn a_text_longer_than_a_json_import_accepts_is_a_bad_row() {
    let long = "长".repeat(crate::core::ledger::limits::MAX_TEXT_CHARS + 1);
    let t = Table::of(&[&["案件编号", "反映问题"], &["JA-1", &long], &["JA-2", "诉求"]]);
    let plan = plan_fn(&t);
    assert_eq!(plan.cases.len(), 1);
    assert_eq!(plan.errors[0].message(), "第 2 行：「诉求摘要」过长（20001 字，上限 20000 字）");
}

#[test]
fn unknown_values_never_refuse_a_row_and_are_kept() {
    let t = Table::of(&[
        &[
            "案件编号",
            "诉求摘要",
            "信访类型",
            "来源",
            "问题类别",
            "状态",
            "涉及人数",
            "案件特征",
            "包案领导",
            "责任单位",
        ],
        &["A-1", "x", "来访", "12345", "天文", "暂缓", "几个", "重复访、老户", "王某", "县局"],
        &["A-2", "y", "", "网上信访", "天文", "", "", "", "", ""],
    ]);
    let plan = plan(&t, &Ledger::default());
    assert_eq!(plan.errors, []);
    let first = &plan.cases[0].1;
    assert_eq!(first.channel, "来访");
    assert_eq!(first.flags, [Flag::Repeated]);
    assert_eq!(first.status, Status::Registered);
    assert_eq!(
        first.remarks,
        "导入时原样保留：涉及人数“几个”；来源“12345”；问题类别“天文”；案件特征“老户”；状态“暂缓”"
    );
    assert_eq!(plan.cases[1].1.channel, "网上信访");
    let categories = plan.kept.iter().find(|(h, _)| h == "问题类别").unwrap();
    assert_eq!(categories.1, [("天文".to_string(), 2)]);
}

#[test]
fn bad_rows_are_reported_by_row_and_column_and_kept_out() {
    let t = Table::of(&[
        &["案件编号", "诉求摘要", "交办日期", "包案领导"],
        &["A-1", "正常", "2026-03-01", "副县长 王某"],
        &["A-2", "日期错", "2026-13-01", ""],
        &["A-1", "编号重复", "", ""],
        &["", "没有编号", "", ""],
        &["A-3", "两名领导", "", "王某、李某"],
        &["A-5", "", "", ""],
    ]);
    let plan = plan(&t, &Ledger::default());
    assert_eq!(plan.cases.len(), 1);
    let messages = messages(&plan);
    assert_eq!(
        messages[0],
        "第 3 行：「交办日期」列：“2026-13-01”不是有效日期，请按 年-月-日 填写，如 2026-03-01"
    );
    assert_eq!(messages[1], "第 4 行：「案件编号」列：案件编号“A-1”与第 2 行重复");
    assert_eq!(messages[2], "第 5 行：「案件编号」列：缺少案件编号");
    assert!(messages[3].starts_with("第 6 行：「包案领导」列：“王某、李某”有多名领导"));
    assert_eq!(messages[4], "第 7 行：「诉求摘要」列：缺少诉求摘要");
}

#[test]
fn a_sheet_without_numbers_gets_them_from_the_serial() {
    let t = Table::of(&[
        &["序号", "信访人", "信访内容"],
        &["1", "张三", "a"],
        &["2", "李四", "b"],
        &["", "王五", "c"],
    ]);
    let plan = plan(&t, &Ledger::default());
    assert!(plan.generated_numbers);
    let numbers: Vec<_> = plan.cases.iter().map(|(_, c)| c.number.as_str()).collect();
    assert_eq!(numbers, ["导入-001", "导入-002", "导入-003"]);
    let t = Table::of(&[&["名称", "内容"], &["a", "b"]]);
    assert_eq!(messages(&plan_fn(&t)), ["第 2 行：缺少诉求摘要（请为「诉求摘要」选择一列）"]);
}

fn plan_fn(t: &Table) -> ImportPlan {
    plan(t, &Ledger::default())
}

#[test]
fn footers_and_sub_headers_are_no_bad_rows() {
    let t = Table::of(&[
        &["某县信访积案化解台账"],
        &["填报单位：县信访局", "", "填报日期：2026年3月1日"],
        &["序号", "信访人", "信访内容", "包案领导", "", "责任单位", "是否化解"],
        &["", "", "", "姓名", "职务", "", ""],
        &["1", "张三", "补偿", "陈国庆", "县委常委、副县长", "县自然资源局", "是"],
        &["2", "李四", "拆迁", "", "", "城关镇", "否"],
        &["合计", "2 件"],
        &["填表人：王某", "", "审核人：李某"],
    ]);
    let plan = plan(&t, &Ledger::default());
    assert_eq!(plan.errors, []);
    assert_eq!(plan.footers, [7, 8]);
    let first = &plan.cases[0].1;
    assert_eq!(first.lead, "陈国庆（县委常委、副县长）");
    assert_eq!((first.status, first.outcome), (Status::Closed, Some(Outcome::Resolved)));
    assert_eq!(plan.cases[1].1.status, Status::Registered);
}

#[test]
fn status_follows_what_the_row_says() {
    let t = Table::of(&[
        &["案件编号", "诉求摘要", "包案领导", "责任单位", "办结时间", "状态", "交办时间"],
        &["A", "x", "王某", "县局", "2026-05-01", "化解中", "2026-01-05"],
        &["B", "y", "", "", "", "化解中", "2026-01-05"],
        &["C", "z", "王某", "县局", "", "", "2026-01-05"],
        &["D", "w", "", "", "", "息诉息访", ""],
    ]);
    let plan = plan(&t, &Ledger::default());
    let status: Vec<_> = plan.cases.iter().map(|(_, c)| (c.status, c.outcome)).collect();
    assert_eq!(
        status,
        [
            (Status::Closed, None),
            (Status::Registered, None),
            (Status::Assigned, None),
            (Status::Closed, Some(Outcome::Settled)),
        ]
    );
    assert!(plan.cases[1]
        .1
        .remarks
        .contains("状态“化解中（缺少包案领导或责任单位，按排查登记导入）”"));
}

#[test]
fn dates_as_written_are_kept_and_progress_takes_the_case_year() {
    let t = Table::of(&[
        &["案件编号", "诉求摘要", "登记日期", "办结时限", "办理情况"],
        &["A", "x", "2021年3月", "长期", "3月4日：约谈信访人"],
    ]);
    let plan = plan(&t, &Ledger::default());
    let case = &plan.cases[0].1;
    assert_eq!(case.registered_on, Some(day("2021-03-01")));
    assert_eq!(case.deadline, None);
    assert_eq!(case.progress[0].date, day("2021-03-04"));
    assert!(
        case.remarks.contains("登记日期“2021年3月（只写到月，按 3月1日 导入）”"),
        "{}",
        case.remarks
    );
    assert!(case.remarks.contains("办结时限“长期”"));
}

#[test]
fn leaders_phones_go_to_the_leaders_contact() {
    let t = Table::of(&[
        &["案件编号", "诉求摘要", "包案领导及联系方式", "备注"],
        &["A", "x", "陈国庆 13800138000", "老户"],
        &["B", "x", "陈国庆（县委常委、副县长）", ""],
        &["C", "x", "陈国庆、王明", ""],
    ]);
    let plan = plan_fn(&t);
    let case = &plan.cases[0].1;
    assert_eq!((case.lead.as_str(), case.lead_contact.as_str()), ("陈国庆", "13800138000"));
    assert_eq!(case.remarks, "老户");
    // One leader with a title; two names are flagged as two leaders.
    assert_eq!(plan.cases[1].1.lead, "陈国庆（县委常委、副县长）");
    assert_eq!(plan.errors.len(), 1);
    assert!(plan.errors[0].reason.contains("“陈国庆、王明”有多名领导"), "{:?}", plan.errors);
}

#[test]
fn a_row_of_a_case_the_ledger_holds_updates_it_through_the_merge() {
    let mut ledger = Ledger::default();
    let mut held = Case {
        id: "x".into(),
        number: "A-1".into(),
        summary: "已有".into(),
        lead: "陈国庆".into(),
        responsible_unit: "县信访局".into(),
        status: Status::InProgress,
        remarks: "老户".into(),
        rebounds: 1,
        ..Case::default()
    };
    held.add_progress(day("2026-03-01"), "约谈");
    ledger.cases.push(held.clone());
    let t = Table::of(&[
        &["案件编号", "诉求摘要", "交办来源", "状态"],
        &["A-1", "改过的诉求", "某某信访办", "在办"],
        &["A-2", "新案件", "", ""],
    ]);
    let plan = plan(&t, &ledger);
    assert_eq!(plan.cases.len(), 1);
    let (row, updated) = &plan.updates[0];
    assert_eq!(*row, 2);
    // The sheet's columns over the ledger's case; what it has no column for stays.
    assert_eq!(updated.id, "x");
    assert_eq!(updated.summary, "改过的诉求");
    assert_eq!((updated.lead.as_str(), updated.status), ("陈国庆", Status::InProgress));
    assert_eq!(updated.progress, held.progress);
    assert_eq!(updated.rebounds, 1);
    assert_eq!(updated.remarks, "老户\n导入时原样保留：交办来源“某某信访办”");
    let mut n = 0;
    let incoming = incoming(&ledger, plan, || {
        n += 1;
        format!("id{n}")
    });
    let merge = crate::core::exchange::merge::plan(&ledger, &incoming, |_| false);
    assert_eq!(merge.added.len(), 1);
    assert_eq!(merge.added[0].id, "id1");
    let fields: Vec<&str> = merge.conflicts[0].fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(fields, ["诉求摘要", "备注"]);
    assert!(!merge.settings_differ);
}

#[test]
fn a_case_without_leader_and_unit_never_comes_in_assigned() {
    let t = Table::of(&[&["案件编号", "诉求摘要", "状态"], &["A-1", "x", "在办"]]);
    let case = &plan_fn(&t).cases[0].1;
    assert_eq!(case.status, Status::Registered);
    assert!(case.remarks.contains("缺少包案领导或责任单位"), "{}", case.remarks);
}

#[test]
fn error_rows_keep_dates_as_dates_and_import_again() {
    let mut t = Table::of(&[&["序号", "信访人"], &["", "姓名"], &["1", "张三"], &["2", "李四"]]);
    t.rows[0].1.extend(["诉求摘要".into(), "交办日期".into(), "延期批准日期".into()]);
    t.rows[2].1.extend(["".into(), "46082".into(), "46090".into()]);
    t.rows[3].1.extend(["可导入".into(), "46082".into()]);
    t.serial_dates = Some(DateSystem::Excel1900);
    let layout = guess_layout(&t);
    let mapping = guess_mapping(&layout.headers);
    let ledger = Ledger::default();
    let context =
        Context { ledger: &ledger, today: day("2026-11-23"), now: now(), number_prefix: "X" };
    let plan = plan_import(&t, &layout, &mapping, &context);
    assert_eq!((plan.cases.len(), plan.errors.len()), (1, 1));
    assert_eq!(plan.cases[0].1.number, "X002");
    let csv = error_rows_csv(&t, &layout, &mapping, &plan.errors);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}案件编号,序号,信访人姓名,诉求摘要,交办日期,延期批准日期,原行号,错误原因"
    );
    assert!(lines[1].starts_with("X001,1,张三,,2026-03-01,2026-03-09,3,"), "{}", lines[1]);
    // The clerk fills the one cell it names; the row imports under its number, dates intact.
    let fixed = csv.replace("X001,1,张三,,", "X001,1,张三,补办,");
    let again = read_csv(&fixed).unwrap();
    let layout = guess_layout(&again);
    let mapping = guess_mapping(&layout.headers);
    let again = plan_import(&again, &layout, &mapping, &context);
    assert_eq!(again.errors, []);
    let case = &again.cases[0].1;
    assert_eq!((case.number.as_str(), case.summary.as_str()), ("X001", "补办"));
    assert_eq!(case.assigned_on, Some(day("2026-03-01")));
    let approved = case.packet.extension.as_ref().and_then(|e| e.approved_on);
    assert_eq!(approved, Some(day("2026-03-09")));
}

mod fixtures {
    use super::*;

    fn decode(bytes: &[u8]) -> String {
        // What the shell does with the browser's TextDecoder(label).
        let encoding = match detect_encoding(bytes) {
            TextEncoding::Gbk => encoding_rs::GBK,
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            other => panic!("unexpected {other:?}"),
        };
        let (text, _, malformed) = encoding.decode(bytes);
        assert!(!malformed);
        text.into_owned()
    }

    #[test]
    fn gbk_csv_from_chinese_excel() {
        let bytes = include_bytes!("../../../../tests/fixtures/ledger-gbk.csv");
        assert_eq!(file_kind(bytes), Ok(FileKind::Text(TextEncoding::Gbk)));
        let t = read_csv(&decode(bytes)).unwrap();
        let layout = guess_layout(&t);
        assert_eq!(layout.header_at, 1, "the title row is skipped");
        let mut mapping = guess_mapping(&layout.headers);
        let column = |m: &Mapping, f| m.get(f).map(|c| layout.headers[c].as_str());
        assert_eq!(column(&mapping, Field::Number), Some("编号"));
        assert_eq!(column(&mapping, Field::Contact), Some("联系电话"));
        assert_eq!(column(&mapping, Field::Summary), Some("反映问题"));
        assert_eq!(column(&mapping, Field::AssignedOn), Some("交办时间"));
        assert_eq!(column(&mapping, Field::Status), Some("办理状态"));
        assert_eq!(column(&mapping, Field::Progress), Some("化解进展"));
        assert_eq!(column(&mapping, Field::StabilityOwner), None);
        mapping.set(Field::StabilityOwner, Some(11));
        let context = Context {
            ledger: &Ledger::default(),
            today: day("2026-11-23"),
            now: now(),
            number_prefix: "",
        };
        let plan = plan_import(&t, &layout, &mapping, &context);
        let numbers: Vec<_> = plan.cases.iter().map(|(_, c)| c.number.as_str()).collect();
        assert_eq!(numbers, ["XF-2026-001", "XF-2026-003"]);
        assert_eq!(plan.errors.len(), 1);
        assert!(plan.errors[0]
            .message()
            .starts_with("第 4 行：「办结时限」列：“2026/2/30”不是有效日期"));
        let csv = error_rows_csv(&t, &layout, &mapping, &plan.errors);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(
            lines[0].starts_with("\u{feff}序号,编号,信访人,联系电话,反映问题,"),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with(",维稳责任,化解进展,原行号,错误原因"));
        assert!(lines[1].starts_with("2,XF-2026-002,李秀英,13900139000,房屋拆迁安置面积有异议,房屋拆迁,陈明,城关镇人民政府,2026/3/2,2026/2/30,已交办,周主任,,4,「办结时限」列：“2026/2/30”不是有效日期"));
        let first = &plan.cases[0].1;
        assert_eq!(first.petitioner.name, "张建国");
        assert_eq!(first.assigned_on, Some(day("2026-03-01")));
        assert_eq!(first.stability_owner, "刘所长");
        assert_eq!(first.progress[0].date, day("2026-03-05"));
        assert_eq!(plan.cases[1].1.summary, "企业改制后社保接续问题，\"集体\"反映");
    }

    #[test]
    fn utf8_csv_with_bom() {
        let bytes = include_bytes!("../../../../tests/fixtures/ledger-utf8-bom.csv");
        assert_eq!(file_kind(bytes), Ok(FileKind::Text(TextEncoding::Utf8)));
        let t = read_csv(&decode(bytes)).unwrap();
        assert_eq!(t.rows[0].1[0], "案件编号", "the BOM is not part of the first header");
        let plan = plan_fn(&t);
        assert_eq!(plan.errors, []);
        let case = &plan.cases[1].1;
        assert_eq!(
            (case.assigned_on, case.deadline),
            (Some(day("2026-04-03")), Some(day("2026-07-02")))
        );
        assert_eq!(case.status, Status::InProgress);
    }

    #[test]
    fn xlsx_written_by_libreoffice() {
        let bytes = include_bytes!("../../../../tests/fixtures/ledger-libreoffice.xlsx");
        assert_eq!(file_kind(bytes), Ok(FileKind::Xlsx));
        let sheets = read_xlsx(bytes).unwrap();
        let t = &sheets[guess_sheet(&sheets)];
        assert_eq!(t.serial_dates, Some(DateSystem::Excel1900));
        let plan = plan_fn(t);
        assert_eq!(plan.errors, []);
        let cases: Vec<&Case> = plan.cases.iter().map(|(_, c)| c).collect();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0].assigned_on, Some(day("2026-02-10")));
        assert_eq!(cases[0].deadline, Some(day("2026-05-11")));
        assert_eq!(cases[0].people_count, Some(1));
        assert_eq!(cases[1].flags, [Flag::SkipLevel, Flag::Collective]);
        assert_eq!(cases[1].assisting_units, ["县自然资源局", "县税务局"]);
        assert_eq!(cases[1].category, Some(Category::UnfinishedHousing));
        assert_eq!(cases[2].summary, "对医疗事故鉴定结论不服 & 要求赔偿");
        assert_eq!(cases[2].deadline, None);
        assert_eq!(cases[2].status, Status::Registered);
    }

    /// A file as the import screen takes it, with the guessed sheet, header and mapping.
    fn guessed(bytes: &[u8]) -> (Table, ImportPlan) {
        let tables = match file_kind(bytes).unwrap() {
            FileKind::Xlsx => read_xlsx(bytes).unwrap(),
            FileKind::Text(_) => vec![read_csv(&decode(bytes)).unwrap()],
        };
        let table = tables[guess_sheet(&tables)].clone();
        let plan = plan_fn(&table);
        (table, plan)
    }

    #[test]
    fn an_office_workbook_with_merged_two_row_header_and_footers() {
        let (table, plan) =
            guessed(include_bytes!("../../../../tests/fixtures/ledger-office.xlsx"));
        assert_eq!(table.name, "积案台账");
        assert_eq!(messages(&plan), Vec::<String>::new());
        assert_eq!(plan.footers, [9]);
        assert!(plan.generated_numbers);
        let cases: Vec<&Case> = plan.cases.iter().map(|(_, c)| c).collect();
        let numbers: Vec<&str> = cases.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, ["导入-001", "导入-002", "导入-003", "导入-004"]);
        // One leader merged over three cases stands on each.
        let leads: Vec<&str> = cases.iter().map(|c| c.lead.as_str()).collect();
        assert_eq!(
            leads,
            [
                "陈国庆（县委常委、副县长）",
                "陈国庆（县委常委、副县长）",
                "陈国庆（县委常委、副县长）",
                "刘洋（副县长）"
            ]
        );
        let first = cases[0];
        assert_eq!(first.petitioner.id_number, "320102196505051234", "the hidden column is read");
        assert_eq!(first.petitioner.contact, "13800138000");
        assert_eq!(first.channel, "来访");
        assert_eq!(first.registered_on, Some(day("2021-03-02")));
        assert_eq!((first.status, first.outcome), (Status::Closed, Some(Outcome::Resolved)));
        assert_eq!(first.progress[1].date, day("2021-03-04"), "the case's year");
        assert_eq!(cases[1].deadline, None);
        assert!(
            cases[1].remarks.starts_with("多次到市上访\n导入时原样保留：办结时限“长期”"),
            "{}",
            cases[1].remarks
        );
        assert_eq!(cases[2].registered_on, Some(day("2021-03-01")));
        assert_eq!(cases[3].channel, "12345热线");
        assert!(cases[3].remarks.contains("问题类别“城建”"));
        assert_eq!(cases[3].status, Status::Registered);
    }

    #[test]
    fn inline_strings_on_the_second_sheet() {
        let (table, plan) =
            guessed(include_bytes!("../../../../tests/fixtures/ledger-second-sheet-inline.xlsx"));
        assert_eq!(table.name, "信访事项台账");
        assert_eq!(messages(&plan), Vec::<String>::new());
        let cases: Vec<&Case> = plan.cases.iter().map(|(_, c)| c).collect();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0].registered_on, Some(day("2024-03-14")));
        assert_eq!(cases[0].lead, "陈国庆（县委常委、副县长）");
        assert_eq!(cases[0].lead_contact, "13912345678");
        assert_eq!(cases[0].status, Status::InProgress);
        assert_eq!(cases[1].status, Status::Assigned);
        assert!(cases[1].remarks.contains("回访情况：满意"));
        assert_eq!(cases[2].channel, "12345");
        assert_eq!(cases[2].registered_on, Some(day("2024-03-20")));
        assert!(cases[2].remarks.contains("应结办日期“3月底”"));
    }

    #[test]
    fn a_dispute_ledger_as_gbk_csv_with_two_header_rows() {
        let (_, plan) =
            guessed(include_bytes!("../../../../tests/fixtures/ledger-dispute-gbk.csv"));
        assert_eq!(messages(&plan), Vec::<String>::new());
        assert_eq!(plan.footers, [8, 9]);
        let cases: Vec<&Case> = plan.cases.iter().map(|(_, c)| c).collect();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0].lead, "郑伟（镇长）");
        assert_eq!(cases[0].petitioner.contact, "13600136000");
        assert_eq!(
            (cases[0].status, cases[0].packet.closed_on),
            (Status::Closed, Some(day("2026-02-20")))
        );
        assert_eq!(cases[1].channel, "电话");
        assert!(cases[0].remarks.contains("纠纷类型“土地纠纷”") || cases[0].category.is_some());
    }
}

#[test]
fn unrecognised_values_are_listed_and_mapped_by_the_clerk() {
    let t = Table::of(&[
        &["案件编号", "诉求摘要", "来源", "问题类别", "案件特征"],
        &["A", "x", "省信访局", "城建", "重访、老户"],
        &["B", "x", "某某办", "城建", ""],
        &["C", "x", "来信", "征地", ""],
        &["填表人：张三"],
    ]);
    let layout = guess_layout(&t);
    let mut mapping = guess_mapping(&layout.headers);
    type Listed = Vec<(String, usize, Option<&'static str>)>;
    let listed = |m: &Mapping| -> Vec<(Field, Listed)> {
        unrecognised_values(&t, &layout, m).into_iter().map(|c| (c.field, c.values)).collect()
    };
    // 省信访局, 征地 and 重访 are known words, 来信 a channel; the footer holds no value.
    assert_eq!(
        listed(&mapping),
        [
            (Field::Source, vec![("某某办".to_string(), 1, None)]),
            (Field::Category, vec![("城建".to_string(), 2, None)]),
            (Field::Flags, vec![("老户".to_string(), 1, None)]),
        ]
    );
    let ledger = Ledger::default();
    let context =
        Context { ledger: &ledger, today: day("2026-11-23"), now: now(), number_prefix: "" };
    let kept = |m: &Mapping| {
        let kept = plan_import(&t, &layout, m, &context).kept;
        kept.into_iter().find(|(h, _)| h == "问题类别").map(|(_, v)| v)
    };
    assert_eq!(kept(&mapping), Some(vec![("城建".to_string(), 2)]));

    mapping.set_value(Field::Category, "城建", Some("物业管理"));
    mapping.set_value(Field::Flags, "老户", Some("不存在的特征"));
    let plan = plan_import(&t, &layout, &mapping, &context);
    assert_eq!(plan.cases[1].1.category, Some(Category::PropertyManagement));
    assert!(!plan.kept.iter().any(|(h, _)| h == "问题类别"), "{:?}", plan.kept);
    // A mapped value stays listed with its choice; a label the field lacks is no choice.
    assert_eq!(listed(&mapping)[1].1, [("城建".to_string(), 2, Some("物业管理"))]);
    assert_eq!(listed(&mapping)[2].1, [("老户".to_string(), 1, None)]);
    // 原样保留 again, and a choice goes with its column.
    mapping.set_value(Field::Category, "城建", None);
    assert_eq!(kept(&mapping), Some(vec![("城建".to_string(), 2)]));
    mapping.set_value(Field::Category, "城建", Some("物业管理"));
    mapping.set(Field::Category, Some(4));
    assert!(mapping.values().is_empty());
}

/// A 信访登记台账 as a how-to for clerks lays it out (序号或来信编号, 信访类型 holding channels,
/// 接件时间 to the hour, 信访人姓名和相关信息, 案件地点, anonymous petitioners): it imports with
/// the guessed mapping.
#[test]
fn a_registration_ledger_with_channels_and_times_to_the_hour() {
    let t = Table::of(&[
        &[
            "序号或来信编号",
            "信访类型",
            "接件时间",
            "信访人姓名和相关信息",
            "信访内容",
            "案件地点",
            "联系电话",
            "办理情况",
        ],
        &[
            "LX-001",
            "12345市民热线",
            "2024年5月6日9时",
            "匿名",
            "某小区违规装修破坏承重墙",
            "某小区3栋",
            "",
            "5月6日：转县住建局核查\n5月8日：已完成整改，回复投诉人",
        ],
        &["LX-002", "部门转入", "2024-05-07 14:30", "王女士", "噪音扰民", "", "13800138000", ""],
    ]);
    let layout = guess_layout(&t);
    let mapping = guess_mapping(&layout.headers);
    let column = |f| mapping.get(f).map(|c| layout.headers[c].as_str());
    assert_eq!(column(Field::Number), Some("序号或来信编号"));
    assert_eq!(column(Field::Channel), Some("信访类型"));
    assert_eq!(column(Field::Petitioner), Some("信访人姓名和相关信息"));
    let plan = plan_fn(&t);
    assert_eq!(messages(&plan), Vec::<String>::new());
    let case = &plan.cases[0].1;
    assert_eq!(
        (case.channel.as_str(), case.registered_on),
        ("12345市民热线", Some(day("2024-05-06")))
    );
    assert_eq!(
        case.progress.iter().map(|e| e.date).collect::<Vec<_>>(),
        [day("2024-05-08"), day("2024-05-06")]
    );
    assert_eq!(plan.cases[1].1.petitioner.contact, "13800138000");
}
