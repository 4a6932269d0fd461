//! The catalogue of numeric inputs: their dotted paths (MODEL.md section 2,
//! "Uncertainty"), allowed ranges, units and labels, and exact get/set by
//! path. Validation, sensitivity, break-even and Monte Carlo all address
//! inputs through this one place.

use rust_decimal::Decimal;

use super::scenario::{Cost, Scenario};

/// The unit an input is shown and typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// An amount of the scenario's currency.
    Money,
    /// A fraction in the file, shown as a percentage.
    Fraction,
    /// Whole months.
    Months,
    /// A whole count (environments, licences, people...).
    Count,
    /// A plain quantity (servers, FTE).
    Quantity,
    /// Terabytes.
    Terabytes,
    /// Hours.
    Hours,
}

/// The allowed range of a numeric input, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Smallest allowed value.
    pub min: Decimal,
    /// Largest allowed value.
    pub max: Decimal,
    /// Whether the field holds a whole number.
    pub integer: bool,
}

impl Bounds {
    const fn new(min: i64, max: i64, integer: bool) -> Self {
        Self {
            min: const_decimal(min),
            max: const_decimal(max),
            integer,
        }
    }

    /// Whether `value` lies in the range (and is whole when it must be).
    #[must_use]
    pub fn contains(&self, value: Decimal) -> bool {
        value >= self.min && value <= self.max && (!self.integer || value.fract().is_zero())
    }

    /// The range as people read it, e.g. `0 to 1` or `-0.5 to 1`.
    #[must_use]
    pub fn describe(&self) -> String {
        let kind = if self.integer {
            "a whole number from "
        } else {
            ""
        };
        format!("{kind}{} to {}", plain(self.min), plain(self.max))
    }
}

/// A whole number as a `Decimal`, usable in constants.
const fn const_decimal(v: i64) -> Decimal {
    let magnitude = v.unsigned_abs();
    Decimal::from_parts(
        (magnitude & 0xFFFF_FFFF) as u32,
        (magnitude >> 32) as u32,
        0,
        v < 0,
        0,
    )
}

/// A bound written for people: whole numbers grouped by thousands.
fn plain(value: Decimal) -> String {
    if value.fract().is_zero() {
        super::decimal::grouped(value, 0)
    } else {
        value.normalize().to_string()
    }
}

/// A fraction: 0 to 1.
pub const FRACTION: Bounds = Bounds::new(0, 1, false);
/// Annual escalation: -0.5 to 1.
pub const GROWTH: Bounds = Bounds {
    min: Decimal::from_parts(5, 0, 0, true, 1),
    max: Decimal::ONE,
    integer: false,
};
/// Counts of environments, licences, requests, people, defects.
pub const COUNT: Bounds = Bounds::new(0, 1_000_000, true);
/// Full non-production copies of production data.
pub const COPIES: Bounds = Bounds::new(0, 1_000, true);
/// A price per unit (server, licence, hour, FTE, TB, defect).
pub const UNIT_PRICE: Bounds = Bounds::new(0, 1_000_000_000, false);
/// A lump amount (breach cost, custom saving, programme cost).
pub const AMOUNT: Bounds = Bounds::new(0, 1_000_000_000_000, false);
/// Servers per environment, hours per request.
pub const QUANTITY: Bounds = Bounds::new(0, 10_000, false);
/// Full-time equivalents.
pub const FTE: Bounds = Bounds::new(0, 100_000, false);
/// Production data in TB.
pub const TERABYTES: Bounds = Bounds::new(0, 1_000_000, false);
/// Hours per person per month (a month has at most 744 hours).
pub const HOURS_PER_MONTH: Bounds = Bounds::new(0, 744, false);

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

/// The nine benefit category keys, in the order of MODEL.md section 2.
pub const CATEGORY_KEYS: [&str; 9] = [
    "tem_infrastructure",
    "tem_licences",
    "tem_services",
    "tem_headcount",
    "tdm_infrastructure",
    "tdm_tester_productivity",
    "tdm_developer_productivity",
    "tdm_support",
    "tdm_breach",
];

