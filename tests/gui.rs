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

fn baseline() -> Scenario {
    envroi::io::default_scenario().unwrap()
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

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

#[test]
fn with_no_files_the_app_opens_the_built_in_scenario() {
    let harness = app(Vec::new());
    let s = baseline();
    assert_eq!(harness.state().workspace().docs.len(), 1);
    harness.get_by_label(&npv_card(&s));
}

#[test]
fn editing_a_driver_shows_the_engines_npv_on_the_card() {
    let mut harness = app(Vec::new());
    type_into(&mut harness, ENVIRONMENTS, "30");
    let mut expected = baseline();
    assert!(inputs::set(
        &mut expected,
        "benefits.tem_infrastructure.environments",
        Decimal::from(30)
    ));
    harness.get_by_label(&npv_card(&expected));
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(doc.scenario(), &expected);
}

#[test]
fn a_percentage_is_typed_as_a_percentage_and_stored_as_a_fraction() {
    let mut harness = app(Vec::new());
    type_into(&mut harness, "TEM licences: reduction", "12.5");
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(
        doc.scenario().benefits.tem_licences.reduction,
        Decimal::new(125, 3)
    );
}

#[test]
fn an_invalid_value_shows_its_error_and_the_figures_stay() {
    let mut harness = app(Vec::new());
    let before = baseline();
    type_into(&mut harness, "TEM infrastructure: reduction", "120");
    harness.get_by_label("must be 0 % to 100 %");
    harness.get_by_label(&npv_card(&before));
    type_into(&mut harness, ENVIRONMENTS, "twelve");
    harness.get_by_label_contains("is not a plain decimal number");
    harness.get_by_label(&npv_card(&before));
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(
        doc.scenario(),
        &before,
        "an invalid value never reaches the model"
    );
    assert!(!doc.is_dirty());
}

#[test]
fn a_value_that_breaks_another_rule_is_refused_beside_its_field() {
    let mut harness = app(Vec::new());
    let before = baseline();
    // A go-live month past the horizon is inside 0..=120 but not 0..=H.
    let too_late = (before.horizon_months + 1).to_string();
    type_into(&mut harness, "TEM go-live month", &too_late);
    harness.get_by_label_contains("must be 0 to");
    assert_eq!(harness.state().workspace().docs[0].scenario(), &before);
}

#[test]
fn a_cost_line_can_be_added_and_removed() {
    let mut harness = app(Vec::new());
    let count = baseline().costs.len();
    harness.get_by_label("Add one-off cost").click_accesskit();
    harness.run();
    assert_eq!(
        harness.state().workspace().docs[0].scenario().costs.len(),
        count + 1
    );
    type_into(&mut harness, "New cost: amount", "1000");
    let with_cost = harness.state().workspace().docs[0].scenario().clone();
    assert_eq!(
        with_cost.costs.last().map(envroi::model::Cost::name),
        Some("New cost")
    );
    harness.get_by_label(&npv_card(&with_cost));
    leave_field(&mut harness);
    harness
        .get_by_label("Remove cost New cost")
        .click_accesskit();
    harness.run();
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(doc.scenario().costs.len(), count);
    assert!(harness.query_by_label("Remove cost New cost").is_none());
    harness.get_by_label(&npv_card(&baseline()));
}

#[test]
fn undo_and_redo_step_through_edits() {
    let mut harness = app(Vec::new());
    let original = baseline();
    type_into(&mut harness, ENVIRONMENTS, "30");
    leave_field(&mut harness);
    let edited = harness.state().workspace().docs[0].scenario().clone();
    assert_ne!(edited, original);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &original);
    harness.get_by_label(&npv_card(&original));
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, ENVIRONMENTS);
    assert_eq!(
        field.value().as_deref(),
        Some(
            original
                .benefits
                .tem_infrastructure
                .environments
                .to_string()
                .as_str()
        ),
        "the field shows the restored value"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &edited);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &edited);
}

