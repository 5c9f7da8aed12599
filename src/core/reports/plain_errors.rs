//! Every error the core produces outside the ledger reader (whose broken files are tried in
//! `exchange::json`), through each module's own entry point, is plain Chinese for a clerk.

use crate::core::ledger::wording::assert_plain;

#[test]
fn every_error_of_the_core_is_plain_chinese() {
    use crate::core::exchange::journal;
    use crate::core::exchange::local;
    use crate::core::exchange::packing;
    use crate::core::exchange::table_import;
    use crate::core::exchange::vault;
    use crate::core::ledger::campaign_draft as campaign;
    use crate::core::ledger::model::{Case, Ledger, Status};
    use crate::core::ledger::text;
    use crate::core::reports::report;
    use crate::core::rules::closure;
    use crate::core::rules::workflow;
    let mut errors: Vec<String> = Vec::new();

    // Encryption: every kind of refusal, from real failures.
    let params = vault::KdfParams { memory_kib: 8, passes: 1 };
    let key = vault::Key::derive("正确的密码 2026", [1; 16], params).unwrap();
    let sealed = key.seal("{}", [[1; 12], [2; 12]]);
    errors.push(vault::open(&sealed, "错误的密码 2026").unwrap_err().to_string());
    errors.push(vault::open("{}", "任意的密码 2026").unwrap_err().to_string());
    errors.push(
        vault::open(&sealed.replace("\"version\":1", "\"version\":9"), "x")
            .unwrap_err()
            .to_string(),
    );
    errors.push(vault::Key::derive("短", [0; 16], params).unwrap_err().to_string());
    let hostile = vault::KdfParams { memory_kib: u32::MAX, passes: 1 };
    errors.push(vault::Key::derive("足够长的密码 2026", [0; 16], hostile).unwrap_err().to_string());
    errors.push(vault::VaultError::Damaged.to_string());

    // Packed storage: cut, altered, not text.
    let packed = packing::pack(&"台账".repeat(1000));
    for broken in [&packed[..packed.len() / 2], "jiean-z1:abc", "jiean-z1:"] {
        errors.push(packing::unpack(broken).unwrap_err().to_string());
    }
    for e in
        [packing::PackError::Corrupt, packing::PackError::TooLarge, packing::PackError::NotText]
    {
        errors.push(e.to_string());
    }

    // 回收站, journal entries, typed dates and months, campaign settings.
    let ledger = Ledger {
        cases: vec![Case { id: "a".into(), number: "A".into(), ..Case::default() }],
        ..Ledger::default()
    };
    let mut trash = local::Local::default();
    trash.throw_away(
        [Case { id: "b".into(), number: "A".into(), ..Case::default() }],
        "2026-01-01T08:00:00".parse().unwrap(),
    );
    errors.push(trash.check_restore("b", &ledger).unwrap_err());
    errors.push(trash.check_restore("z", &ledger).unwrap_err());
    for entry in ["", "{", "{\"stored\": 5}", "{\"stored\": {\"format\": \"x\"}}"] {
        let (mut l, mut t) = (ledger.clone(), local::Local::default());
        errors.push(journal::apply_entry(&mut l, &mut t, entry).unwrap_err());
    }
    for typed in ["昨天", "2026-02-30", "1026-03-01", "20266-01-01"] {
        errors.push(text::parse_date(typed).unwrap_err());
    }
    for typed in ["十一月", "2026-13", "0-1"] {
        errors.push(report::Month::parse(typed).unwrap_err());
    }
    let limits = campaign::LimitsDraft {
        rule: "x".into(),
        counts_from: "x".into(),
        extensions_allowed: true,
        max_extension_days: "很多".into(),
    };
    let target =
        campaign::TargetDraft { rate: "x".into(), percent: "200".into(), by: "明年".into() };
    errors.extend(
        crate::core::ledger::campaign::Campaign::from_form(
            "",
            "昨天",
            "2026-13-01",
            &limits,
            &[target],
        )
        .unwrap_err(),
    );

    // Workflow moves refused.
    let case = Case { number: "JA-1".into(), summary: "诉求".into(), ..Case::default() };
    let verdict = closure::check(
        &case,
        crate::core::ledger::model::StandardId::default().standard(),
        &Default::default(),
        "2026-11-23".parse().unwrap(),
    );
    errors.push(workflow::check(&case, &workflow::Move::Start, &verdict).unwrap_err());
    errors.push(workflow::check(&case, &workflow::Move::Assign, &verdict).unwrap_err());
    let awaiting = Case { status: Status::AwaitingReview, ..case.clone() };
    let send_back = workflow::Move::SendBack { reason: " ".into(), reviewer: "张三".into() };
    errors.push(workflow::check(&awaiting, &send_back, &verdict).unwrap_err());
    let send_back = workflow::Move::SendBack { reason: "缺材料".into(), reviewer: "".into() };
    errors.push(workflow::check(&awaiting, &send_back, &verdict).unwrap_err());
    let today = "2026-11-23".parse().unwrap();
    errors.push(
        workflow::check_date(&case, &workflow::Move::Assign, "2027-01-01".parse().unwrap(), today)
            .unwrap_err(),
    );

    // Spreadsheets that cannot be read.
    for bytes in [
        &b""[..],
        b"PK\x03\x04 broken",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"{\"format\":1}",
        b"\x89PNG\r\n",
    ] {
        let error =
            table_import::file_kind(bytes).err().or_else(|| table_import::read_xlsx(bytes).err());
        errors.push(error.expect("a broken spreadsheet is refused"));
    }
    errors.push(table_import::read_csv("a,\"b\nc").unwrap_err());

    for message in &errors {
        assert_plain(message, &["JA-1", "A"]);
    }
    assert!(errors.len() > 30, "{} errors", errors.len());
}
