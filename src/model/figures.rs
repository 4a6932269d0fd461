//! The figures of one view, MODEL.md section 3.6: totals, present values,
//! NPV, ROI, payback and IRR, plus the annual summary table. Figures keep
//! full precision; they are rounded only when shown or written.

use rust_decimal::Decimal;

use super::decimal::sum_cells;
use super::scenario::{Discounting, Scenario};
use super::schedule::Table;

pub use super::irr::irr;

const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// The headline figures of one view. An undefined figure is `None`, never 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Sum of every benefit cell.
    pub total_benefits: Decimal,
    /// Sum of every cost cell.
    pub total_costs: Decimal,
    /// `total_benefits - total_costs`.
    pub net_total: Decimal,
    /// Present value of the benefits.
    pub pv_benefits: Decimal,
    /// Present value of the costs.
    pub pv_costs: Decimal,
    /// `pv_benefits - pv_costs`.
    pub npv: Decimal,
    /// `npv / pv_costs`; `None` when `pv_costs` is 0.
    pub roi: Option<Decimal>,
    /// Months to pay back; `None` when not within the horizon.
    pub payback_months: Option<Decimal>,
    /// Annualised IRR; `None` when undefined.
    pub irr_annual: Option<Decimal>,
    /// `false` when more than one IRR was found (the one nearest zero is reported).
    pub irr_unique: bool,
}

/// One year of the annual summary (year 0 is the upfront instant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    /// `Y = ceil(t / 12)`.
    pub year: u32,
    /// Sum of benefit cells in the year.
    pub benefits: Decimal,
    /// Sum of cost cells in the year.
    pub costs: Decimal,
    /// `benefits - costs`.
    pub net: Decimal,
    /// Cumulative net at the end of the year.
    pub cumulative: Decimal,
    /// `1 / (1 + r)^Y`.
    pub discount_factor: Decimal,
    /// Present value of the year's net under the scenario's convention.
    pub present_value: Decimal,
}

/// Discounting of each month, prepared once per scenario.
#[derive(Debug, Clone)]
pub struct Discounter {
    convention: Discounting,
    /// `(1 + r)^t/12` (monthly) or `(1 + r)^ceil(t/12)` (annual), for t = 0..=H.
    month_factor: Vec<Decimal>,
    /// `(1 + r)^Y` for Y = 0..=ceil(H/12).
    year_factor: Vec<Decimal>,
}

/// `a^(1/12)` by Newton's method in `Decimal`, for `a` in `[1, 2]`.
fn twelfth_root(a: Decimal) -> Decimal {
    if a == Decimal::ONE {
        return Decimal::ONE;
    }
    let mut x = Decimal::ONE + (a - Decimal::ONE) / TWELVE;
    for _ in 0..100 {
        let x11 = (0..10).fold(x, |acc, _| acc * x);
        let next = x - (x11 * x - a) / (TWELVE * x11);
        if next == x {
            break;
        }
        x = next;
    }
    x
}

impl Discounter {
    /// Prepares the factors for `s` (rate and convention).
    #[must_use]
    pub fn new(s: &Scenario) -> Self {
        let h = s.horizon_months;
        let base = Decimal::ONE + s.discount_rate;
        let years = h.div_ceil(12) as usize + 1;
        let mut year_factor = Vec::with_capacity(years);
        let mut f = Decimal::ONE;
        for _ in 0..years {
            year_factor.push(f);
            f *= base;
        }
        let month_factor = match s.discounting {
            Discounting::Annual => (0..=h)
                .map(|t| year_factor[t.div_ceil(12) as usize])
                .collect(),
            Discounting::Monthly => {
                let root = twelfth_root(base);
                let mut root_powers = Vec::with_capacity(12);
                let mut p = Decimal::ONE;
                for _ in 0..12 {
                    root_powers.push(p);
                    p *= root;
                }
                (0..=h)
                    .map(|t| year_factor[(t / 12) as usize] * root_powers[(t % 12) as usize])
                    .collect()
            }
        };
        Self {
            convention: s.discounting,
            month_factor,
            year_factor,
        }
    }

