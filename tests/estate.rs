//! The estate, the two optional categories, and cash versus capacity
//! (MODEL.md section 11, issue 15): a hand-worked estate, an inventory equal
//! to the aggregate inputs giving the same cells, the split rows and
//! figures, the exports, edits that carry records, and bad rows refused with
//! their place.

#![expect(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::{baseline, d, db, env};
use envroi::io::csv_out::{monthly_csv, summary_csv};
use envroi::io::{load_str, to_ron_string};
use envroi::model::cash::{cash_rows, declares_capacity, freed_capacity};
use envroi::model::category::Category;
use envroi::model::edit::{Edit, EstateEdit, EstateList};
use envroi::model::estate::{Database, Environment, EnvironmentKind, Estate};
use envroi::model::inputs::{all_inputs, get, set};
use envroi::model::scenario::{Nature, TdmRefresh, TemAvailability};
use envroi::model::{Scenario, View, compute, validate};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn refresh(q: u32, h: &str, c: &str, r: &str) -> TdmRefresh {
    TdmRefresh {
        refreshes_per_year: q,
        hours_per_refresh: d(h),
        cost_per_hour: d(c),
        reduction: d(r),
        growth: Decimal::ZERO,
        risk: Decimal::ZERO,
        recapture: None,
    }
}

/// The estate worked by hand below.
fn worked() -> Scenario {
    let mut s = baseline();
    for (path, value) in [
        ("benefits.tem_infrastructure.reduction", "0.2"),
        ("benefits.tem_infrastructure.growth", "0"),
        ("benefits.tem_licences.reduction", "0.25"),
        ("benefits.tdm_infrastructure.reduction", "0.5"),
    ] {
        assert!(set(&mut s, path, d(value)), "{path}");
    }
    s.benefits.tdm_refresh = Some(refresh(0, "0", "100", "0.5"));
    s.estate = Some(Estate {
        environments: vec![
            env(
                "SIT",
                EnvironmentKind::Sit,
                2,
                ["3", "10000", "4", "500", "168", "84"],
            ),
            env(
                "Dev",
                EnvironmentKind::Dev,
                5,
                ["1", "6000", "2", "1000", "60", "60"],
            ),
        ],
        databases: vec![
            db("Core", "10", (8, 2), "1000", (10, 52), ("40", "1")),
            db("Cards", "2", (4, 4), "500", (12, 12), ("10", "10")),
        ],
    });
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    s
}

#[test]
fn a_hand_worked_estate_derives_each_category() {
    let s = worked();
    // TEM infrastructure, r = 0.2: n x S x Cs x (w - 0.8 w') / w
    //   SIT: 2 x 3 x 10,000 x (168 - 67.2) / 168 = 60,000 x 0.6 = 36,000
    //   Dev: 5 x 1 x 6,000 x (60 - 48) / 60     = 30,000 x 0.2 =  6,000
    assert_eq!(Category::TemInfrastructure.saving(&s), d("42000"));
    // TEM licences, r = 0.25: SIT 2 x 4 x 500 x 0.25 = 1,000; Dev 5 x 2 x 1,000 x 0.25 = 2,500.
    assert_eq!(Category::TemLicences.saving(&s), d("3500"));
    // TDM storage, r = 0.5: D x Ct x (K - K' x 0.5)
    //   Core: 10 x 1,000 x (8 - 1) = 70,000; Cards: 2 x 500 x (4 - 2) = 2,000
    assert_eq!(Category::TdmInfrastructure.saving(&s), d("72000"));
    // TDM refresh, r = 0.5, C = 100: R h - R' h' x 0.5
    //   Core: 400 - 26 = 374; Cards: 120 - 60 = 60; 434 hours x 100
    assert_eq!(Category::TdmRefresh.saving(&s), d("43400"));
    // Month 12 is after the TEM ramp (go-live 2, pilot 3, rollout 6) in
    // escalation year 0: the unadjusted cell is A / 12.
    let r = compute(&s);
    let cell = |key: &str, t: usize| {
        r.unadjusted
            .table
            .benefit_rows
            .iter()
            .find(|row| &*row.key == key)
            .unwrap()
            .cells[t]
    };
    assert_eq!(cell("tem_infrastructure", 12), d("3500.00"));
    assert_eq!(
        cell("tdm_refresh", 24),
        d("3616.67"),
        "43,400 / 12 = 3,616.666..."
    );
    // The aggregate drivers the estate replaces are not analysed; the
    // estate's numbers are.
    let paths: Vec<String> = envroi::model::inputs::numeric_inputs(&s)
        .into_iter()
        .map(|i| i.path)
        .collect();
    assert!(!paths.contains(&"benefits.tem_infrastructure.environments".to_owned()));
    assert!(paths.contains(&"benefits.tem_infrastructure.reduction".to_owned()));
    assert!(paths.contains(&"estate.environments.SIT.hours_per_week_after".to_owned()));
    assert_eq!(get(&s, "estate.databases.Core.copies_after"), Some(d("2")));
}

