//! The one definition of every benefit category of MODEL.md section 2 and
//! of each of its fields: key, label, symbol, unit, help text, allowed
//! range, programme and formula. The inputs panel, validation, input
//! paths, the command line's messages, the tables and the formulas shown
//! with their numbers are all driven from here, so adding a field is one
//! entry in its category's list in `category/fields.rs` (plus its term in
//! the formula), and adding a category is one variant whose every `match`
//! the compiler asks for.

use rust_decimal::Decimal;

use super::bounds::{Bounds, Unit};
use super::scenario::{Benefits, Nature, ProgrammeRef, Scenario};

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
    /// TEM environment availability: `H x N x 12 x C x reduction`
    /// (format 2, optional).
    TemAvailability,
    /// TDM data refresh effort: `Q x h x C x reduction` (format 2,
    /// optional).
    TdmRefresh,
}

/// Where a field's value lives in [`Benefits`], for reading and writing.
#[derive(Clone, Copy)]
pub enum Access {
    /// A decimal field.
    Decimal(fn(&Benefits) -> &Decimal, fn(&mut Benefits) -> &mut Decimal),
    /// A whole-number field.
    Whole(fn(&Benefits) -> &u32, fn(&mut Benefits) -> &mut u32),
    /// A share that is 1 unless the file gives it (the recapture share of a
    /// capacity line, MODEL.md 11.2).
    Share(
        fn(&Benefits) -> &Option<Decimal>,
        fn(&mut Benefits) -> &mut Option<Decimal>,
    ),
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
            Access::Share(get, _) => get(b).unwrap_or(Decimal::ONE),
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

mod fields;
use fields::{
    TDM_BREACH, TDM_DEVELOPER_PRODUCTIVITY, TDM_INFRASTRUCTURE, TDM_REFRESH, TDM_SUPPORT,
    TDM_TESTER_PRODUCTIVITY, TEM_AVAILABILITY, TEM_HEADCOUNT, TEM_INFRASTRUCTURE, TEM_LICENCES,
    TEM_SERVICES,
};

use Term::{Field as F, MonthsPerYear as Twelve};

impl Category {
    /// Every category, in the order of MODEL.md section 2.
    pub const ALL: [Self; 11] = [
        Self::TemInfrastructure,
        Self::TemLicences,
        Self::TemServices,
        Self::TemHeadcount,
        Self::TemAvailability,
        Self::TdmInfrastructure,
        Self::TdmTesterProductivity,
        Self::TdmDeveloperProductivity,
        Self::TdmSupport,
        Self::TdmBreach,
        Self::TdmRefresh,
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
            Self::TemAvailability => "tem_availability",
            Self::TdmRefresh => "tdm_refresh",
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
            Self::TemAvailability => "TEM environment availability",
            Self::TdmRefresh => "TDM data refresh effort",
        }
    }

