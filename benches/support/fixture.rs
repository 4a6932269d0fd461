//! Fixture scenarios for the engine benchmarks, built in code from the
//! shipped baseline so they follow the file format as it evolves: every one
//! of the nine categories, 10 custom lines (TEM, TDM and neutral), 20 cost
//! lines (one-off and recurring, some ending early), a synergy uplift so the
//! synergy row does real work, and 20 uncertainty ranges.

use envroi::model::{Cost, CustomLine, ProgrammeRef, Range, Scenario};
use rust_decimal::Decimal;

/// The number of custom benefit lines in a fixture.
pub const CUSTOM_LINES: usize = 10;
/// The number of cost lines in a fixture.
pub const COST_LINES: usize = 20;
/// The number of uncertainty ranges in a fixture.
pub const RANGES: usize = 20;

/// The shipped baseline scenario, as the app opens it.
pub fn baseline() -> Scenario {
    match envroi::io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the built-in scenario does not load: {e}"),
    }
}

/// A large scenario of `horizon` months: all nine categories, 10 custom
/// lines, 20 costs and 20 ranges. `variant` shifts a few amounts so that
/// several open scenarios are not identical.
pub fn large(horizon: u32, variant: u32) -> Scenario {
    let mut s = baseline();
    s.name = format!("Benchmark {horizon} months, variant {variant}");
    s.horizon_months = horizon;
    s.synergy_uplift = Decimal::new(5, 2);
    let shift = Decimal::from(variant) * Decimal::new(1250, 0);

    s.benefits.custom = (0..CUSTOM_LINES)
        .map(|i| CustomLine {
            name: format!("Custom saving {}", i + 1),
            programme: match i % 3 {
                0 => ProgrammeRef::Tem,
                1 => ProgrammeRef::Tdm,
                _ => ProgrammeRef::None,
            },
            annual_amount: Decimal::from(20_000 + 7_500 * i) + shift,
            growth: Decimal::new(i64::try_from(i % 4).unwrap_or(0), 2),
            risk: Decimal::new(5 * i64::try_from(i % 5).unwrap_or(0), 2),
            nature: None,
            recapture: None,
        })
        .collect();

    s.costs = (0..COST_LINES)
        .map(|i| {
            let n = i64::try_from(i).unwrap_or(0);
            let n32 = u32::try_from(i).unwrap_or(0);
            if i % 4 == 0 {
                Cost::OneOff {
                    name: format!("One-off cost {}", i + 1),
                    amount: Decimal::new(1_234_567 + 100_000 * n, 2) + shift,
                    month: (n32 * 5) % (horizon + 1),
                    risk: Decimal::new(n % 3 * 5, 2),
                }
            } else {
                Cost::Recurring {
                    name: format!("Recurring cost {}", i + 1),
                    annual_amount: Decimal::new(18_000 + 3_333 * n, 0),
                    start_month: 1 + (n32 * 3) % horizon,
                    end_month: if i % 3 == 0 {
                        Some(1 + (n32 * 3) % horizon + horizon / 2)
                    } else {
                        None
                    },
                    growth: Decimal::new(n % 6, 2),
                    risk: Decimal::new(n % 4 * 5, 2),
                }
            }
        })
        .collect();

    s.uncertainty = ranges(&s);
    assert_eq!(s.uncertainty.len(), RANGES);
    // The baseline's assumption records name its own custom lines and
    // costs, which the fixture replaces: keep only those still naming an
    // input.
    let paths: Vec<String> = envroi::model::inputs::all_inputs(&s)
        .into_iter()
        .map(|spec| spec.path)
        .collect();
    s.assumptions.0.retain(|path, _| paths.contains(path));
    let problems = envroi::model::validate(&s);
    assert!(problems.is_empty(), "fixture is invalid: {problems:?}");
    s
}

/// Twenty ranges: the baseline's own on its benefits, then more on
/// categories, custom lines and recurring costs.
fn ranges(s: &Scenario) -> Vec<Range> {
    let d = Decimal::new;
    // The baseline's ranges, less those on its costs, which the fixture
    // replaces.
    let mut out: Vec<Range> = s
        .uncertainty
        .iter()
        .filter(|r| !r.input.starts_with("costs."))
        .cloned()
        .collect();
    let fixed = [
        ("benefits.tem_licences.reduction", d(15, 2), d(35, 2)),
        (
            "benefits.tdm_support.cost_per_defect",
            d(8000, 0),
            d(15000, 0),
        ),
        ("benefits.tem_headcount.fte", d(6, 0), d(10, 0)),
        ("benefits.tdm_infrastructure.reduction", d(50, 2), d(80, 2)),
        (
            "benefits.tdm_developer_productivity.people",
            d(150, 0),
            d(260, 0),
        ),
        ("benefits.tem_services.cost_per_hour", d(80, 0), d(110, 0)),
        ("synergy_uplift", d(0, 0), d(10, 2)),
        ("benefits.tem_infrastructure.growth", d(0, 0), d(5, 2)),
    ];
    for (input, low, high) in fixed {
        out.push(Range {
            input: input.to_owned(),
            low,
            high,
        });
    }
    for line in s.benefits.custom.iter().take(3) {
        out.push(Range {
            input: format!("custom.{}.annual_amount", line.name),
            low: line.annual_amount * d(7, 1),
            high: line.annual_amount * d(13, 1),
        });
    }
    for cost in s
        .costs
        .iter()
        .filter(|c| matches!(c, Cost::Recurring { .. }))
    {
        if out.len() == RANGES {
            break;
        }
        if let Cost::Recurring {
            name,
            annual_amount,
            ..
        } = cost
        {
            out.push(Range {
                input: format!("costs.{name}.annual_amount"),
                low: *annual_amount * d(9, 1),
                high: *annual_amount * d(15, 1),
            });
        }
    }
    out
}
