//! Project hygiene: every source file opens with a `//!` doc, and the model
//! stays pure (no floating point, no egui, no file access) and below every
//! other layer (it imports nothing from `io`, `chart`, `cli` or `gui`).

#![expect(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The model files of the Monte Carlo sampler, the only ones allowed to
/// compute in `f64` (MODEL.md section 1: the sampler converts each draw to
/// `Decimal` once; section 12: the rank reordering only moves draws
/// between trials).
const SAMPLER: [&str; 2] = ["src/model/analysis/pert.rs", "src/model/analysis/ranks.rs"];

/// The serde adapter of the scenario's decimal fields. RON hands a bare
/// number such as `0.10` to serde as an `f64`, so the adapter must take
/// one (`visit_f64`) and write one back (`serialize_f64`); it turns each
/// into a `Decimal` through its exact text at once and never computes in
/// floating point. It may name `f64`, and nothing else on the list.
const EXACT: &str = "src/model/exact.rs";

#[test]
fn every_source_file_opens_with_a_module_doc() {
    for path in rust_files(Path::new("src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} must open with a //! doc comment",
            path.display()
        );
    }
}

#[test]
fn the_model_uses_no_float_no_egui_and_no_files() {
    let forbidden = [
        "f64",
        "f32",
        "egui",
        "eframe",
        "std::fs",
        "std::io",
        "File::",
        "std::thread",
        "SystemTime",
        "Instant",
        "chrono::Local",
        "Utc::now",
    ];
    for path in rust_files(Path::new("src/model")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in forbidden {
            if word.starts_with('f') && SAMPLER.iter().any(|p| path == Path::new(p)) {
                continue;
            }
            if word == "f64" && path == Path::new(EXACT) {
                continue;
            }
            assert!(!code.contains(word), "{} uses `{word}`", path.display());
        }
    }
}

/// The top-level module of the app that a file under `src/gui` belongs
/// to (`app`, `panels`, `state`...), and whether `super::` in it names
/// the app's modules (true for `src/gui/x.rs` and `src/gui/x/mod.rs`).
fn gui_module(path: &Path) -> (String, bool) {
    let rel = path.strip_prefix("src/gui").unwrap();
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    let super_is_gui = parts.len() == 1 || (parts.len() == 2 && parts[1] == "mod");
    (parts[0].clone(), super_is_gui)
}

/// The app's modules each file under `src/gui` names (through
/// `crate::gui::NAME` or, at the top of a module, `super::NAME`).
fn gui_imports() -> Vec<(PathBuf, String, Vec<String>)> {
    let mut out = Vec::new();
    for path in rust_files(Path::new("src/gui")) {
        let (module, super_is_gui) = gui_module(&path);
        if module == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut named = Vec::new();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut prefixes = vec!["crate::gui::"];
            if super_is_gui {
                prefixes.push("super::");
            }
            for prefix in prefixes {
                for (at, _) in line.match_indices(prefix) {
                    let rest = &line[at + prefix.len()..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != module && !named.contains(&name) {
                        named.push(name);
                    }
                }
            }
        }
        out.push((path, module, named));
    }
    out
}

// Depth-first search; a module met again while on the path closes a
// cycle, which the message spells out.
fn visit(
    node: &str,
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut std::collections::BTreeSet<String>,
) {
    if let Some(at) = path.iter().position(|p| p == node) {
        panic!(
            "the app's modules import each other in a circle: {} -> {node}",
            path[at..].join(" -> ")
        );
    }
    if done.contains(node) {
        return;
    }
    path.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        if graph.contains_key(next) {
            visit(next, graph, path, done);
        }
    }
    path.pop();
    done.insert(node.to_owned());
}

#[test]
fn the_apps_modules_import_each_other_without_a_cycle() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, module, named) in gui_imports() {
        graph.entry(module).or_default().extend(named);
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
    assert!(graph.contains_key("panels") && graph.contains_key("state"));
}

#[test]
fn only_the_app_imports_panels_and_no_panel_imports_another() {
    for (path, module, named) in gui_imports() {
        if named.iter().any(|n| n == "panels") {
            assert!(
                module == "app",
                "{} imports `panels`: only the app lays out panels",
                path.display()
            );
        }
        if module == "panels" && !path.ends_with("panels/mod.rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            // `super::*` in a test module is the panel's own items.
            let text = text.replace("super::*", "");
            for forbidden in ["crate::gui::panels", "super::"] {
                assert!(
                    !text.contains(forbidden),
                    "{} names `{forbidden}`: a panel shares code through `widgets`, not another panel",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_model_imports_no_other_layer() {
    let outer = ["crate::io", "crate::chart", "crate::cli", "crate::gui"];
    for path in rust_files(Path::new("src/model")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for layer in outer {
            assert!(
                !text.contains(layer),
                "{} uses `{layer}`: the model must not depend on the layers above it",
                path.display()
            );
        }
    }
}