#[test]
fn shortcuts_do_not_fire_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline.ron"), &path).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    let mut harness = app(vec![path.clone()]);
    type_into(&mut harness, ENVIRONMENTS, "30");
    // The field still has focus: Ctrl+N must not open a scenario and
    // Ctrl+S must not save.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    wait_for_files(&mut harness);
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 1);
    assert!(ws.docs[0].is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    // Once the field is left, the same keys act.
    leave_field(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    wait_for_files(&mut harness);
    assert!(!harness.state().workspace().docs[0].is_dirty());
}

#[test]
fn two_shipped_scenarios_appear_side_by_side_in_compare_and_in_the_legend() {
    let first_path = shipped("baseline.ron");
    let second_path = shipped("conservative.ron");
    let first = envroi::io::load_path(&first_path).unwrap();
    let second = envroi::io::load_path(&second_path).unwrap();
    let mut harness = app(vec![first_path, second_path]);
    assert_eq!(harness.state().workspace().docs.len(), 2);

    harness.state_mut().push(Command::SetTab(Tab::Compare));
    harness.run();
    // Both names head the columns (the first is the base, in both tables),
    // each NPV is shown, and the inputs that differ are listed.
    assert_eq!(
        harness
            .query_all_by_label(&format!("{} (base)", first.name))
            .count(),
        2
    );
    assert!(harness.query_all_by_label(&second.name).count() >= 2);
    for s in [&first, &second] {
        let npv = format::money_whole(&s.currency, compute(s).adjusted.figures.npv);
        assert!(harness.query_all_by_label(&npv).count() >= 1, "{npv}");
    }
    harness.get_by_label("Inputs that differ");

    harness.state_mut().push(Command::SetTab(Tab::Payback));
    harness.run();
    // Legend entries are check boxes named after each curve.
    harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, &first.name);
    harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, &second.name);
}

#[test]
fn the_unsaved_marker_appears_on_an_edit_and_clears_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline.ron"), &path).unwrap();
    let mut harness = app(vec![path.clone()]);
    let name = baseline().name;
    assert!(harness.query_by_label(&unsaved_name(&name)).is_none());

    type_into(&mut harness, ENVIRONMENTS, "30");
    harness.get_by_label(&unsaved_name(&name));

    leave_field(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    wait_for_files(&mut harness);
    assert!(harness.query_by_label(&unsaved_name(&name)).is_none());
    let saved = envroi::io::load_path(&path).unwrap();
    assert_eq!(&saved, harness.state().workspace().docs[0].scenario());
    assert_eq!(saved.benefits.tem_infrastructure.environments, 30);
}

#[test]
fn a_file_that_fails_to_load_shows_its_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "Scenario(format_version: 1, name: ").unwrap();
    let mut harness = app(Vec::new());
    let before = harness.state().workspace().docs[0].scenario().clone();
    harness.state_mut().push(Command::Open(bad.clone()));
    harness.run();
    wait_for_files(&mut harness);
    harness.get_by_label(&format!("Could not open {}", bad.display()));
    harness.get_by_label("Nothing already open was changed.");
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 1);
    assert_eq!(ws.docs[0].scenario(), &before);
}

#[test]
fn new_duplicate_and_close_manage_the_open_scenarios() {
    let mut harness = app(Vec::new());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert_eq!(harness.state().workspace().docs.len(), 2);
    harness.get_by_label("New scenario");
    let id = harness.state().workspace().active.unwrap();
    harness.state_mut().push(Command::Duplicate(id));
    harness.run();
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 3);
    let copy = ws.active.unwrap();
    assert!(ws.doc(copy).unwrap().is_dirty(), "a duplicate is unsaved");
    harness.state_mut().push(Command::Close(copy));
    harness.run();
    harness.get_by_label("Close without saving").click();
    harness.run();
    assert_eq!(harness.state().workspace().docs.len(), 2);
}

