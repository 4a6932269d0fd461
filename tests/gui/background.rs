//! Work off the UI thread: saves, exports and opens on the file worker,
//! and the tornado of the What-if tab, each answer kept only for its revision.

use super::*;

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

#[test]
fn the_tornado_is_computed_in_the_background_and_then_shown() {
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::SetTab(Tab::Analysis));
    // The frame that shows the tab starts the computation; its answer can
    // only be taken by a later frame.
    harness.step();
    let caption = tornado_caption(&baseline());
    // The tornado of the active document starts with the app (the cards
    // count unconfirmed key assumptions from it), so it may be done by now;
    // if not, the tab says it is being computed.
    assert!(
        harness
            .query_by_label(envroi::gui::panels::analysis::TORNADO_COMPUTING)
            .is_some()
            || harness.query_by_label(&caption).is_some()
    );
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
