//! The evaluator, the tornado and break-even, against the exact answers
//! of the linear scenario.

use super::*;

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
        nature: None,
        recapture: None,
    });
    base.benefits.custom.push(envroi::model::CustomLine {
        name: "TDM line".to_owned(),
        programme: envroi::model::ProgrammeRef::Tdm,
        annual_amount: d("12345.67"),
        growth: d("0.04"),
        risk: d("0.05"),
        nature: None,
        recapture: None,
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
    assert!(matches!(e, AnalysisError::UnknownInput(..)));
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