#[test]
fn a_csv_export_writes_the_same_bytes_as_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("monthly.csv");
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::Monthly(envroi::model::View::Adjusted),
        out.clone(),
    ));
    harness.run();
    wait_for_files(&mut harness);
    let expected =
        envroi::io::csv_out::monthly_csv(&compute(&baseline()), envroi::model::View::Adjusted);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
}

#[test]
fn the_window_state_remembers_files_comparison_and_theme_but_no_scenario_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline.ron"), &path).unwrap();
    let mut harness = app(vec![path.clone()]);
    harness
        .state_mut()
        .push(Command::SetTheme(envroi::gui::state::Theme::Dark));
    harness.state_mut().push(Command::SetTab(Tab::Annual));
    type_into(&mut harness, ENVIRONMENTS, "30");
    let state = harness.state().persisted();
    assert_eq!(state.open_files, vec![path.clone()]);
    assert_eq!(state.compared_files, vec![path.clone()]);
    assert_eq!(state.theme, envroi::gui::state::Theme::Dark);
    let text = ron::to_string(&state).unwrap();
    assert!(!text.contains("environments"), "no scenario data: {text}");

    let restored = envroi::gui::EnvroiApp::with_state(
        Vec::new(),
        Some(state),
        envroi::gui::app::Options {
            native_dialogs: false,
            recent_files: false,
            autosave_dir: None,
        },
    );
    let ws = restored.workspace();
    assert_eq!(ws.docs.len(), 1);
    assert_eq!(ws.docs[0].path.as_deref(), Some(path.as_path()));
    assert_eq!(ws.tab, Tab::Annual);
    assert!(!ws.docs[0].is_dirty(), "the unsaved edit is not restored");
}

#[test]
fn where_there_is_no_file_dialog_a_typed_path_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = baseline();
    other.name = "Typed path case".into();
    let path = dir.path().join("typed.ron");
    envroi::io::save_path(&other, &path).unwrap();
    let mut harness = app(Vec::new());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label("Open a scenario file");
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path");
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    wait_for_files(&mut harness);
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 2);
    assert_eq!(ws.active_doc().unwrap().title(), "Typed path case");
}

#[test]
fn save_as_writes_an_untitled_scenario_where_the_typed_path_says() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-case");
    let mut harness = app(Vec::new());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    harness.get_by_label("Save the scenario as");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .set_text_value_accesskit(&target.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    wait_for_files(&mut harness);
    let written = target.with_extension("ron");
    let saved = envroi::io::load_path(&written).unwrap();
    let ws = harness.state().workspace();
    assert_eq!(&saved, ws.docs[0].scenario());
    assert_eq!(ws.docs[0].path.as_deref(), Some(written.as_path()));
    assert!(!ws.docs[0].is_dirty());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut harness = app(Vec::new());
    type_into(&mut harness, ENVIRONMENTS, "30");
    leave_field(&mut harness);
    harness.state_mut().push(Command::Quit);
    harness.run();
    harness.get_by_label_contains("have changes that are not saved");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Quit without saving").is_none());
    assert!(harness.state().workspace().docs[0].is_dirty());
}

#[test]
fn results_are_recomputed_on_a_change_and_only_then() {
    let mut harness = app(Vec::new());
    let before = harness.state().workspace().docs[0].computations();
    for tab in Tab::ALL {
        harness.state_mut().push(Command::SetTab(tab));
        harness.run();
    }
    assert_eq!(harness.state().workspace().docs[0].computations(), before);
    type_into(&mut harness, ENVIRONMENTS, "30");
    assert_eq!(
        harness.state().workspace().docs[0].computations(),
        before + 1
    );
}

/// A file dropped on the window, as the windowing integration hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_ron_file_dropped_on_the_window_opens_and_another_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = baseline();
    other.name = "Dropped case".into();
    let ron = dir.path().join("dropped.ron");
    envroi::io::save_path(&other, &ron).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a scenario").unwrap();
    let mut harness = app(Vec::new());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(ron)));
    harness.run();
    wait_for_files(&mut harness);
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 2);
    assert_eq!(ws.active_doc().unwrap().title(), "Dropped case");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(text)));
    harness.run();
    assert_eq!(harness.state().workspace().docs.len(), 2);
    harness.get_by_label_contains("is not a .ron scenario file");
}

