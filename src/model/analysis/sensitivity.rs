//! Sensitivity analysis (issue 5, point 1): the risk-adjusted NPV with one
//! input at the low and then the high end of its range, everything else at
//! base, sorted by swing for a tornado chart.
//!
//! The ranges are the scenario's uncertainty ranges (MODEL.md section 2).
//! A scenario with none gets an assumed range of -20 % to +20 % of the base
//! value on every numeric input of the catalogue ([`inputs::numeric_inputs`]),
//! clamped to the field's allowed range and rounded to a whole number for a
//! whole-number field; inputs whose assumed range is a single point (a base
//! of zero) are left out unless nothing else is left, so the tornado is
//! never empty.

use rust_decimal::Decimal;

use super::{AnalysisError, Driver, Evaluator, ensure_valid, file_drivers};
use crate::model::decimal::round_dp;
use crate::model::inputs;
use crate::model::scenario::Scenario;

/// The relative half-width of the assumed range: 20 %.
pub const DEFAULT_SPREAD: Decimal = Decimal::from_parts(2, 0, 0, false, 1);

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivityRow {
    /// Dotted input path.
    pub input: String,
    /// Human label of the input (the driver name on the chart).
    pub label: String,
    /// Low value of the input.
    pub low: Decimal,
    /// Base value of the input.
    pub base: Decimal,
    /// High value of the input.
    pub high: Decimal,
    /// Risk-adjusted NPV with the input at `low`.
    pub npv_low: Decimal,
    /// Risk-adjusted NPV with the input at `high`.
    pub npv_high: Decimal,
    /// `|npv_high - npv_low|`.
    pub swing: Decimal,
}

/// The tornado: rows sorted by swing, largest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sensitivity {
    /// Risk-adjusted NPV with every input at base.
    pub base_npv: Decimal,
    /// One row per range, largest swing first; equal swings keep the order
    /// of the ranges.
    pub rows: Vec<SensitivityRow>,
    /// `true` when the scenario has no ranges and the assumed +/-20 % ranges
    /// were used.
    pub assumed_ranges: bool,
}

/// The assumed +/-20 % ranges for a scenario without ranges (see the
/// module doc).
#[must_use]
pub fn default_drivers(s: &Scenario) -> Vec<Driver> {
    let all: Vec<Driver> = inputs::numeric_inputs(s)
        .into_iter()
        .filter_map(|spec| {
            let base = inputs::get(s, &spec.path)?;
            let fit = |v: Decimal| {
                let v = v.clamp(spec.bounds.min, spec.bounds.max);
                if spec.bounds.integer {
                    round_dp(v, 0)
                } else {
                    v
                }
            };
            let a = fit(base * (Decimal::ONE - DEFAULT_SPREAD));
            let b = fit(base * (Decimal::ONE + DEFAULT_SPREAD));
            Some(Driver {
                input: spec.path,
                label: spec.label,
                low: a.min(b),
                base,
                high: a.max(b),
            })
        })
        .collect();
    let spread: Vec<Driver> = all.iter().filter(|d| d.low != d.high).cloned().collect();
    if spread.is_empty() { all } else { spread }
}

/// The ranges a sensitivity run uses: the file's, or the assumed ones when
/// it has none. The flag is `true` for the assumed ones.
#[must_use]
pub fn drivers(s: &Scenario) -> (Vec<Driver>, bool) {
    if s.uncertainty.is_empty() {
        (default_drivers(s), true)
    } else {
        (file_drivers(s), false)
    }
}

/// Runs the sensitivity analysis of a scenario.
pub fn sensitivity(s: &Scenario) -> Result<Sensitivity, AnalysisError> {
    ensure_valid(s)?;
    let (drivers, assumed_ranges) = drivers(s);
    let mut evaluator = Evaluator::new();
    let base_npv = evaluator.outcome(s).npv;
    let mut work = s.clone();
    let mut rows = Vec::with_capacity(drivers.len());
    for d in drivers {
        let mut at = |value: Decimal| {
            inputs::set(&mut work, &d.input, value);
            evaluator.outcome(&work).npv
        };
        let npv_low = at(d.low);
        let npv_high = at(d.high);
        inputs::set(&mut work, &d.input, d.base);
        rows.push(SensitivityRow {
            swing: (npv_high - npv_low).abs(),
            input: d.input,
            label: d.label,
            low: d.low,
            base: d.base,
            high: d.high,
            npv_low,
            npv_high,
        });
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing));
    Ok(Sensitivity {
        base_npv,
        rows,
        assumed_ranges,
    })
}
