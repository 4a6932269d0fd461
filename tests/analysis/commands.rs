//! The `sensitivity`, `breakeven` and `montecarlo` commands of the real
//! binary: exit codes, CSV columns and charts.

use super::*;

// ----- The command line -----

fn linear_file(dir: &Path) -> PathBuf {
    write_file(dir, "linear.ron", LINEAR)
}

fn csv_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn sensitivity_command_writes_the_tornado_table() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let csv = dir.path().join("tornado.csv");
    let out = envroi(&[
        "sensitivity",
        file.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines = csv_lines(&csv);
    assert_eq!(lines[0], "input,low,high,npv_low,npv_high,swing");
    assert_eq!(lines.len(), 3);
    assert!(text(&out.stdout).contains("Implementation: amount"));
}

#[test]
fn breakeven_command_writes_both_targets() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let csv = dir.path().join("breakeven.csv");
    let out = envroi(&[
        "breakeven",
        file.to_str().unwrap(),
        "--input",
        "costs.Implementation.amount",
        "--payback-months",
        "3",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        csv_lines(&csv),
        [
            "input,target,value",
            "costs.Implementation.amount,npv=0,120000.00",
            "costs.Implementation.amount,payback=3,30000.00",
        ]
    );
    let out = envroi(&[
        "breakeven",
        file.to_str().unwrap(),
        "--input",
        "benefits.tem_licences.growth",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        csv_lines(&csv),
        ["input,target,value", "benefits.tem_licences.growth,npv=0,"]
    );
    assert!(text(&out.stdout).contains("no break-even in range"));
}

#[test]
fn breakeven_command_rejects_an_unknown_input_with_exit_1() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let out = envroi(&[
        "breakeven",
        file.to_str().unwrap(),
        "--input",
        "costs.Nope.amount",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("costs.Nope.amount"), "{err}");
    assert!(err.contains("is not an input of this scenario"), "{err}");
    assert!(err.contains("linear.ron"), "{err}");
}

#[test]
fn analysis_commands_refuse_wrong_usage_with_exit_2() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let f = file.to_str().unwrap();
    assert_eq!(envroi(&["breakeven", f]).status.code(), Some(2));
    assert_eq!(
        envroi(&[
            "breakeven",
            f,
            "--input",
            "discount_rate",
            "--payback-months",
            "13"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        envroi(&["montecarlo", f, "--trials", "99"]).status.code(),
        Some(2)
    );
    assert_eq!(
        envroi(&["montecarlo", f, "--seed", "-1"]).status.code(),
        Some(2)
    );
    // An output path that is the input is refused, and the input is untouched.
    assert_eq!(
        envroi(&["sensitivity", f, "--csv", f]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), LINEAR);
}

#[test]
fn montecarlo_command_writes_the_metrics_and_repeats_itself() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let first = dir.path().join("mc1.csv");
    let second = dir.path().join("mc2.csv");
    for csv in [&first, &second] {
        let out = envroi(&[
            "montecarlo",
            file.to_str().unwrap(),
            "--trials",
            "600",
            "--csv",
            csv.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        // Not a terminal: no progress bar on stderr.
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    }
    let lines = csv_lines(&first);
    let metrics: Vec<&str> = lines.iter().map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(
        metrics,
        [
            "metric",
            "trials",
            "seed",
            "npv_mean",
            "npv_p5",
            "npv_p10",
            "npv_p50",
            "npv_p90",
            "npv_p95",
            "prob_npv_positive",
            "payback_p5",
            "payback_p10",
            "payback_p50",
            "payback_p90",
            "payback_p95",
            "prob_payback_within_horizon",
        ]
    );
    assert_eq!(lines[1], "trials,600");
    assert_eq!(lines[2], "seed,7");
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn sensitivity_and_montecarlo_draw_their_charts_as_png() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let tornado = dir.path().join("tornado.png");
    let histogram = dir.path().join("histogram.png");
    let f = file.to_str().unwrap();
    let out = envroi(&[
        "sensitivity",
        f,
        "--png",
        tornado.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "450",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = envroi(&[
        "montecarlo",
        f,
        "--trials",
        "300",
        "--png",
        histogram.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for path in [&tornado, &histogram] {
        let bytes = std::fs::read(path).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{}",
            path.display()
        );
    }
}

/// `envroi switching` on the linear case: the hand-worked rows of
/// `switching.rs` as CSV, the reason in the text, and wrong targets refused
/// as wrong usage.
#[test]
fn switching_command_writes_the_hand_worked_rows() {
    let dir = temp_dir();
    let file = linear_file(dir.path());
    let csv = dir.path().join("switching.csv");
    let out = envroi(&[
        "switching",
        file.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines = csv_lines(&csv);
    assert_eq!(
        lines[0],
        "input,label,base,switching_value,change_pct,in_range"
    );
    assert_eq!(
        lines[1..5],
        [
            "benefits.tem_licences.licences,TEM licences: licences,100,50,-50.00,false",
            "benefits.tem_licences.cost_per_licence_year,TEM licences: cost per licence year,1200,600.00,-50.00,",
            "benefits.tem_licences.reduction,TEM licences: reduction,1,0.500000,-50.00,",
            "costs.Implementation.amount,Implementation: amount,60000,120000.00,100.00,false",
        ]
    );
    assert!(lines.contains(&"discount_rate,Discount rate,0,,,".to_owned()));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("NPV stays positive across 0..1"),
        "{stdout}"
    );
    assert!(stdout.contains("6 (later by 6)"), "{stdout}");
    let roi = envroi(&["switching", file.to_str().unwrap(), "--target", "roi=0.5"]);
    assert_eq!(roi.status.code(), Some(0), "{}", text(&roi.stderr));
    for bad in ["irr", "payback=13", "roi=abc"] {
        let out = envroi(&["switching", file.to_str().unwrap(), "--target", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", text(&out.stderr));
    }
    let report = text(&envroi(&["report", file.to_str().unwrap()]).stdout);
    assert!(
        report.contains("Each month of delay of TEM costs USD 10,000.00 of NPV."),
        "{report}"
    );
    assert!(report.contains("TEM go-live later by 6 months"), "{report}");
}