#[test]
fn the_split_counts_cash_lines_and_recaptured_capacity() {
    let mut s = worked();
    assert!(!declares_capacity(&s));
    let before = compute(&s);
    let tester = Category::TdmTesterProductivity;
    let a = tester.saving(&s);
    assert!(set(
        &mut s,
        "benefits.tdm_tester_productivity.recapture",
        d("0.5")
    ));
    assert!(declares_capacity(&s));
    let after = compute(&s);
    let row = |r: &envroi::model::Results| {
        r.unadjusted
            .table
            .benefit_rows
            .iter()
            .find(|row| &*row.key == tester.key())
            .unwrap()
            .total
    };
    assert!(row(&after) < row(&before));
    for view in View::ALL {
        let table = &after.view(view).table;
        let rows = cash_rows(table);
        for t in 0..table.benefits.len() {
            assert_eq!(
                rows.cash_benefits[t] + rows.capacity_benefits[t],
                table.benefits[t]
            );
            let cash: Decimal = table
                .benefit_rows
                .iter()
                .filter(|r| r.nature == Nature::Cash)
                .map(|r| r.cells[t])
                .sum();
            assert_eq!(rows.cash_benefits[t], cash);
            assert_eq!(rows.cash_net[t], cash - table.costs[t]);
        }
        let v = after.view(view);
        assert_eq!(
            v.cash.cash_npv,
            v.cash.cash_pv_benefits - v.figures.pv_costs
        );
        assert!(v.cash.cash_npv < v.figures.npv);
    }
    // The freed half is hours, not money: A x 0.5 / C.
    let freed = freed_capacity(&s);
    let line = freed.iter().find(|f| f.label == tester.label()).unwrap();
    let cost = get(&s, "benefits.tdm_tester_productivity.cost_per_hour").unwrap();
    assert_eq!(line.hours, Some(a * d("0.5") / cost));
}

#[test]
fn exports_show_the_split_only_for_a_file_that_declares_capacity() {
    let plain = worked();
    let csv = monthly_csv(&compute(&plain), View::Adjusted);
    assert!(!csv.lines().next().unwrap().contains("cash_benefits"));
    assert!(!summary_csv(&compute(&plain)).contains("cash_npv"));
    let mut declared = plain;
    declared.benefits.tem_headcount.recapture = Some(d("0.4"));
    let r = compute(&declared);
    let csv = monthly_csv(&r, View::Adjusted);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",cumulative,cash_benefits,capacity_benefits,cash_net,cash_cumulative")
    );
    let summary = summary_csv(&r);
    let rows: Vec<&str> = summary
        .lines()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        rows[rows.len() - 5..],
        [
            "cash_benefits",
            "capacity_benefits",
            "cash_pv_benefits",
            "cash_npv",
            "cash_payback_months"
        ]
    );
    let npv_line = summary
        .lines()
        .find(|l| l.starts_with("cash_npv,"))
        .unwrap();
    assert!(npv_line.ends_with(&format!("{:.2}", r.adjusted.cash.cash_npv.round_dp(2))));
}

#[test]
fn every_new_field_round_trips_through_a_file() {
    let mut s = worked();
    s.benefits.tem_availability = Some(TemAvailability {
        hours_per_month: d("6.5"),
        people_blocked: 25,
        cost_per_hour: d("75"),
        reduction: d("0.5"),
        growth: d("0.03"),
        risk: d("0.2"),
        recapture: Some(d("0.5")),
    });
    Edit::Estate(EstateEdit::Nature(0, Some(Nature::Capacity)))
        .apply(&mut s)
        .ok();
    if let Some(line) = s.benefits.custom.first_mut() {
        line.recapture = Some(d("0.25"));
    }
    let text = to_ron_string(&s).unwrap();
    assert!(text.contains("recapture: 0.5"), "{text}");
    assert!(text.contains("estate: Estate("), "{text}");
    let again = load_str(&text, "saved.ron").unwrap();
    assert_eq!(again, s);
    // A file without any of it saves without any of it.
    let plain = to_ron_string(&baseline()).unwrap();
    for word in [
        "estate: Estate(",
        "recapture:",
        "nature:",
        "tem_availability:",
        "tdm_refresh:",
    ] {
        assert!(!plain.contains(word), "{word}");
    }
}

