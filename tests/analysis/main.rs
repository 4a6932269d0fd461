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

#[path = "../common/mod.rs"]
mod common;

mod app;
mod commands;
mod correlated;
mod monte_carlo;
mod switching;
mod tornado;

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
