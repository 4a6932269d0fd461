//! The estate inventory of MODEL.md 11.3: the lower environments and the
//! databases an analyst knows by name, and the annual savings of the
//! categories they derive.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::bounds::{
    Bounds, COPIES, ENVIRONMENTS, HOURS_PER_WEEK, QUANTITY, REFRESHES, TERABYTES, UNIT_PRICE, Unit,
};
use super::exact;
use super::inputs::{InputSpec, whole};

/// At most this many rows in each list.
pub const MAX_ROWS: usize = 500;

/// The inventory: either list may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estate {
    /// Lower environments; when not empty they derive TEM infrastructure
    /// and TEM licences.
    #[serde(default)]
    pub environments: Vec<Environment>,
    /// Databases; when not empty they derive TDM storage and TDM refresh
    /// effort.
    #[serde(default)]
    pub databases: Vec<Database>,
}

/// What an environment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EnvironmentKind {
    /// Development.
    Dev,
    /// System integration testing.
    Sit,
    /// User acceptance testing.
    Uat,
    /// Staging or pre-production.
    Staging,
    /// Performance testing.
    Performance,
    /// Training.
    Training,
    /// Anything else.
    Other,
}

impl EnvironmentKind {
    /// Every kind, in the order subtotals are shown.
    pub const ALL: [Self; 7] = [
        Self::Dev,
        Self::Sit,
        Self::Uat,
        Self::Staging,
        Self::Performance,
        Self::Training,
        Self::Other,
    ];

    /// The word shown for the kind.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Dev => "Dev",
            Self::Sit => "SIT",
            Self::Uat => "UAT",
            Self::Staging => "Staging",
            Self::Performance => "Performance",
            Self::Training => "Training",
            Self::Other => "Other",
        }
    }
}

/// One row of environments of the same shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Unique among environments.
    pub name: String,
    /// What it is for.
    pub kind: EnvironmentKind,
    /// `n`, environments of this shape.
    pub count: u32,
    /// `S`, servers in each.
    #[serde(with = "exact")]
    pub servers: Decimal,
    /// `Cs`, cost of one server a year.
    #[serde(with = "exact")]
    pub cost_per_server_year: Decimal,
    /// `L`, licences in each.
    #[serde(with = "exact")]
    pub licences: Decimal,
    /// `Cl`, cost of one licence a year.
    #[serde(with = "exact")]
    pub cost_per_licence_year: Decimal,
    /// `w`, hours powered a week today.
    #[serde(with = "exact")]
    pub hours_per_week: Decimal,
    /// `w'`, hours powered a week after TEM.
    #[serde(with = "exact")]
    pub hours_per_week_after: Decimal,
}

/// One database and its non-production copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Unique among databases.
    pub name: String,
    /// `D`, production size in TB.
    #[serde(with = "exact")]
    pub production_tb: Decimal,
    /// `K`, full non-production copies today.
    pub copies: u32,
    /// `Ct`, cost of one TB a year.
    #[serde(with = "exact")]
    pub cost_per_tb_year: Decimal,
    /// `R`, refreshes a year today.
    pub refreshes_per_year: u32,
    /// `h`, hours of effort per refresh today.
    #[serde(with = "exact")]
    pub hours_per_refresh: Decimal,
    /// `K'`, non-production copies after TDM.
    pub copies_after: u32,
    /// `R'`, refreshes a year after TDM.
    pub refreshes_per_year_after: u32,
    /// `h'`, hours of effort per refresh after TDM.
    #[serde(with = "exact")]
    pub hours_per_refresh_after: Decimal,
}

impl Environment {
    /// Today's server cost a year, `n x S x Cs`.
    #[must_use]
    pub fn server_cost(&self) -> Decimal {
        Decimal::from(self.count) * self.servers * self.cost_per_server_year
    }

    /// Today's licence cost a year, `n x L x Cl`.
    #[must_use]
    pub fn licence_cost(&self) -> Decimal {
        Decimal::from(self.count) * self.licences * self.cost_per_licence_year
    }

    /// The row's term of TEM infrastructure's `A`:
    /// `n x S x Cs x (w - (1 - r) x w') / w` (0 when `w` is 0, which
    /// validation refuses).
    #[must_use]
    pub fn infrastructure_saving(&self, reduction: Decimal) -> Decimal {
        if self.hours_per_week.is_zero() {
            return Decimal::ZERO;
        }
        let kept = (Decimal::ONE - reduction) * self.hours_per_week_after;
        self.server_cost() * (self.hours_per_week - kept) / self.hours_per_week
    }

    /// The row's term of TEM licences' `A`: `n x L x Cl x r`.
    #[must_use]
    pub fn licence_saving(&self, reduction: Decimal) -> Decimal {
        self.licence_cost() * reduction
    }
}

impl Database {
    /// Today's storage cost a year, `D x K x Ct`.
    #[must_use]
    pub fn storage_cost(&self) -> Decimal {
        self.production_tb * Decimal::from(self.copies) * self.cost_per_tb_year
    }

