//! CSV writers of the what-if analyses: the sensitivity table, the
//! break-even values and the Monte Carlo summary, with the conventions of
//! MODEL.md section 5 and the writer of the parent module.

use rust_decimal::Decimal;

use super::{finish, guard, money, plain, writer};
use crate::model::analysis::{BreakEven, MonteCarloResults, Percentiles, RegisterRow, Sensitivity};
use crate::model::decimal::fixed;

/// The columns of the sensitivity CSV.
pub const SENSITIVITY_COLUMNS: [&str; 6] = ["input", "low", "high", "npv_low", "npv_high", "swing"];
/// The columns of the break-even CSV.
pub const BREAKEVEN_COLUMNS: [&str; 3] = ["input", "target", "value"];
/// The metric rows of the Monte Carlo CSV, in order.
pub const MONTE_CARLO_METRICS: [&str; 15] = [
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
];

/// The sensitivity table: one row per input, largest swing first; input
/// values exact, NPVs to the cent.
#[must_use]
pub fn sensitivity_csv(result: &Sensitivity) -> String {
    let mut w = writer();
    let _ = w.write_record(SENSITIVITY_COLUMNS);
    for row in &result.rows {
        let _ = w.write_record([
            guard(&row.input),
            plain(row.low),
            plain(row.high),
            money(row.npv_low),
            money(row.npv_high),
            money(row.swing),
        ]);
    }
    finish(w)
}

/// The break-even table: one row per target; the value is empty when there
/// is no break-even in range.
#[must_use]
pub fn breakeven_csv(results: &[BreakEven]) -> String {
    let mut w = writer();
    let _ = w.write_record(BREAKEVEN_COLUMNS);
    for r in results {
        let _ = w.write_record([
            guard(&r.input),
            r.target.key(),
            r.value.map(|v| v.to_string()).unwrap_or_default(),
        ]);
    }
    finish(w)
}

/// One metric of a Monte Carlo run as written in CSV: money 2 places,
/// probabilities 6, payback 2; a payback percentile is empty when no trial
/// pays back.
#[must_use]
pub fn monte_carlo_cell(r: &MonteCarloResults, metric: &str) -> String {
    let pay = |pick: fn(&Percentiles) -> Decimal| {
        r.payback
            .as_ref()
            .map(|p| fixed(pick(p), 2))
            .unwrap_or_default()
    };
    match metric {
        "trials" => r.trials.to_string(),
        "seed" => r.seed.to_string(),
        "npv_mean" => money(r.npv_mean),
        "npv_p5" => money(r.npv.p5),
        "npv_p10" => money(r.npv.p10),
        "npv_p50" => money(r.npv.p50),
        "npv_p90" => money(r.npv.p90),
        "npv_p95" => money(r.npv.p95),
        "prob_npv_positive" => fixed(r.prob_npv_positive, 6),
        "payback_p5" => pay(|p| p.p5),
        "payback_p10" => pay(|p| p.p10),
        "payback_p50" => pay(|p| p.p50),
        "payback_p90" => pay(|p| p.p90),
        "payback_p95" => pay(|p| p.p95),
        "prob_payback_within_horizon" => fixed(r.prob_payback_within_horizon, 6),
        _ => String::new(),
    }
}

/// The Monte Carlo table: `metric,value`.
#[must_use]
pub fn monte_carlo_csv(r: &MonteCarloResults) -> String {
    monte_carlo_csv_with(r, Thresholds::default())
}

/// The columns of the fan chart CSV (MODEL.md 12.3).
pub const FAN_COLUMNS: [&str; 4] = ["month", "p10", "p50", "p90"];

/// The fan chart: one row per month `0..=H`, money to the cent.
#[must_use]
pub fn fan_csv(r: &MonteCarloResults) -> String {
    let mut w = writer();
    let _ = w.write_record(FAN_COLUMNS);
    for p in &r.fan {
        let _ = w.write_record([
            p.month.to_string(),
            money(p.p10),
            money(p.p50),
            money(p.p90),
        ]);
    }
    finish(w)
}

/// The optional threshold rows of the Monte Carlo CSV (MODEL.md 12.3),
/// written after the fixed rows only when their option is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Thresholds {
    /// `--hurdle X`: the row `prob_npv_at_least`.
    pub hurdle: Option<Decimal>,
    /// `--payback-within N`: the row `prob_payback_within`.
    pub payback_within: Option<u32>,
    /// `--roi-at-least X`: the row `prob_roi_at_least`.
    pub roi_at_least: Option<Decimal>,
}

/// The Monte Carlo table with the rows of the thresholds given, after the
/// fixed rows (without any it is [`monte_carlo_csv`] byte for byte).
#[must_use]
pub fn monte_carlo_csv_with(r: &MonteCarloResults, t: Thresholds) -> String {
    let mut w = writer();
    let _ = w.write_record(["metric", "value"]);
    for metric in MONTE_CARLO_METRICS {
        let _ = w.write_record([metric.to_owned(), monte_carlo_cell(r, metric)]);
    }
    if let Some(h) = t.hurdle {
        let _ = w.write_record([
            "prob_npv_at_least".to_owned(),
            fixed(r.prob_npv_at_least(h), 6),
        ]);
    }
    if let Some(n) = t.payback_within {
        let _ = w.write_record([
            "prob_payback_within".to_owned(),
            fixed(r.prob_payback_within(n), 6),
        ]);
    }
    if let Some(x) = t.roi_at_least {
        let _ = w.write_record([
            "prob_roi_at_least".to_owned(),
            fixed(r.prob_roi_at_least(x), 6),
        ]);
    }
    finish(w)
}

/// The header of the assumption register (issue 13).
pub const REGISTER_COLUMNS: [&str; 13] = [
    "input",
    "label",
    "value",
    "unit",
    "evidence",
    "confidence",
    "source",
    "published",
    "url",
    "owner",
    "reviewed",
    "note",
    "swing",
];

/// The assumption register: one row per input, largest swing first. An
/// input without a record has empty record cells; a missing optional field
/// or swing is an empty cell. Every text cell has the formula guard.
#[must_use]
pub fn register_csv(rows: &[RegisterRow]) -> String {
    let mut w = writer();
    let _ = w.write_record(REGISTER_COLUMNS);
    for row in rows {
        let r = row.record.as_ref();
        let text = |f: fn(&crate::model::Assumption) -> Option<&str>| {
            r.and_then(f).map(guard).unwrap_or_default()
        };
        let _ = w.write_record([
            guard(&row.input),
            guard(&row.label),
            plain(row.value),
            row.unit.key().to_owned(),
            r.map(|r| r.evidence.key().to_owned()).unwrap_or_default(),
            r.map(|r| r.confidence.key().to_owned()).unwrap_or_default(),
            text(|r| Some(r.source.as_str())),
            r.and_then(|r| r.published)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            text(|r| r.url.as_deref()),
            text(|r| r.owner.as_deref()),
            r.and_then(|r| r.reviewed)
                .map(|m| m.to_string())
                .unwrap_or_default(),
            text(|r| Some(r.note.as_str())),
            row.swing.map(money).unwrap_or_default(),
        ]);
    }
    finish(w)
}
