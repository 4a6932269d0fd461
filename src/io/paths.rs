//! Standard folders (via `directories`): configuration (recent files) and
//! data (autosave, recovery copies). Environment overrides keep tests out
//! of the user's home.

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "envroi", "envroi")
}

/// The configuration folder: `$ENVROI_CONFIG_DIR`, else the platform's
/// (e.g. `~/.config/envroi` on Linux).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("ENVROI_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// The data folder: `$ENVROI_DATA_DIR`, else the platform's
/// (e.g. `~/.local/share/envroi` on Linux).
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("ENVROI_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}
