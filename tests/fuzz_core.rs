//! A bounded fuzz run over every way data enters the core: stored and imported JSON, CSV and XLSX
//! bytes, packed storage text, encrypted envelopes, and typed form values. Inputs are seeds (the
//! fixtures and what this build writes) mutated by a small deterministic generator, so that the
//! run is repeatable and takes seconds. Whatever the input, the core must answer with a value or a
//! Chinese error — a panic kills the page (`panic = "abort"`) — and whatever it accepts must be
//! usable: deadlines, urgency, closure checks, statistics, the monthly report, the table exports,
//! the search, the merge, the workflow moves; and every file an accepted ledger exports must
//! import again (every backup restores).
//!
//! `FUZZ_ROUNDS=20000 cargo test --test fuzz_core` runs longer.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use jiean::core::exchange::json::{read_ledger, read_stored, write_ledger, write_stored};
use jiean::core::exchange::local::{backup_status, Local};
use jiean::core::exchange::merge;
use jiean::core::exchange::packing::{decompress, from_stored, pack, unpack};
use jiean::core::exchange::table_export::{cases_to_csv, cases_to_xlsx};
use jiean::core::exchange::table_import::{
    self, error_rows_csv, guess_layout, guess_mapping, guess_sheet, plan_import, read_csv,
    read_xlsx, Context,
};
use jiean::core::exchange::vault::{self, KdfParams, Key};
use jiean::core::ledger::campaign::Campaign;
use jiean::core::ledger::campaign_draft::{LimitsDraft, TargetDraft};
use jiean::core::ledger::draft::CaseDraft;
use jiean::core::ledger::model::{Case, Ledger, Outcome, Resolution};
use jiean::core::reports::query::{Facts, Filter, SearchIndex};
use jiean::core::reports::report::{monthly, to_csv, Month};
use jiean::core::reports::stats::dashboard;
use jiean::core::rules::closure::{check, STANDARDS};
use jiean::core::rules::procedure;
use jiean::core::rules::workflow::{self, Move};

/// Mutated inputs per kind of input; `FUZZ_ROUNDS` overrides it.
const ROUNDS: usize = 400;

