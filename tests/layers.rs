//! The core's layers, read from its source: `src/core/<layer>/…`, bottom first as in [`LAYERS`].
//! A module may use its own layer and the layers below, never one above (tests included), and
//! the modules of one layer must not use each other in a cycle (outside tests).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LAYERS: [&str; 4] = ["ledger", "rules", "exchange", "reports"];

/// A module of the core: its layer and its name within the layer.
type Module = (String, String);

/// One use of another module, and whether it is in test code.
struct Use {
    from: Module,
    to: Module,
    in_test: bool,
    file: PathBuf,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `src/core`: `ledger/model.rs` → [ledger, model],
/// `exchange/table_import/mod.rs` → [exchange, table_import].
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> =
        relative.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn ident_at(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The modules of other layers or other modules that `code` names, as (layer, module).
fn named_modules(code: &str, own: &[String], problems: &mut Vec<String>) -> Vec<Module> {
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut rest = line;
        while let Some(at) = rest.find("crate::core::") {
            rest = &rest[at + "crate::core::".len()..];
            let layer = ident_at(rest);
            let after = &rest[layer.len()..];
            let module = after.strip_prefix("::").map(ident_at).unwrap_or_default();
            if !LAYERS.contains(&layer) || module.is_empty() {
                problems.push(format!("`crate::core::{layer}…` does not name a layer's module"));
            } else {
                found.push((layer.to_string(), module.to_string()));
            }
        }
        let mut rest = line;
        while let Some(at) = rest.find("super::") {
            if rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                rest = &rest[at + 1..];
                continue;
            }
            let mut path = own.to_vec();
            rest = &rest[at..];
            while let Some(next) = rest.strip_prefix("super::") {
                path.pop();
                rest = next;
            }
            let name = ident_at(rest);
            match path.len() {
                0 if LAYERS.contains(&name) => {
                    let module = rest[name.len()..].strip_prefix("::").map(ident_at);
                    if let Some(module) = module.filter(|m| !m.is_empty()) {
                        found.push((name.to_string(), module.to_string()));
                    }
                }
                1 if !name.is_empty() => found.push((path[0].clone(), name.to_string())),
                _ => {}
            }
        }
    }
    found
}

fn uses_in_core() -> (Vec<Use>, Vec<String>) {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    files.sort();
    let (mut uses, mut problems) = (Vec::new(), Vec::new());
    for file in files {
        let own = module_path(file.strip_prefix(&core).unwrap());
        if own.is_empty() {
            continue; // src/core/mod.rs declares the layers
        }
        if !LAYERS.contains(&own[0].as_str()) || own.len() < 2 && !file.ends_with("mod.rs") {
            problems.push(format!("{} is in no layer", file.display()));
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let test_from = if file.ends_with("tests.rs") {
            0
        } else {
            text.find("#[cfg(test)]").unwrap_or(text.len())
        };
        let from = (own[0].clone(), own.get(1).cloned().unwrap_or_default());
        for (code, in_test) in [(&text[..test_from], false), (&text[test_from..], true)] {
            for to in named_modules(code, &own, &mut problems) {
                if to != from && !to.1.is_empty() && !from.1.is_empty() {
                    uses.push(Use { from: from.clone(), to, in_test, file: file.clone() });
                }
            }
        }
    }
    (uses, problems)
}

fn rank(layer: &str) -> usize {
    LAYERS.iter().position(|l| *l == layer).unwrap_or(usize::MAX)
}

/// A cycle among the modules of one layer, as the modules along it.
fn cycle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        node: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(at) = path.iter().position(|m| m == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_layer_uses_a_higher_one_and_no_layer_has_a_cycle() {
    let (uses, mut problems) = uses_in_core();
    assert!(uses.len() > 50, "the scan found only {} uses: is it reading the core?", uses.len());
    for layer in LAYERS {
        assert!(uses.iter().any(|u| u.from.0 == layer), "no module found in layer {layer}");
    }
    for u in &uses {
        if rank(&u.to.0) > rank(&u.from.0) {
            problems.push(format!(
                "{}: {}::{} uses the higher layer's {}::{}",
                u.file.display(),
                u.from.0,
                u.from.1,
                u.to.0,
                u.to.1
            ));
        }
    }
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for u in uses.iter().filter(|u| !u.in_test && u.to.0 == u.from.0) {
        edges.entry(u.from.clone()).or_default().insert(u.to.clone());
    }
    if let Some(cycle) = cycle(&edges) {
        let names: Vec<String> = cycle.iter().map(|(l, m)| format!("{l}::{m}")).collect();
        problems.push(format!("import cycle: {}", names.join(" → ")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
