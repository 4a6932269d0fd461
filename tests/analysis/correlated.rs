//! Correlated uncertainty and the richer Monte Carlo output (MODEL.md
//! section 12): uncorrelated draws unchanged bit for bit against a run
//! saved before correlations existed, achieved rank correlations, the same
//! trials for any number of threads, refused correlation lists, shares,
//! the fan chart and the command's new outputs.

use super::*;
use envroi::model::analysis::Trial;
use envroi::model::edit::{CorrelationEdit, Edit, List};
use envroi::model::{Correlation, validate};

fn correlate(mut s: Scenario, pairs: &[(&str, &str, &str)]) -> Scenario {
    s.correlations = pairs
        .iter()
        .map(|(a, b, rank)| Correlation {
            a: (*a).to_owned(),
            b: (*b).to_owned(),
            rank: d(rank),
        })
        .collect();
    s
}

fn trials(s: &Scenario, n: u32, seed: u64) -> Vec<Trial> {
    let plan = Plan::new(s, n, seed).unwrap();
    (0..plan.chunk_count())
        .flat_map(|c| plan.run_chunk(c))
        .collect()
}

/// Every trial as the fixture writes it: `trial,npv,payback_months`.
fn trial_lines(all: &[Trial]) -> Vec<String> {
    all.iter()
        .enumerate()
        .map(|(i, t)| {
            let payback = t.payback_months.map(|p| p.to_string()).unwrap_or_default();
            format!("{i},{},{payback}", t.npv)
        })
        .collect()
}

#[test]
fn without_correlations_every_trial_is_the_one_saved_before_they_existed() {
    let saved = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/montecarlo/baseline-1000-seed7-trials.csv"),
    )
    .unwrap();
    let saved: Vec<&str> = saved.lines().skip(1).collect();
    assert_eq!(saved.len(), 1000);
    let plain = trial_lines(&trials(&baseline(), 1000, 7));
    assert_eq!(plain, saved);
    // A declared rank of zero is no correlation: the same trials.
    let zero = correlate(
        baseline(),
        &[(
            "benefits.tem_services.reduction",
            "benefits.tem_infrastructure.reduction",
            "0",
        )],
    );
    assert!(validate(&zero).is_empty());
    assert_eq!(trial_lines(&trials(&zero, 1000, 7)), saved);
}

/// Spearman rank correlation written independently of the crate's: ranks
/// by sorting (draws are continuous, so no ties), then Pearson.
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by(|a, b| v[*a].total_cmp(&v[*b]));
        let mut r = vec![0.0; v.len()];
        for (rank, i) in order.into_iter().enumerate() {
            r[i] = rank as f64;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = rx.iter().map(|a| (a - mx) * (a - mx)).sum();
    let vy: f64 = ry.iter().map(|b| (b - my) * (b - my)).sum();
    cov / (vx * vy).sqrt()
}

fn column(all: &[Trial], i: usize) -> Vec<f64> {
    all.iter()
        .map(|t| {
            let v = t.detail.as_ref().unwrap().inputs[i];
            v.to_string().parse::<f64>().unwrap()
        })
        .collect()
}

#[test]
fn achieved_rank_correlations_are_within_three_hundredths_of_the_declared() {
    // Ranges in file order: 0 services reduction, 1 breach probability,
    // 2 tester hours, 3 infrastructure reduction, 4 implementation cost,
    // 5 discount rate.
    let s = correlate(
        baseline(),
        &[
            (
                "benefits.tem_services.reduction",
                "benefits.tem_infrastructure.reduction",
                "0.7",
            ),
            (
                "costs.Implementation services.amount",
                "benefits.tem_services.reduction",
                "-0.4",
            ),
            (
                "benefits.tdm_tester_productivity.hours_per_person_month",
                "discount_rate",
                "0.9",
            ),
        ],
    );
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let all = trials(&s, 10_000, 3);
    let declared = [
        (0, 3, 0.7),
        (4, 0, -0.4),
        (2, 5, 0.9),
        (0, 2, 0.0),
        (1, 3, 0.0),
        (1, 4, 0.0),
    ];
    for (a, b, rank) in declared {
        let achieved = spearman(&column(&all, a), &column(&all, b));
        assert!(
            (achieved - rank).abs() <= 0.03,
            "inputs {a} and {b}: declared {rank}, achieved {achieved}"
        );
    }
    // The draws themselves are the uncorrelated ones, only moved between
    // trials within each chunk of 250.
    let plain = trials(&baseline(), 10_000, 3);
    for chunk in 0..40 {
        let range = chunk * 250..(chunk + 1) * 250;
        for i in 0..6 {
            let sorted = |all: &[Trial]| {
                let mut v: Vec<Decimal> = all[range.clone()]
                    .iter()
                    .map(|t| t.detail.as_ref().unwrap().inputs[i])
                    .collect();
                v.sort();
                v
            };
            assert_eq!(sorted(&all), sorted(&plain), "chunk {chunk}, input {i}");
        }
    }
}

