//! What-if analysis with known answers (issue 5): a scenario whose NPV is
//! linear in its inputs gives an exact tornado and exact break-even values,
//! a range with low = high gives no spread, Monte Carlo draws have the PERT
//! mean, a fixed seed reproduces the figures exactly, and a cancelled run
//! leaves no result. Then the `sensitivity`, `breakeven` and `montecarlo`
//! commands of the real binary: exit codes and CSV columns.

#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on an unexpected error"
)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

mod common;
use common::{baseline, d, envroi, temp_dir, text, with_ranges, write_file};

use envroi::io::csv_out::analysis::{monte_carlo_csv, sensitivity_csv};
use envroi::model::analysis::montecarlo::nearest_rank;
use envroi::model::analysis::pert::Pert;
use envroi::model::analysis::{
    AnalysisError, Plan, Target, break_even, outcome, run_monte_carlo, sensitivity,
};
use envroi::model::{Scenario, compute, inputs};
use envroi::parallel::run_parallel;
use rust_decimal::Decimal;

/// A twelve-month case with no discounting whose only benefit is TEM
/// licences (`1200 x licences` a year, realised in full from month 1) and
/// whose only cost is a one-off at month 0. Every cell is a whole number of
/// cents, so `NPV = 1200 x licences - cost` exactly, and with 100 licences
/// and a cost of 60,000 the cumulative turns zero at month 6.
const LINEAR: &str = r#"Scenario(
    format_version: 1,
    name: "Linear",
    currency: "USD",
    start: "2027-01",
    horizon_months: 12,
    discount_rate: 0,
    tem: (enabled: true, go_live_month: 0, pilot_months: 0, pilot_coverage: 1, rollout_months: 0),
    tdm: (enabled: false, go_live_month: 0, pilot_months: 0, pilot_coverage: 0, rollout_months: 0),
    benefits: (
        tem_infrastructure: (environments: 0, servers_per_environment: 0, cost_per_server_year: 0, reduction: 0, growth: 0, risk: 0),
        tem_licences: (licences: 100, cost_per_licence_year: 1200, reduction: 1, growth: 0, risk: 0),
        tem_services: (requests_per_year: 0, hours_per_request: 0, cost_per_hour: 0, reduction: 0, growth: 0, risk: 0),
        tem_headcount: (fte: 0, cost_per_fte_year: 0, reduction: 0, growth: 0, risk: 0),
        tdm_infrastructure: (production_data_tb: 0, non_production_copies: 0, cost_per_tb_year: 0, reduction: 0, growth: 0, risk: 0),
        tdm_tester_productivity: (people: 0, hours_per_person_month: 0, cost_per_hour: 0, reduction: 0, growth: 0, risk: 0),
        tdm_developer_productivity: (people: 0, hours_per_person_month: 0, cost_per_hour: 0, reduction: 0, growth: 0, risk: 0),
        tdm_support: (defects_per_year: 0, cost_per_defect: 0, reduction: 0, growth: 0, risk: 0),
        tdm_breach: (annual_probability: 0, breach_cost: 0, reduction: 0, growth: 0, risk: 0),
    ),
    costs: [
        OneOff(name: "Implementation", amount: 60000, month: 0, risk: 0),
    ],
    uncertainty: [
        Range(input: "benefits.tem_licences.licences", low: 80, high: 120),
        Range(input: "costs.Implementation.amount", low: 40000, high: 100000),
    ],
    monte_carlo: (trials: 1000, seed: 7),
)
"#;

fn linear() -> Scenario {
    envroi::io::load_str(LINEAR, "linear.ron").unwrap()
}

fn never_cancel(_: u32, _: u32) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

// ----- The evaluator -----

#[test]
fn the_fast_evaluator_matches_a_full_compute() {
    let mut baseline = baseline();
    for (horizon, discounting) in [
        (36, envroi::model::Discounting::Annual),
        (120, envroi::model::Discounting::Monthly),
    ] {
        baseline.horizon_months = horizon;
        baseline.discounting = discounting;
        let full = compute(&baseline).adjusted.figures;
        let fast = outcome(&baseline);
        assert_eq!(fast.npv, full.npv);
        assert_eq!(fast.payback_months, full.payback_months);
    }
    let s = linear();
    assert_eq!(outcome(&s).npv, d("60000"));
    assert_eq!(outcome(&s).payback_months, Some(d("6")));
}

