//! Monte Carlo: PERT draws, whole-number inputs, fixed seeds, cancel and
//! percentiles.

use super::*;

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
