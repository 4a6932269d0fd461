//! Switching values (issue 16, MODEL.md 10.2): for every input at once, the
//! value at which the case stops meeting its target (risk-adjusted NPV at
//! least 0, payback within N months or ROI at least X), everything else at
//! base; its change from the base as a percentage, and whether it lies in
//! the input's uncertainty range (critical).
//!
//! Each input is searched with break-even's grid search
//! ([`breakeven::search_grid`]). The inputs are independent, so a
//! [`SwitchingPlan`] hands them out one by one: a caller may run them on
//! several threads and stop between inputs (the model itself starts no
//! thread), then [`SwitchingPlan::finish`] sorts the rows.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::breakeven::{self, Crossing, grid_index, resolution, search_bounds};
use super::sensitivity::drivers;
use super::{AnalysisError, ensure_valid, fast};
use crate::model::decimal::round_dp;
use crate::model::figures::{self, Discounter};
use crate::model::inputs::{self, InputSpec, Unit};
use crate::model::scenario::Scenario;

/// What a switching value switches: the target on the risk-adjusted view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Goal {
    /// NPV at least 0.
    Npv,
    /// Payback within this many months.
    Payback(u32),
    /// ROI at least this fraction.
    Roi(Decimal),
}

impl Goal {
    /// Reads `npv`, `payback=N` or `roi=X` (X a decimal, e.g. `0.15`).
    ///
    /// # Errors
    /// A message saying what is allowed.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bad = || {
            format!(
                "`{text}` is not a target; write npv, payback=N (whole months) or roi=X (a decimal from -1 to 100, e.g. roi=0.15)"
            )
        };
        if text == "npv" {
            return Ok(Self::Npv);
        }
        if let Some(n) = text.strip_prefix("payback=") {
            return n.trim().parse().map(Self::Payback).map_err(|_| bad());
        }
        if let Some(x) = text.strip_prefix("roi=") {
            let x: Decimal = x.trim().parse().map_err(|_| bad())?;
            if x < Decimal::NEGATIVE_ONE || x > Decimal::ONE_HUNDRED {
                return Err(bad());
            }
            return Ok(Self::Roi(x));
        }
        Err(bad())
    }

    /// The target for people: "NPV = 0", "payback in 18 months", "ROI = 0.15".
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Npv => "NPV = 0".to_owned(),
            Self::Payback(n) => format!("payback in {n} months"),
            Self::Roi(x) => format!("ROI = {}", x.normalize()),
        }
    }

    fn is_met(&self, f: &Figures) -> bool {
        match self {
            Self::Npv => f.npv >= Decimal::ZERO,
            Self::Payback(n) => f.payback.is_some_and(|p| p <= Decimal::from(*n)),
            // No costs and a positive NPV: an unbounded return meets any
            // hurdle (MODEL.md 10.2).
            Self::Roi(x) => f.roi.map_or(f.npv > Decimal::ZERO, |r| r >= *x),
        }
    }

    /// Why there is no switching value: "NPV stays positive across 0..1".
    #[must_use]
    pub fn reason(&self, met_everywhere: bool, min: Decimal, max: Decimal) -> String {
        let what = match (self, met_everywhere) {
            (Self::Npv, true) => "NPV stays positive".to_owned(),
            (Self::Npv, false) => "NPV stays negative".to_owned(),
            (Self::Payback(n), true) => format!("payback stays within {n} months"),
            (Self::Payback(n), false) => format!("payback never within {n} months"),
            (Self::Roi(x), true) => format!("ROI stays at or above {}", x.normalize()),
            (Self::Roi(x), false) => format!("ROI stays below {}", x.normalize()),
        };
        format!("{what} across {}..{}", min.normalize(), max.normalize())
    }
}

/// The risk-adjusted figures a goal needs.
struct Figures {
    npv: Decimal,
    payback: Option<Decimal>,
    roi: Option<Decimal>,
}

/// Computes [`Figures`] of variants of one scenario, reusing the discount
/// factors while the rate, convention and horizon are unchanged (as
/// [`super::Evaluator`] does).
#[derive(Default)]
struct Meter {
    discounter: Option<((Decimal, bool, u32), Discounter)>,
}