fn rounds() -> usize {
    std::env::var("FUZZ_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(ROUNDS)
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that sit on the edges the core must handle: the ends of the calendar and of the
/// ledger's years, impossible dates, huge and negative numbers, long and odd texts.
fn edge_texts() -> Vec<String> {
    [
        "+262142-12-31",
        "-262143-01-01",
        "262142-12",
        "2100-12-31",
        "1900-01-01",
        "1899-12-31",
        "2101-01-01",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "9999-12-31",
        "2026-03-01T25:00:00",
        "+262142-12-31T23:59:59",
        "2026/3/1",
        "2026年3月1日",
        "4294967295",
        "4294967296",
        "-1",
        "1e309",
        "99999999999999999999",
        "",
        " ",
        "\u{feff}",
        "\0",
        "\"",
        "=1+1",
        "<script>x</script>",
        "张三、李四",
        "化解中",
        "已办结",
        "交办之日起60日，经批准可延期30日",
        "办结率",
        "%",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(["长".repeat(20_001), "a".repeat(20_001), "\n".repeat(500), "、".repeat(300)])
    .collect()
}

fn edge_values(edges: &[String]) -> Vec<Value> {
    let mut values: Vec<Value> = edges.iter().map(|s| Value::String(s.clone())).collect();
    values.extend(
        [
            "0",
            "-1",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "1.5",
            "1e300",
            "true",
            "null",
            "[]",
            "{}",
        ]
        .iter()
        .map(|v| serde_json::from_str::<Value>(v).unwrap()),
    );
    values.push(Value::Array(vec![Value::Object(Default::default()); 3]));
    values
}

/// Every node of a JSON value, as paths of object keys and array indices.
fn paths(value: &Value, at: &mut Vec<Seg>, all: &mut Vec<Vec<Seg>>) {
    all.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                at.push(Seg::Key(k.clone()));
                paths(v, at, all);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                paths(v, at, all);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn node_at<'a>(value: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::Index(i) => v.get_mut(*i),
    })
}

/// Keys of the ledger format (cases, packets, documents, campaign), inserted where absent.
const KEYS: &[&str] = &[
    "assigned_on",
    "registered_on",
    "deadline",
    "closed_on",
    "approved_on",
    "date",
    "days",
    "extension",
    "progress",
    "documents",
    "people_count",
    "rebounds",
    "pages",
    "status",
    "lead",
    "summary",
    "number",
    "id",
    "updated_at",
    "starts_on",
    "ends_on",
    "targets",
    "percent",
    "by",
    "deadline_rule",
    "outcome",
    "resolution",
    "kind",
    "item",
    "text",
    "assisting_units",
];

/// Structure-aware mutation: one node, picked uniformly, is replaced by an edge value (a date
/// by an edge date more often), removed, repeated, or given a format key it lacked.
fn mutate_value(value: &mut Value, rng: &mut Rng, edges: &[Value]) {
    let mut all = Vec::new();
    paths(value, &mut Vec::new(), &mut all);
    let path = rng.pick(&all).clone();
    let op = rng.below(10);
    if op == 0 {
        // Remove the node from its parent.
        if let Some((last, parent)) = path.split_last() {
            match (node_at(value, parent), last) {
                (Some(Value::Object(map)), Seg::Key(k)) => {
                    map.remove(k);
                }
                (Some(Value::Array(items)), Seg::Index(i)) => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        return;
    }
    let Some(node) = node_at(value, &path) else { return };
    match node {
        Value::Array(items) if op == 1 && !items.is_empty() => {
            let copy = items[rng.below(items.len())].clone();
            let n = 1 + rng.below(3);
            items.extend(std::iter::repeat_n(copy, n));
        }
        Value::Object(map) if op <= 3 => {
            let key = rng.pick(KEYS).to_string();
            let edge = rng.pick(edges).clone();
            map.insert(key, edge);
        }
        Value::String(s) if s.parse::<NaiveDate>().is_ok() && rng.below(4) != 0 => {
            *node = Value::String(rng.pick(EDGE_DATES).to_string());
        }
        _ => *node = rng.pick(edges).clone(),
    }
}

const EDGE_DATES: &[&str] = &[
    "+262142-12-31",
    "+262142-12-01",
    "-262143-01-01",
    "2100-12-31",
    "1900-01-01",
    "1899-12-31",
    "2101-01-01",
];

/// Byte-level mutation: flips, inserts, deletions, duplications and splices of edge texts.
fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng, edges: &[String]) {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 => bytes.insert(at, rng.next() as u8),
            2 if at < bytes.len() => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 if at < bytes.len() => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            4 => {
                let edge = rng.pick(edges).as_bytes().to_vec();
                bytes.splice(at..at, edge);
            }
            _ => {
                let byte = *rng.pick(b"\"{}[],:\\\n\r;\t0-/");
                bytes.insert(at, byte);
            }
        }
    }
}

fn mutate_text(text: &str, rng: &mut Rng, edges: &[String]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    mutate_bytes(&mut bytes, rng, edges);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-11-23")
}

fn now() -> NaiveDateTime {
    "2026-11-23T10:00:00".parse().unwrap()
}