#[test]
fn every_tab_draws_at_the_smallest_supported_size() {
    let mut harness = Harness::builder()
        .with_size([1024.0, 640.0])
        .with_max_steps(MAX_STEPS)
        .build_eframe(|_cc| EnvroiApp::headless(Vec::new()));
    for tab in Tab::ALL {
        harness.state_mut().push(Command::SetTab(tab));
        harness.run();
        harness.get_by_label(tab.label());
    }
}

#[test]
fn a_fields_context_menu_finds_its_break_even() {
    let mut harness = app(Vec::new());
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, ENVIRONMENTS)
        .click_secondary();
    harness.run();
    harness.get_by_label("Find break-even (NPV = 0)").click();
    harness.run();
    run_until(&mut harness, "the break-even is found", |h| {
        h.query_by_label("no break-even in range").is_some()
    });
    // The same answer as the model's: the baseline stays profitable with no
    // environments at all, so there is no break-even in the allowed range.
    let answer = envroi::model::analysis::break_even(
        &baseline(),
        "benefits.tem_infrastructure.environments",
        envroi::model::analysis::Target::NpvZero,
    )
    .unwrap();
    assert_eq!(answer.value, None);
    harness.get_by_label("no break-even in range");
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

#[test]
fn unsaved_work_left_by_a_crashed_run_is_offered_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let autosave = dir.path().join("autosave");
    let original = dir.path().join("plans with spaces é.ron");
    envroi::io::save_path(&baseline(), &original).unwrap();
    let mut left = baseline();
    left.name = "Left behind".into();
    let old_id = format!("{}-1", ended_process_id());
    envroi::io::recovery::write(&autosave, &old_id, &left, Some(&original)).unwrap();

    let mut harness = app_with_autosave(Vec::new(), autosave.clone());
    harness.run();
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label("Recover").click();
    harness.run();
    // The file worker writes this run's copy, then removes the old entry.
    wait_for_files(&mut harness);
    let ws = harness.state().workspace();
    let doc = ws.docs.iter().find(|d| d.title() == "Left behind").unwrap();
    assert!(doc.is_dirty(), "recovered work shows as unsaved");
    assert_eq!(doc.path.as_deref(), Some(original.as_path()));
    let entries = envroi::io::recovery::list(&autosave);
    assert!(
        entries.iter().all(|e| e.id != old_id),
        "the old entry is gone"
    );
    assert_eq!(entries.len(), 1, "this run keeps its own copy");
    assert_eq!(entries[0].scenario.as_ref().unwrap(), &left);
}

#[test]
fn discarding_the_offered_work_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let autosave = dir.path().join("autosave");
    let old_id = format!("{}-4", ended_process_id());
    envroi::io::recovery::write(&autosave, &old_id, &baseline(), None).unwrap();
    let mut harness = app_with_autosave(Vec::new(), autosave.clone());
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    wait_for_files(&mut harness);
    assert!(envroi::io::recovery::list(&autosave).is_empty());
    assert_eq!(
        harness.state().workspace().docs.len(),
        1,
        "only the default"
    );
}