    /// The programme whose ramp realises the category.
    #[must_use]
    pub const fn programme(self) -> ProgrammeRef {
        match self {
            Self::TemInfrastructure
            | Self::TemLicences
            | Self::TemServices
            | Self::TemHeadcount
            | Self::TemAvailability => ProgrammeRef::Tem,
            Self::TdmInfrastructure
            | Self::TdmTesterProductivity
            | Self::TdmDeveloperProductivity
            | Self::TdmSupport
            | Self::TdmBreach
            | Self::TdmRefresh => ProgrammeRef::Tdm,
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
            Self::TemAvailability => TEM_AVAILABILITY,
            Self::TdmRefresh => TDM_REFRESH,
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
            Self::TemAvailability => &[
                F("hours_per_month"),
                F("people_blocked"),
                Twelve,
                F("cost_per_hour"),
                F("reduction"),
            ],
            Self::TdmRefresh => &[
                F("refreshes_per_year"),
                F("hours_per_refresh"),
                F("cost_per_hour"),
                F("reduction"),
            ],
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

    /// Whether the line removes spend or frees time (MODEL.md 11.2).
    #[must_use]
    pub const fn nature(self) -> Nature {
        match self {
            Self::TemInfrastructure
            | Self::TemLicences
            | Self::TemServices
            | Self::TdmInfrastructure
            | Self::TdmBreach => Nature::Cash,
            Self::TemHeadcount
            | Self::TemAvailability
            | Self::TdmTesterProductivity
            | Self::TdmDeveloperProductivity
            | Self::TdmSupport
            | Self::TdmRefresh => Nature::Capacity,
        }
    }

    /// Whether the category may be left out of a file (MODEL.md 11.1).
    #[must_use]
    pub const fn is_optional(self) -> bool {
        matches!(self, Self::TemAvailability | Self::TdmRefresh)
    }

    /// Whether `b` has the category: the nine always, the optional ones
    /// when written.
    #[must_use]
    pub const fn is_present(self, b: &Benefits) -> bool {
        match self {
            Self::TemAvailability => b.tem_availability.is_some(),
            Self::TdmRefresh => b.tdm_refresh.is_some(),
            _ => true,
        }
    }

    /// The categories `b` has, in the order of [`Category::ALL`].
    pub fn present(b: &Benefits) -> impl Iterator<Item = Self> + '_ {
        Self::ALL.into_iter().filter(move |c| c.is_present(b))
    }

    /// The recapture share the file gives, `None` for a cash category or
    /// when the file does not say.
    #[must_use]
    pub fn recapture(self, b: &Benefits) -> Option<Decimal> {
        match self.field("recapture").map(|f| f.access) {
            Some(Access::Share(get, _)) => *get(b),
            _ => None,
        }
    }

    /// Whether the estate derives this category's `A` (MODEL.md 11.3).
    #[must_use]
    pub fn is_derived(self, s: &Scenario) -> bool {
        let Some(estate) = &s.estate else {
            return false;
        };
        match self {
            Self::TemInfrastructure | Self::TemLicences => estate.derives_environments(),
            Self::TdmInfrastructure | Self::TdmRefresh => estate.derives_databases(),
            _ => false,
        }
    }

    /// Whether field `key` is a driver the estate replaces while it
    /// derives the category (unused, and left out of the analyses).
    #[must_use]
    pub fn is_replaced_driver(self, s: &Scenario, key: &str) -> bool {
        self.is_derived(s)
            && !matches!(key, "reduction" | "growth" | "risk" | "recapture")
            && !(self == Self::TdmRefresh && key == "cost_per_hour")
    }

    /// `A` of MODEL.md section 2 and 11: from the estate when it derives
    /// the category, otherwise the formula of [`Category::annual_saving`].
    #[must_use]
    pub fn saving(self, s: &Scenario) -> Decimal {
        let b = &s.benefits;
        if let Some(estate) = s.estate.as_ref().filter(|_| self.is_derived(s)) {
            let reduction = self.field("reduction").map_or(Decimal::ZERO, |f| f.get(b));
            return match self {
                Self::TemInfrastructure => estate.infrastructure_saving(reduction),
                Self::TemLicences => estate.licence_saving(reduction),
                Self::TdmInfrastructure => estate.storage_saving(reduction),
                _ => {
                    let cost_per_hour = b
                        .tdm_refresh
                        .as_ref()
                        .map_or(Decimal::ZERO, |r| r.cost_per_hour);
                    estate.refresh_saving(reduction, cost_per_hour)
                }
            };
        }
        self.annual_saving(b)
    }

    /// What the line counts as money a year: `A x rho` (MODEL.md 11.2).
    #[must_use]
    pub fn counted_saving(self, s: &Scenario) -> Decimal {
        let a = self.saving(s);
        match self.recapture(&s.benefits) {
            Some(rho) => a * rho,
            None => a,
        }
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
            let mut keys: Vec<&str> = c.fields().iter().map(|f| f.key).collect();
            // A capacity category ends with its recapture share (MODEL.md 11.2).
            assert_eq!(
                keys.last() == Some(&"recapture"),
                c.nature() == Nature::Capacity
            );
            if c.nature() == Nature::Capacity {
                keys.pop();
            }
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
