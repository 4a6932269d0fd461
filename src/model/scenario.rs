//! The scenario: every input of MODEL.md section 2, exactly as it appears in
//! a `.ron` file. Field names are the contract and stay verbatim.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::assumption::Assumptions;
use super::estate::Estate;
use super::exact;

/// The file format this build writes. It reads this one and every earlier
/// one (MODEL.md section 7: a version-1 file is a version-2 file without
/// assumption records).
pub const FORMAT_VERSION: u32 = 2;

/// One complete set of assumptions for a business case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Must be [`FORMAT_VERSION`].
    pub format_version: u32,
    /// 1 to 100 characters.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// ISO 4217 code, display only.
    pub currency: String,
    /// First month of the horizon.
    pub start: YearMonth,
    /// `H`, 12..=120.
    pub horizon_months: u32,
    /// Annual discount rate `r`, a fraction.
    #[serde(with = "exact")]
    pub discount_rate: Decimal,
    /// How present values are discounted.
    #[serde(default)]
    pub discounting: Discounting,
    /// `u`, the synergy uplift when both programmes run (MODEL.md 3.4).
    #[serde(default, with = "exact")]
    pub synergy_uplift: Decimal,
    /// Test Environment Management programme.
    pub tem: Programme,
    /// Test Data Management programme.
    pub tdm: Programme,
    /// Benefit categories and custom lines.
    pub benefits: Benefits,
    /// Costs of the programme.
    pub costs: Vec<Cost>,
    /// Uncertainty ranges for the analysis features.
    #[serde(default)]
    pub uncertainty: Vec<Range>,
    /// Monte Carlo settings.
    #[serde(default)]
    pub monte_carlo: MonteCarlo,
    /// The estate inventory (format 2, MODEL.md 11.3).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "present")]
    pub estate: Option<Estate>,
    /// The evidence behind inputs, by input path (format 2).
    #[serde(default, skip_serializing_if = "Assumptions::is_empty")]
    pub assumptions: Assumptions,
    /// Rank correlations between uncertain inputs (MODEL.md section 12);
    /// left out of a file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub correlations: Vec<Correlation>,
}

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Calendar year.
    pub year: i32,
    /// 1..=12.
    pub month: u32,
}

impl YearMonth {
    /// The month `offset` months after this one.
    #[must_use]
    pub fn plus_months(self, offset: u32) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(offset);
        Self {
            year: i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX),
            month: u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1,
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a month; write YYYY-MM, e.g. \"2027-01\"");
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Self { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Present-value convention (MODEL.md 3.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Discounting {
    /// Year-end discounting by year `ceil(t / 12)` (Forrester TEI).
    #[default]
    Annual,
    /// Each month discounted by `(1 + r)^(t / 12)`.
    Monthly,
}

/// Realisation settings of TEM or TDM (MODEL.md 3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// A disabled programme keeps its inputs but yields no benefit.
    pub enabled: bool,
    /// `s`: months after start before any benefit.
    pub go_live_month: u32,
    /// `P`: pilot length in months.
    pub pilot_months: u32,
    /// `c`: share of the full benefit during the pilot.
    #[serde(with = "exact")]
    pub pilot_coverage: Decimal,
    /// `R`: months of linear ramp from `c` to 100 %.
    pub rollout_months: u32,
}

/// Which programme a custom line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgrammeRef {
    /// Test Environment Management.
    Tem,
    /// Test Data Management.
    Tdm,
    /// Neither: realised in full from month 1.
    None,
}

/// Escalation and risk shared by every benefit line; a capacity line
/// (MODEL.md 11.2) also has its recapture share.
macro_rules! category {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty $(=> $with:literal)?),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* $(#[serde(with = $with)])? pub $field: $ty,)*
            /// The improvement, a fraction.
            #[serde(with = "exact")]
            pub reduction: Decimal,
            /// Annual escalation of the baseline cost, -0.5..=1.
            #[serde(with = "exact")]
            pub growth: Decimal,
            /// Share written off in the risk-adjusted view.
            #[serde(with = "exact")]
            pub risk: Decimal,
        }
    };
    (capacity $(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty $(=> $with:literal)?),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* $(#[serde(with = $with)])? pub $field: $ty,)*
            /// The improvement, a fraction.
            #[serde(with = "exact")]
            pub reduction: Decimal,
            /// Annual escalation of the baseline cost, -0.5..=1.
            #[serde(with = "exact")]
            pub growth: Decimal,
            /// Share written off in the risk-adjusted view.
            #[serde(with = "exact")]
            pub risk: Decimal,
            /// `rho`, the share of the freed time that becomes money
            /// (MODEL.md 11.2); `None` when the file does not say (1).
            #[serde(default, skip_serializing_if = "Option::is_none", with = "exact::optional")]
            pub recapture: Option<Decimal>,
        }
    };
}

