//! Recovery in the app: unsaved work autosaved, offered back after a crash,
//! and a file changed on disk before a save.

use super::*;

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