/// Everything the app does with a ledger it opened.
fn use_ledger(ledger: &Ledger, local: &Local) {
    let campaign = &ledger.campaign;
    let mut facts = Vec::new();
    for case in &ledger.cases {
        let _ = campaign
            .deadline(case)
            .map(|d| d.map(|d| (d.due(), d.explain(campaign.deadline_rule))));
        let urgency = campaign.urgency(case, today());
        let _ = urgency.label();
        let mut verdict = None;
        for standard in STANDARDS {
            verdict = Some(check(case, standard, campaign, today()));
        }
        let verdict = verdict.unwrap();
        let _ = verdict.summary();
        let (stage, stage_urgency) = match procedure::timeline(campaign, case, today()) {
            Ok(t) => {
                t.limits.iter().for_each(|l| drop(l.explanation()));
                (t.stage, t.urgency)
            }
            Err(_) => (procedure::Stage::NotStarted, urgency),
        };
        facts.push(Facts {
            due: campaign.due(case),
            urgency,
            ready: verdict.ready(),
            complete_items: verdict.complete_items(),
            total_items: verdict.total_items(),
            stage,
            stage_urgency,
            returned: jiean::core::rules::workflow::returned(case),
        });
        let _ = jiean::core::ledger::limits::case_problems(case);
        let _ = CaseDraft::from_case(case).to_case(case, ledger, now());
        for mv in [
            Move::Assign,
            Move::Start,
            Move::Submit,
            Move::Approve { outcome: Outcome::Resolved, resolution: Resolution::Solved },
            Move::SendBack { reason: "材料不全".into(), reviewer: "张三".into() },
            Move::Rebound { note: "再次来访".into() },
        ] {
            let _ = workflow::check(case, &mv, &verdict);
            let mut moved = case.clone();
            let _ = workflow::apply(&mut moved, mv, today());
        }
    }
    let _ = jiean::core::ledger::limits::ledger_notice(ledger);
    let board = dashboard(&ledger.cases, campaign, today());
    let _ = format!("{board:?}");
    for month in [Month::of(today()), Month { year: 2026, month: 1 }] {
        let report = monthly(&ledger.cases, campaign, month, today());
        let _ = to_csv(&report, &campaign.name);
    }
    let all: Vec<&Case> = ledger.cases.iter().collect();
    let _ = cases_to_csv(&all, campaign);
    let _ = cases_to_xlsx(&all, campaign);
    let index = SearchIndex::new(&ledger.cases);
    let _ = index.rows(&ledger.cases, &facts, "张", &Filter::default(), None, None);
    // The printed 台账 of every case.
    let layout =
        jiean::core::reports::print::Layout::new(jiean::core::reports::print::PrintColumn::ALL);
    let heights: Vec<f64> = (ledger.cases.iter().zip(&facts))
        .enumerate()
        .map(|(n, (case, facts))| layout.row_height(&layout.cells(n + 1, case, facts)))
        .collect();
    let _ = layout.paginate(&heights);
    let _ = backup_status(local, now());
    let _ = write_stored(ledger, local);
    // A merge with itself and with an empty ledger.
    for other in [ledger.clone(), Ledger::default()] {
        let plan = merge::plan(ledger, &other, |id| local.in_trash(id));
        let _ = merge::apply(ledger, &plan, &plan.default_picks(), now());
        let plan = merge::plan(&other, ledger, |_| false);
        let _ = merge::apply(&other, &plan, &plan.newer_picks(), now());
    }
}

/// An accepted import must export a file that imports again, to the same ledger.
fn exported_file_restores(ledger: &Ledger) {
    let file = write_ledger(ledger, Some(now()), true);
    match read_ledger(&file) {
        Ok(again) => assert_eq!(&again, ledger, "an exported file reads back differently"),
        Err(e) => panic!("an accepted ledger's export is refused on import: {e}"),
    }
}

fn seeds_json() -> Vec<String> {
    let fixtures = [
        include_str!("fixtures/ledger-v1.json"),
        include_str!("fixtures/ledger-v2.json"),
        include_str!("fixtures/stored-v1.json"),
        include_str!("fixtures/stored-v2.json"),
    ];
    let mut seeds: Vec<String> = fixtures.iter().map(|s| s.to_string()).collect();
    seeds.push(deadline_seed());
    seeds
}

/// A ledger whose every date feeds the deadline arithmetic: a limit from the rule, a limit set by
/// hand with an approved extension under the 60-day rule, a closed case, a target.
fn deadline_seed() -> String {
    let text = r#"{"format":"jiean-ledger","version":2,
        "campaign":{"name":"专项","starts_on":"2026-01-01","ends_on":"2026-12-31",
            "deadline_rule":"交办之日起60日，经批准可延期30日",
            "targets":[{"rate":"化解率","percent":65,"by":"2026-06-30"}]},
        "cases":[
            {"id":"a","number":"A","summary":"按规则","assigned_on":"2026-03-01","status":"化解中",
             "progress":[{"date":"2026-03-05","text":"约访"}]},
            {"id":"b","number":"B","summary":"手动加延期","deadline":"2026-05-01","status":"化解中",
             "packet":{"extension":{"days":30,"approver":"王局长","approved_on":"2026-04-20"}}},
            {"id":"c","number":"C","summary":"已办结","assigned_on":"2026-01-10","status":"已办结",
             "outcome":"已化解","rebounds":1,
             "packet":{"closed_on":"2026-03-01","documents":[{"id":"d","date":"2026-02-20"}]}}
        ]}"#;
    let ledger = read_ledger(text).expect("the seed is a valid ledger");
    write_stored(&ledger, &Local::default())
}