#[test]
fn unsaved_edits_are_autosaved_within_seconds_and_removed_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let autosave = dir.path().join("autosave");
    let path = dir.path().join("case.ron");
    envroi::io::save_path(&baseline(), &path).unwrap();
    let mut harness = app_with_autosave(vec![path.clone()], autosave.clone());
    harness.run();
    type_into(&mut harness, ENVIRONMENTS, "30");
    leave_field(&mut harness);
    assert!(harness.state().workspace().docs[0].is_dirty());
    let deadline = std::time::Instant::now()
        + envroi::gui::autosave::AUTOSAVE_EVERY
        + std::time::Duration::from_secs(10);
    let mut entries = Vec::new();
    while entries.is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
        harness.run();
        entries = envroi::io::recovery::list(&autosave);
    }
    assert_eq!(entries.len(), 1, "autosaved within a few seconds");
    let copy = entries[0].scenario.as_ref().unwrap();
    assert_eq!(copy.benefits.tem_infrastructure.environments, 30);
    assert_eq!(entries[0].original.as_deref(), Some(path.as_path()));
    let id = harness.state().workspace().docs[0].id;
    harness.state_mut().push(Command::Save(id));
    harness.run();
    wait_for_files(&mut harness);
    // The next frame notes it saved, and the autosave thread removes the
    // entry at once.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !envroi::io::recovery::list(&autosave).is_empty() && std::time::Instant::now() < deadline
    {
        harness.run();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(envroi::io::recovery::list(&autosave).is_empty());
    assert!(
        path.with_file_name("case.ron.bak").exists(),
        "a backup is kept"
    );
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared case.ron");
    envroi::io::save_path(&baseline(), &path).unwrap();
    let mut harness = app(vec![path.clone()]);
    harness.run();
    type_into(&mut harness, ENVIRONMENTS, "30");
    leave_field(&mut harness);
    let mut theirs = baseline();
    theirs.name = "Edited by a colleague".into();
    envroi::io::save_path(&theirs, &path).unwrap();
    let id = harness.state().workspace().docs[0].id;
    harness.state_mut().push(Command::Save(id));
    harness.run();
    wait_for_files(&mut harness);
    harness.get_by_label("The file changed on disk");
    assert_eq!(envroi::io::load_path(&path).unwrap(), theirs, "not yet");
    harness.get_by_label("Overwrite").click();
    harness.run();
    wait_for_files(&mut harness);
    let mine = envroi::io::load_path(&path).unwrap();
    assert_eq!(mine.benefits.tem_infrastructure.environments, 30);
    let backup = envroi::io::load_path(&envroi::io::backup_path(&path)).unwrap();
    assert_eq!(backup, theirs, "their version is kept as the backup");
    assert!(!harness.state().workspace().docs[0].is_dirty());
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

#[test]
fn typed_paths_with_spaces_and_non_ascii_work_for_open_save_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Études de cas 試験 ");
    std::fs::create_dir_all(&folder).unwrap();
    let mut other = baseline();
    other.name = "Ünïcødé case".into();
    let source = folder.join("Cas d'étude n°1.ron");
    envroi::io::save_path(&other, &source).unwrap();
    // egui's bundled fonts have no CJK glyphs: the app draws them as boxes
    // (egui's default), which the test harness would refuse.
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(MAX_STEPS)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| EnvroiApp::headless(Vec::new()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_typed_path(&mut harness, "Open a scenario file", &source);
    assert_eq!(
        harness.state().workspace().active_doc().unwrap().title(),
        "Ünïcødé case"
    );
    let id = harness.state().workspace().active.unwrap();
    harness.state_mut().push(Command::SaveAsDialog(id));
    harness.run();
    let copy = folder.join("copie à jour.ron");
    answer_typed_path(&mut harness, "Save the scenario as", &copy);
    assert_eq!(envroi::io::load_path(&copy).unwrap(), other);
    harness
        .state_mut()
        .push(Command::ExportDialog(envroi::gui::state::Export::Summary));
    harness.run();
    let csv = folder.join("résumé ß.csv");
    answer_typed_path(&mut harness, "Export to", &csv);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("metric,unadjusted,risk_adjusted\n"),
        "{text}"
    );
}

