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

mod common;
use common::{assert_mentions, baseline, binary, temp_dir, text};

use envroi::io::{
    DEFAULT_SCENARIO, DiskStamp, SaveError, backup_path, changed_on_disk, load_bytes, load_path,
    load_path_stamped, recovery, save_checked, save_with_backup,
};
use envroi::model::{Cost, CustomLine, Discounting, ProgrammeRef, Scenario, compute, validate};
use proptest::prelude::*;
use rust_decimal::Decimal;

const BAD_DIR: &str = "tests/fixtures/bad";

/// Every bad file and the substrings its message must hold: the place
/// (`:line:col:` where RON or the scan can tell), the field and the reason.
const BAD: &[(&str, &[&str])] = &[
    // Syntax.
    ("syntax_missing_comma.ron", &[":11:5:", "Expected comma"]),
    ("syntax_unclosed_string.ron", &[":9:19:", "Expected comma"]),
    (
        "syntax_stray_text_after_scenario.ron",
        &[":56:2:", "unexpected text after the scenario"],
    ),
    (
        "syntax_unbalanced_parenthesis.ron",
        &[":16:11:", "field `tem`", "Expected identifier"],
    ),
    (
        "syntax_wrong_struct_name.ron",
        &[":6:1:", "Expected struct `Scenario` but found `Scenery`"],
    ),
    (
        "syntax_not_ron_but_json.ron",
        &[":1:1:", "Expected opening `(` for struct `Scenario`"],
    ),
    // Types.
    (
        "type_string_for_integer.ron",
        &[":12:20:", "field `horizon_months`", "Expected integer"],
    ),
    (
        "type_float_for_integer.ron",
        &[
            ":12:21:",
            "field `horizon_months`",
            "36.0 has a decimal point",
            "whole number",
        ],
    ),
    (
        "type_float_for_month.ron",
        &[
            ":43:56:",
            "field `costs[1].month`",
            "2.5 has a decimal point",
        ],
    ),
    (
        "type_bool_for_number.ron",
        &[
            ":13:20:",
            "field `discount_rate`",
            "Expected a decimal number",
            "boolean `true`",
        ],
    ),
    (
        "type_number_for_string.ron",
        &[":10:14:", "field `currency`", "Expected string"],
    ),
    (
        "type_number_for_bool.ron",
        &[":16:19:", "field `tem.enabled`", "Expected boolean"],
    ),
    (
        "type_negative_count.ron",
        &[
            ":21:45:",
            "field `benefits.tem_infrastructure.environments`",
            "out of bounds",
        ],
    ),
    (
        "type_count_over_u32.ron",
        &[
            ":22:34:",
            "field `benefits.tem_licences.licences`",
            "out of bounds",
        ],
    ),
    (
        "type_unknown_enum_variant.ron",
        &[":14:18:", "field `discounting`", "`Quarterly`", "`Annual`"],
    ),
    (
        "type_unknown_cost_kind.ron",
        &[":43:9:", "field `costs[1]`", "`Once`", "`OneOff`"],
    ),
    (
        "type_unit_for_list.ron",
        &[":41:11:", "field `costs`", "Expected opening `[`"],
    ),
    (
        "type_decimal_string_not_a_number.ron",
        &[
            ":13:21:",
            "field `discount_rate`",
            "`ten percent` is not a plain decimal number",
        ],
    ),
    // Ranges.
    (
        "range_horizon_too_short.ron",
        &[
            ":12:5:",
            "field `horizon_months`",
            "12 to 120",
            "(found 11)",
        ],
    ),
    (
        "range_discount_rate_above_one.ron",
        &[":13:5:", "field `discount_rate`", "0 to 1", "(found 1.01)"],
    ),
    (
        "range_negative_reduction.ron",
        &[
            ":24:90:",
            "field `benefits.tem_services.reduction`",
            "0 to 1",
            "(found -0.1)",
        ],
    ),
    (
        "range_growth_below_minus_half.ron",
        &[
            ":21:121:",
            "field `benefits.tem_infrastructure.growth`",
            "-0.5 to 1",
        ],
    ),
    (
        "range_risk_above_one.ron",
        &[":22:99:", "field `benefits.tem_licences.risk`", "0 to 1"],
    ),
    (
        "range_go_live_after_horizon.ron",
        &[
            ":16:26:",
            "field `tem.go_live_month`",
            "0 to 36",
            "(found 37)",
        ],
    ),
    (
        "range_environments_over_a_million.ron",
        &[
            ":21:30:",
            "field `benefits.tem_infrastructure.environments`",
            "0 to 1,000,000",
        ],
    ),
    (
        "range_copies_over_a_thousand.ron",
        &[
            ":27:54:",
            "field `benefits.tdm_infrastructure.non_production_copies`",
            "0 to 1,000",
        ],
    ),
    (
        "range_cost_month_after_horizon.ron",
        &[":43:49:", "field `costs[1].month`", "0 to 36", "(found 40)"],
    ),
    (
        "range_end_before_start.ron",
        &[
            ":45:90:",
            "field `costs[3].end_month`",
            "n >= start_month (3)",
        ],
    ),
    (
        "range_price_over_a_billion.ron",
        &[
            ":24:71:",
            "field `benefits.tem_services.cost_per_hour`",
            "0 to 1,000,000,000",
        ],
    ),
    (
        "range_start_year_1999.ron",
        &[":11:5:", "field `start`", "2000 to 2100"],
    ),
    (
        "range_start_not_a_month.ron",
        &[":11:13:", "field `start`", "YYYY-MM"],
    ),
    (
        "range_currency_lowercase.ron",
        &[":10:5:", "field `currency`", "ISO 4217"],
    ),
    (
        "range_trials_too_few.ron",
        &[":55:19:", "field `monte_carlo.trials`", "100 to 1,000,000"],
    ),
    (
        "range_uncertainty_low_above_base.ron",
        &[
            ":47:19:",
            "field `uncertainty[0]`",
            "low <= base (0.6) <= high",
        ],
    ),
    // Names.
    (
        "name_empty.ron",
        &[":8:5:", "field `name`", "1 to 100 characters (has 0)"],
    ),
    (
        "name_too_long.ron",
        &[":8:5:", "field `name`", "1 to 100 characters (has 101)"],
    ),
    (
        "name_duplicate_cost.ron",
        &[
            ":43:16:",
            "field `costs[1].name`",
            "cost names must be unique",
        ],
    ),
    (
        "name_duplicate_custom_line.ron",
        &[
            ":39:14:",
            "field `benefits.custom[1].name`",
            "custom line names must be unique",
        ],
    ),
    // Paths in uncertainty ranges.
    (
        "path_unknown_category.ron",
        &[
            ":48:15:",
            "field `uncertainty[0].input`",
            "is not a known input",
            "benefits.tem_servers.reduction",
        ],
    ),
    (
        "path_unknown_cost_name.ron",
        &[
            ":52:15:",
            "field `uncertainty[4].input`",
            "is not a known input",
            "costs.Consultants.amount",
        ],
    ),
    (
        "path_amount_of_recurring_cost.ron",
        &[
            ":53:15:",
            "field `uncertainty[5].input`",
            "costs.Platform subscription.amount",
        ],
    ),
    (
        "path_range_twice.ron",
        &[
            ":54:15:",
            "field `uncertainty[6].input`",
            "has more than one range",
        ],
    ),
    // Fields.
    (
        "field_unknown_top_level.ron",
        &[
            ":13:5:",
            "field `colour`",
            "Unexpected field named `colour`",
        ],
    ),
    (
        "field_unknown_in_cost.ron",
        &[
            ":43:70:",
            "costs[1]",
            "Unexpected field named `vendor` in `OneOff`",
        ],
    ),
    (
        "field_missing_currency.ron",
        &[":55:1:", "missing field named `currency`"],
    ),
    (
        "field_missing_in_programme.ron",
        &[
            ":17:81:",
            "field `tdm`",
            "missing field named `rollout_months`",
        ],
    ),
    (
        "field_duplicate_key.ron",
        &[":13:5:", "duplicate field named `horizon_months`"],
    ),
    // Numbers.
    (
        "number_sixteen_digits.ron",
        &[
            ":13:20:",
            "field `discount_rate`",
            "16 significant digits",
            "write it as a string",
        ],
    ),
    (
        "number_exponent.ron",
        &[
            ":36:61:",
            "field `benefits.tdm_breach.breach_cost`",
            "exponent notation",
            "4440000",
        ],
    ),
    (
        "number_string_29_digits.ron",
        &[
            ":13:21:",
            "field `discount_rate`",
            "more than 28 significant digits",
        ],
    ),
    (
        "number_nan.ron",
        &[":13:20:", "field `discount_rate`", "must be finite"],
    ),
    (
        "number_inf.ron",
        &[
            ":36:61:",
            "field `benefits.tdm_breach.breach_cost`",
            "must be finite",
        ],
    ),
    // Format versions.
    (
        "version_newer.ron",
        &[
            ":7:5:",
            "field `format_version`",
            "format_version 2, written by a newer release",
            "Update envroi",
        ],
    ),
    (
        "version_zero.ron",
        &[
            ":7:5:",
            "field `format_version`",
            "format_version 0 was never released",
        ],
    ),
    (
        "version_missing.ron",
        &[
            "field `format_version`",
            "has no format_version",
            "add `format_version: 1,`",
        ],
    ),
    // Lists and nesting.
    (
        "list_101_costs.ron",
        &[":41:5:", "field `costs`", "at most 100 entries (found 101"],
    ),
    (
        "nesting_deep_parentheses.ron",
        &[":1:98:", "nested more than 64 levels deep"],
    ),
    (
        "nesting_deep_brackets.ron",
        &[":47:81:", "nested more than 64 levels deep"],
    ),
    (
        "nesting_deep_unclosed.ron",
        &[":1:65:", "nested more than 64 levels deep"],
    ),
    (
        "nesting_deep_braces_in_field.ron",
        &[":14:18:", "field `discounting`", "Expected identifier"],
    ),
    // Whole files and encodings.
    ("empty.ron", &["the file is empty"]),
    (
        "only_whitespace_and_comments.ron",
        &[":2:19:", "Expected opening `(` for struct `Scenario`"],
    ),
    (
        "truncated.ron",
        &[":28:11:", "field `benefits`", "Unexpected end of RON"],
    ),
    (
        "truncated_in_string.ron",
        &[":8:11:", "field `name`", "Expected end of string"],
    ),
    ("binary_junk.ron", &[":1:2:", "not UTF-8 text"]),
    ("binary_png_header.ron", &[":1:1:", "not UTF-8 text"]),
    (
        "encoding_latin1.ron",
        &[":8:20:", "not UTF-8 text; save it as UTF-8"],
    ),
    ("encoding_overlong_utf8.ron", &[":8:22:", "not UTF-8 text"]),
    (
        "encoding_utf16le_bom.ron",
        &["UTF-16 text; save it as UTF-8"],
    ),
    (
        "encoding_utf16be_bom.ron",
        &["UTF-16 text; save it as UTF-8"],
    ),
    (
        "encoding_utf8_bom_twice.ron",
        &[":1:1:", "Expected opening `(`"],
    ),
    (
        "encoding_nul_bytes.ron",
        &[":10:5:", "field `currency`", "ISO 4217"],
    ),
];

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

