//! The catalogue of numeric inputs: their dotted paths (MODEL.md section 2,
//! "Uncertainty"), allowed ranges, units and labels, and exact get/set by
//! path. Validation, sensitivity, break-even and Monte Carlo all address
//! inputs through this one place.

use rust_decimal::Decimal;

pub use super::bounds::{
    AMOUNT, Bounds, COPIES, COUNT, FRACTION, FTE, GROWTH, HORIZON, HOURS_PER_MONTH, QUANTITY,
    TERABYTES, UNIT_PRICE, Unit,
};
use super::category::{Access, Category, Field};
use super::fields::{self, Spec};
use super::scenario::{Cost, Scenario};

/// One numeric input of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    /// Dotted path, e.g. `benefits.tem_services.reduction`.
    pub path: String,
    /// Human label, e.g. "TEM services: reduction".
    pub label: String,
    /// Display unit.
    pub unit: Unit,
    /// Allowed range.
    pub bounds: Bounds,
}

/// Every numeric input of `scenario` that a range or a break-even can address.
#[must_use]
pub fn numeric_inputs(scenario: &Scenario) -> Vec<InputSpec> {
    let h = scenario.horizon_months;
    let general = |spec: &Spec| InputSpec {
        path: spec.key.into(),
        label: spec.label.into(),
        unit: spec.unit,
        bounds: spec.bounds(h),
    };
    let mut out = vec![
        general(&fields::DISCOUNT_RATE),
        general(&fields::SYNERGY_UPLIFT),
    ];
    for category in Category::ALL {
        for field in category.fields() {
            out.push(InputSpec {
                path: format!("benefits.{}.{}", category.key(), field.key),
                label: format!("{}: {}", category.label(), field.words()),
                unit: field.unit,
                bounds: field.bounds,
            });
        }
    }
    let item = |name: &str, spec: &Spec, list: &str| InputSpec {
        path: format!("{list}.{name}.{}", spec.key),
        label: format!("{name}: {}", spec.words()),
        unit: spec.unit,
        bounds: spec.bounds(h),
    };
    for line in &scenario.benefits.custom {
        out.push(item(&line.name, &fields::CUSTOM_ANNUAL_AMOUNT, "custom"));
    }
    for cost in &scenario.costs {
        let spec = match cost {
            Cost::OneOff { .. } => &fields::COST_AMOUNT,
            Cost::Recurring { .. } => &fields::COST_ANNUAL_AMOUNT,
        };
        out.push(item(cost.name(), spec, "costs"));
    }
    out
}

/// The spec of one input path, or `None` when the path names nothing in
/// this scenario.
#[must_use]
pub fn spec(scenario: &Scenario, path: &str) -> Option<InputSpec> {
    numeric_inputs(scenario)
        .into_iter()
        .find(|s| s.path == path)
}

/// What an input path names, once parsed.
enum Target<'p> {
    /// `discount_rate`.
    DiscountRate,
    /// `synergy_uplift`.
    SynergyUplift,
    /// `custom.NAME.annual_amount`.
    CustomAmount(&'p str),
    /// `costs.NAME.amount`, of a one-off cost.
    OneOffAmount(&'p str),
    /// `costs.NAME.annual_amount`, of a recurring cost.
    RecurringAmount(&'p str),
    /// `benefits.CATEGORY.FIELD`.
    Benefit(&'static Field),
}

/// Parses an input path (whether the line it names exists is checked when
/// the path is used).
fn target(path: &str) -> Option<Target<'_>> {
    match path {
        "discount_rate" => return Some(Target::DiscountRate),
        "synergy_uplift" => return Some(Target::SynergyUplift),
        _ => {}
    }
    if let Some(rest) = path.strip_prefix("custom.") {
        return rest
            .strip_suffix(".annual_amount")
            .map(Target::CustomAmount);
    }
    if let Some(rest) = path.strip_prefix("costs.") {
        if let Some(name) = rest.strip_suffix(".annual_amount") {
            return Some(Target::RecurringAmount(name));
        }
        return rest.strip_suffix(".amount").map(Target::OneOffAmount);
    }
    let (key, field) = path.strip_prefix("benefits.")?.split_once('.')?;
    Category::from_key(key)?.field(field).map(Target::Benefit)
}

/// The current value of the input at `path`, or `None` for an unknown path.
#[must_use]
pub fn get(scenario: &Scenario, path: &str) -> Option<Decimal> {
    match target(path)? {
        Target::DiscountRate => Some(scenario.discount_rate),
        Target::SynergyUplift => Some(scenario.synergy_uplift),
        Target::CustomAmount(name) => scenario
            .benefits
            .custom
            .iter()
            .find(|l| l.name == name)
            .map(|l| l.annual_amount),
        Target::OneOffAmount(name) => scenario.costs.iter().find_map(|c| match c {
            Cost::OneOff {
                name: n, amount, ..
            } if n == name => Some(*amount),
            _ => None,
        }),
        Target::RecurringAmount(name) => scenario.costs.iter().find_map(|c| match c {
            Cost::Recurring {
                name: n,
                annual_amount,
                ..
            } if n == name => Some(*annual_amount),
            _ => None,
        }),
        Target::Benefit(field) => Some(field.get(&scenario.benefits)),
    }
}

/// Sets the input at `path`. A whole-number field takes the value rounded
/// to the nearest integer (midpoint away from zero). Returns `false` for an
/// unknown path or a whole number out of `u32` range; the scenario is then
/// unchanged.
pub fn set(scenario: &mut Scenario, path: &str, value: Decimal) -> bool {
    let slot: Option<&mut Decimal> = match target(path) {
        None => None,
        Some(Target::DiscountRate) => Some(&mut scenario.discount_rate),
        Some(Target::SynergyUplift) => Some(&mut scenario.synergy_uplift),
        Some(Target::CustomAmount(name)) => scenario
            .benefits
            .custom
            .iter_mut()
            .find(|l| l.name == name)
            .map(|l| &mut l.annual_amount),
        Some(Target::OneOffAmount(name)) => scenario.costs.iter_mut().find_map(|c| match c {
            Cost::OneOff {
                name: n, amount, ..
            } if n == name => Some(amount),
            _ => None,
        }),
        Some(Target::RecurringAmount(name)) => scenario.costs.iter_mut().find_map(|c| match c {
            Cost::Recurring {
                name: n,
                annual_amount,
                ..
            } if n == name => Some(annual_amount),
            _ => None,
        }),
        Some(Target::Benefit(field)) => match field.access {
            Access::Decimal(_, get_mut) => Some(get_mut(&mut scenario.benefits)),
            Access::Whole(_, get_mut) => {
                let rounded = super::decimal::round_dp(value, 0);
                return match u32::try_from(rounded) {
                    Ok(v) => {
                        *get_mut(&mut scenario.benefits) = v;
                        true
                    }
                    Err(_) => false,
                };
            }
        },
    };
    match slot {
        Some(d) => {
            *d = value;
            true
        }
        None => false,
    }
}
