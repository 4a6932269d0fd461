//! The model against hand-worked figures (golden), table tests for the ramp,
//! rounding, payback and IRR, and properties that hold for every valid
//! scenario (proptest).

#![expect(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;
use common::{d, ds};

use envroi::io::{load_str, to_ron_string};
use envroi::model::decimal::{fixed, round2};
use envroi::model::figures::{irr, payback_months};
use envroi::model::{Scenario, View, compute, validate};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A small scenario worked by hand below.
const GOLDEN: &str = r#"Scenario(
    format_version: 1,
    name: "Golden",
    currency: "EUR",
    start: "2027-01",
    horizon_months: 12,
    discount_rate: 0.10,
    tem: (enabled: true, go_live_month: 0, pilot_months: 2, pilot_coverage: 0.5, rollout_months: 2),
    tdm: (enabled: false, go_live_month: 0, pilot_months: 0, pilot_coverage: 1, rollout_months: 0),
    benefits: (
        tem_infrastructure: (environments: 0, servers_per_environment: 0, cost_per_server_year: 0, reduction: 0, growth: 0, risk: 0),
        tem_licences: (licences: 10, cost_per_licence_year: 1003, reduction: 0.9, growth: 0, risk: 0.1),
        tem_services: (requests_per_year: 0, hours_per_request: 0, cost_per_hour: 0, reduction: 0, growth: 0, risk: 0),
        tem_headcount: (fte: 0, cost_per_fte_year: 0, reduction: 0, growth: 0, risk: 0),
        tdm_infrastructure: (production_data_tb: 40, non_production_copies: 10, cost_per_tb_year: 3000, reduction: 0.7, growth: 0, risk: 0.1),
        tdm_tester_productivity: (people: 0, hours_per_person_month: 0, cost_per_hour: 0, reduction: 0, growth: 0, risk: 0),
        tdm_developer_productivity: (people: 0, hours_per_person_month: 0, cost_per_hour: 0, reduction: 0, growth: 0, risk: 0),
        tdm_support: (defects_per_year: 0, cost_per_defect: 0, reduction: 0, growth: 0, risk: 0),
        tdm_breach: (annual_probability: 0, breach_cost: 0, reduction: 0, growth: 0, risk: 0),
        custom: [(name: "Quick win", programme: None, annual_amount: 120, growth: 0.5, risk: 0)],
    ),
    costs: [
        OneOff(name: "Setup", amount: 1000, month: 0, risk: 0.1),
        Recurring(name: "Run", annual_amount: 1200, start_month: 1, end_month: None, growth: 0, risk: 0.05),
    ],
)"#;

