//! Everything that touches files: scenario files (RON) with exact decimals
//! and precise errors, CSV writers, atomic writes with backups, autosave and
//! recovery copies, and the standard folders.

pub mod atomic;
pub mod csv_out;
pub mod html;
pub mod paths;
pub mod png;
pub mod recovery;
pub mod scan;
pub mod scenario_file;
pub mod xlsx;

pub use scenario_file::{
    DiskStamp, FileError, FileProblem, SaveError, backup_path, changed_on_disk, load_bytes,
    load_path, load_path_stamped, load_str, save_checked, save_path, save_with_backup,
    to_ron_string,
};

/// The shipped scenario the app opens when nothing else is given.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/baseline.ron");
/// The file name shown for the embedded default scenario.
pub const DEFAULT_SCENARIO_NAME: &str = "baseline.ron (built in)";

/// Loads the embedded default scenario.
pub fn default_scenario() -> Result<crate::model::Scenario, FileError> {
    load_str(DEFAULT_SCENARIO, DEFAULT_SCENARIO_NAME)
}
