//! The CSV formula guard, and properties: every valid scenario, extremes
//! included, computes (and is analysed) without a panic.

use super::*;

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
            nature: None,
            recapture: None,
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
                nature: None,
                recapture: None,
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
            nature: None,
            recapture: None,
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
