//! Build helper: turns the app into ONE self-contained HTML file, `dist/jiean.html`.
//!
//! Steps: compile the app to wasm32 (release, size profile), run wasm-bindgen as a library (so its
//! version is pinned by Cargo.lock to exactly the app's `wasm-bindgen`, with no CLI to install),
//! gzip the wasm with the JS glue and most of the CSS and inline them (see `embed`: raw bytes in a
//! windows-1252 page, not base64) next to the boot script (`web/boot.js`), the old-browser guard
//! (`web/guard.js`) and the rest of the CSS in `index.html`. The page decompresses them with the
//! browser's own `DecompressionStream`.
//! The two inline scripts are allowed by their SHA-256 hashes in the Content-Security-Policy, so
//! no other script can run.
//!
//! Usage (see README.md):
//! - `cargo xtask dist` builds `dist/jiean.html`; `cargo xtask dist --profiling` writes
//!   `dist/jiean-profiling.html`, the same app with its wasm function names kept, for CPU profiles.
//! - `cargo xtask gen-ledger --cases N --seed S [--brief] --out FILE [--baseline HTML]` writes a
//!   synthetic ledger (benchmark; `--brief`: short texts) and optionally the static page of its rows
//!   that the benchmark compares with.
//! - `cargo xtask bench-core --ledger FILE --runs N` times the core on that ledger natively.

mod corebench;
mod gen;

use std::error::Error;
use std::fs;
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
       cargo xtask gen-ledger --cases N [--seed S] [--brief] --out FILE [--baseline HTML]
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
    let brief = args.iter().any(|a| a == "--brief");
    let ledger = gen::ledger(&gen::Options { cases, seed, brief });
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
    // The module as shipped, kept for size analysis: `twiggy top target/jiean_bg.wasm`, or with
    // function names after `--profiling`, `twiggy top target/jiean_bg-names.wasm`.
    fs::write(target.join(if profiling { "jiean_bg-names.wasm" } else { "jiean_bg.wasm" }), &wasm)?;
    let css = fs::read_to_string(root.join("style/app.css"))?;
    let packed_from = css.find(CSS_PACKED_BELOW).ok_or_else(|| {
        format!("style/app.css lacks the comment that starts the packed part: {CSS_PACKED_BELOW}")
    })?;
    let (page_css, app_css) = css.split_at(packed_from);
    let packed = gzip(&payload(app_css, &glue, &wasm)?)?;
    let html = assemble(&root, page_css, &packed)?;

    let out = root.join(if profiling { "dist/jiean-profiling.html" } else { "dist/jiean.html" });
    fs::create_dir_all(out.parent().unwrap())?;
    fs::write(&out, &html)?;
    println!(
        "built {} — {} KB (wasm {} KB + CSS {} KB + JS glue {} KB gzipped to {} KB, CSS in the page \
         {} KB) in {:.0} s",
        out.display(),
        html.len() / 1024,
        wasm.len() / 1024,
        app_css.len() / 1024,
        glue.len() / 1024,
        packed.len() / 1024,
        page_css.len() / 1024,
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
    let mut glue = strip_line_comments(output.js());
    if !keep_names {
        glue = shorten_names(&glue, output.wasm_mut());
    }
    let wasm = output.wasm_mut().emit_wasm();
    Ok((glue, wasm))
}

/// The glue's helpers that most import shims call, each named many times.
const GLUE_HELPERS: &[&str] = &[
    "getObject",
    "addHeapObject",
    "takeObject",
    "dropObject",
    "getStringFromWasm0",
    "passStringToWasm0",
    "handleError",
    "getDataViewMemory0",
    "getUint8ArrayMemory0",
    "isLikeNone",
];

