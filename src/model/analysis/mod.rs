//! What-if analysis on top of the savings model: sensitivity (a tornado of
//! the risk-adjusted NPV over each uncertainty range), break-even (the value
//! of one input at which the NPV is zero or payback meets a target month)
//! and Monte Carlo (PERT draws of every uncertain input).
//!
//! Everything here is pure, like the rest of the model: no threads, no
//! clock and no files. Long runs report progress through a callback that
//! can also cancel them; callers that want threads split a Monte Carlo run
//! into its independent chunks (see [`montecarlo::Plan`]). Every figure is
//! a `Decimal`; the one exception is the sampler in [`pert`], which draws in
//! binary floating point and converts each draw to `Decimal` once.
//!
//! Every analysis validates its scenario first and returns
//! [`AnalysisError::Invalid`] rather than computing meaningless figures.

pub mod breakeven;
pub mod delay;
pub mod fast;
pub mod montecarlo;
pub mod pert;
pub mod ranks;
pub mod register;
pub mod sensitivity;
pub mod switching;

use rust_decimal::Decimal;
use std::fmt;

use super::figures::{self, Discounter};
use super::inputs;
use super::scenario::{Discounting, Scenario};
use super::validate::{Problem, validate};

pub use breakeven::{BreakEven, Target, break_even};
pub use delay::{CostOfDelay, DelayRow, Slipping, cost_of_delay};
pub use montecarlo::{
    FanPoint, Histogram, MonteCarloResults, Percentiles, Plan, RankRow, Trial, run_monte_carlo,
};
pub use register::{RegisterRow, Standing, register, unconfirmed_key_inputs};
pub use sensitivity::{Sensitivity, SensitivityRow, sensitivity};
pub use switching::{Goal, Switching, SwitchingPlan, SwitchingRow, switching};

/// Why an analysis cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    /// The scenario breaks the rules of MODEL.md section 2.
    Invalid(Vec<Problem>),
    /// The input path names nothing in this scenario: the path, and what
    /// is wrong with it (with the nearest valid path when one is near).
    UnknownInput(String, String),
    /// An argument of the analysis is out of range (the message says which
    /// and what is allowed).
    BadArgument(String),
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(problems) => {
                write!(f, "the scenario is invalid:")?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            Self::UnknownInput(path, message) => write!(f, "`{path}` {message}"),
            Self::BadArgument(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// Returns the scenario's problems as an error, if it has any.
fn ensure_valid(s: &Scenario) -> Result<(), AnalysisError> {
    let problems = validate(s);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AnalysisError::Invalid(problems))
    }
}

/// The two risk-adjusted figures the analyses work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Risk-adjusted NPV, unrounded.
    pub npv: Decimal,
    /// Risk-adjusted payback in months; `None` when not within the horizon.
    pub payback_months: Option<Decimal>,
}

/// What the discount factors depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DiscountKey {
    rate: Decimal,
    convention: Discounting,
    horizon_months: u32,
}

impl DiscountKey {
    fn of(s: &Scenario) -> Self {
        Self {
            rate: s.discount_rate,
            convention: s.discounting,
            horizon_months: s.horizon_months,
        }
    }
}

/// Computes [`Outcome`]s of variants of one scenario. It builds only the
/// risk-adjusted monthly totals ([`fast::adjusted_flows`], from the schedule's
/// own builder for that one view) and uses the model's own present value
/// and payback code, so the NPV and payback are identical to the
/// risk-adjusted figures of [`crate::model::compute`]; it skips the
/// unadjusted view, the IRR and the annual summary, which the analyses do
/// not need, and reuses the discount factors while the rate, convention and
/// horizon are unchanged.
#[derive(Debug, Clone, Default)]
pub struct Evaluator {
    discounter: Option<(DiscountKey, Discounter)>,
}

impl Evaluator {
    /// A fresh evaluator.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The risk-adjusted NPV and payback of `s`, which must be valid.
    pub fn outcome(&mut self, s: &Scenario) -> Outcome {
        self.detail(s).0
    }

    /// The risk-adjusted NPV and payback of `s`, which must be valid, with
    /// its unrounded present value of costs and its cumulative net cash.
    pub fn detail(&mut self, s: &Scenario) -> (Outcome, Decimal, Vec<Decimal>) {
        let adjusted = fast::adjusted_flows(s);
        let discounter = match self.discounter.take() {
            Some((key, d)) if key == DiscountKey::of(s) => d,
            _ => Discounter::new(s),
        };
        let pv_costs = discounter.present_value(&adjusted.costs);
        let npv = discounter.present_value(&adjusted.benefits) - pv_costs;
        let payback_months = figures::payback_months(&adjusted.net, &adjusted.cumulative);
        self.discounter = Some((DiscountKey::of(s), discounter));
        let outcome = Outcome {
            npv,
            payback_months,
        };
        (outcome, pv_costs, adjusted.cumulative)
    }
}

/// The risk-adjusted NPV and payback of a valid scenario (see [`Evaluator`]).
#[must_use]
pub fn outcome(s: &Scenario) -> Outcome {
    Evaluator::new().outcome(s)
}

/// One input varied by an analysis: its path, label, the values at either
/// end and its base value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    /// Dotted path, e.g. `benefits.tem_services.reduction`.
    pub input: String,
    /// Human label, e.g. "TEM services: reduction".
    pub label: String,
    /// Low end.
    pub low: Decimal,
    /// Value in the scenario.
    pub base: Decimal,
    /// High end.
    pub high: Decimal,
}

/// The uncertainty ranges of the file as [`Driver`]s, in file order. Ranges
/// on unknown paths are skipped (validation reports them).
#[must_use]
pub fn file_drivers(s: &Scenario) -> Vec<Driver> {
    // One catalogue for all the ranges (it formats every input's label).
    let catalogue = inputs::rangeable_inputs(s);
    s.uncertainty
        .iter()
        .filter_map(|r| {
            let spec = catalogue.iter().find(|spec| spec.path == r.input)?;
            let base = inputs::get(s, &r.input)?;
            Some(Driver {
                input: r.input.clone(),
                label: spec.label.clone(),
                low: r.low,
                base,
                high: r.high,
            })
        })
        .collect()
}