#[test]
fn correlated_runs_are_the_same_for_a_seed_and_any_number_of_threads() {
    let s = correlate(
        baseline(),
        &[(
            "benefits.tem_services.reduction",
            "benefits.tem_infrastructure.reduction",
            "-0.6",
        )],
    );
    let plan = Plan::new(&s, 2_000, 42).unwrap();
    assert!(plan.correlated());
    let one = run_monte_carlo(&s, 2_000, 42, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert!(one.correlated);
    let cancel = AtomicBool::new(false);
    for threads in [1, 2, 3] {
        let parallel = run_parallel(&plan, threads, &cancel, &mut |_, _| {}).unwrap();
        assert_eq!(parallel, one, "{threads} threads");
    }
    let plain = run_monte_carlo(&baseline(), 2_000, 42, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_ne!(plain.npv, one.npv);
    // The services reduction drives the NPV up; its rank correlation with
    // the NPV is positive in both runs.
    let rho = |r: &envroi::model::analysis::MonteCarloResults| {
        r.rank_sensitivity
            .iter()
            .find(|row| row.input == "benefits.tem_services.reduction")
            .unwrap()
            .rho
    };
    assert!(rho(&one) > Decimal::ZERO && rho(&plain) > Decimal::ZERO);
}

fn problems_of(s: &Scenario) -> Vec<String> {
    validate(s).iter().map(ToString::to_string).collect()
}

#[test]
fn bad_correlations_are_refused_naming_the_entry_and_field() {
    let r = |a: &str, b: &str, rank: &str| (a.to_owned(), b.to_owned(), rank.to_owned());
    let cases = [
        (
            r("benefits.tem_services.reductoin", "discount_rate", "0.5"),
            "correlations[0].a",
            "benefits.tem_services.reduction",
        ),
        (
            r("benefits.tem_services.reduction", "synergy_uplift", "0.5"),
            "correlations[0].b",
            "has no uncertainty range",
        ),
        (
            r("discount_rate", "discount_rate", "0.5"),
            "correlations[0].b",
            "same input",
        ),
        (
            r("discount_rate", "benefits.tem_services.reduction", "1.5"),
            "correlations[0].rank",
            "from -1 to 1",
        ),
    ];
    for ((a, b, rank), field, words) in cases {
        let s = correlate(baseline(), &[(&a, &b, &rank)]);
        let problems = problems_of(&s);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(field) && p.contains(words)),
            "{problems:?}"
        );
    }
    let twice = correlate(
        baseline(),
        &[
            ("discount_rate", "benefits.tem_services.reduction", "0.5"),
            ("benefits.tem_services.reduction", "discount_rate", "0.2"),
        ],
    );
    let problems = problems_of(&twice);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("correlations[1]") && p.contains("correlations[0]")),
        "{problems:?}"
    );
    // 0.9, 0.9 and -0.9 cannot hold together: eigenvalue -0.8.
    let impossible = correlate(
        baseline(),
        &[
            ("discount_rate", "benefits.tem_services.reduction", "0.9"),
            (
                "benefits.tem_services.reduction",
                "benefits.tem_infrastructure.reduction",
                "0.9",
            ),
            (
                "discount_rate",
                "benefits.tem_infrastructure.reduction",
                "-0.9",
            ),
        ],
    );
    let problems = problems_of(&impossible);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("correlations = smallest eigenvalue -0.8")
            && problems[0].contains("not positive semi-definite"),
        "{problems:?}"
    );
}

#[test]
fn a_file_with_correlations_round_trips_and_a_file_without_saves_as_before() {
    let text = envroi::io::to_ron_string(&baseline()).unwrap();
    assert!(!text.contains("correlations"));
    let s = correlate(
        baseline(),
        &[("discount_rate", "benefits.tem_services.reduction", "0.35")],
    );
    let text = envroi::io::to_ron_string(&s).unwrap();
    assert!(text.contains("correlations: ["));
    assert_eq!(envroi::io::load_str(&text, "c.ron").unwrap(), s);
    // Written by hand without the struct name, a bad rank names its line.
    let hand = text.replace("Correlation(", "(").replace("0.35", "-1.2");
    let e = envroi::io::load_str(&hand, "c.ron")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("correlations[0].rank") && e.contains("from -1 to 1"),
        "{e}"
    );
}