#[test]
fn golden_scenario_matches_the_hand_worked_cells_and_figures() {
    let s = load_str(GOLDEN, "golden.ron").unwrap();
    let r = compute(&s);
    // TEM licences: A = 10 x 1003 x 0.9 = 9027 a year.
    // Ramp (s = 0, P = 2, c = 0.5, R = 2): f = 0.5, 0.5, 0.75, then 1.
    // Unadjusted: 9027 x 0.5 / 12 = 376.125 -> 376.13; x 0.75 -> 564.1875 -> 564.19;
    // x 1 -> 752.25.
    let lic = &r.unadjusted.table.benefit_rows[1];
    assert_eq!(&*lic.key, "tem_licences");
    let mut expected = ds(&["0", "376.13", "376.13", "564.19"]);
    expected.extend(std::iter::repeat_n(d("752.25"), 9));
    assert_eq!(lic.cells, expected);
    // Adjusted (risk 0.1): 9027 x 0.9 x 0.5 / 12 = 338.5125 -> 338.51;
    // x 0.75 -> 507.76875 -> 507.77; x 1 -> 677.025 -> 677.03 (a tie, away from zero).
    let lic = &r.adjusted.table.benefit_rows[1];
    let mut expected = ds(&["0", "338.51", "338.51", "507.77"]);
    expected.extend(std::iter::repeat_n(d("677.03"), 9));
    assert_eq!(lic.cells, expected);
    // TDM is disabled: its storage line yields nothing despite its drivers.
    assert!(
        r.unadjusted.table.benefit_rows[4]
            .cells
            .iter()
            .all(Decimal::is_zero)
    );
    // The custom line has no programme: 120 / 12 = 10 from month 1; growth
    // only starts in the second year, outside this horizon.
    let custom = &r.unadjusted.table.benefit_rows[9];
    assert_eq!(&*custom.key, "custom:Quick win");
    assert_eq!(custom.total, d("120"));
    // Synergy row is present and zero.
    assert_eq!(&*r.unadjusted.table.benefit_rows[10].key, "synergy");
    assert_eq!(r.unadjusted.table.benefit_rows[10].total, Decimal::ZERO);

    // Unadjusted: benefits 386.13, 386.13, 574.19, then 762.25 x 9 = 8,206.70;
    // costs 1,000 upfront + 100 x 12 = 2,200; net total 6,006.70.
    let u = &r.unadjusted.figures;
    assert_eq!(u.total_benefits, d("8206.70"));
    assert_eq!(u.total_costs, d("2200"));
    assert_eq!(u.net_total, d("6006.70"));
    // Annual PV: year 0 is -1,000; year 1 is (8,206.70 - 1,200) / 1.1.
    // NPV = 7,006.70 / 1.1 - 1,000 = 5,369.727272...
    assert_eq!(fixed(u.npv, 2), "5369.73");
    assert_eq!(fixed(u.pv_benefits, 2), "7460.64"); // 8,206.70 / 1.1
    assert_eq!(fixed(u.pv_costs, 2), "2090.91"); // 1,000 + 1,200 / 1.1
    // ROI = 5,906.7 / 2,300 = 2.568130434...
    assert_eq!(fixed(u.roi.unwrap(), 6), "2.568130");
    // Cumulative: -1,000, -713.87, -427.74, +46.45: payback 2 + 427.74 / 474.19.
    assert_eq!(fixed(u.payback_months.unwrap(), 2), "2.90");
    // IRR: monthly 0.4328205961..., annual (1 + i)^12 - 1 = 73.868957860...
    assert_eq!(fixed(u.irr_annual.unwrap(), 6), "73.868958");
    assert!(u.irr_unique);

    // Risk-adjusted: benefits 348.51 x 2 + 517.77 + 687.03 x 9 = 7,398.06;
    // costs 1,100 upfront + 105 x 12 = 2,360.
    let a = &r.adjusted.figures;
    assert_eq!(a.total_benefits, d("7398.06"));
    assert_eq!(a.total_costs, d("2360"));
    // NPV = (7,398.06 - 1,260) / 1.1 - 1,100 = 4,480.054545...
    assert_eq!(fixed(a.npv, 2), "4480.05");
    assert_eq!(fixed(a.pv_costs, 2), "2245.45");
    assert_eq!(fixed(a.roi.unwrap(), 6), "1.995166");
    // Cumulative: -1,100, -856.49, -612.98, -200.21, +381.82: payback 3 + 200.21 / 582.03.
    assert_eq!(fixed(a.payback_months.unwrap(), 2), "3.34");
    // IRR: monthly 0.3534340364..., annual 36.778536369...
    assert_eq!(fixed(a.irr_annual.unwrap(), 6), "36.778536");
}

#[test]
fn golden_scenario_with_monthly_discounting() {
    let text = GOLDEN.replace(
        "discount_rate: 0.10,",
        "discount_rate: 0.10,\n    discounting: Monthly,",
    );
    let s = load_str(&text, "golden.ron").unwrap();
    let r = compute(&s);
    // PV of the unadjusted costs: 1,000 + sum over t = 1..=12 of 100 / 1.1^(t/12).
    // 1.1^(1/12) = 1.0079741404289...; the sum of the 12 discount factors is
    // 11.4930... so the PV is 1,000 + 1,149.30 = 2,149.30 (to the cent).
    let root = 1.1f64.powf(1.0 / 12.0);
    let expected: f64 = 1000.0 + (1..=12).map(|t| 100.0 / root.powi(t)).sum::<f64>();
    let got: f64 = fixed(r.unadjusted.figures.pv_costs, 2).parse().unwrap();
    assert!((got - expected).abs() < 0.006, "{got} vs {expected}");
}

