//! Cost of delay (issue 16, MODEL.md 10.3): the risk-adjusted NPV lost when
//! a programme's go-live slips by whole months while its spend stays on its
//! months, for each enabled programme and for both together.

use rust_decimal::Decimal;

use super::{AnalysisError, Evaluator, ensure_valid};
use crate::model::scenario::Scenario;

/// The slips the table shows, in months (those not above the horizon).
pub const SLIPS: [u32; 4] = [1, 3, 6, 12];

/// Which go-live slips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slipping {
    /// TEM's.
    Tem,
    /// TDM's.
    Tdm,
    /// Both programmes'.
    Both,
}

impl Slipping {
    /// "TEM", "TDM" or "TEM and TDM".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Tem => "TEM",
            Self::Tdm => "TDM",
            Self::Both => "TEM and TDM",
        }
    }
}

/// One row: a programme's go-live later by `months`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelayRow {
    /// Whose go-live slips.
    pub slipping: Slipping,
    /// By how many months.
    pub months: u32,
    /// Risk-adjusted NPV with the slip, unrounded.
    pub npv: Decimal,
    /// `base_npv - npv`.
    pub loss: Decimal,
    /// `loss / months`.
    pub loss_per_month: Decimal,
}

impl DelayRow {
    /// "TEM go-live later by 3 months".
    #[must_use]
    pub fn describe(&self) -> String {
        let s = if self.months == 1 { "" } else { "s" };
        format!(
            "{} go-live later by {} month{s}",
            self.slipping.name(),
            self.months
        )
    }
}

/// The cost-of-delay table of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostOfDelay {
    /// Risk-adjusted NPV of the scenario, unrounded.
    pub base_npv: Decimal,
    /// Rows by slipping programme (TEM, TDM, both, enabled ones only), then
    /// by months.
    pub rows: Vec<DelayRow>,
}

impl CostOfDelay {
    /// The cost of one month of delay of `slipping` (`loss(p, 1)`), when
    /// that programme (or both) is enabled.
    #[must_use]
    pub fn per_month(&self, slipping: Slipping) -> Option<Decimal> {
        self.rows
            .iter()
            .find(|r| r.slipping == slipping && r.months == 1)
            .map(|r| r.loss)
    }
}

/// The scenario with the go-live of `slipping` later by `k` months (capped
/// at the horizon).
#[must_use]
pub fn slipped(s: &Scenario, slipping: Slipping, k: u32) -> Scenario {
    let mut out = s.clone();
    let h = s.horizon_months;
    if slipping != Slipping::Tdm {
        out.tem.go_live_month = out.tem.go_live_month.saturating_add(k).min(h);
    }
    if slipping != Slipping::Tem {
        out.tdm.go_live_month = out.tdm.go_live_month.saturating_add(k).min(h);
    }
    out
}

/// The cost of delay of a scenario (MODEL.md 10.3).
///
/// # Errors
/// [`AnalysisError::Invalid`] for an invalid scenario.
pub fn cost_of_delay(s: &Scenario) -> Result<CostOfDelay, AnalysisError> {
    ensure_valid(s)?;
    let mut evaluator = Evaluator::new();
    let base_npv = evaluator.outcome(s).npv;
    let mut who = Vec::new();
    if s.tem.enabled {
        who.push(Slipping::Tem);
    }
    if s.tdm.enabled {
        who.push(Slipping::Tdm);
    }
    if s.tem.enabled && s.tdm.enabled {
        who.push(Slipping::Both);
    }
    let mut rows = Vec::new();
    for slipping in who {
        for months in SLIPS.into_iter().filter(|&k| k <= s.horizon_months) {
            let npv = evaluator.outcome(&slipped(s, slipping, months)).npv;
            let loss = base_npv - npv;
            rows.push(DelayRow {
                slipping,
                months,
                npv,
                loss,
                loss_per_month: loss / Decimal::from(months),
            });
        }
    }
    Ok(CostOfDelay { base_npv, rows })
}

/// "Each month of delay of TEM costs USD 1,000.00 of NPV", given the amount
/// as the caller shows money; a gain when the loss is negative.
#[must_use]
pub fn sentence(slipping: Slipping, loss: Decimal, money: &dyn Fn(Decimal) -> String) -> String {
    if loss.is_sign_negative() && !loss.is_zero() {
        format!(
            "Each month of delay of {} adds {} of NPV",
            slipping.name(),
            money(-loss)
        )
    } else {
        format!(
            "Each month of delay of {} costs {} of NPV",
            slipping.name(),
            money(loss)
        )
    }
}