/// Gives the wasm's imports (`__wbg_addEventListener_847fd86b8c33ec43`: the name and a hash, in
/// the module and as keys in the glue), the glue's busiest helpers (`$1f`) and the shims' locals
/// (`_0`) short names: ~15 KB less page. Only whole identifiers are renamed, never a property (`x.getObject`); a name not
/// found exactly where expected is left as it is.
fn shorten_names(glue: &str, module: &mut walrus::Module) -> String {
    let mut names = std::collections::HashMap::new();
    let short = |names: &mut std::collections::HashMap<String, String>, name: &str| {
        let new = format!("${:x}", names.len());
        names.insert(name.to_string(), new.clone());
        new
    };
    for import in module.imports.iter_mut() {
        let key = format!("\n{}: function", import.name);
        if import.name.starts_with("__wb") && glue.matches(&key).count() == 1 {
            import.name = short(&mut names, &import.name);
        }
    }
    for helper in GLUE_HELPERS {
        if glue.contains(&format!("\nfunction {helper}(")) {
            short(&mut names, helper);
        }
    }
    // The shims' parameters (`arg0`…) and results (`ret`), local to each shim.
    for (i, local) in ["arg0", "arg1", "arg2", "arg3", "arg4", "arg5", "ret"].iter().enumerate() {
        names.insert(local.to_string(), format!("_{i}"));
    }
    rename_identifiers(glue, &names)
}

/// `js` with each identifier in `names` (not after a `.`) replaced.
fn rename_identifiers(js: &str, names: &std::collections::HashMap<String, String>) -> String {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let bytes = js.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = is_ident(bytes[i]) && (i == 0 || !is_ident(bytes[i - 1]));
        if !starts_word {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i]) {
            i += 1;
        }
        let word = &js[start..i];
        let property = start > 0 && bytes[start - 1] == b'.';
        match names.get(word) {
            Some(new) if !property => out.extend_from_slice(new.as_bytes()),
            _ => out.extend_from_slice(word.as_bytes()),
        }
    }
    // Only ASCII identifiers were replaced, so the text is still UTF-8.
    String::from_utf8(out).expect("renaming ASCII identifiers keeps UTF-8")
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

/// `style/app.css` from this comment on is packed with the wasm; the rules before it stay in the
/// page (what it shows before, and instead of, the app).
const CSS_PACKED_BELOW: &str = "/* ===== The rest is packed with the wasm";

/// What the page's data block inflates to: the CSS and wasm-bindgen's JS glue (UTF-8), each
/// after its length (4 bytes, little-endian), then the wasm. The boot script applies the CSS, runs
/// the glue and compiles the wasm. The glue packed with them costs a quarter of its plain size.
fn payload(css: &str, glue: &str, wasm: &[u8]) -> Result<Vec<u8>> {
    let css_length = u32::try_from(css.len())?.to_le_bytes();
    let glue_length = u32::try_from(glue.len())?.to_le_bytes();
    Ok([&css_length[..], css.as_bytes(), &glue_length, glue.as_bytes(), wasm].concat())
}

/// Gzip as small as zopfli makes it (the page's size is the budget; the build takes a few
/// seconds more): 4 % smaller than zlib's best level, and still read by `DecompressionStream`.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(5).ok_or("iterations")?,
        ..zopfli::Options::default()
    };
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out)?;
    Ok(out)
}

/// Fills `index.html`'s placeholders with the page's CSS, the scripts, their CSP hashes and the
/// compressed CSS and wasm. All but the wasm's data block is made ASCII, as the page is windows-1252.
fn assemble(root: &Path, page_css: &str, packed: &[u8]) -> Result<Vec<u8>> {
    let read = |path: &str| fs::read_to_string(root.join(path));
    let template = read("index.html")?;
    let style = embed::css_ascii(page_css);
    let guard = embed::js_ascii(&strip_line_comments(&read("web/guard.js")?));
    let boot = strip_line_comments(&read("web/boot.js")?)
        .replace("{{HIGH_TABLE}}", &embed::high_table_js());
    let script = embed::js_ascii(&boot);
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
    Ok([before.as_bytes(), &embed::data_block(packed), after.as_bytes()].concat())
}
