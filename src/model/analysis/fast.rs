//! The monthly totals of the risk-adjusted view alone, for the analyses,
//! which compute thousands of variants of a scenario and need only the
//! risk-adjusted NPV and payback. They come from the same schedule builder
//! as every table ([`crate::model::schedule::table`]), for one view only,
//! so the figures are identical to a full compute by construction.

use rust_decimal::Decimal;

use crate::model::View;
use crate::model::scenario::Scenario;
use crate::model::schedule::table;

/// The risk-adjusted monthly totals, months `0..=H`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustedFlows {
    /// `benefits(t)`.
    pub benefits: Vec<Decimal>,
    /// `costs(t)`.
    pub costs: Vec<Decimal>,
    /// `net(t)`.
    pub net: Vec<Decimal>,
    /// `cumulative(t)`.
    pub cumulative: Vec<Decimal>,
}

/// The risk-adjusted monthly totals of a valid scenario.
#[must_use]
pub fn adjusted_flows(s: &Scenario) -> AdjustedFlows {
    let t = table(s, View::Adjusted);
    AdjustedFlows {
        benefits: t.benefits,
        costs: t.costs,
        net: t.net,
        cumulative: t.cumulative,
    }
}