/// Runs `f` on each input, collecting the panics; fails at the end with the first inputs.
fn run<T: std::fmt::Debug>(what: &str, inputs: impl Iterator<Item = T>, f: impl Fn(&T)) {
    let mut failures = Vec::new();
    let mut count = 0;
    for input in inputs {
        count += 1;
        QUIET.with(|q| q.set(true));
        let result = catch_unwind(AssertUnwindSafe(|| f(&input)));
        QUIET.with(|q| q.set(false));
        if let Err(panic) = result {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let mut shown = format!("{input:?}");
            shown.truncate(600);
            failures.push(format!("{message}\n  input: {shown}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{what}: {} of {count} inputs panicked; first: \n{}",
        failures.len(),
        failures.iter().take(3).cloned().collect::<Vec<_>>().join("\n")
    );
}

thread_local! {
    /// Set while `run` feeds inputs: their panics are caught and reported together.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Panics inside `run` are not printed one by one; any other panic (a test's own assertion) is.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info);
            }
        }));
    });
}

#[test]
fn mutated_stored_and_imported_json_never_panics() {
    quiet_panics();
    let edges = edge_texts();
    let values = edge_values(&edges);
    let seeds = seeds_json();
    let mut rng = Rng(0x5eed_0001);
    let inputs: Vec<String> = (0..rounds())
        .map(|i| {
            let seed = rng.pick(&seeds).clone();
            if i % 3 == 0 {
                mutate_text(&seed, &mut rng, &edges)
            } else {
                let mut value: Value = serde_json::from_str(&seed).unwrap();
                for _ in 0..1 + rng.below(3) {
                    mutate_value(&mut value, &mut rng, &values);
                }
                value.to_string()
            }
        })
        .collect();
    run("JSON", inputs.into_iter(), |text| {
        if let Ok(ledger) = read_ledger(text) {
            use_ledger(&ledger, &Local::default());
            exported_file_restores(&ledger);
        }
        if let Ok((ledger, local)) = read_stored(text) {
            use_ledger(&ledger, &local);
            // A stored ledger opens whatever its values; packed, it reads back the same.
            let stored = write_stored(&ledger, &local);
            assert_eq!(read_stored(&unpack(&pack(&stored)).unwrap()).unwrap(), (ledger, local));
        }
    });
}

#[test]
fn mutated_packed_text_and_envelopes_never_panic() {
    quiet_panics();
    let edges = edge_texts();
    let json = seeds_json().remove(3);
    let packed = pack(&json);
    let params = KdfParams { memory_kib: 8, passes: 1 };
    let key = Key::derive("正确的密码123", [7; 16], params).unwrap();
    let sealed = key.seal(&json, [[1; 12], [2; 12]]);
    assert_eq!(key.open(&sealed).unwrap(), json);
    let mut rng = Rng(0x5eed_0002);
    let inputs: Vec<(String, String, Vec<u8>)> = (0..rounds())
        .map(|_| {
            let bytes = jiean::core::exchange::packing::compress(json.as_bytes());
            let mut bytes = bytes;
            mutate_bytes(&mut bytes, &mut rng, &edges);
            (mutate_text(&packed, &mut rng, &edges), mutate_text(&sealed, &mut rng, &edges), bytes)
        })
        .collect();
    run("packed/vault", inputs.into_iter(), |(packed, sealed, deflated)| {
        if let Ok(text) = from_stored(packed) {
            let _ = read_stored(&text);
        }
        let _ = unpack(packed);
        let _ = decompress(deflated);
        let _ = vault::is_sealed(sealed);
        if let Ok(text) = key.open(sealed) {
            let _ = read_stored(&text);
        }
    });
    // Opening by passphrase runs the key derivation: a few envelopes only (their parameters are
    // mutated too, and bounded by the vault).
    let few: Vec<String> =
        (0..rounds() / 40 + 1).map(|_| mutate_text(&sealed, &mut rng, &edges)).collect();
    run("vault open", few.into_iter(), |sealed| {
        let _ = vault::open(sealed, "正确的密码123");
    });
}

/// Reads a sheet as the import screen does, then plans, reports and applies the import.
fn import_table(table: &table_import::Table) {
    let layout = guess_layout(table);
    let mapping = guess_mapping(&layout.headers);
    let mut ledger = Ledger::default();
    let context = Context { ledger: &ledger, today: today(), now: now(), number_prefix: "导入-" };
    let plan = plan_import(table, &layout, &mapping, &context);
    let _ = error_rows_csv(table, &layout, &mapping, &plan.errors);
    for error in &plan.errors {
        let _ = error.message();
    }
    table_import::apply(&mut ledger, plan, || format!("id-{}", rand_id()));
    use_ledger(&ledger, &Local::default());
    exported_file_restores(&ledger);
}

