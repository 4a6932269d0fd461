//! Released-version fixtures, backups, "changed on disk" detection,
//! recovery copies across processes, and paths with spaces and non-ASCII
//! characters in every command.

use super::*;

#[test]
fn every_released_version_fixture_still_loads_and_computes() {
    let mut count = 0;
    for entry in std::fs::read_dir("tests/fixtures/v1").unwrap() {
        let path = entry.unwrap().path();
        let s = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
        // A version-1 file is a version-2 file without assumption records:
        // it is read as version 2 and saved as version 2, and the saved
        // file loads back to the same scenario and the same figures.
        assert_eq!(s.format_version, 2);
        assert!(s.assumptions.is_empty());
        assert!(validate(&s).is_empty());
        let text = envroi::io::to_ron_string(&s).unwrap();
        assert!(text.contains("format_version: 2,"), "{text}");
        let again = envroi::io::load_str(&text, "saved.ron").unwrap();
        assert_eq!(again, s);
        assert_eq!(compute(&again), compute(&s));
        count += 1;
    }
    assert!(count >= 5, "the five shipped scenarios of version 1");
}

#[test]
fn saving_keeps_the_previous_version_as_a_bak_file() {
    let dir = temp_dir();
    let path = dir.path().join("my case.ron");
    let first = baseline();
    save_with_backup(&first, &path).unwrap();
    assert!(!backup_path(&path).exists(), "no backup of nothing");
    let mut second = first.clone();
    second.name = "Second".into();
    save_with_backup(&second, &path).unwrap();
    assert_eq!(backup_path(&path), dir.path().join("my case.ron.bak"));
    assert_eq!(load_path(&backup_path(&path)).unwrap(), first);
    assert_eq!(load_path(&path).unwrap(), second);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
}

#[test]
fn save_checked_refuses_when_the_file_changed_on_disk_since_it_was_opened() {
    let dir = temp_dir();
    let path = dir.path().join("shared.ron");
    std::fs::write(&path, DEFAULT_SCENARIO).unwrap();
    let (mut s, opened) = load_path_stamped(&path).unwrap();
    assert!(!changed_on_disk(&path, Some(&opened)));
    // Someone else edits the file.
    let theirs = DEFAULT_SCENARIO.replacen("horizon_months: 36", "horizon_months: 48", 1);
    std::fs::write(&path, &theirs).unwrap();
    assert!(changed_on_disk(&path, Some(&opened)));
    s.name = "Mine".into();
    let err = save_checked(&s, &path, Some(&opened)).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }));
    assert!(err.to_string().contains("changed on disk"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "untouched");
    // The user chooses to overwrite: their version becomes the backup.
    let stamp = save_with_backup(&s, &path).unwrap();
    assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), theirs);
    assert_eq!(Some(stamp), DiskStamp::of_path(&path));
    // A later save with the new stamp goes through.
    s.name = "Mine again".into();
    save_checked(&s, &path, Some(&stamp)).unwrap();
}

#[test]
fn save_checked_notices_a_deleted_file_and_a_file_that_appeared() {
    let dir = temp_dir();
    let path = dir.path().join("gone.ron");
    let stamp = save_with_backup(&baseline(), &path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(changed_on_disk(&path, Some(&stamp)));
    let fresh = dir.path().join("new.ron");
    assert!(!changed_on_disk(&fresh, None));
    std::fs::write(&fresh, "x").unwrap();
    assert!(matches!(
        save_checked(&baseline(), &fresh, None),
        Err(SaveError::ChangedOnDisk { .. })
    ));
}

#[test]
fn touching_a_file_without_changing_it_is_not_a_change() {
    let dir = temp_dir();
    let path = dir.path().join("same.ron");
    let stamp = save_with_backup(&baseline(), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, bytes).unwrap();
    assert!(!changed_on_disk(&path, Some(&stamp)));
}

#[test]
fn an_autosave_left_by_a_crashed_process_is_offered_to_the_next_one() {
    let dir = temp_dir();
    let autosave = dir.path().join("data").join("autosave");
    // A process that has ended stands for the crashed app: its pid is no
    // longer running, as after `kill -9`.
    let mut child = binary()
        .arg("--help")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let dead_pid = child.id();
    child.wait().unwrap();
    let original = dir.path().join("Ordner mit Leerzeichen/Szenario ä.ron");
    let mut unsaved = baseline();
    unsaved.name = "An afternoon of edits".into();
    let id = format!("{dead_pid}-3");
    recovery::write(&autosave, &id, &unsaved, Some(&original)).unwrap();
    // This process's own autosave is not offered back to it.
    recovery::write(&autosave, &recovery::entry_id(1), &baseline(), None).unwrap();
    let offered = recovery::list_recoverable(&autosave);
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].id, id);
    assert_eq!(offered[0].original.as_deref(), Some(original.as_path()));
    assert_eq!(offered[0].scenario.as_ref().unwrap(), &unsaved);
    recovery::discard(&autosave, &id).unwrap();
    assert!(recovery::list_recoverable(&autosave).is_empty());
}

