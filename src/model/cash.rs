//! Cash and capacity (MODEL.md 11.2): the benefit rows split by nature, the
//! cash-only figures beside the headline, and the freed capacity that is
//! not money.

use rust_decimal::Decimal;

use super::category::Category;
use super::decimal::{from_cents, round2_cents};
use super::figures::{Discounter, payback_months};
use super::scenario::{Nature, Scenario};
use super::schedule::Table;

/// The monthly rows of the split, months 0..=H.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashRows {
    /// `cash_benefits(t)`: the cells of the cash lines.
    pub cash_benefits: Vec<Decimal>,
    /// `capacity_benefits(t) = benefits(t) - cash_benefits(t)`.
    pub capacity_benefits: Vec<Decimal>,
    /// `cash_net(t) = cash_benefits(t) - costs(t)`.
    pub cash_net: Vec<Decimal>,
    /// Running sum of `cash_net`.
    pub cash_cumulative: Vec<Decimal>,
}

/// The cash figures of one view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashFigures {
    /// Exact sum of `cash_benefits`.
    pub cash_benefits: Decimal,
    /// Exact sum of `capacity_benefits`.
    pub capacity_benefits: Decimal,
    /// PV of `cash_benefits`.
    pub cash_pv_benefits: Decimal,
    /// `cash_pv_benefits - pv_costs`.
    pub cash_npv: Decimal,
    /// Payback on `cash_cumulative`; `None` when not within the horizon.
    pub cash_payback_months: Option<Decimal>,
}

/// Month by month, in whole cents (every cell is one, section 3):
/// `cash_benefits(t)`, `benefits(t)`, `cash_net(t)` and the running sum of
/// `cash_net`. Integer sums are exact and much cheaper than `Decimal`
/// additions on every keystroke.
fn cash_cents(table: &Table) -> impl Iterator<Item = [i128; 4]> + '_ {
    let mut running = 0i128;
    table
        .cash_benefits
        .iter()
        .zip(&table.benefits)
        .zip(&table.costs)
        .map(move |((cash, all), cost)| {
            let cash = round2_cents(*cash);
            let net = cash - round2_cents(*cost);
            running += net;
            [cash, round2_cents(*all), net, running]
        })
}

/// The split rows of `table`.
#[must_use]
pub fn cash_rows(table: &Table) -> CashRows {
    let len = table.benefits.len();
    let (mut capacity_benefits, mut cash_net, mut cash_cumulative) = (
        Vec::with_capacity(len),
        Vec::with_capacity(len),
        Vec::with_capacity(len),
    );
    for [cash, all, net, running] in cash_cents(table) {
        capacity_benefits.push(from_cents(all - cash));
        cash_net.push(from_cents(net));
        cash_cumulative.push(from_cents(running));
    }
    CashRows {
        cash_benefits: table.cash_benefits.clone(),
        capacity_benefits,
        cash_net,
        cash_cumulative,
    }
}

/// The cash figures of `table`, whose PV of costs is `pv_costs`.
#[must_use]
pub fn cash_figures(table: &Table, discounter: &Discounter, pv_costs: Decimal) -> CashFigures {
    // The rows this needs, without the capacity row: this runs on every
    // keystroke.
    let len = table.cash_benefits.len();
    let (mut net, mut cumulative) = (Vec::with_capacity(len), Vec::with_capacity(len));
    let (mut cash_total, mut all_total) = (0i128, 0i128);
    for [cash, all, n, running] in cash_cents(table) {
        cash_total += cash;
        all_total += all;
        net.push(from_cents(n));
        cumulative.push(from_cents(running));
    }
    let cash_pv_benefits = discounter.present_value(&table.cash_benefits);
    CashFigures {
        cash_benefits: from_cents(cash_total),
        capacity_benefits: from_cents(all_total - cash_total),
        cash_pv_benefits,
        cash_npv: cash_pv_benefits - pv_costs,
        cash_payback_months: payback_months(&net, &cumulative),
    }
}

/// Whether the file declares capacity (MODEL.md 11.2): a category with
/// `recapture`, or a custom line with `nature` or `recapture`. Only then do
/// the exports show the split.
#[must_use]
pub fn declares_capacity(s: &Scenario) -> bool {
    let b = &s.benefits;
    Category::present(b).any(|c| c.recapture(b).is_some())
        || b.custom
            .iter()
            .any(|l| l.nature.is_some() || l.recapture.is_some())
}

/// The freed capacity of one capacity line: `A x (1 - rho)` a year at
/// today's prices and full realisation, not money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freed {
    /// The line's label.
    pub label: String,
    /// The recapture share `rho`.
    pub recapture: Decimal,
    /// `A x (1 - rho)`, the value of the time freed but not counted.
    pub value: Decimal,
    /// Hours a year, for a line with a cost per hour.
    pub hours: Option<Decimal>,
    /// Full-time equivalents, for TEM headcount.
    pub fte: Option<Decimal>,
}

impl Freed {
    /// The freed capacity in its measure: FTE to 1 place, hours to whole
    /// hours, otherwise its value as `money` writes it (MODEL.md 11.2).
    #[must_use]
    pub fn amount(&self, money: impl Fn(Decimal) -> String) -> String {
        match (self.hours, self.fte) {
            (_, Some(fte)) => format!("{} FTE", super::decimal::grouped(fte, 1)),
            (Some(hours), None) => format!("{} hours", super::decimal::grouped(hours, 0)),
            (None, None) => money(self.value),
        }
    }
}

/// Every capacity line's freed capacity, in row order (lines whose share is
/// all recaptured included, with zero).
#[must_use]
pub fn freed_capacity(s: &Scenario) -> Vec<Freed> {
    let b = &s.benefits;
    let mut out = Vec::new();
    for c in Category::present(b).filter(|c| c.nature() == Nature::Capacity) {
        let rho = c.recapture(b).unwrap_or(Decimal::ONE);
        let value = c.saving(s) * (Decimal::ONE - rho);
        let field = |key| c.field(key).map(|f| f.get(b));
        let hours = field("cost_per_hour")
            .filter(|cost| !cost.is_zero())
            .map(|cost| value / cost);
        let fte = (c == Category::TemHeadcount).then(|| {
            field("fte").unwrap_or_default()
                * field("reduction").unwrap_or_default()
                * (Decimal::ONE - rho)
        });
        out.push(Freed {
            label: c.label().to_owned(),
            recapture: rho,
            value,
            hours,
            fte,
        });
    }
    for line in b
        .custom
        .iter()
        .filter(|l| l.nature == Some(Nature::Capacity))
    {
        let rho = line.recapture.unwrap_or(Decimal::ONE);
        out.push(Freed {
            label: line.name.clone(),
            recapture: rho,
            value: line.annual_amount * (Decimal::ONE - rho),
            hours: None,
            fte: None,
        });
    }
    out
}
