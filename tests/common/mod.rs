//! Helpers shared by the integration tests: exact decimals from text, the
//! shipped scenarios, uncertainty ranges, files in temporary folders, and
//! running the real `envroi` binary. Each test file declares `mod common;`
//! and uses the helpers it needs. A helper that cannot do its job panics
//! with the reason, which fails the test that called it.

#![allow(
    dead_code,
    reason = "each test file is its own crate and uses only some of the helpers"
)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use envroi::model::{Range, Scenario};
use rust_decimal::Decimal;

/// The shipped default scenario file, as an absolute path.
pub const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/baseline.ron");

/// An exact decimal from its text.
pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{text:?} is not a decimal: {e}"))
}

/// Exact decimals from their texts.
pub fn ds(items: &[&str]) -> Vec<Decimal> {
    items.iter().map(|s| d(s)).collect()
}

/// The built-in default scenario (the shipped `baseline.ron`), loaded,
/// without its assumption records: tests that reshape its lists would
/// otherwise leave records on inputs that no longer exist.
pub fn baseline() -> Scenario {
    let mut s = shipped_default();
    s.assumptions.0.clear();
    s
}

/// The built-in default scenario exactly as shipped, records and all (what
/// the app opens with).
pub fn shipped_default() -> Scenario {
    envroi::io::default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

/// The shipped scenario file `scenarios/<name>.ron`, as an absolute path.
pub fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"))
}

/// The scenario with its uncertainty ranges replaced by `(input, low,
/// high)` triples.
pub fn with_ranges(mut s: Scenario, ranges: &[(&str, &str, &str)]) -> Scenario {
    s.uncertainty = ranges
        .iter()
        .map(|(input, low, high)| Range {
            input: (*input).to_owned(),
            low: d(low),
            high: d(high),
        })
        .collect();
    s
}

/// A new temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"))
}

/// Writes `text` to `dir/name` and returns the file's path.
pub fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// The real `envroi` binary, ready to be given arguments.
pub fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_envroi"))
}

/// Runs the real `envroi` binary with `args` and waits for it.
pub fn envroi<S: AsRef<OsStr>>(args: &[S]) -> Output {
    binary()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run envroi: {e}"))
}

/// Bytes from stdout or stderr as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts that `message` contains every one of `needles`.
pub fn assert_mentions(message: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            message.contains(needle),
            "expected {needle:?} in:\n{message}"
        );
    }
}
