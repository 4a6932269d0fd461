//! The figures of one view, MODEL.md section 3.6: totals, present values,
//! NPV, ROI, payback and IRR, plus the annual summary table. Figures keep
//! full precision; they are rounded only when shown or written.

use rust_decimal::Decimal;

use super::scenario::{Discounting, Scenario};
use super::schedule::Table;

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
            Discounting::Annual => {
                let mut sums = vec![Decimal::ZERO; self.year_factor.len()];
                for (t, cell) in (0u32..).zip(cells) {
                    sums[t.div_ceil(12) as usize] += cell;
                }
                sums.iter()
                    .zip(&self.year_factor)
                    .map(|(sum, f)| sum / f)
                    .sum()
            }
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

/// `sum net(t) x^t` by Horner's rule, for `x = 1 / (1 + i)` with `i >= 0`,
/// or `sum net(t) (1 + i)^(H - t)` for `i < 0`. Both have the sign of the
/// NPV at monthly rate `i`, and neither can overflow for `i` in (-1, 10].
fn npv_sign_form(net: &[Decimal], i: Decimal) -> Decimal {
    if i.is_sign_negative() {
        let y = Decimal::ONE + i;
        net.iter().fold(Decimal::ZERO, |acc, n| acc * y + n)
    } else {
        let x = Decimal::ONE / (Decimal::ONE + i);
        net.iter().rev().fold(Decimal::ZERO, |acc, n| acc * x + n)
    }
}

/// Monthly-rate grid scanned for sign changes, outward from zero.
fn irr_grid() -> (Vec<Decimal>, Vec<Decimal>) {
    let mut up = Vec::new();
    let mut down = Vec::new();
    // Step sizes in ten-thousandths: fine near zero, coarser further out.
    let segments: [(i64, i64); 6] = [
        (100, 5),
        (500, 25),
        (2_000, 100),
        (10_000, 500),
        (30_000, 2_500),
        (100_000, 5_000),
    ];
    let mut at = 0i64;
    for (limit, step) in segments {
        while at < limit {
            at += step;
            up.push(Decimal::new(at, 4));
        }
    }
    // Upper end is exclusive of 10 per month: stop just below it.
    if let Some(last) = up.last_mut() {
        *last = Decimal::new(99_999, 4);
    }
    at = 0;
    for (limit, step) in [
        (100i64, 5i64),
        (500, 25),
        (2_000, 100),
        (9_500, 500),
        (9_899, 100),
    ] {
        while at < limit {
            at = (at + step).min(limit);
            down.push(Decimal::new(-at, 4));
        }
    }
    (up, down)
}

fn sign(d: Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_sign_negative() {
        -1
    } else {
        1
    }
}

/// Refines a bracket `[a, b]` (same side of zero) with the Illinois method.
fn refine(
    net: &[Decimal],
    mut a: Decimal,
    mut fa: Decimal,
    mut b: Decimal,
    mut fb: Decimal,
) -> Decimal {
    let tolerance = Decimal::new(1, 26);
    let mut side = 0i8;
    for _ in 0..400 {
        let width = b - a;
        if width.abs() <= tolerance {
            break;
        }
        let denom = fb - fa;
        let mut c = if denom.is_zero() {
            a + width / Decimal::TWO
        } else {
            b - fb * width / denom
        };
        if c <= a.min(b) || c >= a.max(b) {
            c = a + width / Decimal::TWO;
        }
        let fc = npv_sign_form(net, c);
        if fc.is_zero() {
            return c;
        }
        if sign(fc) == sign(fb) {
            b = c;
            fb = fc;
            if side == -1 {
                fa /= Decimal::TWO;
            }
            side = -1;
        } else {
            a = c;
            fa = fc;
            if side == 1 {
                fb /= Decimal::TWO;
            }
            side = 1;
        }
    }
    if fa.abs() < fb.abs() { a } else { b }
}

/// The one root on one side of zero when `net` changes sign once: the same
/// bracket, and so the same root, as the scan of [`roots_on_side`], found by
/// bisecting the grid. With one sign change the NPV has at most one root
/// (Descartes' rule of signs, counting multiplicity), so its sign along the
/// grid keeps the sign of `f0` up to the first grid point past the root and
/// keeps the other sign after it: the first point whose sign differs from
/// `f0`'s is found in about 8 evaluations instead of up to 90. `f0` must not
/// be zero (the caller has then already found its one root).
fn single_root_on_side(net: &[Decimal], grid: &[Decimal], f0: Decimal) -> Option<Decimal> {
    let s0 = sign(f0);
    let (&last_i, _) = grid.split_last()?;
    let last_f = npv_sign_form(net, last_i);
    if sign(last_f) == s0 {
        return None;
    }
    // Invariant: the point before `lo` (or zero when `lo` is 0) has the sign
    // of `f0`; the point at `hi` does not.
    let (mut lo_i, mut lo_f) = (Decimal::ZERO, f0);
    let (mut hi, mut hi_f) = (grid.len() - 1, last_f);
    let mut lo = 0usize;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mid_f = npv_sign_form(net, grid[mid]);
        if sign(mid_f) == s0 {
            lo = mid + 1;
            lo_i = grid[mid];
            lo_f = mid_f;
        } else {
            hi = mid;
            hi_f = mid_f;
        }
    }
    // `hi` is the first grid point whose sign differs from `f0`'s, and
    // `(lo_i, lo_f)` the point just before it: the scan's bracket.
    if sign(hi_f) == 0 {
        Some(grid[hi])
    } else {
        Some(refine(net, lo_i, lo_f, grid[hi], hi_f))
    }
}