    /// Present value of a monthly series (MODEL.md 3.6).
    #[must_use]
    pub fn present_value(&self, cells: &[Decimal]) -> Decimal {
        match self.convention {
            Discounting::Annual => year_months(cells.len())
                .zip(&self.year_factor)
                .map(|(months, f)| sum_cells(&cells[months]) / f)
                .sum(),
            Discounting::Monthly => cells
                .iter()
                .zip(&self.month_factor)
                .map(|(c, f)| c / f)
                .sum(),
        }
    }

    /// `1 / (1 + r)^Y`.
    #[must_use]
    pub fn year_discount_factor(&self, year: usize) -> Decimal {
        Decimal::ONE / self.year_factor[year]
    }
}

/// The months `t` of each year `Y = ceil(t / 12)` of a series of `len`
/// months: `0..1` (the upfront instant), `1..13`, `13..25`, ...
fn year_months(len: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    let years = len.saturating_sub(1).div_ceil(12) + 1;
    (0..years).map(move |y| match y {
        0 => 0..len.min(1),
        _ => 12 * y - 11..(12 * y + 1).min(len),
    })
}

/// Payback in months (MODEL.md 3.6): 0 when the cumulative never dips below
/// zero, `None` when it does not recover within the horizon.
#[must_use]
pub fn payback_months(net: &[Decimal], cumulative: &[Decimal]) -> Option<Decimal> {
    let Some(t0) = cumulative
        .iter()
        .position(|c| c.is_sign_negative() && !c.is_zero())
    else {
        return Some(Decimal::ZERO);
    };
    let t1 = (t0 + 1..cumulative.len()).find(|&t| cumulative[t] >= Decimal::ZERO)?;
    let before = cumulative[t1 - 1];
    Some(Decimal::from(t1 - 1) + (-before) / net[t1])
}

/// Figures of one view of `s`.
#[must_use]
pub fn figures(table: &Table, discounter: &Discounter) -> Figures {
    let total_benefits = sum_cells(&table.benefits);
    let total_costs = sum_cells(&table.costs);
    let pv_benefits = discounter.present_value(&table.benefits);
    let pv_costs = discounter.present_value(&table.costs);
    let npv = pv_benefits - pv_costs;
    let roi = if pv_costs.is_zero() {
        None
    } else {
        npv.checked_div(pv_costs)
    };
    let (irr_annual, irr_unique) = irr(&table.net);
    Figures {
        total_benefits,
        total_costs,
        net_total: total_benefits - total_costs,
        pv_benefits,
        pv_costs,
        npv,
        roi,
        payback_months: payback_months(&table.net, &table.cumulative),
        irr_annual,
        irr_unique,
    }
}

/// The annual summary of one view: year 0 (upfront) then each year.
#[must_use]
pub fn annual_rows(table: &Table, discounter: &Discounter) -> Vec<YearRow> {
    year_months(table.net.len())
        .enumerate()
        .map(|(y, months)| {
            let net = sum_cells(&table.net[months.clone()]);
            let present_value = match discounter.convention {
                Discounting::Annual => net / discounter.year_factor[y],
                Discounting::Monthly => table.net[months.clone()]
                    .iter()
                    .zip(&discounter.month_factor[months.clone()])
                    .map(|(n, f)| n / f)
                    .sum(),
            };
            YearRow {
                year: u32::try_from(y).unwrap_or(u32::MAX),
                benefits: sum_cells(&table.benefits[months.clone()]),
                costs: sum_cells(&table.costs[months.clone()]),
                net,
                cumulative: months
                    .end
                    .checked_sub(1)
                    .map_or(Decimal::ZERO, |t| table.cumulative[t]),
                discount_factor: discounter.year_discount_factor(y),
                present_value,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn twelfth_root_is_exact_to_many_places() {
        let root = twelfth_root(d("1.1"));
        let mut p = Decimal::ONE;
        for _ in 0..12 {
            p *= root;
        }
        assert!((p - d("1.1")).abs() < d("0.000000000000000000001"), "{p}");
    }
}
