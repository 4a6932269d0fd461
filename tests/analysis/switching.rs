//! Switching values and cost of delay with known answers (issue 16,
//! MODEL.md 10): the linear case of this suite worked by hand, the three
//! targets, the sort order and its ties, the "critical" flag, timing inputs
//! on whole months, threads giving the same answer, and a cost-of-delay
//! case with synergy worked month by month.

use super::*;
use envroi::model::analysis::delay::{Slipping, slipped};
use envroi::model::analysis::{Goal, SwitchingPlan, SwitchingRow, cost_of_delay, switching};
use envroi::model::scenario::{CustomLine, ProgrammeRef};
use envroi::parallel_rows::run_switching;

fn row<'a>(rows: &'a [SwitchingRow], input: &str) -> &'a SwitchingRow {
    rows.iter().find(|r| r.input == input).unwrap()
}

/// LINEAR by hand: the benefit is `licences x 1200 x reduction x (1 - risk)`
/// a year in twelve equal cells of `round2(A / 12)`, the cost 60,000 at month
/// 0, no discounting, so `NPV = 12 x round2(A / 12) - cost x (1 + risk)`.
/// - licences L: `1200 L >= 60,000` at `L >= 50`: 50, change -50 %.
/// - cost per licence C: `round2(100 C / 12) >= 5,000` from C = 600.00
///   (599.99 gives 4,999.92 a month): 600.00, change -50 %.
/// - reduction: `round2(10,000 r) >= 5,000` from r = 0.500000 (0.499999
///   gives 4,999.99): 0.500000, change -50 %.
/// - risk: `round2(10,000 (1 - q)) >= 5,000` up to q = 0.500000: base 0, no
///   change.
/// - the cost's amount: up to 120,000.00, change +100 %.
/// - TEM go-live month s: `10,000 (12 - s) >= 60,000` up to s = 6.
/// - the discount rate: `120,000 / (1 + r) - 60,000 >= 0` for every r in
///   0..1; the cost's risk likewise up to 1; growth does nothing within a
///   year: no switching value.
#[test]
fn the_linear_case_has_its_hand_worked_switching_values() {
    let r = switching(&linear(), Goal::Npv).unwrap();
    assert!(r.base_met);
    assert_eq!(r.base_npv, d("60000"));
    let licences = row(&r.rows, "benefits.tem_licences.licences");
    assert_eq!(licences.value, Some(d("50")));
    assert_eq!(licences.change_pct, Some(d("-50.00")));
    assert_eq!(licences.range, Some((d("80"), d("120"))));
    assert_eq!(licences.in_range, Some(false));
    let price = row(&r.rows, "benefits.tem_licences.cost_per_licence_year");
    assert_eq!(price.value.map(|v| v.to_string()), Some("600.00".into()));
    assert_eq!(price.change_pct, Some(d("-50")));
    assert_eq!(price.in_range, None, "no range on it");
    let reduction = row(&r.rows, "benefits.tem_licences.reduction");
    assert_eq!(
        reduction.value.map(|v| v.to_string()),
        Some("0.500000".into())
    );
    let risk = row(&r.rows, "benefits.tem_licences.risk");
    assert_eq!(risk.value, Some(d("0.5")));
    assert_eq!(risk.change_pct, None, "base 0: no change");
    let amount = row(&r.rows, "costs.Implementation.amount");
    assert_eq!(
        amount.value.map(|v| v.to_string()),
        Some("120000.00".into())
    );
    assert_eq!(amount.change_pct, Some(d("100")));
    assert_eq!(amount.in_range, Some(false), "40,000..100,000");
    let go_live = row(&r.rows, "tem.go_live_month");
    assert!(go_live.timing);
    assert_eq!(go_live.value, Some(d("6")));
    for (input, reason) in [
        ("discount_rate", "NPV stays positive across 0..1"),
        (
            "costs.Implementation.risk",
            "NPV stays positive across 0..1",
        ),
        (
            "benefits.tem_licences.growth",
            "NPV stays positive across -0.5..1",
        ),
        (
            "costs.Implementation.month",
            "NPV stays positive across 0..12",
        ),
    ] {
        let none = row(&r.rows, input);
        assert_eq!(none.value, None, "{input}");
        assert_eq!(none.reason.as_deref(), Some(reason), "{input}");
    }
    assert!(
        r.rows.iter().all(|r| r.input != "horizon_months"),
        "the horizon is not searched"
    );
    // Sorted: the three -50 % rows in catalogue order, then +100 %, then
    // the values on a base of 0 in catalogue order, then the rest.
    let first: Vec<&str> = r.rows[..6].iter().map(|r| r.input.as_str()).collect();
    assert_eq!(
        first,
        [
            "benefits.tem_licences.licences",
            "benefits.tem_licences.cost_per_licence_year",
            "benefits.tem_licences.reduction",
            "costs.Implementation.amount",
            "tem.go_live_month",
            "benefits.tem_licences.risk",
        ]
    );
    assert!(r.rows[6..].iter().all(|r| r.value.is_none()));
    assert_eq!(r.rows[6].input, "discount_rate", "catalogue order");
}