#[test]
fn forrester_published_present_value_is_reproduced() {
    // Forrester TEI: costs of 53,150 initial, then 666,715, 636,772 and
    // 647,783 have a present value of 1,672,201 at 10 %.
    let mut s = load_str(GOLDEN, "golden.ron").unwrap();
    s.horizon_months = 36;
    s.costs = vec![
        envroi::model::Cost::OneOff {
            name: "Initial".into(),
            amount: d("53150"),
            month: 0,
            risk: d("0"),
        },
        envroi::model::Cost::OneOff {
            name: "Year 1".into(),
            amount: d("666715"),
            month: 12,
            risk: d("0"),
        },
        envroi::model::Cost::OneOff {
            name: "Year 2".into(),
            amount: d("636772"),
            month: 24,
            risk: d("0"),
        },
        envroi::model::Cost::OneOff {
            name: "Year 3".into(),
            amount: d("647783"),
            month: 36,
            risk: d("0"),
        },
    ];
    assert!(validate(&s).is_empty());
    let r = compute(&s);
    assert_eq!(fixed(r.unadjusted.figures.pv_costs, 0), "1672201");
}

#[test]
fn rounding_ties_go_away_from_zero() {
    for (value, expected) in [
        (d("1003") * d("0.9") / d("12"), "75.23"),
        (d("0.005"), "0.01"),
        (d("-0.005"), "-0.01"),
        (d("2.675"), "2.68"),
        (d("1.004999"), "1.00"),
    ] {
        assert_eq!(round2(value), d(expected), "{value}");
    }
}

#[test]
fn payback_table() {
    // (net, expected payback)
    let cases: [(&[&str], Option<&str>); 6] = [
        // Never negative: payback 0.
        (&["0", "10", "10"], Some("0")),
        // One crossing: -100, -50, +50: 1 + 50 / 100.
        (&["-100", "50", "100"], Some("1.5")),
        // Crossing then relapse: the first crossing counts.
        (
            &["-100", "150", "-200", "10"],
            Some("0.6666666666666666666666666667"),
        ),
        // No crossing within the horizon.
        (&["-100", "10", "10"], None),
        // Reaching exactly zero counts as paid back.
        (&["-100", "40", "60"], Some("2")),
        // Negative only later: t0 = 2, recovered at 3: 2 + 5 / 10.
        (&["0", "0", "-5", "10"], Some("2.5")),
    ];
    for (net, expected) in cases {
        let net = ds(net);
        let cumulative: Vec<Decimal> = net
            .iter()
            .scan(Decimal::ZERO, |acc, n| {
                *acc += n;
                Some(*acc)
            })
            .collect();
        let got = payback_months(&net, &cumulative);
        assert_eq!(got, expected.map(d), "net {net:?}");
        if let Some(p) = got {
            assert!(p >= Decimal::ZERO, "payback is never negative");
        }
    }
}

#[test]
fn irr_table() {
    // -100 then +110 a month later: 10 % a month, 1.1^12 - 1 a year.
    let (value, unique) = irr(&ds(&["-100", "110"]));
    assert_eq!(fixed(value.unwrap(), 6), "2.138428");
    assert!(unique);
    // Two roots: -1 + 2.3 x - 1.32 x^2 with x = 1 / (1 + i): i = 10 % and 20 %
    // a month; the root nearest zero is reported and flagged.
    let (value, unique) = irr(&ds(&["-1", "2.3", "-1.32"]));
    assert_eq!(fixed(value.unwrap(), 6), "2.138428");
    assert!(!unique);
    // No sign change: undefined.
    assert_eq!(irr(&ds(&["1", "2", "3"])).0, None);
    assert_eq!(irr(&ds(&["-1", "-2", "0"])).0, None);
    // A root at zero: the cash flows sum to nothing.
    let (value, _) = irr(&ds(&["-100", "50", "50"]));
    assert_eq!(fixed(value.unwrap(), 6), "0.000000");
    // A negative rate: -100 then +90.
    let (value, _) = irr(&ds(&["-100", "90"]));
    // Monthly -10 %: 0.9^12 - 1 = -0.717570463519...
    assert_eq!(fixed(value.unwrap(), 6), "-0.717570");
}