category!(
    /// TEM infrastructure: `E x S x C x reduction`.
    TemInfrastructure {
        /// `E`, number of lower environments.
        environments: u32,
        /// `S`, servers per environment.
        servers_per_environment: Decimal => "exact",
        /// `C`, cost per server per year.
        cost_per_server_year: Decimal => "exact",
    }
);
category!(
    /// TEM licences: `L x C x reduction`.
    TemLicences {
        /// `L`, licences in lower environments.
        licences: u32,
        /// `C`, cost per licence per year.
        cost_per_licence_year: Decimal => "exact",
    }
);
category!(
    /// TEM services: `Q x h x C x reduction`.
    TemServices {
        /// `Q`, environment requests per year.
        requests_per_year: u32,
        /// `h`, hours of effort per request.
        hours_per_request: Decimal => "exact",
        /// `C`, cost per hour.
        cost_per_hour: Decimal => "exact",
    }
);
category!(capacity
    /// TEM headcount: `F x C x reduction`.
    TemHeadcount {
        /// `F`, full-time equivalents managing environments.
        fte: Decimal => "exact",
        /// `C`, fully loaded cost per FTE per year.
        cost_per_fte_year: Decimal => "exact",
    }
);
category!(
    /// TDM storage: `D x K x C x reduction`.
    TdmInfrastructure {
        /// `D`, production data in TB.
        production_data_tb: Decimal => "exact",
        /// `K`, full non-production copies.
        non_production_copies: u32,
        /// `C`, cost per TB per year.
        cost_per_tb_year: Decimal => "exact",
    }
);
category!(capacity
    /// TDM productivity (testers or developers): `N x W x 12 x C x reduction`.
    TdmProductivity {
        /// `N`, people affected.
        people: u32,
        /// `W`, hours per person per month lost to test data.
        hours_per_person_month: Decimal => "exact",
        /// `C`, cost per hour.
        cost_per_hour: Decimal => "exact",
    }
);
category!(capacity
    /// TDM support and rework: `P x C x reduction`.
    TdmSupport {
        /// `P`, defects per year caused by poor test data.
        defects_per_year: u32,
        /// `C`, cost per defect.
        cost_per_defect: Decimal => "exact",
    }
);
category!(
    /// TDM breach exposure: `p x B x reduction`.
    TdmBreach {
        /// `p`, annual probability of a breach from non-production data.
        annual_probability: Decimal => "exact",
        /// `B`, cost of one breach.
        breach_cost: Decimal => "exact",
    }
);

category!(capacity
    /// TEM environment availability: `H x N x 12 x C x reduction` (MODEL.md 11.1).
    TemAvailability {
        /// `H`, hours a month environments are down or contended.
        hours_per_month: Decimal => "exact",
        /// `N`, people blocked while they are.
        people_blocked: u32,
        /// `C`, cost per hour.
        cost_per_hour: Decimal => "exact",
    }
);
category!(capacity
    /// TDM data refresh effort: `Q x h x C x reduction` (MODEL.md 11.1).
    TdmRefresh {
        /// `Q`, refreshes of test data a year.
        refreshes_per_year: u32,
        /// `h`, hours of effort per refresh.
        hours_per_refresh: Decimal => "exact",
        /// `C`, cost per hour.
        cost_per_hour: Decimal => "exact",
    }
);

/// The categories and the custom lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benefits {
    /// TEM infrastructure.
    pub tem_infrastructure: TemInfrastructure,
    /// TEM licences.
    pub tem_licences: TemLicences,
    /// TEM services.
    pub tem_services: TemServices,
    /// TEM headcount.
    pub tem_headcount: TemHeadcount,
    /// TDM storage.
    pub tdm_infrastructure: TdmInfrastructure,
    /// TDM tester productivity.
    pub tdm_tester_productivity: TdmProductivity,
    /// TDM developer productivity.
    pub tdm_developer_productivity: TdmProductivity,
    /// TDM support and rework.
    pub tdm_support: TdmSupport,
    /// TDM data-breach exposure.
    pub tdm_breach: TdmBreach,
    /// TEM environment availability, when the file has it (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "present")]
    pub tem_availability: Option<TemAvailability>,
    /// TDM data refresh effort, when the file has it (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "present")]
    pub tdm_refresh: Option<TdmRefresh>,
    /// Custom benefit lines.
    #[serde(default)]
    pub custom: Vec<CustomLine>,
}

