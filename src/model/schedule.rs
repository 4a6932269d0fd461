//! The monthly cash-flow table of both views: benefit cells (3.2), cost
//! cells (3.3), synergy (3.4), and the rows and totals under the footing
//! rule (3.5). Every money cell is made here by `decimal::round2`, the one
//! rounding of the model.

use rust_decimal::Decimal;

use super::View;
use super::decimal::round2;
use super::inputs::{CATEGORY_KEYS, category_label};
use super::ramp::{escalation_year, growth_factors, ramp_fractions};
use super::scenario::{Cost, ProgrammeRef, Scenario};

const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// What a row of the table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// One of the nine categories of MODEL.md section 2.
    Category,
    /// A custom benefit line.
    Custom,
    /// The synergy row.
    Synergy,
    /// A cost line.
    Cost,
}

/// One row of the monthly table: cells for `t = 0..=H` and their exact sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Column key as in the CSV: a category key, `custom:<name>`, `synergy`
    /// or `cost:<name>`.
    pub key: String,
    /// Human label.
    pub label: String,
    /// What the row is.
    pub kind: RowKind,
    /// Which programme realises it (`None` for costs and neutral lines).
    pub programme: ProgrammeRef,
    /// Cells for months 0..=H, whole cents.
    pub cells: Vec<Decimal>,
    /// Exact sum of the cells.
    pub total: Decimal,
}

/// The sum of `cells` exactly as `Iterator::sum` of `Decimal` makes it (same
/// value, scale and sign), in one pass of integer arithmetic when every cell
/// is non-negative with at most 2 decimal places, as cells are: `Decimal`
/// addition keeps the larger scale of two non-zero operands and returns the
/// other operand unchanged when one is zero, so the sum is the integer sum
/// of the mantissas at the largest scale of the non-zero cells, or the last
/// cell when all are zero. Any other cell falls back to the `Decimal` sum.
/// Cells and totals are summed thousands of times per recompute.
fn sum_cells<I>(cells: I) -> Decimal
where
    I: Iterator<Item = Decimal> + Clone,
{
    /// `10^(2 - scale)`: a mantissa at `scale` times this is in cents.
    const TO_CENTS: [i128; 3] = [100, 10, 1];
    let mut cents: i128 = 0;
    let mut scale = 0u32;
    let mut last = Decimal::ZERO;
    let mut any = false;
    for c in cells.clone() {
        let s = c.scale();
        if c.is_sign_negative() || s > 2 {
            return cells.sum();
        }
        if !c.is_zero() {
            any = true;
            scale = scale.max(s);
            cents += c.mantissa() * TO_CENTS[s as usize];
        }
        last = c;
    }
    if !any {
        return last;
    }
    // Every non-zero cell has at most `scale` places, so this is exact.
    let mantissa = cents / TO_CENTS[scale as usize];
    if mantissa >= 1i128 << 96 {
        return cells.sum();
    }
    Decimal::from_i128_with_scale(mantissa, scale)
}

impl Row {
    fn new(
        key: String,
        label: String,
        kind: RowKind,
        programme: ProgrammeRef,
        cells: Vec<Decimal>,
    ) -> Self {
        let total = sum_cells(cells.iter().copied());
        Self {
            key,
            label,
            kind,
            programme,
            cells,
            total,
        }
    }
}

/// One view (unadjusted or risk-adjusted) of the monthly table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Benefit rows: the nine categories, custom lines, then synergy.
    pub benefit_rows: Vec<Row>,
    /// Cost rows in file order.
    pub cost_rows: Vec<Row>,
    /// `benefits(t)`.
    pub benefits: Vec<Decimal>,
    /// `costs(t)`.
    pub costs: Vec<Decimal>,
    /// `net(t) = benefits(t) - costs(t)`.
    pub net: Vec<Decimal>,
    /// Running sum of `net` over months 0..=t.
    pub cumulative: Vec<Decimal>,
}

/// A benefit line before it is spread over months.
struct Line {
    key: String,
    label: String,
    kind: RowKind,
    programme: ProgrammeRef,
    annual: Decimal,
    growth: Decimal,
    risk: Decimal,
}