#[test]
fn the_bad_corpus_is_complete_and_large_enough() {
    let mut on_disk: Vec<String> = std::fs::read_dir(BAD_DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "ron"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BAD.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every file in {BAD_DIR} has a table entry");
    assert!(
        BAD.len() >= 40,
        "at least 40 bad inputs, found {}",
        BAD.len()
    );
}

#[test]
fn every_bad_file_is_refused_in_process_with_its_message_and_no_panic() {
    for (name, needles) in BAD {
        let path = bad_path(name);
        let result = catch_unwind(AssertUnwindSafe(|| load_path(&path)));
        let Ok(loaded) = result else {
            panic!("{name}: the loader panicked");
        };
        let Err(error) = loaded else {
            panic!("{name}: accepted a bad file");
        };
        let message = error.to_string();
        assert!(
            message.starts_with(&path.display().to_string()),
            "{name}: the message names the file: {message}"
        );
        assert_mentions(&message, needles);
    }
}

#[test]
fn every_bad_file_makes_check_exit_1_with_its_message_and_no_panic() {
    for (name, needles) in BAD {
        let path = bad_path(name);
        let out = envroi(&["check".as_ref(), path.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stderr));
        assert_no_panic(&out);
        assert_mentions(&text(&out.stderr), needles);
    }
}

#[test]
fn a_file_over_5_mib_is_refused_before_it_is_parsed() {
    let dir = temp_dir();
    let path = dir.path().join("huge.ron");
    // A valid scenario padded with a comment, so only the size is wrong.
    let padding = format!("// {}\n", "x".repeat(100)).repeat(60_000);
    std::fs::write(&path, format!("{padding}{DEFAULT_SCENARIO}")).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 5 * 1024 * 1024);
    let message = load_path(&path).unwrap_err().to_string();
    assert_mentions(&message, &["huge.ron", "larger than 5 MiB"]);
    let out = envroi(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out);
    assert!(text(&out.stderr).contains("larger than 5 MiB"));
    let bytes = vec![b'('; 6 * 1024 * 1024];
    assert!(load_bytes(&bytes, "b.ron").is_err());
}

