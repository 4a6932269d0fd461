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

use envroi::model::estate::{Database, Environment, EnvironmentKind};
use envroi::model::{Range, Scenario};
use rust_decimal::Decimal;

/// The shipped default scenario file, as an absolute path.
pub const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/baseline.ron");

/// An exact decimal from its text.
pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{text:?} is not a decimal: {e}"))
}

/// An estate environment row (MODEL.md 11.3): `name`, `kind`, count `n`,
/// then servers, cost per server a year, licences, cost per licence a
/// year, hours a week today and after TEM, as text.
pub fn env(name: &str, kind: EnvironmentKind, n: u32, v: [&str; 6]) -> Environment {
    Environment {
        name: name.into(),
        kind,
        count: n,
        servers: d(v[0]),
        cost_per_server_year: d(v[1]),
        licences: d(v[2]),
        cost_per_licence_year: d(v[3]),
        hours_per_week: d(v[4]),
        hours_per_week_after: d(v[5]),
    }
}

/// An estate database row (MODEL.md 11.3): production TB, copies (today,
/// after), cost per TB a year, refreshes a year (today, after) and hours
/// per refresh (today, after).
pub fn db(
    name: &str,
    tb: &str,
    copies: (u32, u32),
    ct: &str,
    refreshes: (u32, u32),
    hours: (&str, &str),
) -> Database {
    Database {
        name: name.into(),
        production_tb: d(tb),
        copies: copies.0,
        cost_per_tb_year: d(ct),
        refreshes_per_year: refreshes.0,
        hours_per_refresh: d(hours.0),
        copies_after: copies.1,
        refreshes_per_year_after: refreshes.1,
        hours_per_refresh_after: d(hours.1),
    }
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
