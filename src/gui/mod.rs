//! The desktop app (feature `gui`): the only place egui, eframe, `egui_plot`
//! and `rfd` appear.
//!
//! Modules, lowest first; each imports only those before it (checked by
//! `tests/tidy.rs`; ARCHITECTURE.md has the map):
//! - [`state`]: the shared vocabulary (document ids, tabs, theme, exports).
//! - [`command`]: every change the app can be asked for; panels push
//!   commands, the app applies them in one place.
//! - [`field`]: the text of a numeric field, shown and parsed exactly;
//!   [`theme`] maps `crate::tokens` onto egui; [`background`] runs a
//!   one-shot computation off the UI thread.
//! - [`analyses`]: a document's what-if state (tornado, goal seek, Monte
//!   Carlo, break-evens).
//! - [`document`]: one open scenario: file, saved copy, results, undo, the
//!   text typed into its fields and its analyses; [`workspace`]: every open
//!   document and the view settings.
//! - [`worker`] opens, saves and exports files off the UI thread; [`files`]
//!   runs file dialogs and keeps the recent-files list; [`autosave`] writes
//!   unsaved work every few seconds and offers it back after a crash.
//! - [`widgets`]: what the panels share (form rows, list controls, table
//!   cells, the view switch, axis formatters).
//! - [`panels`]: the window, one panel per file; none imports another.
//! - [`app`]: owns the workspace, applies commands, lays out the panels.

pub mod analyses;
pub mod app;
pub mod autosave;
pub mod background;
pub mod command;
pub mod decision;
pub mod document;
pub mod export;
pub mod field;
pub mod files;
pub mod icon;
pub mod panels;
pub mod state;
pub mod theme;
pub mod widgets;
pub mod worker;
pub mod workspace;

use std::path::PathBuf;
use std::time::Instant;

pub use app::EnvroiApp;

/// The window's app id; the desktop file is `assets/desktop/APP_ID.desktop`
/// (`tests/gui` checks they agree).
pub const APP_ID: &str = "envroi";

/// The window state file, in the data folder (`io::paths::data_dir`).
pub const STATE_FILE: &str = "window-state.ron";

/// Why the app cannot open a window here, or `None` when it can try.
#[must_use]
pub fn missing_display() -> Option<String> {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    let has_display = std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty());
    (unix_desktop && !has_display).then(|| {
        "envroi: no display to open the desktop app on (neither DISPLAY nor WAYLAND_DISPLAY is set). \
         Use a command instead, for example `envroi report FILE.ron` or `envroi --help`."
            .to_owned()
    })
}

/// The environment variable that makes the app report the time to its
/// first painted frame on stderr and close (the cold-start probe).
pub const EXIT_AFTER_FIRST_FRAME: &str = "ENVROI_EXIT_AFTER_FIRST_FRAME";

/// Opens the window on `files` (or, with none, the last session's files or
/// the built-in default scenario) and runs until it is closed. `started`
/// is when the process began its work (taken first thing in `main`); the
/// cold-start probe measures from it.
pub fn run(files: Vec<PathBuf>, started: Instant) -> Result<(), String> {
    if let Some(message) = missing_display() {
        return Err(message);
    }
    autosave::install_panic_hook();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("envroi")
        .with_app_id(APP_ID)
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persistence_path: crate::io::paths::data_dir().map(|d| d.join(STATE_FILE)),
        // The app adds the system fonts itself, at its first frame
        // (`theme::add_system_font_fallback`), so that its tests have them.
        system_font_fallback: false,
        ..Default::default()
    };
    let mut probe = std::env::var_os(EXIT_AFTER_FIRST_FRAME)
        .is_some_and(|v| v == "1")
        .then(|| app::StartupProbe::new(started));
    if let Some(p) = &mut probe {
        p.mark_once("eframe starting");
    }
    eframe::run_native(
        "envroi",
        options,
        Box::new(move |cc| {
            if let Some(p) = &mut probe {
                p.mark_once("window and GL context ready");
            }
            let mut app = EnvroiApp::new(cc, files);
            if let Some(mut p) = probe {
                p.mark_once("app state restored");
                app.exit_after_first_frame(p);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("envroi: the desktop app could not start: {e}"))
}
