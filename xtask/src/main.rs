//! Build helper: turns the app into ONE self-contained HTML file, `dist/jiean.html`.
//!
//! Steps: compile the app to wasm32 (release, size profile), run wasm-bindgen as a library (so its
//! version is pinned by Cargo.lock to exactly the app's `wasm-bindgen`, with no CLI to install),
//! gzip the wasm and inline it (see `embed`: raw bytes in a windows-1252 page, not base64) next to
//! the JS glue, the boot script (`web/boot.js`), the old-browser guard (`web/guard.js`) and the CSS
//! in `index.html`. The page decompresses the wasm with the browser's own `DecompressionStream`.
//! The two inline scripts are allowed by their SHA-256 hashes in the Content-Security-Policy, so
//! no other script can run.
//!
//! Usage (see README.md):
//! - `cargo xtask dist` builds `dist/jiean.html`; `cargo xtask dist --profiling` writes
//!   `dist/jiean-profiling.html`, the same app with its wasm function names kept, for CPU profiles.
//! - `cargo xtask gen-ledger --cases N --seed S --out FILE [--baseline HTML]` writes a synthetic
//!   ledger (benchmark) and optionally the static page of its rows that the benchmark compares with.
//! - `cargo xtask bench-core --ledger FILE --runs N` times the core on that ledger natively.

mod corebench;
mod gen;

use std::error::Error;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use base64::Engine;
use sha2::{Digest, Sha256};

mod embed;
mod features;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const TARGET: &str = "wasm32-unknown-unknown";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().cloned().unwrap_or_default();
    let result = match task.as_str() {
        "dist" => dist(args.iter().any(|a| a == "--profiling")),
        "gen-ledger" => gen_ledger(&args),
        "bench-core" => bench_core(&args),
        _ => Err(USAGE.into()),
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

const USAGE: &str = "usage: cargo xtask dist [--profiling]
       cargo xtask gen-ledger --cases N [--seed S] --out FILE [--baseline HTML]
       cargo xtask bench-core --ledger FILE [--runs N]";

/// The value after `--name`, parsed.
fn flag<T: std::str::FromStr>(args: &[String], name: &str) -> Result<Option<T>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(at) => {
            let value = args.get(at + 1).ok_or_else(|| format!("{name} needs a value\n{USAGE}"))?;
            value
                .parse()
                .map(Some)
                .map_err(|_| format!("bad value for {name}: {value}\n{USAGE}").into())
        }
    }
}

fn gen_ledger(args: &[String]) -> Result<()> {
    let cases: usize = flag(args, "--cases")?.ok_or(USAGE)?;
    let seed: u64 = flag(args, "--seed")?.unwrap_or(1);
    let out: PathBuf = flag(args, "--out")?.ok_or(USAGE)?;
    let baseline: Option<PathBuf> = flag(args, "--baseline")?;
    let ledger = gen::ledger(&gen::Options { cases, seed });
    let text = gen::ledger_json(&ledger);
    for path in std::iter::once(&out).chain(baseline.as_ref()) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
    }
    fs::write(&out, &text)?;
    println!("wrote {} — {cases} cases, seed {seed}, {} KB", out.display(), text.len() / 1024);
    if let Some(path) = baseline {
        let css = fs::read_to_string(root().join("style/app.css"))?;
        let days =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() / 86_400;
        let today = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).ok_or("date")?
            + chrono::Duration::days(days as i64);
        fs::write(&path, gen::baseline_html(&ledger, &css, today))?;
        println!("wrote {} — the static baseline page", path.display());
    }
    Ok(())
}