fn rand_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn mutated_csv_and_xlsx_never_panic() {
    quiet_panics();
    let edges = edge_texts();
    let csv_seeds = [include_str!("fixtures/ledger-utf8-bom.csv").to_string()];
    let xlsx_seeds = [
        include_bytes!("fixtures/ledger-libreoffice.xlsx").to_vec(),
        include_bytes!("fixtures/ledger-office.xlsx").to_vec(),
        include_bytes!("fixtures/ledger-second-sheet-inline.xlsx").to_vec(),
    ];
    // What this build exports imports again, also after mutation.
    let v2 = read_ledger(include_str!("fixtures/ledger-v2.json")).unwrap();
    let cases: Vec<&Case> = v2.cases.iter().collect();
    let exported_csv = cases_to_csv(&cases, &v2.campaign);
    let exported_xlsx = cases_to_xlsx(&cases, &v2.campaign);
    let mut rng = Rng(0x5eed_0003);
    let csvs: Vec<String> = (0..rounds())
        .map(|i| {
            let seed = if i % 2 == 0 { &csv_seeds[0] } else { &exported_csv };
            // Whole cells replaced by edge values, or bytes mutated.
            if i % 3 == 0 {
                mutate_text(seed, &mut rng, &edges)
            } else {
                let mut lines: Vec<String> = seed.lines().map(String::from).collect();
                let at = 1 + rng.below(lines.len().saturating_sub(1).max(1));
                if let Some(line) = lines.get_mut(at) {
                    let mut cells: Vec<String> = line.split(',').map(String::from).collect();
                    let c = rng.below(cells.len());
                    cells[c] = format!("\"{}\"", rng.pick(&edges).replace('"', "\"\""));
                    *line = cells.join(",");
                }
                lines.join("\n")
            }
        })
        .collect();
    run("CSV", csvs.into_iter(), |text| {
        if let Ok(table) = read_csv(text) {
            import_table(&table);
        }
    });
    let xlsxs: Vec<Vec<u8>> = (0..rounds() / 2)
        .map(|i| {
            let mut bytes = match i % 4 {
                0 => exported_xlsx.clone(),
                n => xlsx_seeds[n - 1].clone(),
            };
            mutate_bytes(&mut bytes, &mut rng, &edges);
            bytes
        })
        .collect();
    run("XLSX", xlsxs.into_iter(), |bytes| {
        let _ = table_import::file_kind(bytes);
        if let Ok(tables) = read_xlsx(bytes) {
            import_table(&tables[guess_sheet(&tables)]);
        }
    });
}

#[test]
fn typed_form_values_never_panic() {
    quiet_panics();
    let edges = edge_texts();
    let mut rng = Rng(0x5eed_0004);
    let base = read_ledger(include_str!("fixtures/ledger-v2.json")).unwrap();
    let inputs: Vec<Vec<String>> =
        (0..rounds()).map(|_| (0..24).map(|_| rng.pick(&edges).clone()).collect()).collect();
    run("form", inputs.into_iter(), |v| {
        let draft = CaseDraft::form_fields()
            .zip(v.iter())
            .fold(CaseDraft::default(), |draft, (field, text)| draft.with(field, text));
        if let Ok(case) = draft.to_case(&Case { id: "new".into(), ..Case::default() }, &base, now())
        {
            let mut ledger = base.clone();
            ledger.upsert(case);
            use_ledger(&ledger, &Local::default());
            exported_file_restores(&ledger);
        }
        let target = TargetDraft { rate: v[19].clone(), percent: v[20].clone(), by: v[21].clone() };
        let limits = LimitsDraft {
            rule: v[23].clone(),
            counts_from: v[5].clone(),
            extensions_allowed: v[6].len() % 2 == 0,
            max_extension_days: v[7].clone(),
        };
        if let Ok(campaign) = Campaign::from_form(&v[22], &v[3], &v[4], &limits, &[target]) {
            let ledger = Ledger { campaign, ..base.clone() };
            use_ledger(&ledger, &Local::default());
            exported_file_restores(&ledger);
        }
        if let Ok(month) = Month::parse(&v[0]) {
            let _ = monthly(&base.cases, &base.campaign, month, today());
        }
    });
}