#[test]
fn a_long_list_just_under_the_size_limit_is_refused_quickly() {
    // 60,000 ranges and 20,000 costs: validation must not take the square.
    let mut costs = String::new();
    for i in 0..20_000 {
        let _ = write!(
            costs,
            "OneOff(name: \"c{i}\", amount: 1, month: 0, risk: 0),"
        );
    }
    let mut ranges = String::new();
    for i in 0..60_000 {
        let _ = write!(
            ranges,
            "Range(input: \"costs.c{i}.amount\", low: 0, high: 1),"
        );
    }
    let text = DEFAULT_SCENARIO
        .replacen("    costs: [\n", &format!("    costs: [{costs}\n"), 1)
        .replacen(
            "    uncertainty: [\n",
            &format!("    uncertainty: [{ranges}\n"),
            1,
        );
    assert!(text.len() < 5 * 1024 * 1024);
    let started = std::time::Instant::now();
    let message = envroi::io::load_str(&text, "long.ron")
        .unwrap_err()
        .to_string();
    assert_mentions(
        &message,
        &["field `costs`", "field `uncertainty`", "at most 100"],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_megabyte_name_is_refused_with_a_short_message() {
    let name = "x".repeat(4 * 1024 * 1024);
    let text = DEFAULT_SCENARIO.replacen(
        "name: \"Composite bank: TEM + TDM\"",
        &format!("name: \"{name}\""),
        1,
    );
    let message = envroi::io::load_str(&text, "big name.ron")
        .unwrap_err()
        .to_string();
    assert_mentions(&message, &["field `name`", "(has 4194304)", "xxx..."]);
    assert!(message.len() < 1000, "{} bytes", message.len());
}

#[test]
fn a_byte_order_mark_crlf_deep_comments_and_non_ascii_names_are_accepted() {
    let baseline = load_path(Path::new("scenarios/baseline.ron")).unwrap();
    for name in [
        "utf8_bom.ron",
        "crlf.ron",
        "bom_and_crlf.ron",
        "nested_comments_3000_deep.ron",
    ] {
        let s = load_path(&Path::new("tests/fixtures/accepted").join(name))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s, baseline, "{name}");
    }
    let s = load_path(Path::new("tests/fixtures/accepted/non_ascii_names.ron")).unwrap();
    assert_eq!(s.name, "Société Générale — 試験 🚀");
}

#[test]
fn every_released_version_fixture_still_loads_and_computes() {
    let mut count = 0;
    for entry in std::fs::read_dir("tests/fixtures/v1").unwrap() {
        let path = entry.unwrap().path();
        let s = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.format_version, 1);
        assert!(validate(&s).is_empty());
        let _ = compute(&s);
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

/// A folder and file name with spaces and non-ASCII characters.
fn awkward_dir(root: &Path) -> PathBuf {
    let dir = root.join("Business case Ünïcødé 試験 ");
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

/// The baseline with formula-like custom line, cost and scenario names.
fn formula_names() -> Scenario {
    let mut s = baseline();
    s.name = "=HYPERLINK(\"http://x\")".into();
    let starts = ["=SUM(A1)", "+1", "-2", "@cmd", "\tTab", "\rReturn"];
    s.benefits.custom = starts
        .iter()
        .map(|name| CustomLine {
            name: (*name).to_owned(),
            programme: ProgrammeRef::None,
            annual_amount: Decimal::from(1000),
            growth: Decimal::ZERO,
            risk: Decimal::ZERO,
        })
        .collect();
    s.costs.extend(starts.iter().map(|name| Cost::OneOff {
        name: format!("{name} cost"),
        amount: Decimal::from(5_000_000),
        month: 1,
        risk: Decimal::ZERO,
    }));
    s.uncertainty.clear();
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    s
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_csv_formula_guard_covers_headers_and_scenario_names_never_numbers() {
    let s = formula_names();
    let results = compute(&s);
    let monthly = csv_rows(&envroi::io::csv_out::monthly_csv(
        &results,
        envroi::model::View::Adjusted,
    ));
    let header = &monthly[0];
    // Row keys carry a `custom:` or `cost:` prefix, so no header cell can
    // start a formula; the names inside them are kept exactly.
    for name in ["=SUM(A1)", "+1", "-2", "@cmd", "\tTab", "\rReturn"] {
        assert!(header.contains(&format!("custom:{name}")), "{header:?}");
        assert!(header.contains(&format!("cost:{name} cost")), "{header:?}");
    }
    for cell in header {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "unguarded header {cell:?}"
        );
    }
    // The cumulative goes negative (5 million of costs in month 1), and
    // numbers are never prefixed.
    let cumulative: Vec<&str> = monthly[1..]
        .iter()
        .map(|r| r.last().unwrap().as_str())
        .collect();
    assert!(
        cumulative.iter().any(|c| c.starts_with('-')),
        "{cumulative:?}"
    );
    for row in &monthly[1..] {
        for cell in row {
            assert!(!cell.starts_with('\''), "a number was prefixed: {cell}");
        }
    }
    let mut second = s.clone();
    second.name = "@SUM(1)".into();
    let r2 = compute(&second);
    let mut third = s.clone();
    third.name = "-minus".into();
    let r3 = compute(&third);
    let comparison = csv_rows(&envroi::io::csv_out::comparison_csv(&[
        (&s.name, &results),
        (&second.name, &r2),
        (&third.name, &r3),
        ("\tTabbed", &r3),
    ]));
    assert_eq!(
        comparison[0],
        [
            "metric",
            "'=HYPERLINK(\"http://x\")",
            "'@SUM(1)",
            "'-minus",
            "'\tTabbed"
        ]
    );
    let npv = comparison.iter().find(|r| r[0] == "npv").unwrap();
    assert!(npv[1..].iter().all(|c| !c.starts_with('\'')), "{npv:?}");
}

#[test]
fn the_csv_formula_guard_holds_through_the_command_line() {
    let root = temp_dir();
    let dir = awkward_dir(root.path());
    let input = dir.join("formula names.ron");
    envroi::io::save_path(&formula_names(), &input).unwrap();
    let csv_path = dir.join("compare é.csv");
    let out = envroi(&[
        "compare".as_ref(),
        input.as_os_str(),
        input.as_os_str(),
        "--csv".as_ref(),
        csv_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = csv_rows(&std::fs::read_to_string(&csv_path).unwrap());
    assert_eq!(
        rows[0],
        [
            "metric",
            "'=HYPERLINK(\"http://x\")",
            "'=HYPERLINK(\"http://x\") (2)"
        ]
    );
}

/// The bounds of MODEL.md and docs/DECISIONS.md, at and near their ends.
fn extreme(min: i64, max: i64) -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::from(max)),
        Just(Decimal::from(min)),
        (min..=max).prop_map(Decimal::from),
        (0..=1000i64).prop_map(move |k| Decimal::from(max) - Decimal::new(k, 2)),
    ]
    .prop_map(move |d| d.clamp(Decimal::from(min), Decimal::from(max)))
}

fn fraction() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ONE),
        Just(Decimal::ZERO),
        (0..=10_000i64).prop_map(|k| Decimal::new(k, 4)),
        (0..=10i64).prop_map(|k| Decimal::ONE - Decimal::new(k, 28)),
    ]
}

