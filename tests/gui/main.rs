//! The desktop app driven headless through its accessibility tree with
//! `egui_kittest`: no GPU and no display. Widgets are found by the names a
//! screen reader would read, so these tests also check that every field is
//! labelled.

#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on an unexpected error"
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rust_decimal::Decimal;

use envroi::format;
use envroi::gui::EnvroiApp;
use envroi::gui::command::Command;
use envroi::gui::panels::scenarios::unsaved_name;
use envroi::gui::state::Tab;
use envroi::model::{Scenario, compute, inputs};

use common::{shipped, shipped_default as baseline};

#[path = "../common/mod.rs"]
mod common;

mod background;
mod editing;
mod estate;
mod evidence;
mod files;
mod international;
mod recovery;

const ENVIRONMENTS: &str = "TEM infrastructure: environments";

/// Frames `Harness::run` may take to settle. A result arriving from the
/// file worker or an analysis thread asks for a repaint and can add a few
/// frames to a run (a status bar appears, a chart is laid out).
const MAX_STEPS: u64 = 16;

fn app(files: Vec<PathBuf>) -> Harness<'static, EnvroiApp> {
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(MAX_STEPS)
        .build_eframe(move |_cc| EnvroiApp::headless(files))
}

/// Runs frames until `done` holds. Files and analyses are handled on other
/// threads, which ask for a repaint when they finish; this waits for that
/// by stepping the app, for at most 10 s, and fails the test otherwise.
fn run_until(
    harness: &mut Harness<'_, EnvroiApp>,
    what: &str,
    done: impl Fn(&Harness<'_, EnvroiApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        harness.run_ok();
        if done(harness) {
            harness.run();
            return;
        }
        assert!(Instant::now() < deadline, "{what}: not within 10 s");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Runs frames until the file worker has finished every job and the app
/// has applied the outcomes.
fn wait_for_files(harness: &mut Harness<'_, EnvroiApp>) {
    run_until(harness, "the file worker finishes", |h| {
        h.state().files_idle()
    });
}

/// The accessible name of the NPV card for `s`, as the engine computes it.
fn npv_card(s: &Scenario) -> String {
    let npv = compute(s).adjusted.figures.npv;
    format!(
        "NPV, risk-adjusted: {}",
        format::money_whole(&s.currency, npv)
    )
}

/// Replaces the text of the field named `name`, as a person typing would.
fn type_into(harness: &mut Harness<'_, EnvroiApp>, name: &str, text: &str) {
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, name);
    field.focus();
    harness.run();
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, name);
    field.set_text_value_accesskit(text);
    harness.run();
}

/// Moves keyboard focus off any field (as a click elsewhere would).
fn leave_field(harness: &mut Harness<'_, EnvroiApp>) {
    harness.key_press(Key::Escape);
    harness.run();
}

/// The app with autosave into `dir`, no desktop dialogs and no recent files.
fn app_with_autosave(files: Vec<PathBuf>, dir: PathBuf) -> Harness<'static, EnvroiApp> {
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(MAX_STEPS)
        .build_eframe(move |_cc| {
            EnvroiApp::with_state(
                files,
                None,
                envroi::gui::app::Options {
                    native_dialogs: false,
                    recent_files: false,
                    autosave_dir: Some(dir),
                },
            )
        })
}

/// The id of a process that has ended, as after `kill -9`.
fn ended_process_id() -> u32 {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_envroi"))
        .arg("--help")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Types `path` into the typed-path prompt titled `title` and confirms it.
fn answer_typed_path(harness: &mut Harness<'_, EnvroiApp>, title: &str, path: &Path) {
    harness.get_by_label(title);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    wait_for_files(harness);
}

/// A copy of the shipped baseline in a temporary folder, opened in the app.
fn app_on_a_copy() -> (tempfile::TempDir, PathBuf, Harness<'static, EnvroiApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline"), &path).unwrap();
    let harness = app(vec![path.clone()]);
    (dir, path, harness)
}

/// [`app_on_a_copy`] with one edit made (30 TEM environments), not saved;
/// with the document's id.
fn app_with_an_unsaved_edit() -> (
    tempfile::TempDir,
    PathBuf,
    Harness<'static, EnvroiApp>,
    envroi::gui::state::DocId,
) {
    let (dir, path, mut harness) = app_on_a_copy();
    let id = harness.state().workspace().docs[0].id;
    harness.state_mut().push(set_environments(id, 30));
    harness.run();
    (dir, path, harness, id)
}

/// An edit of the number of TEM environments, as the inputs panel pushes it.
fn set_environments(doc: envroi::gui::state::DocId, value: i64) -> Command {
    let key = "benefits.tem_infrastructure.environments";
    Command::Edit {
        doc,
        key: key.to_owned(),
        edit: envroi::model::edit::Edit::Number {
            path: key.to_owned(),
            value: Decimal::from(value),
        },
    }
}

/// The tornado's caption for a scenario, as the panel writes it.
fn tornado_caption(s: &Scenario) -> String {
    let base = envroi::model::analysis::sensitivity(s).unwrap().base_npv;
    format!(
        "Base NPV {}. Widest swing at the top.",
        format::money(&s.currency, base)
    )
}

/// The desktop entry a package installs names the window's app id, so a
/// desktop matches the window to its entry and shows the same icon.
#[test]
fn the_desktop_entry_belongs_to_the_window() {
    let app_id = envroi::gui::APP_ID;
    let entry = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("desktop")
        .join(format!("{app_id}.desktop"));
    let text = std::fs::read_to_string(&entry).unwrap();
    for line in [
        format!("StartupWMClass={app_id}"),
        "Icon=envroi".to_owned(),
        "Exec=envroi %F".to_owned(),
        "Categories=Office;Finance;".to_owned(),
        "MimeType=application/x-envroi-scenario;".to_owned(),
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} in {}",
            entry.display()
        );
    }
    assert!(envroi::gui::icon::window_icon().is_some());
}