#[test]
fn every_command_works_with_spaces_and_non_ascii_in_paths() {
    let root = temp_dir();
    let dir = awkward_dir(root.path());
    let input = dir.join("Baseline — copie à jour.ron");
    let other = dir.join("other scénario.ron");
    std::fs::copy("scenarios/baseline.ron", &input).unwrap();
    std::fs::copy("scenarios/conservative.ron", &other).unwrap();
    let out_file = |name: &str| dir.join(name);
    let cases: Vec<(Vec<std::ffi::OsString>, Vec<PathBuf>)> = vec![
        (vec!["check".into(), input.clone().into()], vec![]),
        (
            vec![
                "report".into(),
                input.clone().into(),
                "--monthly-csv".into(),
                out_file("mensuel é.csv").into(),
                "--summary-csv".into(),
                out_file("résumé 1.csv").into(),
                "--png".into(),
                out_file("courbe ü.png").into(),
            ],
            vec![
                out_file("mensuel é.csv"),
                out_file("résumé 1.csv"),
                out_file("courbe ü.png"),
            ],
        ),
        (
            vec![
                "compare".into(),
                input.clone().into(),
                other.clone().into(),
                "--csv".into(),
                out_file("比較 a.csv").into(),
                "--png".into(),
                out_file("比較 b.png").into(),
            ],
            vec![out_file("比較 a.csv"), out_file("比較 b.png")],
        ),
        (
            vec![
                "sensitivity".into(),
                input.clone().into(),
                "--csv".into(),
                out_file("tornade ß.csv").into(),
                "--png".into(),
                out_file("tornade ß.png").into(),
            ],
            vec![out_file("tornade ß.csv"), out_file("tornade ß.png")],
        ),
        (
            vec![
                "breakeven".into(),
                input.clone().into(),
                "--input".into(),
                "costs.Implementation services.amount".into(),
                "--csv".into(),
                out_file("seuil ø.csv").into(),
            ],
            vec![out_file("seuil ø.csv")],
        ),
        (
            vec![
                "montecarlo".into(),
                input.clone().into(),
                "--trials".into(),
                "200".into(),
                "--csv".into(),
                out_file("simulação.csv").into(),
                "--png".into(),
                out_file("simulação.png").into(),
            ],
            vec![out_file("simulação.csv"), out_file("simulação.png")],
        ),
    ];
    for (args, outputs) in cases {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsString::as_os_str).collect();
        let out = envroi(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_no_panic(&out);
        for output in outputs {
            let len = std::fs::metadata(&output)
                .unwrap_or_else(|e| panic!("{}: {e}", output.display()))
                .len();
            assert!(len > 0, "{} is empty", output.display());
        }
    }
    // A bad file in such a folder is named in full in the message.
    let bad = dir.join("mauvais fichier é.ron");
    std::fs::write(&bad, "Scenario(").unwrap();
    let out = envroi(&["check".as_ref(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("mauvais fichier é.ron"));
}

#[test]
fn saving_and_recovering_work_with_spaces_and_non_ascii_in_paths() {
    let root = temp_dir();
    let dir = awkward_dir(root.path());
    let path = dir.join("Cas d'affaires ∑ 2027.ron");
    save_with_backup(&baseline(), &path).unwrap();
    save_with_backup(&baseline(), &path).unwrap();
    assert!(dir.join("Cas d'affaires ∑ 2027.ron.bak").exists());
    assert_eq!(load_path(&path).unwrap(), baseline());
    let autosave = dir.join("autosave ü");
    recovery::write(&autosave, "1-1", &baseline(), Some(&path)).unwrap();
    assert_eq!(
        recovery::list(&autosave)[0].original.as_deref(),
        Some(path.as_path())
    );
}
