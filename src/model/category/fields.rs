//! The fields of every category (MODEL.md section 2 and 11.1): key,
//! symbol, label, help text, unit, allowed range and how each is read and
//! written in [`Benefits`](crate::model::scenario::Benefits), one list per
//! category. [`Category`](super::Category) reads them from here.

use rust_decimal::Decimal;

use super::{Access, Field};
use crate::model::bounds::{
    AMOUNT, COPIES, COUNT, FRACTION, FTE, GROWTH, HOURS_PER_MONTH, QUANTITY, REFRESHES, TERABYTES,
    UNIT_PRICE, Unit,
};
use crate::model::scenario::{TdmRefresh, TemAvailability};

/// The value an absent optional category reads as (all zero), so that its
/// fields can be read like any other.
struct Absent {
    tem_availability: TemAvailability,
    tdm_refresh: TdmRefresh,
}

static ABSENT: Absent = Absent {
    tem_availability: TemAvailability {
        hours_per_month: Decimal::ZERO,
        people_blocked: 0,
        cost_per_hour: Decimal::ZERO,
        reduction: Decimal::ZERO,
        growth: Decimal::ZERO,
        risk: Decimal::ZERO,
        recapture: None,
    },
    tdm_refresh: TdmRefresh {
        refreshes_per_year: 0,
        hours_per_refresh: Decimal::ZERO,
        cost_per_hour: Decimal::ZERO,
        reduction: Decimal::ZERO,
        growth: Decimal::ZERO,
        risk: Decimal::ZERO,
        recapture: None,
    },
};

/// `b.$cat`, for reading, also when the category is optional and absent.
macro_rules! read_cat {
    ($b:ident, tem_availability) => {
        $b.tem_availability
            .as_ref()
            .unwrap_or(&ABSENT.tem_availability)
    };
    ($b:ident, tdm_refresh) => {
        $b.tdm_refresh.as_ref().unwrap_or(&ABSENT.tdm_refresh)
    };
    ($b:ident, $cat:ident) => {
        $b.$cat
    };
}

/// `b.$cat`, for writing: an optional category is created (all zero) when
/// first written.
macro_rules! write_cat {
    ($b:ident, tem_availability) => {
        $b.tem_availability.get_or_insert_with(Default::default)
    };
    ($b:ident, tdm_refresh) => {
        $b.tdm_refresh.get_or_insert_with(Default::default)
    };
    ($b:ident, $cat:ident) => {
        $b.$cat
    };
}

/// Defines a decimal field of `$cat` in [`Benefits`].
macro_rules! decimal {
    ($cat:ident . $field:ident) => {
        Access::Decimal(
            |b| &read_cat!(b, $cat).$field,
            |b| &mut write_cat!(b, $cat).$field,
        )
    };
}

/// Defines a whole-number field of `$cat` in [`Benefits`].
macro_rules! whole {
    ($cat:ident . $field:ident) => {
        Access::Whole(
            |b| &read_cat!(b, $cat).$field,
            |b| &mut write_cat!(b, $cat).$field,
        )
    };
}