fn bad(replace: (&str, &str)) -> String {
    let text = to_ron_string(&worked()).unwrap();
    assert!(text.contains(replace.0), "{}", replace.0);
    let text = text.replacen(replace.0, replace.1, 1);
    load_str(&text, "estate.ron").unwrap_err().to_string()
}

#[test]
fn bad_rows_are_refused_with_their_field_place_and_range() {
    let cases = [
        (
            ("name: \"Dev\"", "name: \"\""),
            "estate.environments[1].name",
        ),
        (
            ("name: \"Dev\"", "name: \"SIT\""),
            "already the name of estate.environments[0]",
        ),
        (
            ("hours_per_week: 168", "hours_per_week: 169"),
            "estate.environments[0].hours_per_week",
        ),
        (
            ("hours_per_week: 60", "hours_per_week: 0"),
            "must be more than 0",
        ),
        (
            ("hours_per_refresh: 40", "hours_per_refresh: -1"),
            "estate.databases[0].hours_per_refresh",
        ),
        (("copies: 8", "copies: 5000"), "estate.databases[0].copies"),
        (("kind: Sit", "kind: Qa"), "Qa"),
    ];
    for ((from, to), expected) in cases {
        let message = bad((from, to));
        assert!(message.contains(expected), "{from} -> {to}: {message}");
        assert!(message.contains("estate.ron"), "{message}");
    }
    // The place: line and column of the value.
    let message = bad(("copies: 8", "copies: 5000"));
    assert!(message.contains("estate.ron:"), "{message}");
    assert!(
        message.contains("0 to 1,000") || message.contains("1000"),
        "{message}"
    );
}

#[test]
fn a_recapture_share_on_a_cash_custom_line_is_refused() {
    let mut s = worked();
    s.benefits.custom[0].recapture = Some(d("0.5"));
    let problems = validate(&s);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "benefits.custom[0].recapture"
                && p.message.contains("nature: Capacity")),
        "{problems:?}"
    );
}

#[test]
fn renaming_and_removing_rows_carries_their_records_and_ranges() {
    let mut s = worked();
    let path = "estate.environments.SIT.hours_per_week_after";
    s.assumptions.0.insert(
        path.into(),
        envroi::model::Assumption {
            evidence: envroi::model::Evidence::Measured,
            confidence: envroi::model::Confidence::High,
            source: "scheduler logs".into(),
            published: None,
            url: None,
            owner: None,
            reviewed: None,
            note: String::new(),
        },
    );
    s.uncertainty.push(envroi::model::Range {
        input: path.into(),
        low: d("60"),
        high: d("100"),
    });
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    Edit::Estate(EstateEdit::Rename(
        EstateList::Environments,
        0,
        "SIT A".into(),
    ))
    .apply(&mut s)
    .unwrap();
    let moved = "estate.environments.SIT A.hours_per_week_after";
    assert!(s.assumptions.get(moved).is_some());
    assert_eq!(s.uncertainty.last().unwrap().input, moved);
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    Edit::Estate(EstateEdit::Duplicate(EstateList::Environments, 0))
        .apply(&mut s)
        .unwrap();
    assert_eq!(
        s.estate.as_ref().unwrap().environments[1].name,
        "SIT A copy"
    );
    Edit::Estate(EstateEdit::Remove(EstateList::Environments, 0))
        .apply(&mut s)
        .unwrap();
    assert!(s.assumptions.get(moved).is_none());
    assert!(s.uncertainty.iter().all(|r| r.input != moved));
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    assert!(
        all_inputs(&s)
            .iter()
            .any(|i| i.path.starts_with("estate.environments.SIT A copy."))
    );
}