/// A custom benefit line whose annual saving is given directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomLine {
    /// Unique among custom lines.
    pub name: String,
    /// Which ramp applies.
    pub programme: ProgrammeRef,
    /// `A`, the annual saving at today's prices.
    #[serde(with = "exact")]
    pub annual_amount: Decimal,
    /// Annual escalation.
    #[serde(with = "exact")]
    pub growth: Decimal,
    /// Share written off in the risk-adjusted view.
    #[serde(with = "exact")]
    pub risk: Decimal,
    /// Cash or capacity (MODEL.md 11.2); `None` when the file does not
    /// say (cash).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "present")]
    pub nature: Option<Nature>,
    /// `rho` of a capacity line; `None` when the file does not say (1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact::optional"
    )]
    pub recapture: Option<Decimal>,
}

/// Whether a benefit line removes spend or frees people's time (MODEL.md
/// 11.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Nature {
    /// Removes spend: servers, licences, storage, services bought in.
    #[default]
    Cash,
    /// Frees people's time; only the recaptured share is money.
    Capacity,
}

/// An optional field that files write bare when present (`nature:
/// Capacity`, `estate: (...)`, never `Some(...)`) and leave out when absent.
pub(crate) mod present {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[expect(
        clippy::ref_option,
        reason = "serde's `with` passes the field by reference"
    )]
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }
}

/// A cost of the programme (MODEL.md 3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Cost {
    /// Paid once, in `month`.
    OneOff {
        /// Unique among costs.
        name: String,
        /// Amount paid.
        #[serde(with = "exact")]
        amount: Decimal,
        /// 0..=H; 0 is the upfront instant.
        month: u32,
        /// Share by which the cost is raised when risk-adjusted.
        #[serde(with = "exact")]
        risk: Decimal,
    },
    /// Paid monthly from `start_month` to `end_month`.
    Recurring {
        /// Unique among costs.
        name: String,
        /// Cost per year at today's prices.
        #[serde(with = "exact")]
        annual_amount: Decimal,
        /// 1..=H.
        start_month: u32,
        /// Last month paid, or `None` for the whole horizon. Required in
        /// files: `None` is written, never left out.
        #[serde(deserialize_with = "required")]
        end_month: Option<u32>,
        /// Annual escalation.
        #[serde(with = "exact")]
        growth: Decimal,
        /// Share by which the cost is raised when risk-adjusted.
        #[serde(with = "exact")]
        risk: Decimal,
    },
}

/// Reads an `Option` that must be written (`None` or `Some(n)`): without
/// this, serde would take a missing field as `None`.
fn required<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Option::<u32>::deserialize(d)
}

impl Cost {
    /// The cost line's name.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::OneOff { name, .. } | Self::Recurring { name, .. } => name,
        }
    }

    /// The cost line's risk uplift.
    #[must_use]
    pub fn risk(&self) -> Decimal {
        match self {
            Self::OneOff { risk, .. } | Self::Recurring { risk, .. } => *risk,
        }
    }
}

/// An uncertainty range on one numeric input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Input path, e.g. `benefits.tem_services.reduction`.
    pub input: String,
    /// Low value, at most the base.
    #[serde(with = "exact")]
    pub low: Decimal,
    /// High value, at least the base.
    #[serde(with = "exact")]
    pub high: Decimal,
}

/// A declared rank correlation between two uncertain inputs (MODEL.md
/// section 12.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// Input path of the first input (it has an uncertainty range).
    pub a: String,
    /// Input path of the second input, different from `a`.
    pub b: String,
    /// Spearman rank correlation, -1..=1.
    #[serde(with = "exact")]
    pub rank: Decimal,
}

/// Monte Carlo settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonteCarlo {
    /// 100..=1,000,000.
    pub trials: u32,
    /// Any u64.
    pub seed: u64,
}

impl Default for MonteCarlo {
    fn default() -> Self {
        Self {
            trials: 10_000,
            seed: 1,
        }
    }
}