fn bench_core(args: &[String]) -> Result<()> {
    let ledger: PathBuf = flag(args, "--ledger")?.ok_or(USAGE)?;
    let runs: usize = flag(args, "--runs")?.unwrap_or(5).max(1);
    let text = fs::read_to_string(&ledger)?;
    println!("{}", corebench::run(&text, runs)?);
    Ok(())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn dist(profiling: bool) -> Result<()> {
    let started = Instant::now();
    let root = root();
    let target = target_dir(&root)?;
    let wasm = compile_wasm(&root, &target)?;
    let (glue, wasm) = bindgen(&wasm, profiling)?;
    if !profiling {
        // The module as shipped, kept for size analysis (e.g. `twiggy top target/jiean_bg.wasm`).
        fs::write(target.join("jiean_bg.wasm"), &wasm)?;
    }
    let packed = gzip(&wasm)?;
    let html = assemble(&root, &glue, &packed)?;

    let out = root.join(if profiling { "dist/jiean-profiling.html" } else { "dist/jiean.html" });
    fs::create_dir_all(out.parent().unwrap())?;
    fs::write(&out, &html)?;
    println!(
        "built {} — {} KB (wasm {} KB, gzipped {} KB, JS glue {} KB) in {:.0} s",
        out.display(),
        html.len() / 1024,
        wasm.len() / 1024,
        packed.len() / 1024,
        glue.len() / 1024,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Cargo's target directory as cargo itself resolves it (`CARGO_TARGET_DIR`, `build.target-dir`).
fn target_dir(root: &Path) -> Result<PathBuf> {
    let output = Command::new(cargo())
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .output()?;
    if !output.status.success() {
        return Err(
            format!("cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr)).into()
        );
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let dir = metadata["target_directory"].as_str().ok_or("cargo metadata: no target_directory")?;
    Ok(PathBuf::from(dir))
}

fn compile_wasm(root: &Path, target: &Path) -> Result<PathBuf> {
    let status = Command::new(cargo())
        .current_dir(root)
        .args(["build", "--release", "--lib", "-p", "jiean", "--target", TARGET])
        .status()?;
    if !status.success() {
        return Err("compiling the app to WebAssembly failed (see the errors above)".into());
    }
    Ok(target.join(TARGET).join("release/jiean.wasm"))
}

/// Runs wasm-bindgen for a classic (non-module) script: Chromium refuses ES modules on file://.
/// `keep_names` keeps the wasm name section, so that CPU profiles name Rust functions.
fn bindgen(wasm: &Path, keep_names: bool) -> Result<(String, Vec<u8>)> {
    // The app is built without these (.cargo/config.toml); the precompiled std still lists them.
    let module = features::without(&fs::read(wasm)?, &["reference-types", "multivalue"])?;
    let mut output = wasm_bindgen_cli_support::Bindgen::new()
        .input_bytes("jiean", module)
        .no_modules(true)?
        .typescript(false)
        .remove_name_section(!keep_names)
        .remove_producers_section(true)
        .generate_output()?;
    if !output.snippets().values().all(Vec::is_empty) || !output.local_modules().is_empty() {
        return Err(
            "the app uses JS snippets, which cannot be inlined into a classic script".into()
        );
    }
    let glue = strip_line_comments(output.js());
    let wasm = output.wasm_mut().emit_wasm();
    Ok((glue, wasm))
}

/// Drops whole-line `//` comments and indentation from the generated glue: smaller, and the page
/// then holds no URL at all (the glue's comments cite documentation sites).
fn strip_line_comments(js: &str) -> String {
    js.lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Fills `index.html`'s placeholders with the CSS, the scripts, their CSP hashes and the
/// compressed wasm. All but the wasm's data block is made ASCII, as the page is windows-1252.
fn assemble(root: &Path, glue: &str, packed_wasm: &[u8]) -> Result<Vec<u8>> {
    let read = |path: &str| fs::read_to_string(root.join(path));
    let template = read("index.html")?;
    let style = embed::css_ascii(&read("style/app.css")?);
    let guard = embed::js_ascii(&strip_line_comments(&read("web/guard.js")?));
    let boot = strip_line_comments(&read("web/boot.js")?)
        .replace("{{HIGH_TABLE}}", &embed::high_table_js());
    let script = embed::js_ascii(&format!("{glue}\n{boot}"));
    if [&guard, &script].iter().any(|s| s.contains("</script")) || style.contains("</style") {
        return Err("inlined code contains a closing tag and would break the page".into());
    }
    let hashes = [&guard, &script]
        .map(|s| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s))
            )
        })
        .join(" ");

    let mut html = embed::html_ascii(&template);
    for (placeholder, value) in [
        ("{{SCRIPT_HASHES}}", hashes),
        ("{{STYLE}}", style),
        ("{{GUARD}}", guard),
        ("{{SCRIPT}}", script),
    ] {
        if !html.contains(placeholder) {
            return Err(format!("index.html lacks the placeholder {placeholder}").into());
        }
        html = html.replacen(placeholder, &value, 1);
    }
    let (before, after) =
        html.split_once("{{WASM}}").ok_or("index.html lacks the placeholder {{WASM}}")?;
    Ok([before.as_bytes(), &embed::data_block(packed_wasm), after.as_bytes()].concat())
}