#[test]
fn the_first_row_holds_the_aggregate_inputs_so_the_figures_stay() {
    let mut s = baseline();
    let before = compute(&s);
    for edit in [
        EstateEdit::Inventory(true),
        EstateEdit::Add(EstateList::Environments),
        EstateEdit::Add(EstateList::Databases),
    ] {
        Edit::Estate(edit).apply(&mut s).unwrap();
    }
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    assert!(Category::TemInfrastructure.is_derived(&s));
    let after = compute(&s);
    assert_eq!(before.unadjusted.table, after.unadjusted.table);
    assert_eq!(before.adjusted.table, after.adjusted.table);
    assert_eq!(before.adjusted.figures, after.adjusted.figures);
}

prop_compose! {
    fn money()(cents in 0i64..500_000_000) -> Decimal { Decimal::new(cents, 2) }
}
prop_compose! {
    fn fraction()(x in 0i64..=100) -> Decimal { Decimal::new(x, 2) }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// MODEL.md 11.3: with the "after" columns equal to today's, an
    /// inventory of identical rows whose totals are the aggregate inputs
    /// gives the same cells, both views.
    #[test]
    fn an_inventory_equal_to_the_aggregate_inputs_gives_the_same_cells(
        rows in 1u32..5, per_row in 1u32..20,
        servers in 0i64..2000, server_cost in money(),
        licences in 0u32..40, licence_cost in money(),
        hours in 1i64..=168,
        tb in 0i64..50_000, copies in 0u32..12, tb_cost in money(),
        refreshes in 0u32..60, refresh_hours in 0i64..2000, hour_cost in money(),
        reductions in (fraction(), fraction(), fraction(), fraction()),
    ) {
        let mut s = baseline();
        // Random reductions may leave the shipped ranges.
        s.uncertainty.clear();
        let servers = Decimal::new(servers, 1);
        let tb = Decimal::new(tb, 2);
        let refresh_hours = Decimal::new(refresh_hours, 1);
        let b = &mut s.benefits;
        b.tem_infrastructure.environments = rows * per_row;
        b.tem_infrastructure.servers_per_environment = servers;
        b.tem_infrastructure.cost_per_server_year = server_cost;
        b.tem_infrastructure.reduction = reductions.0;
        b.tem_licences.licences = rows * per_row * licences;
        b.tem_licences.cost_per_licence_year = licence_cost;
        b.tem_licences.reduction = reductions.1;
        b.tdm_infrastructure.production_data_tb = tb * Decimal::from(rows);
        b.tdm_infrastructure.non_production_copies = copies;
        b.tdm_infrastructure.cost_per_tb_year = tb_cost;
        b.tdm_infrastructure.reduction = reductions.2;
        b.tdm_refresh = Some(refresh(refreshes * rows, "0", "0", "0"));
        if let Some(r) = b.tdm_refresh.as_mut() {
            r.hours_per_refresh = refresh_hours;
            r.cost_per_hour = hour_cost;
            r.reduction = reductions.3;
        }
        let aggregate = compute(&s);
        let hours = Decimal::from(hours);
        let estate = Estate {
            environments: (0..rows).map(|i| Environment {
                name: format!("Env {i}"),
                kind: EnvironmentKind::ALL[i as usize % 7],
                count: per_row,
                servers,
                cost_per_server_year: server_cost,
                licences: Decimal::from(licences),
                cost_per_licence_year: licence_cost,
                hours_per_week: hours,
                hours_per_week_after: hours,
            }).collect(),
            databases: (0..rows).map(|i| Database {
                name: format!("Db {i}"),
                production_tb: tb,
                copies,
                cost_per_tb_year: tb_cost,
                refreshes_per_year: refreshes,
                hours_per_refresh: refresh_hours,
                copies_after: copies,
                refreshes_per_year_after: refreshes,
                hours_per_refresh_after: refresh_hours,
            }).collect(),
        };
        s.estate = Some(estate);
        prop_assert!(validate(&s).is_empty(), "{:?}", validate(&s));
        let derived = compute(&s);
        prop_assert_eq!(&aggregate.unadjusted.table, &derived.unadjusted.table);
        prop_assert_eq!(&aggregate.adjusted.table, &derived.adjusted.table);
    }
}