#[test]
fn the_fast_evaluator_matches_a_full_compute_on_many_variants() {
    use rand::Rng as _;
    let mut base = baseline();
    base.synergy_uplift = d("0.07");
    base.benefits.custom.push(envroi::model::CustomLine {
        name: "Neutral line".to_owned(),
        programme: envroi::model::ProgrammeRef::None,
        annual_amount: d("33333.33"),
        growth: d("-0.1"),
        risk: d("0.35"),
    });
    base.benefits.custom.push(envroi::model::CustomLine {
        name: "TDM line".to_owned(),
        programme: envroi::model::ProgrammeRef::Tdm,
        annual_amount: d("12345.67"),
        growth: d("0.04"),
        risk: d("0.05"),
    });
    base.costs.push(envroi::model::Cost::Recurring {
        name: "Support contract".to_owned(),
        annual_amount: d("77777.77"),
        start_month: 7,
        end_month: Some(30),
        growth: d("0.025"),
        risk: d("0.15"),
    });
    let specs = inputs::numeric_inputs(&base);
    let mut rng = rand_pcg::Pcg64::new(2026, 5);
    for case in 0..150u32 {
        let mut s = base.clone();
        // Ranges play no part here, and a moved input could leave its range.
        s.uncertainty.clear();
        s.horizon_months = 12 + rng.next_u32() % 109;
        s.discounting = if case % 2 == 0 {
            envroi::model::Discounting::Annual
        } else {
            envroi::model::Discounting::Monthly
        };
        s.tem.enabled = case % 5 != 1;
        s.tdm.enabled = case % 7 != 2;
        s.tem.rollout_months = rng.next_u32() % 12;
        s.tdm.go_live_month = rng.next_u32() % 12;
        s.tdm.pilot_coverage = Decimal::new(i64::from(rng.next_u32() % 1000), 3);
        // Move a few inputs anywhere in the middle of their allowed range.
        for _ in 0..4 {
            let spec = &specs[rng.next_u32() as usize % specs.len()];
            let max = spec.bounds.max.min(d("1000000"));
            let share = Decimal::new(i64::from(rng.next_u32() % 1_000_001), 6);
            let value = spec.bounds.min + (max - spec.bounds.min) * share;
            inputs::set(&mut s, &spec.path, value);
        }
        let problems = envroi::model::validate(&s);
        assert!(problems.is_empty(), "case {case}: {problems:?}");
        let full = compute(&s).adjusted.figures;
        let fast = outcome(&s);
        assert_eq!(fast.npv, full.npv, "case {case}");
        assert_eq!(fast.npv.to_string(), full.npv.to_string(), "case {case}");
        assert_eq!(fast.payback_months, full.payback_months, "case {case}");
        let flows = envroi::model::analysis::fast::adjusted_flows(&s);
        let table = compute(&s).adjusted.table;
        assert_eq!(flows.benefits, table.benefits, "case {case}");
        assert_eq!(flows.cumulative, table.cumulative, "case {case}");
    }
}

// ----- Sensitivity -----

#[test]
fn the_tornado_of_a_linear_scenario_is_exact_and_sorted_by_swing() {
    let result = sensitivity(&linear()).unwrap();
    assert!(!result.assumed_ranges);
    assert_eq!(result.base_npv, d("60000"));
    let rows: Vec<_> = result
        .rows
        .iter()
        .map(|r| (r.input.as_str(), r.npv_low, r.npv_high, r.swing))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "costs.Implementation.amount",
                d("80000"),
                d("20000"),
                d("60000")
            ),
            (
                "benefits.tem_licences.licences",
                d("36000"),
                d("84000"),
                d("48000")
            ),
        ]
    );
    assert_eq!(result.rows[0].label, "Implementation: amount");
    let csv = sensitivity_csv(&result);
    assert_eq!(
        csv,
        "input,low,high,npv_low,npv_high,swing\n\
         costs.Implementation.amount,40000,100000,80000.00,20000.00,60000.00\n\
         benefits.tem_licences.licences,80,120,36000.00,84000.00,48000.00\n"
    );
}

