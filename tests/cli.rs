//! The real `envroi` binary: exit codes (0 success, 1 invalid input,
//! 2 wrong usage), messages on stderr, outputs written whole or not at all,
//! inputs never touched.

use std::path::{Path, PathBuf};

mod common;
use common::{BASELINE, assert_mentions, envroi, temp_dir, text, write_file};

fn bad_file(dir: &Path) -> PathBuf {
    let text = envroi::io::DEFAULT_SCENARIO.replacen("discount_rate: 0.10", "discount_rate: 3", 1);
    write_file(dir, "bad.ron", &text)
}

#[test]
fn check_accepts_valid_files_with_exit_0() {
    let out = envroi(&["check", BASELINE, "scenarios/tem_only.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ok"));
}

#[test]
fn check_reports_each_problem_on_stderr_with_exit_1() {
    let dir = temp_dir();
    let bad = bad_file(dir.path());
    let out = envroi(&["check", BASELINE, bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let line = envroi::io::DEFAULT_SCENARIO
        .lines()
        .position(|l| l.contains("discount_rate: 0.10"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("bad.ron:{line}:")), "{err}");
    assert!(err.contains("discount_rate"), "{err}");
    assert!(err.contains("0 to 1"), "{err}");
}

#[test]
fn wrong_usage_exits_2() {
    assert_eq!(envroi(&["report"]).status.code(), Some(2));
    assert_eq!(
        envroi(&["report", BASELINE, "--view", "sideways"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(envroi(&["check"]).status.code(), Some(2));
    assert_eq!(envroi(&["compare", "--nonsense"]).status.code(), Some(2));
}

#[test]
fn help_exits_0() {
    let out = envroi(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("report"));
}

#[test]
fn report_prints_both_views_with_currency_and_separators() {
    let out = envroi(&["report", BASELINE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for needle in [
        "Risk-adjusted",
        "Unadjusted",
        "NPV",
        "Payback",
        "IRR",
        "USD ",
    ] {
        assert!(stdout.contains(needle), "{needle} in\n{stdout}");
    }
    // Thousands separators on money.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("NPV") && l.contains(',')),
        "{stdout}"
    );
}

#[test]
fn report_writes_the_monthly_and_summary_csv() {
    let dir = temp_dir();
    let monthly = dir.path().join("monthly é.csv");
    let summary = dir.path().join("summary.csv");
    let out = envroi(&[
        "report",
        BASELINE,
        "--view",
        "unadjusted",
        "--monthly-csv",
        monthly.to_str().unwrap(),
        "--summary-csv",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let monthly = std::fs::read_to_string(monthly).unwrap();
    assert!(monthly.starts_with("month_index,month,tem_infrastructure,"));
    assert_eq!(monthly.lines().count(), 1 + 37, "header and months 0..=36");
    assert!(!monthly.contains('\r'));
    let summary = std::fs::read_to_string(summary).unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(lines[0], "metric,unadjusted,risk_adjusted");
    assert_eq!(lines.len(), 10);
    // Same figures as the library computes.
    let s = envroi::io::load_path(Path::new(BASELINE)).unwrap();
    assert_eq!(
        summary,
        envroi::io::csv_out::summary_csv(&envroi::model::compute(&s))
    );
}

#[test]
fn an_invalid_input_leaves_no_output_file() {
    let dir = temp_dir();
    let bad = bad_file(dir.path());
    let summary = dir.path().join("summary.csv");
    let out = envroi(&[
        "report",
        bad.to_str().unwrap(),
        "--summary-csv",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!summary.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the input remains"
    );
}

#[test]
fn an_output_that_names_an_input_is_refused_and_the_input_untouched() {
    let dir = temp_dir();
    let input = dir.path().join("scenario.ron");
    std::fs::copy(BASELINE, &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = envroi(&[
        "report",
        input.to_str().unwrap(),
        "--summary-csv",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("input"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn an_unwritable_output_fails_with_exit_1_and_leaves_nothing() {
    let dir = temp_dir();
    let target = dir.path().join("missing").join("out.csv");
    let out = envroi(&[
        "report",
        BASELINE,
        "--summary-csv",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot write"));
    assert!(!target.exists());
}

#[test]
fn compare_writes_one_column_per_scenario_with_repeated_names_numbered() {
    let dir = temp_dir();
    let csv = dir.path().join("comparison.csv");
    let out = envroi(&[
        "compare",
        BASELINE,
        "scenarios/conservative.ron",
        BASELINE,
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = std::fs::read_to_string(csv).unwrap();
    let header = table.lines().next().unwrap();
    assert!(
        header.starts_with("metric,Composite bank: TEM + TDM,"),
        "{header}"
    );
    assert!(
        header.ends_with(",Composite bank: TEM + TDM (2)"),
        "{header}"
    );
    assert_eq!(table.lines().count(), 10);
    assert!(text(&out.stdout).contains("NPV"));
}

#[test]
fn compare_with_one_bad_file_fails_and_names_it() {
    let dir = temp_dir();
    let bad = bad_file(dir.path());
    let csv = dir.path().join("comparison.csv");
    let out = envroi(&[
        "compare",
        BASELINE,
        bad.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bad.ron"));
    assert!(!csv.exists());
}

/// The man pages and shell completions shipped in `assets/`, generated
/// from the command line's own argument definitions: (file, contents).
fn generated_docs() -> Vec<(PathBuf, Vec<u8>)> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut out = Vec::new();
    let cmd = envroi::cli::Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut page)
        .unwrap_or_else(|e| panic!("render the man page: {e}"));
    out.push((root.join("man/envroi.1"), page));
    for sub in cmd.get_subcommands() {
        let name = format!("envroi-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(
            sub.clone()
                .name(name.clone())
                .version(env!("CARGO_PKG_VERSION")),
        )
        .render(&mut page)
        .unwrap_or_else(|e| panic!("render the man page of {name}: {e}"));
        out.push((root.join(format!("man/{name}.1")), page));
    }
    for (shell, file) in [
        (Shell::Bash, "envroi.bash"),
        (Shell::Zsh, "_envroi"),
        (Shell::Fish, "envroi.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd.clone(), "envroi", &mut script);
        out.push((root.join("completions").join(file), script));
    }
    out
}

/// The man pages and completions are regenerated from the argument
/// definitions and must match the files shipped in the package. With
/// `ENVROI_REGENERATE=1` the test writes them instead.
#[test]
fn the_man_pages_and_completions_match_the_command_line() {
    let regenerate = std::env::var_os("ENVROI_REGENERATE").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, contents) in generated_docs() {
        if regenerate {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &contents).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {} (run `ENVROI_REGENERATE=1 cargo test --test cli`)",
        stale.join(", ")
    );
}

#[test]
fn the_man_page_documents_every_command_and_its_options() {
    let docs = generated_docs();
    let text_of = |name: &str| {
        docs.iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, c)| String::from_utf8_lossy(c).into_owned())
            .unwrap()
    };
    let main = text_of("man/envroi.1");
    for command in [
        "check",
        "report",
        "compare",
        "sensitivity",
        "breakeven",
        "montecarlo",
    ] {
        assert!(main.contains(command), "envroi.1 names `{command}`");
    }
    let report = text_of("man/envroi-report.1");
    assert!(report.contains("monthly\\-csv"), "{report}");
    let bash = text_of("completions/envroi.bash");
    assert!(
        bash.contains("--summary-csv"),
        "bash completes report's options"
    );
}

/// Files written by the first released version (`tests/fixtures/v1`)
/// export exactly the bytes that version wrote for them
/// (`tests/fixtures/v1-exports`, made by that version's binary): the
/// monthly tables of both views, the summary, sensitivity, break-even,
/// Monte Carlo and comparison CSVs. A later file format or model change
/// must keep these unchanged; they are never regenerated.
#[test]
fn the_exports_of_version_1_files_are_the_bytes_version_1_wrote() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let expected = fixtures.join("v1-exports");
    let dir = temp_dir();
    let out = dir.path();
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures.join("v1"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the version-1 fixtures are there");
    let mut written = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_str().unwrap();
        let f = file.to_str().unwrap();
        let path = |what: &str| out.join(format!("{name}.{what}.csv"));
        let p = |what: &str| path(what).to_str().unwrap().to_owned();
        let runs: [Vec<String>; 5] = [
            vec![
                "report".into(),
                f.into(),
                "--summary-csv".into(),
                p("summary"),
                "--monthly-csv".into(),
                p("monthly-adjusted"),
            ],
            vec![
                "report".into(),
                f.into(),
                "--view".into(),
                "unadjusted".into(),
                "--monthly-csv".into(),
                p("monthly-unadjusted"),
            ],
            vec![
                "sensitivity".into(),
                f.into(),
                "--csv".into(),
                p("sensitivity"),
            ],
            vec![
                "breakeven".into(),
                f.into(),
                "--input".into(),
                "benefits.tem_services.reduction".into(),
                "--payback-months".into(),
                "24".into(),
                "--csv".into(),
                p("breakeven"),
            ],
            vec![
                "montecarlo".into(),
                f.into(),
                "--trials".into(),
                "500".into(),
                "--seed".into(),
                "7".into(),
                "--csv".into(),
                p("montecarlo"),
            ],
        ];
        for args in runs {
            let result = envroi(&args);
            assert_eq!(
                result.status.code(),
                Some(0),
                "{args:?}: {}",
                text(&result.stderr)
            );
        }
        for what in [
            "summary",
            "monthly-adjusted",
            "monthly-unadjusted",
            "sensitivity",
            "breakeven",
            "montecarlo",
        ] {
            written.push(format!("{name}.{what}.csv"));
        }
    }
    let mut args = vec!["compare".to_owned()];
    args.extend(files.iter().map(|f| f.to_str().unwrap().to_owned()));
    args.extend([
        "--csv".to_owned(),
        out.join("compare.csv").to_str().unwrap().to_owned(),
    ]);
    let result = envroi(&args);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    written.push("compare.csv".to_owned());
    let mut changed = Vec::new();
    for file in &written {
        let now = std::fs::read(out.join(file)).unwrap();
        let then = std::fs::read(expected.join(file)).unwrap();
        if now != then {
            changed.push(file.as_str());
        }
    }
    assert!(
        changed.is_empty(),
        "exports of version-1 files changed: {changed:?}"
    );
    assert_eq!(written.len(), std::fs::read_dir(&expected).unwrap().count());
}

/// One cell of a standard CSV as `excel-semicolon` must write it: a plain
/// decimal of the body with a `,` decimal mark, anything else unchanged.
fn comma_decimal(cell: &str, header: bool) -> String {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    let numeric = !header
        && !body.is_empty()
        && body.split('.').count() <= 2
        && body
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if numeric {
        cell.replacen('.', ",", 1)
    } else {
        cell.to_owned()
    }
}

fn records(text: &str, delimiter: u8) -> Result<Vec<Vec<String>>, csv::Error> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
        .collect()
}

#[test]
fn every_csv_command_writes_the_excel_semicolon_dialect_cell_for_cell() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let input = fixtures.join("v1/baseline.ron");
    let f = input.to_str().unwrap();
    let dir = temp_dir();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let runs: [(&[&str], &str, &str); 6] = [
        (
            &["report", f, "--summary-csv"],
            "s.csv",
            "baseline.summary.csv",
        ),
        (
            &["report", f, "--monthly-csv"],
            "m.csv",
            "baseline.monthly-adjusted.csv",
        ),
        (&["compare", f, "--csv"], "c.csv", ""),
        (
            &["sensitivity", f, "--csv"],
            "t.csv",
            "baseline.sensitivity.csv",
        ),
        (
            &[
                "breakeven",
                f,
                "--input",
                "benefits.tem_services.reduction",
                "--payback-months",
                "24",
                "--csv",
            ],
            "b.csv",
            "baseline.breakeven.csv",
        ),
        (
            &["montecarlo", f, "--trials", "500", "--seed", "7", "--csv"],
            "mc.csv",
            "baseline.montecarlo.csv",
        ),
    ];
    let mut converted = 0;
    for (args, out, fixture) in runs {
        let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        all.extend([p(out), "--csv-dialect".into(), "excel-semicolon".into()]);
        let result = envroi(&all);
        assert_eq!(
            result.status.code(),
            Some(0),
            "{all:?}: {}",
            text(&result.stderr)
        );
        let written = std::fs::read_to_string(dir.path().join(out)).unwrap();
        let body = written
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{out}: starts with a UTF-8 BOM"));
        assert!(!body.contains('\r'));
        // The standard table: the version-1 export, or (compare, whose
        // fixture covers every shipped file) the same command without the flag.
        let standard = if fixture.is_empty() {
            all.truncate(all.len() - 2);
            *all.last_mut().unwrap() = p("standard.csv");
            assert_eq!(envroi(&all).status.code(), Some(0));
            std::fs::read_to_string(dir.path().join("standard.csv")).unwrap()
        } else {
            std::fs::read_to_string(fixtures.join("v1-exports").join(fixture)).unwrap()
        };
        let expected: Vec<Vec<String>> = records(&standard, b',')
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, row)| row.iter().map(|c| comma_decimal(c, i == 0)).collect())
            .collect();
        let got = records(body, b';').unwrap();
        assert_eq!(got, expected, "{out}");
        converted += got[1..]
            .iter()
            .flatten()
            .filter(|c| c.contains(','))
            .count();
    }
    assert!(converted > 500, "decimals were converted: {converted}");
}

#[test]
fn an_unknown_csv_dialect_is_wrong_usage() {
    let out = envroi(&["report", BASELINE, "--csv-dialect", "excel"]);
    assert_eq!(out.status.code(), Some(2));
    assert_mentions(&text(&out.stderr), &["excel-semicolon", "standard"]);
}

#[test]
fn report_writes_the_formula_workbook_and_never_over_its_input() {
    let dir = temp_dir();
    let book = dir.path().join("case.xlsx");
    let out = envroi(&["report", BASELINE, "--xlsx", book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The same bytes as the library (and so the app) writes.
    let s = envroi::io::load_path(Path::new(BASELINE)).unwrap();
    let expected = envroi::io::xlsx::workbook(&s, &envroi::model::compute(&s)).unwrap();
    assert!(
        std::fs::read(&book).unwrap() == expected,
        "the workbook differs"
    );

    let input = write_file(dir.path(), "input.ron", envroi::io::DEFAULT_SCENARIO);
    let out = envroi(&[
        "report",
        input.to_str().unwrap(),
        "--xlsx",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is an input file"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        envroi::io::DEFAULT_SCENARIO
    );
}

/// `report` on a file that declares capacity (MODEL.md 11.2) prints the
/// cash-only NPV and payback and the freed capacity; on one that does not,
/// neither.
#[test]
fn report_shows_cash_only_figures_when_the_file_declares_capacity() {
    let mut s = common::baseline();
    s.benefits.tem_headcount.recapture = Some(rust_decimal::Decimal::new(5, 1));
    let dir = temp_dir();
    let file = write_file(
        dir.path(),
        "capacity.ron",
        &envroi::io::to_ron_string(&s).unwrap_or_default(),
    );
    let run = envroi(&["report", file.to_str().unwrap_or_default()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let out = text(&run.stdout);
    let r = envroi::model::compute(&s);
    let cash_npv = envroi::format::money(&s.currency, r.adjusted.cash.cash_npv);
    let line = out
        .lines()
        .find(|l| l.starts_with("NPV, cash only"))
        .unwrap_or_default();
    assert!(line.contains(&cash_npv), "{line} lacks {cash_npv}");
    // TEM headcount: 8 FTE x 25 % x (1 - 50 %) = 1.0 FTE not released as money.
    assert!(
        out.contains("TEM headcount  1.0 FTE  50 % recaptured"),
        "{out}"
    );
    let plain = text(&envroi(&["report", BASELINE]).stdout);
    assert!(!plain.contains("cash only"), "{plain}");
}

/// `envroi switching` writes its CSV with exactly this header, in both
/// dialects (MODEL.md 10.2), one row per input but the horizon.
#[test]
fn switching_csv_header_is_pinned() {
    let dir = temp_dir();
    let file = Path::new(BASELINE);
    let csv = dir.path().join("switching.csv");
    let out = envroi(&[
        "switching",
        file.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = std::fs::read_to_string(&csv).unwrap();
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("input,label,base,switching_value,change_pct,in_range")
    );
    let scenario = envroi::io::load_path(file).unwrap();
    let inputs = envroi::model::inputs::all_inputs(&scenario).len();
    assert_eq!(lines.count(), inputs - 1, "every input but the horizon");
    let semi = dir.path().join("switching-semicolon.csv");
    let out = envroi(&[
        "switching",
        file.to_str().unwrap(),
        "--csv",
        semi.to_str().unwrap(),
        "--csv-dialect",
        "excel-semicolon",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(&semi).unwrap();
    assert!(
        bytes.starts_with(
            "\u{feff}input;label;base;switching_value;change_pct;in_range\n".as_bytes()
        )
    );
}