impl Meter {
    fn figures(&mut self, s: &Scenario) -> Figures {
        let flows = fast::adjusted_flows(s);
        let key = (
            s.discount_rate,
            s.discounting == crate::model::scenario::Discounting::Annual,
            s.horizon_months,
        );
        let discounter = match self.discounter.take() {
            Some((k, d)) if k == key => d,
            _ => Discounter::new(s),
        };
        let pv_costs = discounter.present_value(&flows.costs);
        let npv = discounter.present_value(&flows.benefits) - pv_costs;
        self.discounter = Some((key, discounter));
        Figures {
            npv,
            payback: figures::payback_months(&flows.net, &flows.cumulative),
            roi: if pv_costs.is_zero() {
                None
            } else {
                npv.checked_div(pv_costs)
            },
        }
    }
}

/// One input's switching value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchingRow {
    /// Dotted input path.
    pub input: String,
    /// Human label of the input.
    pub label: String,
    /// Whether the input is a month (searched on whole months).
    pub timing: bool,
    /// How the input is shown and typed.
    pub unit: Unit,
    /// The input's value in the scenario.
    pub base: Decimal,
    /// The switching value, with the resolution's decimal places; `None`
    /// when the outcome does not change across the allowed range.
    pub value: Option<Decimal>,
    /// `(value - base) / base x 100`, rounded to 2 places; `None` without a
    /// value or with a base of 0.
    pub change_pct: Option<Decimal>,
    /// The input's range in the tornado, when it has a bar.
    pub range: Option<(Decimal, Decimal)>,
    /// Whether the value lies in the range (critical); `None` without a
    /// range, `Some(false)` without a value.
    pub in_range: Option<bool>,
    /// Why there is no value ("NPV stays positive across 0..1").
    pub reason: Option<String>,
    /// The exact relative change, for sorting.
    relative: Option<Decimal>,
}

/// Every input's switching value, sorted (MODEL.md 10.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switching {
    /// The target.
    pub goal: Goal,
    /// Whether the base case meets it.
    pub base_met: bool,
    /// Risk-adjusted NPV of the base case, unrounded.
    pub base_npv: Decimal,
    /// `true` when the ranges are the assumed +/-20 % ones.
    pub assumed_ranges: bool,
    /// The rows, smallest change first.
    pub rows: Vec<SwitchingRow>,
}

impl Switching {
    /// The critical rows: switching values inside their range.
    pub fn critical(&self) -> impl Iterator<Item = &SwitchingRow> {
        self.rows.iter().filter(|r| r.in_range == Some(true))
    }
}

/// The inputs a switching analysis addresses: every input of the catalogue
/// but the horizon and the drivers the estate replaces, in catalogue order.
#[must_use]
pub fn switching_inputs(s: &Scenario) -> Vec<InputSpec> {
    let analysed: Vec<InputSpec> = inputs::numeric_inputs(s);
    inputs::all_inputs(s)
        .into_iter()
        .filter(|spec| {
            spec.path != "horizon_months"
                && (!spec.path.starts_with("benefits.")
                    || analysed.iter().any(|a| a.path == spec.path))
        })
        .collect()
}

/// A switching analysis ready to run input by input.
#[derive(Debug, Clone)]
pub struct SwitchingPlan {
    scenario: Scenario,
    goal: Goal,
    specs: Vec<InputSpec>,
    ranges: Vec<(String, Decimal, Decimal)>,
    assumed_ranges: bool,
}

impl SwitchingPlan {
    /// Checks the scenario and the goal.
    ///
    /// # Errors
    /// [`AnalysisError::Invalid`] for an invalid scenario,
    /// [`AnalysisError::BadArgument`] for a payback target past the horizon.
    pub fn new(s: &Scenario, goal: Goal) -> Result<Self, AnalysisError> {
        ensure_valid(s)?;
        if let Goal::Payback(n) = goal
            && n > s.horizon_months
        {
            return Err(AnalysisError::BadArgument(format!(
                "the payback target must be a whole number of months from 0 to the horizon ({}); got {n}",
                s.horizon_months
            )));
        }
        let (drivers, assumed_ranges) = drivers(s);
        Ok(Self {
            scenario: s.clone(),
            goal,
            specs: switching_inputs(s),
            ranges: drivers
                .into_iter()
                .map(|d| (d.input, d.low, d.high))
                .collect(),
            assumed_ranges,
        })
    }

