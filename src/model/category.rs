//! The one definition of every benefit category of MODEL.md section 2 and
//! of each of its fields: key, label, symbol, unit, help text, allowed
//! range, programme and formula. The inputs panel, validation, input
//! paths, the command line's messages, the tables and the formulas shown
//! with their numbers are all driven from here, so adding a field is one
//! entry in its category's list (plus its term in the formula), and adding
//! a category is one variant whose every `match` the compiler asks for.

use rust_decimal::Decimal;

use super::bounds::{
    AMOUNT, Bounds, COPIES, COUNT, FRACTION, FTE, GROWTH, HOURS_PER_MONTH, QUANTITY, TERABYTES,
    UNIT_PRICE, Unit,
};
use super::scenario::{Benefits, ProgrammeRef};

/// A benefit category (MODEL.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// TEM infrastructure: `E x S x C x reduction`.
    TemInfrastructure,
    /// TEM licences: `L x C x reduction`.
    TemLicences,
    /// TEM services: `Q x h x C x reduction`.
    TemServices,
    /// TEM headcount: `F x C x reduction`.
    TemHeadcount,
    /// TDM storage: `D x K x C x reduction`.
    TdmInfrastructure,
    /// TDM tester productivity: `N x W x 12 x C x reduction`.
    TdmTesterProductivity,
    /// TDM developer productivity: `N x W x 12 x C x reduction`.
    TdmDeveloperProductivity,
    /// TDM support and rework: `P x C x reduction`.
    TdmSupport,
    /// TDM data-breach exposure: `p x B x reduction`.
    TdmBreach,
}

/// Where a field's value lives in [`Benefits`], for reading and writing.
#[derive(Clone, Copy)]
pub enum Access {
    /// A decimal field.
    Decimal(fn(&Benefits) -> &Decimal, fn(&mut Benefits) -> &mut Decimal),
    /// A whole-number field.
    Whole(fn(&Benefits) -> &u32, fn(&mut Benefits) -> &mut u32),
}

/// One numeric field of a category.
#[derive(Clone, Copy)]
pub struct Field {
    /// The key in files and paths, e.g. `environments`.
    pub key: &'static str,
    /// The formula's symbol, e.g. `E` (empty for the common fields).
    pub symbol: &'static str,
    /// The label beside the field, e.g. "Environments (E)".
    pub label: &'static str,
    /// What the field means.
    pub help: &'static str,
    /// How it is shown and typed.
    pub unit: Unit,
    /// Its allowed range.
    pub bounds: Bounds,
    /// Where it lives.
    pub access: Access,
}

impl Field {
    /// The field's value in `b`.
    #[must_use]
    pub fn get(&self, b: &Benefits) -> Decimal {
        match self.access {
            Access::Decimal(get, _) => *get(b),
            Access::Whole(get, _) => Decimal::from(*get(b)),
        }
    }