/// A copy of the shipped baseline in a temporary folder, opened in the app.
fn app_on_a_copy() -> (tempfile::TempDir, PathBuf, Harness<'static, EnvroiApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline.ron"), &path).unwrap();
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

#[test]
fn a_save_runs_in_the_background_and_marks_the_document_saved_when_done() {
    let (_dir, path, mut harness, id) = app_with_an_unsaved_edit();
    assert!(harness.state().workspace().docs[0].is_dirty());
    harness.state_mut().push(Command::Save(id));
    // One frame: the save is queued, the status bar says so, and nothing is
    // marked saved before the worker has written the file (its outcome is
    // only applied in a later frame).
    harness.step();
    harness.get_by_label("Saving case.ron...");
    assert!(harness.state().workspace().docs[0].is_dirty());
    assert!(!harness.state().files_idle());
    wait_for_files(&mut harness);
    let doc = &harness.state().workspace().docs[0];
    assert!(!doc.is_dirty());
    assert_eq!(&envroi::io::load_path(&path).unwrap(), doc.scenario());
    assert!(harness.query_by_label("Saving case.ron...").is_none());
    harness.get_by_label(&format!("Saved {}", path.display()));
    assert!(envroi::io::backup_path(&path).exists(), "the .bak is kept");
}

#[test]
fn an_edit_made_while_a_save_is_in_flight_keeps_the_document_unsaved() {
    let (_dir, path, mut harness, id) = app_with_an_unsaved_edit();
    harness.state_mut().push(Command::Save(id));
    harness.step();
    harness.get_by_label("Saving case.ron...");
    // The next frame applies this edit before it can apply the save's
    // outcome (commands are drained first), so the save always wrote the
    // scenario from before the edit.
    harness.state_mut().push(set_environments(id, 31));
    harness.step();
    wait_for_files(&mut harness);
    let on_disk = envroi::io::load_path(&path).unwrap();
    assert_eq!(on_disk.benefits.tem_infrastructure.environments, 30);
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(doc.scenario().benefits.tem_infrastructure.environments, 31);
    assert!(doc.is_dirty(), "the edit made during the save is not saved");
    harness.get_by_label(&unsaved_name(&baseline().name));
    // Saving again writes the edit and only then is the document saved.
    harness.state_mut().push(Command::Save(id));
    harness.run();
    wait_for_files(&mut harness);
    assert!(!harness.state().workspace().docs[0].is_dirty());
    assert_eq!(
        envroi::io::load_path(&path)
            .unwrap()
            .benefits
            .tem_infrastructure
            .environments,
        31
    );
}

/// The PNG export is written by the file worker (the status bar says so
/// meanwhile) with the very bytes of the command line's chart.
#[test]
fn an_export_is_written_by_the_file_worker() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("payback.png");
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::Png,
        out.clone(),
    ));
    harness.step();
    harness.get_by_label("Exporting payback.png...");
    wait_for_files(&mut harness);
    harness.get_by_label(&format!("Wrote {}", out.display()));
    let s = baseline();
    let expected = envroi::io::png::payback_png(
        &[(s.name.as_str(), &compute(&s))],
        envroi::model::View::Adjusted,
        &s.currency,
        &envroi::io::png::PngOptions::default(),
    )
    .unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), expected);
}

#[test]
fn opening_a_file_twice_while_it_is_being_read_opens_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = baseline();
    other.name = "Opened twice".into();
    let path = dir.path().join("twice.ron");
    envroi::io::save_path(&other, &path).unwrap();
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::Open(path.clone()));
    harness.state_mut().push(Command::Open(path.clone()));
    harness.step();
    harness.get_by_label("Opening twice.ron...");
    harness.state_mut().push(Command::Open(path.clone()));
    harness.run();
    wait_for_files(&mut harness);
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 2, "the default and the file, once");
    assert_eq!(ws.active_doc().unwrap().title(), "Opened twice");
}