#[test]
fn a_range_with_low_equal_to_high_has_no_spread() {
    let s = with_ranges(
        linear(),
        &[("benefits.tem_licences.licences", "100", "100")],
    );
    let row = &sensitivity(&s).unwrap().rows[0];
    assert_eq!(
        (row.npv_low, row.npv_high, row.swing),
        (d("60000"), d("60000"), d("0"))
    );

    let mc = run_monte_carlo(&s, 500, 3, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_eq!(mc.npv_mean, d("60000"));
    assert_eq!(
        [mc.npv.p5, mc.npv.p10, mc.npv.p50, mc.npv.p90, mc.npv.p95],
        [d("60000"); 5]
    );
    assert_eq!(mc.histogram.counts, [500]);
    assert_eq!(mc.prob_npv_positive, Decimal::ONE);
}

#[test]
fn a_scenario_without_ranges_gets_twenty_percent_on_every_driver() {
    let mut s = linear();
    s.uncertainty.clear();
    let result = sensitivity(&s).unwrap();
    assert!(result.assumed_ranges);
    assert!(!result.rows.is_empty());
    let licences = result
        .rows
        .iter()
        .find(|r| r.input == "benefits.tem_licences.licences")
        .unwrap();
    assert_eq!((licences.low, licences.high), (d("80"), d("120")));
    // The reduction of 1 cannot rise above its allowed maximum.
    let reduction = result
        .rows
        .iter()
        .find(|r| r.input == "benefits.tem_licences.reduction")
        .unwrap();
    assert_eq!((reduction.low, reduction.high), (d("0.8"), d("1")));
    assert_eq!(reduction.npv_low, d("36000"));
    // Inputs at zero have no spread to show and are left out.
    assert!(result.rows.iter().all(|r| r.low != r.high));
    assert!(result.rows.windows(2).all(|w| w[0].swing >= w[1].swing));
    for row in &result.rows {
        let spec = inputs::spec(&s, &row.input).unwrap();
        assert!(spec.bounds.contains(row.low) && spec.bounds.contains(row.high));
    }
}

#[test]
fn the_shipped_scenario_has_a_full_tornado() {
    let s = baseline();
    let result = sensitivity(&s).unwrap();
    assert_eq!(result.rows.len(), s.uncertainty.len());
    assert_eq!(result.base_npv, compute(&s).adjusted.figures.npv);
    assert!(result.rows.windows(2).all(|w| w[0].swing >= w[1].swing));
    assert!(result.rows.iter().all(|r| r.swing > Decimal::ZERO));
}

// ----- Break-even -----

#[test]
fn break_even_of_a_linear_scenario_is_exact() {
    let s = linear();
    let cost = break_even(&s, "costs.Implementation.amount", Target::NpvZero).unwrap();
    assert_eq!(cost.value, Some(d("120000.00")));
    assert_eq!(cost.value.unwrap().to_string(), "120000.00");
    let licences = break_even(&s, "benefits.tem_licences.licences", Target::NpvZero).unwrap();
    assert_eq!(licences.value, Some(d("50")));
    // Payback in 3 months needs 3 months of 10,000 to cover the cost.
    let payback = break_even(&s, "costs.Implementation.amount", Target::PaybackMonths(3)).unwrap();
    assert_eq!(payback.value, Some(d("30000.00")));
    // Benefits below 120,000 a year pay back later than month 6.
    let slower = break_even(
        &s,
        "benefits.tem_licences.licences",
        Target::PaybackMonths(6),
    )
    .unwrap();
    assert_eq!(slower.value, Some(d("100")));
}

#[test]
fn break_even_respects_the_cent_rounding_of_cells() {
    // A monthly cell of round2(1200 x reduction x 100 / 12) reaches 5,000
    // (NPV zero against a cost of 60,000) at reduction 0.4999995; the
    // grid of 0.000001 puts the break-even at 0.5.
    let s = linear();
    let r = break_even(&s, "benefits.tem_licences.reduction", Target::NpvZero).unwrap();
    assert_eq!(r.value, Some(d("0.500000")));
    let mut check = s.clone();
    inputs::set(&mut check, "benefits.tem_licences.reduction", d("0.5"));
    assert_eq!(outcome(&check).npv, Decimal::ZERO);
    inputs::set(&mut check, "benefits.tem_licences.reduction", d("0.499999"));
    assert!(outcome(&check).npv < Decimal::ZERO);
}

#[test]
fn break_even_says_none_when_the_target_never_changes_in_range() {
    let s = linear();
    // Growth does not act within the first twelve months.
    let r = break_even(&s, "benefits.tem_licences.growth", Target::NpvZero).unwrap();
    assert_eq!(r.value, None);
    // The discount rate cannot push a case without discounting below zero.
    let r = break_even(&s, "discount_rate", Target::NpvZero).unwrap();
    assert_eq!(r.value, None);
}

#[test]
fn break_even_rejects_unknown_paths_and_targets_past_the_horizon() {
    let s = linear();
    let e = break_even(&s, "benefits.nothing.here", Target::NpvZero).unwrap_err();
    assert!(matches!(e, AnalysisError::UnknownInput(_)));
    assert!(e.to_string().contains("benefits.<category>.<field>"), "{e}");
    let e = break_even(&s, "discount_rate", Target::PaybackMonths(13)).unwrap_err();
    assert!(matches!(e, AnalysisError::BadArgument(_)));
}

#[test]
fn analyses_refuse_an_invalid_scenario() {
    let mut s = linear();
    s.discount_rate = d("2");
    assert!(matches!(sensitivity(&s), Err(AnalysisError::Invalid(_))));
    assert!(matches!(
        break_even(&s, "discount_rate", Target::NpvZero),
        Err(AnalysisError::Invalid(_))
    ));
    assert!(matches!(
        run_monte_carlo(&s, 100, 1, &mut never_cancel),
        Err(AnalysisError::Invalid(_))
    ));
    assert!(matches!(
        run_monte_carlo(&linear(), 99, 1, &mut never_cancel),
        Err(AnalysisError::BadArgument(_))
    ));
}

// ----- Monte Carlo -----

#[test]
fn pert_draws_have_the_pert_mean() {
    let (low, base, high) = (d("40000"), d("60000"), d("100000"));
    let pert = Pert::new(low, base, high);
    let mut rng = rand_pcg::Pcg64::new(12_345, 678);
    let n = 40_000u32;
    let mut sum = Decimal::ZERO;
    for _ in 0..n {
        sum += pert.draw(&mut rng);
    }
    let mean = sum / Decimal::from(n);
    let expected = Pert::mean(low, base, high);
    // Standard deviation of PERT: sqrt((mean - low)(high - mean) / 7),
    // about 11,055 here; four standard errors over 40,000 draws is 221.
    assert!(
        (mean - expected).abs() < d("221"),
        "{mean} against {expected}"
    );
}

#[test]
fn monte_carlo_npv_of_a_linear_scenario_has_the_pert_mean() {
    let s = with_ranges(
        linear(),
        &[("costs.Implementation.amount", "40000", "100000")],
    );
    let mc = run_monte_carlo(&s, 20_000, 11, &mut never_cancel)
        .unwrap()
        .unwrap();
    // NPV = 120,000 - cost, and the mean cost is (40,000 + 4 x 60,000 + 100,000) / 6.
    let expected = d("120000") - Pert::mean(d("40000"), d("60000"), d("100000"));
    // Four standard errors: 4 x 11,055 / sqrt(20,000) is about 313.
    assert!((mc.npv_mean - expected).abs() < d("313"), "{}", mc.npv_mean);
    assert!(mc.npv.p5 <= mc.npv.p10 && mc.npv.p10 <= mc.npv.p50);
    assert!(mc.npv.p50 <= mc.npv.p90 && mc.npv.p90 <= mc.npv.p95);
    assert!(mc.npv.p5 >= d("20000") && mc.npv.p95 <= d("80000"));
    assert_eq!(mc.prob_npv_positive, Decimal::ONE);
    assert_eq!(mc.prob_payback_within_horizon, Decimal::ONE);
    assert_eq!(mc.histogram.counts.iter().sum::<u32>(), 20_000);
}

#[test]
fn integer_inputs_are_drawn_as_whole_numbers() {
    let s = with_ranges(linear(), &[("benefits.tem_licences.licences", "80", "120")]);
    let plan = Plan::new(&s, 250, 5).unwrap();
    for o in plan.run_chunk(0) {
        // NPV = 1200 x licences - 60,000, so a whole number of licences
        // gives a multiple of 1,200.
        assert!(
            (o.npv + d("60000")) % d("1200") == Decimal::ZERO,
            "{}",
            o.npv
        );
    }
}

#[test]
fn a_fixed_seed_reproduces_the_figures_exactly() {
    let s = baseline();
    let first = run_monte_carlo(&s, 2_000, 42, &mut never_cancel)
        .unwrap()
        .unwrap();
    let second = run_monte_carlo(&s, 2_000, 42, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_eq!(first, second);
    let plan = Plan::new(&s, 2_000, 42).unwrap();
    let cancel = AtomicBool::new(false);
    for threads in [1, 2, 3] {
        let parallel = run_parallel(&plan, threads, &cancel, &mut |_, _| {}).unwrap();
        assert_eq!(parallel, first, "{threads} threads");
    }
    let other = run_monte_carlo(&s, 2_000, 43, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_ne!(other.npv_mean, first.npv_mean);
}

#[test]
fn a_fixed_seed_gives_the_recorded_figures_on_every_machine() {
    // The figures themselves, so that a change of generator, sampler,
    // seeding or platform arithmetic shows up here.
    let mc = run_monte_carlo(&linear(), 2_000, 42, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_eq!(monte_carlo_csv(&mc), GOLDEN_LINEAR_2000_SEED_42);
}

/// `monte_carlo_csv` of the linear scenario, 2,000 trials, seed 42.
const GOLDEN_LINEAR_2000_SEED_42: &str = "metric,value
trials,2000
seed,42
npv_mean,56525.92
npv_p5,31862.56
npv_p10,37678.48
npv_p50,56876.58
npv_p90,75613.61
npv_p95,79802.29
prob_npv_positive,1.000000
payback_p5,4.56
payback_p10,4.83
payback_p50,6.27
payback_p90,8.10
payback_p95,8.54
prob_payback_within_horizon,1.000000
";

#[test]
fn a_cancelled_run_leaves_no_partial_result() {
    let s = baseline();
    let mut calls = Vec::new();
    let result = run_monte_carlo(&s, 1_000, 1, &mut |done, total| {
        calls.push((done, total));
        if done >= 250 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .unwrap();
    assert_eq!(result, None);
    assert_eq!(calls, [(0, 1_000), (250, 1_000)]);

    let plan = Plan::new(&s, 100_000, 1).unwrap();
    let cancel = AtomicBool::new(false);
    let result = run_parallel(&plan, 2, &cancel, &mut |done, _| {
        if done > 0 {
            cancel.store(true, Ordering::Release);
        }
    });
    assert_eq!(result, None);
}

#[test]
fn percentiles_use_the_nearest_rank() {
    let values: Vec<Decimal> = (1..=20).map(Decimal::from).collect();
    assert_eq!(nearest_rank(&values, 5), Some(d("1")));
    assert_eq!(nearest_rank(&values, 10), Some(d("2")));
    assert_eq!(nearest_rank(&values, 50), Some(d("10")));
    assert_eq!(nearest_rank(&values, 95), Some(d("19")));
    assert_eq!(nearest_rank(&values, 100), Some(d("20")));
    assert_eq!(nearest_rank(&[], 50), None);
}

#[test]
fn payback_percentiles_are_empty_when_no_trial_pays_back() {
    let s = with_ranges(
        linear(),
        &[("costs.Implementation.amount", "200000", "300000")],
    );
    let mut s = s;
    s.costs = vec![envroi::model::Cost::OneOff {
        name: "Implementation".to_owned(),
        amount: d("250000"),
        month: 0,
        risk: Decimal::ZERO,
    }];
    let mc = run_monte_carlo(&s, 100, 1, &mut never_cancel)
        .unwrap()
        .unwrap();
    assert_eq!(mc.payback, None);
    assert_eq!(mc.prob_payback_within_horizon, Decimal::ZERO);
    assert_eq!(mc.prob_npv_positive, Decimal::ZERO);
    let csv = monte_carlo_csv(&mc);
    assert!(csv.contains("\npayback_p50,\n"), "{csv}");
}

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
    assert!(err.contains("benefits.<category>.<field>"), "{err}");
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

// ----- The app's What-if tab -----

#[cfg(feature = "gui")]
mod app {
    use std::time::Duration;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use envroi::gui::EnvroiApp;
    use envroi::gui::command::Command;
    use envroi::gui::state::Tab;

    /// The app on its What-if tab, once the tornado (computed off the UI
    /// thread, so it can take a few frames) is shown.
    fn what_if_tab() -> Harness<'static, EnvroiApp> {
        let mut harness = Harness::builder()
            .with_size([1440.0, 900.0])
            .with_max_steps(64)
            .build_eframe(|_cc| EnvroiApp::headless(Vec::new()));
        harness.state_mut().push(Command::SetTab(Tab::Analysis));
        assert!(step_until(&mut harness, "Base NPV"));
        harness
    }

    /// Steps frames, with the background thread running in between, until
    /// a label containing `text` shows or about a minute has passed.
    fn step_until<State>(harness: &mut Harness<'_, State>, text: &str) -> bool {
        for _ in 0..1_200 {
            harness.step();
            if harness.query_by_label_contains(text).is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    #[test]
    fn the_what_if_tab_shows_the_tornado_and_runs_monte_carlo_in_the_background() {
        let mut harness = what_if_tab();
        harness.get_by_label_contains("Base NPV");
        harness.get_by_label("Run Monte Carlo").click();
        harness.step();
        harness.step();
        // While it runs, the window keeps drawing and offers Cancel.
        harness.get_by_label("Cancel");
        assert!(step_until(&mut harness, "Probability NPV > 0"));
        assert!(harness.query_by_label("Cancel").is_none());
    }

    #[test]
    fn cancel_stops_the_run_and_leaves_no_result() {
        let mut harness = what_if_tab();
        harness.get_by_label("Run Monte Carlo").click();
        harness.step();
        harness.step();
        harness.get_by_label("Cancel").click();
        assert!(step_until(&mut harness, "Cancelled: no result."));
        assert!(
            harness
                .query_by_label_contains("Probability NPV > 0")
                .is_none()
        );
    }

    #[test]
    fn a_fields_break_even_is_found_off_the_ui_thread_for_its_revision_only() {
        use envroi::gui::analyses::{Analyses, BREAK_EVEN_COMPUTING};
        use envroi::gui::command::AnalysisRequest;
        let path = "costs.Implementation.amount";
        let ctx = egui::Context::default();
        let mut analyses = Analyses::default();
        let request = AnalysisRequest::BreakEven(path.to_owned());
        analyses.apply(&ctx, request, &super::linear(), 1);
        let mut note = None;
        for _ in 0..1_200 {
            analyses.poll(1);
            note = analyses.break_even_note(1, path);
            if note.as_deref() != Some(BREAK_EVEN_COMPUTING) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(note.as_deref(), Some("NPV = 0 at 120000.00"));
        // The answer belongs to revision 1: after an edit there is none.
        assert_eq!(analyses.break_even_note(2, path), None);
    }

    #[test]
    fn goal_seek_finds_the_break_even_of_the_chosen_input() {
        let mut harness = what_if_tab();
        harness.get_by_label("Find break-even").click();
        // The first input of the catalogue is the discount rate; the answer
        // is computed off the UI thread.
        assert!(step_until(&mut harness, "Discount rate for NPV = 0"));
    }
}