/// Human name of a category key.
#[must_use]
pub fn category_label(key: &str) -> &'static str {
    match key {
        "tem_infrastructure" => "TEM infrastructure",
        "tem_licences" => "TEM licences",
        "tem_services" => "TEM services",
        "tem_headcount" => "TEM headcount",
        "tdm_infrastructure" => "TDM storage",
        "tdm_tester_productivity" => "TDM tester productivity",
        "tdm_developer_productivity" => "TDM developer productivity",
        "tdm_support" => "TDM support and rework",
        "tdm_breach" => "TDM data-breach exposure",
        "synergy" => "Synergy",
        _ => "Custom line",
    }
}

/// The driver fields of a category (before `reduction`, `growth`, `risk`),
/// with their bounds and units.
#[must_use]
pub fn category_drivers(key: &str) -> &'static [(&'static str, Bounds, Unit)] {
    match key {
        "tem_infrastructure" => &[
            ("environments", COUNT, Unit::Count),
            ("servers_per_environment", QUANTITY, Unit::Quantity),
            ("cost_per_server_year", UNIT_PRICE, Unit::Money),
        ],
        "tem_licences" => &[
            ("licences", COUNT, Unit::Count),
            ("cost_per_licence_year", UNIT_PRICE, Unit::Money),
        ],
        "tem_services" => &[
            ("requests_per_year", COUNT, Unit::Count),
            ("hours_per_request", QUANTITY, Unit::Hours),
            ("cost_per_hour", UNIT_PRICE, Unit::Money),
        ],
        "tem_headcount" => &[
            ("fte", FTE, Unit::Quantity),
            ("cost_per_fte_year", UNIT_PRICE, Unit::Money),
        ],
        "tdm_infrastructure" => &[
            ("production_data_tb", TERABYTES, Unit::Terabytes),
            ("non_production_copies", COPIES, Unit::Count),
            ("cost_per_tb_year", UNIT_PRICE, Unit::Money),
        ],
        "tdm_tester_productivity" | "tdm_developer_productivity" => &[
            ("people", COUNT, Unit::Count),
            ("hours_per_person_month", HOURS_PER_MONTH, Unit::Hours),
            ("cost_per_hour", UNIT_PRICE, Unit::Money),
        ],
        "tdm_support" => &[
            ("defects_per_year", COUNT, Unit::Count),
            ("cost_per_defect", UNIT_PRICE, Unit::Money),
        ],
        "tdm_breach" => &[
            ("annual_probability", FRACTION, Unit::Fraction),
            ("breach_cost", AMOUNT, Unit::Money),
        ],
        _ => &[],
    }
}

/// The escalation and risk fields every category has.
pub const COMMON_FIELDS: [(&str, Bounds, Unit); 3] = [
    ("reduction", FRACTION, Unit::Fraction),
    ("growth", GROWTH, Unit::Fraction),
    ("risk", FRACTION, Unit::Fraction),
];

fn humanise(field: &str) -> String {
    field.replace('_', " ")
}