#[test]
fn ramp_and_escalation_through_the_whole_model() {
    // Growth 0.5 on the custom line: 10 a month in year 1, 15 in year 2.
    let mut s = load_str(GOLDEN, "golden.ron").unwrap();
    s.horizon_months = 24;
    let r = compute(&s);
    let custom = &r.unadjusted.table.benefit_rows[9];
    assert_eq!(custom.cells[12], d("10"));
    assert_eq!(custom.cells[13], d("15"));
    assert_eq!(custom.total, d("300"));
}

#[test]
fn synergy_applies_only_when_both_programmes_run() {
    let mut s = load_str(GOLDEN, "golden.ron").unwrap();
    s.synergy_uplift = d("0.1");
    let r = compute(&s);
    assert_eq!(
        r.unadjusted.table.benefit_rows[10].total,
        Decimal::ZERO,
        "TDM disabled"
    );
    s.tdm.enabled = true;
    let r = compute(&s);
    let t = 12;
    let u = &r.unadjusted.table;
    // Base: TEM and TDM cells, not the custom line (programme None).
    let base: Decimal = u.benefit_rows[..9].iter().map(|row| row.cells[t]).sum();
    assert_eq!(u.benefit_rows[10].cells[t], round2(d("0.1") * base));
    assert!(!base.is_zero());
}

// ----- properties ----------------------------------------------------------

fn cents(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(|c| Decimal::new(c, 2))
}

fn fraction() -> impl Strategy<Value = Decimal> {
    (0i64..=1000).prop_map(|p| Decimal::new(p, 3))
}

fn growth() -> impl Strategy<Value = Decimal> {
    (-500i64..=1000).prop_map(|p| Decimal::new(p, 3))
}

prop_compose! {
    fn programme(h: u32)(enabled in any::<bool>(), s in 0..=h, p in 0..=h, c in fraction(), r in 0..=h)
        -> envroi::model::Programme {
        envroi::model::Programme { enabled, go_live_month: s, pilot_months: p, pilot_coverage: c, rollout_months: r }
    }
}