#[test]
fn correlations_follow_renamed_inputs_and_go_with_removed_ranges() {
    let mut s = with_ranges(
        baseline(),
        &[
            ("discount_rate", "0.08", "0.12"),
            ("costs.Training.amount", "30000", "60000"),
            ("benefits.tem_services.reduction", "0.4", "0.7"),
        ],
    );
    s = correlate(
        s,
        &[
            ("discount_rate", "costs.Training.amount", "0.3"),
            ("benefits.tem_services.reduction", "discount_rate", "0.2"),
        ],
    );
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let training = s.costs.iter().position(|c| c.name() == "Training").unwrap();
    Edit::CostName(training, "Onboarding".to_owned())
        .apply(&mut s)
        .unwrap();
    assert_eq!(s.correlations[0].b, "costs.Onboarding.amount");
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    // Removing the range of the discount rate removes both pairs.
    Edit::Remove(List::Ranges, 0).apply(&mut s).unwrap();
    assert!(s.correlations.is_empty());
    assert!(validate(&s).is_empty());
    // The editor's own edits: add a pair, set its rank, remove it.
    Edit::Correlation(CorrelationEdit::Add)
        .apply(&mut s)
        .unwrap();
    assert_eq!(s.correlations[0].a, "costs.Onboarding.amount");
    assert_eq!(s.correlations[0].b, "benefits.tem_services.reduction");
    Edit::Correlation(CorrelationEdit::Rank(0, d("-0.5")))
        .apply(&mut s)
        .unwrap();
    assert_eq!(s.correlations[0].rank, d("-0.5"));
    assert!(validate(&s).is_empty());
    Edit::Correlation(CorrelationEdit::Remove(0))
        .apply(&mut s)
        .unwrap();
    assert!(s.correlations.is_empty());
}

#[test]
fn shares_and_fan_chart_of_a_run_whose_trials_are_all_the_base() {
    // Ranges with low = high: every trial is the linear base case, NPV
    // 60,000 (120,000 of licences less 60,000 of cost), cumulative
    // -60,000 + 10,000 t, payback 6 months, ROI 1.
    let s = with_ranges(
        linear(),
        &[("costs.Implementation.amount", "60000", "60000")],
    );
    let r = run_monte_carlo(&s, 300, 1, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_eq!(r.prob_npv_at_least(d("60000")), Decimal::ONE);
    assert_eq!(r.prob_npv_at_least(d("60000.01")), Decimal::ZERO);
    assert_eq!(r.prob_payback_within(6), Decimal::ONE);
    assert_eq!(r.prob_payback_within(5), Decimal::ZERO);
    assert_eq!(r.prob_roi_at_least(Decimal::ONE), Decimal::ONE);
    assert_eq!(r.prob_roi_at_least(d("1.0001")), Decimal::ZERO);
    assert_eq!(r.fan.len(), 13);
    for p in &r.fan {
        let expected = d("-60000") + d("10000") * Decimal::from(p.month);
        assert_eq!((p.p10, p.p50, p.p90), (expected, expected, expected));
    }
    // No spread: no rank correlation.
    assert_eq!(r.rank_sensitivity[0].rho, Decimal::ZERO);
}

#[test]
fn shares_of_the_linear_case_count_the_trials() {
    let s = linear();
    let r = run_monte_carlo(&s, 1_000, 7, &mut never_cancel)
        .unwrap()
        .unwrap();
    for hurdle in ["0", "40000", "60000", "75000"] {
        let h = d(hurdle);
        let count = r.sorted_npv.iter().filter(|v| **v >= h).count();
        assert_eq!(
            r.prob_npv_at_least(h),
            Decimal::from(count) / Decimal::from(1000)
        );
    }
    // The fan's P50 at the last month is the median cumulative, and the
    // NPV is the last cumulative here (no discounting): the same trial.
    let last = r.fan.last().unwrap();
    assert_eq!(last.p50, r.npv.p50);
    assert_eq!(last.p10, r.npv.p10);
    assert_eq!(last.p90, r.npv.p90);
}

#[test]
fn montecarlo_command_writes_the_fan_and_the_asked_shares() {
    let dir = temp_dir();
    let file = write_file(dir.path(), "linear.ron", LINEAR);
    let (csv, fan, png) = (
        dir.path().join("mc.csv"),
        dir.path().join("fan.csv"),
        dir.path().join("fan.png"),
    );
    let plain_csv = dir.path().join("plain.csv");
    let out = envroi(&[
        "montecarlo",
        file.to_str().unwrap(),
        "--csv",
        plain_csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = envroi(&[
        "montecarlo",
        file.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--fan-csv",
        fan.to_str().unwrap(),
        "--fan-png",
        png.to_str().unwrap(),
        "--hurdle",
        "-5000",
        "--payback-within",
        "6",
        "--roi-at-least",
        "0.5",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let fan_text = std::fs::read_to_string(&fan).unwrap();
    let lines: Vec<&str> = fan_text.lines().collect();
    assert_eq!(lines[0], "month,p10,p50,p90");
    assert_eq!(lines.len(), 14);
    assert!(lines[1].starts_with("0,-"), "{}", lines[1]);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let plain = std::fs::read_to_string(&plain_csv).unwrap();
    let asked = std::fs::read_to_string(&csv).unwrap();
    // The asked rows follow the unchanged table.
    assert!(asked.starts_with(&plain));
    let extra: Vec<&str> = asked[plain.len()..]
        .lines()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        extra,
        [
            "prob_npv_at_least",
            "prob_payback_within",
            "prob_roi_at_least"
        ]
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Probability NPV >= "), "{stdout}");
    assert!(stdout.contains("Probability of payback within 6 months"));
    assert!(stdout.contains("Rank sensitivity"));
    // A payback month past the horizon is wrong usage.
    let out = envroi(&[
        "montecarlo",
        file.to_str().unwrap(),
        "--payback-within",
        "13",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
