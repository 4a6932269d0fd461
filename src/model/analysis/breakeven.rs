//! Break-even and goal seek (issue 5, point 2): the value of one numeric
//! input at which the risk-adjusted NPV is zero, or at which the
//! risk-adjusted payback meets a target month, everything else at base.
//!
//! The search is a bisection in `Decimal` over the field's allowed range,
//! on a grid of the field's resolution: one cent for money, 0.000001 for a
//! fraction, 0.0001 for a quantity, hours or terabytes, and 1 for a whole
//! number. Cells are rounded to the cent (MODEL.md 3.2), so the NPV is a
//! step function of most inputs and an exact zero may not exist; the answer
//! is therefore the grid value on the side where the target is met (NPV at
//! least zero, or payback within the target month) that is next to a grid
//! value where it is not. The range is first scanned at 33 evenly spaced
//! points and the base value; of the brackets where the outcome changes,
//! the one nearest the base value is refined. When the target is met
//! everywhere or nowhere in the scan there is no break-even in range.

use rust_decimal::Decimal;

use super::{AnalysisError, Evaluator, Outcome, ensure_valid};
use crate::model::inputs::{self, InputSpec, Unit};
use crate::model::scenario::Scenario;

/// Intervals of the first scan of the range.
const SCAN_INTERVALS: i128 = 32;

/// What the break-even value achieves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Risk-adjusted NPV of zero.
    NpvZero,
    /// Risk-adjusted payback within this many months.
    PaybackMonths(u32),
}

impl Target {
    /// The target as written in CSV: `npv=0` or `payback=N`.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            Self::NpvZero => "npv=0".to_owned(),
            Self::PaybackMonths(n) => format!("payback={n}"),
        }
    }

    /// The target for people, e.g. "NPV = 0" or "payback in 18 months".
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::NpvZero => "NPV = 0".to_owned(),
            Self::PaybackMonths(n) => format!("payback in {n} months"),
        }
    }

    /// Whether an outcome meets the target.
    #[must_use]
    pub fn is_met(&self, outcome: &Outcome) -> bool {
        match self {
            Self::NpvZero => outcome.npv >= Decimal::ZERO,
            Self::PaybackMonths(n) => outcome
                .payback_months
                .is_some_and(|p| p <= Decimal::from(*n)),
        }
    }
}

/// The answer of one break-even search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakEven {
    /// Dotted input path.
    pub input: String,
    /// Human label of the input.
    pub label: String,
    /// What was sought.
    pub target: Target,
    /// The input's value in the scenario.
    pub base: Decimal,
    /// The step of the grid searched (see the module doc).
    pub resolution: Decimal,
    /// The break-even value, written with the resolution's decimal places;
    /// `None` when there is no break-even in range.
    pub value: Option<Decimal>,
}

/// The step of the search grid for an input.
#[must_use]
pub fn resolution(spec: &InputSpec) -> Decimal {
    if spec.bounds.integer {
        return Decimal::ONE;
    }
    match spec.unit {
        Unit::Money => Decimal::new(1, 2),
        Unit::Fraction => Decimal::new(1, 6),
        Unit::Months | Unit::Count => Decimal::ONE,
        Unit::Quantity | Unit::Fte | Unit::Terabytes | Unit::Hours => Decimal::new(1, 4),
    }
}

/// The search over one input: the scenario with that input set to grid
/// point `k` (the value `k x step`) and the outcome there.
struct Search<'a> {
    work: Scenario,
    path: &'a str,
    step: Decimal,
    target: Target,
    evaluator: Evaluator,
}

impl Search<'_> {
    fn value(&self, k: i128) -> Decimal {
        Decimal::try_from_i128_with_scale(k, 0).map_or(Decimal::ZERO, |k| k * self.step)
    }

    fn is_met(&mut self, k: i128) -> bool {
        let value = self.value(k);
        inputs::set(&mut self.work, self.path, value);
        let outcome = self.evaluator.outcome(&self.work);
        self.target.is_met(&outcome)
    }
}

/// The grid index of `value` rounded to the grid (`floor` or `ceil`).
pub fn grid_index(value: Decimal, step: Decimal, up: bool) -> i128 {
    let q = value / step;
    let q = if up { q.ceil() } else { q.floor() };
    i128::try_from(q).unwrap_or(0)
}

