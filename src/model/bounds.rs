//! Units and allowed ranges of numeric inputs: how a value is shown and
//! typed ([`Unit`]) and the inclusive range it must lie in ([`Bounds`]),
//! with the named ranges MODEL.md section 2 uses.

use rust_decimal::Decimal;

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
    /// A plain quantity (servers per environment, hours per request).
    Quantity,
    /// Full-time equivalents.
    Fte,
    /// Terabytes.
    Terabytes,
    /// Hours.
    Hours,
}

impl Unit {
    /// The unit's word in tables and CSV: `money`, `fraction`, `months`,
    /// `count`, `quantity`, `fte`, `terabytes`, `hours`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Money => "money",
            Self::Fraction => "fraction",
            Self::Months => "months",
            Self::Count => "count",
            Self::Quantity => "quantity",
            Self::Fte => "fte",
            Self::Terabytes => "terabytes",
            Self::Hours => "hours",
        }
    }
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
    /// Whole numbers from `min` to `max`.
    #[must_use]
    pub const fn whole(min: u32, max: u32) -> Self {
        Self::new(min as i64, max as i64, true)
    }

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
/// Environments of one estate row.
pub const ENVIRONMENTS: Bounds = Bounds::new(0, 1_000, true);
/// Hours powered a week (`hours_per_week` must also be more than 0).
pub const HOURS_PER_WEEK: Bounds = Bounds::new(0, 168, false);
/// Refreshes a year: at most one an hour.
pub const REFRESHES: Bounds = Bounds::new(0, 8_760, true);
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
/// `H`, the horizon in months.
pub const HORIZON: Bounds = Bounds::whole(12, 120);
/// Hours per person per month (a month has at most 744 hours).
pub const HOURS_PER_MONTH: Bounds = Bounds::new(0, 744, false);
