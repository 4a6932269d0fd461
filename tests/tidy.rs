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

/// The one model file allowed to draw random numbers in `f64` (MODEL.md
/// section 1: the Monte Carlo sampler converts each draw to `Decimal` once).
const SAMPLER: &str = "src/model/analysis/pert.rs";

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
            if word.starts_with('f') && path == Path::new(SAMPLER) {
                continue;
            }
            if word == "f64" && path == Path::new(EXACT) {
                continue;
            }
            assert!(!code.contains(word), "{} uses `{word}`", path.display());
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