/// The annual saving `A` of each category at today's prices (MODEL.md section 2).
#[must_use]
pub fn category_annual_savings(s: &Scenario) -> [(&'static str, Decimal); 9] {
    let b = &s.benefits;
    let twelve = TWELVE;
    let ti = &b.tem_infrastructure;
    let tl = &b.tem_licences;
    let ts = &b.tem_services;
    let th = &b.tem_headcount;
    let di = &b.tdm_infrastructure;
    let dt = &b.tdm_tester_productivity;
    let dd = &b.tdm_developer_productivity;
    let ds = &b.tdm_support;
    let db = &b.tdm_breach;
    [
        (
            CATEGORY_KEYS[0],
            Decimal::from(ti.environments)
                * ti.servers_per_environment
                * ti.cost_per_server_year
                * ti.reduction,
        ),
        (
            CATEGORY_KEYS[1],
            Decimal::from(tl.licences) * tl.cost_per_licence_year * tl.reduction,
        ),
        (
            CATEGORY_KEYS[2],
            Decimal::from(ts.requests_per_year)
                * ts.hours_per_request
                * ts.cost_per_hour
                * ts.reduction,
        ),
        (
            CATEGORY_KEYS[3],
            th.fte * th.cost_per_fte_year * th.reduction,
        ),
        (
            CATEGORY_KEYS[4],
            di.production_data_tb
                * Decimal::from(di.non_production_copies)
                * di.cost_per_tb_year
                * di.reduction,
        ),
        (
            CATEGORY_KEYS[5],
            Decimal::from(dt.people)
                * dt.hours_per_person_month
                * twelve
                * dt.cost_per_hour
                * dt.reduction,
        ),
        (
            CATEGORY_KEYS[6],
            Decimal::from(dd.people)
                * dd.hours_per_person_month
                * twelve
                * dd.cost_per_hour
                * dd.reduction,
        ),
        (
            CATEGORY_KEYS[7],
            Decimal::from(ds.defects_per_year) * ds.cost_per_defect * ds.reduction,
        ),
        (
            CATEGORY_KEYS[8],
            db.annual_probability * db.breach_cost * db.reduction,
        ),
    ]
}

fn benefit_lines(s: &Scenario) -> Vec<Line> {
    let b = &s.benefits;
    let escalation = [
        (b.tem_infrastructure.growth, b.tem_infrastructure.risk),
        (b.tem_licences.growth, b.tem_licences.risk),
        (b.tem_services.growth, b.tem_services.risk),
        (b.tem_headcount.growth, b.tem_headcount.risk),
        (b.tdm_infrastructure.growth, b.tdm_infrastructure.risk),
        (
            b.tdm_tester_productivity.growth,
            b.tdm_tester_productivity.risk,
        ),
        (
            b.tdm_developer_productivity.growth,
            b.tdm_developer_productivity.risk,
        ),
        (b.tdm_support.growth, b.tdm_support.risk),
        (b.tdm_breach.growth, b.tdm_breach.risk),
    ];
    let mut lines: Vec<Line> = category_annual_savings(s)
        .into_iter()
        .zip(escalation)
        .enumerate()
        .map(|(i, ((key, annual), (growth, risk)))| Line {
            key: key.to_owned(),
            label: category_label(key).to_owned(),
            kind: RowKind::Category,
            programme: if i < 4 {
                ProgrammeRef::Tem
            } else {
                ProgrammeRef::Tdm
            },
            annual,
            growth,
            risk,
        })
        .collect();
    lines.extend(b.custom.iter().map(|c| Line {
        key: format!("custom:{}", c.name),
        label: c.name.clone(),
        kind: RowKind::Custom,
        programme: c.programme,
        annual: c.annual_amount,
        growth: c.growth,
        risk: c.risk,
    }));
    lines
}

/// Spreads one benefit line over the months (MODEL.md 3.2) in one view.
/// Consecutive months with the same escalation year and realisation share
/// one computation.
fn benefit_cells(line: &Line, f: &[(Decimal, Decimal)], years: usize, view: View) -> Vec<Decimal> {
    let growth = growth_factors(line.growth, years);
    let keep = match view {
        View::Adjusted => Some(Decimal::ONE - line.risk),
        View::Unadjusted => None,
    };
    let mut cells = Vec::with_capacity(f.len());
    cells.push(Decimal::ZERO);
    let mut memo: Option<(usize, (Decimal, Decimal), Decimal)> = None;
    for (t, &share) in (1u32..).zip(&f[1..]) {
        let (numerator, denominator) = share;
        if numerator.is_zero() || line.annual.is_zero() {
            cells.push(Decimal::ZERO);
            continue;
        }
        let y = escalation_year(t);
        let cell = match memo {
            Some((my, mf, cell)) if my == y && mf == share => cell,
            _ => {
                // A x (1 + g)^y [x (1 - risk)] x f / 12, with f = numerator /
                // denominator: every product is exact and the one division
                // comes last.
                let mut value = line.annual * growth[y];
                if let Some(keep) = keep {
                    value *= keep;
                }
                let cell = round2(value * numerator / (TWELVE * denominator));
                memo = Some((y, share, cell));
                cell
            }
        };
        cells.push(cell);
    }
    cells
}

/// Spreads one cost line over the months (MODEL.md 3.3) in one view.
fn cost_cells(cost: &Cost, horizon: u32, years: usize, view: View) -> Vec<Decimal> {
    let mut cells = vec![Decimal::ZERO; horizon as usize + 1];
    let uplift = match view {
        View::Adjusted => Some(Decimal::ONE + cost.risk()),
        View::Unadjusted => None,
    };
    match cost {
        Cost::OneOff { amount, month, .. } => {
            if *month <= horizon {
                cells[*month as usize] = round2(uplift.map_or(*amount, |u| *amount * u));
            }
        }
        Cost::Recurring {
            annual_amount,
            start_month,
            end_month,
            growth,
            ..
        } => {
            let growth = growth_factors(*growth, years);
            let last = end_month.map_or(horizon, |e| e.min(horizon));
            let mut memo: Option<(usize, Decimal)> = None;
            for t in (*start_month).max(1)..=last {
                let y = escalation_year(t);
                let cell = match memo {
                    Some((my, cell)) if my == y => cell,
                    _ => {
                        let mut value = *annual_amount * growth[y];
                        if let Some(uplift) = uplift {
                            value *= uplift;
                        }
                        let cell = round2(value / TWELVE);
                        memo = Some((y, cell));
                        cell
                    }
                };
                cells[t as usize] = cell;
            }
        }
    }
    cells
}

/// Synergy cells of one view (MODEL.md 3.4).
fn synergy_cells(s: &Scenario, rows: &[Row], len: usize) -> Vec<Decimal> {
    let mut cells = vec![Decimal::ZERO; len];
    if !(s.tem.enabled && s.tdm.enabled) || s.synergy_uplift.is_zero() {
        return cells;
    }
    for (t, cell) in cells.iter_mut().enumerate() {
        let base = sum_cells(
            rows.iter()
                .filter(|r| r.programme != ProgrammeRef::None)
                .map(|r| r.cells[t]),
        );
        *cell = round2(s.synergy_uplift * base);
    }
    cells
}

fn finish(benefit_rows: Vec<Row>, cost_rows: Vec<Row>, len: usize) -> Table {
    let column_sum = |rows: &[Row]| -> Vec<Decimal> {
        (0..len)
            .map(|t| sum_cells(rows.iter().map(|r| r.cells[t])))
            .collect()
    };
    let benefits = column_sum(&benefit_rows);
    let costs = column_sum(&cost_rows);
    let net: Vec<Decimal> = benefits.iter().zip(&costs).map(|(b, c)| b - c).collect();
    let cumulative = net
        .iter()
        .scan(Decimal::ZERO, |acc, n| {
            *acc += n;
            Some(*acc)
        })
        .collect();
    Table {
        benefit_rows,
        cost_rows,
        benefits,
        costs,
        net,
        cumulative,
    }
}

/// Builds both views of the monthly table: `(unadjusted, risk_adjusted)`.
/// The scenario must be valid (see [`super::validate::validate`]).
#[must_use]
pub fn tables(s: &Scenario) -> (Table, Table) {
    (table(s, View::Unadjusted), table(s, View::Adjusted))
}

/// Builds one view of the monthly table. The scenario must be valid (see
/// [`super::validate::validate`]).
#[must_use]
pub fn table(s: &Scenario, view: View) -> Table {
    let horizon = s.horizon_months;
    let len = horizon as usize + 1;
    let years = (horizon as usize).saturating_sub(1) / 12 + 1;
    let f_tem = ramp_fractions(&s.tem, horizon);
    let f_tdm = ramp_fractions(&s.tdm, horizon);
    let f_none: Vec<(Decimal, Decimal)> = (0..=horizon)
        .map(|t| {
            (
                if t == 0 { Decimal::ZERO } else { Decimal::ONE },
                Decimal::ONE,
            )
        })
        .collect();

    let mut benefit_rows: Vec<Row> = benefit_lines(s)
        .into_iter()
        .map(|line| {
            let f = match line.programme {
                ProgrammeRef::Tem => &f_tem,
                ProgrammeRef::Tdm => &f_tdm,
                ProgrammeRef::None => &f_none,
            };
            let cells = benefit_cells(&line, f, years, view);
            Row::new(line.key, line.label, line.kind, line.programme, cells)
        })
        .collect();
    let synergy = synergy_cells(s, &benefit_rows, len);
    benefit_rows.push(Row::new(
        "synergy".into(),
        category_label("synergy").into(),
        RowKind::Synergy,
        ProgrammeRef::None,
        synergy,
    ));
    let cost_rows = s
        .costs
        .iter()
        .map(|cost| {
            let cells = cost_cells(cost, horizon, years, view);
            Row::new(
                format!("cost:{}", cost.name()),
                cost.name().to_owned(),
                RowKind::Cost,
                ProgrammeRef::None,
                cells,
            )
        })
        .collect();
    finish(benefit_rows, cost_rows, len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `sum_cells` must give the very bits of `Decimal`'s own sum: value,
    /// scale and sign, including the scale of an all-zero column.
    #[test]
    fn sum_cells_matches_the_decimal_sum_bit_for_bit() {
        let cases: [&[&str]; 8] = [
            &[],
            &["0", "0.00", "0"],
            &["0", "0", "0.00"],
            &["250000", "0.50", "0", "1790.62"],
            &["1.5", "2", "0.00"],
            &["100", "200"],
            &["5.00", "-5.00", "1"],
            &["79228162514264337593543950335", "0"],
        ];
        for case in cases {
            let cells: Vec<Decimal> = case.iter().map(|s| d(s)).collect();
            let fast = sum_cells(cells.iter().copied());
            let slow: Decimal = cells.iter().sum();
            assert_eq!(fast.serialize(), slow.serialize(), "{case:?}");
        }
    }
}