    /// The row's term of TDM storage's `A`: `D x Ct x (K - K' x (1 - r))`.
    #[must_use]
    pub fn storage_saving(&self, reduction: Decimal) -> Decimal {
        let kept = Decimal::from(self.copies_after) * (Decimal::ONE - reduction);
        self.production_tb * self.cost_per_tb_year * (Decimal::from(self.copies) - kept)
    }

    /// Today's refresh effort a year in hours, `R x h`.
    #[must_use]
    pub fn refresh_hours(&self) -> Decimal {
        Decimal::from(self.refreshes_per_year) * self.hours_per_refresh
    }

    /// The row's hours of TDM refresh effort saved a year, before the cost
    /// per hour: `R x h - R' x h' x (1 - r)`.
    #[must_use]
    pub fn refresh_hours_saved(&self, reduction: Decimal) -> Decimal {
        let after = Decimal::from(self.refreshes_per_year_after)
            * self.hours_per_refresh_after
            * (Decimal::ONE - reduction);
        self.refresh_hours() - after
    }
}

impl Estate {
    /// Whether the environments derive TEM infrastructure and licences.
    #[must_use]
    pub fn derives_environments(&self) -> bool {
        !self.environments.is_empty()
    }

    /// Whether the databases derive TDM storage and refresh effort.
    #[must_use]
    pub fn derives_databases(&self) -> bool {
        !self.databases.is_empty()
    }

    /// TEM infrastructure's `A`: the exact sum of the rows' terms.
    #[must_use]
    pub fn infrastructure_saving(&self, reduction: Decimal) -> Decimal {
        self.environments
            .iter()
            .map(|e| e.infrastructure_saving(reduction))
            .sum()
    }

    /// TEM licences' `A`.
    #[must_use]
    pub fn licence_saving(&self, reduction: Decimal) -> Decimal {
        self.environments
            .iter()
            .map(|e| e.licence_saving(reduction))
            .sum()
    }

    /// TDM storage's `A`.
    #[must_use]
    pub fn storage_saving(&self, reduction: Decimal) -> Decimal {
        self.databases
            .iter()
            .map(|d| d.storage_saving(reduction))
            .sum()
    }

    /// TDM refresh effort's `A`: `C x` the sum of the rows' hours saved.
    #[must_use]
    pub fn refresh_saving(&self, reduction: Decimal, cost_per_hour: Decimal) -> Decimal {
        let hours: Decimal = self
            .databases
            .iter()
            .map(|d| d.refresh_hours_saved(reduction))
            .sum();
        cost_per_hour * hours
    }
}

/// One numeric field of an estate row.
#[derive(Debug, Clone, Copy)]
pub struct RowField {
    /// The key in files and paths.
    pub key: &'static str,
    /// The column heading.
    pub label: &'static str,
    /// How it is shown and typed.
    pub unit: Unit,
    /// Its allowed range.
    pub bounds: Bounds,
}

impl RowField {
    /// The label after a row's name ("SIT: hours a week after TEM"): the
    /// first letter lower-cased, acronyms kept.
    #[must_use]
    pub fn lower_label(&self) -> String {
        let mut chars = self.label.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_lowercase().chain(chars).collect()
        })
    }
}

const fn field(key: &'static str, label: &'static str, unit: Unit, bounds: Bounds) -> RowField {
    RowField {
        key,
        label,
        unit,
        bounds,
    }
}

/// The numbers of an environment row, in file order.
pub const ENVIRONMENT_FIELDS: [RowField; 7] = [
    field("count", "Count", Unit::Count, ENVIRONMENTS),
    field("servers", "Servers each", Unit::Quantity, QUANTITY),
    field(
        "cost_per_server_year",
        "Cost per server a year",
        Unit::Money,
        UNIT_PRICE,
    ),
    field("licences", "Licences each", Unit::Quantity, QUANTITY),
    field(
        "cost_per_licence_year",
        "Cost per licence a year",
        Unit::Money,
        UNIT_PRICE,
    ),
    field(
        "hours_per_week",
        "Hours a week today",
        Unit::Hours,
        HOURS_PER_WEEK,
    ),
    field(
        "hours_per_week_after",
        "Hours a week after TEM",
        Unit::Hours,
        HOURS_PER_WEEK,
    ),
];

/// The numbers of a database row, in file order.
pub const DATABASE_FIELDS: [RowField; 8] = [
    field("production_tb", "Production TB", Unit::Terabytes, TERABYTES),
    field("copies", "Copies today", Unit::Count, COPIES),
    field(
        "cost_per_tb_year",
        "Cost per TB a year",
        Unit::Money,
        UNIT_PRICE,
    ),
    field(
        "refreshes_per_year",
        "Refreshes a year today",
        Unit::Count,
        REFRESHES,
    ),
    field(
        "hours_per_refresh",
        "Hours per refresh today",
        Unit::Hours,
        QUANTITY,
    ),
    field("copies_after", "Copies after TDM", Unit::Count, COPIES),
    field(
        "refreshes_per_year_after",
        "Refreshes a year after TDM",
        Unit::Count,
        REFRESHES,
    ),
    field(
        "hours_per_refresh_after",
        "Hours per refresh after TDM",
        Unit::Hours,
        QUANTITY,
    ),
];

