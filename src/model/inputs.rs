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
use super::edit::Which;
use super::fields::{self, ProgrammeInput, Spec};
use super::scenario::{Cost, Programme, Scenario};

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

/// The inputs the analyses have always addressed (and the assumed +/-20 %
/// tornado moves): the discount rate and synergy uplift, every benefit
/// field, and the amount of each custom line and cost, in that order. A
/// subset of [`all_inputs`], kept as it was so that the figures of a file
/// without ranges do not change.
#[must_use]
pub fn numeric_inputs(scenario: &Scenario) -> Vec<InputSpec> {
    let mut out = all_inputs(scenario);
    out.retain(|spec| {
        let list = spec.path.split('.').next().unwrap_or_default();
        match list {
            "tem" | "tdm" => false,
            "custom" | "costs" => spec.unit == Unit::Money,
            "benefits" => !replaced_driver(scenario, &spec.path),
            _ => !is_timing(spec),
        }
    });
    out
}

/// Whether `path` is a category driver the estate replaces (MODEL.md
/// 11.3): unused while the estate derives the category.
fn replaced_driver(scenario: &Scenario, path: &str) -> bool {
    path.strip_prefix("benefits.")
        .and_then(|rest| rest.split_once('.'))
        .and_then(|(key, field)| Some((Category::from_key(key)?, field)))
        .is_some_and(|(category, field)| category.is_replaced_driver(scenario, field))
}

/// Every numeric input of `scenario`, each with its path: the general
/// settings, the programme timing, every benefit field, and every number of
/// every custom line and cost. This is the one grammar of input paths that
/// assumption records, uncertainty ranges and break-even share; see
/// MODEL.md section 7. Timing inputs (months and the horizon) are marked
/// [`InputSpec::timing`].
#[must_use]
pub fn all_inputs(scenario: &Scenario) -> Vec<InputSpec> {
    let mut out = inputs_but_estate(scenario);
    if let Some(estate) = &scenario.estate {
        out.extend(super::estate::inputs(estate));
    }
    out
}

/// [`all_inputs`] without the estate's numbers (which come last), for a
/// caller that names none of them.
#[must_use]
pub fn inputs_but_estate(scenario: &Scenario) -> Vec<InputSpec> {
    let h = scenario.horizon_months;
    let general = |spec: &Spec| InputSpec {
        path: spec.key.into(),
        label: spec.label.into(),
        unit: spec.unit,
        bounds: spec.bounds(h),
    };
    let mut out = vec![
        general(&fields::HORIZON_MONTHS),
        general(&fields::DISCOUNT_RATE),
        general(&fields::SYNERGY_UPLIFT),
    ];
    for (key, name) in [("tem", "TEM"), ("tdm", "TDM")] {
        for input in &fields::PROGRAMME {
            out.push(InputSpec {
                path: format!("{key}.{}", input.spec.key),
                label: format!("{name}: {}", input.spec.label.to_lowercase()),
                unit: input.spec.unit,
                bounds: input.spec.bounds(h),
            });
        }
    }
    let b = &scenario.benefits;
    for category in Category::present(b) {
        for field in category.fields() {
            if field.key == "recapture" && category.recapture(b).is_none() {
                continue;
            }
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
        for spec in CUSTOM_FIELDS {
            out.push(item(&line.name, spec, "custom"));
        }
        if line.recapture.is_some() {
            out.push(item(&line.name, &fields::CUSTOM_RECAPTURE, "custom"));
        }
    }
    for cost in &scenario.costs {
        for spec in cost_fields(cost) {
            out.push(item(cost.name(), spec, "costs"));
        }
    }
    out
}

/// The numbers of a custom line, in file order.
pub const CUSTOM_FIELDS: [&Spec; 3] = [
    &fields::CUSTOM_ANNUAL_AMOUNT,
    &fields::CUSTOM_GROWTH,
    &fields::CUSTOM_RISK,
];

/// Every number a custom line may have a record or range on: its three
/// numbers and its recapture share.
pub const CUSTOM_PATH_FIELDS: [&Spec; 4] = [
    &fields::CUSTOM_ANNUAL_AMOUNT,
    &fields::CUSTOM_GROWTH,
    &fields::CUSTOM_RISK,
    &fields::CUSTOM_RECAPTURE,
];

/// The numbers of a cost line of either kind, in file order.
#[must_use]
pub fn cost_fields(cost: &Cost) -> &'static [&'static Spec] {
    match cost {
        Cost::OneOff { .. } => &[
            &fields::COST_AMOUNT,
            &fields::COST_MONTH,
            &fields::COST_RISK,
        ],
        Cost::Recurring { .. } => &[
            &fields::COST_ANNUAL_AMOUNT,
            &fields::COST_START_MONTH,
            &fields::COST_END_MONTH,
            &fields::COST_GROWTH,
            &fields::COST_RISK,
        ],
    }
}

