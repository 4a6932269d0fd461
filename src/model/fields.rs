//! The one definition of every numeric input outside the benefit
//! categories (those are in [`super::category`]): the general settings,
//! the programme ramp, custom benefit lines, cost lines and the Monte Carlo
//! settings. Each has its key, label, help text, unit and allowed range;
//! validation checks values against these ranges and the inputs panel
//! shows and checks typed text with them.

use rust_decimal::Decimal;

use super::bounds::{AMOUNT, Bounds, FRACTION, GROWTH, HORIZON, Unit};
use super::edit::ProgrammeField;
use super::scenario::Programme;

/// An allowed range that may depend on the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limits {
    /// The same range for every scenario.
    Fixed(Bounds),
    /// Whole months from `min` to the horizon `H`.
    UpToHorizon {
        /// The smallest month allowed.
        min: u32,
    },
}

/// One numeric input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The key in files, e.g. `go_live_month`.
    pub key: &'static str,
    /// The label beside the field, e.g. "Go-live month".
    pub label: &'static str,
    /// What the field means.
    pub help: &'static str,
    /// How it is shown and typed.
    pub unit: Unit,
    /// Its allowed range.
    pub limits: Limits,
}

impl Spec {
    /// The allowed range for a scenario of `horizon_months`.
    #[must_use]
    pub const fn bounds(&self, horizon_months: u32) -> Bounds {
        match self.limits {
            Limits::Fixed(bounds) => bounds,
            Limits::UpToHorizon { min } => Bounds::whole(min, horizon_months),
        }
    }

    /// The field's words in a generated name: `start month`.
    #[must_use]
    pub fn words(&self) -> String {
        self.key.replace('_', " ")
    }
}

/// `H`, the months modelled.
pub const HORIZON_MONTHS: Spec = Spec {
    key: "horizon_months",
    label: "Horizon",
    help: "H, the number of months modelled after the start (12 to 120).",
    unit: Unit::Months,
    limits: Limits::Fixed(HORIZON),
};

/// `r`, the annual discount rate.
pub const DISCOUNT_RATE: Spec = Spec {
    key: "discount_rate",
    label: "Discount rate",
    help: "r, the annual rate used for present values: a cash flow in year Y is divided by (1 + r)^Y.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(FRACTION),
};

/// `u`, the synergy uplift.
pub const SYNERGY_UPLIFT: Spec = Spec {
    key: "synergy_uplift",
    label: "Synergy uplift",
    help: "u: when both TEM and TDM run, an extra u x (the month's TEM and TDM benefits) is counted as synergy. Zero by default; an explicit assumption.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(FRACTION),
};

/// `s`, months before any benefit.
pub const GO_LIVE_MONTH: Spec = Spec {
    key: "go_live_month",
    label: "Go-live month",
    help: "s: months after the start before any benefit. The ramp f(t) is 0 for t <= s.",
    unit: Unit::Months,
    limits: Limits::UpToHorizon { min: 0 },
};

/// `P`, the pilot's length.
pub const PILOT_MONTHS: Spec = Spec {
    key: "pilot_months",
    label: "Pilot months",
    help: "P: months of pilot after go-live, during which the programme realises the pilot coverage c.",
    unit: Unit::Months,
    limits: Limits::UpToHorizon { min: 0 },
};

/// `R`, the months of linear ramp.
pub const ROLLOUT_MONTHS: Spec = Spec {
    key: "rollout_months",
    label: "Rollout months",
    help: "R: months of linear ramp from c to 100 % after the pilot; 0 goes straight to 100 %.",
    unit: Unit::Months,
    limits: Limits::UpToHorizon { min: 0 },
};

/// `c`, the pilot's share of the benefit.
pub const PILOT_COVERAGE: Spec = Spec {
    key: "pilot_coverage",
    label: "Pilot coverage",
    help: "c: the share of the full benefit realised during the pilot.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(FRACTION),
};

/// A numeric setting of a programme's ramp: its spec, where its value is,
/// and the edit that sets it.
#[derive(Clone, Copy)]
pub struct ProgrammeInput {
    /// Key, label, help, unit, range.
    pub spec: Spec,
    /// The value in a programme.
    pub get: fn(&Programme) -> Decimal,
    /// The edit that sets it to a value.
    pub edit: fn(Decimal) -> ProgrammeField,
}

impl std::fmt::Debug for ProgrammeInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgrammeInput")
            .field("spec", &self.spec)
            .finish_non_exhaustive()
    }
}