/// The formula text of the Benefits tab and the HTML case says where a
/// derived saving comes from, and what a recapture share counts.
#[test]
fn formulas_say_a_saving_comes_from_the_estate() {
    let mut s = worked();
    s.benefits.tem_headcount.recapture = Some(d("0.5"));
    let formulas = envroi::format::formulas(&s);
    let of = |label: &str| {
        formulas
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    };
    let infra = of("TEM infrastructure");
    assert!(
        infra.starts_with("from the estate: sum over 2 environment rows"),
        "{infra}"
    );
    assert!(infra.ends_with("= USD 42,000 a year"), "{infra}");
    let refresh = of("TDM data refresh effort");
    assert!(refresh.contains("sum over 2 database rows"), "{refresh}");
    assert!(refresh.contains("USD 43,400 a year"), "{refresh}");
    let headcount = of("TEM headcount");
    let b = &s.benefits.tem_headcount;
    let a = b.fte * b.cost_per_fte_year * b.reduction;
    assert!(
        headcount.ends_with(&format!(
            "50 % recaptured: USD {} a year counted",
            envroi::model::decimal::grouped((a / d("2")).round_dp(2), 0)
        )),
        "{headcount}"
    );
}

/// The new categories' inputs and the estate's numbers take part in the
/// tornado, break-even and Monte Carlo like every other input; the drivers
/// the estate replaces do not.
#[test]
fn the_new_inputs_take_part_in_every_analysis() {
    use envroi::model::analysis::{Target, break_even, run_monte_carlo, sensitivity};
    use envroi::model::inputs::numeric_inputs;
    use envroi::model::scenario::Range;
    let mut s = worked();
    s.benefits.tem_availability = Some(TemAvailability {
        hours_per_month: d("6.5"),
        people_blocked: 25,
        cost_per_hour: d("75"),
        reduction: d("0.5"),
        growth: d("0.03"),
        risk: d("0.2"),
        recapture: Some(d("0.5")),
    });
    let paths: Vec<String> = numeric_inputs(&s).into_iter().map(|i| i.path).collect();
    for path in [
        "benefits.tem_availability.hours_per_month",
        "benefits.tem_availability.recapture",
        "benefits.tdm_refresh.cost_per_hour",
        "estate.environments.SIT.hours_per_week_after",
        "estate.databases.Core.copies_after",
    ] {
        assert!(paths.iter().any(|p| p == path), "{path} is not analysed");
    }
    for replaced in [
        "benefits.tem_infrastructure.environments",
        "benefits.tdm_infrastructure.non_production_copies",
        "benefits.tdm_refresh.refreshes_per_year",
    ] {
        assert!(
            !paths.iter().any(|p| p == replaced),
            "{replaced} is analysed"
        );
    }
    s.uncertainty = vec![
        Range {
            input: "benefits.tem_availability.hours_per_month".into(),
            low: d("3"),
            high: d("10"),
        },
        Range {
            input: "estate.environments.SIT.hours_per_week_after".into(),
            low: d("40"),
            high: d("168"),
        },
    ];
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let tornado = sensitivity(&s).unwrap();
    for row in &tornado.rows {
        assert!(row.swing > Decimal::ZERO, "{} has no swing", row.input);
    }
    // Fewer hours after TEM save more: the low end of the range gives the
    // higher NPV.
    let sit = tornado
        .rows
        .iter()
        .find(|r| r.input == "estate.environments.SIT.hours_per_week_after")
        .unwrap();
    assert!(sit.npv_low > sit.npv_high);
    // Break-even of an estate number.
    // More copies kept after TDM than today make the storage term negative:
    // enough of them sink the case.
    let path = "estate.databases.Core.copies_after";
    let be = break_even(&s, path, Target::NpvZero).unwrap();
    let value = be.value.expect("a break-even within 0..=1,000 copies");
    let npv_at = |v: Decimal| {
        let mut at = s.clone();
        assert!(set(&mut at, path, v));
        compute(&at).adjusted.figures.npv
    };
    // The break-even is the last grid point where the target still holds.
    let (npv, after) = (npv_at(value), npv_at(value + be.resolution));
    assert!(
        npv >= Decimal::ZERO && after < Decimal::ZERO,
        "NPV {npv} at {value}, {after} one copy more"
    );
    let mc = run_monte_carlo(&s, 500, 7, &mut |_, _| std::ops::ControlFlow::Continue(()))
        .unwrap()
        .unwrap();
    assert_eq!(mc.uncertain_inputs, 2);
    assert!(mc.npv.p10 < mc.npv.p90);
}