/// A number of an environment row, by key.
pub enum Slot<'a> {
    /// A decimal field.
    Decimal(&'a mut Decimal),
    /// A whole-number field.
    Whole(&'a mut u32),
}

impl Environment {
    /// The value of field `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Decimal> {
        Some(match key {
            "count" => Decimal::from(self.count),
            "servers" => self.servers,
            "cost_per_server_year" => self.cost_per_server_year,
            "licences" => self.licences,
            "cost_per_licence_year" => self.cost_per_licence_year,
            "hours_per_week" => self.hours_per_week,
            "hours_per_week_after" => self.hours_per_week_after,
            _ => return None,
        })
    }

    /// Where field `key` lives.
    pub fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        Some(match key {
            "count" => Slot::Whole(&mut self.count),
            "servers" => Slot::Decimal(&mut self.servers),
            "cost_per_server_year" => Slot::Decimal(&mut self.cost_per_server_year),
            "licences" => Slot::Decimal(&mut self.licences),
            "cost_per_licence_year" => Slot::Decimal(&mut self.cost_per_licence_year),
            "hours_per_week" => Slot::Decimal(&mut self.hours_per_week),
            "hours_per_week_after" => Slot::Decimal(&mut self.hours_per_week_after),
            _ => return None,
        })
    }
}

impl Database {
    /// The value of field `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Decimal> {
        Some(match key {
            "production_tb" => self.production_tb,
            "copies" => Decimal::from(self.copies),
            "cost_per_tb_year" => self.cost_per_tb_year,
            "refreshes_per_year" => Decimal::from(self.refreshes_per_year),
            "hours_per_refresh" => self.hours_per_refresh,
            "copies_after" => Decimal::from(self.copies_after),
            "refreshes_per_year_after" => Decimal::from(self.refreshes_per_year_after),
            "hours_per_refresh_after" => self.hours_per_refresh_after,
            _ => return None,
        })
    }

    /// Where field `key` lives.
    pub fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        Some(match key {
            "production_tb" => Slot::Decimal(&mut self.production_tb),
            "copies" => Slot::Whole(&mut self.copies),
            "cost_per_tb_year" => Slot::Decimal(&mut self.cost_per_tb_year),
            "refreshes_per_year" => Slot::Whole(&mut self.refreshes_per_year),
            "hours_per_refresh" => Slot::Decimal(&mut self.hours_per_refresh),
            "copies_after" => Slot::Whole(&mut self.copies_after),
            "refreshes_per_year_after" => Slot::Whole(&mut self.refreshes_per_year_after),
            "hours_per_refresh_after" => Slot::Decimal(&mut self.hours_per_refresh_after),
            _ => return None,
        })
    }
}

/// The estate's inputs (MODEL.md 11.3): every number of every row.
#[must_use]
pub fn inputs(estate: &Estate) -> Vec<InputSpec> {
    let spec = |list: &str, name: &str, f: &RowField| InputSpec {
        path: format!("estate.{list}.{name}.{}", f.key),
        label: format!("{name}: {}", f.lower_label()),
        unit: f.unit,
        bounds: f.bounds,
    };
    let mut out = Vec::new();
    for e in &estate.environments {
        out.extend(
            ENVIRONMENT_FIELDS
                .iter()
                .map(|f| spec("environments", &e.name, f)),
        );
    }
    for d in &estate.databases {
        out.extend(
            DATABASE_FIELDS
                .iter()
                .map(|f| spec("databases", &d.name, f)),
        );
    }
    out
}

/// `(list, name, field)` of an estate path (a name may hold dots).
fn parse(path: &str) -> Option<(&str, &str, &str)> {
    let rest = path.strip_prefix("estate.")?;
    let (list, rest) = rest.split_once('.')?;
    let (name, key) = rest.rsplit_once('.')?;
    Some((list, name, key))
}

/// The value at an estate path.
#[must_use]
pub fn get(estate: &Estate, path: &str) -> Option<Decimal> {
    match parse(path)? {
        ("environments", name, key) => estate
            .environments
            .iter()
            .find(|e| e.name == name)?
            .get(key),
        ("databases", name, key) => estate.databases.iter().find(|d| d.name == name)?.get(key),
        _ => None,
    }
}

/// Sets the value at an estate path (a whole number rounded to the
/// nearest); `false` when the path names nothing or the value is no `u32`.
pub fn set(estate: &mut Estate, path: &str, value: Decimal) -> bool {
    let slot = match parse(path) {
        Some(("environments", name, key)) => estate
            .environments
            .iter_mut()
            .find(|e| e.name == name)
            .and_then(|e| e.slot(key)),
        Some(("databases", name, key)) => estate
            .databases
            .iter_mut()
            .find(|d| d.name == name)
            .and_then(|d| d.slot(key)),
        _ => None,
    };
    match slot {
        Some(Slot::Decimal(d)) => {
            *d = value;
            true
        }
        Some(Slot::Whole(n)) => whole(value).map(|v| *n = v).is_some(),
        None => false,
    }
}
