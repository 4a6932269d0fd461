//! No lost work and no crash on any input (issue 6): a corpus of bad files,
//! each with the message it must produce, loaded in-process and through the
//! real binary; the released-version fixtures; backups and "changed on
//! disk" detection; recovery copies across processes; paths with spaces and
//! non-ASCII characters in every command; the CSV formula guard; and a
//! property test that every valid scenario, extremes included, computes
//! without a panic.

#![expect(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "../common/mod.rs"]
mod common;

mod corpus;
mod disk;
mod guard;
use common::{assert_mentions, baseline, binary, temp_dir, text};

use envroi::io::{
    DEFAULT_SCENARIO, DiskStamp, SaveError, backup_path, changed_on_disk, load_bytes, load_path,
    load_path_stamped, recovery, save_checked, save_with_backup,
};
use envroi::model::{Cost, CustomLine, Discounting, ProgrammeRef, Scenario, compute, validate};
use proptest::prelude::*;
use rust_decimal::Decimal;

const BAD_DIR: &str = "tests/fixtures/bad";

fn bad_path(name: &str) -> PathBuf {
    Path::new(BAD_DIR).join(name)
}

/// The real binary, with its config and data folders kept out of the
/// user's.
fn envroi(args: &[&std::ffi::OsStr]) -> Output {
    binary()
        .args(args)
        .env(
            "ENVROI_CONFIG_DIR",
            std::env::temp_dir().join("envroi-test-config"),
        )
        .env(
            "ENVROI_DATA_DIR",
            std::env::temp_dir().join("envroi-test-data"),
        )
        .output()
        .unwrap()
}

fn assert_no_panic(out: &Output) {
    let err = text(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "panic text on stderr:\n{err}"
    );
}

/// A folder and file name with spaces and non-ASCII characters.
fn awkward_dir(root: &Path) -> PathBuf {
    let dir = root.join("Business case Ünïcødé 試験 ");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