prop_compose! {
    fn scenario()(h in 12u32..=120)(
        h in Just(h),
        rate in fraction(),
        monthly in any::<bool>(),
        synergy in fraction(),
        tem in programme(h),
        tdm in programme(h),
        amounts in proptest::collection::vec(cents(100_000_000), 12),
        reductions in proptest::collection::vec(fraction(), 9),
        growths in proptest::collection::vec(growth(), 12),
        risks in proptest::collection::vec(fraction(), 14),
        counts in proptest::collection::vec(0u32..=500, 7),
        months in proptest::collection::vec(0u32..=h, 3),
        end in proptest::option::of(1u32..=150),
    ) -> Scenario {
        let mut s = load_str(envroi::io::DEFAULT_SCENARIO, "default").unwrap();
        s.horizon_months = h;
        s.discount_rate = rate;
        s.discounting = if monthly { envroi::model::Discounting::Monthly } else { envroi::model::Discounting::Annual };
        s.synergy_uplift = synergy;
        s.tem = tem;
        s.tdm = tdm;
        s.uncertainty.clear();
        let b = &mut s.benefits;
        b.tem_infrastructure.environments = counts[0];
        b.tem_infrastructure.cost_per_server_year = amounts[0] / Decimal::from(1000);
        b.tem_licences.licences = counts[1];
        b.tem_licences.cost_per_licence_year = amounts[1] / Decimal::from(1000);
        b.tem_services.requests_per_year = counts[2];
        b.tem_headcount.cost_per_fte_year = amounts[2] / Decimal::from(100);
        b.tdm_infrastructure.non_production_copies = counts[3];
        b.tdm_tester_productivity.people = counts[4];
        b.tdm_developer_productivity.people = counts[5];
        b.tdm_support.defects_per_year = counts[6];
        b.tdm_breach.breach_cost = amounts[3];
        b.custom[0].annual_amount = amounts[4];
        b.custom[0].programme = [envroi::model::ProgrammeRef::Tem, envroi::model::ProgrammeRef::Tdm, envroi::model::ProgrammeRef::None][(counts[0] % 3) as usize];
        b.custom[0].growth = growths[9];
        b.custom[0].risk = risks[9];
        macro_rules! common { ($($cat:ident = $i:expr),*) => { $( b.$cat.reduction = reductions[$i]; b.$cat.growth = growths[$i]; b.$cat.risk = risks[$i]; )* } }
        common!(tem_infrastructure = 0, tem_licences = 1, tem_services = 2, tem_headcount = 3, tdm_infrastructure = 4,
                tdm_tester_productivity = 5, tdm_developer_productivity = 6, tdm_support = 7, tdm_breach = 8);
        s.costs = vec![
            envroi::model::Cost::OneOff { name: "Upfront".into(), amount: amounts[5], month: months[0], risk: risks[10] },
            envroi::model::Cost::OneOff { name: "Later".into(), amount: amounts[6], month: months[1], risk: risks[11] },
            envroi::model::Cost::Recurring { name: "Run".into(), annual_amount: amounts[7], start_month: months[2].max(1),
                end_month: end.map(|e| e.max(months[2].max(1))), growth: growths[10], risk: risks[12] },
        ];
        // The shipped costs are gone, and so are their records; the other
        // records stay, so that saving and loading carries them too.
        s.assumptions.0.retain(|path, _| !path.starts_with("costs."));
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_table_foots(s in scenario()) {
        prop_assert!(validate(&s).is_empty(), "{:?}", validate(&s));
        let r = compute(&s);
        for view in View::ALL {
            let v = r.view(view);
            let t = &v.table;
            for row in t.benefit_rows.iter().chain(&t.cost_rows) {
                prop_assert_eq!(row.total, row.cells.iter().sum::<Decimal>());
                prop_assert!(row.cells.iter().all(|c| c.scale() <= 2), "cells are whole cents");
            }
            for m in 0..t.net.len() {
                prop_assert_eq!(t.benefits[m], t.benefit_rows.iter().map(|r| r.cells[m]).sum::<Decimal>());
                prop_assert_eq!(t.costs[m], t.cost_rows.iter().map(|r| r.cells[m]).sum::<Decimal>());
                prop_assert_eq!(t.net[m], t.benefits[m] - t.costs[m]);
            }
            prop_assert_eq!(*t.cumulative.last().unwrap(), v.figures.net_total);
            prop_assert_eq!(v.figures.total_benefits, t.benefit_rows.iter().map(|r| r.total).sum::<Decimal>());
            prop_assert_eq!(v.years.iter().map(|y| y.net).sum::<Decimal>(), v.figures.net_total);
            if let Some(p) = v.figures.payback_months {
                prop_assert!(p >= Decimal::ZERO);
            }
        }
    }

    #[test]
    fn a_zero_reduction_gives_zero_benefit(mut s in scenario(), which in 0usize..9) {
        let key = envroi::model::Category::present(&s.benefits).nth(which).unwrap().key();
        let path = format!("benefits.{key}.reduction");
        prop_assert!(envroi::model::inputs::set(&mut s, &path, Decimal::ZERO));
        let r = compute(&s);
        let total = |t: &envroi::model::Table| t.benefit_rows.iter().find(|r| &*r.key == key).unwrap().total;
        prop_assert_eq!(total(&r.unadjusted.table), Decimal::ZERO);
        prop_assert_eq!(total(&r.adjusted.table), Decimal::ZERO);
    }

    #[test]
    fn risk_adjusted_benefits_never_exceed_unadjusted(s in scenario()) {
        let r = compute(&s);
        for (a, u) in r.adjusted.table.benefit_rows.iter().zip(&r.unadjusted.table.benefit_rows) {
            for (ca, cu) in a.cells.iter().zip(&u.cells) {
                prop_assert!(ca <= cu, "{}: {} > {}", a.key, ca, cu);
            }
        }
        prop_assert!(r.adjusted.figures.total_benefits <= r.unadjusted.figures.total_benefits);
    }

    #[test]
    fn npv_at_a_zero_rate_equals_net_total(mut s in scenario()) {
        s.discount_rate = Decimal::ZERO;
        let r = compute(&s);
        for view in View::ALL {
            let f = &r.view(view).figures;
            prop_assert_eq!(f.npv, f.net_total);
        }
    }

    #[test]
    fn loading_a_saved_scenario_gives_it_back_exactly(s in scenario(), extra in 0u64..u64::MAX) {
        let mut s = s;
        // Awkward decimals: more digits than a float carries.
        s.benefits.tem_headcount.fte = d("8.123456789012345678");
        s.monte_carlo.seed = extra;
        let text = to_ron_string(&s).unwrap();
        let back = load_str(&text, "saved.ron").unwrap();
        prop_assert_eq!(back, s);
    }
}

#[test]
fn a_repeating_ramp_fraction_still_rounds_an_exact_half_cent_up() {
    // Rollout R = 3 from coverage 0: f(1) = 1/3. The cell is
    // 64,462.14 x 1/3 / 12 = 1,790.615 exactly, which rounds to 1,790.62.
    let text = GOLDEN
        .replace(
            "tem: (enabled: true, go_live_month: 0, pilot_months: 2, pilot_coverage: 0.5, rollout_months: 2)",
            "tem: (enabled: true, go_live_month: 0, pilot_months: 0, pilot_coverage: 0, rollout_months: 3)",
        )
        .replace("programme: None, annual_amount: 120, growth: 0.5", "programme: Tem, annual_amount: 64462.14, growth: 0");
    let r = compute(&load_str(&text, "tie.ron").unwrap());
    let custom = &r.unadjusted.table.benefit_rows[9];
    assert_eq!(custom.cells[1], d("1790.62"));
    // f(2) = 2/3: 64,462.14 x 2/3 / 12 = 3,581.23.
    assert_eq!(custom.cells[2], d("3581.23"));
}

#[test]
fn irr_ignores_leading_zero_months_instead_of_finding_false_roots() {
    // Net is zero for 33 months, then -50,983.73 and three small inflows.
    // The only root is about -0.935 a month, so the annual IRR is -1.000000
    // to six places; a rate where the sum merely underflows is no root.
    let mut net = vec![Decimal::ZERO; 33];
    net.extend(ds(&["-50983.73", "1.28", "12.93", "12.93"]));
    let (value, unique) = irr(&net);
    assert_eq!(fixed(value.unwrap(), 6), "-1.000000");
    assert!(unique);
}

/// Edits of a scenario (`model::edit`): the changes the app makes.
mod edits {
    use envroi::model::Scenario;
    use envroi::model::edit::{CostKind, Edit, List};
    use envroi::model::scenario::Cost;

    /// The shipped baseline without its assumption records (the
    /// strategies reshape its lists).
    fn baseline() -> Scenario {
        let mut s = envroi::io::default_scenario().unwrap();
        s.assumptions.0.clear();
        s
    }

    #[test]
    fn added_lines_get_fresh_names() {
        let mut s = baseline();
        Edit::Add(List::Costs, CostKind::OneOff)
            .apply(&mut s)
            .unwrap();
        Edit::Add(List::Costs, CostKind::OneOff)
            .apply(&mut s)
            .unwrap();
        let names: Vec<&str> = s.costs.iter().map(Cost::name).collect();
        assert!(names.contains(&"New cost") && names.contains(&"New cost 2"));
        assert!(envroi::model::validate(&s).is_empty());
    }

    #[test]
    fn moving_and_removing_keep_every_other_item() {
        let mut s = baseline();
        let before: Vec<String> = s.costs.iter().map(|c| c.name().to_owned()).collect();
        Edit::Move(List::Costs, 0, before.len() - 1)
            .apply(&mut s)
            .unwrap();
        assert_eq!(s.costs.last().unwrap().name(), before[0]);
        Edit::Remove(List::Costs, before.len() - 1)
            .apply(&mut s)
            .unwrap();
        assert_eq!(s.costs.len(), before.len() - 1);
        assert!(Edit::Remove(List::Costs, 99).apply(&mut s).is_err());
    }

    #[test]
    fn a_cost_changes_kind_and_back() {
        let mut s = baseline();
        let original = s.costs[0].clone();
        Edit::CostKind(0, CostKind::Recurring)
            .apply(&mut s)
            .unwrap();
        assert!(matches!(s.costs[0], Cost::Recurring { .. }));
        Edit::CostKind(0, CostKind::OneOff).apply(&mut s).unwrap();
        assert_eq!(s.costs[0].name(), original.name());
    }
}