/// Monthly IRR roots found in (-0.99, 10) on one side of zero, nearest first,
/// stopping after `max_roots`.
fn roots_on_side(net: &[Decimal], grid: &[Decimal], f0: Decimal, max_roots: usize) -> Vec<Decimal> {
    if max_roots == 1 && sign(f0) != 0 {
        return single_root_on_side(net, grid, f0).into_iter().collect();
    }
    let mut roots = Vec::new();
    let mut prev_i = Decimal::ZERO;
    let mut prev_f = f0;
    for &i in grid {
        let fi = npv_sign_form(net, i);
        if sign(fi) == 0 {
            roots.push(i);
        } else if sign(prev_f) != 0 && sign(prev_f) != sign(fi) {
            // At zero both forms equal the plain sum of `net`, so `f0` serves
            // either side.
            roots.push(refine(net, prev_i, prev_f, i, fi));
        }
        if roots.len() >= max_roots {
            break;
        }
        prev_i = i;
        prev_f = fi;
    }
    roots
}

/// IRR (MODEL.md 3.6): the monthly root nearest zero, annualised, and
/// whether it is the only root found.
#[must_use]
pub fn irr(net: &[Decimal]) -> (Option<Decimal>, bool) {
    let mut changes = 0;
    let mut last = 0i8;
    for n in net {
        let s = sign(*n);
        if s != 0 {
            if last != 0 && s != last {
                changes += 1;
            }
            last = s;
        }
    }
    if changes == 0 {
        return (None, true);
    }
    // Leading and trailing zero months only scale the NPV by a positive
    // power of (1 + i); dropping them keeps the roots and stops the sums
    // from vanishing below Decimal's precision at extreme rates.
    let first = net.iter().position(|n| !n.is_zero()).unwrap_or(0);
    let last = net.iter().rposition(|n| !n.is_zero()).unwrap_or(0);
    let net = &net[first..=last];
    // Descartes' rule of signs: one sign change means at most one root.
    let max_roots = if changes == 1 { 1 } else { usize::MAX };
    let f0 = npv_sign_form(net, Decimal::ZERO);
    let (up, down) = irr_grid();
    let mut roots = Vec::new();
    if f0.is_zero() {
        roots.push(Decimal::ZERO);
    }
    if roots.len() < max_roots {
        roots.extend(roots_on_side(net, &up, f0, max_roots));
    }
    if roots.len() < max_roots {
        let budget = max_roots.saturating_sub(roots.len());
        roots.extend(roots_on_side(net, &down, f0, budget));
    }
    roots.sort_by_key(Decimal::abs);
    roots.dedup();
    let unique = roots.len() <= 1;
    let annual = roots.first().and_then(|&i| {
        let base = Decimal::ONE + i;
        let mut p = Decimal::ONE;
        for _ in 0..12 {
            p = p.checked_mul(base)?;
        }
        Some(p - Decimal::ONE)
    });
    (annual, unique)
}

/// Figures of one view of `s`.
#[must_use]
pub fn figures(table: &Table, discounter: &Discounter) -> Figures {
    let total_benefits: Decimal = table.benefits.iter().sum();
    let total_costs: Decimal = table.costs.iter().sum();
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
    let years = table.net.len().saturating_sub(1).div_ceil(12) + 1;
    let mut rows: Vec<YearRow> = (0..years)
        .map(|y| YearRow {
            year: u32::try_from(y).unwrap_or(u32::MAX),
            benefits: Decimal::ZERO,
            costs: Decimal::ZERO,
            net: Decimal::ZERO,
            cumulative: Decimal::ZERO,
            discount_factor: discounter.year_discount_factor(y),
            present_value: Decimal::ZERO,
        })
        .collect();
    for (t, ((b, c), n)) in table
        .benefits
        .iter()
        .zip(&table.costs)
        .zip(&table.net)
        .enumerate()
    {
        let row = &mut rows[t.div_ceil(12)];
        row.benefits += b;
        row.costs += c;
        row.net += n;
        row.present_value += match discounter.convention {
            Discounting::Annual => Decimal::ZERO,
            Discounting::Monthly => n / discounter.month_factor[t],
        };
        row.cumulative = table.cumulative[t];
    }
    if discounter.convention == Discounting::Annual {
        for row in &mut rows {
            row.present_value = row.net / discounter.year_factor[row.year as usize];
        }
    }
    rows
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

    #[test]
    fn grid_stays_inside_the_open_interval() {
        let (up, down) = irr_grid();
        assert!(up.iter().all(|i| *i > Decimal::ZERO && *i < d("10")));
        assert!(down.iter().all(|i| *i < Decimal::ZERO && *i > d("-0.99")));
        assert!(up.windows(2).all(|w| w[0] < w[1]));
        assert!(down.windows(2).all(|w| w[0] > w[1]));
    }
}