/// A range that holds the switching value makes the input critical.
#[test]
fn a_switching_value_inside_its_range_is_critical() {
    let s = with_ranges(
        linear(),
        &[
            ("benefits.tem_licences.licences", "40", "120"),
            ("tem.go_live_month", "0", "8"),
        ],
    );
    let r = switching(&s, Goal::Npv).unwrap();
    let critical: Vec<&str> = r.critical().map(|r| r.input.as_str()).collect();
    assert_eq!(
        critical,
        ["benefits.tem_licences.licences", "tem.go_live_month"]
    );
    // The programme month's range gives it a bar in the tornado too:
    // 10,000 a month for 0 and 8 months of delay, NPV 60,000 and -20,000.
    let tornado = sensitivity(&s).unwrap();
    let bar = tornado
        .rows
        .iter()
        .find(|r| r.input == "tem.go_live_month")
        .unwrap();
    assert_eq!((bar.npv_low, bar.npv_high), (d("60000"), d("-20000")));
}

/// Payback and ROI targets by hand: payback is `60,000 / (100 L)` months,
/// within 9 months from L = 67 (600 / 66 = 9.09); ROI is
/// `(1,200 L - 60,000) / 60,000`, at least 0.5 from L = 75.
#[test]
fn payback_and_roi_targets_have_their_hand_worked_values() {
    let s = linear();
    let payback = switching(&s, Goal::Payback(9)).unwrap();
    assert_eq!(
        row(&payback.rows, "benefits.tem_licences.licences").value,
        Some(d("67"))
    );
    let roi = switching(&s, Goal::parse("roi=0.5").unwrap()).unwrap();
    assert_eq!(
        row(&roi.rows, "benefits.tem_licences.licences").value,
        Some(d("75"))
    );
    assert_eq!(
        row(&roi.rows, "costs.Implementation.amount").value,
        Some(d("80000.00")),
        "120,000 / 1.5; with no cost at all the return is unbounded and meets it"
    );
    assert!(Goal::parse("payback=x").is_err());
    assert!(Goal::parse("roi=101").is_err());
    assert!(matches!(
        SwitchingPlan::new(&s, Goal::Payback(13)),
        Err(AnalysisError::BadArgument(_))
    ));
}

/// A base case that fails: the switching value is where it starts to meet
/// the target, and an input that cannot rescue it says so.
#[test]
fn a_failing_case_switches_where_it_starts_to_pay() {
    let mut s = linear();
    inputs::set(&mut s, "costs.Implementation.amount", d("150000"));
    s.uncertainty[1].high = d("200000");
    let r = switching(&s, Goal::Npv).unwrap();
    assert!(!r.base_met);
    assert_eq!(
        row(&r.rows, "benefits.tem_licences.licences").value,
        Some(d("125")),
        "1,200 L >= 150,000"
    );
    assert_eq!(
        row(&r.rows, "benefits.tem_licences.reduction")
            .reason
            .as_deref(),
        Some("NPV stays negative across 0..1")
    );
}

/// The threaded runner gives the single-threaded answer for any number of
/// threads, and stops when cancelled.
#[test]
fn threads_do_not_change_the_answer_and_cancel_stops() {
    let s = baseline();
    let one = switching(&s, Goal::Npv).unwrap();
    let plan = SwitchingPlan::new(&s, Goal::Npv).unwrap();
    for threads in [1, 2, 5] {
        let run = run_switching(&plan, threads, &AtomicBool::new(false)).unwrap();
        assert_eq!(run, one, "{threads} threads");
    }
    assert!(run_switching(&plan, 2, &AtomicBool::new(true)).is_none());
}