/// A value as whole months; a value no `u32` holds becomes `u32::MAX`,
/// which validation then refuses as past the horizon.
fn months(value: Decimal) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The numeric settings of a programme's ramp (MODEL.md 3.1), in the order
/// they are checked and shown.
pub const PROGRAMME: [ProgrammeInput; 4] = [
    ProgrammeInput {
        spec: GO_LIVE_MONTH,
        get: |p| Decimal::from(p.go_live_month),
        edit: |v| ProgrammeField::GoLive(months(v)),
    },
    ProgrammeInput {
        spec: PILOT_MONTHS,
        get: |p| Decimal::from(p.pilot_months),
        edit: |v| ProgrammeField::Pilot(months(v)),
    },
    ProgrammeInput {
        spec: ROLLOUT_MONTHS,
        get: |p| Decimal::from(p.rollout_months),
        edit: |v| ProgrammeField::Rollout(months(v)),
    },
    ProgrammeInput {
        spec: PILOT_COVERAGE,
        get: |p| p.pilot_coverage,
        edit: ProgrammeField::Coverage,
    },
];

/// A custom line's annual saving `A`.
pub const CUSTOM_ANNUAL_AMOUNT: Spec = Spec {
    key: "annual_amount",
    label: "Annual amount (A)",
    help: "A: the annual saving at today's prices. Each month: A x (1 + growth)^y x f(t) / 12.",
    unit: Unit::Money,
    limits: Limits::Fixed(AMOUNT),
};

/// A custom line's annual escalation.
pub const CUSTOM_GROWTH: Spec = Spec {
    key: "growth",
    label: "Growth a year",
    help: "Annual escalation of the saving, -50 % to 100 %.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(GROWTH),
};

/// A custom line's risk.
pub const CUSTOM_RISK: Spec = Spec {
    key: "risk",
    label: "Risk",
    help: "The share of the saving written off in the risk-adjusted view.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(FRACTION),
};

/// A custom capacity line's recapture share (MODEL.md 11.2).
pub const CUSTOM_RECAPTURE: Spec = Spec {
    key: "recapture",
    label: "Recapture",
    help: "The share of the freed time that becomes money; the rest is freed capacity, not money.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(FRACTION),
};

/// A one-off cost's amount.
pub const COST_AMOUNT: Spec = Spec {
    key: "amount",
    label: "Amount",
    help: "The amount paid once. Risk-adjusted: amount x (1 + risk).",
    unit: Unit::Money,
    limits: Limits::Fixed(AMOUNT),
};

/// A one-off cost's month.
pub const COST_MONTH: Spec = Spec {
    key: "month",
    label: "Month",
    help: "The month it is paid: 0 is the upfront instant, 1 the first month of the horizon.",
    unit: Unit::Months,
    limits: Limits::UpToHorizon { min: 0 },
};

/// A recurring cost's annual amount.
pub const COST_ANNUAL_AMOUNT: Spec = Spec {
    key: "annual_amount",
    label: "Annual amount",
    help: "The cost per year at today's prices; each month pays annual amount x (1 + growth)^y / 12.",
    unit: Unit::Money,
    limits: Limits::Fixed(AMOUNT),
};

/// A recurring cost's first month.
pub const COST_START_MONTH: Spec = Spec {
    key: "start_month",
    label: "Start month",
    help: "The first month paid, 1 to the horizon.",
    unit: Unit::Months,
    limits: Limits::UpToHorizon { min: 1 },
};

/// A recurring cost's last month.
pub const COST_END_MONTH: Spec = Spec {
    key: "end_month",
    label: "End month",
    help: "The last month paid, from the start month to the horizon; None pays to the end of the horizon.",
    unit: Unit::Months,
    limits: Limits::UpToHorizon { min: 1 },
};

/// A recurring cost's annual escalation.
pub const COST_GROWTH: Spec = Spec {
    key: "growth",
    label: "Growth a year",
    help: "Annual escalation of the cost, -50 % to 100 %.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(GROWTH),
};

/// A cost's risk.
pub const COST_RISK: Spec = Spec {
    key: "risk",
    label: "Risk",
    help: "The share by which the cost is raised in the risk-adjusted view.",
    unit: Unit::Fraction,
    limits: Limits::Fixed(FRACTION),
};

/// Monte Carlo trials.
pub const TRIALS: Spec = Spec {
    key: "trials",
    label: "Monte Carlo trials",
    help: "How many draws the Monte Carlo analysis makes (100 to 1,000,000).",
    unit: Unit::Count,
    limits: Limits::Fixed(Bounds::whole(100, 1_000_000)),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_field_is_bounded_by_the_horizon() {
        assert_eq!(COST_START_MONTH.bounds(36), Bounds::whole(1, 36));
        assert_eq!(
            GO_LIVE_MONTH.bounds(120).describe(),
            "a whole number from 0 to 120"
        );
        assert_eq!(
            TRIALS.bounds(36).describe(),
            "a whole number from 100 to 1,000,000"
        );
        assert_eq!(COST_START_MONTH.words(), "start month");
    }
}