    /// The field's words in a generated label: `servers per environment`.
    #[must_use]
    pub fn words(&self) -> String {
        self.key.replace('_', " ")
    }
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// One term of a category's annual-saving formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// The category's field with this key.
    Field(&'static str),
    /// Twelve months a year (the productivity categories count hours a
    /// month).
    MonthsPerYear,
}

/// Defines a decimal field of `$cat` in [`Benefits`].
macro_rules! decimal {
    ($cat:ident . $field:ident) => {
        Access::Decimal(|b| &b.$cat.$field, |b| &mut b.$cat.$field)
    };
}

/// Defines a whole-number field of `$cat` in [`Benefits`].
macro_rules! whole {
    ($cat:ident . $field:ident) => {
        Access::Whole(|b| &b.$cat.$field, |b| &mut b.$cat.$field)
    };
}

/// A driver field.
macro_rules! driver {
    ($cat:ident . $key:ident, $kind:ident, $symbol:literal, $label:literal, $unit:ident, $bounds:ident, $help:literal) => {
        Field {
            key: stringify!($key),
            symbol: $symbol,
            label: $label,
            help: $help,
            unit: Unit::$unit,
            bounds: $bounds,
            access: $kind!($cat.$key),
        }
    };
}

/// The reduction, growth and risk every category ends with.
macro_rules! common {
    ($cat:ident) => {
        [
            Field {
                key: "reduction",
                symbol: "",
                label: "Reduction",
                help: "The improvement the programme brings, as a share of the baseline cost.",
                unit: Unit::Fraction,
                bounds: FRACTION,
                access: decimal!($cat.reduction),
            },
            Field {
                key: "growth",
                symbol: "",
                label: "Growth a year",
                help: "Annual escalation of the baseline cost (-50 % to 100 %); year y's saving is multiplied by (1 + growth)^y.",
                unit: Unit::Fraction,
                bounds: GROWTH,
                access: decimal!($cat.growth),
            },
            Field {
                key: "risk",
                symbol: "",
                label: "Risk",
                help: "The share of the benefit written off in the risk-adjusted view.",
                unit: Unit::Fraction,
                bounds: FRACTION,
                access: decimal!($cat.risk),
            },
        ]
    };
}

/// A category's fields: its drivers, then reduction, growth and risk.
macro_rules! fields {
    ($cat:ident: $($driver:expr),+ $(,)?) => {{
        const COMMON: [Field; 3] = common!($cat);
        &[$($driver,)+ COMMON[0], COMMON[1], COMMON[2]]
    }};
}

const TEM_INFRASTRUCTURE: &[Field] = fields!(tem_infrastructure:
    driver!(tem_infrastructure.environments, whole, "E", "Environments (E)", Count, COUNT,
        "E: lower (non-production) environments in the estate."),
    driver!(tem_infrastructure.servers_per_environment, decimal, "S", "Servers per environment (S)", Quantity, QUANTITY,
        "S: servers in each environment; may be fractional."),
    driver!(tem_infrastructure.cost_per_server_year, decimal, "C", "Cost per server a year (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one server for a year."),
);

const TEM_LICENCES: &[Field] = fields!(tem_licences:
    driver!(tem_licences.licences, whole, "L", "Licences (L)", Count, COUNT,
        "L: software licences used in lower environments."),
    driver!(tem_licences.cost_per_licence_year, decimal, "C", "Cost per licence a year (C)", Money, UNIT_PRICE,
        "C: cost of one licence for a year."),
);

const TEM_SERVICES: &[Field] = fields!(tem_services:
    driver!(tem_services.requests_per_year, whole, "Q", "Requests a year (Q)", Count, COUNT,
        "Q: environment requests (bookings, builds, refreshes) a year."),
    driver!(tem_services.hours_per_request, decimal, "h", "Hours per request (h)", Hours, QUANTITY,
        "h: hours of effort to fulfil one request."),
    driver!(tem_services.cost_per_hour, decimal, "C", "Cost per hour (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one hour of work."),
);

const TEM_HEADCOUNT: &[Field] = fields!(tem_headcount:
    driver!(tem_headcount.fte, decimal, "F", "Full-time equivalents (F)", Fte, FTE,
        "F: full-time equivalents managing environments."),
    driver!(tem_headcount.cost_per_fte_year, decimal, "C", "Cost per FTE a year (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one FTE for a year."),
);

const TDM_INFRASTRUCTURE: &[Field] = fields!(tdm_infrastructure:
    driver!(tdm_infrastructure.production_data_tb, decimal, "D", "Production data (D)", Terabytes, TERABYTES,
        "D: production data, in terabytes."),
    driver!(tdm_infrastructure.non_production_copies, whole, "K", "Non-production copies (K)", Count, COPIES,
        "K: full copies of production data kept for testing."),
    driver!(tdm_infrastructure.cost_per_tb_year, decimal, "C", "Cost per TB a year (C)", Money, UNIT_PRICE,
        "C: cost of storing one TB for a year."),
);

/// The drivers of a productivity category (testers or developers).
macro_rules! productivity {
    ($cat:ident) => {
        fields!($cat:
            driver!($cat.people, whole, "N", "People (N)", Count, COUNT,
                "N: people affected by waiting for or preparing test data."),
            driver!($cat.hours_per_person_month, decimal, "W", "Hours lost per person a month (W)", Hours, HOURS_PER_MONTH,
                "W: hours each person loses a month to test data (at most 744, a month's hours)."),
            driver!($cat.cost_per_hour, decimal, "C", "Cost per hour (C)", Money, UNIT_PRICE,
                "C: fully loaded cost of one hour of work."),
        )
    };
}

const TDM_TESTER_PRODUCTIVITY: &[Field] = productivity!(tdm_tester_productivity);
const TDM_DEVELOPER_PRODUCTIVITY: &[Field] = productivity!(tdm_developer_productivity);

const TDM_SUPPORT: &[Field] = fields!(tdm_support:
    driver!(tdm_support.defects_per_year, whole, "P", "Defects a year (P)", Count, COUNT,
        "P: defects a year caused by poor test data."),
    driver!(tdm_support.cost_per_defect, decimal, "C", "Cost per defect (C)", Money, UNIT_PRICE,
        "C: cost to find, fix and retest one defect."),
);

const TDM_BREACH: &[Field] = fields!(tdm_breach:
    driver!(tdm_breach.annual_probability, decimal, "p", "Breach probability a year (p)", Fraction, FRACTION,
        "p: chance in a year of a breach from non-production data."),
    driver!(tdm_breach.breach_cost, decimal, "B", "Cost of one breach (B)", Money, AMOUNT,
        "B: cost of one breach."),
);

use Term::{Field as F, MonthsPerYear as Twelve};

impl Category {
    /// Every category, in the order of MODEL.md section 2.
    pub const ALL: [Self; 9] = [
        Self::TemInfrastructure,
        Self::TemLicences,
        Self::TemServices,
        Self::TemHeadcount,
        Self::TdmInfrastructure,
        Self::TdmTesterProductivity,
        Self::TdmDeveloperProductivity,
        Self::TdmSupport,
        Self::TdmBreach,
    ];