/// Every numeric input of `scenario` that a range or a break-even can address.
#[must_use]
pub fn numeric_inputs(scenario: &Scenario) -> Vec<InputSpec> {
    let mut out = vec![
        InputSpec {
            path: "discount_rate".into(),
            label: "Discount rate".into(),
            unit: Unit::Fraction,
            bounds: FRACTION,
        },
        InputSpec {
            path: "synergy_uplift".into(),
            label: "Synergy uplift".into(),
            unit: Unit::Fraction,
            bounds: FRACTION,
        },
    ];
    for key in CATEGORY_KEYS {
        for (field, bounds, unit) in category_drivers(key).iter().chain(COMMON_FIELDS.iter()) {
            out.push(InputSpec {
                path: format!("benefits.{key}.{field}"),
                label: format!("{}: {}", category_label(key), humanise(field)),
                unit: *unit,
                bounds: *bounds,
            });
        }
    }
    for line in &scenario.benefits.custom {
        out.push(InputSpec {
            path: format!("custom.{}.annual_amount", line.name),
            label: format!("{}: annual amount", line.name),
            unit: Unit::Money,
            bounds: AMOUNT,
        });
    }
    for cost in &scenario.costs {
        let (field, label) = match cost {
            Cost::OneOff { .. } => ("amount", "amount"),
            Cost::Recurring { .. } => ("annual_amount", "annual amount"),
        };
        out.push(InputSpec {
            path: format!("costs.{}.{field}", cost.name()),
            label: format!("{}: {label}", cost.name()),
            unit: Unit::Money,
            bounds: AMOUNT,
        });
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

/// A mutable reference to a numeric field, decimal or whole.
enum Slot<'a> {
    Decimal(&'a mut Decimal),
    Whole(&'a mut u32),
}

/// A shared reference to a numeric field, decimal or whole.
enum SlotRef<'a> {
    Decimal(&'a Decimal),
    Whole(&'a u32),
}

/// The field among the three every category has.
fn pick<T>(field: &str, reduction: T, growth: T, risk: T) -> Option<T> {
    match field {
        "reduction" => Some(reduction),
        "growth" => Some(growth),
        "risk" => Some(risk),
        _ => None,
    }
}

/// Defines the path lookup once, for shared and for mutable access.
macro_rules! define_slot {
    ($name:ident, $slot:ident, $iter:ident $(, $m:tt)?) => {
        fn $name<'a>(s: &'a $($m)? Scenario, path: &str) -> Option<$slot<'a>> {
            use $slot::{Decimal as D, Whole as W};
            match path {
                "discount_rate" => return Some(D(& $($m)? s.discount_rate)),
                "synergy_uplift" => return Some(D(& $($m)? s.synergy_uplift)),
                _ => {}
            }
            if let Some(rest) = path.strip_prefix("custom.") {
                let name = rest.strip_suffix(".annual_amount")?;
                let line = s.benefits.custom.$iter().find(|l| l.name == name)?;
                return Some(D(& $($m)? line.annual_amount));
            }
            if let Some(rest) = path.strip_prefix("costs.") {
                if let Some(name) = rest.strip_suffix(".annual_amount") {
                    return s.costs.$iter().find_map(|c| match c {
                        Cost::Recurring {
                            name: n,
                            annual_amount,
                            ..
                        } if n == name => Some(D(annual_amount)),
                        _ => None,
                    });
                }
                let name = rest.strip_suffix(".amount")?;
                return s.costs.$iter().find_map(|c| match c {
                    Cost::OneOff {
                        name: n, amount, ..
                    } if n == name => Some(D(amount)),
                    _ => None,
                });
            }
            let rest = path.strip_prefix("benefits.")?;
            let (key, field) = rest.split_once('.')?;
            let b = & $($m)? s.benefits;
            match (key, field) {
                ("tem_infrastructure", "environments") => Some(W(& $($m)? b.tem_infrastructure.environments)),
                ("tem_infrastructure", "servers_per_environment") => {
                    Some(D(& $($m)? b.tem_infrastructure.servers_per_environment))
                }
                ("tem_infrastructure", "cost_per_server_year") => {
                    Some(D(& $($m)? b.tem_infrastructure.cost_per_server_year))
                }
                ("tem_infrastructure", f) => pick(f, & $($m)? b.tem_infrastructure.reduction, & $($m)? b.tem_infrastructure.growth, & $($m)? b.tem_infrastructure.risk).map(D),
                ("tem_licences", "licences") => Some(W(& $($m)? b.tem_licences.licences)),
                ("tem_licences", "cost_per_licence_year") => {
                    Some(D(& $($m)? b.tem_licences.cost_per_licence_year))
                }
                ("tem_licences", f) => pick(f, & $($m)? b.tem_licences.reduction, & $($m)? b.tem_licences.growth, & $($m)? b.tem_licences.risk).map(D),
                ("tem_services", "requests_per_year") => Some(W(& $($m)? b.tem_services.requests_per_year)),
                ("tem_services", "hours_per_request") => Some(D(& $($m)? b.tem_services.hours_per_request)),
                ("tem_services", "cost_per_hour") => Some(D(& $($m)? b.tem_services.cost_per_hour)),
                ("tem_services", f) => pick(f, & $($m)? b.tem_services.reduction, & $($m)? b.tem_services.growth, & $($m)? b.tem_services.risk).map(D),
                ("tem_headcount", "fte") => Some(D(& $($m)? b.tem_headcount.fte)),
                ("tem_headcount", "cost_per_fte_year") => Some(D(& $($m)? b.tem_headcount.cost_per_fte_year)),
                ("tem_headcount", f) => pick(f, & $($m)? b.tem_headcount.reduction, & $($m)? b.tem_headcount.growth, & $($m)? b.tem_headcount.risk).map(D),
                ("tdm_infrastructure", "production_data_tb") => {
                    Some(D(& $($m)? b.tdm_infrastructure.production_data_tb))
                }
                ("tdm_infrastructure", "non_production_copies") => {
                    Some(W(& $($m)? b.tdm_infrastructure.non_production_copies))
                }
                ("tdm_infrastructure", "cost_per_tb_year") => {
                    Some(D(& $($m)? b.tdm_infrastructure.cost_per_tb_year))
                }
                ("tdm_infrastructure", f) => pick(f, & $($m)? b.tdm_infrastructure.reduction, & $($m)? b.tdm_infrastructure.growth, & $($m)? b.tdm_infrastructure.risk).map(D),
                ("tdm_tester_productivity" | "tdm_developer_productivity", f) => {
                    let cat = if key == "tdm_tester_productivity" {
                        & $($m)? b.tdm_tester_productivity
                    } else {
                        & $($m)? b.tdm_developer_productivity
                    };
                    match f {
                        "people" => Some(W(& $($m)? cat.people)),
                        "hours_per_person_month" => Some(D(& $($m)? cat.hours_per_person_month)),
                        "cost_per_hour" => Some(D(& $($m)? cat.cost_per_hour)),
                        f => pick(f, & $($m)? cat.reduction, & $($m)? cat.growth, & $($m)? cat.risk).map(D),
                    }
                }
                ("tdm_support", "defects_per_year") => Some(W(& $($m)? b.tdm_support.defects_per_year)),
                ("tdm_support", "cost_per_defect") => Some(D(& $($m)? b.tdm_support.cost_per_defect)),
                ("tdm_support", f) => pick(f, & $($m)? b.tdm_support.reduction, & $($m)? b.tdm_support.growth, & $($m)? b.tdm_support.risk).map(D),
                ("tdm_breach", "annual_probability") => Some(D(& $($m)? b.tdm_breach.annual_probability)),
                ("tdm_breach", "breach_cost") => Some(D(& $($m)? b.tdm_breach.breach_cost)),
                ("tdm_breach", f) => pick(f, & $($m)? b.tdm_breach.reduction, & $($m)? b.tdm_breach.growth, & $($m)? b.tdm_breach.risk).map(D),
                _ => None,
            }
        }
    };
}

define_slot!(slot, Slot, iter_mut, mut);
define_slot!(slot_ref, SlotRef, iter);

/// The current value of the input at `path`, or `None` for an unknown path.
#[must_use]
pub fn get(scenario: &Scenario, path: &str) -> Option<Decimal> {
    match slot_ref(scenario, path)? {
        SlotRef::Decimal(d) => Some(*d),
        SlotRef::Whole(w) => Some(Decimal::from(*w)),
    }
}

/// Sets the input at `path`. A whole-number field takes the value rounded
/// to the nearest integer (midpoint away from zero). Returns `false` for an
/// unknown path or a whole number out of `u32` range; the scenario is then
/// unchanged.
pub fn set(scenario: &mut Scenario, path: &str, value: Decimal) -> bool {
    match slot(scenario, path) {
        Some(Slot::Decimal(d)) => {
            *d = value;
            true
        }
        Some(Slot::Whole(w)) => {
            let rounded = super::decimal::round_dp(value, 0);
            match u32::try_from(rounded) {
                Ok(v) => {
                    *w = v;
                    true
                }
                Err(_) => false,
            }
        }
        None => false,
    }
}