fn growth() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ONE),
        Just(Decimal::new(-5, 1)),
        (-5000..=10_000i64).prop_map(|k| Decimal::new(k, 4)),
    ]
}

/// Every numeric input of the nine categories set from its own bounds.
fn category_values() -> impl Strategy<Value = Vec<(String, Decimal)>> {
    let specs: Vec<_> = envroi::model::inputs::numeric_inputs(&baseline())
        .into_iter()
        .filter(|s| s.path.starts_with("benefits."))
        .collect();
    let strategies: Vec<_> = specs
        .iter()
        .map(|spec| {
            let max = spec.bounds.max;
            let min = spec.bounds.min;
            let integer = spec.bounds.integer;
            let path = spec.path.clone();
            prop_oneof![
                Just(max),
                Just(min),
                (0..=1_000_000u32).prop_map(move |k| {
                    let v = min + (max - min) * Decimal::new(i64::from(k), 6);
                    if integer { v.round() } else { v }
                }),
            ]
            .prop_map(move |v| (path.clone(), v))
        })
        .collect();
    strategies
}

prop_compose! {
    fn valid_scenario()(
        values in category_values(),
        horizon in prop_oneof![Just(12u32), Just(120u32), 12..=120u32],
        rate in fraction(),
        monthly in any::<bool>(),
        uplift in fraction(),
        enabled in (any::<bool>(), any::<bool>()),
        months in proptest::array::uniform6(0..=120u32),
        coverage in (fraction(), fraction()),
        custom in proptest::collection::vec((extreme(0, 1_000_000_000_000), growth(), fraction(), 0..3u8), 0..=100),
        costs in proptest::collection::vec((extreme(0, 1_000_000_000_000), growth(), fraction(), any::<bool>(), 0..=120u32, 0..=120u32), 0..=100),
    ) -> Scenario {
        let mut s = baseline();
        s.uncertainty.clear();
        for (path, value) in values {
            assert!(envroi::model::inputs::set(&mut s, &path, value));
        }
        s.horizon_months = horizon;
        s.discount_rate = rate;
        s.discounting = if monthly { Discounting::Monthly } else { Discounting::Annual };
        s.synergy_uplift = uplift;
        s.tem.enabled = enabled.0;
        s.tdm.enabled = enabled.1;
        s.tem.go_live_month = months[0] % (horizon + 1);
        s.tem.pilot_months = months[1] % (horizon + 1);
        s.tem.rollout_months = months[2] % (horizon + 1);
        s.tdm.go_live_month = months[3] % (horizon + 1);
        s.tdm.pilot_months = months[4] % (horizon + 1);
        s.tdm.rollout_months = months[5] % (horizon + 1);
        s.tem.pilot_coverage = coverage.0;
        s.tdm.pilot_coverage = coverage.1;
        s.benefits.custom = custom
            .into_iter()
            .enumerate()
            .map(|(i, (amount, growth, risk, programme))| CustomLine {
                name: format!("Line {i}"),
                programme: [ProgrammeRef::Tem, ProgrammeRef::Tdm, ProgrammeRef::None][usize::from(programme)],
                annual_amount: amount,
                growth,
                risk,
            })
            .collect();
        s.costs = costs
            .into_iter()
            .enumerate()
            .map(|(i, (amount, growth, risk, one_off, a, b))| {
                let name = format!("Cost {i}");
                if one_off {
                    Cost::OneOff { name, amount, month: a % (horizon + 1), risk }
                } else {
                    let start = a % horizon + 1;
                    let end = (b > 0).then(|| start + b);
                    Cost::Recurring { name, annual_amount: amount, start_month: start, end_month: end, growth, risk }
                }
            })
            .collect();
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every valid scenario, with inputs at and near the ends of their
    /// allowed ranges (100 lines and 100 costs of 1e12, growth 1 over ten
    /// years, rates of 0 and 1), computes without a panic, and saving and
    /// loading it gives it back exactly.
    #[test]
    fn every_valid_scenario_computes_without_panic(s in valid_scenario()) {
        let problems = validate(&s);
        prop_assert!(problems.is_empty(), "{problems:?}");
        let results = compute(&s);
        prop_assert_eq!(results.adjusted.table.net.len(), s.horizon_months as usize + 1);
        let outcome = envroi::model::analysis::outcome(&s);
        prop_assert_eq!(outcome.npv, results.adjusted.figures.npv);
        let text = envroi::io::to_ron_string(&s).unwrap();
        prop_assert_eq!(envroi::io::load_str(&text, "round trip").unwrap(), s);
    }
}

/// Every input at the end of its range that makes the figures largest:
/// 120 months, growth 1, 100 custom lines and 100 recurring costs of 1e12.
fn largest() -> Scenario {
    let mut s = baseline();
    s.uncertainty.clear();
    for spec in envroi::model::inputs::numeric_inputs(&s) {
        if spec.path.starts_with("benefits.") {
            let field = spec.path.rsplit('.').next().unwrap_or_default();
            let value = if field == "growth" || field == "reduction" {
                Decimal::ONE
            } else if field == "risk" {
                Decimal::ZERO
            } else {
                spec.bounds.max
            };
            assert!(envroi::model::inputs::set(&mut s, &spec.path, value));
        }
    }
    s.horizon_months = 120;
    s.synergy_uplift = Decimal::ONE;
    s.discount_rate = Decimal::ZERO;
    s.tem.go_live_month = 0;
    s.tem.pilot_months = 0;
    s.tem.rollout_months = 0;
    s.tdm = s.tem.clone();
    let big = Decimal::from(1_000_000_000_000u64);
    s.benefits.custom = (0..100)
        .map(|i| CustomLine {
            name: format!("L{i}"),
            programme: ProgrammeRef::Tem,
            annual_amount: big,
            growth: Decimal::ONE,
            risk: Decimal::ZERO,
        })
        .collect();
    s.costs = (0..100)
        .map(|i| Cost::Recurring {
            name: format!("C{i}"),
            annual_amount: big,
            start_month: 1,
            end_month: None,
            growth: Decimal::ONE,
            risk: Decimal::ONE,
        })
        .collect();
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    s
}

#[test]
fn the_largest_scenario_computes_and_keeps_far_from_decimal_limits() {
    let mut s = largest();
    for discounting in [Discounting::Annual, Discounting::Monthly] {
        s.discounting = discounting;
        let r = compute(&s);
        let total = r.unadjusted.figures.total_benefits;
        assert!(total > Decimal::from(10u64.pow(18)));
        assert!(total < Decimal::from_i128_with_scale(10i128.pow(27), 0));
    }
}

#[test]
fn the_analyses_run_without_panic_on_the_largest_scenario_with_full_ranges() {
    use envroi::model::Range;
    use envroi::model::analysis::{Target, break_even, run_monte_carlo, sensitivity};
    let mut s = largest();
    let specs = envroi::model::inputs::numeric_inputs(&s);
    let paths: Vec<_> = specs
        .iter()
        .filter(|spec| !spec.path.starts_with("custom.L") || spec.path == "custom.L0.annual_amount")
        .filter(|spec| !spec.path.starts_with("costs.C") || spec.path == "costs.C0.annual_amount")
        .collect();
    s.uncertainty = paths
        .iter()
        .map(|spec| Range {
            input: spec.path.clone(),
            low: spec.bounds.min,
            high: spec.bounds.max,
        })
        .collect();
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let tornado = sensitivity(&s).unwrap();
    assert!(!tornado.rows.is_empty());
    for path in [
        "benefits.tem_licences.licences",
        "discount_rate",
        "costs.C0.annual_amount",
    ] {
        for target in [Target::NpvZero, Target::PaybackMonths(1)] {
            let _ = break_even(&s, path, target).unwrap();
        }
    }
    let mc = run_monte_carlo(&s, 100, 7, &mut |_, _| std::ops::ControlFlow::Continue(()))
        .unwrap()
        .unwrap();
    assert_eq!(mc.trials, 100);
}