    /// The key in files and paths, e.g. `tem_infrastructure`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::TemInfrastructure => "tem_infrastructure",
            Self::TemLicences => "tem_licences",
            Self::TemServices => "tem_services",
            Self::TemHeadcount => "tem_headcount",
            Self::TdmInfrastructure => "tdm_infrastructure",
            Self::TdmTesterProductivity => "tdm_tester_productivity",
            Self::TdmDeveloperProductivity => "tdm_developer_productivity",
            Self::TdmSupport => "tdm_support",
            Self::TdmBreach => "tdm_breach",
        }
    }

    /// The category with key `key`.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The human name, e.g. "TEM infrastructure".
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::TemInfrastructure => "TEM infrastructure",
            Self::TemLicences => "TEM licences",
            Self::TemServices => "TEM services",
            Self::TemHeadcount => "TEM headcount",
            Self::TdmInfrastructure => "TDM storage",
            Self::TdmTesterProductivity => "TDM tester productivity",
            Self::TdmDeveloperProductivity => "TDM developer productivity",
            Self::TdmSupport => "TDM support and rework",
            Self::TdmBreach => "TDM data-breach exposure",
        }
    }

    /// The programme whose ramp realises the category.
    #[must_use]
    pub const fn programme(self) -> ProgrammeRef {
        match self {
            Self::TemInfrastructure
            | Self::TemLicences
            | Self::TemServices
            | Self::TemHeadcount => ProgrammeRef::Tem,
            Self::TdmInfrastructure
            | Self::TdmTesterProductivity
            | Self::TdmDeveloperProductivity
            | Self::TdmSupport
            | Self::TdmBreach => ProgrammeRef::Tdm,
        }
    }

    /// Every field: the drivers, then reduction, growth and risk.
    #[must_use]
    pub const fn fields(self) -> &'static [Field] {
        match self {
            Self::TemInfrastructure => TEM_INFRASTRUCTURE,
            Self::TemLicences => TEM_LICENCES,
            Self::TemServices => TEM_SERVICES,
            Self::TemHeadcount => TEM_HEADCOUNT,
            Self::TdmInfrastructure => TDM_INFRASTRUCTURE,
            Self::TdmTesterProductivity => TDM_TESTER_PRODUCTIVITY,
            Self::TdmDeveloperProductivity => TDM_DEVELOPER_PRODUCTIVITY,
            Self::TdmSupport => TDM_SUPPORT,
            Self::TdmBreach => TDM_BREACH,
        }
    }

    /// The field with key `key`.
    #[must_use]
    pub fn field(self, key: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.key == key)
    }

    /// The annual-saving formula `A` of MODEL.md section 2, its terms
    /// multiplied left to right in this order.
    #[must_use]
    pub const fn formula(self) -> &'static [Term] {
        match self {
            Self::TemInfrastructure => &[
                F("environments"),
                F("servers_per_environment"),
                F("cost_per_server_year"),
                F("reduction"),
            ],
            Self::TemLicences => &[F("licences"), F("cost_per_licence_year"), F("reduction")],
            Self::TemServices => &[
                F("requests_per_year"),
                F("hours_per_request"),
                F("cost_per_hour"),
                F("reduction"),
            ],
            Self::TemHeadcount => &[F("fte"), F("cost_per_fte_year"), F("reduction")],
            Self::TdmInfrastructure => &[
                F("production_data_tb"),
                F("non_production_copies"),
                F("cost_per_tb_year"),
                F("reduction"),
            ],
            Self::TdmTesterProductivity | Self::TdmDeveloperProductivity => &[
                F("people"),
                F("hours_per_person_month"),
                Twelve,
                F("cost_per_hour"),
                F("reduction"),
            ],
            Self::TdmSupport => &[F("defects_per_year"), F("cost_per_defect"), F("reduction")],
            Self::TdmBreach => &[F("annual_probability"), F("breach_cost"), F("reduction")],
        }
    }

    /// The formula in symbols, for tooltips: "Annual saving A = E x S x C x
    /// reduction."
    #[must_use]
    pub fn formula_help(self) -> String {
        let terms: Vec<&str> = self
            .formula()
            .iter()
            .map(|term| match term {
                Term::Field(key) => self
                    .field(key)
                    .map_or(*key, |f| if f.symbol.is_empty() { f.key } else { f.symbol }),
                Term::MonthsPerYear => "12",
            })
            .collect();
        format!("Annual saving A = {}.", terms.join(" x "))
    }

    /// `A`, the unrounded annual saving at today's prices: the formula's
    /// terms multiplied left to right.
    #[must_use]
    pub fn annual_saving(self, b: &Benefits) -> Decimal {
        let mut product: Option<Decimal> = None;
        for term in self.formula() {
            let value = match term {
                Term::Field(key) => self.field(key).map_or(Decimal::ZERO, |f| f.get(b)),
                Term::MonthsPerYear => Decimal::from(12),
            };
            product = Some(product.map_or(value, |p| p * value));
        }
        product.unwrap_or(Decimal::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_term_names_a_field_of_its_category() {
        for c in Category::ALL {
            for term in c.formula() {
                if let Term::Field(key) = term {
                    assert!(c.field(key).is_some(), "{}: {key}", c.key());
                }
            }
            assert_eq!(Category::from_key(c.key()), Some(c));
        }
    }

    #[test]
    fn every_category_ends_with_reduction_growth_and_risk() {
        for c in Category::ALL {
            let keys: Vec<&str> = c.fields().iter().map(|f| f.key).collect();
            assert_eq!(keys[keys.len() - 3..], ["reduction", "growth", "risk"]);
        }
    }

    #[test]
    fn the_formula_help_is_written_in_symbols() {
        assert_eq!(
            Category::TemInfrastructure.formula_help(),
            "Annual saving A = E x S x C x reduction."
        );
        assert_eq!(
            Category::TdmTesterProductivity.formula_help(),
            "Annual saving A = N x W x 12 x C x reduction."
        );
    }
}