    /// The scenario analysed.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// How many inputs there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.specs.len()
    }

    /// Whether there is no input (never, for a valid scenario).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }

    /// The switching value of input `i` (catalogue order). `work` is a
    /// scratch copy of the scenario, equal to it on entry and on return.
    #[must_use]
    pub fn row(&self, i: usize, work: &mut Scenario) -> SwitchingRow {
        let spec = &self.specs[i];
        let path = spec.path.as_str();
        let base = inputs::get(&self.scenario, path).unwrap_or_default();
        let step = resolution(spec);
        let (min, max) = search_bounds(&self.scenario, spec);
        let mut meter = Meter::default();
        let value_at =
            |k: i128| Decimal::try_from_i128_with_scale(k, 0).map_or(Decimal::ZERO, |k| k * step);
        let crossing = breakeven::search_grid(
            grid_index(min, step, true),
            grid_index(max, step, false),
            grid_index(base, step, false),
            |k| {
                inputs::set(work, path, value_at(k));
                self.goal.is_met(&meter.figures(work))
            },
        );
        restore(work, &self.scenario, path);
        let (value, reason) = match crossing {
            Crossing::At(k) => (Some(value_at(k)), None),
            Crossing::Never(met) => (None, Some(self.goal.reason(met, min, max))),
        };
        let relative = value
            .filter(|_| !base.is_zero())
            .and_then(|v| (v - base).checked_div(base));
        let change_pct = relative
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            .map(|p| round_dp(p, 2));
        let range = self
            .ranges
            .iter()
            .find(|(input, ..)| input == path)
            .map(|&(_, low, high)| (low, high));
        let in_range = range.map(|(low, high)| value.is_some_and(|v| low <= v && v <= high));
        SwitchingRow {
            input: spec.path.clone(),
            label: spec.label.clone(),
            timing: inputs::is_timing(spec),
            unit: spec.unit,
            base,
            value,
            change_pct,
            range,
            in_range,
            reason,
            relative,
        }
    }

    /// Sorts the rows of every input (in any order) into the answer.
    #[must_use]
    pub fn finish(&self, mut rows: Vec<SwitchingRow>) -> Switching {
        let order = |path: &str| self.specs.iter().position(|s| s.path == path);
        // Groups: a change, then a value on a base of 0, then no value.
        let group = |r: &SwitchingRow| match (r.value, r.relative) {
            (Some(_), Some(_)) => 0,
            (Some(_), None) => 1,
            (None, _) => 2,
        };
        rows.sort_by(|a, b| {
            group(a)
                .cmp(&group(b))
                .then_with(|| match (a.relative, b.relative) {
                    (Some(x), Some(y)) => x.abs().cmp(&y.abs()),
                    _ => Ordering::Equal,
                })
                .then_with(|| order(&a.input).cmp(&order(&b.input)))
        });
        let mut meter = Meter::default();
        let base = meter.figures(&self.scenario);
        Switching {
            goal: self.goal,
            base_met: self.goal.is_met(&base),
            base_npv: base.npv,
            assumed_ranges: self.assumed_ranges,
            rows,
        }
    }
}

/// Puts the input at `path` of `work` back as it is in `base` (a recurring
/// cost's open end month stays `None`).
fn restore(work: &mut Scenario, base: &Scenario, path: &str) {
    if path.starts_with("costs.") && path.ends_with(".end_month") {
        work.costs.clone_from(&base.costs);
    } else if let Some(v) = inputs::get(base, path) {
        inputs::set(work, path, v);
    }
}

/// The switching value of every input, one after the other, stopping when
/// `stop()` says so between inputs (`None` then).
///
/// # Errors
/// As [`SwitchingPlan::new`].
pub fn switching_with(
    s: &Scenario,
    goal: Goal,
    stop: &dyn Fn() -> bool,
) -> Result<Option<Switching>, AnalysisError> {
    let plan = SwitchingPlan::new(s, goal)?;
    let mut work = s.clone();
    let mut rows = Vec::with_capacity(plan.len());
    for i in 0..plan.len() {
        if stop() {
            return Ok(None);
        }
        rows.push(plan.row(i, &mut work));
    }
    Ok(Some(plan.finish(rows)))
}

/// The switching value of every input (MODEL.md 10.2), on one thread.
///
/// # Errors
/// As [`SwitchingPlan::new`].
pub fn switching(s: &Scenario, goal: Goal) -> Result<Switching, AnalysisError> {
    let plan = SwitchingPlan::new(s, goal)?;
    let mut work = s.clone();
    let rows = (0..plan.len()).map(|i| plan.row(i, &mut work)).collect();
    Ok(plan.finish(rows))
}
