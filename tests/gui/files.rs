//! Files in the app: opening, saving, exporting, closing and quitting,
//! the window state, typed paths and dropped files.

use super::*;

#[test]
fn the_unsaved_marker_appears_on_an_edit_and_clears_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline"), &path).unwrap();
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
fn the_workbook_export_writes_the_same_bytes_as_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("business-case.xlsx");
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::Workbook,
        out.clone(),
    ));
    harness.run();
    wait_for_files(&mut harness);
    let s = baseline();
    let expected = envroi::io::xlsx::workbook(&s, &compute(&s)).unwrap();
    assert!(
        std::fs::read(&out).unwrap() == expected,
        "the workbook differs"
    );
}

#[test]
fn the_window_state_remembers_files_comparison_and_theme_but_no_scenario_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline"), &path).unwrap();
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
fn the_business_case_and_appraisal_are_the_command_lines_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    let option = dir.path().join("option.ron");
    std::fs::copy(shipped("baseline"), &base).unwrap();
    std::fs::copy(shipped("conservative"), &option).unwrap();
    let mut harness = app(vec![base.clone(), option.clone()]);
    wait_for_files(&mut harness);
    let first = harness.state().workspace().docs[0].id;
    harness.state_mut().push(Command::Select(first));
    let case = dir.path().join("case.html");
    let appraisal = dir.path().join("appraisal.html");
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::BusinessCase,
        case.clone(),
    ));
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::Appraisal,
        appraisal.clone(),
    ));
    harness.run();
    wait_for_files(&mut harness);

    let cli_case = dir.path().join("cli-case.html");
    let cli_appraisal = dir.path().join("cli-appraisal.html");
    let run = common::envroi(&[
        "report",
        base.to_str().unwrap(),
        "--html",
        cli_case.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let run = common::envroi(&[
        "compare",
        base.to_str().unwrap(),
        option.to_str().unwrap(),
        "--html",
        cli_appraisal.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let app_case = std::fs::read(&case).unwrap();
    assert!(String::from_utf8_lossy(&app_case).contains("<h2>Method</h2>"));
    assert_eq!(app_case, std::fs::read(&cli_case).unwrap());
    assert_eq!(
        std::fs::read(&appraisal).unwrap(),
        std::fs::read(&cli_appraisal).unwrap()
    );

    // An unsaved change: the document says so and hashes what it shows.
    type_into(&mut harness, ENVIRONMENTS, "30");
    harness.state_mut().push(Command::ExportTo(
        envroi::gui::state::Export::BusinessCase,
        case.clone(),
    ));
    harness.run();
    wait_for_files(&mut harness);
    let edited = std::fs::read_to_string(&case).unwrap();
    assert!(edited.contains("unsaved changes"));
    let saved_as =
        envroi::io::to_ron_string(harness.state().workspace().docs[0].scenario()).unwrap();
    assert!(edited.contains(&envroi::case::sha256_hex(saved_as.as_bytes())));
}