/// Whether an input is a timing input: the horizon or a month. Those take
/// assumption records; ranges and break-even address the other inputs.
#[must_use]
pub fn is_timing(spec: &InputSpec) -> bool {
    spec.unit == Unit::Months
}

/// Whether an input is a programme month (`tem.<f>` or `tdm.<f>` in
/// months): the timing inputs that take an uncertainty range (MODEL.md 10.1).
#[must_use]
pub fn is_programme_month(spec: &InputSpec) -> bool {
    is_timing(spec) && (spec.path.starts_with("tem.") || spec.path.starts_with("tdm."))
}

/// Every input an uncertainty range may address: every input that is not
/// a timing input, and the programme months.
#[must_use]
pub fn rangeable_inputs(scenario: &Scenario) -> Vec<InputSpec> {
    let mut out = all_inputs(scenario);
    out.retain(|spec| !is_timing(spec) || is_programme_month(spec));
    out
}

/// The spec of one input path, or `None` when the path names nothing in
/// this scenario.
#[must_use]
pub fn spec(scenario: &Scenario, path: &str) -> Option<InputSpec> {
    all_inputs(scenario).into_iter().find(|s| s.path == path)
}

/// The valid path nearest to `path` among `specs` (by edit distance), for
/// a "did you mean" hint; `None` when nothing is reasonably near.
#[must_use]
pub fn nearest<'a>(specs: &'a [InputSpec], path: &str) -> Option<&'a str> {
    let lower = path.to_lowercase();
    specs
        .iter()
        .map(|spec| {
            let distance = strsim::levenshtein(&lower, &spec.path.to_lowercase());
            (distance, spec.path.as_str())
        })
        .filter(|(distance, candidate)| *distance <= candidate.chars().count().div_ceil(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// "is not an input of this scenario", with the nearest valid path when one
/// is near (the path itself is named by the caller).
#[must_use]
pub fn unknown_message(specs: &[InputSpec], path: &str) -> String {
    match nearest(specs, path) {
        Some(near) => format!("is not an input of this scenario; did you mean `{near}`?"),
        None => "is not an input of this scenario; paths are horizon_months, discount_rate, synergy_uplift, tem.<field>, tdm.<field>, benefits.<category>.<field>, custom.<name>.<field> and costs.<name>.<field>".to_owned(),
    }
}

/// What an input path names, once parsed.
enum Target<'p> {
    /// `horizon_months`.
    Horizon,
    /// `discount_rate`.
    DiscountRate,
    /// `synergy_uplift`.
    SynergyUplift,
    /// `tem.FIELD` or `tdm.FIELD`.
    Programme(Which, &'static ProgrammeInput),
    /// `custom.NAME.FIELD`.
    Custom(&'p str, &'p str),
    /// `costs.NAME.FIELD`.
    Cost(&'p str, &'p str),
    /// `benefits.CATEGORY.FIELD`.
    Benefit(&'static Field),
    /// `estate.environments.NAME.FIELD` or `estate.databases.NAME.FIELD`.
    Estate(&'p str),
}

/// Splits `NAME.FIELD` at the last dot (a name may hold dots; a field
/// never does).
fn name_and_field(rest: &str) -> Option<(&str, &str)> {
    rest.rsplit_once('.')
}

/// Parses an input path (whether the line it names exists is checked when
/// the path is used).
fn target(path: &str) -> Option<Target<'_>> {
    match path {
        "horizon_months" => return Some(Target::Horizon),
        "discount_rate" => return Some(Target::DiscountRate),
        "synergy_uplift" => return Some(Target::SynergyUplift),
        _ => {}
    }
    for (prefix, which) in [("tem.", Which::Tem), ("tdm.", Which::Tdm)] {
        if let Some(key) = path.strip_prefix(prefix) {
            return fields::PROGRAMME
                .iter()
                .find(|input| input.spec.key == key)
                .map(|input| Target::Programme(which, input));
        }
    }
    if let Some(rest) = path.strip_prefix("custom.") {
        let (name, field) = name_and_field(rest)?;
        return Some(Target::Custom(name, field));
    }
    if let Some(rest) = path.strip_prefix("costs.") {
        let (name, field) = name_and_field(rest)?;
        return Some(Target::Cost(name, field));
    }
    if path.starts_with("estate.") {
        return Some(Target::Estate(path));
    }
    let (key, field) = path.strip_prefix("benefits.")?.split_once('.')?;
    Category::from_key(key)?.field(field).map(Target::Benefit)
}

fn programme(scenario: &Scenario, which: Which) -> &Programme {
    match which {
        Which::Tem => &scenario.tem,
        Which::Tdm => &scenario.tdm,
    }
}

/// The current value of the input at `path`, or `None` for an unknown path.
/// A recurring cost without an end month reads as ending at the horizon.
#[must_use]
pub fn get(scenario: &Scenario, path: &str) -> Option<Decimal> {
    match target(path)? {
        Target::Horizon => Some(Decimal::from(scenario.horizon_months)),
        Target::DiscountRate => Some(scenario.discount_rate),
        Target::SynergyUplift => Some(scenario.synergy_uplift),
        Target::Programme(which, input) => Some((input.get)(programme(scenario, which))),
        Target::Custom(name, field) => {
            let line = scenario.benefits.custom.iter().find(|l| l.name == name)?;
            match field {
                "annual_amount" => Some(line.annual_amount),
                "growth" => Some(line.growth),
                "risk" => Some(line.risk),
                "recapture" => Some(line.recapture.unwrap_or(Decimal::ONE)),
                _ => None,
            }
        }
        Target::Cost(name, field) => {
            let cost = scenario.costs.iter().find(|c| c.name() == name)?;
            match (cost, field) {
                (Cost::OneOff { amount, .. }, "amount") => Some(*amount),
                (Cost::OneOff { month, .. }, "month") => Some(Decimal::from(*month)),
                (Cost::Recurring { annual_amount, .. }, "annual_amount") => Some(*annual_amount),
                (Cost::Recurring { start_month, .. }, "start_month") => {
                    Some(Decimal::from(*start_month))
                }
                (Cost::Recurring { end_month, .. }, "end_month") => {
                    Some(Decimal::from(end_month.unwrap_or(scenario.horizon_months)))
                }
                (Cost::Recurring { growth, .. }, "growth") => Some(*growth),
                (c, "risk") => Some(c.risk()),
                _ => None,
            }
        }
        Target::Benefit(field) => Some(field.get(&scenario.benefits)),
        Target::Estate(path) => super::estate::get(scenario.estate.as_ref()?, path),
    }
}

/// A value as a whole number, rounded to the nearest (midpoint away from
/// zero); `None` when no `u32` holds it.
pub(crate) fn whole(value: Decimal) -> Option<u32> {
    u32::try_from(super::decimal::round_dp(value, 0)).ok()
}

/// Sets the input at `path`. A whole-number field takes the value rounded
/// to the nearest integer (midpoint away from zero). Returns `false` for an
/// unknown path or a whole number out of `u32` range; the scenario is then
/// unchanged.
pub fn set(scenario: &mut Scenario, path: &str, value: Decimal) -> bool {
    enum Slot<'a> {
        Decimal(&'a mut Decimal),
        Whole(&'a mut u32),
        End(&'a mut Option<u32>),
        Share(&'a mut Option<Decimal>),
    }
    let slot = match target(path) {
        None => None,
        Some(Target::Horizon) => Some(Slot::Whole(&mut scenario.horizon_months)),
        Some(Target::DiscountRate) => Some(Slot::Decimal(&mut scenario.discount_rate)),
        Some(Target::SynergyUplift) => Some(Slot::Decimal(&mut scenario.synergy_uplift)),
        Some(Target::Programme(which, input)) => {
            let p = match which {
                Which::Tem => &mut scenario.tem,
                Which::Tdm => &mut scenario.tdm,
            };
            match input.spec.key {
                "go_live_month" => Some(Slot::Whole(&mut p.go_live_month)),
                "pilot_months" => Some(Slot::Whole(&mut p.pilot_months)),
                "rollout_months" => Some(Slot::Whole(&mut p.rollout_months)),
                "pilot_coverage" => Some(Slot::Decimal(&mut p.pilot_coverage)),
                _ => None,
            }
        }
        Some(Target::Custom(name, field)) => scenario
            .benefits
            .custom
            .iter_mut()
            .find(|l| l.name == name)
            .and_then(|line| match field {
                "annual_amount" => Some(Slot::Decimal(&mut line.annual_amount)),
                "growth" => Some(Slot::Decimal(&mut line.growth)),
                "risk" => Some(Slot::Decimal(&mut line.risk)),
                "recapture" => Some(Slot::Share(&mut line.recapture)),
                _ => None,
            }),
        Some(Target::Cost(name, field)) => scenario
            .costs
            .iter_mut()
            .find(|c| c.name() == name)
            .and_then(|cost| match (cost, field) {
                (Cost::OneOff { amount, .. }, "amount") => Some(Slot::Decimal(amount)),
                (Cost::OneOff { month, .. }, "month") => Some(Slot::Whole(month)),
                (Cost::OneOff { risk, .. } | Cost::Recurring { risk, .. }, "risk") => {
                    Some(Slot::Decimal(risk))
                }
                (Cost::Recurring { annual_amount, .. }, "annual_amount") => {
                    Some(Slot::Decimal(annual_amount))
                }
                (Cost::Recurring { start_month, .. }, "start_month") => {
                    Some(Slot::Whole(start_month))
                }
                (Cost::Recurring { end_month, .. }, "end_month") => Some(Slot::End(end_month)),
                (Cost::Recurring { growth, .. }, "growth") => Some(Slot::Decimal(growth)),
                _ => None,
            }),
        Some(Target::Benefit(field)) => Some(match field.access {
            Access::Decimal(_, get_mut) => Slot::Decimal(get_mut(&mut scenario.benefits)),
            Access::Whole(_, get_mut) => Slot::Whole(get_mut(&mut scenario.benefits)),
            Access::Share(_, get_mut) => Slot::Share(get_mut(&mut scenario.benefits)),
        }),
        Some(Target::Estate(path)) => {
            return scenario
                .estate
                .as_mut()
                .is_some_and(|estate| super::estate::set(estate, path, value));
        }
    };
    match slot {
        None => false,
        Some(Slot::Decimal(d)) => {
            *d = value;
            true
        }
        Some(Slot::Whole(n)) => whole(value).map(|v| *n = v).is_some(),
        Some(Slot::End(end)) => whole(value).map(|v| *end = Some(v)).is_some(),
        Some(Slot::Share(share)) => {
            *share = Some(value);
            true
        }
    }
}