/// The new optional categories, the estate and the recapture share are
/// searched (an estate row's hours a week from one step above 0); the
/// drivers the estate replaces are not.
#[test]
fn optional_categories_and_the_estate_take_part() {
    use envroi::model::estate::{Environment, EnvironmentKind, Estate};
    use envroi::model::scenario::{TdmRefresh, TemAvailability};
    let mut s = baseline();
    s.benefits.tem_availability = Some(TemAvailability {
        hours_per_month: d("20"),
        people_blocked: 10,
        cost_per_hour: d("80"),
        reduction: d("0.5"),
        growth: d("0"),
        risk: d("0.1"),
        recapture: Some(d("0.5")),
    });
    s.benefits.tdm_refresh = Some(TdmRefresh {
        refreshes_per_year: 12,
        hours_per_refresh: d("40"),
        cost_per_hour: d("90"),
        reduction: d("0.5"),
        growth: d("0"),
        risk: d("0"),
        recapture: None,
    });
    s.estate = Some(Estate {
        environments: vec![Environment {
            name: "SIT".into(),
            kind: EnvironmentKind::Sit,
            count: 2,
            servers: d("3"),
            cost_per_server_year: d("10000"),
            licences: d("4"),
            cost_per_licence_year: d("500"),
            hours_per_week: d("168"),
            hours_per_week_after: d("84"),
        }],
        databases: vec![],
    });
    assert!(envroi::model::validate(&s).is_empty());
    let r = switching(&s, Goal::Npv).unwrap();
    for input in [
        "benefits.tem_availability.hours_per_month",
        "benefits.tem_availability.recapture",
        "benefits.tdm_refresh.hours_per_refresh",
        "estate.environments.SIT.count",
        "estate.environments.SIT.hours_per_week",
        "tdm.go_live_month",
        "costs.Platform subscription.end_month",
    ] {
        assert!(r.rows.iter().any(|r| r.input == input), "{input}");
    }
    for replaced in [
        "benefits.tem_infrastructure.environments",
        "benefits.tem_licences.licences",
    ] {
        assert!(r.rows.iter().all(|r| r.input != replaced), "{replaced}");
    }
    let hours = row(&r.rows, "estate.environments.SIT.hours_per_week");
    assert!(
        hours
            .reason
            .as_deref()
            .is_none_or(|t| t.ends_with("0.0001..168")),
        "{hours:?}"
    );
}

/// The cost of delay by hand. LINEAR with TDM enabled at go-live 2, a TDM
/// line of 6,000 a year (500 a month from month 3) and a synergy uplift of
/// 0.1: synergy is 1,000 in months 1-2 and 1,050 in months 3-12, so the
/// NPV is 120,000 + 5,000 + 12,500 - 60,000 = 77,500.
/// - TEM one month later: TEM 110,000, synergy 0 + 1,000 + 10 x 1,050 =
///   11,500: NPV 66,500, loss 11,000.
/// - TDM one month later: TDM 4,500, synergy 3 x 1,000 + 9 x 1,050 =
///   12,450: NPV 76,950, loss 550.
/// - both one month later: TEM 110,000, TDM 4,500, synergy 0 + 2 x 1,000 +
///   9 x 1,050 = 11,450: NPV 65,950, loss 11,550.
/// - both three months later: TEM 90,000, TDM 3,500 (months 6-12), synergy
///   2 x 1,000 + 7 x 1,050 = 9,350: NPV 42,850, loss 34,650, 11,550 a month.
/// - TDM twelve months later is capped at the horizon: TDM 0, synergy 12 x
///   1,000: NPV 72,000, loss 5,500.
#[test]
fn the_cost_of_delay_has_its_hand_worked_values() {
    let mut s = linear();
    s.tdm.enabled = true;
    s.tdm.go_live_month = 2;
    s.synergy_uplift = d("0.1");
    s.benefits.custom.push(CustomLine {
        name: "Data".into(),
        programme: ProgrammeRef::Tdm,
        annual_amount: d("6000"),
        growth: d("0"),
        risk: d("0"),
        nature: None,
        recapture: None,
    });
    let c = cost_of_delay(&s).unwrap();
    assert_eq!(c.base_npv, d("77500"));
    assert_eq!(c.per_month(Slipping::Tem), Some(d("11000")));
    assert_eq!(c.per_month(Slipping::Tdm), Some(d("550")));
    assert_eq!(c.per_month(Slipping::Both), Some(d("11550")));
    let at = |who, k| {
        c.rows
            .iter()
            .find(|r| r.slipping == who && r.months == k)
            .unwrap()
    };
    let both3 = at(Slipping::Both, 3);
    assert_eq!(
        (both3.npv, both3.loss, both3.loss_per_month),
        (d("42850"), d("34650"), d("11550"))
    );
    assert_eq!(both3.describe(), "TEM and TDM go-live later by 3 months");
    assert_eq!(at(Slipping::Tdm, 12).loss, d("5500"));
    assert_eq!(slipped(&s, Slipping::Tdm, 12).tdm.go_live_month, 12);
    assert_eq!(c.rows.len(), 12, "three slipping, four slips each");
    // TEM alone (LINEAR as it is): 10,000 a month.
    let tem = cost_of_delay(&linear()).unwrap();
    assert_eq!(tem.rows.len(), 4);
    assert_eq!(
        tem.rows.iter().map(|r| r.loss).collect::<Vec<_>>(),
        [d("10000"), d("30000"), d("60000"), d("120000")]
    );
}