/// The part of an input's allowed range a search may visit without making
/// the scenario invalid (MODEL.md 10.2): a recurring cost's `start_month`
/// up to its `end_month` and its `end_month` down to its `start_month`; an
/// estate row's `hours_per_week` from one step above 0.
#[must_use]
pub fn search_bounds(s: &Scenario, spec: &InputSpec) -> (Decimal, Decimal) {
    let (mut min, mut max) = (spec.bounds.min, spec.bounds.max);
    let path = spec.path.as_str();
    if path.starts_with("costs.") {
        if let Some(stem) = path.strip_suffix(".start_month")
            && let Some(end) = inputs::get(s, &format!("{stem}.end_month"))
        {
            max = max.min(end).max(min);
        }
        if let Some(stem) = path.strip_suffix(".end_month")
            && let Some(start) = inputs::get(s, &format!("{stem}.start_month"))
        {
            min = min.max(start).min(max);
        }
    } else if path.starts_with("estate.environments.") && path.ends_with(".hours_per_week") {
        min = min.max(resolution(spec));
    }
    (min, max)
}

/// How a grid search ended (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crossing {
    /// The grid index on the met side of the bracket nearest the base.
    At(i128),
    /// The outcome never changes in the scan; `true` when the target is
    /// met everywhere.
    Never(bool),
}

/// The scan and bisection of the module doc over grid indices `lo..=hi`,
/// `at_base` the base value's index; `is_met(k)` says whether the target
/// is met at index `k`.
pub fn search_grid(
    lo: i128,
    hi: i128,
    at_base: i128,
    mut is_met: impl FnMut(i128) -> bool,
) -> Crossing {
    let at_base = at_base.clamp(lo, hi);
    let mut points: Vec<i128> = (0..=SCAN_INTERVALS)
        .map(|i| lo + (hi - lo) * i / SCAN_INTERVALS)
        .chain(std::iter::once(at_base))
        .collect();
    points.sort_unstable();
    points.dedup();
    let met: Vec<bool> = points.iter().map(|&k| is_met(k)).collect();
    // Brackets where the outcome changes, nearest the base value first.
    let bracket = points
        .windows(2)
        .zip(met.windows(2))
        .filter(|(_, m)| m[0] != m[1])
        .map(|(k, m)| (k[0], m[0], k[1]))
        .min_by_key(|&(a, _, b)| {
            if at_base < a {
                a - at_base
            } else if at_base > b {
                at_base - b
            } else {
                0
            }
        });
    let Some((a, a_met, b)) = bracket else {
        return Crossing::Never(met.first().copied().unwrap_or(false));
    };
    // Invariant: the outcome at `met_end` meets the target and the outcome
    // at `unmet_end` does not.
    let (mut met_end, mut unmet_end) = if a_met { (a, b) } else { (b, a) };
    while (met_end - unmet_end).abs() > 1 {
        let mid = met_end + (unmet_end - met_end) / 2;
        if is_met(mid) {
            met_end = mid;
        } else {
            unmet_end = mid;
        }
    }
    Crossing::At(met_end)
}

/// Finds the value of input `path` at which `target` is just met (see the
/// module doc). Returns [`AnalysisError::UnknownInput`] for a path that
/// names nothing in the scenario, and [`AnalysisError::BadArgument`] for
/// the horizon. Timing inputs are searched on whole months (MODEL.md 10.1).
pub fn break_even(s: &Scenario, path: &str, target: Target) -> Result<BreakEven, AnalysisError> {
    ensure_valid(s)?;
    let unknown = || {
        let catalogue = inputs::all_inputs(s);
        AnalysisError::UnknownInput(path.to_owned(), inputs::unknown_message(&catalogue, path))
    };
    let spec = inputs::spec(s, path).ok_or_else(unknown)?;
    if spec.path == "horizon_months" {
        return Err(AnalysisError::BadArgument(format!(
            "`{path}` is the horizon; break-even solves for the other inputs, the months included"
        )));
    }
    let base = inputs::get(s, path).ok_or_else(unknown)?;
    if let Target::PaybackMonths(n) = target
        && n > s.horizon_months
    {
        return Err(AnalysisError::BadArgument(format!(
            "the payback target must be a whole number of months from 0 to the horizon ({}); got {n}",
            s.horizon_months
        )));
    }
    let step = resolution(&spec);
    let mut search = Search {
        work: s.clone(),
        path,
        step,
        target,
        evaluator: Evaluator::new(),
    };
    let (min, max) = search_bounds(s, &spec);
    let lo = grid_index(min, step, true);
    let hi = grid_index(max, step, false);
    let at_base = grid_index(base, step, false);
    let value = match search_grid(lo, hi, at_base, |k| search.is_met(k)) {
        Crossing::At(k) => Some(search.value(k)),
        Crossing::Never(_) => None,
    };
    Ok(BreakEven {
        input: path.to_owned(),
        label: spec.label,
        target,
        base,
        resolution: step,
        value,
    })
}