/// Paths are compared on the UI thread without asking the file system; a
/// file named another way (here a link) is recognised once the file worker
/// has resolved it: opening it selects the open document, and an export
/// over it is refused.
#[cfg(unix)]
#[test]
fn a_file_named_another_way_is_recognised_by_the_file_worker() {
    let (dir, path, mut harness) = app_on_a_copy();
    let link = dir.path().join("same file.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    harness.state_mut().push(Command::Open(link.clone()));
    harness.run();
    wait_for_files(&mut harness);
    assert_eq!(
        harness.state().workspace().docs.len(),
        1,
        "not opened twice"
    );
    let before = std::fs::read(&path).unwrap();
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::Summary,
        link.clone(),
    ));
    harness.run();
    wait_for_files(&mut harness);
    harness.run();
    harness.get_by_label_contains("is an open scenario file");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the scenario is untouched"
    );
}

#[test]
fn closing_the_window_during_a_save_waits_for_the_save() {
    let (_dir, path, mut harness, id) = app_with_an_unsaved_edit();
    harness.state_mut().push(Command::Save(id));
    harness.step();
    // The window's close button, while the save is in flight.
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let commands = |h: &Harness<'_, EnvroiApp>| {
        h.output().viewport_output[&egui::ViewportId::ROOT]
            .commands
            .clone()
    };
    assert!(
        commands(&harness).contains(&egui::ViewportCommand::CancelClose),
        "the window stays open while the save is in flight"
    );
    // Frame by frame until the app closes the window itself.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !commands(&harness).contains(&egui::ViewportCommand::Close) {
        assert!(Instant::now() < deadline, "closed: not within 10 s");
        std::thread::sleep(Duration::from_millis(2));
        harness.step();
    }
    // The save finished first, so there was nothing unsaved to ask about.
    assert!(harness.state().files_idle());
    assert!(harness.query_by_label("Quit without saving").is_none());
    assert!(!harness.state().workspace().docs[0].is_dirty());
    assert_eq!(
        envroi::io::load_path(&path)
            .unwrap()
            .benefits
            .tem_infrastructure
            .environments,
        30
    );
}

/// The tornado's caption for a scenario, as the panel writes it.
fn tornado_caption(s: &Scenario) -> String {
    let base = envroi::model::analysis::sensitivity(s).unwrap().base_npv;
    format!(
        "Base NPV {}. Widest swing at the top.",
        format::money(&s.currency, base)
    )
}

#[test]
fn the_tornado_is_computed_in_the_background_and_then_shown() {
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::SetTab(Tab::Analysis));
    // The frame that shows the tab starts the computation; its answer can
    // only be taken by a later frame.
    harness.step();
    harness.get_by_label(envroi::gui::panels::analysis::TORNADO_COMPUTING);
    let caption = tornado_caption(&baseline());
    run_until(&mut harness, "the tornado appears", |h| {
        h.query_by_label(&caption).is_some()
    });
    assert!(
        harness
            .query_by_label(envroi::gui::panels::analysis::TORNADO_COMPUTING)
            .is_none()
    );
}

#[test]
fn a_tornado_computed_for_an_earlier_revision_is_thrown_away() {
    let mut harness = app(Vec::new());
    let id = harness.state().workspace().docs[0].id;
    harness.state_mut().push(Command::SetTab(Tab::Analysis));
    harness.step();
    // The tornado of the baseline is being computed; the scenario changes
    // before any frame could take its answer.
    harness.state_mut().push(set_environments(id, 30));
    harness.step();
    harness.get_by_label(envroi::gui::panels::analysis::TORNADO_COMPUTING);
    let old = tornado_caption(&baseline());
    let edited = harness.state().workspace().docs[0].scenario().clone();
    assert_eq!(edited.benefits.tem_infrastructure.environments, 30);
    let new = tornado_caption(&edited);
    assert_ne!(old, new);
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.query_by_label(&new).is_none() {
        assert!(
            harness.query_by_label(&old).is_none(),
            "the baseline's tornado is never shown for the edited scenario"
        );
        assert!(
            Instant::now() < deadline,
            "the new tornado: not within 10 s"
        );
        std::thread::sleep(Duration::from_millis(2));
        harness.step();
    }
    assert!(harness.query_by_label(&old).is_none());
}