/// The recapture share of capacity category `$cat` (MODEL.md 11.2).
macro_rules! recapture {
    ($cat:ident) => {
        Field {
            key: "recapture",
            symbol: "rho",
            label: "Recapture",
            help: "The share of the freed time that becomes money (redeployment, hiring avoided); the rest is shown as freed capacity, not money. 100 % unless set; Forrester TEI studies commonly count 50 %.",
            unit: Unit::Fraction,
            bounds: FRACTION,
            access: Access::Share(|b| &read_cat!(b, $cat).recapture, |b| &mut write_cat!(b, $cat).recapture),
        }
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

/// A category's fields: its drivers, then reduction, growth and risk (and
/// the recapture share of a capacity category).
macro_rules! fields {
    ($cat:ident: $($driver:expr),+ $(,)?) => {{
        const COMMON: [Field; 3] = common!($cat);
        &[$($driver,)+ COMMON[0], COMMON[1], COMMON[2]]
    }};
    (capacity $cat:ident: $($driver:expr),+ $(,)?) => {{
        const COMMON: [Field; 3] = common!($cat);
        &[$($driver,)+ COMMON[0], COMMON[1], COMMON[2], recapture!($cat)]
    }};
}

pub(super) const TEM_INFRASTRUCTURE: &[Field] = fields!(tem_infrastructure:
    driver!(tem_infrastructure.environments, whole, "E", "Environments (E)", Count, COUNT,
        "E: lower (non-production) environments in the estate."),
    driver!(tem_infrastructure.servers_per_environment, decimal, "S", "Servers per environment (S)", Quantity, QUANTITY,
        "S: servers in each environment; may be fractional."),
    driver!(tem_infrastructure.cost_per_server_year, decimal, "C", "Cost per server a year (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one server for a year."),
);

pub(super) const TEM_LICENCES: &[Field] = fields!(tem_licences:
    driver!(tem_licences.licences, whole, "L", "Licences (L)", Count, COUNT,
        "L: software licences used in lower environments."),
    driver!(tem_licences.cost_per_licence_year, decimal, "C", "Cost per licence a year (C)", Money, UNIT_PRICE,
        "C: cost of one licence for a year."),
);

pub(super) const TEM_SERVICES: &[Field] = fields!(tem_services:
    driver!(tem_services.requests_per_year, whole, "Q", "Requests a year (Q)", Count, COUNT,
        "Q: environment requests (bookings, builds, refreshes) a year."),
    driver!(tem_services.hours_per_request, decimal, "h", "Hours per request (h)", Hours, QUANTITY,
        "h: hours of effort to fulfil one request."),
    driver!(tem_services.cost_per_hour, decimal, "C", "Cost per hour (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one hour of work."),
);

pub(super) const TEM_HEADCOUNT: &[Field] = fields!(capacity tem_headcount:
    driver!(tem_headcount.fte, decimal, "F", "Full-time equivalents (F)", Fte, FTE,
        "F: full-time equivalents managing environments."),
    driver!(tem_headcount.cost_per_fte_year, decimal, "C", "Cost per FTE a year (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one FTE for a year."),
);

pub(super) const TDM_INFRASTRUCTURE: &[Field] = fields!(tdm_infrastructure:
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
        fields!(capacity $cat:
            driver!($cat.people, whole, "N", "People (N)", Count, COUNT,
                "N: people affected by waiting for or preparing test data."),
            driver!($cat.hours_per_person_month, decimal, "W", "Hours lost per person a month (W)", Hours, HOURS_PER_MONTH,
                "W: hours each person loses a month to test data (at most 744, a month's hours)."),
            driver!($cat.cost_per_hour, decimal, "C", "Cost per hour (C)", Money, UNIT_PRICE,
                "C: fully loaded cost of one hour of work."),
        )
    };
}

pub(super) const TDM_TESTER_PRODUCTIVITY: &[Field] = productivity!(tdm_tester_productivity);
pub(super) const TDM_DEVELOPER_PRODUCTIVITY: &[Field] = productivity!(tdm_developer_productivity);

pub(super) const TDM_SUPPORT: &[Field] = fields!(capacity tdm_support:
    driver!(tdm_support.defects_per_year, whole, "P", "Defects a year (P)", Count, COUNT,
        "P: defects a year caused by poor test data."),
    driver!(tdm_support.cost_per_defect, decimal, "C", "Cost per defect (C)", Money, UNIT_PRICE,
        "C: cost to find, fix and retest one defect."),
);

pub(super) const TDM_BREACH: &[Field] = fields!(tdm_breach:
    driver!(tdm_breach.annual_probability, decimal, "p", "Breach probability a year (p)", Fraction, FRACTION,
        "p: chance in a year of a breach from non-production data."),
    driver!(tdm_breach.breach_cost, decimal, "B", "Cost of one breach (B)", Money, AMOUNT,
        "B: cost of one breach."),
);

pub(super) const TEM_AVAILABILITY: &[Field] = fields!(capacity tem_availability:
    driver!(tem_availability.hours_per_month, decimal, "H", "Hours down or contended a month (H)", Hours, HOURS_PER_MONTH,
        "H: hours a month lower environments are down, broken or booked by another team (at most 744, a month's hours). Default 6: 39 % of developers lose 15+ hours a week waiting on tests, builds and environments (Garden developer survey, vendor survey); the environment share of that is the analyst's estimate."),
    driver!(tem_availability.people_blocked, whole, "N", "People blocked (N)", Count, COUNT,
        "N: testers and developers who cannot work while an environment is unavailable."),
    driver!(tem_availability.cost_per_hour, decimal, "C", "Cost per hour (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one hour of work."),
);

pub(super) const TDM_REFRESH: &[Field] = fields!(capacity tdm_refresh:
    driver!(tdm_refresh.refreshes_per_year, whole, "Q", "Refreshes a year (Q)", Count, REFRESHES,
        "Q: refreshes of test data a year, across the databases (at most 8,760, one an hour). Default 10: TDM vendors describe customers stuck at about 10 refreshes a year of a full copy (vendor material)."),
    driver!(tdm_refresh.hours_per_refresh, decimal, "h", "Hours per refresh (h)", Hours, QUANTITY,
        "h: hours of DBA, tester and developer effort one refresh takes (default 40, the analyst's estimate for a full-copy refresh)."),
    driver!(tdm_refresh.cost_per_hour, decimal, "C", "Cost per hour (C)", Money, UNIT_PRICE,
        "C: fully loaded cost of one hour of work."),
);
