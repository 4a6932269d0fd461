//! The estate fixture: the 120-month fixture with 40 environments and 20
//! databases (MODEL.md 11.3), shared by the engine benchmark and the
//! `profile_recompute` example.

use envroi::model::{Scenario, validate};
use rust_decimal::Decimal;

/// The 120-month fixture with an estate of 40 environments across the
/// seven kinds and 20 databases (MODEL.md 11.3), both optional categories
/// and recapture shares on the capacity lines, so the cash rows are built
/// too: the worst case for a keystroke.
pub fn with_estate(mut s: Scenario) -> Scenario {
    use envroi::model::estate::{Database, Environment, EnvironmentKind, Estate};
    use envroi::model::scenario::{TdmRefresh, TemAvailability};
    let d = |units: i64, scale: u32| Decimal::new(units, scale);
    let environments = (0..40u32)
        .map(|i| Environment {
            name: format!("Environment {i}"),
            kind: EnvironmentKind::ALL[i as usize % EnvironmentKind::ALL.len()],
            count: 1 + i % 4,
            servers: d(i64::from(2 + i % 7), 0),
            cost_per_server_year: d(i64::from(6000 + 250 * i), 0),
            licences: d(i64::from(i % 5), 0),
            cost_per_licence_year: d(1200, 0),
            hours_per_week: d(168, 0),
            hours_per_week_after: d(i64::from(40 + i % 100), 0),
        })
        .collect();
    let databases = (0..20u32)
        .map(|i| Database {
            name: format!("Database {i}"),
            production_tb: d(i64::from(5 + i * 3), 1),
            copies: 4 + i % 6,
            cost_per_tb_year: d(960, 0),
            refreshes_per_year: 10 + i,
            hours_per_refresh: d(40, 0),
            copies_after: 2,
            refreshes_per_year_after: 52,
            hours_per_refresh_after: d(15, 1),
        })
        .collect();
    s.estate = Some(Estate {
        environments,
        databases,
    });
    s.benefits.tem_availability = Some(TemAvailability {
        hours_per_month: d(65, 1),
        people_blocked: 25,
        cost_per_hour: d(75, 0),
        reduction: d(5, 1),
        growth: d(3, 2),
        risk: d(2, 1),
        recapture: Some(d(5, 1)),
    });
    s.benefits.tdm_refresh = Some(TdmRefresh {
        refreshes_per_year: 0,
        hours_per_refresh: Decimal::ZERO,
        cost_per_hour: d(85, 0),
        reduction: d(6, 1),
        growth: d(2, 2),
        risk: d(25, 2),
        recapture: Some(d(4, 1)),
    });
    s.benefits.tem_headcount.recapture = Some(d(5, 1));
    let problems = validate(&s);
    assert!(
        problems.is_empty(),
        "the estate fixture is invalid: {problems:?}"
    );
    s
}
