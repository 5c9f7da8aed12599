//! Native timings of the core functions the app runs on a whole ledger: import parse, export and
//! save serialisation, packing for storage, the search index, a search, a sort and the closure
//! check of every case. Prints one JSON object (milliseconds, medians) for bench/run.mjs.
//!
//! Built with the release profile, so the core is compiled at opt-level "z" as in the app's wasm;
//! the browser runs the same code as WebAssembly, typically 1.2–2× slower than this.

use std::time::Instant;

use chrono::NaiveDate;
use jiean::core::exchange::json::{read_ledger, write_ledger};
use jiean::core::exchange::merge;
use jiean::core::exchange::packing::{from_stored, stored_form};
use jiean::core::exchange::table_export::{cases_to_csv, cases_to_xlsx};
use jiean::core::exchange::table_import::{
    guess_layout, guess_mapping, guess_sheet, incoming, plan_import, read_csv, read_xlsx,
    unrecognised_values, Context, Field, Table,
};
use jiean::core::reports::query::{
    Column, Facts, Filter, PacketFilter, Ranks, SearchIndex, SortOrder,
};
use jiean::core::rules::closure;

fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

pub fn run(text: &str, runs: usize) -> Result<String, String> {
    let ledger = read_ledger(text).map_err(|e| e.to_string())?;
    let cases = &ledger.cases;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let standard = ledger.standard.standard();
    let compact = write_ledger(&ledger, None, false);
    let stored = stored_form(compact.clone());
    let campaign = &ledger.campaign;
    // What the app computes for every case when the ledger changes (ui/state.rs): the closure
    // check and the deadline.
    let facts_of = || -> Vec<Facts> {
        cases
            .iter()
            .map(|case| {
                let verdict = closure::check(case, standard, campaign, today);
                let (stage, stage_urgency) =
                    match jiean::core::rules::procedure::timeline(campaign, case, today) {
                        Ok(t) => (t.stage, t.urgency),
                        Err(_) => (
                            jiean::core::rules::procedure::Stage::NotStarted,
                            jiean::core::rules::deadline::Urgency::OutOfRange,
                        ),
                    };
                Facts {
                    due: campaign.due(case),
                    urgency: campaign.urgency(case, today),
                    ready: verdict.ready(),
                    complete_items: verdict.complete_items(),
                    total_items: verdict.total_items(),
                    stage,
                    stage_urgency,
                    returned: jiean::core::rules::workflow::returned(case),
                }
            })
            .collect()
    };
    let facts = facts_of();
    let index = SearchIndex::new(cases);
    let all = Filter::default();
    let needs_more = Filter { packet: Some(PacketFilter::NeedsMore), ..Filter::default() };
    let by_name = Some(SortOrder { column: Column::Petitioner, descending: false });
    // The app sorts text by the browser collator's ranks of the distinct values (ui/collate.rs);
    // code-point ranks stand in for them here, the lookups cost the same.
    let names = {
        let mut names: Vec<&str> = cases.iter().map(|c| c.petitioner.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        Ranks(names.into_iter().enumerate().map(|(i, n)| (n.to_string(), i as u32)).collect())
    };

    // The ledger as a sheet, as a clerk would bring it in from Excel: preview = read + guess +
    // plan; a mapping change plans again.
    let refs: Vec<_> = cases.iter().collect();
    let sheet_csv = cases_to_csv(&refs, campaign);
    let sheet_xlsx = cases_to_xlsx(&refs, campaign);
    let empty = jiean::core::ledger::model::Ledger::default();
    let now = today.and_hms_opt(10, 0, 0).expect("time");
    let context = Context { ledger: &empty, today, now, number_prefix: "" };
    let preview = |table: &Table| {
        let layout = guess_layout(table);
        let mapping = guess_mapping(&layout.headers);
        plan_import(table, &layout, &mapping, &context).cases.len()
    };
    let csv_table = read_csv(&sheet_csv)?;
    let csv_layout = guess_layout(&csv_table);
    let csv_mapping = guess_mapping(&csv_layout.headers);

    let results = [
        ("sheet_preview_csv", median_ms(runs, || read_csv(&sheet_csv).map(|t| preview(&t)))),
        (
            "sheet_preview_xlsx",
            median_ms(runs, || read_xlsx(&sheet_xlsx).map(|t| preview(&t[guess_sheet(&t)]))),
        ),
        (
            "sheet_mapping_change",
            median_ms(runs, || {
                plan_import(&csv_table, &csv_layout, &csv_mapping, &context).cases.len()
            }),
        ),
        // The value-mapping step's list, and a value choice (the preview is planned again).
        (
            "sheet_value_list",
            median_ms(runs, || unrecognised_values(&csv_table, &csv_layout, &csv_mapping).len()),
        ),
        (
            "sheet_value_choice",
            median_ms(runs, || {
                let mut mapping = csv_mapping.clone();
                mapping.set_value(Field::Category, "城建", Some("物业管理"));
                plan_import(&csv_table, &csv_layout, &mapping, &context).cases.len()
            }),
        ),
        // The sheet again into the ledger that holds every case: each row laid over its case,
        // then (update_preview) the merge preview's plan.
        (
            "sheet_update_plan",
            median_ms(runs, || {
                let held = Context { ledger: &ledger, today, now, number_prefix: "" };
                plan_import(&csv_table, &csv_layout, &csv_mapping, &held).updates.len()
            }),
        ),
        (
            "sheet_update_preview",
            median_ms(runs, || {
                let held = Context { ledger: &ledger, today, now, number_prefix: "" };
                let plan = plan_import(&csv_table, &csv_layout, &csv_mapping, &held);
                let mut n = 0;
                let incoming = incoming(&ledger, plan, || {
                    n += 1;
                    format!("new-{n}")
                });
                merge::plan(&ledger, &incoming, |_| false).identical.len()
            }),
        ),
        ("read_ledger_import", median_ms(runs, || read_ledger(text).map(|l| l.cases.len()))),
        ("write_ledger_export", median_ms(runs, || write_ledger(&ledger, None, true).len())),
        ("write_ledger_save", median_ms(runs, || write_ledger(&ledger, None, false).len())),
        ("pack_for_storage", median_ms(runs, || stored_form(compact.clone()).len())),
        (
            "unpack_and_read_stored",
            median_ms(runs, || read_ledger(&from_stored(&stored).unwrap()).map(|l| l.cases.len())),
        ),
        ("search_index_build", median_ms(runs, || SearchIndex::new(cases))),
        (
            "search_keystroke",
            median_ms(runs, || index.rows(cases, &facts, "拆", &all, None, None).len()),
        ),
        (
            "search_two_terms",
            median_ms(runs, || index.rows(cases, &facts, "城关镇 补偿", &all, None, None).len()),
        ),
        (
            "filter_needs_more",
            median_ms(runs, || index.rows(cases, &facts, "", &needs_more, None, None).len()),
        ),
        (
            "sort_by_petitioner",
            median_ms(runs, || index.rows(cases, &facts, "", &all, by_name, Some(&names)).len()),
        ),
        (
            "closure_check_all",
            median_ms(runs, || {
                cases
                    .iter()
                    .filter(|c| closure::check(c, standard, campaign, today).ready())
                    .count()
            }),
        ),
        ("facts_for_table", median_ms(runs, || facts_of().len())),
    ];

    // How the deflate level trades time for stored size (the app uses core::exchange::packing's level).
    let levels: Vec<String> = [1u8, 2, 3, 6]
        .iter()
        .map(|&level| {
            let size = miniz_oxide::deflate::compress_to_vec_zlib(compact.as_bytes(), level).len();
            let ms = median_ms(runs, || {
                miniz_oxide::deflate::compress_to_vec_zlib(compact.as_bytes(), level).len()
            });
            format!("\"{level}\":{{\"ms\":{ms:.1},\"units\":{}}}", (size * 8).div_ceil(15))
        })
        .collect();
    let ready = facts.iter().filter(|f| f.ready).count();
    let mut json = format!(
        "{{\"cases\":{},\"runs\":{runs},\"export_bytes\":{},\"json_utf16\":{},\"stored_utf16\":{},\"ready\":{ready},\"matches_keystroke\":{},\"ms\":{{",
        cases.len(),
        text.len(),
        compact.encode_utf16().count(),
        stored.encode_utf16().count(),
        index.rows(cases, &facts, "拆", &all, None, None).len(),
    );
    json += &results
        .iter()
        .map(|(name, ms)| format!("\"{name}\":{ms:.3}"))
        .collect::<Vec<_>>()
        .join(",");
    json += &format!("}},\"deflate_levels\":{{{}}}}}", levels.join(","));
    Ok(json)
}
